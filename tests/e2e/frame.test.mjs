// End-to-end: the <iframe> snippet for site editors that strip <script>. carte.html builds the
// element from URL parameters; carte-frame.js on the host page sets the frame's height; data
// from another site is refused; all under the strict Content-Security-Policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer, newPage, screenshot, assertNoErrors } from './harness.mjs';

const PAGES = new URL('./pages/', import.meta.url).pathname;
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const web = useBrowserAndServer({
  mounts: { '/pages/': PAGES },
  headers: (rel) => (rel.endsWith('.html') ? { 'Content-Security-Policy': STRICT } : {}),
});

test('a map in an iframe: options from the URL, height from the map, other sites refused', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1100, height: 900 } });
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(`${web.url}/pages/cadre.html`);
  const frame = page.frames().find((f) => f.url().includes('carte.html?src=assets'));
  assert.ok(frame, 'the frame is there');
  // The element inside the frame loads the motion with the lever asked for.
  await frame.waitForFunction(() => {
    const el = document.querySelector('carte-mentale');
    return el && el.map && !el.map.isAnimating?.();
  }, null, { timeout: 30_000 });
  const inside = await frame.evaluate(async () => {
    const el = document.querySelector('carte-mentale');
    const result = await el.ready;
    return { ok: result.ok !== false, src: el.getAttribute('src'), lever: el.getAttribute('lever'), title: document.title };
  });
  assert.ok(inside.ok);
  assert.match(inside.src, /\/assets\/motion-2021\.json$/);
  assert.equal(inside.lever, 'a1-l1');
  // The host's frame took the height the map asked for (700 px, from ?height=700).
  await page.waitForFunction(() => document.getElementById('cadre').style.height === '700px', null, { timeout: 10_000 });
  // Data from another site is refused with a French message, and nothing is fetched from it.
  const other = page.frames().find((f) => f.url().includes('exemple.invalid'));
  const message = await other.waitForSelector('#carte-message');
  assert.match(await message.textContent(), /même site/);
  assert.equal(await other.evaluate(() => document.querySelector('carte-mentale')), null);
  assert.deepEqual(violations, []);
  await screenshot(page, 'cadre-iframe');
  assertNoErrors(page);
  await page.close();
});

test('the viewer refuses invalid options and a missing src in French', async () => {
  const page = await newPage(web.browser);
  await page.goto(`${web.url}/carte.html?src=assets/motion-2021.json`);
  const results = await page.evaluate(async () => {
    const { optionsFrom } = await import('/carte.js');
    const origin = location.origin;
    const base = `${origin}/carte.html`;
    return {
      ok: optionsFrom('?src=a.json&lang=en&zoom=fit&unknown=x', base, origin),
      none: optionsFrom('', base, origin),
      js: optionsFrom('?src=javascript:alert(1)', base, origin),
      elsewhere: optionsFrom('?src=//exemple.invalid/a.json', base, origin),
      badLang: optionsFrom('?src=a.json&lang=<b>', base, origin),
      badHeight: optionsFrom('?src=a.json&height=1e9', base, origin),
    };
  });
  assert.deepEqual(results.ok.attrs, { src: `${web.url}/a.json`, lang: 'en', zoom: 'fit' });
  assert.match(results.none.error, /Aucune carte/);
  assert.match(results.js.error, /même site/);
  assert.match(results.elsewhere.error, /même site/);
  assert.match(results.badLang.error, /Valeur invalide/);
  assert.match(results.badHeight.error, /Valeur invalide/);
  await page.close();
});
