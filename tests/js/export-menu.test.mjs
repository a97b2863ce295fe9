import test from 'node:test';
import assert from 'node:assert/strict';
import { mount, snapshot, texts } from './shim.mjs';
import { ExportMenu } from '../../www/src/ui/export-menu.js';
import { PrintView, printContent } from '../../www/src/ui/print-view.js';
import { TEXT } from '../../www/src/i18n.js';
import { document } from './shim.mjs';

test('the menu lists four exports; print is disabled without a lever in scope', () => {
  const runs = [];
  let printable = false;
  const m = new ExportMenu({ printable: () => printable, run: (a) => runs.push(a) });
  const root = mount();
  root.append(m.build(root));
  m.applyText(TEXT.fr);
  assert.deepEqual(texts(m.menu, 'button'), ['Image PNG (vue actuelle)', 'Image SVG (carte entière)', 'Tableau CSV (contributions affichées)', 'Imprimer le levier']);
  m.toggle.dispatchEvent(new Event('click'));
  assert.equal(m.menu.hidden, false);
  assert.equal(m.items.print.disabled, true);
  assert.equal(m.items.print.title, 'Sélectionnez un levier ou l’une de ses contributions pour l’imprimer.');
  m.items.print.dispatchEvent(new Event('click', { bubbles: true }));
  assert.deepEqual(runs, [], 'a disabled item does nothing');
  m.items.csv.dispatchEvent(new Event('click', { bubbles: true }));
  assert.deepEqual(runs, ['csv']);
  assert.equal(m.menu.hidden, true, 'choosing closes the menu');
  printable = true;
  m.sync(snapshot({ printable: true }));
  assert.equal(m.items.print.disabled, false);
  assert.equal(m.items.print.title, '');
});

test('the print view: every contribution, http(s) links only, text never parsed', () => {
  const data = {
    motion: 'Motion', axis: 'Axe', lever: 'Levier', leverId: 'l1', description: 'Un.\n\nDeux.',
    contributions: [
      { text: '<b>fort</b>', author: 'Ada', role: 'maire', collectivity: 'Ivry', department: '94', year: 2021, label: 2,
        links: [{ href: 'https://a.fr', text: 'A' }, { href: 'mailto:x@y.fr', text: 'M' }, { href: 'javascript:x', text: 'J' }] },
      { text: 'Deux', author: 'Bob' },
    ],
  };
  const nodes = printContent(document, data, TEXT.fr);
  const box = mount(...nodes);
  assert.equal(box.querySelector('h1').textContent, 'Levier');
  assert.deepEqual(texts(box, 'p.description'), ['Un.', 'Deux.']);
  assert.equal(box.querySelectorAll('li.contribution').length, 2);
  assert.equal(box.querySelector('blockquote').textContent, '<b>fort</b>');
  assert.equal(box.querySelector('b'), null);
  assert.deepEqual([...box.querySelectorAll('a')].map((a) => a.getAttribute('href')), ['https://a.fr']);
  assert.equal(box.querySelector('p.count').textContent, '2 contributions');
  assert.equal(typeof new PrintView().remove, 'function');
});
