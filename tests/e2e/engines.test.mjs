// The smoke test in the two other engines visitors use, both from Debian: Firefox ESR driven by
// puppeteer-core over WebDriver BiDi, and WebKitGTK's MiniBrowser (the engine of Safari's
// family) through WebKitWebDriver under xvfb-run. On the demo page: the map loads, a keyboard
// step moves the focus, a lever is selected, a search finds, the CSV and PNG exports are made.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { spawn } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { startServer, WWW, SCREENSHOTS } from './harness.mjs';

const FIREFOX = '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const MOTION = JSON.parse(fs.readFileSync(new URL('../../assets/motion-2021.json', import.meta.url), 'utf8')).motion;
const LEVER = MOTION.axes[0].levers[0].id;

let server;
before(async () => {
  server = await startServer({ root: WWW });
});
after(async () => {
  await server?.close();
});

/** In the page, once it has a map: the map's state before and after one step, as plain data. */
const READY = async () => {
  const el = document.querySelector('carte-mentale');
  const ready = await el.ready;
  el.shadowRoot.querySelector('canvas').focus();
  return { ok: ready.ok, levers: ready.levers, focused: el.map.snapshot().focused };
};
const FOCUSED = () => document.querySelector('carte-mentale').map.snapshot().focused;
const REST = async (lever) => {
  const el = document.querySelector('carte-mentale');
  const selected = el.select(lever) ? el.map.snapshot().selected : null;
  const found = el.search('numérique')?.count ?? 0;
  const csv = await el.exportCsv();
  const png = await el.exportPng();
  const svg = await el.exportSvg();
  return { selected, found, csv: (await csv.text()).split('\r\n')[0].replace(/^\uFEFF/, ''), png: png?.size ?? 0, svg: (await svg.text()).match(/<circle/g)?.length ?? 0 };
};

/** What every engine must show. */
function check(name, first, focused, rest) {
  assert.deepEqual({ ok: first.ok, levers: first.levers }, { ok: true, levers: 12 }, `${name}: the map loads`);
  assert.equal(first.focused, MOTION.id, `${name}: the keyboard starts on the motion`);
  assert.equal(focused, MOTION.axes[0].id, `${name}: → moves to the first axis`);
  assert.equal(rest.selected, LEVER, `${name}: a lever is selected`);
  assert.ok(rest.found > 0, `${name}: the search finds « numérique »`);
  assert.match(rest.csv, /^contribution,axe,levier/, `${name}: the CSV export`);
  assert.ok(rest.png > 10_000, `${name}: the PNG export (${rest.png} bytes)`);
  assert.ok(rest.svg > 12, `${name}: the SVG export (${rest.svg} circles)`);
}

/** Firefox ESR with a window of `width` × `height`, a page, and the page's uncaught errors. */
async function firefox(width, height) {
  assert.ok(fs.existsSync(FIREFOX), `${FIREFOX} is missing: cargo xtask test installs firefox-esr`);
  // The window's size, not `setViewport`: puppeteer sets it with a BiDi command
  // (`emulation.setScreenOrientationOverride`) that Firefox ESR 140 does not know.
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, protocol: 'webDriverBiDi',
    defaultViewport: null, args: [`--width=${width}`, `--height=${height}`],
  });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { browser, page, errors };
}

test('Firefox ESR (puppeteer-core over WebDriver BiDi): load, a keyboard step, a lever, a search, exports', async () => {
  const { browser, page, errors } = await firefox(1200, 800);
  try {
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => document.querySelector('carte-mentale')?.dataset.state === 'ready', { timeout: 60_000 });
    const first = await page.evaluate(READY);
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(FOCUSED);
    const rest = await page.evaluate(REST, LEVER);
    check('Firefox', first, focused, rest);
    assert.deepEqual(errors, []);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}moteur-firefox.png` });
  } finally {
    await browser.close();
  }
});

// The public build (dist/: the module built by the nightly toolchain, the bundle checking the
// wasm's hash while it compiles) in Firefox too, through the snippet as embed.html gives it.
const VERSION = (fs.readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8').match(/^version\s*=\s*"([^"]+)"/m) ?? [])[1];
const DIST = new URL(`../../dist/carte-mentale-${VERSION}/`, import.meta.url).pathname;
test('Firefox ESR: the public build (dist/) loads through the snippet', { skip: !fs.existsSync(DIST) && `${DIST} is missing: run cargo xtask dist` }, async () => {
  const integrity = JSON.parse(fs.readFileSync(`${DIST}integrity.json`, 'utf8')).files['carte-mentale.js'].integrity;
  const dist = await startServer({ root: DIST });
  const { browser, page, errors } = await firefox(1000, 700);
  try {
    await page.setRequestInterception(true);
    const wasm = [];
    page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
    page.on('request', (r) => (r.url().endsWith('/hote.html')
      ? r.respond({ contentType: 'text/html; charset=utf-8', body: `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Hôte</title><body>
<link rel="preload" href="pkg/carte_mentale_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">
<script type="module" src="carte-mentale.js" integrity="${integrity}" crossorigin="anonymous"></script>
<carte-mentale src="assets/motion-2021.json"></carte-mentale></body></html>` })
      : r.continue()));
    await page.goto(`${dist.url}/hote.html`);
    await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('carte-mentale')?.dataset.state), { timeout: 60_000 });
    const ready = await page.evaluate(async () => {
      const r = await document.querySelector('carte-mentale').ready;
      return { ok: r.ok, levers: r.levers };
    });
    assert.deepEqual(ready, { ok: true, levers: 12 }, 'Firefox: the public build shows the map');
    // Firefox runs WebAssembly SIMD: the map's module is pkg/'s, preloaded and used, and the
    // one without SIMD is not fetched.
    assert.deepEqual([...new Set(wasm)], ['/pkg/carte_mentale_bg.wasm']);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await dist.close();
  }
});

/** A free TCP port on this machine. */
const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

/** The W3C WebDriver commands this test needs, over HTTP. */
async function webdriver(base, method, path, body) {
  const res = await fetch(`${base}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}

test('WebKitGTK MiniBrowser (WebKitWebDriver under xvfb-run): load, a keyboard step, a lever, a search, exports', async () => {
  for (const f of [WEBKIT_DRIVER, MINIBROWSER]) assert.ok(fs.existsSync(f), `${f} is missing: cargo xtask test installs webkit2gtk-driver`);
  const port = await freePort();
  const driver = spawn('xvfb-run', ['-a', WEBKIT_DRIVER, `--port=${port}`], { stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  let session = null;
  try {
    for (let k = 0; k < 100; k++) {
      try {
        await webdriver(base, 'GET', '/status');
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const created = await webdriver(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
    });
    session = `/session/${created.sessionId}`;
    await webdriver(base, 'POST', `${session}/timeouts`, { script: 60_000 });
    await webdriver(base, 'POST', `${session}/url`, { url: `${server.url}/index.html` });
    // An async script calls its last argument with the result of one of the page functions.
    const run = (fn, ...args) => webdriver(base, 'POST', `${session}/execute/async`, {
      script: `const done = arguments[arguments.length - 1]; Promise.resolve((${fn})(...Array.from(arguments).slice(0, -1))).then(done, (e) => done({ error: String(e) }));`,
      args,
    });
    await run(() => new Promise((resolve) => {
      const wait = () => (document.querySelector('carte-mentale')?.dataset.state === 'ready' ? resolve(true) : setTimeout(wait, 100));
      wait();
    }));
    const first = await run(READY);
    await webdriver(base, 'POST', `${session}/actions`, {
      actions: [{ type: 'key', id: 'clavier', actions: [{ type: 'keyDown', value: '\uE014' }, { type: 'keyUp', value: '\uE014' }] }],
    });
    const focused = await run(FOCUSED);
    const rest = await run(REST, LEVER);
    check('WebKit', first, focused, rest);
    // The map's module the loader chose (the exports' came too), by what WebKit says of SIMD:
    // pkg/ where it runs it, pkg-sans-simd/ where it does not.
    const chosen = await run(async () => {
      const { hasSimd } = await import('/src/loader.js');
      const wasm = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((u) => /^\/pkg(-sans-simd)?\/.*\.wasm$/.test(u));
      return { simd: hasSimd(), wasm: [...new Set(wasm)] };
    });
    assert.deepEqual(chosen.wasm, [chosen.simd ? '/pkg/carte_mentale_bg.wasm' : '/pkg-sans-simd/carte_mentale_bg.wasm'], `WebKit (SIMD: ${chosen.simd})`);
    console.log(`WebKitGTK runs WebAssembly SIMD: ${chosen.simd}`);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const png = await webdriver(base, 'GET', `${session}/screenshot`);
    fs.writeFileSync(`${SCREENSHOTS}moteur-webkit.png`, Buffer.from(png, 'base64'));
  } finally {
    if (session) await webdriver(base, 'DELETE', session).catch(() => {});
    try { process.kill(-driver.pid); } catch { /* already gone */ }
  }
});
