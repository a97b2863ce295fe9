import test from 'node:test';
import assert from 'node:assert/strict';
import { mount, snapshot, texts } from './shim.mjs';
import { DetailPanel } from '../../www/src/ui/detail-panel.js';
import { TEXT } from '../../www/src/i18n.js';

function panel() {
  const calls = [];
  const p = new DetailPanel({
    close: () => calls.push('close'),
    toggle: (id) => calls.push(`toggle ${id}`),
    leverList: (id, sort) => ({ lever: id, total: 2, sort, items: [] }),
    summary: () => null,
    preview: () => {},
    cite: async () => true,
    bar: () => {},
    focusMap: () => {},
    frameHeight: () => 560,
    coverChanged: () => {},
  });
  mount(p.build());
  p.applyText(TEXT.fr);
  return { p, calls };
}

test('no selection: the panel is hidden and empty', () => {
  const { p } = panel();
  p.sync(snapshot());
  assert.equal(p.panel.hidden, true);
  assert.equal(p.body.childNodes.length, 0);
});

test('a contribution: text as text, only http(s) and mailto links, label as arobases', () => {
  const { p } = panel();
  const detail = {
    kind: 'contribution', id: 'c1', title: 'x', text: '<img src=x onerror=alert(1)>', author: 'Ada', role: 'maire',
    collectivity: 'Ivry', department: '94', year: 2021, label: 3, axis: 'Axe 1', levers: ['Levier A'],
    links: [{ href: ' https://example.org/a ', text: 'A' }, { href: 'javascript:alert(1)', text: 'B' },
      { href: 'mailto:a@b.fr', text: '' }, { href: 'data:text/html,x', text: 'D' }],
  };
  p.sync(snapshot({ selected: 'c1', detail }));
  assert.equal(p.panel.hidden, false);
  assert.equal(p.body.querySelector('blockquote').textContent, detail.text);
  assert.equal(p.body.querySelector('img'), null, 'never parsed as HTML');
  assert.deepEqual([...p.body.querySelectorAll('a')].map((a) => a.getAttribute('href')), ['https://example.org/a', 'mailto:a@b.fr']);
  assert.deepEqual(texts(p.body, 'dt'), ['Auteur', 'Collectivité', 'Année', 'Label Villes Internet', 'Axe', 'Levier(s)']);
  assert.deepEqual(texts(p.body, 'dd').slice(0, 4), ['Ada, maire', 'Ivry (94)', '2021', '@@@']);
});

test('a lever: its count and a show button that asks the player to toggle', () => {
  const { p, calls } = panel();
  p.sync(snapshot({ selected: 'l1', detail: { kind: 'lever', id: 'l1', title: 'Levier', axis: 'Axe', description: 'Un.\n\nDeux.', count: 2, unfolded: false } }));
  assert.deepEqual(texts(p.body, 'p').slice(0, 4), ['Levier', 'Axe : Axe', 'Un.', 'Deux.']);
  const toggle = p.body.querySelector('button.toggle');
  assert.equal(toggle.textContent, 'Afficher les contributions');
  toggle.dispatchEvent(new Event('click'));
  p.close.dispatchEvent(new Event('click'));
  assert.deepEqual(calls, ['toggle l1', 'close']);
});

test('the language changes: the same detail in English', () => {
  const { p } = panel();
  p.sync(snapshot({ detail: { kind: 'axis', id: 'a', title: 'T', count: 0 } }));
  p.applyText(TEXT.en);
  assert.deepEqual(texts(p.body, 'p').slice(0, 2), ['Axis', 'No contribution']);
  assert.equal(p.close.getAttribute('aria-label'), 'Close the detail');
});

test('an unclassified contribution: the proposals its file carries, « none reliable » for an empty list, nothing when none were computed', () => {
  const { p } = panel();
  const base = { kind: 'contribution', id: 'c9', title: 'x', text: 'Un texte', levers: [], unclassified: true };
  const proposals = () => [...p.body.querySelectorAll('li')].map((li) => li.textContent);
  p.sync(snapshot({ selected: 'c9', detail: { ...base, suggestions: [{ lever: 'l2', title: 'Levier B', score: 0.42 }] } }));
  assert.deepEqual(proposals(), [`Levier B (${TEXT.fr.score(0.42)})`]);
  assert.equal(p.body.querySelector('.no-suggestion'), null);
  p.sync(snapshot({ selected: 'c9', detail: { ...base, suggestions: [] } }));
  assert.equal(p.body.querySelector('.no-suggestion').textContent, TEXT.fr.noSuggestion);
  p.sync(snapshot({ selected: 'c9', detail: { ...base } }));
  assert.equal(p.body.querySelector('.no-suggestion'), null, 'not computed: nothing said');
  assert.deepEqual(proposals(), []);
  assert.equal(p.body.querySelector('.unclassified').textContent, TEXT.fr.unclassified);
});
