// End-to-end: an official reads everything behind a lever. The real 2021 outline with the
// synthetic table of 727 contributions (121 unclassified, 62 behind « la mise en place d'un
// véritable service public local de la donnée »): the lever is opened from the outline, its 62
// contributions are read in the panel without touching the map, sorted by department,
// narrowed by a filter, one citation is copied, and the map beside the panel (above the sheet
// on a phone) still shows the lever — at desktop and phone sizes, axe-core clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer, newPage, screenshot, assertNoErrors } from './harness.mjs';

const AXE = new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname;
const LEVER = 'a3-l2';

const web = useBrowserAndServer({
  mounts: { '/pages/': new URL('./pages/', import.meta.url).pathname, '/data/': new URL('../data/', import.meta.url).pathname },
});

const settled = (page) => page.waitForFunction(() => !document.querySelector('carte-mentale').map.isAnimating(), null, { timeout: 15_000 });

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The ids of the rows drawn in the panel's list, and the focused row's id. */
const drawn = (page) => page.$eval('carte-mentale', (el) => {
  const root = el.shadowRoot;
  return {
    ids: [...root.querySelectorAll('.lever-item')].map((li) => li.dataset.id),
    focused: root.activeElement?.dataset?.id ?? null,
    count: root.querySelector('.list-count')?.textContent ?? '',
  };
});

/** Where the lever is drawn, and the rectangles of the canvas and the panel, in page pixels. */
const geometry = (page) => page.$eval('carte-mentale', (el, lever) => {
  const r = (e) => { const b = e.getBoundingClientRect(); return { left: b.left, top: b.top, right: b.right, bottom: b.bottom }; };
  const canvas = el.shadowRoot.querySelector('canvas');
  const c = r(canvas);
  const p = el.map.nodeScreenPosition(lever);
  return { canvas: c, panel: r(el.shadowRoot.querySelector('.panel')), lever: p && { x: c.left + p[0], y: c.top + p[1] } };
}, LEVER);

for (const [name, viewport] of [['bureau', { width: 1280, height: 720 }], ['telephone', { width: 390, height: 844 }]]) {
  const phone = name === 'telephone';
  test(`${name}: the 62 contributions of a lever are read, sorted, narrowed and cited beside the map`, async () => {
    const page = await newPage(web.browser, { viewport, hasTouch: phone, isMobile: phone });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
    await page.goto(`${web.url}/pages/panneau.html`);
    await page.waitForSelector('carte-mentale[data-state="ready"]', { timeout: 30_000 });
    await settled(page);
    const map = page.locator('carte-mentale');
    const group = await page.$eval('carte-mentale', (el) => el.map.outline().find((o) => o.unclassified));
    assert.equal(group?.title, 'Non classées (121)', 'the 121 unclassified are one named group on the map');

    // The lever, opened from the outline: the map is not touched.
    await map.getByRole('button', { name: 'Plan', exact: true }).click();
    await map.locator('[role="treeitem"][aria-level="3"] > .row', { hasText: 'service public local de la donnée' }).click();
    await map.getByRole('button', { name: 'Fermer le plan' }).click();
    await settled(page);
    assert.equal(await page.$eval('carte-mentale', (el) => el.map.selected()), LEVER);
    let s = await drawn(page);
    assert.equal(s.count, '62 contributions');
    assert.ok(s.ids.length > 0 && s.ids.length < 40, `only the rows in sight are drawn (${s.ids.length})`);

    // Read them all with the keyboard: ↓ from the first to the last.
    await map.locator('.lever-item').first().focus();
    const seen = new Set();
    for (let k = 0; k < 62; k++) {
      s = await drawn(page);
      seen.add(s.focused);
      await page.keyboard.press('ArrowDown');
    }
    assert.equal(seen.size, 62, 'every contribution was reached');
    const first = map.locator('.lever-item[data-index="0"]');
    await screenshot(page, `panel-${name}-liste`);

    // Enter expands the focused contribution in place; Escape goes back to the map.
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    assert.equal(await first.locator('button.more').getAttribute('aria-expanded'), 'true');

    // Sorted by department.
    await map.getByLabel('Trier par').selectOption('department');
    const deps = await page.$eval('carte-mentale', (el) => [...el.shadowRoot.querySelectorAll('.lever-item .who')]
      .map((w) => /\(([0-9AB]+)\)$/.exec(w.textContent)?.[1]));
    const order = (d) => (d === '2A' || d === '2B' ? 20 : Number(d));
    assert.ok(deps.length > 3 && deps.every((d, k) => k === 0 || order(deps[k - 1]) <= order(d)), `departments in order: ${deps}`);
    const expected = await page.$eval('carte-mentale', (el, l) => el.map.leverList(l, 'department').items.map((i) => i.id), LEVER);
    assert.deepEqual((await drawn(page)).ids, expected.slice(0, (await drawn(page)).ids.length));

    // Narrowed by a filter: the count says how many of the 62.
    await map.getByRole('button', { name: 'Filtres', exact: true }).click();
    await map.locator('#cm-filters').getByRole('checkbox', { name: /^5 arobases/ }).check();
    await page.keyboard.press('Escape');
    const kept = await page.$eval('carte-mentale', (el, l) => el.map.leverList(l, 'department').items.length, LEVER);
    assert.ok(kept > 0 && kept < 62, `${kept} kept`);
    s = await drawn(page);
    assert.equal(s.count, `${kept} sur 62`);

    // One citation copied: plain text and HTML.
    const firstId = (await drawn(page)).ids[0];
    await map.locator('.lever-item').first().getByRole('button', { name: 'Copier la citation' }).click();
    await page.waitForFunction(() => document.querySelector('carte-mentale').shadowRoot.querySelector('.lever-item .cite-status')?.textContent === 'Citation copiée.');
    const clip = await page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      const html = items[0].types.includes('text/html') ? await (await items[0].getType('text/html')).text() : '';
      return { text: await navigator.clipboard.readText(), html };
    });
    const c = await page.$eval('carte-mentale', (el, id) => el.map.leverList('a3-l2', 'department').items.find((i) => i.id === id), firstId);
    const [quote, link] = clip.text.split('\n');
    assert.equal(quote, `« ${c.text} » — ${c.author}, ${c.role}, ${c.collectivity} (${c.department}), ${c.year}`);
    assert.ok(link.startsWith(`${web.url}/pages/panneau.html#cm.panneau=`), link);
    assert.ok(clip.html.includes('<blockquote') && clip.html.includes(c.author) && clip.html.includes('href='), clip.html);

    // The link reopens the map on that contribution.
    const other = await newPage(web.browser, { viewport });
    await other.goto(link);
    await other.waitForSelector('carte-mentale[data-state="ready"]', { timeout: 30_000 });
    assert.equal(await other.$eval('carte-mentale', (el) => el.map.selected()), c.id);
    await other.close();

    // The map beside the panel (above the sheet) still shows the selected lever.
    await settled(page);
    const g = await geometry(page);
    assert.ok(g.lever, 'the lever is drawn');
    assert.ok(g.lever.x > g.canvas.left && g.lever.x < g.canvas.right && g.lever.y > g.canvas.top && g.lever.y < g.canvas.bottom, 'on the map');
    if (phone) assert.ok(g.lever.y < g.panel.top, `above the sheet: ${JSON.stringify(g)}`);
    else assert.ok(g.lever.x < g.panel.left, `left of the panel: ${JSON.stringify(g)}`);
    await screenshot(page, `panel-${name}-cite`);

    assert.deepEqual(await axe(page), [], 'axe-core with the lever panel open');
    assertNoErrors(page);
    await page.close();
  });
}

test('an axis summarises its contributions as bars, each a filter in one click', async () => {
  const page = await newPage(web.browser, { viewport: { width: 1280, height: 720 } });
  await page.goto(`${web.url}/pages/panneau.html`);
  await page.waitForSelector('carte-mentale[data-state="ready"]', { timeout: 30_000 });
  await settled(page);
  const map = page.locator('carte-mentale');
  await page.$eval('carte-mentale', (el) => el.select('a3'));
  const summary = await page.$eval('carte-mentale', (el) => el.map.summary('a3'));
  const bars = map.locator('.chart-levers button');
  assert.equal(await bars.count(), 3);
  assert.deepEqual(await map.locator('.chart-levers .bar-count').allTextContents(), summary.levers.map((b) => String(b.count)));
  assert.ok(summary.levers.some((b) => b.value === LEVER && b.count === 62));
  const dep = map.locator('.chart-departments button').first();
  await dep.click();
  assert.equal(await dep.getAttribute('aria-pressed'), 'true');
  const filters = await page.$eval('carte-mentale', (el) => el.map.filters());
  assert.deepEqual(filters.departments, [summary.departments[0].value]);
  assert.equal(await map.locator('.charts-total').textContent(), `${summary.departments[0].count} contributions : cliquez sur une barre pour filtrer.`);
  await screenshot(page, 'panel-bureau-axe');
  assert.deepEqual(await axe(page), [], 'axe-core with the charts');
  // A lever's bar opens the lever.
  await map.locator('.chart-levers button').nth(1).click();
  assert.equal(await page.$eval('carte-mentale', (el) => el.map.selected()), LEVER);
  assertNoErrors(page);
  await page.close();
});
