// End-to-end: finding and sharing on the real 2021 motion, as a visitor would — typing in the
// search box, ticking filters, copying a link, walking the map with the keyboard only, the
// outline (ARIA tree) a screen reader reads, and axe-core on the demo and embed pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useBrowserAndServer, newPage, screenshot, assertNoErrors } from './harness.mjs';

const MOTION = JSON.parse(fs.readFileSync(new URL('../../assets/motion-2021.json', import.meta.url), 'utf8')).motion;
const AXE = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;

const web = useBrowserAndServer({
  mounts: { '/pages/': new URL('./pages/', import.meta.url).pathname, '/data/': new URL('../data/', import.meta.url).pathname },
});

async function open(path = '/index.html', options = {}) {
  const page = await newPage(web.browser, { viewport: { width: 1200, height: 800 }, ...options });
  await page.goto(`${web.url}${path}`);
  await page.waitForSelector('carte-mentale[data-state="ready"]', { timeout: 20_000 });
  return page;
}

const state = (page) => page.$eval('carte-mentale', (el) => ({
  selected: el.map.selected() ?? null,
  focused: el.map.focused() ?? null,
  unfolded: el.map.unfoldedIds(),
  query: el.map.query(),
  filters: el.map.filters(),
  panel: el.shadowRoot.querySelector('.panel').hidden ? '' : el.shadowRoot.querySelector('.panel').textContent,
  live: el.shadowRoot.querySelector('.sr-only[aria-live]').textContent,
  hash: location.hash,
}));

/** Is the node drawn inside the canvas (not under its edges)? */
const onScreen = (page, id) => page.$eval('carte-mentale', (el, id) => {
  const p = el.map.nodeScreenPosition(id);
  const c = el.shadowRoot.querySelector('canvas');
  return !!p && p[0] > 0 && p[1] > 0 && p[0] < c.clientWidth && p[1] < c.clientHeight;
}, id);

/** Waits until the map has stopped moving (layout and camera). */
const still = (page) => page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating(), null, { timeout: 10_000 });

/** Page coordinates of a node's centre. */
const nodeOnPage = (page, id) => page.$eval('carte-mentale', (el, id) => {
  const p = el.map.nodeScreenPosition(id);
  const r = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
  return p && { x: r.left + p[0], y: r.top + p[1] };
}, id);

const contributions = (pred) => MOTION.contributions.filter(pred).map((c) => c.id);
const leverOf = (c) => MOTION.contributions.find((x) => x.id === c).levers[0];

test('searching « numerique » (no accent) finds the nodes that say « numérique », and Enter walks through them with the view following', async () => {
  const page = await open();
  const map = page.locator('carte-mentale');
  const box = map.getByRole('searchbox', { name: 'Rechercher dans la carte' });
  await box.click();
  await page.keyboard.type('numerique');
  const list = map.getByRole('list', { name: 'Résultats de la recherche' });
  await list.getByRole('listitem').first().waitFor();
  const expected = (() => {
    // What the data says: every node whose text has « numérique » (any case), in map order.
    const has = (...t) => t.some((x) => /num[ée]rique/i.test(x ?? ''));
    const ids = [];
    if (has(MOTION.title, MOTION.description)) ids.push(MOTION.id);
    for (const a of MOTION.axes) if (has(a.title, a.description)) ids.push(a.id);
    for (const a of MOTION.axes) for (const l of a.levers) if (has(l.title, l.description)) ids.push(l.id);
    for (const c of MOTION.contributions) if (has(c.text, c.author, c.role, c.collectivity)) ids.push(c.id);
    return ids;
  })();
  const count = await map.locator('.count').textContent();
  assert.equal(count, `${expected.length} résultats`);
  const titles = await list.getByRole('button').allTextContents();
  assert.equal(titles.length, expected.length);
  assert.ok(titles.some((t) => t.includes('un soutien aux innovations, au service de la sobriété numérique')), titles.join('\n'));
  await screenshot(page, 'finding-search-list');

  // Enter: the first hit is selected, its panel opens, and the view is on it.
  await page.keyboard.press('Enter');
  await still(page);
  let s = await state(page);
  assert.equal(s.selected, expected[0]);
  assert.ok(await onScreen(page, expected[0]));
  assert.equal(await map.locator('.count').textContent(), `1 sur ${expected.length}`);
  // Down arrow: the next ones; a hidden contribution has its lever unfolded.
  const firstContribution = expected.findIndex((id) => id.startsWith('c'));
  assert.ok(firstContribution > 0, 'a contribution mentions « numérique »');
  for (let k = 1; k <= firstContribution; k++) await page.keyboard.press('ArrowDown');
  await still(page);
  s = await state(page);
  const c = expected[firstContribution];
  assert.equal(s.selected, c);
  assert.ok(s.unfolded.includes(leverOf(c)), 'its lever was unfolded');
  assert.ok(await onScreen(page, c), 'the view followed');
  const text = MOTION.contributions.find((x) => x.id === c).text;
  assert.ok(s.panel.includes(text.slice(0, 60)), 'its panel is open');
  await page.waitForFunction(() => /^Résultat \d+ sur \d+ : Contribution/.test(document.querySelector('carte-mentale').shadowRoot.querySelector('.sr-only[aria-live]').textContent));
  await screenshot(page, 'finding-search-hit');

  // « elu » finds « élu·es » (accent, case and the median dot ignored).
  await box.fill('ELU');
  await page.waitForFunction(() => document.querySelector('carte-mentale').map.query() === 'ELU');
  const hits = await page.$eval('carte-mentale', (el) => el.map.search('ELU').hits.map((h) => h.id));
  const lever = MOTION.axes[0].levers.find((l) => /élu·es/.test(l.title));
  assert.ok(hits.includes(lever.id), `« ${lever.title} » is found by « elu »`);
  // Escape clears the search.
  await box.focus();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('carte-mentale').map.query() === '');
  assertNoErrors(page);
  await page.close();
});

test('filters fade what they drop, the counts follow, they combine, and one click clears them', async () => {
  const page = await open();
  const map = page.locator('carte-mentale');
  const button = map.getByRole('button', { name: 'Filtres', exact: true });
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const dialog = map.locator('#cm-filters');
  await dialog.getByRole('checkbox', { name: /^94 / }).check();
  let s = await state(page);
  const in94 = contributions((c) => c.department === '94');
  assert.deepEqual(s.filters.departments, ['94']);
  assert.equal(await dialog.locator('.filter-status').textContent(), `${in94.length} contributions sur ${MOTION.contributions.length} correspondent aux filtres.`);
  assert.deepEqual(await page.$eval('carte-mentale', (el) => el.map.keptIds()), in94);
  await page.waitForFunction(() => /correspond/.test(document.querySelector('carte-mentale').shadowRoot.querySelector('.sr-only[aria-live]').textContent));
  assert.equal(await map.getByRole('button', { name: 'Filtres (1)' }).count(), 1, 'the button says how many filters are on');
  // Combined with a year and an axis (all must hold).
  const axis = MOTION.axes.find((a) => MOTION.contributions.some((c) => c.department === '94' && c.levers.some((l) => l.startsWith(`${a.id}-`))));
  await dialog.getByRole('checkbox', { name: new RegExp(`^${axis.title.slice(0, 30)}`) }).check();
  await dialog.getByRole('checkbox', { name: /^2021 / }).check();
  const both = contributions((c) => c.department === '94' && c.year === 2021 && c.levers.some((l) => l.startsWith(`${axis.id}-`)));
  assert.deepEqual(await page.$eval('carte-mentale', (el) => el.map.keptIds()), both);
  // The lever badges count what passes: unfold the axis's levers and check a faded contribution.
  await screenshot(page, 'finding-filters');
  s = await state(page);
  assert.ok(s.hash.includes('dep%3D94'), s.hash);
  await dialog.getByRole('button', { name: 'Effacer les filtres' }).click();
  s = await state(page);
  assert.deepEqual(s.filters, { axes: [], years: [], departments: [], roles: [], labels: [] });
  assert.equal(await dialog.getByRole('checkbox', { checked: true }).count(), 0);
  assert.equal(s.hash, '', 'the link has nothing left to carry');
  assertNoErrors(page);
  await page.close();
});

test('a copied link reopens the same view, and Back and Forward move through selections', async () => {
  const page = await open();
  const map = page.locator('carte-mentale');
  // A visitor unfolds two levers on the map, then reads a contribution.
  const c = MOTION.contributions[0];
  const lever = c.levers[0];
  let p = await nodeOnPage(page, lever);
  await page.mouse.click(p.x, p.y);
  await still(page);
  // (brought to the middle first: the lever's panel covers the right of the map)
  await page.$eval('carte-mentale', (el, id) => el.map.zoomTo(id), c.id);
  await still(page);
  p = await nodeOnPage(page, c.id);
  await page.mouse.click(p.x, p.y);
  await still(page);
  await map.getByRole('searchbox').fill('cloud');
  await page.waitForFunction(() => document.querySelector('carte-mentale').map.query() === 'cloud');
  let s = await state(page);
  assert.equal(s.selected, c.id);
  const link = page.url();
  assert.ok(link.includes('#cm.motion-2021='), link);

  // The link, in a new tab: the same selection, levers, search and panel.
  const other = await newPage(web.browser, { viewport: { width: 1000, height: 700 } });
  await other.goto(link);
  await other.waitForSelector('carte-mentale[data-state="ready"]', { timeout: 20_000 });
  await still(other);
  const t = await state(other);
  assert.equal(t.selected, c.id);
  assert.deepEqual(t.unfolded, s.unfolded);
  assert.equal(t.query, 'cloud');
  assert.equal(await other.locator('carte-mentale').getByRole('searchbox').inputValue(), 'cloud');
  assert.ok(t.panel.includes(c.text.slice(0, 50)));
  assert.ok(await onScreen(other, c.id), 'the view is on it');
  await screenshot(other, 'finding-deep-link');
  assertNoErrors(other);
  await other.close();

  // Back: the lever that was selected before; Back again: nothing; Forward: the lever again.
  await page.goBack();
  await page.waitForFunction((l) => document.querySelector('carte-mentale').map.selected() === l, lever);
  s = await state(page);
  assert.ok(s.panel.includes(MOTION.axes.flatMap((a) => a.levers).find((l) => l.id === lever).title.replace(/\*/g, '').slice(0, 30)));
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('carte-mentale').map.selected() === undefined);
  assert.equal((await state(page)).panel, '');
  await page.goForward();
  await page.waitForFunction((l) => document.querySelector('carte-mentale').map.selected() === l, lever);
  // The host page's own fragment is kept.
  await page.goto(`${web.url}/index.html#haut`);
  await page.waitForSelector('carte-mentale[data-state="ready"]');
  p = await nodeOnPage(page, lever);
  await page.mouse.click(p.x, p.y);
  await page.waitForFunction(() => location.hash.startsWith('#haut&cm.motion-2021='));
  assertNoErrors(page);
  await page.close();
});

test('two maps on one page keep their own part of the link', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1200, height: 900 } });
  await page.goto(`${web.url}/exemple.html#intro`);
  await page.waitForFunction(() => [...document.querySelectorAll('carte-mentale')].every((e) => e.dataset.state === 'ready'), null, { timeout: 20_000 });
  const a = MOTION.axes[0].levers[0].id;
  await page.$eval('#carte-json', (el, id) => { el.map.toggle(id); el.select(id); }, a);
  await page.$eval('#carte-md', (el) => el.search('cloud'));
  await page.waitForFunction(() => /cm\.carte-md=/.test(location.hash) && /cm\.carte-json=/.test(location.hash));
  assert.ok(page.url().includes('#intro&'), 'the page\'s own fragment comes first, untouched');
  await page.reload();
  await page.waitForFunction(() => [...document.querySelectorAll('carte-mentale')].every((e) => e.dataset.state === 'ready'), null, { timeout: 20_000 });
  const [ja, mb] = await page.evaluate(() => ['#carte-json', '#carte-md'].map((s) => {
    const m = document.querySelector(s).map;
    return { selected: m.selected() ?? null, unfolded: m.unfoldedIds(), query: m.query() };
  }));
  assert.deepEqual(ja, { selected: a, unfolded: [a], query: '' });
  assert.deepEqual(mb, { selected: null, unfolded: [], query: 'cloud' });
  assertNoErrors(page);
  await page.close();
});

test('keyboard only: Tab reaches the map, arrows walk from the motion to a contribution, Enter opens its panel', async () => {
  const page = await open();
  // Tab from the top of the page until the canvas has the focus.
  let tabs = 0;
  while (tabs < 20) {
    await page.keyboard.press('Tab');
    tabs++;
    if (await page.$eval('carte-mentale', (el) => el.shadowRoot.activeElement?.tagName === 'CANVAS')) break;
  }
  assert.ok(tabs < 20, 'the map is in the tab order');
  let s = await state(page);
  assert.equal(s.focused, MOTION.id, 'the keyboard starts on the motion');
  // The focus ring is drawn: the focused node is ringed in the focus colour (#c2410c).
  const ringed = async (id) => page.$eval('carte-mentale', (el, id) => {
    const [x, y, r] = el.map.nodeScreenPosition(id);
    const c = el.shadowRoot.querySelector('canvas');
    const k = c.width / c.clientWidth;
    const ctx = c.getContext('2d');
    let hits = 0;
    for (let a = 0; a < 64; a++) {
      const px = Math.round((x + Math.cos(a / 64 * Math.PI * 2) * (r + 9)) * k);
      const py = Math.round((y + Math.sin(a / 64 * Math.PI * 2) * (r + 9)) * k);
      const [R, G, B] = ctx.getImageData(px, py, 1, 1).data;
      if (Math.abs(R - 0xc2) < 30 && Math.abs(G - 0x41) < 30 && Math.abs(B - 0x0c) < 30) hits++;
    }
    return hits;
  }, id);
  await still(page);
  assert.ok(await ringed(MOTION.id) > 10, 'a visible focus ring on the motion');
  const lever = MOTION.contributions[0].levers[0];
  const axis = lever.split('-')[0];
  const axisIndex = MOTION.axes.findIndex((a) => a.id === axis);
  await page.keyboard.press('ArrowRight');
  for (let k = 0; k < axisIndex; k++) await page.keyboard.press('ArrowDown');
  assert.equal((await state(page)).focused, axis);
  await page.keyboard.press('ArrowRight');
  const leverIndex = MOTION.axes[axisIndex].levers.findIndex((l) => l.id === lever);
  for (let k = 0; k < leverIndex; k++) await page.keyboard.press('ArrowDown');
  s = await state(page);
  assert.equal(s.focused, lever);
  await page.waitForFunction(() => /^Levier : .* replié\.$/.test(document.querySelector('carte-mentale').shadowRoot.querySelector('.sr-only[aria-live]').textContent));
  await page.keyboard.press('ArrowRight');
  assert.ok((await state(page)).unfolded.includes(lever), '→ unfolds the lever');
  await page.keyboard.press('ArrowRight');
  s = await state(page);
  const first = MOTION.contributions.find((c) => c.levers.includes(lever));
  assert.equal(s.focused, first.id);
  await page.keyboard.press('Enter');
  await still(page);
  s = await state(page);
  assert.equal(s.selected, first.id);
  assert.ok(s.panel.includes(first.text.slice(0, 60)), 'Enter opens its panel');
  assert.ok(await ringed(first.id) > 10, 'the focus ring follows');
  await screenshot(page, 'finding-keyboard');
  // + zooms in, 0 fits; Escape closes the panel and the map keeps the keyboard.
  const z0 = await page.$eval('carte-mentale', (el) => el.map.zoom());
  await page.keyboard.press('+');
  await still(page);
  assert.ok(await page.$eval('carte-mentale', (el) => el.map.zoom()) > z0 * 1.2);
  await page.keyboard.press('Escape');
  assert.equal((await state(page)).panel, '');
  assert.equal(await page.$eval('carte-mentale', (el) => el.shadowRoot.activeElement?.tagName), 'CANVAS');
  assertNoErrors(page);
  await page.close();
});

test('the outline (ARIA tree) mirrors the map both ways', async () => {
  const page = await open();
  const map = page.locator('carte-mentale');
  const tree = map.getByRole('tree');
  // The tree: motion, axes and levers with their counts.
  assert.equal(await tree.getByRole('treeitem', { level: 2 }).count(), MOTION.axes.length);
  assert.equal(await tree.getByRole('treeitem', { level: 3 }).count(), MOTION.axes.reduce((n, a) => n + a.levers.length, 0));
  // A click on the map unfolds a lever: the tree expands it and selects it.
  const c = MOTION.contributions[0];
  const lever = c.levers[0];
  const p = await nodeOnPage(page, lever);
  await page.mouse.click(p.x, p.y);
  const leverItem = tree.getByRole('treeitem', { level: 3, expanded: true });
  // (attached, not visible: the outline is for screen readers until it has the keyboard)
  await leverItem.waitFor({ state: 'attached' });
  const outlineWidth = () => map.locator('#cm-outline').evaluate((e) => e.getBoundingClientRect().width);
  assert.ok(await outlineWidth() <= 1, 'visually hidden');
  assert.equal(await leverItem.getAttribute('aria-selected'), 'true');
  const inside = await leverItem.getByRole('treeitem', { level: 4 }).allTextContents();
  const under = MOTION.contributions.filter((x) => x.levers.includes(lever));
  assert.equal(inside.length, under.length);
  assert.ok(inside[0].startsWith(under[0].author), inside[0]);
  // From the tree: Tab into it, arrows to the contribution, Enter selects it on the map.
  await leverItem.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal((await state(page)).focused, under[0].id, 'the map follows the tree');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector('carte-mentale').map.selected() === id, under[0].id);
  assert.ok(await outlineWidth() > 200, 'the outline shows while it has the keyboard');
  await screenshot(page, 'finding-outline');
  // ← back to the lever, ← folds it on the map too.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((l) => !document.querySelector('carte-mentale').map.unfoldedIds().includes(l), lever);
  assert.equal(await tree.getByRole('treeitem', { level: 4 }).count(), 0);
  assertNoErrors(page);
  await page.close();
});

test('English on request: every string of the widget follows the lang attribute', async () => {
  const page = await open();
  await page.$eval('carte-mentale', (el) => el.setAttribute('lang', 'en'));
  const map = page.locator('carte-mentale');
  assert.equal(await map.getByRole('searchbox', { name: 'Search the map' }).count(), 1);
  assert.equal(await map.getByRole('button', { name: 'Filters', exact: true }).count(), 1);
  assert.ok((await map.getByRole('tree').getByRole('treeitem').first().textContent()).startsWith('Motion: '));
  await page.$eval('carte-mentale', (el) => el.setAttribute('lang', 'fr'));
  assert.equal(await map.getByRole('searchbox', { name: 'Rechercher dans la carte' }).count(), 1);
  assertNoErrors(page);
  await page.close();
});

// Every visitor page of www/ (the studio has its own axe-core check in studio.test.mjs; bench.html
// and draw-bench.html are measuring harnesses, not pages a visitor opens).
for (const path of ['/index.html', '/embed.html', '/exemple.html', '/synthetique.html', '/carte.html?src=/assets/motion-2021.json']) {
  test(`axe-core finds no WCAG 2.1 A/AA violation nor duplicate landmark on ${path}, map open, searched and filtered`, async () => {
    const page = await open(path);
    await page.addScriptTag({ path: AXE });
    const run = () => page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      // Several maps on a page: no two landmarks with the same role and name.
      const l = await window.axe.run(document, { runOnly: { type: 'rule', values: ['landmark-unique'] } });
      return [...r.violations, ...l.violations].map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(await run(), [], 'at rest');
    const map = page.locator('carte-mentale').first();
    const lever = MOTION.contributions[0].levers[0];
    await page.$eval('carte-mentale', (el, l) => { el.map.toggle(l); el.select(l); }, lever);
    await map.getByRole('searchbox').fill('numerique');
    await map.getByRole('button', { name: 'Filtres', exact: true }).click();
    await map.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.waitForTimeout(300);
    assert.deepEqual(await run(), [], 'with the panel, search, filters and outline open');
    // (the embedding page asks for dist/'s integrity.json, which www/ does not have)
    assertNoErrors(page, path === '/embed.html' ? [/status of 404/] : []);
    await page.close();
  });
}

test('a spreadsheet of contributions (CSV) joins its outline: unclassified rows are shown with proposed levers, a bad table names its line', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1200, height: 900 } });
  await page.goto(`${web.url}/pages/tableau.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('carte-mentale')].every((e) => ['ready', 'error'].includes(e.dataset.state)), null, { timeout: 20_000 });
  const result = await page.$eval('#tableau', (el) => el.ready);
  assert.equal(result.ok, true);
  assert.equal(result.contributions, 5);
  assert.ok(result.diagnostics.some((d) => d.file === '/data/contributions-2021.csv' && /non classée/.test(d.message)));
  // The unclassified contribution is in the motion's « Non classées (1) » group, folded like a
  // lever; a click on the group shows it, a click on it opens its panel, which proposes levers.
  const group = await page.$eval('#tableau', (el) => el.map.outline().find((o) => o.unclassified));
  assert.equal(group.title, 'Non classées (1)');
  assert.equal(group.kind, 'lever');
  const shown = () => page.$eval('#tableau', (el) => el.map.visibleIds().filter((id) => /^c\d/.test(id)));
  assert.deepEqual(await shown(), []);
  const clickNode = async (id) => {
    await page.$eval('#tableau', (el, n) => el.map.zoomTo(n), id);
    await page.waitForFunction(() => !document.querySelector('#tableau').map.isAnimating());
    const at = await page.$eval('#tableau', (el, n) => {
      const q = el.map.nodeScreenPosition(n);
      const r = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
      return { x: r.left + q[0], y: r.top + q[1] };
    }, id);
    await page.mouse.click(at.x, at.y);
  };
  await clickNode(group.id);
  await page.locator('#tableau').locator('.panel').getByText('Contributions sans levier').waitFor();
  await page.waitForFunction(() => !document.querySelector('#tableau').map.isAnimating());
  const unclassified = await shown();
  assert.equal(unclassified.length, 1);
  await screenshot(page, 'tableau-groupe-non-classees', page.locator('#tableau'));
  await clickNode(unclassified[0]);
  const panel = page.locator('#tableau').locator('.panel');
  await panel.getByText('Contribution non classée').waitFor();
  // Its text (security in general) is close to no lever: below the calibrated score the panel
  // says so instead of listing arbitrary levers.
  assert.equal(await panel.getByRole('listitem').count(), 0);
  await panel.getByText('Aucune proposition fiable de levier').waitFor();
  await screenshot(page, 'tableau-non-classee', page.locator('#tableau'));
  // A contribution on two levers (written « levier | levier ») is under both.
  const both = await page.$eval('#tableau', (el) => el.map.outline().filter((o) => o.kind === 'lever' && o.children.length > 0).length);
  assert.ok(both >= 4);
  // The bad table: its file, line and column, in French, inside the element.
  const bad = page.locator('#tableau-faux');
  assert.equal(await bad.getAttribute('data-state'), 'error');
  const text = await bad.locator('.status').textContent();
  assert.match(text, /le fichier « \/data\/contributions-erreurs\.csv » contient des erreurs/);
  assert.match(text, /ligne 3, colonne 1 : la cellule « contribution » est vide/);
  // A bad department is a warning now (the value left out, the row kept): not in the error list.
  assert.doesNotMatch(text, /9Z/);
  await screenshot(page, 'tableau-erreurs', bad);
  assertNoErrors(page);
  await page.close();
});

test('a table exported by French Excel, imperfect: the map shows, every row is on it or reported, the row naming only its axis is in that axis\'s « Non classées »; Windows-1252 gives the same map', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1200, height: 1200 } });
  await page.goto(`${web.url}/pages/excel.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('carte-mentale')].every((e) => ['ready', 'error'].includes(e.dataset.state)), null, { timeout: 20_000 });
  const read = (id) => page.$eval(`#${id}`, async (el) => {
    const ready = await el.ready;
    const outline = el.map.outline();
    const groups = Object.fromEntries(outline.filter((o) => o.unclassified).map((o) => [o.id, o.children.map((c) => outline[c].id)]));
    const texts = outline.filter((o) => o.kind === 'contribution').map((o) => el.map.detail(o.id).title);
    return { ok: ready.ok, contributions: ready.contributions, groups, texts, messages: ready.diagnostics.map((d) => d.message) };
  });
  const utf8 = await read('utf8');
  assert.equal(utf8.ok, true, 'one bad optional cell does not hide the map');
  assert.equal(utf8.contributions, 5, 'every row is a contribution');
  assert.ok(utf8.messages.some((m) => /label « 9 » invalide/.test(m)), 'the bad label is a warning');
  assert.deepEqual(Object.keys(utf8.groups).sort(), ['a2-non-classees', 'non-classees']);
  assert.equal(utf8.groups['a2-non-classees'].length, 1, 'the row naming only its axis is in that axis\'s group');
  assert.equal(utf8.groups['non-classees'].length, 2, 'no lever and no axis, or an unknown lever: the motion\'s group');
  assert.ok(utf8.texts.includes('Former les agents\r\net les élu·es au « cœur » du numérique, ça compte'));
  const cp1252 = await read('cp1252');
  assert.deepEqual({ ...cp1252, messages: undefined }, { ...utf8, messages: undefined }, 'same map and text');
  assert.ok(cp1252.messages.some((m) => /Windows-1252/.test(m)), 'the encoding guessed is named');
  // No technical list for visitors: the discreet staff control only.
  assert.equal(await page.locator('#utf8').getByText(/label « 9 » invalide/).first().isVisible(), false);
  await page.locator('#utf8').getByText(/lignes? écartées? ou corrigées?/).waitFor();
  await page.$eval('#utf8', (el) => el.map.toggle('a2-non-classees'));
  await page.waitForFunction(() => !document.querySelector('#utf8').map.isAnimating());
  await screenshot(page, 'excel-imparfait', page.locator('#utf8'));
  assertNoErrors(page);
  await page.close();
});
