// End-to-end: embedding that survives any host page. Hostile theme CSS, a strict
// Content-Security-Policy, several maps, lazy loading, privacy, failures in French, the outline
// for visitors without JavaScript, and the distributed bundle with Subresource Integrity.
// Host pages live in tests/e2e/pages/ and are served under /pages/, beside www/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowserAndServer, startServer, newPage, screenshot, assertNoErrors } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const PAGES = new URL('./pages/', import.meta.url).pathname;
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const NO_WASM_EVAL = "default-src 'self'; script-src 'self'; style-src 'self'";
const VERSION = /^version\s*=\s*"([^"]+)"/m.exec(fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))[1];
const DIST = path.join(ROOT, 'dist', `carte-mentale-${VERSION}`);
const MOTION = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/motion-2021.json'), 'utf8')).motion;

/** Every HTML page is served with the strict policy; one page deliberately lacks 'wasm-unsafe-eval'. */
const csp = (rel) => (rel.endsWith('.html') ? { 'Content-Security-Policy': rel === '/pages/csp-sans-wasm.html' ? NO_WASM_EVAL : STRICT } : {});

const web = useBrowserAndServer({ mounts: { '/pages/': PAGES }, headers: csp });

/**
 * A page that also records every request (`page.requests`), CSP violations
 * (`window.__violations`) and the element's events (`window.__events`).
 */
async function open(options = {}, initScript = null) {
  const page = await newPage(web.browser, options);
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  if (options.javaScriptEnabled !== false) {
    await page.addInitScript(() => {
      window.__violations = [];
      window.__events = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
      for (const type of ['carte-mentale-ready', 'carte-mentale-select', 'carte-mentale-error']) {
        document.addEventListener(type, (e) => window.__events.push({ type, id: e.target.id, detail: e.detail }));
      }
    });
    if (initScript) await page.addInitScript(initScript);
  }
  return page;
}

/** Paths requested by the page so far from `origin` (the test server by default). */
const paths = (page, origin = web.url) => page.requests.map((u) => new URL(u)).filter((u) => u.origin === origin).map((u) => u.pathname);

/** Waits for a <carte-mentale> to finish loading (or fail); returns its load result. */
async function ready(page, selector) {
  await page.waitForSelector(`${selector}[data-state="ready"], ${selector}[data-state="error"]`, { state: 'attached', timeout: 20_000 });
  return page.$eval(selector, (el) => el.ready);
}

/** Waits until the map has stopped moving. */
function settled(page, selector) {
  return page.waitForFunction((s) => !document.querySelector(s).map.isAnimating(), selector, { timeout: 20_000 });
}

/** Waits until two drawings of the canvas 200 ms apart are the same (the public build has no probes). */
async function stillCanvas(page, selector) {
  const shot = () => page.$eval(selector, (el) => el.shadowRoot.querySelector('canvas').toDataURL());
  let before = await shot();
  for (let i = 0; i < 100; i++) {
    await page.waitForTimeout(200);
    const now = await shot();
    if (now === before) return;
    before = now;
  }
  throw new Error(`${selector} never stopped moving`);
}

/** Share of canvas pixels that differ from the background (corner pixel). */
function inkRatio(page, selector) {
  return page.$eval(selector, (el) => {
    const c = el.shadowRoot.querySelector('canvas');
    if (c.width < 2 || c.height < 2) return 0;
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const [r0, g0, b0] = data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 40) ink++;
    }
    return ink / (data.length / 4);
  });
}

/** Computed style properties of an element inside a map's shadow root. */
function styleInside(page, selector, inner, props) {
  return page.$eval(selector, (el, [inner, props]) => {
    const target = el.shadowRoot.querySelector(inner);
    const cs = getComputedStyle(target);
    return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
  }, [inner, props]);
}

/** The text of a map's status box (its error messages). */
const statusText = (page, selector) => page.$eval(selector, (el) => el.shadowRoot.querySelector('.status').textContent);

function assertNoViolations(violations) {
  assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
}

test('a hostile host page: both maps render, its CSS does not reach inside, nothing leaks out, strict CSP, one wasm download', async () => {
  const page = await open({ viewport: { width: 1200, height: 800 } });
  const response = await page.goto(`${web.url}/pages/hostile.html`);
  assert.equal(response.headers()['content-security-policy'], STRICT, 'the page is served with the strict policy');

  assert.equal((await ready(page, '#first')).ok, true);
  await settled(page, '#first');
  const ink = await inkRatio(page, '#first');
  assert.ok(ink > 0.01, `first map drawn (ink ${ink})`);

  // Lazy: the second map, far below, has fetched nothing yet.
  await page.waitForTimeout(500);
  assert.equal(await page.$eval('#below', (el) => el.dataset.state ?? null), null, 'below-the-fold map not started');
  assert.ok(!paths(page).includes('/assets/motion-2021.md'), 'no data request for the map below the fold');

  // The host theme does not reach inside: inherited properties are reset by the frame.
  const frame = await styleInside(page, '#first', '.frame', [
    'font-size', 'line-height', 'font-style', 'font-weight', 'letter-spacing', 'word-spacing', 'text-align',
    'text-transform', 'text-indent', 'text-shadow', 'white-space', 'color', 'padding-top', 'cursor', 'box-sizing',
  ]);
  assert.deepEqual(frame, {
    'font-size': '15px', 'line-height': '21.75px', 'font-style': 'normal', 'font-weight': '400',
    'letter-spacing': 'normal', 'word-spacing': '0px', 'text-align': 'left', 'text-transform': 'none',
    'text-indent': '0px', 'text-shadow': 'none', 'white-space': 'normal', color: 'rgb(31, 41, 55)',
    'padding-top': '0px', cursor: 'auto', 'box-sizing': 'border-box',
  });
  const fontFamily = (await styleInside(page, '#first', '.frame', ['font-family']))['font-family'];
  assert.ok(!/comic/i.test(fontFamily), `host font not inherited (${fontFamily})`);
  assert.deepEqual(await styleInside(page, '#first', 'canvas', ['display']), { display: 'block' });
  assert.deepEqual(await styleInside(page, '#first', '.toolbar button', ['font-size', 'width', 'background-color', 'border-radius']), {
    'font-size': '20px', width: '36px', 'background-color': 'rgb(255, 255, 255)', 'border-radius': '6px',
  });
  const sizes = await page.$eval('#first', (el) => {
    const host = el.getBoundingClientRect();
    const canvas = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
    return { host: [host.width, host.height], canvas: [canvas.width, canvas.height] };
  });
  assert.ok(Math.abs(sizes.canvas[1] - 420) <= 2 && sizes.canvas[0] >= sizes.host[0] - 12, `canvas fills the element ${JSON.stringify(sizes)}`);

  // The panel too, once a lever is selected.
  await page.$eval('#first', (el) => el.select('a1-l1'));
  assert.deepEqual(await styleInside(page, '#first', '.panel h2', ['font-size', 'margin-top', 'color', 'text-transform']), {
    'font-size': '17px', 'margin-top': '0px', color: 'rgb(31, 41, 55)', 'text-transform': 'none',
  });
  assert.deepEqual(await styleInside(page, '#first', '.panel', ['display', 'position', 'background-color']), {
    display: 'block', position: 'absolute', 'background-color': 'rgb(255, 255, 255)',
  });
  assert.equal(await page.$eval('#below', (el) => el.map), null, 'the other map is untouched');

  // Nothing leaks out: decoys with the element's class names keep the host's styles only.
  const decoys = await page.evaluate(() => {
    const cs = (q) => getComputedStyle(document.querySelector(q));
    return {
      canvas: cs('canvas.decoy').display,
      panelShadow: cs('.decoy-panel').boxShadow,
      panelRadius: cs('.decoy-panel').borderRadius,
      hintBackground: cs('.decoy-hint').backgroundColor,
      buttonWidth: cs('#counter').width,
      documentSheets: document.adoptedStyleSheets.length,
      styleElements: document.querySelectorAll('style').length,
    };
  });
  assert.deepEqual(decoys, {
    canvas: 'none', panelShadow: 'none', panelRadius: '0px', hintBackground: 'rgba(0, 0, 0, 0)',
    buttonWidth: '300px', documentSheets: 0, styleElements: 0,
  });
  // Constructable stylesheets, never a <style> element (which the policy would block).
  assert.deepEqual(await page.$eval('#first', (el) => [el.shadowRoot.adoptedStyleSheets.length, el.shadowRoot.querySelectorAll('style').length]), [1, 0]);

  // The page's own script still works.
  await page.click('#counter');
  assert.equal(await page.textContent('#counter'), 'Clics : 1');
  await page.locator('#first').scrollIntoViewIfNeeded();
  await screenshot(page, 'embed-hostile-first');

  // Scrolled to, the second map loads and draws.
  await page.locator('#below').scrollIntoViewIfNeeded();
  assert.equal((await ready(page, '#below')).ok, true);
  await settled(page, '#below');
  const inkBelow = await inkRatio(page, '#below');
  assert.ok(inkBelow > 0.01, `second map drawn (ink ${inkBelow})`);
  assert.ok(paths(page).includes('/assets/motion-2021.md'), 'its data is fetched once in view');
  assert.equal(await page.$eval('#below', (el) => el.map.selected() ?? null), null, 'selection is per map');
  await screenshot(page, 'embed-hostile-below');

  // Fetched and compiled once for the page.
  const all = paths(page);
  assert.equal(all.filter((p) => p === '/pkg/carte_mentale_bg.wasm').length, 1, 'one wasm download');
  assert.equal(all.filter((p) => p === '/pkg/carte_mentale.js').length, 1, 'one glue download');

  // Privacy: only the script's own origin, no cookie, no storage.
  const foreign = page.requests.filter((u) => new URL(u).origin !== web.url);
  assert.deepEqual(foreign, [], 'no request leaves the origin');
  const traces = await page.evaluate(async () => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
  }));
  assert.deepEqual(traces, { cookie: '', local: 0, session: 0, databases: 0, caches: 0 });
  assert.deepEqual(await page.context().cookies(), []);

  assertNoViolations(await page.evaluate(() => window.__violations));
  const readyEvents = await page.evaluate(() => window.__events.filter((e) => e.type === 'carte-mentale-ready').map((e) => e.id));
  assert.deepEqual(readyEvents, ['first', 'below']);
  assertNoErrors(page);
  await page.close();
});

test('a map below the fold downloads nothing until it is scrolled to; without a height it takes 560 px', async () => {
  const page = await open({ viewport: { width: 1000, height: 700 } });
  await page.goto(`${web.url}/pages/lazy.html`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const before = paths(page);
  for (const p of ['/assets/motion-2021.json', '/pkg/carte_mentale_bg.wasm', '/pkg/carte_mentale.js']) {
    assert.ok(!before.includes(p), `${p} not requested before scrolling (got ${before.join(', ')})`);
  }
  await page.locator('#lazy').scrollIntoViewIfNeeded();
  assert.equal((await ready(page, '#lazy')).ok, true);
  const afterScroll = paths(page);
  for (const p of ['/assets/motion-2021.json', '/pkg/carte_mentale_bg.wasm', '/pkg/carte_mentale.js']) {
    assert.ok(afterScroll.includes(p), `${p} requested once in view`);
  }
  assert.equal(await page.$eval('#lazy', (el) => el.getBoundingClientRect().height), 560, 'default height');
  assertNoViolations(await page.evaluate(() => window.__violations));
  assertNoErrors(page);
  await page.close();
});

test('zoom, dark theme, English, a collapsed tab that opens later, and the element API', async () => {
  const page = await open({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${web.url}/pages/options.html`);
  for (const id of ['#plain', '#zoomed', '#dark']) {
    assert.equal((await ready(page, id)).ok, true, `${id} loads`);
    await settled(page, id);
  }
  const zoom = (id) => page.$eval(id, (el) => el.map.zoom());
  const plain = await zoom('#plain');
  const ratio = (await zoom('#zoomed')) / plain;
  assert.ok(Math.abs(ratio - 2) < 0.02, `zoom="2" is twice the fitted zoom (ratio ${ratio})`);

  // Dark theme and English strings.
  assert.deepEqual(await page.$eval('#dark', (el) => {
    const cs = getComputedStyle(el);
    return [cs.backgroundColor, getComputedStyle(el.shadowRoot.querySelector('canvas')).filter];
  }), ['rgb(20, 20, 20)', 'invert(0.92) hue-rotate(180deg)']);
  const labels = () => page.$eval('#dark', (el) => [...el.shadowRoot.querySelectorAll('.toolbar > button')].map((b) => b.getAttribute('aria-label')));
  assert.deepEqual(await labels(), ['Zoom in', 'Zoom out', 'Show the whole map']);
  await page.$eval('#dark', (el) => el.select('a1-l1'));
  const panel = () => page.$eval('#dark', (el) => el.shadowRoot.querySelector('.panel').textContent);
  assert.match(await panel(), /^×Lever.*Show the contributions.*Sort by/s);
  assert.equal((await styleInside(page, '#dark', '.panel', ['background-color']))['background-color'], 'rgb(20, 20, 20)');
  assert.equal((await styleInside(page, '#dark', '.panel h2', ['color']))['color'], 'rgb(229, 231, 235)');
  await screenshot(page, 'embed-dark-en', page.locator('#dark'));
  await page.$eval('#dark', (el) => el.setAttribute('lang', 'fr'));
  assert.deepEqual(await labels(), ['Zoomer', 'Dézoomer', 'Voir toute la carte']);
  assert.match(await panel(), /^×Levier.*Afficher les contributions.*Trier par/s);

  // The element API and its events.
  await page.$eval('#plain', (el) => el.select('a2'));
  const selectEvent = await page.evaluate(() => window.__events.find((e) => e.type === 'carte-mentale-select' && e.id === 'plain'));
  assert.equal(selectEvent?.detail?.id, 'a2');
  // The axis's panel is open: the map has refitted into the room beside it.
  await settled(page, '#plain');
  const beside = await zoom('#plain');
  assert.ok(beside <= plain + 1e-6, 'the map refits beside the panel, never larger');
  await page.$eval('#plain', (el) => el.zoomIn());
  await settled(page, '#plain');
  assert.ok(Math.abs((await zoom('#plain')) / beside - 1.5) < 0.01, 'zoomIn() zooms by 1.5');
  await page.$eval('#plain', (el) => el.fit());
  await settled(page, '#plain');
  assert.ok(Math.abs((await zoom('#plain')) / beside - 1) < 0.01, 'fit() shows the whole map again');
  assert.equal(await page.$eval('#plain', (el) => el.version), VERSION);
  await page.$eval('#plain', (el) => el.setAttribute('zoom', '3'));
  await settled(page, '#plain');
  assert.ok(Math.abs((await zoom('#plain')) / beside - 3) < 0.03, 'a later zoom attribute applies too');
  await page.$eval('#plain', (el) => el.removeAttribute('zoom'));
  await settled(page, '#plain');
  assert.ok(Math.abs((await zoom('#plain')) / beside - 1) < 0.01, 'without it, the whole map');

  // A collapsed tab: the eager maps inside loaded at size 0; the lazy one has not started.
  for (const id of ['#in-tab', '#in-tab-zoomed']) assert.equal((await ready(page, id)).ok, true, `${id} loads while hidden`);
  assert.deepEqual(await page.$eval('#in-tab', (el) => {
    const r = el.getBoundingClientRect();
    return [r.width, r.height];
  }), [0, 0]);
  assert.equal(await page.$eval('#in-tab-lazy', (el) => el.dataset.state ?? null), null);
  assert.ok(!paths(page).includes('/assets/motion-2021.md'));
  await page.click('[data-tab="tab"]');
  for (const id of ['#in-tab', '#in-tab-zoomed']) {
    await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('canvas').width > 100, id);
    await settled(page, id);
    const ink = await inkRatio(page, id);
    assert.ok(ink > 0.01, `${id} drawn once the tab opens (ink ${ink})`);
  }
  // A map loaded while hidden has no size yet (it is planned round); shown, it is planned again
  // for its shape and settles to the layout of its visible twin of the same size.
  const box = (id) => page.$eval(id, (el) => [Math.round(el.getBoundingClientRect().width), Math.round(el.getBoundingClientRect().height)]);
  assert.deepEqual(await box('#in-tab'), await box('#plain'), 'the twins have one size');
  const positions = (id) => page.$eval(id, (el) => Array.from(el.map.positions()));
  assert.deepEqual(await positions('#in-tab'), await positions('#plain'), 'the same layout as the map loaded shown');
  const inTabFit = await zoom('#in-tab');
  const inTab = inTabFit / plain;
  const inTabZoomed = (await zoom('#in-tab-zoomed')) / inTabFit;
  assert.ok(inTab > 0.98 && inTab < 1.02, `the map in the tab is fitted to its real size (ratio ${inTab})`);
  assert.ok(Math.abs(inTabZoomed - 2) < 0.04, `and its zoom="2" is applied then (ratio ${inTabZoomed})`);
  await page.locator('#in-tab').scrollIntoViewIfNeeded();
  await screenshot(page, 'embed-tab-opened');
  await page.locator('#in-tab-lazy').scrollIntoViewIfNeeded();
  assert.equal((await ready(page, '#in-tab-lazy')).ok, true, 'the lazy map in the tab loads once scrolled to');

  // The maps follow their container's size.
  const canvasWidth = () => page.$eval('#plain', (el) => el.shadowRoot.querySelector('canvas').width);
  const wide = await canvasWidth();
  await page.setViewportSize({ width: 800, height: 900 });
  await page.waitForFunction(([w]) => document.querySelector('#plain').shadowRoot.querySelector('canvas').width < w - 100, [wide]);
  const narrow = await page.$eval('#plain', (el) => [el.shadowRoot.querySelector('canvas').width, Math.round(el.getBoundingClientRect().width - 2)]);
  assert.equal(narrow[0], narrow[1], `backing store follows the new width ${narrow}`);

  await page.click('#counter');
  assert.equal(await page.textContent('#counter'), 'Clics : 1');
  assertNoViolations(await page.evaluate(() => window.__violations));
  assertNoErrors(page);
  await page.close();
});

test('each failure shows its message inside the element, in French unless lang="en"; the page keeps working', async () => {
  const page = await open({ viewport: { width: 900, height: 1800 } });
  await page.route('**/pages/coupure.json', (route) => route.abort('internetdisconnected'));
  await page.goto(`${web.url}/pages/failures.html`);
  for (const id of ['#missing', '#offline', '#invalid', '#nosrc', '#missing-en', '#with-outline']) {
    assert.equal((await ready(page, id)).ok, false, `${id} fails`);
    assert.equal(await page.$eval(id, (el) => el.shadowRoot.querySelector('.status').getAttribute('role')), 'alert');
  }
  assert.match(await statusText(page, '#missing'), /Impossible de charger la carte : le fichier « \/pages\/absente\.json » est introuvable \(erreur 404\)\./);
  assert.match(await statusText(page, '#offline'), /le fichier « \/pages\/coupure\.json » n’a pas pu être téléchargé \(réseau indisponible \?\)/);
  const invalid = await statusText(page, '#invalid');
  assert.match(invalid, /La carte ne peut pas être affichée : le fichier « \/pages\/invalide\.json » contient des erreurs\./);
  assert.match(invalid, /ligne 6, colonne 5.*le titre de la motion est vide/);
  assert.match(invalid, /identifiant « a1 » utilisé plusieurs fois/);
  assert.match(await statusText(page, '#nosrc'), /Aucune donnée : indiquez le fichier de la motion dans l’attribut src\./);
  assert.match(await statusText(page, '#missing-en'), /The map cannot be loaded: the file “\/pages\/absente\.json” was not found \(error 404\)\./);
  // A failed map shows the page's own outline, when it has one.
  assert.equal(await page.locator('#with-outline li', { hasText: 'Premier axe' }).isVisible(), true);
  assert.equal(await page.locator('#missing').evaluate((el) => el.shadowRoot.querySelector('slot')), null);
  const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'carte-mentale-error').map((e) => e.id).sort());
  assert.deepEqual(errors, ['invalid', 'missing', 'missing-en', 'nosrc', 'offline', 'with-outline']);
  await page.click('#counter');
  assert.equal(await page.textContent('#counter'), 'Clics : 1');
  await screenshot(page, 'embed-failures');
  assertNoViolations(await page.evaluate(() => window.__violations));
  assertNoErrors(page, [/404 \(Not Found\)/, /status of 404/, /ERR_INTERNET_DISCONNECTED/, /ERR_FAILED/]);
  await page.close();
});

test('without WebAssembly the element says so in French and shows the outline', async () => {
  const page = await open({ viewport: { width: 1000, height: 900 } }, () => { delete window.WebAssembly; });
  await page.goto(`${web.url}/index.html`);
  assert.equal(await page.evaluate(() => typeof WebAssembly), 'undefined');
  assert.equal((await ready(page, '#motion-2021')).ok, false);
  assert.match(await statusText(page, '#motion-2021'), /Votre navigateur ne peut pas afficher cette carte interactive \(WebAssembly indisponible\)\./);
  assert.equal(await page.getByRole('heading', { name: MOTION.axes[0].title }).isVisible(), true, 'the outline is shown instead');
  assert.ok(!paths(page).includes('/pkg/carte_mentale_bg.wasm'), 'no wasm download');
  await screenshot(page, 'embed-no-wasm');
  assertNoViolations(await page.evaluate(() => window.__violations));
  assertNoErrors(page);
  await page.close();
});

test('a policy without wasm-unsafe-eval: the element names the missing CSP source', async () => {
  const page = await open({ viewport: { width: 900, height: 700 } });
  await page.goto(`${web.url}/pages/csp-sans-wasm.html`);
  assert.equal((await ready(page, '#carte')).ok, false);
  assert.match(await statusText(page, '#carte'), /politique de sécurité \(CSP\) de cette page interdit WebAssembly\. Ajoutez 'wasm-unsafe-eval' à script-src\./);
  // The violation is seen, so the listener used by the other tests does work.
  const violations = await page.evaluate(() => window.__violations);
  assert.ok(violations.some((v) => v.startsWith('script-src')), `violation recorded: ${violations}`);
  await page.click('#counter');
  assert.equal(await page.textContent('#counter'), 'Clics : 1');
  assertNoErrors(page, [/WebAssembly|wasm|Content Security Policy/i]);
  await page.close();
});

for (const [missing, remove] of [
  ['custom elements', () => { delete window.customElements; }],
  ['ResizeObserver', () => { delete window.ResizeObserver; }],
]) {
  test(`a browser without ${missing} gets a French note above the outline`, async () => {
    const page = await open({ viewport: { width: 1000, height: 900 } }, remove);
    await page.goto(`${web.url}/index.html`);
    await page.waitForSelector('carte-mentale[data-state="unsupported"]');
    const note = page.locator('#motion-2021 > p.carte-mentale-unsupported');
    assert.equal(await note.textContent(), 'Votre navigateur est trop ancien pour afficher cette carte interactive ; en voici le plan.');
    assert.equal(await note.getAttribute('role'), 'note');
    assert.equal(await page.getByRole('heading', { name: MOTION.axes[3].title }).isVisible(), true);
    const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'carte-mentale-error').length);
    assert.equal(errors, 1);
    if (missing === 'custom elements') await screenshot(page, 'embed-unsupported');
    assertNoViolations(await page.evaluate(() => window.__violations));
    assertNoErrors(page);
    await page.close();
  });
}

test('the demo page carries the real outline: shown without JavaScript, neither rendered nor read twice with it', async () => {
  // Without JavaScript: every axis and lever title is there, as headings and list items.
  const off = await open({ viewport: { width: 1000, height: 1200 }, javaScriptEnabled: false });
  await off.goto(`${web.url}/index.html`);
  const headings = await off.locator('#motion-2021 h2').allTextContents();
  assert.deepEqual(headings, MOTION.axes.map((a) => a.title));
  const levers = await off.locator('#motion-2021 li li').allTextContents();
  const plain = (t) => t.replace(/\*/g, '');
  assert.deepEqual(levers, MOTION.axes.flatMap((a) => a.levers.map((l) => plain(l.title))));
  for (const h of headings) assert.equal(await off.getByRole('heading', { name: h }).isVisible(), true);
  assert.equal(await off.locator('#motion-2021 li li').first().isVisible(), true);
  assert.ok(!paths(off).some((p) => p.startsWith('/pkg/')), 'nothing else is downloaded');
  await screenshot(off, 'embed-noscript');
  await off.close();

  // With JavaScript: the map replaces it. The page's outline is neither drawn nor read; screen
  // readers get the map's own outline (its ARIA tree), so every title is read once.
  const on = await open({ viewport: { width: 1000, height: 900 } });
  await on.goto(`${web.url}/index.html`);
  assert.equal((await ready(on, '#motion-2021')).ok, true);
  // (light DOM only: the map's own tree, in its shadow root, has list items too)
  const rendered = await on.$$eval('css:light=#motion-2021 h2, #motion-2021 li', (els) => els.filter((e) => e.checkVisibility() || e.getClientRects().length > 0).length);
  assert.equal(rendered, 0, 'outline not rendered');
  const aria = await on.locator('body').ariaSnapshot();
  // (a tree item's name, then its text inside: one reading)
  const named = aria.split('\n').filter((l) => !l.trim().startsWith('- text:')).join('\n').replaceAll("''", "'");
  const times = (text) => named.split(text).length - 1;
  for (const a of MOTION.axes) {
    assert.equal(times(a.title), 1, `"${a.title}" read once`);
    assert.ok(aria.includes(`treeitem "Axe : ${a.title}`), `"${a.title}" is in the map's tree, named without its marker`);
  }
  assert.equal(times(plain(MOTION.axes[0].levers[0].title)), 1);
  assert.match(aria, /img "Carte mentale : Motion du Congrès/, 'the map itself is there, once');
  assertNoViolations(await on.evaluate(() => window.__violations));
  assertNoErrors(on);
  await on.close();
});

test('dist/: one integrity attribute covers the code, the staff page gives a snippet that works, a changed file is refused', { skip: !fs.existsSync(DIST) && `${DIST} is missing: run cargo xtask dist` }, async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'integrity.json'), 'utf8'));
  assert.equal(manifest.version, VERSION);
  assert.deepEqual(Object.keys(manifest.files).sort(), ['carte-mentale.js', 'pkg-export/carte_mentale_bg.wasm', 'pkg-lecteur/carte_mentale_bg.wasm',
    'pkg-sans-simd/carte_mentale_bg.wasm', 'pkg/carte_mentale_bg.wasm']);
  for (const [file, { integrity, bytes }] of Object.entries(manifest.files)) {
    const body = fs.readFileSync(path.join(DIST, file));
    assert.equal(integrity, `sha384-${crypto.createHash('sha384').update(body).digest('base64')}`, file);
    assert.equal(bytes, body.length);
  }
  // The bundle carries the glue and the wasm's hash: it imports nothing else.
  const bundle = fs.readFileSync(path.join(DIST, 'carte-mentale.js'), 'utf8');
  assert.ok(!/\bimport\s*\(|^\s*import\s/m.test(bundle), 'no import left in the bundle');
  // (minified: the constant's name is gone, its value stays)
  assert.ok(bundle.includes(`"${manifest.files['pkg/carte_mentale_bg.wasm'].integrity}"`), 'the bundle carries the wasm hash');
  assert.ok(bundle.includes(`"${manifest.files['pkg-sans-simd/carte_mentale_bg.wasm'].integrity}"`), 'the bundle carries the hash of the map without SIMD');
  assert.ok(bundle.includes(`"${manifest.files['pkg-lecteur/carte_mentale_bg.wasm'].integrity}"`), 'the bundle carries the converter\'s hash');
  assert.ok(bundle.includes(`"${manifest.files['pkg-export/carte_mentale_bg.wasm'].integrity}"`), 'the bundle carries the exports\' hash');
  assert.ok(!fs.existsSync(path.join(DIST, 'pkg/carte_mentale.js')), 'no separate glue');
  // The public build exports no test or benchmark hook (src/web/viewer/probes.rs, LayoutBench).
  for (const probe of ['hovered', 'zoom', 'nodeScreenPosition', 'visibleIds', 'positions', 'labelBoxes', 'loadSynthetic',
    'unfoldAllAndSettle', 'drawTimes', 'setZoomFactor', 'isAnimating', 'listenerCount', 'selected', 'filters', 'filterCount',
    'query', 'unfoldedIds', 'keptIds', 'focused']) {
    // A method definition, minified or not: `name(` after a space, a brace, `;` or `,`.
    assert.ok(!new RegExp(`[ {};,]${probe}\\(`).test(bundle), `no ${probe}() in the public bundle`);
  }
  assert.ok(!bundle.includes('LayoutBench'), 'no LayoutBench in the public bundle');
  assert.ok(/[ {};,]snapshot\(/.test(bundle), 'the check sees the glue\'s methods');

  const dist = await startServer({ root: path.dirname(DIST), headers: csp });
  const base = `${dist.url}/carte-mentale-${VERSION}`;
  try {
    const page = await open({ viewport: { width: 1200, height: 1000 } });
    await page.goto(`${base}/embed.html`);
    await page.waitForSelector('body[data-integrity]');
    assert.equal(await page.getAttribute('body', 'data-integrity'), 'ok', await page.textContent('#integrity'));
    assert.equal(await page.textContent('#version'), VERSION);
    assert.equal((await ready(page, '#preview')).ok, true, 'the preview shows the map');
    const ink = await inkRatio(page, '#preview');
    assert.ok(ink > 0.01, `preview drawn (ink ${ink})`);

    await page.fill('#opt-src', `/carte-mentale-${VERSION}/assets/motion-2021.json`);
    await page.fill('#opt-zoom', '1.5');
    await page.selectOption('#opt-theme', 'dark');
    const snippet = await page.textContent('#snippet');
    const loaderSri = manifest.files['carte-mentale.js'].integrity;
    // No hash on the preload: the script checks the wasm itself (while it compiles it).
    assert.equal(snippet, [
      `<link rel="preload" href="${base}/pkg/carte_mentale_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">`,
      `<script type="module" src="${base}/carte-mentale.js" integrity="${loaderSri}" crossorigin="anonymous"></script>`,
      `<carte-mentale src="/carte-mentale-${VERSION}/assets/motion-2021.json" zoom="1.5" theme="dark"></carte-mentale>`,
    ].join('\n'));
    assert.deepEqual(await page.$eval('#preview', (el) => [el.getAttribute('zoom'), el.getAttribute('theme')]), ['1.5', 'dark']);
    assert.equal((await ready(page, '#preview')).ok, true, 'the preview follows the new src');
    await stillCanvas(page, '#preview');
    await screenshot(page, 'embed-staff-page', page.locator('main'));
    assertNoViolations(await page.evaluate(() => window.__violations));
    assertNoErrors(page);
    await page.close();

    // A host page made of the snippet alone, under the strict policy; `wasm` may replace the wasm.
    const host = async (html, wasm = null, initScript = null) => {
      const p = await open({ viewport: { width: 1000, height: 700 } }, initScript);
      await p.route(`${dist.url}/hote.html`, (route) => route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy': STRICT },
        body: `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Hôte</title><link rel="icon" href="/carte-mentale-${VERSION}/favicon.svg"><body>\n${html}\n</body></html>`,
      }));
      if (wasm) await p.route('**/carte_mentale_bg.wasm', (route) => route.fulfill({ contentType: 'application/wasm', body: wasm }));
      await p.goto(`${dist.url}/hote.html`);
      return p;
    };
    let p = await host(snippet);
    assert.equal((await ready(p, 'carte-mentale')).ok, true, 'the pasted snippet shows the map');
    // The wasm is asked for beside the script (the preload), and the script uses that download:
    // each is fetched once.
    assert.deepEqual(paths(p, dist.url).filter((u) => u.endsWith('.js') || u.endsWith('.wasm')).sort(), [`/carte-mentale-${VERSION}/carte-mentale.js`, `/carte-mentale-${VERSION}/pkg/carte_mentale_bg.wasm`]);
    // The SVG and the CSV: the exports module is fetched then, once, checked against its hash.
    const exported = await p.evaluate(async () => {
      const el = document.querySelector('carte-mentale');
      el.select('a3-l1');
      const [svg, csv] = [await el.exportSvg(), await el.exportCsv()];
      return { svg: await svg.text(), csv: (await csv.text()).split('\r\n').length };
    });
    assert.ok(exported.svg.startsWith('<?xml') && exported.svg.includes('<circle'), 'the poster, drawn by the exports module');
    assert.equal(exported.csv, 4, 'the CSV: its header, the lever\'s two rows, the last line break');
    assert.deepEqual(paths(p, dist.url).filter((u) => u.endsWith('.wasm')).sort(), [`/carte-mentale-${VERSION}/pkg-export/carte_mentale_bg.wasm`, `/carte-mentale-${VERSION}/pkg/carte_mentale_bg.wasm`]);
    assertNoViolations(await p.evaluate(() => window.__violations));
    assertNoErrors(p);
    await p.close();

    // A Markdown outline: the page fetches the converter too, checked against its hash.
    const outline = fs.readFileSync(path.join(ROOT, 'assets/motion-2021.md'), 'utf8');
    p = await open({ viewport: { width: 1000, height: 700 } });
    await p.route(`${dist.url}/plan.md`, (route) => route.fulfill({ contentType: 'text/markdown; charset=utf-8', body: outline }));
    await p.route(`${dist.url}/hote.html`, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': STRICT },
      body: `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Hôte</title><link rel="icon" href="/carte-mentale-${VERSION}/favicon.svg"><body>\n${snippet.split('\n').slice(0, -1).join('\n')}\n<carte-mentale src="/plan.md"></carte-mentale>\n</body></html>`,
    }));
    await p.goto(`${dist.url}/hote.html`);
    const fromOutline = await ready(p, 'carte-mentale');
    assert.equal(fromOutline.ok, true, `the outline is converted and shown: ${fromOutline.messages}`);
    assert.equal(fromOutline.title, MOTION.title);
    assert.deepEqual(paths(p, dist.url).filter((u) => u.endsWith('.js') || u.endsWith('.wasm')).sort(), [`/carte-mentale-${VERSION}/carte-mentale.js`,
      `/carte-mentale-${VERSION}/pkg/carte_mentale_bg.wasm`, `/carte-mentale-${VERSION}/pkg-lecteur/carte_mentale_bg.wasm`].sort());
    assertNoErrors(p);
    await p.close();

    // A browser without WebAssembly SIMD (Safari before 16.4): its `validate` refuses every
    // SIMD instruction (prefix 0xfd, which no other instruction of the modules' features uses;
    // enough for the loader's probe). The map comes from pkg-sans-simd/, checked against its
    // hash; without the preload line, pkg/ is not fetched at all.
    const withoutSimd = () => {
      const validate = WebAssembly.validate;
      WebAssembly.validate = (bytes) => !new Uint8Array(bytes.buffer ?? bytes).includes(0xfd) && validate(bytes);
    };
    p = await host(snippet.split('\n').slice(1).join('\n'), null, withoutSimd);
    const compat = await ready(p, 'carte-mentale');
    assert.equal(compat.ok, true, `the map without SIMD: ${compat.messages}`);
    assert.equal(compat.title, MOTION.title);
    assert.deepEqual(paths(p, dist.url).filter((u) => u.endsWith('.wasm')), [`/carte-mentale-${VERSION}/pkg-sans-simd/carte_mentale_bg.wasm`]);
    const compatInk = await inkRatio(p, 'carte-mentale');
    assert.ok(compatInk > 0.01, `drawn (ink ${compatInk})`);
    assertNoViolations(await p.evaluate(() => window.__violations));
    assertNoErrors(p);
    await p.close();

    // A loader that does not match its hash is not run: no element, the page is otherwise intact.
    const flip = (sri) => sri.replace(/^sha384-./, (m) => m.slice(0, -1) + (m.endsWith('A') ? 'B' : 'A'));
    p = await host(snippet.replace(loaderSri, flip(loaderSri)));
    await p.waitForLoadState('networkidle');
    assert.equal(await p.evaluate(() => customElements.get('carte-mentale') ?? null), null, 'changed loader refused');
    assert.ok(p.errors.some((e) => /integrity/i.test(e)), `the browser reports the integrity failure: ${p.errors}`);
    await p.close();

    // A wasm that is not the published one is refused too, and the element says so.
    const wasm = fs.readFileSync(path.join(DIST, 'pkg/carte_mentale_bg.wasm'));
    wasm[wasm.length - 1] ^= 1;
    p = await host(snippet, wasm);
    assert.equal((await ready(p, 'carte-mentale')).ok, false);
    assert.match(await statusText(p, 'carte-mentale'), /son programme \(carte_mentale_bg\.wasm\) n’est pas celui qui a été publié/);
    await screenshot(p, 'embed-dist-tampered-wasm');
    await p.close();
    // Cut short, it does not even compile: still refused for its hash, not as a failed download.
    p = await host(snippet, wasm.subarray(0, wasm.length >> 1));
    assert.equal((await ready(p, 'carte-mentale')).ok, false);
    assert.match(await statusText(p, 'carte-mentale'), /n’est pas celui qui a été publié/);
    await p.close();

    // Where the page cannot hash (plain HTTP: no crypto.subtle), fetch's integrity option checks
    // the wasm: the published one runs, a changed one is refused.
    for (const changed of [null, wasm]) {
      p = await open({ viewport: { width: 1000, height: 700 } });
      await p.addInitScript(() => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined }));
      await p.route(`${dist.url}/hote.html`, (route) => route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy': STRICT },
        body: `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Hôte</title><body>\n${snippet}\n</body></html>`,
      }));
      if (changed) await p.route('**/carte_mentale_bg.wasm', (route) => route.fulfill({ contentType: 'application/wasm', body: changed }));
      await p.goto(`${dist.url}/hote.html`);
      assert.equal(await p.evaluate(() => globalThis.crypto.subtle ?? null), null);
      assert.equal((await ready(p, 'carte-mentale')).ok, !changed);
      if (changed) assert.match(await statusText(p, 'carte-mentale'), /n’est pas celui qui a été publié/);
      await p.close();
    }
  } finally {
    await dist.close();
  }
});
