import test from 'node:test';
import assert from 'node:assert/strict';
import { mount, snapshot, texts } from './shim.mjs';
import { OutlineTree } from '../../www/src/ui/outline-tree.js';
import { TEXT } from '../../www/src/i18n.js';

// motion → axis → two levers; the first lever holds two contributions.
const OUTLINE = [
  { id: 'm', kind: 'motion', level: 0, title: 'Motion', place: '', children: [1] },
  { id: 'a', kind: 'axis', level: 1, title: 'Axe', place: '', children: [2, 3] },
  { id: 'l1', kind: 'lever', level: 2, title: 'Levier 1', place: '', children: [4, 5] },
  { id: 'l2', kind: 'lever', level: 2, title: 'Levier 2', place: '', children: [] },
  { id: 'c1', kind: 'contribution', level: 3, title: 'Ada', place: 'Ivry (94)', children: [] },
  { id: 'c2', kind: 'contribution', level: 3, title: 'Bob', place: '', children: [] },
];

function tree() {
  const calls = [];
  const o = new OutlineTree({
    outline: () => OUTLINE,
    toggle: (id) => calls.push(`toggle ${id}`),
    activate: (id, toggle) => calls.push(`activate ${id} ${toggle}`),
    focusNode: (id) => calls.push(`focus ${id}`),
    focusVisible: () => {},
    opened: () => calls.push('opened'),
  });
  mount(o.toggle, o.build());
  o.applyText(TEXT.fr, 'Motion');
  o.rebuild();
  return { o, calls };
}

const rows = (o) => texts(o.tree, '.row');

test('folded levers: the tree lists the motion, its axes and levers with their counts', () => {
  const { o } = tree();
  o.sync(snapshot());
  assert.deepEqual(rows(o), ['Motion : Motion', 'Axe : Axe', 'Levier : Levier 1 — 2 contributions', 'Levier : Levier 2 — Aucune contribution']);
  assert.equal(o.tree.getAttribute('aria-label'), 'Plan de la carte : Motion');
  const l1 = o.items.get('l1')[0];
  assert.equal(l1.getAttribute('aria-expanded'), 'false');
  assert.equal(o.items.get('l2')[0].hasAttribute('aria-expanded'), false, 'an empty lever does not expand');
  assert.equal(o.items.get('m')[0].getAttribute('tabindex'), '0', 'one tab stop, on the motion');
});

test('an unfolded lever shows the contributions the filters keep; the selection is marked', () => {
  const { o } = tree();
  o.sync(snapshot({ unfolded: ['l1'], selected: 'c1' }));
  assert.deepEqual(rows(o).slice(3, 5), ['Ada, Ivry (94)', 'Bob']);
  assert.equal(o.items.get('c1')[0].getAttribute('aria-selected'), 'true');
  assert.equal(o.items.get('c1')[0].getAttribute('tabindex'), '0');
  o.sync(snapshot({ unfolded: ['l1'], kept: ['c2'], filters: { axes: [], years: [], departments: ['75'], roles: [], labels: [] } }));
  assert.deepEqual(rows(o).slice(2, 4), ['Levier : Levier 1 — 1 contribution', 'Bob']);
  assert.equal(o.items.has('c1'), false, 'a filtered-out contribution leaves the tree');
  o.sync(snapshot());
  assert.equal(o.items.get('l1')[0].getAttribute('aria-expanded'), 'false');
  assert.equal(o.items.has('c2'), false);
});

test('keys: Right unfolds a folded lever, Enter activates, a click activates and toggles a lever', () => {
  const { o, calls } = tree();
  o.sync(snapshot());
  const l1 = o.items.get('l1')[0];
  const key = (target, k) => target.dispatchEvent(Object.assign(new Event('keydown', { bubbles: true }), { key: k }));
  key(l1, 'ArrowRight');
  key(l1, 'Enter');
  l1.firstElementChild.dispatchEvent(new Event('click', { bubbles: true }));
  key(o.items.get('a')[0], 'Enter');
  assert.deepEqual(calls, ['toggle l1', 'activate l1 true', 'activate l1 true', 'activate a false']);
});

test('the button opens the outline, Escape closes it', () => {
  const { o, calls } = tree();
  o.sync(snapshot());
  o.toggle.dispatchEvent(new Event('click'));
  assert.equal(o.isOpen, true);
  assert.ok(calls.includes('opened'));
  assert.ok(calls.includes('focus m'), 'the keyboard goes to the tab stop, the map follows');
  o.nav.dispatchEvent(Object.assign(new Event('keydown'), { key: 'Escape' }));
  assert.equal(o.isOpen, false);
});
