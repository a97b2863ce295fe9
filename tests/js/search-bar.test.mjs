import test from 'node:test';
import assert from 'node:assert/strict';
import { mount, snapshot, texts } from './shim.mjs';
import { SearchBar } from '../../www/src/ui/search-bar.js';
import { TEXT } from '../../www/src/i18n.js';

const HITS = [{ id: 'c1', kind: 'contribution', title: 'Ada' }, { id: 'l2', kind: 'lever', title: 'Levier 2' }];

/** A search bar over a fake map: `search` and `step` return the snapshot the map would give. */
function bar() {
  const calls = [];
  let state = snapshot();
  const b = new SearchBar({
    search: (q) => { calls.push(`search ${q}`); state = snapshot({ query: q, count: q ? 2 : 0, hits: q ? HITS : [] }); b.sync(state); return state; },
    step: (forward) => {
      calls.push(`step ${forward}`);
      const hit = state.hit == null ? (forward ? 0 : 1) : (state.hit + (forward ? 1 : 1)) % 2;
      state = { ...state, hit, selected: HITS[hit].id, detail: { kind: HITS[hit].kind, title: HITS[hit].title } };
      return state;
    },
    goTo: (k) => { calls.push(`goTo ${k}`); state = { ...state, hit: k, detail: { kind: HITS[k].kind, title: HITS[k].title } }; return state; },
    announce: (text) => calls.push(`announce ${text}`),
    focusMap: () => calls.push('focusMap'),
  });
  mount(b.build(), b.prev, b.next);
  b.applyText(TEXT.fr);
  return { b, calls };
}

test('an empty query shows no count, no list and no step buttons', () => {
  const { b } = bar();
  b.sync(snapshot());
  assert.equal(b.count.textContent, '');
  assert.equal(b.results.children.length, 0);
  assert.equal(b.prev.hidden, true);
  assert.equal(b.next.hidden, true);
});

test('a query renders the hits of the snapshot, and their count', () => {
  const { b, calls } = bar();
  b.query.value = 'ada';
  b.run();
  assert.deepEqual(calls, ['search ada']);
  assert.equal(b.count.textContent, '2 résultats');
  assert.deepEqual(texts(b.results, 'button'), ['ContributionAda', 'LevierLevier 2']);
  assert.equal(b.results.classList.contains('has'), true);
  assert.equal(b.next.hidden, false);
  b.destroy();
});

test('Enter steps to a hit: « 1 sur 2 », the list steps aside, the hit is announced', () => {
  const { b, calls } = bar();
  b.query.value = 'ada';
  b.run();
  b.query.dispatchEvent(Object.assign(new Event('keydown'), { key: 'Enter', shiftKey: false }));
  assert.equal(b.count.textContent, '1 sur 2');
  assert.equal(b.results.classList.contains('has'), false);
  assert.equal(b.results.querySelector('[aria-current="true"]').textContent, 'ContributionAda');
  assert.ok(calls.includes('step true'));
  assert.ok(calls.includes('announce Résultat 1 sur 2 : Contribution, Ada.'), calls.join('\n'));
  b.destroy();
});

test('a click on a listed hit goes to it; Escape clears the query', () => {
  const { b, calls } = bar();
  b.query.value = 'ada';
  b.run();
  b.results.querySelectorAll('button')[1].dispatchEvent(new Event('click', { bubbles: true }));
  assert.ok(calls.includes('goTo 1'));
  assert.equal(b.count.textContent, '2 sur 2');
  b.query.dispatchEvent(Object.assign(new Event('keydown'), { key: 'Escape' }));
  assert.equal(b.query.value, '');
  assert.equal(calls.at(-1), 'search ');
  assert.equal(b.count.textContent, '');
  b.destroy();
});

test('a restored link: the box shows the map\'s query', () => {
  const { b } = bar();
  b.sync(snapshot({ query: 'ivry', count: 1, hits: HITS.slice(0, 1), hit: 0 }));
  assert.equal(b.query.value, 'ivry');
  assert.equal(b.count.textContent, '1 sur 1');
});
