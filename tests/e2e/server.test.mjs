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
