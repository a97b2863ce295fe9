// Layout benchmark: our engine (WebAssembly) against d3-force, interleaved in one page.
//
// Two d3-force configurations. « As a page would use it »: forceManyBody + forceLink +
// forceCenter + forceCollide with d3's defaults (strength −30, distance 30, default link
// strength), collision radius = our radius + 1, d3's own start (its spiral) and d3's own cooling
// (alpha from 1 to 0.001 over 300 ticks). « Same model »: the model exported by
// `LayoutBench.graph()` — start positions, per-node charge (forceManyBody, theta as ours),
// per-link rest length and strength (forceLink), per-node target and pull (forceX + forceY: our
// "ring" force), collision radius = radius + 1 (forceCollide, our strength), the same alpha
// start / decay / minimum and velocity decay; our centre force pins the motion (node 0) at the
// origin, d3's equivalent is fx = fy = 0 on that node.
//
// For each size: a few repeats, each on its own seed (the synthetic motion and d3's jiggle),
// alternating ours and d3's, each from a fresh simulation: ms per tick over ticks 2 to
// SAMPLE + 1 (the first one sizes reused buffers), then ticks and ms from the start until
// settled (ours: is_settled(); d3: alpha < alphaMin, as its timer would stop). Medians and
// extremes over the repeats; the quality of every final layout is measured by the same Rust
// function (`LayoutBench.quality`). Results go to the page and to `window.benchResults` (read by
// scripts/bench.mjs).

import init, { LayoutBench } from './pkg/carte_mentale.js';

const params = new URLSearchParams(location.search);
const SIZES = (params.get('sizes') ?? '500,2000,5000,20000').split(',').map(Number).filter((n) => n > 0);
const REPEATS = Math.max(1, Number(params.get('repeats') ?? 5));
/** Seed of the first repeat; repeat r uses SEED + r. */
const SEED = 1;
/** Ticks timed for the per-tick cost, after the first (the start, where nodes still move). */
const SAMPLE = 20;
/** Safety cap on ticks to settle. */
const MAX_TICKS = 5000;

const status = document.getElementById('status');
const say = (text) => { status.textContent = text; };
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** d3's own LCG (d3-force/src/lcg.js), seeded, for d3's jiggle: reproducible runs. */
function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (1664525 * s + 1013904223) % 4294967296) / 4294967296);
}

/**
 * d3-force as a page would use it: the four forces with d3's defaults (many-body strength −30,
 * link distance 30 and strength 1 / smaller degree, centre), the collision radius a page gives
 * its circles (ours + 1), d3's own start (its phyllotaxis spiral, when no position is given) and
 * d3's own cooling (alpha from 1 to 0.001 over 300 ticks, velocity decay 0.4). Our planned start
 * and level targets are part of our engine; d3 has neither.
 */
function d3Plain(model, seed) {
  const nodes = model.nodes.x.map((x, i) => ({ index: i }));
  const links = model.links.source.map((source, i) => ({ source, target: model.links.target[i] }));
  return d3.forceSimulation(nodes)
    .stop()
    .randomSource(lcg(seed))
    .force('charge', d3.forceManyBody())
    .force('link', d3.forceLink(links))
    .force('center', d3.forceCenter(0, 0))
    .force('collide', d3.forceCollide((d) => model.nodes.collideRadius[d.index]));
}

/**
 * A stopped d3-force simulation of the exported model (our forces reproduced in d3): our start,
 * our cooling, forces in our order (many-body, links, targets, collision).
 */
function d3Simulation(model, seed) {
  const { nodes: N, links: L, params: P } = model;
  const nodes = N.x.map((x, i) => {
    const node = { index: i, x, y: N.y[i], vx: 0, vy: 0 };
    if (N.fixed[i]) {
      node.fx = x;
      node.fy = N.y[i];
    }
    return node;
  });
  const links = L.source.map((source, i) => ({ source, target: L.target[i] }));
  return d3.forceSimulation(nodes)
    .stop()
    .randomSource(lcg(seed))
    .alpha(P.alphaStart)
    .alphaMin(P.alphaMin)
    .alphaDecay(P.alphaDecay)
    .alphaTarget(P.alphaTarget)
    .velocityDecay(P.velocityDecay)
    .force('charge', d3.forceManyBody().strength((d) => N.charge[d.index]).theta(P.theta))
    .force('link', d3.forceLink(links).distance((l, i) => L.rest[i]).strength((l, i) => L.strength[i]))
    .force('x', d3.forceX((d) => N.targetX[d.index]).strength((d) => N.targetStrength[d.index]))
    .force('y', d3.forceY((d) => N.targetY[d.index]).strength((d) => N.targetStrength[d.index]))
    .force('collide', d3.forceCollide((d) => N.collideRadius[d.index]).strength(P.collideStrength));
}

function d3Positions(sim) {
  const nodes = sim.nodes();
  const out = new Float32Array(nodes.length * 2);
  nodes.forEach((d, i) => { out[2 * i] = d.x; out[2 * i + 1] = d.y; });
  return out;
}

/** One run of our engine from scratch. */
function runOurs(n, seed) {
  const t0 = performance.now();
  const bench = new LayoutBench(n, seed);
  const t1 = performance.now();
  bench.tick(1);
  const t1b = performance.now();
  bench.tick(SAMPLE);
  const t2 = performance.now();
  while (!bench.is_settled() && bench.ticks() < MAX_TICKS) bench.tick(1);
  const t3 = performance.now();
  return {
    bench,
    buildMs: t1 - t0,
    msPerTick: (t2 - t1b) / SAMPLE,
    ticks: bench.ticks(),
    settleMs: t3 - t1,
    settled: bench.is_settled(),
  };
}

/** One run of d3-force from scratch, on the model exported by `bench`. */
function runD3(model, seed, make = d3Simulation) {
  const t0 = performance.now();
  const sim = make(model, seed);
  const t1 = performance.now();
  sim.tick(1);
  const t1b = performance.now();
  sim.tick(SAMPLE);
  const t2 = performance.now();
  let ticks = SAMPLE + 1;
  while (sim.alpha() >= sim.alphaMin() && ticks < MAX_TICKS) {
    sim.tick(1);
    ticks += 1;
  }
  const t3 = performance.now();
  return {
    sim,
    buildMs: t1 - t0,
    msPerTick: (t2 - t1b) / SAMPLE,
    ticks,
    settleMs: t3 - t1,
    settled: sim.alpha() < sim.alphaMin(),
  };
}

const fmt = (v, digits = 2) => (typeof v === 'number' ? v.toFixed(digits) : String(v));

function addRow(table, cells) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement('td');
    td.textContent = c;
    tr.append(td);
  }
  table.querySelector('tbody').append(tr);
  table.hidden = false;
}

async function main() {
  window.benchResults = { done: false };
  say('Chargement du module WebAssembly…');
  await init();
  // Warm-up: lets V8 optimise both engines (wasm tier-up, JIT) before anything is timed.
  say('Mise en route…');
  for (let k = 0; k < 2; k++) {
    const ours = runOurs(1000, SEED);
    const model = ours.bench.graph();
    ours.bench.free();
    runD3(model, SEED);
    runD3(model, SEED, d3Plain);
    await pause();
  }
  const results = [];
  for (const n of SIZES) {
    const ours = [];
    const theirs = [];
    const plain = [];
    let model = null;
    for (let r = 0; r < REPEATS; r++) {
      const seed = SEED + r;
      say(`N = ${n} : essai ${r + 1} / ${REPEATS} (carte-mentale)…`);
      await pause();
      const o = runOurs(n, seed);
      model = o.bench.graph();
      ours.push(o);
      say(`N = ${n} : essai ${r + 1} / ${REPEATS} (d3-force, même modèle)…`);
      await pause();
      const d = runD3(model, seed);
      theirs.push(d);
      say(`N = ${n} : essai ${r + 1} / ${REPEATS} (d3-force comme une page l'utiliserait)…`);
      await pause();
      const p = runD3(model, seed, d3Plain);
      plain.push(p);
      say(`N = ${n} : essai ${r + 1} / ${REPEATS} (qualité)…`);
      await pause();
      // Every final layout measured by the same function, with our radii and rest lengths.
      o.quality = o.bench.quality(o.bench.positions());
      d.quality = o.bench.quality(d3Positions(d.sim));
      p.quality = o.bench.quality(d3Positions(p.sim));
      o.bench.free();
      delete o.bench;
      delete d.sim;
      delete p.sim;
    }
    const summary = (runs) => ({
      msPerTick: median(runs.map((x) => x.msPerTick)),
      ticks: median(runs.map((x) => x.ticks)),
      settleMs: median(runs.map((x) => x.settleMs)),
      buildMs: median(runs.map((x) => x.buildMs)),
      settled: runs.every((x) => x.settled),
      // The quality of the first seed's layout (the tables), and each seed's crossings.
      quality: runs[0].quality,
      crossings: runs.map((x) => x.quality.crossings_per_link),
      samples: runs.map(({ msPerTick, ticks, settleMs }) => ({ msPerTick, ticks, settleMs })),
    });
    const row = {
      n,
      nodes: model.nodes.level.length,
      links: model.links.source.length,
      repeats: REPEATS,
      ours: summary(ours),
      d3: summary(theirs),
      plain: summary(plain),
    };
    row.tickRatio = row.d3.msPerTick / row.ours.msPerTick;
    row.plainRatio = row.plain.msPerTick / row.ours.msPerTick;
    row.settleRatio = row.d3.settleMs / row.ours.settleMs;
    results.push(row);
    addRow(document.getElementById('results'), [
      n, row.nodes,
      fmt(row.ours.msPerTick, 3), fmt(row.plain.msPerTick, 3), `${fmt(row.plainRatio, 1)}×`,
      fmt(row.d3.msPerTick, 3), `${fmt(row.tickRatio, 1)}×`,
      row.ours.ticks, row.d3.ticks,
      fmt(row.ours.settleMs, 0), fmt(row.d3.settleMs, 0),
    ]);
    for (const [name, q] of [['carte-mentale', row.ours.quality], ['d3-force (même modèle)', row.d3.quality], ['d3-force (comme une page)', row.plain.quality]]) {
      addRow(document.getElementById('quality'), [
        `${n}, ${name}`, q.overlapping_pairs, fmt(q.crossings_per_link, 3),
        fmt(q.link_length_error, 3), `${fmt(100 * q.contributions_nearest_own_lever, 1)} %`,
        `${fmt(100 * q.levers_nearest_own_axis, 1)} %`, fmt(q.axis_gap_error, 3),
      ]);
    }
    window.benchResults = { done: false, results };
    await pause();
  }
  window.benchResults = {
    done: true,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    sample: SAMPLE,
    repeats: REPEATS,
    seed: SEED,
    results,
  };
  say('Terminé.');
}

main().catch((e) => {
  say(`Erreur : ${e.message}`);
  window.benchResults = { done: true, error: String(e.stack ?? e) };
});
