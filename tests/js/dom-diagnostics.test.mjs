import test from 'node:test';
import assert from 'node:assert/strict';
import { mount, texts } from './shim.mjs';
import { el, safeHref, paragraphs, wireSheet } from '../../www/src/dom.js';
import { decode } from '../../www/src/fetch.js';
import { Diagnostics } from '../../www/src/ui/diagnostics.js';
import { TEXT, textFor } from '../../www/src/i18n.js';

test('the one link rule: http(s) and mailto (not in print), trimmed; nothing else', () => {
  assert.equal(safeHref(' https://a.fr/x '), 'https://a.fr/x');
  assert.equal(safeHref('HTTP://a.fr'), 'HTTP://a.fr');
  assert.equal(safeHref('mailto:a@b.fr'), 'mailto:a@b.fr');
  assert.equal(safeHref('mailto:a@b.fr', { mailto: false }), null);
  for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:x', 'data:text/html,x', '/relatif', 'https:/x', '', null, 42]) {
    assert.equal(safeHref(bad), null, String(bad));
  }
});

test('el sets text as text and attributes as attributes', () => {
  const p = el('p', { class: 'k', text: '<b>x</b>', 'data-x': '1' });
  assert.equal(p.textContent, '<b>x</b>');
  assert.equal(p.querySelector('b'), null);
  assert.equal(p.className, 'k');
  assert.deepEqual(paragraphs('Un.\n\n  Deux.\n').map((n) => n.textContent), ['Un.', 'Deux.']);
});

test('wireSheet: the toggle opens and closes the sheet; the close button and Escape while open close it and refocus the toggle', () => {
  const sheet = el('section', {}, el('input'));
  const calls = [];
  let open = false;
  const part = {
    toggle: el('button'),
    close: el('button'),
    open: () => { open = true; calls.push('open'); },
    hide: (refocus) => { open = false; calls.push(`hide ${refocus}`); },
  };
  wireSheet(sheet, part, () => open);
  const escape = () => {
    const e = Object.assign(new Event('keydown', { bubbles: true, cancelable: true }), { key: 'Escape' });
    let outside = 0;
    const host = mount(sheet);
    host.addEventListener('keydown', () => { outside++; });
    sheet.firstChild.dispatchEvent(e);
    host.remove();
    return { prevented: e.defaultPrevented, outside };
  };
  part.toggle.dispatchEvent(new Event('click'));
  part.toggle.dispatchEvent(new Event('click'));
  assert.deepEqual(calls, ['open', 'hide false'], 'the toggle closes without moving the keyboard');
  assert.deepEqual(escape(), { prevented: false, outside: 1 }, 'closed: Escape is left to the page');
  part.toggle.dispatchEvent(new Event('click'));
  assert.deepEqual(escape(), { prevented: true, outside: 0 }, 'open: Escape closes the sheet only');
  part.toggle.dispatchEvent(new Event('click'));
  part.close.dispatchEvent(new Event('click'));
  assert.deepEqual(calls, ['open', 'hide false', 'open', 'hide true', 'open', 'hide true']);
});

test('decode: UTF-8 (BOM dropped), else Windows-1252', () => {
  const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('élu·e', 'utf8')]);
  assert.deepEqual(decode(utf8), { text: 'élu·e', encoding: 'utf-8' });
  const cp1252 = new Uint8Array([0x65, 0x6c, 0xe9]);
  assert.deepEqual(decode(cp1252), { text: 'elé', encoding: 'windows-1252' });
});

test('strings: the same keys in fr and en; lang picks the table', () => {
  assert.deepEqual(Object.keys(TEXT.en).sort(), Object.keys(TEXT.fr).sort());
  assert.equal(textFor('en-GB'), TEXT.en);
  assert.equal(textFor('de'), TEXT.fr);
});

test('diagnostics for staff: hidden without warnings; « N lignes écartées ou corrigées » opens the list', () => {
  const d = new Diagnostics();
  mount(d.build());
  d.applyText(TEXT.fr);
  d.show([]);
  assert.equal(d.toggle.hidden, true);
  d.show([{ file: 'c.csv', text: 'ligne 3 : label « 9 » invalide, laissé vide' }, { file: '', text: 'encodage' }]);
  assert.equal(d.toggle.hidden, false);
  assert.equal(d.toggle.textContent, '2 lignes écartées ou corrigées');
  assert.equal(d.sheet.hidden, true, 'the list waits to be asked for');
  d.toggle.dispatchEvent(new Event('click'));
  assert.equal(d.sheet.hidden, false);
  assert.deepEqual(texts(d.list, 'li'), ['c.csv — ligne 3 : label « 9 » invalide, laissé vide', 'encodage']);
  d.applyText(TEXT.en);
  assert.equal(d.toggle.textContent, '2 lines set aside or corrected');
});
