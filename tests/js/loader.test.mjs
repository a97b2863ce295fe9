import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasSimd } from '../../www/src/loader.js';

test('the map with SIMD where WebAssembly validates a SIMD instruction, else the one without', (t) => {
  // Node's V8 runs WebAssembly SIMD, as every current browser does.
  assert.equal(hasSimd(), true);
  const validate = WebAssembly.validate;
  t.after(() => { WebAssembly.validate = validate; });
  // The probe: a module whose one function is SIMD code (prefix 0xfd).
  let asked = null;
  WebAssembly.validate = (bytes) => { asked = new Uint8Array(bytes); return false; };
  assert.equal(hasSimd(), false, 'a browser that refuses the SIMD instruction');
  assert.equal(validate(asked), true, 'the probe is a valid module');
  assert.deepEqual([...asked.slice(-5)], [0xfd, 15, 0xfd, 98, 11], 'i8x16.splat, i8x16.popcnt, end');
  WebAssembly.validate = () => { throw new TypeError('no'); };
  assert.equal(hasSimd(), false, 'a validate that throws');
});

test('without WebAssembly at all, no SIMD (the loader then says there is no WebAssembly)', (t) => {
  const wasm = globalThis.WebAssembly;
  t.after(() => { globalThis.WebAssembly = wasm; });
  delete globalThis.WebAssembly;
  assert.equal(hasSimd(), false);
});
