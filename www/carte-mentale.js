// carte-mentale — loader and <carte-mentale> custom element.
//
//   <script type="module" src="…/carte-mentale.js"></script>
//   <carte-mentale src="motion-2021.json"></carte-mentale>
//
// The WebAssembly module is found next to this script (import.meta.url), fetched and
// compiled once per page, and shared by every map. Each element owns one `CarteMentale`
// handle and destroys it when removed. Contribution text is untrusted: everything is
// written with textContent (never parsed as HTML), and only http(s)/mailto links are kept.

import init, { CarteMentale } from './pkg/carte_mentale.js';

export const VERSION = '0.1.0';

const TEXT = {
  loading: 'Chargement de la carte…',
  noSrc: 'Aucune donnée : indiquez le fichier de la motion dans l’attribut src.',
  notFound: (src, status) => `Impossible de charger la carte : le fichier « ${src} » est introuvable (erreur ${status}).`,
  network: (src) => `Impossible de charger la carte : le fichier « ${src} » n’a pas pu être téléchargé (réseau indisponible ?).`,
  invalid: (src) => `La carte ne peut pas être affichée : le fichier « ${src} » contient des erreurs.`,
  more: (n) => `… et ${n} autre${n > 1 ? 's' : ''} erreur${n > 1 ? 's' : ''}.`,
  noWasm: 'Votre navigateur ne peut pas afficher cette carte interactive (WebAssembly indisponible).',
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
  levers: 'Levier(s)',
  label: 'Label Villes Internet',
  arobases: (n) => `${n} arobase${n > 1 ? 's' : ''}`,
  department: (d) => `(${d})`,
  links: 'Liens',
};

let wasmReady = null;
/** Fetches and compiles the module once per page. */
function loadWasm() {
  if (!wasmReady) {
    if (typeof WebAssembly !== 'object') {
      wasmReady = Promise.reject(new Error('no-wasm'));
    } else {
      wasmReady = init({ module_or_path: new URL('./pkg/carte_mentale_bg.wasm', import.meta.url) });
    }
  }
  return wasmReady;
}

const CSS = `
:host { display: block; position: relative; height: 560px; min-height: 240px; contain: content;
  color: #1f2937; background: #fff; font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  border: 1px solid #d1d5db; border-radius: 8px; overflow: hidden; box-sizing: border-box; text-align: left; }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.frame { position: absolute; inset: 0; }
canvas { display: block; width: 100%; height: 100%; touch-action: none; outline: none; cursor: grab; }
canvas:active { cursor: grabbing; }
canvas:focus-visible { box-shadow: inset 0 0 0 3px #f59e0b; }
.toolbar { position: absolute; top: 8px; left: 8px; display: flex; flex-direction: column; gap: 4px; }
button { font: inherit; color: inherit; margin: 0; }
.toolbar button { width: 36px; height: 36px; border: 1px solid #9ca3af; border-radius: 6px; background: #fff;
  font-size: 20px; line-height: 1; cursor: pointer; padding: 0; }
.toolbar button:hover { background: #f3f4f6; }
button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
.hint { position: absolute; left: 50%; bottom: 16px; transform: translateX(-50%); max-width: 90%;
  background: rgba(17, 24, 39, .88); color: #fff; padding: 8px 14px; border-radius: 6px; font-size: 14px;
  pointer-events: none; }
.status { position: absolute; inset: 0; display: flex; flex-direction: column; justify-content: center;
  align-items: center; gap: 6px; padding: 24px; text-align: center; background: #fff; }
.status.error { color: #991b1b; align-items: stretch; }
.status.error p { margin: 0; font-weight: 600; }
.status ul { margin: 4px 0 0; padding-left: 1.2em; text-align: left; font-size: 14px; color: #1f2937; }
.panel { position: absolute; top: 8px; right: 8px; bottom: 8px; width: min(380px, calc(100% - 64px));
  overflow: auto; background: #fff; border: 1px solid #d1d5db; border-radius: 8px; padding: 14px 16px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .14); }
.panel .close { position: absolute; top: 6px; right: 6px; width: 32px; height: 32px; border: 0;
  background: transparent; font-size: 22px; cursor: pointer; border-radius: 6px; }
.panel .close:hover { background: #f3f4f6; }
.kicker { margin: 0 36px 4px 0; color: #1d4ed8; font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; }
.panel h2 { margin: 0 0 8px; font-size: 17px; line-height: 1.3; }
.panel blockquote { margin: 0 0 10px; font-size: 15px; }
.panel p { margin: 0 0 8px; }
.panel dl { margin: 8px 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; font-size: 14px; }
.panel dt { font-weight: 600; color: #4b5563; }
.panel dd { margin: 0; }
.panel .toggle { border: 1px solid currentColor; border-radius: 6px; background: #fff; padding: 4px 10px; cursor: pointer; }
.panel a { color: #1d4ed8; }
@media (max-width: 520px) {
  .panel { top: auto; left: 8px; right: 8px; width: auto; max-height: 55%; }
}
@media print {
  .toolbar, .hint { display: none; }
}
`;

let sheet = null;
function styles(root) {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS;
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
  static observedAttributes = ['src', 'height', 'lever'];

  #root = null;
  #parts = null;
  #map = null;
  #resize = null;
  #visible = null;
  #generation = 0;
  #hintTimer = 0;
  #ready = null;
  #resolveReady = null;

  constructor() {
    super();
    this.#ready = new Promise((resolve) => { this.#resolveReady = resolve; });
  }

  /** Resolves with `{ ok, … }` once the map is shown or an error is displayed. */
  get ready() { return this.#ready; }
  /** The underlying `CarteMentale` handle (null until loaded). */
  get map() { return this.#map; }

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
    if (name === 'height') this.#applyHeight();
    else if (name === 'src' && !this.#visible) this.#load();
    else if (name === 'lever' && this.#map && newValue) this.#openLever(newValue);
  }

  /** `height="480"` (pixels) or any CSS length; otherwise the stylesheet's default. */
  #applyHeight() {
    const h = this.getAttribute('height');
    if (!h) return;
    this.style.height = /^\d+(\.\d+)?$/.test(h.trim()) ? `${h.trim()}px` : h;
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
    const canvas = el('canvas', { tabindex: '0', role: 'img', 'aria-label': 'Carte mentale' });
    const zoomIn = el('button', { type: 'button', 'aria-label': TEXT.zoomIn, title: TEXT.zoomIn, text: '+' });
    const zoomOut = el('button', { type: 'button', 'aria-label': TEXT.zoomOut, title: TEXT.zoomOut, text: '−' });
    const fit = el('button', { type: 'button', 'aria-label': TEXT.fit, title: TEXT.fit, text: '⤢' });
    const toolbar = el('div', { class: 'toolbar', hidden: '' }, zoomIn, zoomOut, fit);
    const hint = el('div', { class: 'hint', hidden: '', role: 'note', text: TEXT.wheelHint });
    const close = el('button', { type: 'button', class: 'close', 'aria-label': TEXT.close, title: TEXT.close, text: '×' });
    const body = el('div', { class: 'body' });
    const panel = el('aside', { class: 'panel', hidden: '', 'aria-live': 'polite' }, close, body);
    const status = el('div', { class: 'status', role: 'status' }, el('p', { text: TEXT.loading }));
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
    this.#parts = { canvas, toolbar, hint, panel, body, status };
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
    if (!src) return this.#fail([TEXT.noSrc]);
    let text;
    try {
      const [, response] = await Promise.all([
        loadWasm(),
        fetch(new URL(src, document.baseURI), { credentials: 'same-origin' }).catch(() => null),
      ]);
      if (generation !== this.#generation) return;
      if (!response) return this.#fail([TEXT.network(src)]);
      if (!response.ok) return this.#fail([TEXT.notFound(src, response.status)]);
      text = await response.text();
    } catch (err) {
      if (generation !== this.#generation) return;
      return this.#fail([TEXT.noWasm]);
    }
    if (generation !== this.#generation) return;
    try {
      const map = new CarteMentale(this.#parts.canvas);
      map.setReducedMotion(matchMedia('(prefers-reduced-motion: reduce)').matches);
      const rect = this.#parts.canvas.getBoundingClientRect();
      map.resize(rect.width, rect.height, devicePixelRatio || 1);
      const result = map.load(text, src);
      if (!result.ok) {
        map.destroy();
        map.free();
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        const shown = errors.slice(0, 5).map((d) => d.text);
        if (errors.length > 5) shown.push(TEXT.more(errors.length - 5));
        return this.#fail([TEXT.invalid(src)], shown, result);
      }
      map.setListener((type, detail) => this.#onMapEvent(type, detail));
      this.#map = map;
      this.#parts.canvas.setAttribute('aria-label', TEXT.mapLabel(result.title));
      this.#setStatus('ready');
      const lever = this.getAttribute('lever');
      if (lever) this.#openLever(lever);
      this.#resolveReady(result);
      this.dispatchEvent(new CustomEvent('carte-mentale-ready', { detail: result, bubbles: true, composed: true }));
    } catch (err) {
      console.error(err);
      this.#fail([TEXT.crashed]);
    }
  }

  #fail(lines, items = [], result = null) {
    this.#setStatus('error', lines, items);
    const detail = { ok: false, messages: [...lines, ...items], diagnostics: result?.diagnostics ?? [] };
    this.#resolveReady(detail);
    this.dispatchEvent(new CustomEvent('carte-mentale-error', { detail, bubbles: true, composed: true }));
  }

  #setStatus(state, lines = [], items = []) {
    const { status, toolbar } = this.#parts;
    this.dataset.state = state;
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
    if (state === 'loading') status.append(el('p', { text: TEXT.loading }));
    for (const line of lines) status.append(el('p', { text: line }));
    if (items.length) status.append(el('ul', {}, ...items.map((t) => el('li', { text: t }))));
  }

  #sizeChanged() {
    if (!this.#map) return;
    const rect = this.#parts.canvas.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0) this.#map.resize(rect.width, rect.height, devicePixelRatio || 1);
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
    const kicker = el('p', { class: 'kicker', text: TEXT.kinds[d.kind] ?? '' });
    body.append(kicker);
    if (d.kind === 'contribution') {
      body.append(el('blockquote', { text: d.text ?? d.title }));
      const who = [d.author, d.role].filter(Boolean).join(', ');
      const where = [d.collectivity, d.department ? TEXT.department(d.department) : null].filter(Boolean).join(' ');
      const dl = el('dl');
      const row = (k, v) => { if (v) dl.append(el('dt', { text: k }), el('dd', { text: String(v) })); };
      row('Auteur', who);
      row('Collectivité', where);
      row('Année', d.year);
      if (d.label) {
        const dd = el('dd', { text: '@'.repeat(d.label) });
        dd.setAttribute('aria-label', TEXT.arobases(d.label));
        dl.append(el('dt', { text: TEXT.label }), dd);
      }
      row(TEXT.axis, d.axis);
      row(TEXT.levers, (d.levers ?? []).join(' ; '));
      body.append(dl);
      const links = (d.links ?? []).filter((l) => safeHref(l.href));
      if (links.length) {
        const ul = el('ul');
        for (const l of links) {
          ul.append(el('li', {}, el('a', { href: l.href.trim(), rel: 'noopener noreferrer nofollow', target: '_blank', text: l.text || l.href })));
        }
        body.append(el('p', { text: TEXT.links }), ul);
      }
    } else {
      if (d.kind === 'lever' && d.axis) body.append(el('p', { class: 'kicker', text: `${TEXT.axis} : ${d.axis}` }));
      body.append(el('h2', { text: d.title }));
      body.append(...paragraphs(d.description));
      if (typeof d.count === 'number') body.append(el('p', { text: TEXT.contributions(d.count) }));
      if (d.kind === 'lever' && d.count > 0) {
        const toggle = el('button', { type: 'button', class: 'toggle', text: d.unfolded ? TEXT.hide : TEXT.show });
        toggle.addEventListener('click', () => {
          this.#map?.toggle(d.id);
          this.#showDetail(this.#map?.detail(d.id) ?? null);
        });
        body.append(toggle);
      }
    }
    panel.hidden = false;
  }
}

if (!customElements.get('carte-mentale')) customElements.define('carte-mentale', CarteMentaleElement);
