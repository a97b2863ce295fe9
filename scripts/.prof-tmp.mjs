import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
const root = new URL('../', import.meta.url).pathname;
const dist = `${root}dist/carte-mentale-0.1.0`;
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-prof-'));
fs.cpSync(dist, site, { recursive: true });
fs.copyFileSync(`${root}assets/motion-2021.json`, `${site}/m.json`);
const wasmSri = JSON.parse(fs.readFileSync(`${dist}/integrity.json`, 'utf8')).files['pkg/carte_mentale_bg.wasm'].integrity;
fs.writeFileSync(`${site}/p.html`, `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>p</title>
<script>window.loadTimes={};addEventListener('carte-mentale-ready',()=>{window.loadTimes.ready=performance.now();});</script>
<link rel="preload" href="pkg/carte_mentale_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous" integrity="${wasmSri}">
<script type="module" src="carte-mentale.js"></script></head><body style="margin:0"><carte-mentale src="m.json" style="height:100vh"></carte-mentale></body></html>`);
const server = await startServer({ root: site });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic'] });
const PROFILE = process.env.PROFILE === '1';
for (let i = 0; i < 4; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (PROFILE && i === 3) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
  await page.goto(`${server.url}/p.html`);
  await page.waitForFunction(() => window.loadTimes.ready, null, { timeout: 60000 });
  const r = await page.evaluate(() => ({ ready: window.loadTimes.ready, res: performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), Math.round(e.startTime), Math.round(e.responseStart), Math.round(e.responseEnd), e.transferSize]), nav: Math.round(performance.getEntriesByType('navigation')[0].responseEnd) }));
  console.log(JSON.stringify(r));
  if (PROFILE && i === 3) {
    const { profile } = await cdp.send('Profiler.stop');
    fs.writeFileSync('/tmp/prof/load.cpuprofile', JSON.stringify(profile));
  }
  await context.close();
}
await browser.close(); await server.close();
