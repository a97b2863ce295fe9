// Layout benchmark against d3-force in headless Chromium (`cargo xtask bench`, which builds the
// release WebAssembly into www/pkg first). Copies d3-force and its dependencies from
// node_modules into www/vendor/ (gitignored), serves www/, runs www/bench.html, prints the
// table and writes docs/benchmarks.md.
//
//   node scripts/bench.mjs [--sizes 500,2000] [--repeats 3] [--no-write]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const VENDOR = path.join(WWW, 'vendor');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const TIMEOUT_MS = 30 * 60 * 1000;

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const sizes = arg('--sizes', '500,2000,5000,20000');
const repeats = arg('--repeats', '5');
const write = !process.argv.includes('--no-write');

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

// 1. d3-force (UMD builds, global `d3`) next to the page.
fs.mkdirSync(VENDOR, { recursive: true });
for (const pkg of ['d3-dispatch', 'd3-quadtree', 'd3-timer', 'd3-force']) {
  const src = path.join(ROOT, 'node_modules', pkg, 'dist', `${pkg}.min.js`);
  if (!fs.existsSync(src)) fail(`${src} is missing: run npm install (d3-force is a dev dependency)`);
  fs.copyFileSync(src, path.join(VENDOR, `${pkg}.min.js`));
}
const d3Version = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/d3-force/package.json'), 'utf8')).version;
if (!fs.existsSync(path.join(WWW, 'pkg', 'carte_mentale.js'))) {
  fail('www/pkg is missing: build the release WebAssembly first (cargo xtask bench does)');
}

// The engine's revision, before anything else can move HEAD.
const revision = (() => {
  try {
    const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'src', 'Cargo.toml', 'Cargo.lock') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
})();

const loadBefore = os.loadavg()[0];

// 2. Serve www/ and run the page.
const server = await startServer({ root: WWW, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
let bench;
try {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`page: ${m.text()}`);
  });
  page.on('pageerror', (e) => console.error(`page: ${e.message}`));
  let last = '';
  const progress = setInterval(async () => {
    const text = await page.textContent('#status').catch(() => '');
    if (text && text !== last) {
      console.log(`  ${text}`);
      last = text;
    }
  }, 2000);
  await page.goto(`${server.url}/bench.html?sizes=${sizes}&repeats=${repeats}`);
  await page.waitForFunction(() => window.benchResults && window.benchResults.done, null, {
    timeout: TIMEOUT_MS,
    polling: 500,
  });
  clearInterval(progress);
  bench = await page.evaluate(() => window.benchResults);
  bench.chromium = browser.version();
} finally {
  await browser.close();
  await server.close();
}
if (bench.error) fail(`the page failed: ${bench.error}`);
const loadAfter = os.loadavg()[0];

// 3. Report.
const cpu = (() => {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    return line ? line.split(':')[1].trim() : os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
})();
const f = (v, d = 2) => v.toFixed(d);
const pct = (v) => `${(100 * v).toFixed(1)} %`;
const range = (v, d) => `${f(Math.min(...v), d)}–${f(Math.max(...v), d)}`;
const ticksOf = (x) => x.samples.map((k) => k.msPerTick);
const speed = [
  '| N contributions | nodes | links | ms/tick ours (range) | ms/tick d3 as a page (range) | d3 ÷ ours | ms/tick d3, same model | d3 ÷ ours | ticks ours | ticks d3 as a page | ms to settle ours | ms to settle d3 as a page | ms to settle d3, same model |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...bench.results.map((r) => `| ${r.n} | ${r.nodes} | ${r.links} | ${f(r.ours.msPerTick, 3)} (${range(ticksOf(r.ours), 3)}) | ${f(r.plain.msPerTick, 3)} (${range(ticksOf(r.plain), 3)}) | ${f(r.plainRatio, 1)}× | ${f(r.d3.msPerTick, 3)} | ${f(r.tickRatio, 1)}× | ${r.ours.ticks} | ${r.plain.ticks} | ${f(r.ours.settleMs, 0)} | ${f(r.plain.settleMs, 0)} | ${f(r.d3.settleMs, 0)} |`),
];
const median = (v) => {
  const s = [...v].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const crossings = [
  '| N | crossings / link, ours: median (range) | d3 as a page: median (range) | d3, same model: median (range) | ours below d3 as a page |',
  '|---:|---:|---:|---:|---|',
  ...bench.results.map((r) => {
    const [o, p, d] = [r.ours.crossings, r.plain.crossings, r.d3.crossings];
    const below = o.filter((x, i) => x < p[i]).length;
    return `| ${r.n} | ${f(median(o), 3)} (${range(o, 3)}) | ${f(median(p), 3)} (${range(p, 3)}) | ${f(median(d), 3)} (${range(d, 3)}) | ${below} of ${o.length} seeds |`;
  }),
];
const quality = [
  '| N, engine | overlapping pairs | crossings / link | link length error | contributions nearest own lever | levers nearest own axis | axis gap error |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...bench.results.flatMap((r) => [['carte-mentale', r.ours.quality], ['d3-force as a page would use it', r.plain.quality], ['d3-force, same model', r.d3.quality]].map(([name, q]) =>
    `| ${r.n}, ${name} | ${q.overlapping_pairs} | ${f(q.crossings_per_link, 3)} | ${f(q.link_length_error, 3)} | ${pct(q.contributions_nearest_own_lever)} | ${pct(q.levers_nearest_own_axis)} | ${f(q.axis_gap_error, 3)} |`)),
];
console.log(`\n${speed.join('\n')}\n\n${crossings.join('\n')}\n\n${quality.join('\n')}\n`);

if (write) {
  const date = new Date().toISOString().slice(0, 10);
  const doc = `# Layout benchmarks

The layout engine (Rust → WebAssembly, on fdg-sim) against [d3-force](https://d3js.org/d3-force)
${d3Version} in the same page of headless Chromium, on synthetic motions (4 axes, 12 levers,
N contributions spread unevenly, 5 % on two levers, N/20 cross links; ${bench.repeats} repeats
per size, repeat *r* on seed ${bench.seed} + *r*).
Generated by \`scripts/bench.mjs\` on ${date}, engine at commit ${revision}.

## Machine

- CPU: ${cpu}, ${os.cpus().length} cores (${bench.hardwareConcurrency} seen by the page)
- Browser: Chromium ${bench.chromium} (headless, Debian build)
- Node.js ${process.version}, ${os.type()} ${os.release()}
- Load average (1 min) before and after the run: ${loadBefore.toFixed(2)}, ${loadAfter.toFixed(2)}
  (other work on the machine slows both engines alike; ratios hold better than absolute times)

## Speed

Each engine runs from a fresh simulation, alternating ours and d3's, once per seed; medians,
with the range over the seeds. *ms/tick*: ticks 2 to ${bench.sample + 1} (the start, where nodes
still move; the first tick also sizes reused buffers and is left out). *Ticks / ms to settle*:
ours until \`is_settled()\` (alpha below its minimum, or earlier once nothing moves, then the
last overlaps removed); d3 until alpha falls below its minimum, as its timer would stop.

${speed.join('\n')}

## Crossings, over the seeds

Edge crossings per link of each final layout (\`layout::metrics::quality\`), every seed.

${crossings.join('\n')}

## Quality of the final layouts (first seed)

Measured by the same function, \`layout::metrics::quality\`, with our radii and rest lengths
(so d3's link length error, under its own distance of 30, says how far it is from *our* rest
lengths, not how good it is).

${quality.join('\n')}

## What d3-force is given

Two configurations, each timed and measured as above:

- **As a page would use it** (the comparison the targets are read against): \`forceManyBody\`
  + \`forceLink\` + \`forceCenter\` + \`forceCollide\` with d3's defaults (many-body strength
  −30, link distance 30, link strength 1 / the smaller degree), our collision radius + 1 (the
  size a page gives its circles), d3's own start (its phyllotaxis spiral) and d3's own cooling:
  alpha from 1 to 0.001 over 300 ticks, velocity decay 0.4. Our planned start and our level
  targets are part of our engine; d3 has neither. Until 2026-12-02 this configuration was given
  our charges and rest lengths with our cooling (alpha 0.3 over 121 ticks): from its spiral d3
  then stopped while still unwinding it, hence the hundreds of crossings per link reported then.
- **Same model**: our model reproduced in d3, from our planned start, with our cooling:
  \`forceManyBody\` with each node's charge and \`theta\` as ours, \`forceLink\` with each
  link's rest length and effective strength (the kind's factor divided by the smaller degree,
  d3's default rule), \`forceX\` + \`forceY\` with each node's target and pull (our target
  force), \`forceCollide\` with radius + 1 and our strength, the same alpha start, decay, minimum
  and target and the same velocity decay; forces in the same order; the motion pinned with
  \`fx = fy = 0\` as our centre force pins it. Its quality is ours up to the order of
  floating-point operations: a check that the comparison is fair, not a target. The model is
  exported by \`LayoutBench.graph()\` (\`src/web/viewer/bench.rs\`, bench only), its start positions
  taken before our first tick.

d3's jiggle uses a seeded LCG, so every run is reproducible.

## Reproduce

\`\`\`sh
cargo xtask bench        # release wasm into www/pkg, then node scripts/bench.mjs
# or, with www/pkg already built:
node scripts/bench.mjs --sizes 500,2000 --repeats 3 --no-write
\`\`\`

Open \`www/bench.html\` through \`cargo xtask serve\` to watch it run (\`?sizes=…&repeats=…\`);
results are also in \`window.benchResults\`.

Native regression timing of one tick, without a browser: \`cargo run --release --example
layout_bench [N …]\` (\`examples/layout_bench.rs\`: ms per tick over ticks 2 to 21 as above, ticks
and ms to settle, quality).
`;
  fs.writeFileSync(DOC, doc);
  console.log(`wrote ${path.relative(ROOT, DOC)}`);
}
