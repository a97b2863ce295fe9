// End-to-end: the real 2021 motion through the one-tag embed, driven as a visitor would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer, newPage, screenshot, assertNoErrors } from './harness.mjs';

const web = useBrowserAndServer();

/** Waits for a <carte-mentale> to finish loading; returns its load result. */
async function ready(page, selector = 'carte-mentale') {
  await page.waitForSelector(`${selector}[data-state="ready"], ${selector}[data-state="error"]`, { timeout: 20_000 });
  return page.$eval(selector, (el) => el.ready);
}

/** Calls a method of the element's wasm handle. */
function call(page, method, ...args) {
  return page.$eval('carte-mentale', (el, [m, a]) => el.map[m](...a), [method, args]);
}

/** Page coordinates of a node's centre, from the handle's screen position and the canvas rect. */
async function nodeOnPage(page, id, selector = 'carte-mentale') {
  return page.$eval(selector, (el, id) => {
    const p = el.map.nodeScreenPosition(id);
    if (!p) return null;
    const r = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
    return { x: r.left + p[0], y: r.top + p[1], r: p[2] };
  }, id);
}

/** Share of canvas pixels that are not background white. */
function inkRatio(page, selector = 'carte-mentale') {
  return page.$eval(selector, (el) => {
    const c = el.shadowRoot.querySelector('canvas');
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235) ink++;
    return ink / (data.length / 4);
  });
}

/** The panel's visible text ('' when closed). */
function panelText(page, selector = 'carte-mentale') {
  return page.$eval(selector, (el) => {
    const p = el.shadowRoot.querySelector('.panel');
    return p.hidden ? '' : p.textContent;
  });
}

test('the demo page shows the 2021 motion as a map', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1200, height: 900 }, deviceScaleFactor: 2 });
  await page.goto(`${web.url}/index.html`);
  const result = await ready(page);
  assert.equal(result.ok, true);
  assert.equal(result.axes, 4);
  assert.equal(result.levers, 12);
  await page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating());
  const ink = await inkRatio(page);
  assert.ok(ink > 0.01, `canvas is not blank (ink ${ink})`);
  const size = await page.$eval('carte-mentale', (el) => {
    const c = el.shadowRoot.querySelector('canvas');
    return { w: c.width, cw: c.getBoundingClientRect().width };
  });
  assert.equal(size.w, Math.round(size.cw * 2), 'canvas backing store is HiDPI');
  const labels = await call(page, 'labelBoxes');
  const labelled = new Set(labels.map((l) => l.id));
  const structure = ['motion', 'a1', 'a2', 'a3', 'a4'];
  for (let a = 1; a <= 4; a++) for (let l = 1; l <= 3; l++) structure.push(`a${a}-l${l}`);
  for (const id of structure) assert.ok(labelled.has(id), `${id} is labelled`);
  await screenshot(page, 'demo-initial');
  assertNoErrors(page);
  await page.close();
});

test('clicking a lever shows its contributions; clicking one shows its author', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1200, height: 900 } });
  await page.goto(`${web.url}/index.html`);
  await ready(page);
  // The lever holding Loïc Damiani's contribution.
  const target = await page.$eval('carte-mentale', (el) => {
    const m = el.map;
    const json = m; // handle
    for (const id of ['a1-l1', 'a1-l2', 'a1-l3', 'a2-l1', 'a2-l2', 'a2-l3', 'a3-l1', 'a3-l2', 'a3-l3', 'a4-l1', 'a4-l2', 'a4-l3']) {
      const d = json.detail(id);
      if (d && d.count > 0) return id;
    }
    return null;
  });
  assert.ok(target, 'some lever has contributions');
  const before = (await call(page, 'visibleIds')).length;
  const p = await nodeOnPage(page, target);
  await page.mouse.click(p.x, p.y);
  assert.match(await panelText(page), /Levier/);
  const visible = await call(page, 'visibleIds');
  const contributions = visible.filter((id) => /^c\d+$/.test(id));
  assert.ok(visible.length > before && contributions.length > 0, 'contributions appear');
  await page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating(), null, { timeout: 10_000 });
  await screenshot(page, 'lever-unfolded');

  // Unfold every lever, then find Loïc Damiani's contribution and click it.
  for (const id of ['a1-l1', 'a1-l2', 'a1-l3', 'a2-l1', 'a2-l2', 'a2-l3', 'a3-l1', 'a3-l2', 'a3-l3', 'a4-l1', 'a4-l2', 'a4-l3']) {
    const d = await call(page, 'detail', id);
    if (d.count > 0 && !d.unfolded) await call(page, 'toggle', id);
  }
  await page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating(), null, { timeout: 10_000 });
  const damiani = await page.$eval('carte-mentale', (el) =>
    el.map.visibleIds().find((id) => el.map.detail(id)?.author === 'Loïc Damiani'));
  assert.ok(damiani, 'Loïc Damiani is on the map');
  const q = await nodeOnPage(page, damiani);
  await page.mouse.click(q.x, q.y);
  const text = await panelText(page);
  assert.match(text, /Loïc Damiani/);
  assert.match(text, /Fontenay-sous-Bois/);
  assert.match(text, /\(94\)/);
  assert.match(text, /@@@@@/);
  await screenshot(page, 'contribution-panel');
  await page.keyboard.press('Escape');
  assert.equal(await panelText(page), '', 'Escape closes the panel');
  assertNoErrors(page);
  await page.close();
});

test('Ctrl+wheel and the buttons zoom; the plain wheel scrolls the page', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1000, height: 700 } });
  await page.goto(`${web.url}/index.html`);
  await ready(page);
  const box = await page.$eval('carte-mentale', (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  const z0 = await call(page, 'zoom');
  await page.mouse.move(box.x, box.y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await page.waitForTimeout(100);
  const z1 = await call(page, 'zoom');
  assert.ok(z1 > z0 * 1.2, `Ctrl+wheel zooms in (${z0} → ${z1})`);

  const scrollBefore = await page.evaluate(() => scrollY);
  await page.mouse.wheel(0, 300);
  await page.waitForTimeout(300);
  assert.equal(await call(page, 'zoom'), z1, 'plain wheel does not zoom');
  assert.ok((await page.evaluate(() => scrollY)) > scrollBefore, 'plain wheel scrolls the host page');
  await page.evaluate(() => scrollTo(0, 0));

  const button = (label) => page.locator(`carte-mentale >> button[aria-label="${label}"]`);
  await button('Voir toute la carte').click();
  await page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating());
  const zf = await call(page, 'zoom');
  assert.ok(Math.abs(zf - z0) < 1e-3, 'fit returns to the whole map');
  await button('Zoomer').click();
  await page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating());
  assert.ok((await call(page, 'zoom')) > zf * 1.4);
  await button('Dézoomer').click();
  await page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating());
  assert.ok(Math.abs((await call(page, 'zoom')) - zf) < 1e-3);
  assertNoErrors(page);
  await page.close();
});

test('a missing or invalid file shows a French message inside the element', async () => {
  const page = await newPage(web.browser, { viewport: { width: 900, height: 700 } });
  await page.route('**/casse.json', (route) => route.fulfill({ contentType: 'application/json', body: '{ "format": "carte-mentale", "version": 1, "motion": { "title": ' }));
  await page.route('**/casse.md', (route) => route.fulfill({ contentType: 'text/markdown', body: '# Une motion\n\n## Un axe\n\n- un levier\n\n# Un second titre\n' }));
  await page.goto(`${web.url}/index.html`);
  await ready(page);
  await page.evaluate(() => {
    for (const src of ['absent.json', 'casse.json', 'casse.md']) {
      const el = document.createElement('carte-mentale');
      el.setAttribute('src', src);
      el.setAttribute('loading', 'eager');
      el.className = 'bad';
      el.dataset.src = src;
      document.body.append(el);
    }
  });
  await page.waitForFunction(() => [...document.querySelectorAll('carte-mentale.bad')].every((el) => el.dataset.state === 'error'));
  const messages = await page.$$eval('carte-mentale.bad', (els) => els.map((el) => el.shadowRoot.querySelector('.status').textContent));
  assert.match(messages[0], /introuvable \(erreur 404\)/);
  assert.match(messages[1], /contient des erreurs/);
  assert.match(messages[1], /ligne 1/);
  assert.match(messages[2], /contient des erreurs/);
  assert.match(messages[2], /ligne \d+/);
  const ok = await page.$eval('#motion-2021', (el) => el.dataset.state);
  assert.equal(ok, 'ready', 'the page around keeps working');
  await page.$eval('carte-mentale.bad', (el) => el.scrollIntoView());
  await screenshot(page, 'errors');
  assertNoErrors(page, [/status of 404/]);
  await page.close();
});

test('two maps on one page work independently and draw the same layout', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1200, height: 900 } });
  web.server.requests.length = 0;
  await page.goto(`${web.url}/exemple.html`);
  const [a, b] = [await ready(page, '#carte-json'), await ready(page, '#carte-md')];
  assert.ok(a.ok && b.ok);
  const positions = await page.$$eval('carte-mentale', (els) => els.map((el) => Array.from(el.map.positions())));
  assert.deepEqual(positions[0], positions[1], 'JSON and Markdown give the same map, bit for bit');
  const wasm = web.server.requests.filter((r) => r.url.endsWith('.wasm')).map((r) => new URL(r.url, web.url).pathname).sort();
  // The Markdown map also needs the converter (the map's module reads JSON only).
  assert.deepEqual(wasm, ['/pkg-lecteur/carte_mentale_bg.wasm', '/pkg/carte_mentale_bg.wasm'], 'each module is fetched once per page');
  const p = await nodeOnPage(page, 'a2', '#carte-json');
  await page.mouse.click(p.x, p.y);
  assert.match(await panelText(page, '#carte-json'), /Axe/);
  assert.equal(await panelText(page, '#carte-md'), '');
  await screenshot(page, 'two-maps');
  assertNoErrors(page);
  await page.close();
});

test('on a phone, a tap on a lever unfolds it and the layout is the same after reload', async () => {
  const page = await newPage(web.browser, { viewport: { width: 390, height: 760 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  await page.goto(`${web.url}/index.html`);
  await ready(page);
  const first = await call(page, 'positions');
  const p = await nodeOnPage(page, 'a1');
  await page.touchscreen.tap(p.x, p.y);
  const axis = await call(page, 'detail', 'a1');
  assert.equal(await call(page, 'selected'), 'a1', 'the tapped axis is selected');
  assert.ok((await panelText(page)).includes(axis.title), 'its panel is open');
  const lever = await call(page, 'detail', 'a1-l1');
  // The sheet that opened moves the camera to keep the axis in view: tap where the lever is
  // once it has stopped.
  await page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating(), null, { timeout: 10_000 });
  const q = await nodeOnPage(page, 'a1-l1');
  await page.touchscreen.tap(q.x, q.y);
  assert.equal(await call(page, 'selected'), 'a1-l1');
  assert.ok((await panelText(page)).includes(lever.title));
  if (lever.count > 0) assert.equal((await call(page, 'detail', 'a1-l1')).unfolded, true, 'a tap unfolds the lever');
  await screenshot(page, 'phone');
  // Reloading keeps the view (the link carries it); the bare page lays out exactly as before.
  await page.reload();
  await ready(page);
  assert.equal(await call(page, 'selected'), 'a1-l1', 'the reloaded link reopens the lever');
  await page.goto(`${web.url}/index.html`);
  await ready(page);
  assert.deepEqual(await call(page, 'positions'), first, 'same data, same positions across reloads');
  assertNoErrors(page);
  await page.close();
});
