import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dom, T } from './dom.mjs';
import { build, snapHeights, nearestSnap } from '../../www/src/ui/bottom-sheet.js';

test('three heights, and a drag ends on the nearest', () => {
  const h = snapHeights(844);
  assert.deepEqual(h, { peek: 120, half: 422, full: 788 });
  assert.equal(nearestSnap(150, h), 'peek');
  assert.equal(nearestSnap(500, h), 'half');
  assert.equal(nearestSnap(700, h), 'full');
  assert.deepEqual(snapHeights(-5), { peek: 0, half: 0, full: 0 });
});

test('on a phone the panel is a sheet whose handle steps between heights and tells the map', () => {
  const { document, window } = dom();
  const panel = document.createElement('aside');
  const covered = [];
  const p = build(document, panel, { frameHeight: () => 844, onChange: (px) => covered.push(px) });
  panel.append(p.root);
  p.applyText(T);
  p.sync({ phone: true, open: true });
  assert.ok(panel.classList.contains('bottom-sheet'));
  assert.equal(panel.style.height, '422px');
  assert.equal(covered.at(-1), 422);
  assert.equal(p.root.getAttribute('aria-label'), 'Poignée du panneau (moitié)');
  p.root.click();
  assert.equal(p.snap, 'full');
  assert.equal(covered.at(-1), 788);
  p.root.dispatchEvent(Object.assign(new window.Event('keydown', { bubbles: true }), { key: 'ArrowDown' }));
  p.root.dispatchEvent(Object.assign(new window.Event('keydown', { bubbles: true }), { key: 'ArrowDown' }));
  assert.equal(p.snap, 'peek');
  assert.equal(panel.style.height, '120px');
  p.sync({ phone: true, open: false });
  assert.equal(covered.at(-1), 0, 'a closed sheet covers nothing');
  p.sync({ phone: false, open: true });
  assert.ok(!panel.classList.contains('bottom-sheet'));
  assert.equal(p.root.hidden, true);
  assert.equal(covered.at(-1), 0);
});
