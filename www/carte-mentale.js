// carte-mentale — loader and <carte-mentale> custom element.
//
//   <script type="module" src="…/carte-mentale.js"></script>
//   <carte-mentale src="motion-2021.json"></carte-mentale>
//
// The WebAssembly module and its glue are found next to this script (import.meta.url),
// fetched and compiled once per page when the first map needs them, and shared by every
// map. Each element owns one `CarteMentale` handle and destroys it when removed.
// Contribution text is untrusted: everything is written with textContent (never parsed as
// HTML), and only http(s)/mailto links are kept. Documented in docs/embedding.md.

export const VERSION = '0.1.0';

// Every string the element shows, by language (`lang` attribute: fr by default, en).
// Parser diagnostics come from the wasm module and are in French only.
const TEXT = {
  fr: {
    loading: 'Chargement de la carte…',
    noSrc: 'Aucune donnée : indiquez le fichier de la motion dans l’attribut src.',
    notFound: (src, status) => `Impossible de charger la carte : le fichier « ${src} » est introuvable (erreur ${status}).`,
    network: (src) => `Impossible de charger la carte : le fichier « ${src} » n’a pas pu être téléchargé (réseau indisponible ?).`,
    invalid: (src) => `La carte ne peut pas être affichée : le fichier « ${src} » contient des erreurs.`,
    more: (n) => `… et ${n} autre${n > 1 ? 's' : ''} erreur${n > 1 ? 's' : ''}.`,
    noWasm: 'Votre navigateur ne peut pas afficher cette carte interactive (WebAssembly indisponible).',
    cspWasm: 'La carte ne peut pas démarrer : la politique de sécurité (CSP) de cette page interdit WebAssembly. Ajoutez \'wasm-unsafe-eval\' à script-src.',
    moduleFailed: 'Impossible de charger la carte : son programme (carte_mentale_bg.wasm) n’a pas pu être téléchargé.',
    tampered: 'La carte ne peut pas démarrer : son programme (carte_mentale_bg.wasm) n’est pas celui qui a été publié (empreinte différente).',
    unsupported: 'Votre navigateur est trop ancien pour afficher cette carte interactive.',
    unsupportedOutline: 'Votre navigateur est trop ancien pour afficher cette carte interactive ; en voici le plan.',
    crashed: 'La carte a rencontré une erreur inattendue. Rechargez la page.',
    zoomIn: 'Zoomer',
    zoomOut: 'Dézoomer',
    fit: 'Voir toute la carte',
    close: 'Fermer le détail',
    wheelHint: 'Pour zoomer, maintenez Ctrl (ou ⌘) en faisant tourner la molette.',
    mapLabel: (title) => `Carte mentale : ${title}. Cliquez sur un levier pour afficher ses contributions.`,
    kinds: { motion: 'Motion', axis: 'Axe', lever: 'Levier', contribution: 'Contribution' },
    contributions: (n) => n === 0 ? 'Aucune contribution' : `${n} contribution${n > 1 ? 's' : ''}`,
    show: 'Afficher les contributions',
    hide: 'Masquer les contributions',
    axis: 'Axe',
    axisOf: (a) => `Axe : ${a}`,
    levers: 'Levier(s)',
    label: 'Label Villes Internet',
    arobases: (n) => `${n} arobase${n > 1 ? 's' : ''}`,
    department: (d) => `(${d})`,
    links: 'Liens',
    author: 'Auteur',
    collectivity: 'Collectivité',
    year: 'Année',
    canvas: 'Carte mentale',
    // Exports (menu, downloads, print view)
    exportMenu: 'Exporter',
    exportPng: 'Image PNG (vue actuelle)',
    exportSvg: 'Image SVG (carte entière)',
    exportCsv: 'Tableau CSV (contributions affichées)',
    exportPrint: 'Imprimer le levier',
    exportPrintNeeds: 'Sélectionnez un levier ou l’une de ses contributions pour l’imprimer.',
    exportFailed: 'L’export a échoué.',
    printFrame: 'Vue d’impression du levier',
    printMotion: 'Motion',
    printLever: 'Levier',
    printRole: 'Fonction',
    printSource: (title) => `Extrait de la carte mentale de la motion « ${title} ».`,
  },
  en: {
    loading: 'Loading the map…',
    noSrc: 'No data: give the motion file in the src attribute.',
    notFound: (src, status) => `The map cannot be loaded: the file “${src}” was not found (error ${status}).`,
    network: (src) => `The map cannot be loaded: the file “${src}” could not be downloaded (network down?).`,
    invalid: (src) => `The map cannot be shown: the file “${src}” has errors.`,
    more: (n) => `… and ${n} more error${n > 1 ? 's' : ''}.`,
    noWasm: 'Your browser cannot show this interactive map (WebAssembly unavailable).',
    cspWasm: 'The map cannot start: this page’s security policy (CSP) forbids WebAssembly. Add \'wasm-unsafe-eval\' to script-src.',
    moduleFailed: 'The map cannot be loaded: its program (carte_mentale_bg.wasm) could not be downloaded.',
    tampered: 'The map cannot start: its program (carte_mentale_bg.wasm) is not the published one (different hash).',
    unsupported: 'Your browser is too old to show this interactive map.',
    unsupportedOutline: 'Your browser is too old to show this interactive map; here is its outline.',
    crashed: 'The map ran into an unexpected error. Reload the page.',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Show the whole map',
    close: 'Close the detail',
    wheelHint: 'To zoom, hold Ctrl (or ⌘) while turning the wheel.',
    mapLabel: (title) => `Mind map: ${title}. Click a lever to show its contributions.`,
    kinds: { motion: 'Motion', axis: 'Axis', lever: 'Lever', contribution: 'Contribution' },
    contributions: (n) => n === 0 ? 'No contribution' : `${n} contribution${n > 1 ? 's' : ''}`,
    show: 'Show the contributions',
    hide: 'Hide the contributions',
    axis: 'Axis',
    axisOf: (a) => `Axis: ${a}`,
    levers: 'Lever(s)',
    label: 'Villes Internet label',
    arobases: (n) => `${n} arobase${n > 1 ? 's' : ''}`,
    department: (d) => `(${d})`,
    links: 'Links',
    author: 'Author',
    collectivity: 'Local authority',
    year: 'Year',
    canvas: 'Mind map',
    // Exports (menu, downloads, print view)
    exportMenu: 'Export',
    exportPng: 'PNG image (current view)',
    exportSvg: 'SVG image (whole map)',
    exportCsv: 'CSV table (contributions shown)',
    exportPrint: 'Print the lever',
    exportPrintNeeds: 'Select a lever or one of its contributions to print it.',
    exportFailed: 'The export failed.',
    printFrame: 'Print view of the lever',
    printMotion: 'Motion',
    printLever: 'Lever',
    printRole: 'Role',
    printSource: (title) => `From the mind map of the motion “${title}”.`,
  },
};

/** The strings for a `lang` attribute value (fr unless it names English). */
function textFor(lang) {
  return TEXT[(lang || '').trim().toLowerCase().split('-')[0]] ?? TEXT.fr;
}

/**
 * SRI hash of pkg/carte_mentale_bg.wasm. `cargo xtask dist` writes it here, and inlines the glue
 * in place of `importGlue`, so that the script tag's integrity attribute covers all the code.
 */
const WASM_INTEGRITY = null;
const importGlue = () => import('./pkg/carte_mentale.js');

/** Why the wasm module could not start: a key of TEXT (`noWasm`, `cspWasm`, `moduleFailed`, `tampered`). */
class WasmError extends Error {
  constructor(key, cause) {
    super(key, { cause });
    this.key = key;
  }
}

let wasmReady = null;
/**
 * Imports the glue and compiles the module once per page, when the first map needs them.
 * Resolves to the glue module (with its `CarteMentale` class). A failed download is retried
 * by the next map that asks.
 */
function loadWasm() {
  if (!wasmReady) {
    if (typeof WebAssembly !== 'object' || WebAssembly === null) {
      wasmReady = Promise.reject(new WasmError('noWasm'));
    } else {
      const url = new URL('./pkg/carte_mentale_bg.wasm', import.meta.url);
      wasmReady = importGlue()
        .then(async (glue) => {
          // With a known hash, the browser checks the download (fetch's integrity option).
          await glue.default({ module_or_path: WASM_INTEGRITY ? new Request(url, { integrity: WASM_INTEGRITY }) : url });
          return glue;
        })
        .catch(async (err) => {
          wasmReady = null;
          if (/Content Security Policy|unsafe-eval/i.test(String(err?.message))) throw new WasmError('cspWasm', err);
          // A failed fetch of a file that downloads fine: refused for its hash, not the one published.
          const tampered = WASM_INTEGRITY && err instanceof TypeError && (await fetch(url).then((r) => r.ok, () => false));
          throw new WasmError(tampered ? 'tampered' : 'moduleFailed', err);
        });
    }
  }
  return wasmReady;
}

const CSS = `
:host { display: block; position: relative; height: 560px; min-height: 240px; contain: content;
  background: var(--carte-mentale-background, #fff); border: 1px solid var(--carte-mentale-border, #d1d5db);
  border-radius: 8px; overflow: hidden; box-sizing: border-box; }
:host([theme="dark"]) { background: var(--carte-mentale-background, #141414);
  border-color: var(--carte-mentale-border, #4b5563); color-scheme: dark; }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
/* Inherited properties (font, colour, line height, letter spacing, alignment…) cross the shadow
   boundary from the host page: the frame resets every one of them, then sets its own. */
.frame { all: initial; display: block; position: absolute; inset: 0; box-sizing: border-box;
  --_bg: var(--carte-mentale-background, #fff); --_fg: var(--carte-mentale-text, #1f2937);
  --_muted: var(--carte-mentale-muted, #4b5563); --_border: var(--carte-mentale-border, #d1d5db);
  --_control: var(--carte-mentale-control, #9ca3af); --_hover: var(--carte-mentale-hover, #f3f4f6);
  --_accent: var(--carte-mentale-accent, #1d4ed8); --_focus: var(--carte-mentale-focus, #f59e0b);
  --_error: var(--carte-mentale-error, #991b1b);
  font: 15px/1.45 var(--carte-mentale-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  color: var(--_fg); text-align: left; }
:host([theme="dark"]) .frame {
  --_bg: var(--carte-mentale-background, #141414); --_fg: var(--carte-mentale-text, #e5e7eb);
  --_muted: var(--carte-mentale-muted, #9ca3af); --_border: var(--carte-mentale-border, #4b5563);
  --_control: var(--carte-mentale-control, #6b7280); --_hover: var(--carte-mentale-hover, #262626);
  --_accent: var(--carte-mentale-accent, #93c5fd); --_focus: var(--carte-mentale-focus, #fbbf24);
  --_error: var(--carte-mentale-error, #fca5a5); }
/* The map is drawn in light colours; the dark theme inverts its lightness and keeps its hues. */
:host([theme="dark"]) canvas { filter: invert(0.92) hue-rotate(180deg); }
canvas { display: block; width: 100%; height: 100%; touch-action: none; outline: none; cursor: grab; }
canvas:active { cursor: grabbing; }
canvas:focus-visible { box-shadow: inset 0 0 0 3px var(--_focus); }
.toolbar { position: absolute; top: 8px; left: 8px; display: flex; flex-direction: column; gap: 4px; }
button { font: inherit; color: inherit; margin: 0; }
.toolbar button { width: 36px; height: 36px; border: 1px solid var(--_control); border-radius: 6px; background: var(--_bg);
  font-size: 20px; line-height: 1; cursor: pointer; padding: 0; }
.toolbar button:hover { background: var(--_hover); }
button:focus-visible { outline: 3px solid var(--_focus); outline-offset: 1px; }
.hint { position: absolute; left: 50%; bottom: 16px; transform: translateX(-50%); max-width: 90%;
  background: rgba(17, 24, 39, .88); color: #fff; padding: 8px 14px; border-radius: 6px; font-size: 14px;
  pointer-events: none; }
.status { position: absolute; inset: 0; display: flex; flex-direction: column; justify-content: center;
  align-items: center; gap: 6px; padding: 24px; text-align: center; background: var(--_bg); overflow: auto; }
.status.error { color: var(--_error); align-items: stretch; justify-content: safe center; }
.status.error p { margin: 0; font-weight: 600; }
.status ul { margin: 4px 0 0; padding-left: 1.2em; text-align: left; font-size: 14px; color: var(--_fg); }
.fallback { margin-top: 12px; color: var(--_fg); font-weight: 400; text-align: left; }
.panel { position: absolute; top: 8px; right: 8px; bottom: 8px; width: min(380px, calc(100% - 64px));
  overflow: auto; background: var(--_bg); border: 1px solid var(--_border); border-radius: 8px; padding: 14px 16px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .14); }
.panel .close { position: absolute; top: 6px; right: 6px; width: 32px; height: 32px; border: 0;
  background: transparent; font-size: 22px; cursor: pointer; border-radius: 6px; }
.panel .close:hover { background: var(--_hover); }
.kicker { margin: 0 36px 4px 0; color: var(--_accent); font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; }
.panel h2 { margin: 0 0 8px; font-size: 17px; line-height: 1.3; }
.panel blockquote { margin: 0 0 10px; font-size: 15px; }
.panel p { margin: 0 0 8px; }
.panel dl { margin: 8px 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; font-size: 14px; }
.panel dt { font-weight: 600; color: var(--_muted); }
.panel dd { margin: 0; }
.panel .toggle { border: 1px solid currentColor; border-radius: 6px; background: var(--_bg); padding: 4px 10px; cursor: pointer; }
.panel a { color: var(--_accent); }
@media (max-width: 520px) {
  .panel { top: auto; left: 8px; right: 8px; width: auto; max-height: 55%; }
}
@media print {
  .toolbar, .hint { display: none; }
}
`;

// Exports: the toolbar's menu and the hidden print frame.
const EXPORT_CSS = `
.export { position: relative; }
.toolbar .export > button { font-size: 18px; }
.export-menu { position: absolute; left: calc(100% + 6px); top: 0; z-index: 2; display: flex; flex-direction: column;
  min-width: max-content; padding: 4px; background: var(--_bg); border: 1px solid var(--_border); border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .14); }
.toolbar .export-menu button { width: auto; height: auto; border: 0; border-radius: 4px; padding: 8px 12px; font-size: 14px;
  line-height: 1.3; text-align: left; white-space: nowrap; background: transparent; }
.toolbar .export-menu button:hover:not(:disabled) { background: var(--_hover); }
.toolbar .export-menu button:disabled { color: var(--_muted); cursor: default; }
.print-frame { position: absolute; left: 0; top: 0; width: 0; height: 0; border: 0; opacity: 0; pointer-events: none; }
`;

// The print view of a lever (A4), inside its own frame: system fonts that every printer has.
const PRINT_CSS = `
@page { size: A4; margin: 18mm 16mm 20mm; }
html { font: 11pt/1.45 'DejaVu Sans', 'Noto Sans', Arial, Helvetica, sans-serif; color: #111; background: #fff; }
body { margin: 0; }
@media screen { body { max-width: 178mm; margin: 0 auto; padding: 10mm 8mm; } }
.kicker { margin: 0; font-size: 8.5pt; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: #374151; }
.motion { margin: 0 0 3mm; font-size: 10pt; }
.axis { margin: 0 0 3mm; font-size: 11pt; font-weight: 600; }
h1 { margin: 0 0 3mm; font-size: 16pt; line-height: 1.25; }
.description, .count { margin: 0 0 3mm; }
.count { color: #374151; }
ol { margin: 4mm 0 0; padding-left: 1.4em; }
li.contribution { break-inside: avoid; margin: 0 0 5mm; padding-top: 3mm; border-top: .5pt solid #9ca3af; }
blockquote { margin: 0 0 2mm; font-size: 11pt; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .5mm 4mm; font-size: 9.5pt; }
dt { font-weight: 600; color: #374151; }
dd { margin: 0; }
ul.links { margin: 1mm 0 0; padding-left: 1.2em; font-size: 9.5pt; }
a { color: #1d4ed8; overflow-wrap: anywhere; }
footer { margin-top: 6mm; font-size: 8.5pt; color: #374151; }
`;

/** `el` for another document (the print frame's). */
function elIn(doc, tag, attrs = {}, ...children) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** Only http(s) links are printed. */
function httpHref(href) {
  return typeof href === 'string' && /^https?:\/\//i.test(href.trim());
}

let sheet = null;
function styles(root) {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS + EXPORT_CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS + EXPORT_CSS;
    root.append(style);
  }
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

function safeHref(href) {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim());
}

function paragraphs(text) {
  return (text || '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => el('p', { text: p }));
}

export class CarteMentaleElement extends HTMLElement {
  static observedAttributes = ['src', 'height', 'lever', 'zoom', 'lang'];

  #root = null;
  #parts = null;
  #map = null;
  #resize = null;
  #visible = null;
  #generation = 0;
  #hintTimer = 0;
  #ready = null;
  #resolveReady = null;
  #status = { state: 'loading', message: null, items: null };
  #title = '';
  #zoomPending = false;
  #reducedMotion = false;

  constructor() {
    super();
    this.#ready = new Promise((resolve) => { this.#resolveReady = resolve; });
  }

  /** Resolves with `{ ok, … }` once the map is shown or an error is displayed. */
  get ready() { return this.#ready; }
  /** The underlying `CarteMentale` handle (null until loaded). */
  get map() { return this.#map; }
  /** The version of carte-mentale (also in the path of the distributed bundle). */
  get version() { return VERSION; }
  static get version() { return VERSION; }

  /** The element's strings, in the language of its `lang` attribute. */
  get #t() { return textFor(this.getAttribute('lang')); }

  connectedCallback() {
    if (!this.#root) this.#build();
    this.#applyHeight();
    this.#resize = new ResizeObserver(() => this.#sizeChanged());
    this.#resize.observe(this);
    // Lazy: a map below the fold loads (data and wasm) when it comes near the viewport.
    if (this.getAttribute('loading') === 'eager' || typeof IntersectionObserver !== 'function') {
      this.#load();
    } else {
      this.#visible = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.#visible.disconnect();
          this.#visible = null;
          this.#load();
        }
      }, { rootMargin: '200px' });
      this.#visible.observe(this);
    }
  }

  disconnectedCallback() {
    this.#resize?.disconnect();
    this.#resize = null;
    this.#visible?.disconnect();
    this.#visible = null;
    this.#generation++;
    this.#destroyMap();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.isConnected || !this.#root) return;
    if (name === 'height') newValue === null ? this.style.removeProperty('height') : this.#applyHeight();
    else if (name === 'src' && !this.#visible) this.#load();
    else if (name === 'lever' && this.#map && newValue) this.#openLever(newValue);
    else if (name === 'zoom' && this.#map) this.#applyZoom(false);
    else if (name === 'lang') this.#applyText();
  }

  /** `height="480"` (pixels) or any CSS length; otherwise the stylesheet's default. */
  #applyHeight() {
    const h = this.getAttribute('height');
    if (!h) return;
    this.style.height = /^\d+(\.\d+)?$/.test(h.trim()) ? `${h.trim()}px` : h;
  }

  /**
   * `zoom="2"`: the initial zoom, relative to the whole map fitted in the element (1). At load
   * the camera jumps there; a later change animates. Waits until the element has a size (a map
   * in a collapsed tab is fitted when the tab opens).
   */
  #applyZoom(initial) {
    const map = this.#map;
    if (!map) return;
    const rect = this.#parts.canvas.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) {
      this.#zoomPending = true;
      return;
    }
    this.#zoomPending = false;
    const factor = Number.parseFloat(this.getAttribute('zoom') ?? '');
    if (initial && !(factor > 0 && factor !== 1)) return;
    if (initial) map.setReducedMotion(true);
    map.fit();
    if (Number.isFinite(factor) && factor > 0 && factor !== 1) map.zoomBy(factor);
    if (initial) map.setReducedMotion(this.#reducedMotion);
  }

  #openLever(id) {
    const d = this.#map.detail(id);
    if (!d) return;
    if (d.kind === 'lever' && !d.unfolded) this.#map.toggle(id);
    this.select(id);
  }

  fit() { this.#map?.fit(); }
  /** Centres the view on a node and zooms in to read it. */
  zoomTo(id) { return this.#map?.zoomTo(id) ?? false; }
  zoomIn() { this.#map?.zoomIn(); }
  zoomOut() { this.#map?.zoomOut(); }
  /** Selects a node by id (or null) and opens its panel. */
  select(id) {
    if (!this.#map) return false;
    const found = this.#map.select(id ?? undefined);
    this.#showDetail(id ? this.#map.detail(id) : null);
    return found;
  }

  #build() {
    const root = this.attachShadow({ mode: 'open' });
    styles(root);
    const canvas = el('canvas', { tabindex: '0', role: 'img' });
    const zoomIn = el('button', { type: 'button', text: '+' });
    const zoomOut = el('button', { type: 'button', text: '−' });
    const fit = el('button', { type: 'button', text: '⤢' });
    const toolbar = el('div', { class: 'toolbar', hidden: '' }, zoomIn, zoomOut, fit);
    const hint = el('div', { class: 'hint', hidden: '', role: 'note' });
    const close = el('button', { type: 'button', class: 'close', text: '×' });
    const body = el('div', { class: 'body' });
    const panel = el('aside', { class: 'panel', hidden: '', 'aria-live': 'polite' }, close, body);
    const status = el('div', { class: 'status', role: 'status' });
    root.append(el('div', { class: 'frame' }, canvas, toolbar, hint, panel, status));
    zoomIn.addEventListener('click', () => this.zoomIn());
    zoomOut.addEventListener('click', () => this.zoomOut());
    fit.addEventListener('click', () => this.fit());
    close.addEventListener('click', () => { this.select(null); canvas.focus(); });
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !panel.hidden) {
        this.select(null);
        this.#showDetail(null);
        e.preventDefault();
      }
    });
    this.#root = root;
    this.#parts = { canvas, toolbar, hint, panel, body, status, zoomIn, zoomOut, fit, close };
    this.#buildExport();
    this.#applyText();
  }

  /** Writes the element's strings in its language (again when `lang` changes). */
  #applyText() {
    if (!this.#parts) return;
    const t = this.#t;
    const { canvas, hint, zoomIn, zoomOut, fit, close } = this.#parts;
    for (const [button, label] of [[zoomIn, t.zoomIn], [zoomOut, t.zoomOut], [fit, t.fit], [close, t.close]]) {
      button.setAttribute('aria-label', label);
      button.title = label;
    }
    hint.textContent = t.wheelHint;
    this.#applyExportText();
    canvas.setAttribute('aria-label', this.#map ? t.mapLabel(this.#title) : t.canvas);
    this.#renderStatus();
    const shown = this.#map && !this.#parts.panel.hidden ? this.#map.selected() : null;
    if (shown) this.#showDetail(this.#map.detail(shown));
  }

  #destroyMap() {
    if (this.#map) {
      this.#map.destroy();
      this.#map.free();
      this.#map = null;
    }
  }

  async #load() {
    const generation = ++this.#generation;
    const src = this.getAttribute('src');
    this.#destroyMap();
    this.#showDetail(null);
    this.#setStatus('loading');
    if (!src) return this.#fail((t) => t.noSrc);
    let text;
    let glue;
    try {
      let response;
      [glue, response] = await Promise.all([
        loadWasm(),
        fetch(new URL(src, document.baseURI), { credentials: 'same-origin' }).catch(() => null),
      ]);
      if (generation !== this.#generation) return;
      if (!response) return this.#fail((t) => t.network(src));
      if (!response.ok) return this.#fail((t) => t.notFound(src, response.status));
      text = await response.text();
    } catch (err) {
      if (generation !== this.#generation) return;
      if (!(err instanceof WasmError)) return this.#fail((t) => t.network(src));
      if (err.cause) console.error(err.cause);
      return this.#fail((t) => t[err.key]);
    }
    if (generation !== this.#generation) return;
    try {
      const map = new glue.CarteMentale(this.#parts.canvas);
      this.#reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
      map.setReducedMotion(this.#reducedMotion);
      const rect = this.#parts.canvas.getBoundingClientRect();
      map.resize(rect.width, rect.height, devicePixelRatio || 1);
      const result = map.load(text, src);
      if (!result.ok) {
        map.destroy();
        map.free();
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        const shown = errors.slice(0, 5).map((d) => d.text);
        const more = errors.length - shown.length;
        return this.#fail((t) => t.invalid(src), (t) => (more > 0 ? [...shown, t.more(more)] : shown), result);
      }
      map.setListener((type, detail) => this.#onMapEvent(type, detail));
      this.#map = map;
      this.#title = result.title;
      this.#parts.canvas.setAttribute('aria-label', this.#t.mapLabel(result.title));
      this.#setStatus('ready');
      this.#applyZoom(true);
      const lever = this.getAttribute('lever');
      if (lever) this.#openLever(lever);
      this.#resolveReady(result);
      this.dispatchEvent(new CustomEvent('carte-mentale-ready', { detail: result, bubbles: true, composed: true }));
    } catch (err) {
      console.error(err);
      this.#fail((t) => t.crashed);
    }
  }

  /** Shows an error inside the element: `message(t)` and `items(t)` give its text in a language. */
  #fail(message, items = () => [], result = null) {
    this.#setStatus('error', message, items);
    const t = this.#t;
    const detail = { ok: false, messages: [message(t), ...items(t)], diagnostics: result?.diagnostics ?? [] };
    this.#resolveReady(detail);
    this.dispatchEvent(new CustomEvent('carte-mentale-error', { detail, bubbles: true, composed: true }));
  }

  #setStatus(state, message = null, items = null) {
    this.#status = { state, message, items };
    this.dataset.state = state;
    this.#renderStatus();
  }

  #renderStatus() {
    const { status, toolbar } = this.#parts;
    const { state, message, items: list } = this.#status;
    const t = this.#t;
    const lines = message ? [message(t)] : [];
    const items = list ? list(t) : [];
    status.className = state === 'error' ? 'status error' : 'status';
    status.setAttribute('role', state === 'error' ? 'alert' : 'status');
    status.replaceChildren();
    if (state === 'ready') {
      status.hidden = true;
      toolbar.hidden = false;
      return;
    }
    status.hidden = false;
    toolbar.hidden = true;
    if (state === 'loading') status.append(el('p', { text: this.#t.loading }));
    for (const line of lines) status.append(el('p', { text: line }));
    if (items.length) status.append(el('ul', {}, ...items.map((item) => el('li', { text: item }))));
    // When the map cannot be shown, the page's own outline (the element's children) is.
    if (state === 'error' && this.childElementCount > 0) status.append(el('div', { class: 'fallback' }, el('slot')));
  }

  #sizeChanged() {
    if (!this.#map) return;
    const rect = this.#parts.canvas.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0) {
      this.#map.resize(rect.width, rect.height, devicePixelRatio || 1);
      if (this.#zoomPending) this.#applyZoom(true);
    }
  }

  #onMapEvent(type, detail) {
    if (type === 'select') {
      this.#showDetail(detail);
      this.dispatchEvent(new CustomEvent('carte-mentale-select', { detail, bubbles: true, composed: true }));
    } else if (type === 'wheelhint') {
      const { hint } = this.#parts;
      hint.hidden = false;
      clearTimeout(this.#hintTimer);
      this.#hintTimer = setTimeout(() => { hint.hidden = true; }, 1600);
    }
  }

  #showDetail(d) {
    const { panel, body } = this.#parts ?? {};
    if (!panel) return;
    body.replaceChildren();
    if (!d) {
      panel.hidden = true;
      return;
    }
    const kicker = el('p', { class: 'kicker', text: this.#t.kinds[d.kind] ?? '' });
    body.append(kicker);
    if (d.kind === 'contribution') {
      body.append(el('blockquote', { text: d.text ?? d.title }));
      const who = [d.author, d.role].filter(Boolean).join(', ');
      const where = [d.collectivity, d.department ? this.#t.department(d.department) : null].filter(Boolean).join(' ');
      const dl = el('dl');
      const row = (k, v) => { if (v) dl.append(el('dt', { text: k }), el('dd', { text: String(v) })); };
      row(this.#t.author, who);
      row(this.#t.collectivity, where);
      row(this.#t.year, d.year);
      if (d.label) {
        const dd = el('dd', { text: '@'.repeat(d.label) });
        dd.setAttribute('aria-label', this.#t.arobases(d.label));
        dl.append(el('dt', { text: this.#t.label }), dd);
      }
      row(this.#t.axis, d.axis);
      row(this.#t.levers, (d.levers ?? []).join(' ; '));
      body.append(dl);
      const links = (d.links ?? []).filter((l) => safeHref(l.href));
      if (links.length) {
        const ul = el('ul');
        for (const l of links) {
          ul.append(el('li', {}, el('a', { href: l.href.trim(), rel: 'noopener noreferrer nofollow', target: '_blank', text: l.text || l.href })));
        }
        body.append(el('p', { text: this.#t.links }), ul);
      }
    } else {
      if (d.kind === 'lever' && d.axis) body.append(el('p', { class: 'kicker', text: this.#t.axisOf(d.axis) }));
      body.append(el('h2', { text: d.title }));
      body.append(...paragraphs(d.description));
      if (typeof d.count === 'number') body.append(el('p', { text: this.#t.contributions(d.count) }));
      if (d.kind === 'lever' && d.count > 0) {
        const toggle = el('button', { type: 'button', class: 'toggle', text: d.unfolded ? this.#t.hide : this.#t.show });
        toggle.addEventListener('click', () => {
          this.#map?.toggle(d.id);
          this.#showDetail(this.#map?.detail(d.id) ?? null);
        });
        body.append(toggle);
      }
    }
    panel.hidden = false;
  }

  // ——— Exports: PNG of the view, SVG of the whole map, CSV of the contributions behind the
  // selection, print view of a lever. The data comes from the wasm handle; every string is
  // written with textContent.

  #exportParts = null;
  #printFrame = null;

  /** The current view as a PNG at twice its CSS size: a promise of a Blob (null without a map). */
  exportPng() {
    try {
      return this.#map ? this.#map.exportPng() : Promise.resolve(null);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** The whole visible map as SVG: a promise of a Blob (null without a map). */
  exportSvg() {
    const svg = this.#map?.exportSvg();
    return Promise.resolve(svg == null ? null : new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  }

  /** The contributions behind the selection (all without one), filters applied: a promise of a CSV Blob. */
  exportCsv() {
    const csv = this.#map?.exportCsv();
    return Promise.resolve(csv == null ? null : new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  }

  /**
   * Prints a lever with all its contributions (default: the selected lever, or the lever of the
   * selected contribution), from a hidden frame. Fires `carte-mentale-print` (detail: the lever
   * id) first; a listener that calls preventDefault() keeps the frame but skips print().
   * Returns whether there was a lever to print.
   */
  printLever(id) {
    const map = this.#map;
    const lever = id ?? map?.printableLever();
    const data = map && lever ? map.printData(lever) : null;
    if (!data) return false;
    this.#printFrame?.remove();
    const t = this.#t;
    const frame = el('iframe', { class: 'print-frame', title: t.printFrame, tabindex: '-1', 'aria-hidden': 'true' });
    this.#root.append(frame);
    this.#printFrame = frame;
    const doc = frame.contentDocument;
    const win = frame.contentWindow;
    doc.documentElement.lang = (this.getAttribute('lang') || 'fr').trim().toLowerCase().startsWith('en') ? 'en' : 'fr';
    doc.title = `${data.lever} — ${data.motion}`;
    if ('adoptedStyleSheets' in doc && typeof win.CSSStyleSheet?.prototype?.replaceSync === 'function') {
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(PRINT_CSS);
      doc.adoptedStyleSheets = [sheet];
    } else {
      doc.head.append(elIn(doc, 'style', { text: PRINT_CSS }));
    }
    doc.body.replaceChildren(...this.#printView(doc, data, t));
    const go = this.dispatchEvent(new CustomEvent('carte-mentale-print', {
      detail: data.leverId, bubbles: true, composed: true, cancelable: true,
    }));
    if (go) win.print();
    return true;
  }

  /** The print view's content, built in `doc`. */
  #printView(doc, data, t) {
    const e = (tag, attrs, ...children) => elIn(doc, tag, attrs, ...children);
    const header = e('header', {},
      e('p', { class: 'kicker', text: t.printMotion }),
      e('p', { class: 'motion', text: data.motion }),
      e('p', { class: 'kicker', text: t.axis }),
      e('p', { class: 'axis', text: data.axis }),
      e('p', { class: 'kicker', text: t.printLever }),
      e('h1', { text: data.lever }));
    const description = (data.description || '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
      .map((p) => e('p', { class: 'description', text: p }));
    const list = e('ol', { class: 'contributions' });
    for (const c of data.contributions) {
      const dl = e('dl');
      const row = (k, v) => { if (v) dl.append(e('dt', { text: k }), e('dd', { text: String(v) })); };
      row(t.author, c.author);
      row(t.printRole, c.role);
      row(t.collectivity, [c.collectivity, c.department ? t.department(c.department) : null].filter(Boolean).join(' '));
      row(t.year, c.year);
      if (c.label) row(t.label, `${'@'.repeat(c.label)} (${t.arobases(c.label)})`);
      const item = e('li', { class: 'contribution' }, e('blockquote', { text: c.text }), dl);
      const links = (c.links ?? []).filter((l) => httpHref(l.href));
      if (links.length) {
        const ul = e('ul', { class: 'links' });
        for (const l of links) {
          const href = l.href.trim();
          const a = e('a', { href, rel: 'noopener noreferrer nofollow', text: l.text || href });
          ul.append(e('li', {}, a, l.text && l.text !== href ? e('span', { text: ` (${href})` }) : null));
        }
        item.append(e('p', { class: 'kicker', text: t.links }), ul);
      }
      list.append(item);
    }
    return [
      header,
      ...description,
      e('p', { class: 'count', text: t.contributions(data.contributions.length) }),
      list,
      e('footer', { text: t.printSource(data.motion) }),
    ];
  }

  /** The toolbar's « Exporter » button and its menu. */
  #buildExport() {
    const button = el('button', { type: 'button', text: '⤓', 'aria-haspopup': 'menu', 'aria-expanded': 'false' });
    const item = (action) => el('button', { type: 'button', role: 'menuitem', tabindex: '-1', 'data-export': action });
    const items = { png: item('png'), svg: item('svg'), csv: item('csv'), print: item('print') };
    const menu = el('div', { class: 'export-menu', role: 'menu', hidden: '' }, items.png, items.svg, items.csv, items.print);
    const box = el('div', { class: 'export' }, button, menu);
    this.#parts.toolbar.append(box);
    this.#exportParts = { box, button, menu, items };
    const enabled = () => Object.values(items).filter((b) => !b.disabled);
    const focusItem = (delta, from) => {
      const list = enabled();
      if (!list.length) return;
      const i = list.indexOf(from);
      const next = delta === 'first' ? 0 : delta === 'last' ? list.length - 1 : (i + delta + list.length) % list.length;
      list[next].focus();
    };
    button.addEventListener('click', () => (menu.hidden ? this.#openExportMenu(false) : this.#closeExportMenu(false)));
    button.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        this.#openExportMenu(false);
        focusItem(ev.key === 'ArrowDown' ? 'first' : 'last');
      }
    });
    // Enter or Space on the button is a click with detail 0: focus goes into the menu.
    button.addEventListener('click', (ev) => { if (ev.detail === 0 && !menu.hidden) focusItem('first'); });
    menu.addEventListener('keydown', (ev) => {
      const keys = { ArrowDown: 1, ArrowUp: -1, Home: 'first', End: 'last' };
      if (ev.key in keys) {
        ev.preventDefault();
        focusItem(keys[ev.key], ev.target);
      } else if (ev.key === 'Tab') {
        this.#closeExportMenu(false);
      }
    });
    // Escape, on the button or in the menu, closes the menu only (not the panel).
    box.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && !menu.hidden) {
        ev.preventDefault();
        ev.stopPropagation();
        this.#closeExportMenu(true);
      }
    });
    // A press anywhere else in the element closes it (focusout does when the button had focus).
    this.#root.addEventListener('pointerdown', (ev) => {
      if (!menu.hidden && !box.contains(ev.target)) this.#closeExportMenu(false);
    });
    box.addEventListener('focusout', (ev) => {
      if (!menu.hidden && !box.contains(ev.relatedTarget)) this.#closeExportMenu(false);
    });
    menu.addEventListener('click', (ev) => {
      const target = ev.target.closest?.('[data-export]');
      if (!target || target.disabled) return;
      this.#closeExportMenu(true);
      this.#runExport(target.dataset.export);
    });
  }

  #applyExportText() {
    if (!this.#exportParts) return;
    const t = this.#t;
    const { button, items } = this.#exportParts;
    button.setAttribute('aria-label', t.exportMenu);
    button.title = t.exportMenu;
    items.png.textContent = t.exportPng;
    items.svg.textContent = t.exportSvg;
    items.csv.textContent = t.exportCsv;
    items.print.textContent = t.exportPrint;
    items.print.title = items.print.disabled ? t.exportPrintNeeds : '';
  }

  #openExportMenu() {
    const { button, menu, items } = this.#exportParts;
    items.print.disabled = !this.#map?.printableLever();
    this.#applyExportText();
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
  }

  #closeExportMenu(refocus) {
    const { button, menu } = this.#exportParts;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (refocus) button.focus();
  }

  async #runExport(action) {
    const map = this.#map;
    if (!map) return;
    try {
      if (action === 'print') {
        this.printLever();
        return;
      }
      const name = map.exportFileName(action);
      const blob = await (action === 'png' ? this.exportPng() : action === 'svg' ? this.exportSvg() : this.exportCsv());
      if (!blob) throw new Error('empty export');
      const url = URL.createObjectURL(blob);
      const a = el('a', { href: url, download: name, hidden: '' });
      this.#root.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      console.warn(this.#t.exportFailed, err);
    }
  }
}

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
