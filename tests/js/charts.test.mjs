import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dom, T } from './dom.mjs';
import { build, widths } from '../../www/src/ui/charts.js';

const SUMMARY = {
  id: 'a3', total: 181,
  levers: [{ value: 'a3-l1', label: 'la maîtrise publique', count: 75 }, { value: 'a3-l2', label: 'service public local de la donnée', count: 62 }, { value: 'a3-l3', label: 'logiciels libres', count: 44 }],
  unclassified: 0,
  departments: [{ value: '94', label: '94', count: 20 }, { value: '2A', label: '2A', count: 9 }],
  otherDepartments: 152,
  labels: [{ value: '5', label: '@@@@@', count: 40 }],
  years: [{ value: '2020', label: '2020', count: 60 }, { value: '2021', label: '2021', count: 121 }],
};

test('bar widths are relative to the largest, never empty for a count', () => {
  assert.deepEqual(widths([{ count: 50 }, { count: 25 }, { count: 0 }, { count: 1 }]), [100, 50, 0, 2]);
  assert.deepEqual(widths([]), []);
});

test('four charts, each bar a button whose text says what it counts', () => {
  const { document } = dom();
  const clicks = [];
  const p = build(document, { onBar: (f, v) => clicks.push([f, v]) });
  document.body.append(p.root);
  p.applyText(T);
  p.sync({ summary: SUMMARY, filters: { departments: ['94'] } });
  const titles = [...p.root.querySelectorAll('h3')].map((h) => h.textContent);
  assert.deepEqual(titles, ['Par levier', 'Par département', 'Par label', 'Par année']);
  const levers = [...p.root.querySelectorAll('.chart-levers button')];
  assert.equal(levers.length, 3);
  assert.equal(levers[1].textContent, 'service public local de la donnée62');
  assert.equal(levers[1].querySelector('.bar-fill').style.width, '83%');
  const deps = [...p.root.querySelectorAll('.chart-departments button')];
  assert.deepEqual(deps.map((b) => b.getAttribute('aria-pressed')), ['true', 'false'], 'the active filter is pressed');
  assert.equal(p.root.querySelector('.chart-departments .chart-note').textContent, 'Autres départements : 152');
  assert.equal(p.root.querySelector('.chart-labels .bar-label').getAttribute('aria-label'), '5 arobases');
  assert.equal(p.root.querySelector('.charts-total').textContent, '181 contributions');
  deps[1].click();
  levers[1].click();
  p.root.querySelector('.chart-years button').click();
  assert.deepEqual(clicks, [['departments', '2A'], [null, 'a3-l2'], ['years', '2020']]);
});

test('labels are text, never markup', () => {
  const { document } = dom();
  const p = build(document, {});
  p.applyText(T);
  p.sync({ summary: { ...SUMMARY, levers: [{ value: 'x', label: '<img src=x>', count: 1 }, { value: 'y', label: 'b', count: 2 }] } });
  assert.equal(p.root.querySelector('img'), null);
  assert.ok(p.root.textContent.includes('<img src=x>'));
});
