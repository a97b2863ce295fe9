// End-to-end: the map's two builds, with WebAssembly SIMD (www/pkg, what nearly every browser
// runs) and without (www/pkg-sans-simd, for the browsers without it), lay out the same maps to
// the same positions, bit for bit: SIMD does in four lanes at once the same arithmetic, in the
// same order, as the four lanes the code writes out. Both are the probes builds of `www/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowserAndServer, newPage, assertNoErrors, WWW } from './harness.mjs';

const web = useBrowserAndServer();

test('the map with and without SIMD: the same positions, bit for bit, tick after tick', async () => {
  const wasm = (dir) => fs.readFileSync(path.join(WWW, dir, 'carte_mentale_bg.wasm'));
  const [simd, plain] = [wasm('pkg'), wasm('pkg-sans-simd')];
  assert.ok(!simd.equals(plain), 'two different modules');
  const page = await newPage(web.browser);
  await page.route(`${web.url}/vide.html`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>vide</title>' }));
  await page.goto(`${web.url}/vide.html`);
  const runs = await page.evaluate(async () => {
    const SIMD = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
    const { hasSimd } = await import('/src/loader.js');
    // Two instances: each folder's glue (the same file) with its own module.
    const load = async (dir) => {
      const glue = await import(`/${dir}/carte_mentale.js`);
      await glue.default({ module_or_path: `/${dir}/carte_mentale_bg.wasm` });
      return glue;
    };
    const [a, b] = [await load('pkg'), await load('pkg-sans-simd')];
    const bits = (bench) => Array.from(new Uint32Array(new Float32Array(bench.positions()).buffer));
    const out = { hasSimd: hasSimd(), probe: WebAssembly.validate(SIMD), maps: [] };
    for (const [n, seed] of [[300, 1], [2000, 3]]) {
      const [x, y] = [new a.LayoutBench(n, seed), new b.LayoutBench(n, seed)];
      let differing = 0, ticks = 0;
      while (!x.is_settled() && ticks < 1000) {
        x.tick(1);
        y.tick(1);
        ticks += 1;
        // Checked along the way, not only at rest: a difference would grow from the tick it appears.
        if (ticks % 10 === 1 || x.is_settled()) {
          const [p, q] = [bits(x), bits(y)];
          differing += p.filter((v, i) => v !== q[i]).length;
        }
      }
      out.maps.push({ n, ticks, settled: [x.is_settled(), y.is_settled()], differing, length: bits(x).length });
      x.free();
      y.free();
    }
    return out;
  });
  assert.deepEqual([runs.hasSimd, runs.probe], [true, true], 'Chromium runs SIMD: the loader would take pkg/');
  for (const m of runs.maps) {
    assert.ok(m.ticks > 20 && m.length > m.n, `${m.n} contributions: a real run (${m.ticks} ticks)`);
    assert.deepEqual(m.settled, [true, true], `${m.n}: both settle at the same tick`);
    assert.equal(m.differing, 0, `${m.n}: positions that differ`);
  }
  assertNoErrors(page);
  await page.close();
});
