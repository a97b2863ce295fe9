// Readability: drawn labels never overlap, at three zoom levels, on the real motion and on a
// 5 000-contribution synthetic motion (labelled as such).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer, newPage, screenshot, assertNoErrors } from './harness.mjs';

const web = useBrowserAndServer();

function overlaps(boxes) {
  const bad = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) bad.push(`${a.id} × ${b.id}`);
    }
  }
  return bad;
}

async function openAll(page) {
  await page.$eval('carte-mentale', (el) => {
    for (let a = 1; a <= 4; a++) for (let l = 1; l <= 3; l++) {
      const id = `a${a}-l${l}`;
      const d = el.map.detail(id);
      if (d && d.count > 0 && !d.unfolded) el.map.toggle(id);
    }
  });
  await page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating(), null, { timeout: 60_000 });
}

async function checkZooms(page, name) {
  const results = [];
  for (const [label, steps] of [['ensemble', 0], ['moyen', 3], ['proche', 6]]) {
    await page.$eval('carte-mentale', (el) => el.map.setReducedMotion(true));
    await page.$eval('carte-mentale', (el) => el.map.fit());
    for (let k = 0; k < steps; k++) await page.$eval('carte-mentale', (el) => el.map.zoomIn());
    await page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating());
    const boxes = await page.$eval('carte-mentale', (el) => el.map.labelBoxes());
    assert.ok(boxes.length > 0, `${name} ${label}: some labels are drawn`);
    assert.deepEqual(overlaps(boxes), [], `${name} ${label}: no two labels overlap`);
    results.push(boxes.length);
    await screenshot(page, `labels-${name}-${label}`, page.locator('carte-mentale'));
  }
  return results;
}

test('the real 2021 motion, unfolded: no overlapping labels at three zoom levels', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${web.url}/index.html`);
  await page.waitForSelector('carte-mentale[data-state="ready"]');
  await openAll(page);
  const counts = await checkZooms(page, 'motion-2021');
  assert.ok(counts[0] >= 17, `motion, axes and levers are labelled (${counts[0]})`);
  assertNoErrors(page);
  await page.close();
});

test('a 5 000-contribution synthetic motion: no overlapping labels at three zoom levels', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${web.url}/synthetique.html`);
  await page.waitForSelector('carte-mentale[data-state="ready"]', { timeout: 30_000 });
  await openAll(page);
  const visible = await page.$eval('carte-mentale', (el) => el.map.visibleIds().length);
  assert.ok(visible > 5000, `every contribution is on the map (${visible})`);
  await checkZooms(page, 'synthetique-5000');
  assertNoErrors(page);
  await page.close();
});

test('hovering a node with a cut label shows its whole title', async () => {
  const page = await newPage(web.browser, { viewport: { width: 420, height: 760 } });
  await page.goto(`${web.url}/index.html`);
  await page.waitForSelector('carte-mentale[data-state="ready"]');
  await page.$eval('carte-mentale', (el) => el.scrollIntoView());
  const p = await page.$eval('carte-mentale', (el) => {
    const q = el.map.nodeScreenPosition('a1');
    const r = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
    return { x: r.left + q[0], y: r.top + q[1] };
  });
  await page.mouse.move(p.x, p.y);
  await page.waitForTimeout(100);
  await screenshot(page, 'tooltip', page.locator('carte-mentale'));
  assert.equal(await page.$eval('carte-mentale', (el) => el.map.hovered()), 'a1');
  await page.close();
});
