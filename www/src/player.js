// The player behind one <carte-mentale>: it owns the wasm handle and the load status, builds
// the UI parts once, and renders through every part (`sync`) the snapshot the map pushes after
// each change (its `change` event). The parts keep no copy of the map's state; they ask the
// player to act.

import { el, fire } from './dom.js';
import { DataError, fetchData } from './fetch.js';
import { Outputs } from './exports.js';
import { converterFor, loadExporter, loadWasm, onTrap, toJson, WasmError } from './loader.js';
import { adoptStyles } from './styles.js';
import { DetailPanel } from './ui/detail-panel.js';
import { Diagnostics } from './ui/diagnostics.js';
import { ExportMenu } from './ui/export-menu.js';
import { FilterSheet } from './ui/filter-sheet.js';
import { OutlineTree } from './ui/outline-tree.js';
import { PrintView } from './ui/print-view.js';
import { SearchBar } from './ui/search-bar.js';
import { StatusBox } from './ui/status.js';
import { Toolbar } from './ui/toolbar.js';
import { UrlSync } from './ui/url-sync.js';
import { MapView } from './view.js';
import { describeNode } from './i18n.js';

export class Player {
  /** The snapshot the map pushed last and not rendered yet, and the one the parts show. */
  #pending = null;
  #shown = null;

  /** `host`: the element (attributes, events, its shadow root `root`); `text()`: its strings now. */
  constructor(host, root, text) {
    this.host = host;
    this.root = root;
    this.text = text;
    this.map = null;
    this.generation = 0;
    this.title = '';
    this.motionId = '';
    this.syncQueued = false;
    this.#build();
  }

  #build() {
    const { root, host } = this;
    adoptStyles(root);
    this.view = new MapView(host, () => this.map);
    const canvas = this.view.build();
    const act = (f) => (...args) => (this.map ? f(this.map, ...args) : null);
    this.toolbar = new Toolbar({ zoomIn: act((m) => m.zoomIn()), zoomOut: act((m) => m.zoomOut()), fit: act((m) => m.fit()) });
    this.search = new SearchBar({
      search: act((m, q) => { m.search(q); this.url.write(false); return this.sync(); }),
      step: act((m, forward) => (m.stepHit(forward) ? this.sync() : null)),
      goTo: act((m, k) => (m.goToHit(k) ? this.sync() : null)),
      announce: (text) => this.announce(text),
      focusMap: () => canvas.focus(),
    });
    this.filters = new FilterSheet({
      setFilters: act((m, f) => { m.setFilters(f); this.url.write(false); return this.sync(); }),
      facets: act((m) => m.facets()),
      announce: (text) => this.announce(text),
      opened: () => this.outline.hide(false),
    });
    this.outline = new OutlineTree({
      outline: act((m) => m.outline()),
      toggle: act((m, id) => m.toggle(id)),
      activate: act((m, id, toggle) => {
        if (toggle) m.toggle(id);
        this.select(id);
        m.zoomTo(id);
      }),
      focusNode: act((m, id) => m.focusNode(id)),
      focusVisible: act((m, on) => m.setFocusVisible(on)),
      opened: () => { this.filters.hide(false); this.view.updatePanelInsets(); },
      closed: () => this.view.updatePanelInsets(),
    });
    this.panel = new DetailPanel({
      close: () => { this.select(null); canvas.focus(); },
      toggle: act((m, id) => { m.toggle(id); this.sync(); }),
      leverList: act((m, id, sort) => m.leverList(id, sort)),
      summary: act((m, id) => m.summary(id)),
      preview: act((m, id) => m.preview(id ?? undefined)),
      cite: (id, lever) => this.outputs.copyCitation(id, lever),
      bar: (field, value, filters) => this.onBar(field, value, filters),
      focusMap: () => canvas.focus(),
      frameHeight: () => this.host.getBoundingClientRect().height,
      coverChanged: () => this.view.updatePanelInsets(),
    });
    this.exports = new ExportMenu({ printable: act((m) => !!m.printableLever()), run: (action) => this.outputs.run(action) });
    this.print = new PrintView();
    this.outputs = new Outputs({
      host, root, map: () => this.map, source: () => this.source, text: () => this.text(), urlKey: () => this.urlKey, print: this.print,
      exporter: loadExporter,
    });
    this.url = new UrlSync({
      write: (fragment) => this.map?.writeFragment(fragment, this.urlKey) ?? null,
      apply: (fragment) => this.map?.applyFragment(fragment, this.urlKey) ?? false,
      restored: () => { this.sync(); },
    });
    this.status = new StatusBox();
    this.diagnostics = new Diagnostics();
    const toolbar = this.toolbar.build();
    toolbar.append(this.exports.build(root));
    const topbar = el('div', { class: 'topbar', role: 'search', hidden: '' },
      this.search.build(), this.search.prev, this.search.next);
    const filters = this.filters.build();
    const outline = this.outline.build();
    topbar.append(this.filters.toggle, this.outline.toggle);
    const live = el('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    root.append(el('div', { class: 'frame' }, canvas, topbar, toolbar, outline, filters, this.toolbar.hint,
      this.diagnostics.build(), this.panel.build(), this.status.build(), live));
    Object.assign(this, { topbar, live });
    this.view.place(topbar, this.panel, this.outline);
    host.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.panel.open) {
        this.select(null);
        e.preventDefault();
      }
    });
    this.applyText();
  }

  /** The canvas the handle draws in (a crash replaces it). */
  get canvas() { return this.view.canvas; }

  /**
   * The wasm instance trapped (a panic): this map stops in a defined state. Its handle drops its
   * DOM listeners first thing in `destroy` (the rest may fail, its state being borrowed), its
   * frame loop cannot run again, its canvas is replaced, and the French message is shown.
   */
  crash() {
    const map = this.map;
    if (!map) return;
    this.offTrap?.();
    this.map = null;
    this.generation++;
    try { map.destroy(); } catch { /* the state is borrowed: the listeners are gone already */ }
    try { map.free(); } catch { /* idem */ }
    this.view.replaceCanvas();
    this.view.release();
    this.url.stop();
    this.search.destroy();
    this.toolbar.destroy();
    this.outline.clear();
    this.panel.render(null);
    this.diagnostics.show([]);
    const result = this.#fail((t) => t.crashed);
    fire(this.host, 'carte-mentale-error', result);
  }

  /** This map's name in the URL fragment: the element's id, else the motion's. */
  get urlKey() { return this.host.id || this.motionId || 'carte'; }

  /** Writes every part's strings in the element's language (again when `lang` changes). */
  applyText() {
    const t = this.text();
    this.view.applyText(t, this.title);
    this.map?.setGroupText(t.groupOne, t.groupMany);
    // Each landmark names the motion (and, with several maps on the page, which one), so that
    // landmarks stay distinct.
    const maps = [...document.querySelectorAll('carte-mentale')];
    const name = maps.length > 1 ? t.nthMap(this.title || t.canvas, maps.indexOf(this.host) + 1) : this.title || t.canvas;
    for (const [node, text] of [[this.topbar, t.searchLandmark], [this.filters.sheet, t.filtersLandmark],
      [this.outline.nav, t.outlineLandmark], [this.panel.panel, t.panelLandmark], [this.diagnostics.sheet, t.diagnosticsLandmark]]) {
      node.removeAttribute('aria-labelledby');
      node.setAttribute('aria-label', text(name));
    }
    this.toolbar.applyText(t);
    this.exports.applyText(t);
    this.search.applyText(t);
    this.outline.applyText(t, this.title);
    this.panel.applyText(t);
    this.status.applyText(t);
    this.diagnostics.applyText(t);
    this.#showControls();
    if (this.map) {
      this.filters.applyText(t);
      this.sync(true);
    } else {
      this.filters.t = t;
      this.filters.toggle.textContent = t.filters;
    }
  }

  /**
   * Renders through every part the snapshot the map pushed last, if not rendered yet (`again`:
   * the one shown too, after a change of language). Returns the snapshot shown (null without
   * a map).
   */
  sync(again = false) {
    if (!this.map) return null;
    const s = this.#pending ?? (again ? this.#shown : null);
    if (s) {
      this.#pending = null;
      this.#shown = s;
      for (const part of [this.search, this.filters, this.outline, this.panel, this.exports]) part.sync(s);
    }
    return this.#shown;
  }

  /** The map pushed a snapshot (during one of its calls): rendered once that call returns. */
  #pushed(snapshot) {
    this.#pending = snapshot;
    this.#queueSync();
  }

  /** One render for the pushes of one call of the handle. */
  #queueSync() {
    if (this.syncQueued) return;
    this.syncQueued = true;
    queueMicrotask(() => {
      this.syncQueued = false;
      this.sync();
    });
  }

  /** The map's own events: what changed inside the handle (a click, a key, a link restored). */
  #onMapEvent(type, detail) {
    if (type === 'select') {
      this.url.write(true);
      fire(this.host, 'carte-mentale-select', detail);
    } else if (type === 'toggle') {
      this.url.write(false);
    } else if (type === 'focus') {
      if (detail && this.root.activeElement === this.canvas) this.announce(this.describe(detail));
    } else if (type === 'wheelhint') {
      this.toolbar.showHint();
    }
  }

  /** Selects a node by id (or null) and opens its panel. */
  select(id) {
    if (!this.map) return false;
    const found = this.map.select(id ?? undefined);
    this.sync();
    return found;
  }

  /** Opens a lever (the `lever` attribute): unfolded and selected. */
  openLever(id) {
    const d = this.map?.detail(id);
    if (!d) return;
    if (d.kind === 'lever' && !d.unfolded) this.map.toggle(id);
    this.select(id);
  }

  /** A chart's bar: a lever opens; a department, label or year filter is toggled. */
  onBar(field, value, filters) {
    if (!this.map) return;
    if (!field) {
      this.openLever(value);
      return;
    }
    const f = { ...(filters ?? {}) };
    const v = field === 'departments' ? value : Number(value);
    const list = (f[field] ?? []).filter((x) => x !== v);
    f[field] = list.length === (f[field] ?? []).length ? [...list, v] : list;
    this.filters.actions.setFilters(f);
  }

  /** Says something to screen readers (the polite live region). */
  announce(text) {
    const { live } = this;
    live.textContent = '';
    setTimeout(() => { live.textContent = text; }, 40);
  }

  /** « Levier : titre. 3 contributions, replié. » for the node the keyboard is on. */
  describe(id) {
    const d = this.map?.detail(id);
    if (!d) return '';
    return describeNode(this.text(), d, d.kind === 'contribution' ? this.outline.data.find((x) => x.id === id) : null);
  }

  #setStatus(state, message = null, items = null) {
    this.status.set(state, message, items);
    this.host.dataset.state = state;
    this.#showControls();
  }

  /**
   * The controls show with the map only. While it loads, the toolbar and the search bar are
   * laid out already, but invisible (`.pending`: neither seen, focused, clicked nor read): the
   * browser lays them out, their glyphs' fonts found, while the wasm downloads, instead of
   * between the last byte and the first frame.
   */
  #showControls() {
    const { state } = this.status.state;
    const ready = state === 'ready';
    for (const bar of [this.toolbar.bar, this.topbar]) {
      bar.hidden = !ready && state !== 'loading';
      bar.classList.toggle('pending', !ready);
    }
    this.outline.nav.hidden = !ready;
    this.diagnostics.box.hidden = !ready;
    if (!ready) this.filters.sheet.hidden = true;
    this.status.render(this.host.childElementCount > 0);
  }

  /** Loads (again) what the attributes name. Resolves with the load's result, or an error's detail. */
  async load() {
    const generation = ++this.generation;
    const { host } = this;
    this.unload();
    this.#setStatus('loading');
    const src = host.getAttribute('src');
    if (!src) return this.#fail((t) => t.noSrc);
    const tableSrc = host.getAttribute('contributions');
    let glue;
    let data;
    let converter;
    try {
      [glue, data] = await Promise.all([loadWasm(), fetchData(src, tableSrc, this.text())]);
      if (generation !== this.generation) return null;
      converter = await converterFor(glue, src, data);
    } catch (err) {
      if (generation !== this.generation) return null;
      if (err instanceof DataError) return this.#fail(err.text);
      if (!(err instanceof WasmError)) return this.#fail((t) => t.network(src));
      if (err.cause) console.error(err.cause);
      return this.#fail((t) => t[err.key]);
    }
    if (generation !== this.generation) return null;
    try {
      return this.#start(glue, src, data, toJson(converter, src, data));
    } catch (err) {
      console.error(err);
      return this.#fail((t) => t.crashed);
    }
  }

  #start(glue, src, { warnings }, { text, name, converted }) {
    if (converted && !converted.ok) return this.#invalid(src, converted);
    const map = new glue.CarteMentale(this.canvas);
    this.view.prepare(map);
    this.view.presetInset(map);
    const result = map.load(text, name);
    if (!result.ok) {
      map.destroy();
      map.free();
      return this.#invalid(src, result);
    }
    result.diagnostics = [...warnings, ...(converted?.diagnostics ?? []), ...(result.diagnostics ?? [])];
    this.map = map;
    // What the map read: the SVG, the CSV and the print view are written from it (`exports.js`).
    this.source = { text, name };
    this.#pending = this.#shown = null;
    // Events arrive while the map is inside one of its own calls: handle them once it has
    // returned (the handlers call the map back). The first snapshot comes at once.
    map.setListener((type, detail) => {
      if (this.map !== map) return;
      if (type === 'change') this.#pushed(detail);
      else queueMicrotask(() => { if (this.map === map) this.#onMapEvent(type, detail); });
    });
    this.offTrap = onTrap(() => this.crash());
    this.title = result.title;
    this.motionId = result.id;
    this.search.query.value = '';
    this.#setStatus('ready');
    // Staff see what was set aside or corrected; the map shows anyway.
    this.diagnostics.show(result.diagnostics.filter((d) => d.severity !== 'error'));
    this.outline.snapshot = null;
    this.outline.rebuild();
    this.applyText();
    this.view.applyZoom(true);
    // A link to a view of this map wins over the lever attribute.
    const restored = this.url.restore();
    const lever = this.host.getAttribute('lever');
    if (lever && !restored) this.openLever(lever);
    this.url.start();
    return result;
  }

  /** A load (or conversion) with errors: the first five, and how many more. */
  #invalid(src, result) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const shown = errors.slice(0, 5).map((d) => d.text);
    const more = errors.length - shown.length;
    const file = errors[0]?.file || src;
    return this.#fail((t) => t.invalid(file), (t) => (more > 0 ? [...shown, t.more(more)] : shown), result);
  }

  /** Shows an error inside the element: `message(t)` and `items(t)` give its text in a language. */
  #fail(message, items = () => [], result = null) {
    this.#setStatus('error', message, items);
    const t = this.text();
    return { ok: false, messages: [message(t), ...items(t)], diagnostics: result?.diagnostics ?? [] };
  }

  /** Frees the handle (its listeners and frame loop go with it) and forgets the map. */
  unload() {
    this.url.stop();
    this.search.destroy();
    this.toolbar.destroy();
    this.print.remove();
    this.view.release();
    if (this.map) {
      this.offTrap?.();
      this.map.destroy();
      this.map.free();
      this.map = null;
    }
    this.source = null;
    this.#pending = this.#shown = null;
    this.outline.clear();
    this.panel.render(null);
    this.diagnostics.show([]);
  }

  /** The element left the page: nothing of this map runs any more. */
  stop() {
    this.generation++;
    this.unload();
  }
}
