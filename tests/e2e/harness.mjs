// Helpers for end-to-end tests: Debian's Chromium driven by playwright-core, the project's
// static server, screenshots under tests/e2e/screenshots/ (gitignored), and error collection.

import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/server.mjs';

export { startServer };

export const SCREENSHOTS = new URL('./screenshots/', import.meta.url).pathname;
export const WWW = new URL('../../www/', import.meta.url).pathname;

/** Launches headless Chromium from Debian (Playwright gives it a fresh temporary profile). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * The browser and the static server a test file shares: registers the file's `before` hook,
 * which starts the server (over www/, with `serverOptions` — `mounts`, `headers`, another
 * `root` — passed on to startServer) and launches Chromium, and its `after` hook, which closes
 * both. Returns an object the `before` hook fills in: `browser`, `server` (whose `requests`
 * lists what was fetched), and `url`, the server's address.
 */
export function useBrowserAndServer(serverOptions = {}) {
  const shared = {
    browser: null,
    server: null,
    get url() { return this.server.url; },
  };
  before(async () => {
    shared.server = await startServer({ root: WWW, ...serverOptions });
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/** A new page that records console errors and uncaught exceptions in `page.errors`. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.errors.push(`page: ${e.message}`));
  const close = page.close.bind(page);
  page.close = async () => { await close(); await context.close(); };
  return page;
}

/** Fails if the page logged an error (404s the test provoked on purpose may be ignored). */
export function assertNoErrors(page, ignore = []) {
  const errors = page.errors.filter((e) => !ignore.some((re) => re.test(e)));
  assert.deepEqual(errors, [], 'no console error nor uncaught exception');
}

/** Saves a screenshot of the page (or of `locator`) as tests/e2e/screenshots/<name>.png. */
export async function screenshot(page, name, locator = null) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await (locator ?? page).screenshot({ path: file });
  return file;
}
