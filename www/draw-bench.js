// Draw benchmark: full frames of synthetic maps (every lever unfolded) at three zoom levels.
// Results go to the page and to `window.drawResults`; `scripts/draw-bench.mjs` collects them.
import init, { CarteMentale } from './pkg/carte_mentale.js';

const SIZES = (new URLSearchParams(location.search).get('n') ?? '500,2000,5000,20000').split(',').map(Number);
const ZOOMS = [['ensemble', 1], ['moyen', 4], ['proche', 16]];
const FRAMES = 30;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
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

async function run() {
  await init({ module_or_path: new URL('./pkg/carte_mentale_bg.wasm', import.meta.url) });
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
      rows.push({ n, nodes, zoom, ms: median(times), labels: boxes.length, overlaps: overlapping(boxes) });
    }
    map.destroy();
    map.free();
  }
  const lines = ['| contributions | visible nodes | zoom | ms per frame (median of 30) | labels drawn | overlapping labels |', '| ---: | ---: | --- | ---: | ---: | ---: |'];
  for (const r of rows) lines.push(`| ${r.n} | ${r.nodes} | ${r.zoom} | ${r.ms.toFixed(2)} | ${r.labels} | ${r.overlaps} |`);
  document.getElementById('out').textContent = lines.join('\n');
  window.drawResults = rows;
}

run().catch((e) => {
  document.getElementById('out').textContent = `erreur : ${e}`;
  window.drawResults = { error: String(e) };
});
