// End-to-end: faults. Data served slowly, truncated, with a wrong content type, changed between
// loads; a wasm that does not compile; the element removed and re-added while loading. Each
// ends in a defined state with a French message, and no listener or frame loop is left behind
// (counted on the page: listeners added minus removed, frames requested).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowserAndServer, newPage, screenshot, assertNoErrors, WWW } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const MOTION = fs.readFileSync(path.join(ROOT, 'assets/motion-2021.json'), 'utf8');
const TITLE = JSON.parse(MOTION).motion.title;
const OTHER = JSON.stringify({
  format: 'carte-mentale', version: 1,
  motion: { id: 'autre', title: 'Une autre motion', axes: [{ id: 'a1', title: 'Un axe', levers: [{ id: 'l1', title: 'Un levier' }] }], contributions: [] },
});

const web = useBrowserAndServer();

/** Counts, in the page, the listeners still attached (added minus removed) and the frames requested. */
function instrument() {
  const active = new Map();
  const key = (target, type, f, options) => {
    const capture = typeof options === 'boolean' ? options : !!options?.capture;
    const name = target === window ? 'window' : target?.tagName?.toLowerCase?.() ?? 'other';
    return { id: `${name} ${type} ${capture}`, f };
  };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, f, options) {
    const { id } = key(this, type, f, options);
    if (!active.has(this)) active.set(this, new Map());
    const mine = active.get(this);
    mine.set(`${id}`, (mine.get(`${id}`) ?? new Set()).add(f));
    return add.call(this, type, f, options);
  };
  EventTarget.prototype.removeEventListener = function (type, f, options) {
    const { id } = key(this, type, f, options);
    active.get(this)?.get(id)?.delete(f);
    return remove.call(this, type, f, options);
  };
  /** Listeners the map's handle holds on canvases (bubble phase) and the page holds on window. */
  window.__listeners = () => {
    let canvas = 0;
    let win = 0;
    for (const [target, byId] of active) {
      for (const [id, set] of byId) {
        if (target === window && /^window (popstate|hashchange) /.test(id)) win += set.size;
        if (target instanceof HTMLCanvasElement && / false$/.test(id) && !/ (focus|blur) /.test(id)) canvas += set.size;
      }
    }
    return { canvas, window: win };
  };
  const raf = window.requestAnimationFrame.bind(window);
  window.__frames = 0;
  window.requestAnimationFrame = (f) => { window.__frames++; return raf(f); };
}

/** A page at `/faute.html` holding `body`, with the instrumentation; `routes` may serve files differently. */
async function open(body, routes = async () => {}) {
  const page = await newPage(web.browser, { viewport: { width: 1000, height: 700 } });
  await page.addInitScript(instrument);
  await page.route(`${web.url}/faute.html`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Fautes</title><link rel="icon" href="/favicon.svg">
<script type="module" src="/carte-mentale.js"></script><body>${body}</body></html>`,
  }));
  await routes(page);
  await page.goto(`${web.url}/faute.html`);
  return page;
}

const state = (page, sel = 'carte-mentale') => page.$eval(sel, (el) => el.dataset.state ?? null);
const statusText = (page, sel = 'carte-mentale') => page.$eval(sel, (el) => el.shadowRoot.querySelector('.status').textContent);
async function ready(page, sel = 'carte-mentale') {
  await page.waitForSelector(`${sel}[data-state="ready"], ${sel}[data-state="error"]`, { state: 'attached', timeout: 30_000 });
  return page.$eval(sel, (el) => el.ready);
}
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

test('data served slowly: « Chargement » until it arrives, then the map', async () => {
  const page = await open('<carte-mentale src="/assets/motion-2021.json" loading="eager"></carte-mentale>', (p) =>
    p.route('**/assets/motion-2021.json', async (route) => { await delay(4000); await route.fulfill({ contentType: 'application/json', body: MOTION }); }));
  await page.waitForFunction(() => {
    const el = document.querySelector('carte-mentale');
    return el?.dataset.state === 'loading' && el.shadowRoot.querySelector('.status').textContent === 'Chargement de la carte…';
  }, null, { timeout: 10_000 });
  const result = await ready(page);
  assert.equal(result.ok, true);
  assert.equal(result.title, TITLE);
  assertNoErrors(page);
  await page.close();
});

test('data truncated: the French message of a file with errors, no map, nothing left running', async () => {
  const page = await open('<carte-mentale src="/assets/motion-2021.json" loading="eager"></carte-mentale>', (p) =>
    p.route('**/assets/motion-2021.json', (route) => route.fulfill({ contentType: 'application/json', body: MOTION.slice(0, MOTION.length / 2) })));
  const result = await ready(page);
  assert.equal(result.ok, false);
  assert.match(await statusText(page), /La carte ne peut pas être affichée : le fichier « \/assets\/motion-2021\.json » contient des erreurs\./);
  assert.equal(await page.$eval('carte-mentale', (el) => el.map), null);
  assert.deepEqual(await page.evaluate(() => window.__listeners()), { canvas: 0, window: 0 });
  await screenshot(page, 'faults-truncated');
  await page.close();
});

test('a wrong content type: data as text/html and the wasm as octet-stream still load (no streaming then)', async () => {
  const wasm = fs.readFileSync(path.join(WWW, 'pkg/carte_mentale_bg.wasm'));
  const page = await open('<carte-mentale src="/assets/motion-2021.json" loading="eager"></carte-mentale>', async (p) => {
    await p.route('**/assets/motion-2021.json', (route) => route.fulfill({ contentType: 'text/html', body: MOTION }));
    await p.route('**/pkg/carte_mentale_bg.wasm', (route) => route.fulfill({ contentType: 'application/octet-stream', body: wasm }));
  });
  const result = await ready(page);
  assert.equal(result.ok, true);
  assertNoErrors(page);
  await page.close();
});

test('data changed between loads: a new src while the first is on its way; the last one wins', async () => {
  const page = await open('<carte-mentale src="/assets/motion-2021.json" loading="eager"></carte-mentale>', async (p) => {
    await p.route('**/assets/motion-2021.json', async (route) => { await delay(1500); await route.fulfill({ contentType: 'application/json', body: MOTION }); });
    await p.route('**/autre.json', (route) => route.fulfill({ contentType: 'application/json', body: OTHER }));
  });
  await page.waitForSelector('carte-mentale[data-state="loading"]', { state: 'attached' });
  await page.$eval('carte-mentale', (el) => el.setAttribute('src', '/autre.json'));
  await ready(page);
  await delay(2000);
  assert.equal(await state(page), 'ready');
  assert.match(await page.$eval('carte-mentale', (el) => el.shadowRoot.querySelector('canvas').getAttribute('aria-label')), /Une autre motion/);
  assert.deepEqual(await page.evaluate(() => window.__listeners()), { canvas: 8, window: 2 }, 'one map\'s listeners, once');
  assertNoErrors(page);
  await page.close();
});

test('a wasm that does not compile: a French message, no map', async () => {
  const page = await open('<carte-mentale src="/assets/motion-2021.json" loading="eager"><p>Le plan.</p></carte-mentale>', (p) =>
    p.route('**/pkg/carte_mentale_bg.wasm', (route) => route.fulfill({ contentType: 'application/wasm', body: Buffer.from('pas du wasm') })));
  const result = await ready(page);
  assert.equal(result.ok, false);
  assert.match(await statusText(page), /Impossible de charger la carte : son programme \(carte_mentale_bg\.wasm\)/);
  assert.ok(await page.$eval('carte-mentale', (el) => !!el.shadowRoot.querySelector('.status .fallback slot')), 'the page\'s own outline is shown');
  assert.equal(await page.getByText('Le plan.').isVisible(), true);
  await screenshot(page, 'faults-wasm');
  assertNoErrors(page, [/CompileError|WebAssembly/]);
  await page.close();
});

test('the map\'s module reads JSON only: a JSON map never fetches the converter, and an outline handed to the map itself is refused in French (a table cannot be)', async () => {
  const requested = [];
  const page = await open('<carte-mentale src="/assets/motion-2021.json" loading="eager"></carte-mentale>', (p) => {
    p.on('request', (r) => requested.push(new URL(r.url()).pathname));
  });
  assert.equal((await ready(page)).ok, true);
  assert.ok(requested.includes('/pkg/carte_mentale_bg.wasm'), 'the map\'s wasm is fetched');
  assert.deepEqual(requested.filter((u) => u.includes('pkg-lecteur')), [], 'no converter for a JSON map');
  const outline = await page.$eval('carte-mentale', (el) => el.map.load('# Motion\n\n## Axe\n\n### Levier\n', 'plan.md'));
  assert.equal(outline.ok, false);
  assert.deepEqual(outline.diagnostics.map((d) => [d.file, d.severity]), [['plan.md', 'error']]);
  assert.match(outline.diagnostics[0].message, /ne lit que le JSON carte-mentale : pour un plan Markdown, la page doit charger le convertisseur/);
  // Tables go to the converter: the map's handle has no method that takes one.
  assert.equal(await page.$eval('carte-mentale', (el) => typeof el.map.loadWithTable), 'undefined');
  assert.equal(await state(page), 'ready', 'the map stays');
  assertNoErrors(page);
  await page.close();
});

test('a converter that does not compile: an outline\'s map says so as for the map\'s own wasm, and the next map tries again', async () => {
  let broken = true;
  const converter = fs.readFileSync(path.join(WWW, 'pkg-lecteur/carte_mentale_bg.wasm'));
  const page = await open('<carte-mentale src="/assets/motion-2021.md" loading="eager"></carte-mentale>', (p) =>
    p.route('**/pkg-lecteur/carte_mentale_bg.wasm', (route) => route.fulfill({ contentType: 'application/wasm', body: broken ? Buffer.from('pas du wasm') : converter })));
  const result = await ready(page);
  assert.equal(result.ok, false);
  assert.match(await statusText(page), /Impossible de charger la carte : son programme \(carte_mentale_bg\.wasm\)/);
  broken = false;
  await page.$eval('carte-mentale', (el) => el.setAttribute('src', '/assets/motion-2021.md?encore'));
  await page.waitForSelector('carte-mentale[data-state="ready"]', { state: 'attached', timeout: 30_000 });
  const label = await page.$eval('carte-mentale', (el) => el.shadowRoot.querySelector('canvas').getAttribute('aria-label'));
  assert.ok(label.includes(TITLE), `the outline's map is shown: ${label}`);
  assertNoErrors(page, [/CompileError|WebAssembly/]);
  await page.close();
});

test('removed and re-added while loading, then removed: one map while it is in the page, nothing after', async () => {
  const page = await open('<div id="box"><carte-mentale src="/assets/motion-2021.json" loading="eager"></carte-mentale></div>', (p) =>
    p.route('**/assets/motion-2021.json', async (route) => { await delay(800); await route.fulfill({ contentType: 'application/json', body: MOTION }); }));
  await page.waitForSelector('carte-mentale[data-state="loading"]', { state: 'attached' });
  await page.evaluate(() => {
    const el = document.querySelector('carte-mentale');
    el.remove();
    document.getElementById('box').append(el);
  });
  assert.equal((await ready(page)).ok, true);
  await delay(1500);
  assert.deepEqual(await page.evaluate(() => window.__listeners()), { canvas: 8, window: 2 }, 'one map\'s listeners, once');
  await page.evaluate(() => document.querySelector('carte-mentale').remove());
  assert.deepEqual(await page.evaluate(() => window.__listeners()), { canvas: 0, window: 0 }, 'no listener left');
  const frames = await page.evaluate(() => window.__frames);
  await delay(500);
  assert.equal(await page.evaluate(() => window.__frames), frames, 'no frame loop left');
  assertNoErrors(page);
  await page.close();
});

for (const inFrame of [false, true]) {
  test(`a panic inside ${inFrame ? 'a frame' : 'an event'} callback: the map stops with a French message, nothing left running`, async () => {
    const page = await open('<carte-mentale id="a" src="/assets/motion-2021.json" loading="eager"></carte-mentale>'
      + '<carte-mentale id="b" src="/assets/motion-2021.json" loading="eager"></carte-mentale>');
    assert.equal((await ready(page, '#a')).ok, true);
    assert.equal((await ready(page, '#b')).ok, true);
    await page.$eval('#a', (el, f) => el.map.crashNext(f), inFrame);
    if (!inFrame) {
      const box = await page.locator('#a').boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width / 3, box.y + box.height / 3);
    }
    await page.waitForSelector('#a[data-state="error"]', { state: 'attached', timeout: 10_000 });
    assert.equal(await statusText(page, '#a'), 'La carte a rencontré une erreur inattendue. Rechargez la page.');
    // The instance is shared: every map of the page stops the same way.
    await page.waitForSelector('#b[data-state="error"]', { state: 'attached', timeout: 10_000 });
    assert.deepEqual(await page.evaluate(() => window.__listeners()), { canvas: 0, window: 0 }, 'no listener left');
    const frames = await page.evaluate(() => window.__frames);
    await delay(500);
    assert.equal(await page.evaluate(() => window.__frames), frames, 'no frame loop left');
    await screenshot(page, `faults-panic-${inFrame ? 'frame' : 'event'}`);
    await page.close();
  });
}
