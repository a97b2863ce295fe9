// Draw benchmark: full frames of synthetic maps (every lever unfolded) at three zoom levels.
// Results go to the page and to `window.drawResults`; `scripts/draw-bench.mjs` collects them.
import init, { CarteMentale } from './pkg/carte_mentale.js';
// The map's module reads JSON only: the outlines go through the converter first.
import initConverter, { convertOutline } from './pkg-lecteur/carte_mentale.js';

const SIZES = (new URLSearchParams(location.search).get('n') ?? '500,2000,5000,20000').split(',').map(Number);
const ZOOMS = [['ensemble', 1], ['moyen', 4], ['proche', 16]];
const FRAMES = 30;

/** The value below which a share `q` of `xs` lies (nearest rank). */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function overlapping(boxes) {
  let n = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) n++;
    }
  }
  return n;
}

const words = (s) => s.split(/\s+/).filter(Boolean).join(' ');

/**
 * Legibility at the whole-map view: the share of axis and lever titles drawn in full (not cut
 * with « … », not left out) and the smallest font drawn; the same measure as
 * `view::legibility` in the native tests.
 */
function legibility(canvas, text, file, width, height) {
  const map = new CarteMentale(canvas);
  map.resize(width, height, 1);
  const converted = convertOutline(text, file);
  if (!converted.ok) throw new Error(`${file}: ${JSON.stringify(converted.diagnostics)}`);
  const result = map.load(converted.json, `${converted.id}.json`);
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.diagnostics)}`);
  const drawn = new Map(map.labelBoxes().map((b) => [b.id, b]));
  const count = { axis: [0, 0], lever: [0, 0] };
  for (const id of map.visibleIds()) {
    const d = map.detail(id);
    if (!d || !(d.kind in count)) continue;
    count[d.kind][1] += 1;
    const box = drawn.get(id);
    if (box && words(box.text) === words(d.title)) count[d.kind][0] += 1;
  }
  const fonts = [...drawn.values()].map((b) => b.font).filter((f) => typeof f === 'number');
  map.destroy();
  map.free();
  return { axes: count.axis, levers: count.lever, minFont: fonts.length ? Math.min(...fonts) : NaN };
}

async function run() {
  await init({ module_or_path: new URL('./pkg/carte_mentale_bg.wasm', import.meta.url) });
  await initConverter({ module_or_path: new URL('./pkg-lecteur/carte_mentale_bg.wasm', import.meta.url) });
  const canvas = document.getElementById('bench');
  const rows = [];
  for (const n of SIZES) {
    const map = new CarteMentale(canvas);
    map.resize(1200, 800, 1);
    map.loadSynthetic(n);
    map.unfoldAllAndSettle();
    const nodes = map.visibleIds().length;
    for (const [zoom, factor] of ZOOMS) {
      map.setZoomFactor(factor);
      map.drawTimes(3);
      const times = map.drawTimes(FRAMES);
      const boxes = map.labelBoxes();
      rows.push({ n, nodes, zoom, ms: quantile(times, 0.5), low: quantile(times, 0.1), high: quantile(times, 0.9), max: Math.max(...times), labels: boxes.length, overlaps: overlapping(boxes) });
    }
    map.destroy();
    map.free();
  }
  const lines = ['| contributions | visible nodes | zoom | ms per frame (median of 30) | 10th–90th percentile | slowest | labels drawn | overlapping labels |', '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const r of rows) lines.push(`| ${r.n} | ${r.nodes} | ${r.zoom} | ${r.ms.toFixed(2)} | ${r.low.toFixed(2)}–${r.high.toFixed(2)} | ${r.max.toFixed(2)} | ${r.labels} | ${r.overlaps} |`);
  // Inputs for legibility: the real 2021 motion (served with the demo) and, when the runner
  // provides it, the 2022-like test shape (tests/data/forme-2022.md, not a real motion).
  const inputs = [['motion 2021 (réelle)', await (await fetch('assets/motion-2021.md')).text(), 'motion-2021.md']];
  if (window.SHAPE_2022) inputs.push(['forme 2022 (test, synthétique)', window.SHAPE_2022, 'forme-2022.md']);
  const legible = [];
  for (const [name, text, file] of inputs) {
    for (const [w, h] of [[1100, 560], [390, 640]]) legible.push({ name, size: `${w} × ${h}`, ...legibility(canvas, text, file, w, h) });
  }
  lines.push('', '| outline | element (CSS px) | axis titles in full | lever titles in full | smallest font (px) |', '| --- | --- | ---: | ---: | ---: |');
  for (const r of legible) lines.push(`| ${r.name} | ${r.size} | ${r.axes[0]} / ${r.axes[1]} | ${r.levers[0]} / ${r.levers[1]} | ${Number.isFinite(r.minFont) ? r.minFont.toFixed(1) : '?'} |`);
  document.getElementById('out').textContent = lines.join('\n');
  rows.legibility = legible;
  window.drawResults = rows;
}

run().catch((e) => {
  document.getElementById('out').textContent = `erreur : ${e}`;
  window.drawResults = { error: String(e) };
});
