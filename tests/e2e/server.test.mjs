// The static server: content types, 404, no way out of its root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/server.mjs';

test('serves files with their types, 404s, and refuses to leave its root', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-root-'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(root, 'a.wasm'), Buffer.from([0, 97, 115, 109]));
  fs.writeFileSync(path.join(root, 'm.md'), '# Motion');
  fs.writeFileSync(path.join(os.tmpdir(), 'secret-cm.txt'), 'secret');
  const s = await startServer({ root, headers: (p) => (p.endsWith('.html') ? { 'Content-Security-Policy': "default-src 'self'" } : {}) });
  try {
    let r = await fetch(`${s.url}/`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.equal(r.headers.get('content-security-policy'), "default-src 'self'");
    r = await fetch(`${s.url}/a.wasm`);
    assert.equal(r.headers.get('content-type'), 'application/wasm');
    r = await fetch(`${s.url}/m.md`);
    assert.equal(r.headers.get('content-type'), 'text/markdown; charset=utf-8');
    assert.equal((await fetch(`${s.url}/absent.json`)).status, 404);
    for (const sneaky of ['/../secret-cm.txt', '/%2e%2e/secret-cm.txt', '/..%2fsecret-cm.txt']) {
      const res = await fetch(`${s.url}${sneaky}`);
      assert.notEqual(await res.text(), 'secret', sneaky);
    }
    assert.ok(s.requests.some((q) => q.url === '/a.wasm'));
  } finally {
    await s.close();
  }
});

test('answers compressed like a real host: brotli, else gzip, from a file beside or on the fly', async () => {
  const { chooseEncoding } = await import('../../scripts/server.mjs');
  assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(chooseEncoding('gzip;q=1.0, br;q=0'), 'gzip');
  assert.equal(chooseEncoding('identity'), null);
  assert.equal(chooseEncoding(undefined), null);

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-zip-'));
  const text = 'carte mentale '.repeat(2000);
  fs.writeFileSync(path.join(root, 'a.js'), text);
  fs.writeFileSync(path.join(root, 'b.json'), text);
  // A precompressed file beside b.json, as `cargo xtask dist` writes: it is what goes out.
  const zlib = await import('node:zlib');
  const marker = zlib.gzipSync(Buffer.from('{"precompressed":true}'));
  fs.writeFileSync(path.join(root, 'b.json.gz'), marker);
  fs.writeFileSync(path.join(root, 'c.png'), Buffer.from([137, 80, 78, 71]));
  const s = await startServer({ root });
  const raw = (p, enc) => new Promise((resolve, reject) => {
    // node's fetch decodes bodies: ask with http.get to see the bytes on the wire.
    import('node:http').then(({ default: http }) => {
      http.get(`${s.url}${p}`, { headers: { 'Accept-Encoding': enc } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  });
  try {
    let { res, body } = await raw('/a.js', 'gzip, deflate, br');
    assert.equal(res.headers['content-encoding'], 'br');
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.equal(Number(res.headers['content-length']), body.length);
    assert.ok(body.length < text.length / 10, `compressed to ${body.length} bytes`);
    assert.equal(zlib.brotliDecompressSync(body).toString(), text);

    ({ res, body } = await raw('/a.js', 'gzip'));
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(zlib.gunzipSync(body).toString(), text);

    ({ res, body } = await raw('/b.json', 'gzip'));
    assert.deepEqual(body, marker, 'the .gz beside the file is sent as it is');

    ({ res, body } = await raw('/a.js', 'identity'));
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(body.toString(), text);

    ({ res } = await raw('/c.png', 'gzip, br'));
    assert.equal(res.headers['content-encoding'], undefined, 'PNG is not compressed again');

    // fetch (as a browser) gets the original text back.
    assert.equal(await (await fetch(`${s.url}/a.js`)).text(), text);
    assert.ok(s.requests.some((q) => q.url === '/a.js' && q.encoding === 'br'));
  } finally {
    await s.close();
  }
});
