// Fetches and compiles the WebAssembly module once per page, when the first map needs it, and
// shares it with every map. The entry script (carte-mentale.js) says where the module is and,
// in dist/, its SRI hash, so that the script tag's one integrity attribute covers all the code.
// The map's module reads JSON only: a Markdown outline or a contributions table goes first
// through the converter (pkg-lecteur, `convertOutline`), a second module fetched the same way,
// only by the pages that need it. A third, the exports (pkg-export: `posterSvg`,
// `contributionsCsv`, `printData`), comes at a visitor's first SVG, CSV or print view.

// The map's module comes in two builds of one code and one glue: pkg/ with WebAssembly SIMD (the
// layout's many-body sums four lanes at once: ticks about 15 % faster), pkg-sans-simd/ without,
// for the browsers that lack it (Safari before 16.4). Both give the same positions, bit for bit.

/**
 * The modules: their glue, the folder of their wasm, where the entry script says the wasm is
 * and its SRI hash (null in development), and the promise of their instance once asked for.
 */
const modules = {
  map: { glue: () => import('../pkg/carte_mentale.js'), dir: 'pkg' },
  mapSansSimd: { glue: () => import('../pkg/carte_mentale.js'), dir: 'pkg-sans-simd' },
  converter: { glue: () => import('../pkg-lecteur/carte_mentale.js'), dir: 'pkg-lecteur' },
  exporter: { glue: () => import('../pkg-export/carte_mentale.js'), dir: 'pkg-export' },
};
for (const m of Object.values(modules)) Object.assign(m, { url: null, integrity: null, ready: null });

/**
 * The smallest module with a SIMD instruction (a function that returns `i8x16.popcnt` of a
 * splat, as wasm-feature-detect writes it): valid only where the browser runs SIMD.
 */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Whether this browser runs WebAssembly SIMD, which the map's module `pkg/` needs. */
export function hasSimd() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** Why the wasm module could not start: a key of TEXT (`noWasm`, `cspWasm`, `moduleFailed`, `tampered`). */
export class WasmError extends Error {
  constructor(key, cause) {
    super(key, { cause });
    this.key = key;
  }
}

/**
 * Where module `name` is (a URL) and its SRI hash (null in development): `map`, `mapSansSimd`,
 * `converter` or `exporter`. Called once for each by the entry script.
 */
export function configure(name, url, integrity = null) {
  Object.assign(modules[name], { url, integrity });
}

/**
 * The module's bytes compiled: streaming compilation when the server says `application/wasm`
 * (the browser compiles while it downloads), else from the whole body. With a known hash, the
 * bytes are checked before the module is returned, so nothing of a module that is not the one
 * published runs: in a secure context the hash is computed beside the streaming compilation
 * (fetch's integrity option would hold the body until the whole download is checked, so the
 * compilation could not start before the last byte); elsewhere (no `crypto.subtle`) fetch
 * checks it.
 */
async function compile(url, integrity) {
  const digest = integrity && globalThis.crypto?.subtle && integrity.startsWith('sha384-');
  const response = await fetch(integrity && !digest ? new Request(url, { integrity }) : url);
  if (!response.ok) throw new TypeError(`${url}: HTTP ${response.status}`);
  const type = (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  const streaming = type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function';
  if (!digest) {
    return streaming ? WebAssembly.compileStreaming(response) : WebAssembly.compile(await response.arrayBuffer());
  }
  const bytes = (streaming ? response.clone() : response).arrayBuffer();
  const module = streaming ? WebAssembly.compileStreaming(response) : bytes.then((b) => WebAssembly.compile(b));
  // Its failure reaches the caller through the return below, once the hash has decided.
  module.catch(() => {});
  // The hash decides first: a file that is not the published one is refused as such, whether
  // it compiles or not.
  let published;
  try {
    published = (await sri(await bytes)) === integrity;
  } catch (err) {
    throw new WasmError('moduleFailed', err);
  }
  if (!published) throw new WasmError('tampered');
  return module;
}

/** `sha384-…` of some bytes, as SRI writes it, or null where SubtleCrypto is unavailable (plain http). */
export async function sri(bytes) {
  if (!globalThis.crypto?.subtle) return null;
  let binary = '';
  for (const b of new Uint8Array(await crypto.subtle.digest('SHA-384', bytes))) binary += String.fromCharCode(b);
  return `sha384-${btoa(binary)}`;
}

/**
 * Resolves to a glue module, its module instantiated; `forget` is called on failure, so that
 * the next map that asks tries again.
 */
function instantiate(importModuleGlue, url, integrity, forget) {
  if (typeof WebAssembly !== 'object' || WebAssembly === null) return Promise.reject(new WasmError('noWasm'));
  return Promise.all([importModuleGlue(), compile(url, integrity)])
    .then(async ([glue, module]) => {
      await glue.default({ module_or_path: module });
      return glue;
    })
    .catch(async (err) => {
      forget();
      if (err instanceof WasmError) throw err;
      if (/Content Security Policy|unsafe-eval/i.test(String(err?.message))) throw new WasmError('cspWasm', err);
      // A failed fetch of a file that downloads fine: refused for its hash, not the one published.
      const tampered = integrity && err instanceof TypeError && (await fetch(url).then((r) => r.ok, () => false));
      throw new WasmError(tampered ? 'tampered' : 'moduleFailed', err);
    });
}

/** Resolves to module `name`'s glue, instantiated once per page; a failed download is retried by the next call. */
function load(name) {
  const m = modules[name];
  m.ready ??= instantiate(m.glue, m.url ?? new URL(`../${m.dir}/carte_mentale_bg.wasm`, import.meta.url),
    m.integrity, () => { m.ready = null; });
  return m.ready;
}

/**
 * Resolves to the map's glue module (with its `CarteMentale` class), its module instantiated:
 * the one with SIMD where the browser runs it, else the one without.
 */
export function loadWasm() {
  return load(hasSimd() ? 'map' : 'mapSansSimd');
}

/** Resolves to the converter's glue module (`convertOutline`), instantiated once per page, like loadWasm. */
export function loadConverter() {
  return load('converter');
}

/** Resolves to the exports' glue module (`posterSvg`, `contributionsCsv`, `printData`), instantiated once per page, like loadWasm. */
export function loadExporter() {
  return load('exporter');
}

/**
 * The converter when the data fetched from `src` (`fetchData`'s result) needs it: a
 * contributions table, or an outline that is not JSON by the map's own rule (`needsConverter`
 * of the map's glue: the extension, else the first non-blank character); else null.
 */
export async function converterFor(glue, src, { text, tableSrc }) {
  return tableSrc || glue.needsConverter(src, text) ? loadConverter() : null;
}

/**
 * What the map's `load` takes: `{ text, name }` as fetched, or, with a converter, the JSON it
 * made (named after the motion: the map reads it as JSON) and its result `converted`, whose
 * diagnostics are the outline's and the table's (`converted.ok` false: not shown).
 */
export function toJson(converter, src, { text, table, tableSrc }) {
  if (!converter) return { text, name: src, converted: null };
  const converted = converter.convertOutline(text, src, tableSrc ? table : undefined, tableSrc || undefined);
  return { text: converted.json, name: `${converted.id || 'carte'}.json`, converted };
}

const trapListeners = new Set();
/**
 * Calls `f` when the shared instance traps (a Rust panic aborts) in any callback: an event, a
 * frame, a call from the page. Returns the function that stops listening.
 */
export function onTrap(f) {
  if (trapListeners.size === 0 && !onTrap.installed) {
    onTrap.installed = true;
    const check = (error) => {
      if (error instanceof WebAssembly.RuntimeError) for (const g of [...trapListeners]) g(error);
    };
    window.addEventListener('error', (e) => check(e.error));
    window.addEventListener('unhandledrejection', (e) => check(e.reason));
  }
  trapListeners.add(f);
  return () => trapListeners.delete(f);
}
