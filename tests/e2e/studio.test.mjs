// End-to-end: the studio. Staff open the real 2021 outline and a small table (its rows are
// written for this test, not real contributions), read the report, file two unclassified
// contributions (one proposal accepted with the keyboard, one lever chosen in the list),
// reload (the work is kept), download the JSON and the corrected table, and clear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useBrowserAndServer, newPage, screenshot, assertNoErrors } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const AXE = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;
const OUTLINE = `${ROOT}assets/motion-2021.md`;
const TABLE = `${ROOT}tests/data/studio-contributions.csv`;

const web = useBrowserAndServer();

const report = (page) => page.$$eval('#bilan .counts li', (lis) => Object.fromEntries(lis.map((li) => [li.textContent.replace(/^\d+\s*/, '').trim(), Number(li.querySelector('strong').textContent)])));

test('studio: open, review with the keyboard and the list, reload, download, clear', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1300, height: 1000 }, acceptDownloads: true });
  await page.goto(`${web.url}/studio.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.setInputFiles('#plan', OUTLINE);
  await page.waitForSelector('#bilan .counts');
  await page.setInputFiles('#tableau', TABLE);
  await page.waitForFunction(() => document.querySelectorAll('#classement li[data-id]').length === 3);
  let r = await report(page);
  assert.equal(r['contributions sur la carte'], 4);
  assert.equal(r['classées'], 1);
  assert.equal(r['sans levier'], 3);

  // The first row, about public data, gets proposals; accept the first one with the key 1.
  const first = page.locator('#classement li[data-id]').first();
  const firstId = await first.getAttribute('data-id');
  const proposed = await first.locator('button[data-lever]').first().getAttribute('data-lever');
  assert.ok(proposed, 'a lever is proposed');
  await first.focus();
  await page.keyboard.press('1');
  await page.waitForFunction((id) => document.querySelector(`li[data-id="${id}"]`).classList.contains('chosen'), firstId);
  // The second row: a lever chosen in the list.
  await page.keyboard.press('ArrowDown');
  const second = page.locator('#classement li[data-id]').nth(1);
  const secondId = await second.getAttribute('data-id');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), secondId, '↓ moves to the next contribution');
  await second.locator('select').selectOption('a3-l1');
  r = await report(page);
  assert.equal(r['classées'], 3);
  assert.equal(r['classées ici'], 2);
  await page.waitForFunction(() => document.getElementById('apercu').getAttribute('src')?.startsWith('blob:'));
  await screenshot(page, 'studio-classement');

  // Reload: the work is kept.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => document.querySelectorAll('#classement li.chosen').length === 2);
  r = await report(page);
  assert.equal(r['classées ici'], 2);

  // Download the map and the corrected table.
  let [download] = await Promise.all([page.waitForEvent('download'), page.click('#telecharger-json')]);
  assert.equal(download.suggestedFilename(), 'motion-2021.json');
  const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const byId = Object.fromEntries(json.motion.contributions.map((c) => [c.id, c.levers]));
  assert.deepEqual(byId[firstId], [proposed]);
  assert.deepEqual(byId[secondId], ['a3-l1']);
  // The JSON carries the positions of the map as it opens: an embed paints them without
  // running its layout.
  assert.ok(json.motion.layout.positions.length > 16, 'positions saved');
  const embed = await newPage(web.browser, { viewport: { width: 1000, height: 640 } });
  await embed.route((url) => url.pathname === '/publie/motion-2021.json', (route) => route.fulfill({ body: JSON.stringify(json), contentType: 'application/json' }));
  await embed.goto(`${web.url}/carte.html?src=/publie/motion-2021.json`);
  await embed.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('carte-mentale')?.dataset.state), null, { timeout: 30_000 });
  assert.equal(await embed.$eval('carte-mentale', (el) => el.dataset.state), 'ready', await embed.textContent('body'));
  const drawn = await embed.$eval('carte-mentale', (el) => ({ ticks: el.map.layoutTicks(), shown: el.map.visibleIds().length }));
  assert.deepEqual(drawn, { ticks: 0, shown: json.motion.layout.positions.length }, 'no layout tick before the first paint');
  await screenshot(embed, 'studio-json-dans-une-page', embed.locator('carte-mentale'));
  assertNoErrors(embed);
  await embed.close();
  [download] = await Promise.all([page.waitForEvent('download'), page.click('#telecharger-csv')]);
  assert.equal(download.suggestedFilename(), 'studio-contributions-corrige.csv');
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^\uFEFFcontribution,axe,levier/);
  assert.equal(csv.trim().split('\r\n').length, 5, 'header and four contributions');

  // The snippets name the published JSON; the iframe one the full-page viewer.
  assert.match(await page.inputValue('#code-script'), /<carte-mentale src=".*\/motion-2021\.json"><\/carte-mentale>/);
  assert.match(await page.inputValue('#code-cadre'), /carte\.html\?src=motion-2021\.json/);

  // axe-core: no violation on the studio with its review open.
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const res = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return res.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, []);

  // Clear: nothing kept after a reload.
  await page.click('#effacer');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('#classement li[data-id]').count(), 0);
  assert.match(await page.textContent('#bilan'), /Aucun fichier/);
  assertNoErrors(page);
  await page.close();
});

test('studio: a Windows-1252 table reads with its accents and a note', async () => {
  const page = await newPage(web.browser);
  await page.goto(`${web.url}/studio.html`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.setInputFiles('#plan', OUTLINE);
  // « é », « ç », « œ », « « » » in Windows-1252.
  const text = 'contribution;levier\nLes élus français, l’œuvre « commune » ça compte;a1-l1\n';
  const bytes = Buffer.from([...text].map((ch) => ({ 'é': 0xe9, 'ç': 0xe7, 'œ': 0x9c, '«': 0xab, '»': 0xbb, '’': 0x92 })[ch] ?? ch.charCodeAt(0)));
  await page.setInputFiles('#tableau', { name: 'excel.csv', mimeType: 'text/csv', buffer: bytes });
  await page.waitForSelector('#bilan .counts');
  assert.match(await page.textContent('#bilan'), /Windows-1252/);
  const json = await page.evaluate(() => document.getElementById('apercu').getAttribute('src'));
  const motion = JSON.parse(await page.evaluate(async (u) => (await fetch(u)).text(), json)).motion;
  assert.equal(motion.contributions[0].text, 'Les élus français, l’œuvre « commune » ça compte');
  await page.evaluate(() => document.getElementById('effacer').click());
  assertNoErrors(page);
  await page.close();
});

test('studio: an .xlsx and an .ods workbook read from their first sheet, offline once loaded, kept after a reload', async () => {
  const page = await newPage(web.browser);
  await page.goto(`${web.url}/studio.html`);
  await page.waitForSelector('body[data-ready="true"]');
  // Once loaded, the studio needs the network no more: files, review and preview are local.
  await page.context().setOffline(true);
  await page.setInputFiles('#plan', OUTLINE);
  for (const book of ['contributions-2021.xlsx', 'contributions-2021.ods']) {
    await page.setInputFiles('#tableau', `${ROOT}tests/data/${book}`);
    await page.waitForFunction((name) => document.getElementById('tableau-nom').textContent === name, book);
    await page.waitForFunction(() => document.getElementById('apercu').getAttribute('src')?.startsWith('blob:'));
    const r = await report(page);
    assert.equal(r['contributions sur la carte'], 3, `${book}: ${JSON.stringify(r)}`);
    // The bad label cell is named by its column letter, as the command-line tool does.
    assert.match(await page.textContent('#bilan'), /cellule H3 : label « 9 » invalide/);
    const url = await page.evaluate(() => document.getElementById('apercu').getAttribute('src'));
    const motion = JSON.parse(await page.evaluate(async (u) => (await fetch(u)).text(), url)).motion;
    assert.ok(motion.contributions.some((c) => c.text.includes('« cœur » de la souveraineté.')), book);
  }
  await page.waitForFunction(() => document.getElementById('apercu').dataset.state === 'ready');
  await page.context().setOffline(false);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.textContent('#tableau-nom'), 'contributions-2021.ods');
  assert.equal((await report(page))['contributions sur la carte'], 3, 'the workbook is kept');
  await screenshot(page, 'studio-classeur');
  await page.evaluate(() => document.getElementById('effacer').click());
  assertNoErrors(page);
  await page.close();
});
