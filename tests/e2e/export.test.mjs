// End-to-end: the exports of the demo page (PNG of the view, SVG of the whole map, CSV of the
// contributions behind the selection, print view of a lever), reached from the toolbar's menu
// with the mouse and with the keyboard, under the strict Content-Security-Policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowserAndServer, newPage, screenshot, assertNoErrors, SCREENSHOTS } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const MOTION = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/motion-2021.json'), 'utf8')).motion;

const web = useBrowserAndServer({ headers: (rel) => (rel.endsWith('.html') ? { 'Content-Security-Policy': STRICT } : {}) });

/** The demo page, loaded and settled; CSP violations recorded in `window.__violations`. */
async function demo(options = {}) {
  const page = await newPage(web.browser, { viewport: { width: 1200, height: 900 }, acceptDownloads: true, ...options });
  await page.addInitScript(() => {
    window.__violations = [];
    window.__prints = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
    // Record print requests, and count print() calls on the print frame instead of opening a dialog.
    document.addEventListener('carte-mentale-print', (e) => {
      const frame = e.target.shadowRoot.querySelector('iframe.print-frame');
      window.__prints.push({ detail: e.detail, frame: !!frame });
      frame.contentWindow.print = () => { window.__printed = (window.__printed ?? 0) + 1; };
    });
  });
  await page.goto(`${web.url}/index.html`);
  await page.waitForSelector('carte-mentale[data-state="ready"]', { timeout: 20_000 });
  await settled(page);
  return page;
}

function settled(page) {
  return page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating(), null, { timeout: 15_000 });
}

/** Calls a method of the element's wasm handle. */
function call(page, method, ...args) {
  return page.$eval('carte-mentale', (el, [m, a]) => el.map[m](...a), [method, args]);
}

/** Clicks on a node of the map, where it is drawn. */
async function clickNode(page, id) {
  const p = await page.$eval('carte-mentale', (el, id) => {
    const q = el.map.nodeScreenPosition(id);
    const r = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
    return q && { x: r.left + q[0], y: r.top + q[1] };
  }, id);
  assert.ok(p, `${id} is on the map`);
  await page.mouse.click(p.x, p.y);
  await settled(page);
}

const menuButton = (page) => page.locator('carte-mentale >> button[aria-haspopup="menu"]');
const item = (page, action) => page.locator(`carte-mentale >> [role="menu"] [data-export="${action}"]`);

/** Clicks a menu item and returns the download it starts: `{ name, bytes }`. */
async function download(page, action, activate = () => item(page, action).click()) {
  const [dl] = await Promise.all([page.waitForEvent('download'), activate()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A strict RFC 4180 reader: records end with CRLF. */
function readCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; i++;
    } else field += c;
  }
  assert.equal(field + row.join(''), '', 'the file ends with CRLF');
  return rows;
}

const HEADER = ['contribution', 'axe', 'levier', 'auteur', 'fonction', 'collectivite', 'departement', 'annee', 'label', 'id', 'liens'];
const lever = (id) => MOTION.axes.flatMap((a) => a.levers).find((l) => l.id === id);
const contribution = (id) => MOTION.contributions.find((c) => c.id === id);

test('the export menu, with the mouse: PNG at 2×, SVG of the whole map, CSV of the selected lever and of everything', async () => {
  const page = await demo();
  await clickNode(page, 'a3-l1');
  assert.equal(await call(page, 'selected'), 'a3-l1');
  assert.ok((await call(page, 'visibleIds')).includes('c4'), 'the lever is unfolded');

  const button = menuButton(page);
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const labels = await page.locator('carte-mentale >> [role="menu"] button').allTextContents();
  assert.deepEqual(labels, ['Image PNG (vue actuelle)', 'Image SVG (carte entière)', 'Tableau CSV (contributions affichées)', 'Imprimer le levier']);
  assert.equal(await item(page, 'print').isEnabled(), true, 'a lever is selected: it can be printed');
  await screenshot(page, 'export-menu');

  // PNG of the current view, twice the canvas's CSS size.
  const css = await page.$eval('carte-mentale', (el) => {
    const r = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
    return { width: r.width, height: r.height };
  });
  const png = await download(page, 'png');
  assert.equal(png.name, 'motion-2021.png');
  assert.deepEqual(pngSize(png.bytes), { width: Math.round(css.width * 2), height: Math.round(css.height * 2) });
  assert.equal(await button.getAttribute('aria-expanded'), 'false', 'choosing closes the menu');
  assert.equal(await page.evaluate(() => document.querySelector('carte-mentale').shadowRoot.activeElement?.getAttribute('aria-haspopup')), 'menu', 'focus is back on the button');

  // SVG of the whole map: parses, and has the titles as text.
  await button.click();
  const svg = await download(page, 'svg');
  assert.equal(svg.name, 'motion-2021.svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      title: doc.querySelector('title')?.textContent,
      text: [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' '),
      viewBox: doc.documentElement.getAttribute('viewBox'),
    };
  }, svg.bytes.toString('utf8'));
  assert.equal(parsed.error, null, 'the SVG parses');
  assert.equal(parsed.root, 'svg');
  assert.equal(parsed.title, MOTION.title);
  assert.match(parsed.viewBox, /^-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+$/);
  const words = (s) => s.split(/\s+/).slice(0, 3).join(' ');
  assert.ok(parsed.text.includes(words(MOTION.title)), 'the motion title');
  for (const axis of MOTION.axes) {
    assert.ok(parsed.text.includes(words(axis.title)), `axis « ${axis.title} »`);
    for (const l of axis.levers) assert.ok(parsed.text.includes(words(l.title)), `lever « ${l.title} »`);
  }
  for (const author of ['Loïc Damiani', 'Nicolas Liot']) assert.ok(parsed.text.includes(author), `${author}, unfolded under the lever`);
  // The file itself, and how a browser draws it, for people to look at.
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const svgFile = path.join(SCREENSHOTS, 'export.svg');
  fs.writeFileSync(svgFile, svg.bytes);
  const viewer = await newPage(web.browser, { viewport: { width: 1200, height: 1100 } });
  await viewer.setContent(`<img alt="" style="width:100%" src="data:image/svg+xml;base64,${svg.bytes.toString('base64')}">`);
  await screenshot(viewer, 'export-svg');
  await viewer.close();

  // CSV of the selected lever: the header and exactly its two rows.
  await button.click();
  const csv = await download(page, 'csv');
  assert.equal(csv.name, 'motion-2021-a3-l1.csv');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  const rows = readCsv(csv.bytes.toString('utf8').slice(1));
  assert.deepEqual(rows[0], HEADER);
  assert.deepEqual(rows.slice(1).map((r) => [r[9], r[2], r[0], r[3]]), ['c3', 'c4'].map((id) => [id, lever('a3-l1').title, contribution(id).text, contribution(id).author]));

  // Nothing selected: every contribution, once per lever it is filed under.
  await page.keyboard.press('Escape');
  await page.$eval('carte-mentale', (el) => el.shadowRoot.querySelector('canvas').focus());
  await page.keyboard.press('Escape');
  assert.equal((await call(page, 'selected')) ?? null, null);
  await button.click();
  assert.equal(await item(page, 'print').isEnabled(), false, 'nothing to print without a lever');
  const all = await download(page, 'csv');
  assert.equal(all.name, 'motion-2021.csv');
  const allRows = readCsv(all.bytes.toString('utf8').slice(1));
  assert.deepEqual(allRows[0], HEADER);
  assert.deepEqual(allRows.slice(1).map((r) => `${r[9]} ${r[2]}`), MOTION.contributions.flatMap((c) => c.levers.map((l) => `${c.id} ${lever(l).title}`)));
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
  assertNoErrors(page);
  await page.close();
});

test('the export menu, with the keyboard: arrows, Enter, Escape, focus back on the button', async () => {
  const page = await demo();
  await clickNode(page, 'a3-l2');
  const button = menuButton(page);
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const focused = () => page.evaluate(() => document.querySelector('carte-mentale').shadowRoot.activeElement?.dataset.export ?? null);
  assert.equal(await focused(), 'png', 'Enter opens the menu on its first item');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'csv');
  await page.keyboard.press('End');
  assert.equal(await focused(), 'print');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'png', 'the arrows wrap around');
  await page.keyboard.press('Escape');
  assert.equal(await button.getAttribute('aria-expanded'), 'false', 'Escape closes the menu');
  assert.equal(await page.evaluate(() => document.querySelector('carte-mentale').shadowRoot.activeElement?.getAttribute('aria-haspopup')), 'menu', 'focus returns to the button');
  assert.equal(await call(page, 'selected'), 'a3-l2', 'Escape in the menu keeps the selection');

  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await button.getAttribute('aria-expanded'), 'false', 'Escape on the button closes the menu');
  assert.equal(await call(page, 'selected'), 'a3-l2', 'and keeps the selection');
  await button.click();
  await page.locator('carte-mentale >> .panel h2').click();
  assert.equal(await button.getAttribute('aria-expanded'), 'false', 'a click elsewhere in the element closes the menu');
  await button.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'png', 'ArrowDown on the button opens the menu too');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const csv = await download(page, 'csv', () => page.keyboard.press('Enter'));
  assert.equal(csv.name, 'motion-2021-a3-l2.csv');
  const rows = readCsv(csv.bytes.toString('utf8').slice(1));
  assert.deepEqual(rows.slice(1).map((r) => [r[9], r[2]]), [['c4', lever('a3-l2').title], ['c5', lever('a3-l2').title]]);

  // In English.
  await page.$eval('carte-mentale', (el) => el.setAttribute('lang', 'en'));
  await button.click();
  assert.equal(await button.getAttribute('aria-label'), 'Export');
  assert.deepEqual(await page.locator('carte-mentale >> [role="menu"] button').allTextContents(),
    ['PNG image (current view)', 'SVG image (whole map)', 'CSV table (contributions shown)', 'Print the lever']);
  assertNoErrors(page);
  await page.close();
});

test('the print view of a lever: titles and every contribution, as text, on A4', async () => {
  const page = await demo();
  await clickNode(page, 'a3-l2');
  await clickNode(page, 'c5');
  assert.equal(await call(page, 'selected'), 'c5');
  await menuButton(page).click();
  assert.equal(await item(page, 'print').isEnabled(), true, 'a contribution selected: its lever can be printed');
  await item(page, 'print').click();
  // The exports module writes the print view's data: the frame comes once it is there.
  await page.waitForFunction(() => window.__prints.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__prints), [{ detail: 'a3-l2', frame: true }]);
  assert.equal(await page.evaluate(() => window.__printed), 1, 'print() was called on the frame');
  const view = await page.$eval('carte-mentale', (el) => {
    const doc = el.shadowRoot.querySelector('iframe.print-frame').contentDocument;
    return {
      text: doc.body.textContent,
      title: doc.title,
      tags: [...new Set([...doc.body.querySelectorAll('*')].map((e) => e.localName))].sort(),
      page: [...doc.adoptedStyleSheets].flatMap((s) => [...s.cssRules]).map((r) => r.cssText).find((c) => c.startsWith('@page')) ?? '',
      h1: doc.querySelector('h1')?.textContent,
      items: [...doc.querySelectorAll('li.contribution blockquote')].map((b) => b.textContent),
    };
  });
  assert.ok(view.text.includes(MOTION.title), 'the motion title');
  assert.ok(view.text.includes(MOTION.axes[2].title), 'the axis title');
  assert.equal(view.h1, lever('a3-l2').title);
  assert.deepEqual(view.items, ['c4', 'c5'].map((id) => contribution(id).text), 'every contribution of the lever');
  for (const s of ['Nicolas Liot', 'maire adjoint à la communication', 'Fleury-sur-Orne (14)', 'Claude Morin', 'Nouans (72)', '2021', '@@']) {
    assert.ok(view.text.includes(s), s);
  }
  assert.match(view.page, /size: a4/i);
  assert.deepEqual(view.tags, ['blockquote', 'dd', 'dl', 'dt', 'footer', 'h1', 'header', 'li', 'ol', 'p'], 'only the elements the view builds');

  // Screenshot of the print view: the frame shown over the map, in print media.
  await page.emulateMedia({ media: 'print' });
  await page.$eval('carte-mentale', (el) => {
    el.style.height = '1150px';
    const f = el.shadowRoot.querySelector('iframe.print-frame');
    f.style.cssText = 'position:absolute;left:0;top:0;width:794px;height:1123px;opacity:1;z-index:10;background:#fff;border:0';
  });
  await page.setViewportSize({ width: 900, height: 1300 });
  await screenshot(page, 'print-view', page.locator('carte-mentale >> iframe.print-frame'));
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
  assertNoErrors(page);
  await page.close();
});

test('hostile contribution text stays text in every export', async () => {
  const hostile = structuredClone(MOTION);
  const evil = '<img src=x onerror="window.__pwned=1"><b>gras</b> =1+1 « ok »';
  Object.assign(hostile.contributions[4], {
    text: evil,
    author: '=HYPERLINK("http://evil.example";"clic")',
    links: [
      { text: 'source', href: 'https://example.org/a?b=1' },
      { text: 'piège', href: 'javascript:alert(1)' },
      { text: 'courriel', href: 'mailto:x@example.org' },
    ],
  });
  const page = await newPage(web.browser, { viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  await page.route('**/assets/motion-2021.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ format: 'carte-mentale', version: 1, motion: hostile }) }));
  await page.goto(`${web.url}/index.html`);
  await page.waitForSelector('carte-mentale[data-state="ready"]', { timeout: 20_000 });
  await settled(page);
  await clickNode(page, 'a3-l2');

  // CSV: the formula is neutralised, the text kept.
  await menuButton(page).click();
  const csv = await download(page, 'csv');
  const rows = readCsv(csv.bytes.toString('utf8').slice(1));
  const c5 = rows.find((r) => r[9] === 'c5');
  assert.equal(c5[0], evil);
  assert.equal(c5[3], `'${hostile.contributions[4].author}`);
  assert.equal(c5[10], 'https://example.org/a?b=1', 'only http(s) links');

  // SVG: parses; the author label is text.
  await menuButton(page).click();
  const svg = await download(page, 'svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: !!doc.querySelector('parsererror'), tags: [...new Set([...doc.querySelectorAll('*')].map((e) => e.localName))] };
  }, svg.bytes.toString('utf8'));
  assert.equal(parsed.error, false);
  assert.deepEqual(parsed.tags.filter((t) => !['svg', 'title', 'rect', 'g', 'path', 'circle', 'text'].includes(t)), []);

  // Print view: the text as text, no element from the data, only the http(s) link.
  const printed = await page.$eval('carte-mentale', async (el) => {
    // The frame comes with the exports module; its event is the sign.
    const shown = new Promise((resolve) => document.addEventListener('carte-mentale-print', (e) => {
      e.preventDefault();
      resolve();
    }, { once: true }));
    if (!el.printLever('a3-l2')) return null;
    await shown;
    const doc = el.shadowRoot.querySelector('iframe.print-frame').contentDocument;
    return {
      quotes: [...doc.querySelectorAll('blockquote')].map((b) => b.textContent),
      img: doc.querySelectorAll('img, b, script').length,
      hrefs: [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      pwned: window.__pwned ?? null,
    };
  });
  assert.ok(printed.quotes.includes(evil));
  assert.equal(printed.img, 0);
  assert.deepEqual(printed.hrefs, ['https://example.org/a?b=1']);
  assert.equal(printed.pwned, null);
  assertNoErrors(page);
  await page.close();
});
