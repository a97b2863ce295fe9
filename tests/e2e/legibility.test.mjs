// Reading the motion at first sight: the real 2021 motion and the 2022-like test shape
// (tests/data/forme-2022.md, not a real motion) at the whole-map view in an element of
// 1 100 × 560 and on a phone (390 × 640), measured with the browser's own text metrics and
// saved as screenshots (tests/e2e/screenshots/legibility-*.png) to be looked at.
import fs from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer, newPage, screenshot, assertNoErrors } from './harness.mjs';

const SHAPE = fs.readFileSync(new URL('../data/forme-2022.md', import.meta.url), 'utf8');

const web = useBrowserAndServer();

/** Axis and lever titles drawn in full, and the smallest font, of the map on `page`. */
async function measure(page) {
  return page.$eval('carte-mentale', (el) => {
    const boxes = el.map.labelBoxes();
    const drawn = new Map(boxes.map((b) => [b.id, b.text]));
    const norm = (s) => s.split(/\s+/).filter(Boolean).join(' ');
    const count = { axis: [0, 0], lever: [0, 0] };
    for (const id of el.map.visibleIds()) {
      const d = el.map.detail(id);
      if (!d || !(d.kind in count)) continue;
      count[d.kind][1] += 1;
      if (drawn.has(id) && norm(drawn.get(id)) === norm(d.title)) count[d.kind][0] += 1;
    }
    // The lowest point of the controls along the top, in the canvas's pixels.
    const top = el.shadowRoot.querySelector('canvas').getBoundingClientRect().top;
    const bar = el.shadowRoot.querySelector('.topbar').getBoundingClientRect().bottom - top;
    const underBar = boxes.filter((b) => b.y < bar).map((b) => b.id);
    return { axes: count.axis, levers: count.lever, minFont: Math.min(...boxes.map((b) => b.font)), underBar };
  });
}

async function open(width, height, shape) {
  const page = await newPage(web.browser, { viewport: { width, height } });
  if (shape) {
    await page.route((url) => url.pathname === '/assets/motion-2021.md', (route) => route.fulfill({ body: SHAPE, contentType: 'text/markdown' }));
  }
  // The full-page viewer: one element as wide as the page, of the height asked.
  await page.goto(`${web.url}/carte.html?src=/assets/motion-2021.md&height=${height}`);
  await page.waitForFunction(() => document.querySelector('carte-mentale')?.dataset.state === 'ready', null, { timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating(), null, { timeout: 30_000 });
  const size = await page.$eval('carte-mentale', (el) => [Math.round(el.getBoundingClientRect().width), Math.round(el.getBoundingClientRect().height)]);
  assert.deepEqual(size, [width, height], 'the map has the size measured');
  return page;
}

for (const [name, shape] of [['motion-2021', false], ['forme-2022', true]]) {
  test(`${name}: titles read in full at the whole-map view, desktop and phone`, async () => {
    for (const [w, h] of [[1100, 560], [390, 640]]) {
      const page = await open(w, h, shape);
      const m = await measure(page);
      await screenshot(page, `legibility-${name}-${w}x${h}`, page.locator('carte-mentale'));
      console.log(name, `${w} × ${h}`, JSON.stringify(m));
      assert.ok(m.minFont >= 11, `${name} ${w}×${h}: no text below 11 px (${m.minFont})`);
      assert.deepEqual(m.underBar, [], `${name} ${w}×${h}: no label under the search bar`);
      assert.ok(2 * m.levers[0] >= m.levers[1], `${name} ${w}×${h}: half the lever titles in full ${m.levers}`);
      if (w === 1100 && !shape) {
        assert.deepEqual(m.levers, [12, 12], 'every lever title in full');
        assert.deepEqual(m.axes, [4, 4], 'every axis title in full');
      }
      // The crowded axis's titles near the element's edges take narrower, taller boxes: 11 of 11
      // today; the issue asks at least 10.
      if (w === 1100 && shape) {
        assert.ok(m.levers[0] >= 10, `at least 10/11 levers in full (${m.levers})`);
        assert.deepEqual(m.axes, [4, 4], 'every axis title in full');
      }
      assertNoErrors(page);
      await page.close();
    }
  });
}
