// Load benchmark: how soon a visitor sees the map, and what the page holds after load.
// `node scripts/load-bench.mjs` after `cargo xtask dist` (or through `cargo xtask bench`).
// Prints the table and writes docs/benchmarks-load.md.
//
// The public build (dist/carte-mentale-<version>/: bundled script, wasm, precompressed .br/.gz)
// is served by the project's own server, compressed as a host would, to a fresh browser context
// each run (cold cache), in Debian's headless Chromium driven over the DevTools protocol:
//
// - « lent » : slow 4G (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up) and a CPU 4× slower;
// - « rapide » : no throttling.
//
// After one uncounted load, for each dataset and profile, 3 runs: time from navigation to the
// element's `ready` event, and to the first frame painted after it (two animation frames
// later); the bytes sent over the wire; the JS heap and the array-buffer backing stores (the
// wasm memory) after load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const root = new URL('../', import.meta.url).pathname;
const RUNS = Number(process.env.LOAD_BENCH_RUNS ?? 3);

const version = (fs.readFileSync(`${root}Cargo.toml`, 'utf8').match(/^version\s*=\s*"([^"]+)"/m) ?? [])[1];
const dist = `${root}dist/carte-mentale-${version}`;
if (!fs.existsSync(`${dist}/carte-mentale.js`)) {
  console.error(`${dist}/carte-mentale.js is missing: run \`cargo xtask dist\` first`);
  process.exit(1);
}

// The page a host would have: the snippet and nothing else, beside the release's files.
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-load-'));
fs.cpSync(dist, site, { recursive: true });
// The snippet as `embed.html` gives it: the wasm preloaded beside the script.
const preload = `<link rel="preload" href="pkg/carte_mentale_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous">\n`;
// The 5 000 contributions as staff publish them: through `carte-mentale build`, which writes
// the positions of the map as it opens, so the viewer paints without laying it out.
const DATASETS = [
  { name: 'motion 2021 (réelle)', file: 'motion-2021.json', from: `${root}assets/motion-2021.json` },
  { name: '5 000 contributions (synthétique, positions précalculées)', file: 'synthetique-5000.json', from: `${root}www/assets/synthetique-5000.json`, build: true },
];
for (const d of DATASETS) {
  if (!fs.existsSync(d.from)) {
    console.error(`${d.from} is missing: run \`cargo xtask build\` first`);
    process.exit(1);
  }
  const to = path.join(site, d.file);
  if (d.build) {
    execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'carte-mentale', '--', 'build', d.from, '-o', to], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (!JSON.parse(fs.readFileSync(to, 'utf8')).motion?.layout) throw new Error(`${d.file}: no saved positions`);
  } else {
    fs.copyFileSync(d.from, to);
  }
  fs.writeFileSync(path.join(site, `${d.file}.html`), `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>load</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script>
  window.loadTimes = {};
  addEventListener('carte-mentale-ready', (e) => {
    window.loadTimes.ready = performance.now();
    window.loadTimes.ok = e.detail && e.detail.ok !== false;
    requestAnimationFrame(() => requestAnimationFrame(() => { window.loadTimes.painted = performance.now(); }));
  });
  addEventListener('carte-mentale-error', (e) => { window.loadTimes.error = JSON.stringify(e.detail); });
</script>
${preload}<script type="module" src="carte-mentale.js"></script>
</head><body style="margin:0">
<carte-mentale src="${d.file}" style="height:100vh"></carte-mentale>
</body></html>
`);
}

const PROFILES = [
  { name: 'lent (4G lente, CPU ÷4)', network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 }, cpu: 4 },
  { name: 'rapide (sans limite)', network: null, cpu: 1 },
];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const spread = (xs) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;

const server = await startServer({ root: site });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const rows = [];
try {
  // One load first, not counted: the first navigation of a fresh browser pays for starting its
  // renderer and network processes (about 0.8 s more on the slow profile), which a visitor's
  // browser, already running, does not. Each counted run still has a new context, cache off.
  // The data files have no `.br` beside them: the server compresses each once, at brotli's
  // best quality (seconds for the 5 000 contributions), and keeps it, as a host's cache would.
  for (const d of DATASETS) {
    await fetch(`${server.url}/${d.file}`, { headers: { 'Accept-Encoding': 'br' } }).then((r) => r.arrayBuffer());
  }
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/${DATASETS[0].file}.html`);
    await page.waitForFunction(() => window.loadTimes.painted || window.loadTimes.error, null, { timeout: 120_000 });
    await context.close();
  }
  for (const d of DATASETS) {
    for (const p of PROFILES) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        if (p.network) await cdp.send('Network.emulateNetworkConditions', p.network);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
        const before = server.requests.length;
        await page.goto(`${server.url}/${d.file}.html`);
        await page.waitForFunction(() => window.loadTimes.painted || window.loadTimes.error, null, { timeout: 120_000 });
        const t = await page.evaluate(() => window.loadTimes);
        if (t.error || !t.ok) throw new Error(`${d.file}: the map did not load: ${t.error}`);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        await cdp.send('HeapProfiler.enable');
        await cdp.send('HeapProfiler.collectGarbage');
        const heap = await cdp.send('Runtime.getHeapUsage');
        const bytes = server.requests.slice(before).reduce((s, q) => s + q.bytes, 0);
        runs.push({ ready: t.ready, painted: t.painted, bytes, js: heap.usedSize, buffers: heap.backingStorageSize ?? NaN });
        await context.close();
      }
      const row = {
        dataset: d.name,
        profile: p.name,
        ready: median(runs.map((r) => r.ready)),
        readySpread: spread(runs.map((r) => r.ready)),
        painted: median(runs.map((r) => r.painted)),
        paintedSpread: spread(runs.map((r) => r.painted)),
        kb: median(runs.map((r) => r.bytes)) / 1024,
        jsMb: median(runs.map((r) => r.js)) / 2 ** 20,
        buffersMb: median(runs.map((r) => r.buffers)) / 2 ** 20,
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(site, { recursive: true, force: true });
}

const table = [
  '| données | profil | prêt (médiane, ms) | écart | 1re image (ms) | écart | transféré (KB) | tas JS (MB) | mémoire wasm et tampons (MB) |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.dataset} | ${r.profile} | ${Math.round(r.ready)} | ${r.readySpread} | ${Math.round(r.painted)} | ${r.paintedSpread} | ${r.kb.toFixed(1)} | ${r.jsMb.toFixed(1)} | ${r.buffersMb.toFixed(1)} |`),
].join('\n');
console.log(`\n${table}`);

const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? 'unknown CPU';
let chromiumVersion = 'unknown';
try { chromiumVersion = execFileSync('/usr/bin/chromium', ['--version']).toString().trim(); } catch {}
const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
fs.writeFileSync(`${root}docs/benchmarks-load.md`, `# Load benchmark

How soon a visitor sees the map: the public build (\`cargo xtask dist\`: one bundled script, the
wasm, and their \`.br\`/\`.gz\` copies) served compressed by the project's own server to a page
holding only the snippet as \`embed.html\` gives it (the wasm preloaded beside the script, see
[embedding.md](embedding.md)), in a fresh browser context each run (cold cache), at 1280 × 720.
The 5 000 synthetic contributions are published as staff publish them, through
\`carte-mentale build\`, which writes the positions of the map as it opens.

- « lent » : the DevTools protocol's network emulation at 150 ms latency, 1.6 Mbit/s down and
  750 kbit/s up (slow 4G), and the CPU slowed 4×; « rapide » : no throttling, loopback.
- « prêt » : from navigation to the element's \`carte-mentale-ready\` event; « 1re image » : two
  animation frames later (the first frame with the map is on screen).
- « transféré » : the bytes the server sent (compressed bodies), page and data included.
- Memory after load and a garbage collection: the V8 heap in use, and the array-buffer backing
  stores (the wasm linear memory, mostly).
- Median of ${RUNS} runs, with the spread (min–max), after one load that is not counted (the
  first navigation of a fresh browser also starts its processes: about 0.8 s more).
- Times depend on the machine (the « rapide » rows show how fast it is): compare builds measured
  one after the other on one machine, as [size.md](size.md) does.

- Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB (load average at the end: ${load})
- Browser: ${chromiumVersion}
- Date: ${new Date().toISOString().slice(0, 10)}
- Reproduce: \`cargo xtask bench\` (or \`cargo xtask dist && node scripts/load-bench.mjs\`)

${table}
`);
console.log('\nwritten to docs/benchmarks-load.md');
