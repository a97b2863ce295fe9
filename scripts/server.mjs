// The one static server of the project: `cargo xtask serve` and the end-to-end tests use it.
// Loopback only, no dependencies. Records every request so tests can assert what was fetched.
//
// It answers like a real host: text, JavaScript, JSON and wasm go out compressed (brotli, else
// gzip, as the browser's Accept-Encoding allows), from a `.br`/`.gz` file written beside the
// original by `cargo xtask dist` when there is one (nginx `gzip_static`/`brotli_static`),
// else compressed once and kept in memory until the file changes. So what the tests and the
// load benchmark measure is what visitors download. `compress: false` turns it off.
//
//   node scripts/server.mjs --root www --port 8080
//   import { startServer } from './server.mjs'; const s = await startServer({ root, port: 0 });

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

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

/** Types worth compressing (images such as PNG are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.md', '.wasm', '.svg', '.txt', '.csv']);

/**
 * The encoding to send, from the request's Accept-Encoding: `br`, else `gzip`, else null.
 * A coding listed with `q=0` is refused.
 */
export function chooseEncoding(acceptEncoding = '') {
  const accepted = new Set();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

/** Compressed bodies made on the fly, by file, encoding and modification time. */
const compressedCache = new Map();

/**
 * The body to send for `file` in `encoding`: the `.br`/`.gz` file beside it when it is at
 * least as new as the file, else the file compressed now (brotli at its best quality, as a
 * release would be) and remembered.
 */
async function compressedBody(file, stat, encoding) {
  const ext = encoding === 'br' ? '.br' : '.gz';
  try {
    const side = await fs.stat(file + ext);
    if (side.mtimeMs >= stat.mtimeMs) return fs.readFile(file + ext);
  } catch {
    // no precompressed file: compress below
  }
  const key = `${file}\0${encoding}`;
  const hit = compressedCache.get(key);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.body;
  const raw = await fs.readFile(file);
  const body = encoding === 'br'
    ? await brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
    : await gzip(raw, { level: 9 });
  compressedCache.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, body });
  return body;
}

/**
 * Serves `root` on `host:port` (port 0: any free port).
 * `headers(urlPath)` may return extra response headers (e.g. a Content-Security-Policy).
 * `mounts` serves other folders under URL prefixes: `{ '/pages/': 'tests/e2e/pages' }`.
 * Resolves to `{ url, port, requests, close() }`.
 */
export async function startServer({ root, port = 0, host = '127.0.0.1', headers = () => ({}), mounts = {}, compress = true }) {
  const roots = [
    ...Object.entries(mounts).map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, path.resolve(dir)]),
    ['/', path.resolve(root)],
  ];
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const request = { method: req.method, url: url.pathname, at: Date.now(), encoding: null, bytes: 0 };
    requests.push(request);
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
      const stat = await fs.stat(file);
      if (!stat.isFile()) throw new Error('not a file');
      const ext = path.extname(file).toLowerCase();
      const encoding = compress && COMPRESSIBLE.has(ext) ? chooseEncoding(req.headers['accept-encoding']) : null;
      const body = encoding ? await compressedBody(file, stat, encoding) : await fs.readFile(file);
      request.encoding = encoding;
      request.bytes = body.length;
      res.writeHead(200, {
        'Content-Type': TYPES[ext] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...(compress && COMPRESSIBLE.has(ext) ? { Vary: 'Accept-Encoding' } : {}),
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
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
  const s = await startServer({ root, port, compress: !process.argv.includes('--no-compress') });
  console.log(`carte-mentale : ${s.url}/ (dossier ${root})`);
}
