import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dom, T } from './dom.mjs';
import { build, windowOf, ROW_ESTIMATE, OVERSCAN } from '../../www/src/ui/lever-list.js';

const item = (k) => ({
  id: `c${k}`,
  text: `Contribution synthétique n° ${k} : des mots.`,
  author: `Élu·e ${k}`,
  role: 'maire',
  collectivity: `Commune synthétique ${k}`,
  department: String(10 + (k % 80)),
  year: 2021,
  label: 1 + (k % 5),
});

function part(n, extra = {}) {
  const { document } = dom();
  const calls = { sort: [], preview: [], cite: [], escape: 0 };
  const p = build(document, {
    onSort: (k) => calls.sort.push(k),
    onPreview: (id) => calls.preview.push(id),
    onCite: async (id) => { calls.cite.push(id); return true; },
    onEscape: () => { calls.escape++; },
  });
  document.body.append(p.root);
  p.applyText(T);
  const items = Array.from({ length: n }, (_, k) => item(k + 1));
  p.sync({ list: { lever: 'a3-l2', total: extra.total ?? n, sort: 'map', items } });
  return { document, p, calls };
}

const rows = (p) => [...p.list.querySelectorAll('.lever-item')];

test('the window covers the rows in sight and a few more', () => {
  const w = windowOf(1000, [], 10 * ROW_ESTIMATE, 5 * ROW_ESTIMATE);
  assert.equal(w.from, 10 - OVERSCAN);
  assert.equal(w.to, 15 + OVERSCAN);
  assert.equal(w.total, 1000 * ROW_ESTIMATE);
  const measured = windowOf(3, [10, 20, 30], 0, 1000);
  assert.deepEqual(measured.offsets, [0, 10, 30, 60]);
  assert.deepEqual([measured.from, measured.to], [0, 3]);
  assert.deepEqual([windowOf(0, [], 0, 500).from, windowOf(0, [], 0, 500).to], [0, 0]);
});

test('a thousand contributions draw only the rows in sight', () => {
  const { p } = part(1000);
  const drawn = rows(p);
  assert.ok(drawn.length > 0 && drawn.length < 20, `${drawn.length} rows drawn`);
  assert.equal(drawn[0].getAttribute('aria-setsize'), '1000');
  assert.equal(drawn[0].getAttribute('aria-posinset'), '1');
  assert.equal(p.count.textContent, '1000 contributions');
});

test('each row shows the words, who, where, label and year, as text', () => {
  const { document, p } = part(1);
  const { p: q } = part(0);
  assert.equal(rows(q).length, 0);
  const evil = { ...item(1), text: '<img src=x onerror="alert(1)">', author: '<b>X</b>' };
  p.sync({ list: { lever: 'a3-l2', total: 1, sort: 'map', items: [evil] } });
  const [li] = rows(p);
  assert.equal(li.querySelector('blockquote').textContent, '<img src=x onerror="alert(1)">');
  assert.equal(li.querySelector('img'), null, 'never parsed as HTML');
  assert.equal(li.querySelector('.who').textContent, '<b>X</b>, maire — Commune synthétique 1 (11)');
  assert.equal(li.querySelector('.arobases').textContent, '@@');
  assert.equal(li.querySelector('.arobases').getAttribute('aria-label'), '2 arobases');
  assert.equal(li.querySelector('.year').textContent, '2021');
  assert.ok(document.body.textContent.includes('Copier la citation'));
});

test('the count says how many the search and filters keep out of all', () => {
  const { p } = part(12, { total: 62 });
  assert.equal(p.count.textContent, '12 sur 62');
});

test('sorting asks the map for the list again', () => {
  const { document, p, calls } = part(3);
  Object.defineProperty(p.sort, 'value', { value: 'department' });
  p.sort.dispatchEvent(new document.defaultView.Event('change'));
  assert.deepEqual(calls.sort, ['department']);
  assert.deepEqual([...p.sort.options].map((o) => o.textContent), ['ordre de la carte', 'département', 'label', 'auteur']);
});

test('arrows move through the list, Enter expands in place, Escape goes back to the map', () => {
  const { document, p, calls } = part(50);
  const key = (target, k) => target.dispatchEvent(Object.assign(new document.defaultView.Event('keydown', { bubbles: true }), { key: k }));
  p.focusRow(0);
  let [first] = rows(p);
  assert.equal(first.getAttribute('tabindex'), '0');
  key(first, 'ArrowDown');
  const second = rows(p).find((li) => li.dataset.index === '1');
  assert.equal(second.getAttribute('tabindex'), '0');
  assert.equal(rows(p).find((li) => li.dataset.index === '0').getAttribute('tabindex'), '-1', 'one tab stop');
  assert.ok(calls.preview.includes('c2'), 'the focused item shows its dot on the map');
  key(second, 'Enter');
  const open = rows(p).find((li) => li.dataset.index === '1');
  assert.equal(open.querySelector('button.more').getAttribute('aria-expanded'), 'true');
  assert.ok(open.querySelector('blockquote').className.includes('open'));
  assert.equal(open.querySelector('button.more').textContent, 'Réduire');
  key(open, 'End');
  assert.ok(rows(p).some((li) => li.dataset.index === '49'), 'the last row is drawn when reached');
  key(rows(p).find((li) => li.dataset.index === '49'), 'Escape');
  assert.equal(calls.escape, 1);
  assert.equal(calls.preview.at(-1), null, 'the highlight goes');
});

test('the citation button copies and says so', async () => {
  const { p, calls } = part(2);
  const [li] = rows(p);
  li.querySelector('button.cite').click();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(calls.cite, ['c1']);
  assert.equal(li.querySelector('.cite-status').textContent, 'Citation copiée.');
});
