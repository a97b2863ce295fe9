// The one static server of the project: `cargo xtask serve` and the end-to-end tests use it.
// Loopback only, no dependencies. Records every request so tests can assert what was fetched.
//
//   node scripts/server.mjs --root www --port 8080
//   import { startServer } from './server.mjs'; const s = await startServer({ root, port: 0 });

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Serves `root` on `host:port` (port 0: any free port).
 * `headers(urlPath)` may return extra response headers (e.g. a Content-Security-Policy).
 * `mounts` serves other folders under URL prefixes: `{ '/pages/': 'tests/e2e/pages' }`.
 * Resolves to `{ url, port, requests, close() }`.
 */
export async function startServer({ root, port = 0, host = '127.0.0.1', headers = () => ({}), mounts = {} }) {
  const roots = [
    ...Object.entries(mounts).map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, path.resolve(dir)]),
    ['/', path.resolve(root)],
  ];
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push({ method: req.method, url: url.pathname, at: Date.now() });
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const [prefix, base] = roots.find(([p]) => rel.startsWith(p));
    const file = path.resolve(base, '.' + rel.slice(prefix.length - 1));
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('interdit');
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...headers(rel),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('introuvable');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const root = arg('--root', 'www');
  const port = Number(arg('--port', '8080'));
  const s = await startServer({ root, port });
  console.log(`carte-mentale : ${s.url}/ (dossier ${root})`);
}
