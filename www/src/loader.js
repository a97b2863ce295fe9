// Fetches and compiles the WebAssembly module once per page, when the first map needs it, and
// shares it with every map. The entry script (carte-mentale.js) says where the module is and,
// in dist/, its SRI hash, so that the script tag's one integrity attribute covers all the code.

const importGlue = () => import('../pkg/carte_mentale.js');

let wasmUrl = null;
let wasmIntegrity = null;
let wasmReady = null;

/** Why the wasm module could not start: a key of TEXT (`noWasm`, `cspWasm`, `moduleFailed`, `tampered`). */
export class WasmError extends Error {
  constructor(key, cause) {
    super(key, { cause });
    this.key = key;
  }
}

/** Where the module is (a URL) and its SRI hash (null in development). Called once by the entry script. */
export function configureWasm(url, integrity = null) {
  wasmUrl = url;
  wasmIntegrity = integrity;
}

/**
 * The module's bytes compiled: streaming compilation when the server says `application/wasm`
 * (the browser compiles while it downloads), else from the whole body. With a known hash,
 * fetch checks the download (its integrity option).
 */
async function compile(url, integrity) {
  const response = await fetch(integrity ? new Request(url, { integrity }) : url);
  if (!response.ok) throw new TypeError(`${url}: HTTP ${response.status}`);
  const type = (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  if (type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * Resolves to the glue module (with its `CarteMentale` class), its module instantiated. A
 * failed download is retried by the next map that asks.
 */
export function loadWasm() {
  if (!wasmReady) {
    if (typeof WebAssembly !== 'object' || WebAssembly === null) {
      wasmReady = Promise.reject(new WasmError('noWasm'));
    } else {
      const url = wasmUrl ?? new URL('../pkg/carte_mentale_bg.wasm', import.meta.url);
      const integrity = wasmIntegrity;
      wasmReady = Promise.all([importGlue(), compile(url, integrity)])
        .then(async ([glue, module]) => {
          await glue.default({ module_or_path: module });
          return glue;
        })
        .catch(async (err) => {
          wasmReady = null;
          if (/Content Security Policy|unsafe-eval/i.test(String(err?.message))) throw new WasmError('cspWasm', err);
          // A failed fetch of a file that downloads fine: refused for its hash, not the one published.
          const tampered = integrity && err instanceof TypeError && (await fetch(url).then((r) => r.ok, () => false));
          throw new WasmError(tampered ? 'tampered' : 'moduleFailed', err);
        });
    }
  }
  return wasmReady;
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
