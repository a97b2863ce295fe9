// <carte-mentale>: attributes, lifecycle and the public API only. Each element owns one
// Player (the wasm handle and the UI parts), built in its Shadow DOM when first connected;
// removing the element stops it (no listener, timer or frame loop is left behind).

import { fire } from './dom.js';
import { textFor } from './i18n.js';
import { Player } from './player.js';

export const VERSION = '0.1.0';

export class CarteMentaleElement extends HTMLElement {
  static observedAttributes = ['src', 'contributions', 'height', 'lever', 'zoom', 'lang'];

  #player = null;
  #resize = null;
  #visible = null;
  #ready = null;
  #resolveReady = null;

  constructor() {
    super();
    this.#ready = new Promise((resolve) => { this.#resolveReady = resolve; });
  }

  /** Resolves with `{ ok, … }` once the map is shown or an error is displayed. */
  get ready() { return this.#ready; }
  /** The underlying `CarteMentale` handle (null until loaded). */
  get map() { return this.#player?.map ?? null; }
  /** The version of carte-mentale (also in the path of the distributed bundle). */
  get version() { return VERSION; }
  static get version() { return VERSION; }

  connectedCallback() {
    this.#player ??= new Player(this, this.attachShadow({ mode: 'open' }), () => textFor(this.getAttribute('lang')));
    this.#applyHeight();
    this.#resize = new ResizeObserver(() => this.#player?.view.sizeChanged());
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
    this.#player?.stop();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    const player = this.#player;
    if (oldValue === newValue || !this.isConnected || !player) return;
    if (name === 'height') newValue === null ? this.style.removeProperty('height') : this.#applyHeight();
    else if ((name === 'src' || name === 'contributions') && !this.#visible) this.#load();
    else if (name === 'lever' && player.map && newValue) player.openLever(newValue);
    else if (name === 'zoom' && player.map) player.view.applyZoom(false);
    else if (name === 'lang') player.applyText();
  }

  /** `height="480"` (pixels) or any CSS length; otherwise the stylesheet's default. */
  #applyHeight() {
    const h = this.getAttribute('height');
    if (!h) return;
    this.style.height = /^\d+(\.\d+)?$/.test(h.trim()) ? `${h.trim()}px` : h;
  }

  /** Loads what the attributes name; `ready` resolves and an event says how it ended. */
  async #load() {
    const result = await this.#player.load();
    if (!result) return;
    this.#resolveReady(result);
    if (result.ok) fire(this, 'carte-mentale-ready', result);
    else fire(this, 'carte-mentale-error', result);
  }

  fit() { this.map?.fit(); }
  /** Centres the view on a node and zooms in to read it. */
  zoomTo(id) { return this.map?.zoomTo(id) ?? false; }
  zoomIn() { this.map?.zoomIn(); }
  zoomOut() { this.map?.zoomOut(); }
  /** Selects a node by id (or null) and opens its panel. */
  select(id) { return this.#player?.select(id) ?? false; }

  /** Searches the map as the search box does; returns `{ count, hits }`. */
  search(text) {
    const player = this.#player;
    if (!player?.map) return null;
    player.search.query.value = text ?? '';
    player.search.run();
    const s = player.sync();
    return { count: s.count, hits: s.hits };
  }

  /** Filters the contributions: `{ axes, years, departments, roles, labels }` (arrays). Returns `{ kept, total }`. */
  setFilters(filters) {
    if (!this.map) return null;
    return this.#player.filters.actions.setFilters(filters ?? null)?.filterCount ?? null;
  }

  /** Clears every filter (one click on « Effacer les filtres »). */
  clearFilters() { if (this.map) this.#player.filters.clearAll(); }

  /** The current view as a PNG at twice its CSS size: a promise of a Blob (null without a map). */
  exportPng() { return this.#player?.outputs.blob('png') ?? Promise.resolve(null); }
  /** The whole visible map as SVG: a promise of a Blob (null without a map). */
  exportSvg() { return this.#player?.outputs.blob('svg') ?? Promise.resolve(null); }
  /** The contributions behind the selection (all without one), filters applied: a promise of a CSV Blob. */
  exportCsv() { return this.#player?.outputs.blob('csv') ?? Promise.resolve(null); }

  /**
   * Prints a lever with all its contributions (default: the selected lever, or the lever of the
   * selected contribution), from a hidden frame. Fires `carte-mentale-print` (detail: the lever
   * id) first; a listener that calls preventDefault() keeps the frame but skips print().
   * Returns whether there was a lever to print.
   */
  printLever(id) { return this.#player?.outputs.printLever(id) ?? false; }
}
