// carte-mentale — the script a page loads: defines the <carte-mentale> custom element.
//
//   <script type="module" src="…/carte-mentale.js"></script>
//   <carte-mentale src="motion-2021.json"></carte-mentale>
//
// The WebAssembly module is found next to this script (import.meta.url), fetched and compiled
// once per page when the first map needs it, and shared by every map. Each element owns one
// player (src/player.js) over one `CarteMentale` handle, and stops it when removed.
// Contribution text is untrusted: everything is written with textContent (never parsed as
// HTML), and only http(s)/mailto links are kept. Documented in docs/embedding.md; the modules
// are mapped in ARCHITECTURE.md. `cargo xtask dist` bundles this file and src/ into one file
// (esbuild) with the glue, and writes the modules' SRI hashes below.

import { el } from './src/dom.js';
import { CarteMentaleElement, VERSION } from './src/element.js';
import { textFor } from './src/i18n.js';
import { configure, sri } from './src/loader.js';

// `sri`: the staff page (embed.js) checks the published files with the loader's own hash.
export { CarteMentaleElement, VERSION, sri };

/** SRI hash of pkg/carte_mentale_bg.wasm, the map: `cargo xtask dist` writes it here. */
const WASM_INTEGRITY = null;
configure('map', new URL('./pkg/carte_mentale_bg.wasm', import.meta.url), WASM_INTEGRITY);
/** SRI hash of pkg-sans-simd/carte_mentale_bg.wasm, the map for browsers without WebAssembly SIMD. */
const SANS_SIMD_INTEGRITY = null;
configure('mapSansSimd', new URL('./pkg-sans-simd/carte_mentale_bg.wasm', import.meta.url), SANS_SIMD_INTEGRITY);
/** SRI hash of pkg-lecteur/carte_mentale_bg.wasm, the converter (Markdown outlines, tables). */
const CONVERTER_INTEGRITY = null;
configure('converter', new URL('./pkg-lecteur/carte_mentale_bg.wasm', import.meta.url), CONVERTER_INTEGRITY);
/** SRI hash of pkg-export/carte_mentale_bg.wasm, the exports (SVG poster, CSV, print view). */
const EXPORTER_INTEGRITY = null;
configure('exporter', new URL('./pkg-export/carte_mentale_bg.wasm', import.meta.url), EXPORTER_INTEGRITY);

/**
 * Browsers without custom elements or ResizeObserver: each <carte-mentale> says so, in its
 * language, above its own children (the motion outline, when the page provides one).
 */
function unsupported() {
  for (const host of document.querySelectorAll('carte-mentale')) {
    if (host.dataset.state === 'unsupported') continue;
    const t = textFor(host.getAttribute('lang'));
    const message = host.childElementCount > 0 ? t.unsupportedOutline : t.unsupported;
    const note = el('p', { class: 'carte-mentale-unsupported', role: 'note', text: message });
    note.style.fontWeight = '600';
    host.prepend(note);
    host.dataset.state = 'unsupported';
    host.dispatchEvent(new CustomEvent('carte-mentale-error', { detail: { ok: false, messages: [message], diagnostics: [] }, bubbles: true }));
  }
}

if (typeof customElements !== 'object' || customElements === null || typeof ResizeObserver !== 'function') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', unsupported, { once: true });
  else unsupported();
} else if (!customElements.get('carte-mentale')) {
  customElements.define('carte-mentale', CarteMentaleElement);
}
