// The canvas the handle draws in, and how the map fits the element: the canvas's size, the
// room the controls leave it (below the search bar, beside the detail panel or above its sheet,
// beside the outline), the zoom the `zoom` attribute asks for, reduced motion, and the
// keyboard's focus ring (shown when the keyboard brings the focus, not after a click). It
// reads the controls' geometry and tells the handle; it keeps no copy of the map's state.

import { el } from './dom.js';

export class MapView {
  /** `host`: the element (its `zoom` attribute); `map()`: the handle now, or null. */
  constructor(host, map) {
    this.host = host;
    this.map = map;
    this.canvas = null;
    this.reducedMotion = false;
    this.zoomPending = false;
    this.pointerFocus = false;
  }

  /** The canvas, made once (a crash replaces it: `replaceCanvas`). */
  build() {
    this.canvas = el('canvas', { tabindex: '0', role: 'img' });
    this.#wire(this.canvas);
    return this.canvas;
  }

  /** The controls whose room the map leaves: the bar along the top, the detail panel, the outline. */
  place(topbar, panel, outline) {
    Object.assign(this, { topbar, panel, outline });
  }

  /** The canvas's name: the motion's once a map is shown. */
  applyText(t, title) {
    this.canvas.setAttribute('aria-label', this.map() ? t.mapLabel(title) : t.canvas);
  }

  /** The keyboard's node is ringed on the map while the map (or the outline) has the keyboard; a click focuses the map without the ring. */
  #wire(canvas) {
    canvas.addEventListener('pointerdown', () => { this.pointerFocus = true; }, { capture: true });
    canvas.addEventListener('focus', () => {
      this.map()?.setFocusVisible(!this.pointerFocus);
      this.pointerFocus = false;
    });
    canvas.addEventListener('blur', () => { this.pointerFocus = false; this.map()?.setFocusVisible(false); });
  }

  /** A fresh canvas in place of the old one (after a crash: the old one's handle is gone). */
  replaceCanvas() {
    const fresh = this.canvas.cloneNode(false);
    this.canvas.replaceWith(fresh);
    this.canvas = fresh;
    this.#wire(fresh);
    return fresh;
  }

  /**
   * A new handle on the canvas: the visitor's reduced-motion choice, and the canvas's size.
   * From now on the search bar's room follows the bar's size (its words wrap on a narrow
   * element, another language, a count of filters): read after a layout that changed it,
   * never forcing one (the load's first room is `presetInset`'s).
   */
  prepare(map) {
    this.reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
    map.setReducedMotion(this.reducedMotion);
    const rect = this.canvas.getBoundingClientRect();
    map.resize(rect.width, rect.height, devicePixelRatio || 1);
    if (!this.barSize && typeof ResizeObserver === 'function') {
      this.barSize = new ResizeObserver(() => this.updateInset());
      this.barSize.observe(this.topbar);
    }
  }

  /** The handle is gone: the bar is no longer watched. */
  release() {
    this.barSize?.disconnect();
    this.barSize = null;
  }

  /** The map refits beside an open panel (or above the sheet) and the outline, and back when they close. */
  updatePanelInsets() {
    const map = this.map();
    if (!map) return;
    const { panel, outline } = this;
    // Read only when a side panel is open: a read forces a layout.
    const c = () => this.canvas.getBoundingClientRect();
    let right = 0;
    let bottom = 0;
    let left = 0;
    if (panel.open) {
      if (panel.isSheet) bottom = panel.sheetCovers;
      else right = Math.max(0, c().right - panel.panel.getBoundingClientRect().left + 8);
    }
    if (outline.isOpen && !panel.isSheet) left = Math.max(0, outline.nav.getBoundingClientRect().right - c().left + 8);
    map.setPanelInsets(right, bottom, left);
  }

  /**
   * `zoom="2"`: the initial zoom, relative to the whole map fitted in the element (1). At load
   * the camera jumps there; a later change animates. Waits until the element has a size (a map
   * in a collapsed tab is fitted when the tab opens).
   */
  applyZoom(initial) {
    const map = this.map();
    if (!map) return;
    const factor = Number.parseFloat(this.host.getAttribute('zoom') ?? '');
    // No zoom asked: the first fit stays, and the canvas's size is not read (a read forces a
    // layout, here between the map's load and its first frame).
    if (initial && !(factor > 0 && factor !== 1)) {
      this.zoomPending = false;
      return;
    }
    const rect = this.canvas.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) {
      this.zoomPending = true;
      return;
    }
    this.zoomPending = false;
    if (initial) map.setReducedMotion(true);
    map.fit();
    if (Number.isFinite(factor) && factor > 0 && factor !== 1) map.zoomBy(factor);
    if (initial) map.setReducedMotion(this.reducedMotion);
  }

  /** Fitting the map keeps it below the search bar. */
  updateInset() {
    const map = this.map();
    if (!map || this.topbar.hidden) return;
    const room = this.#topRoom();
    if (room > 0) map.setTopInset(room);
  }

  /** Before a load: the search bar's room, read while the bar shows for a moment (no frame is painted in between), so the map is fitted once, below it. */
  presetInset(map) {
    const { topbar } = this;
    const hidden = topbar.hidden;
    topbar.hidden = false;
    const room = this.#topRoom();
    topbar.hidden = hidden;
    if (room > 0) map.setTopInset(room);
  }

  /** CSS pixels of the canvas's top the search bar covers, with a small margin (0: none). */
  #topRoom() {
    const top = this.canvas.getBoundingClientRect().top;
    const bottom = this.topbar.getBoundingClientRect().bottom;
    return bottom > top ? bottom - top + 4 : 0;
  }

  /** The element was resized: the handle, the top inset, the panel's sheet, and a zoom that waited for a size. */
  sizeChanged() {
    const map = this.map();
    if (!map) return;
    const rect = this.canvas.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0) {
      map.resize(rect.width, rect.height, devicePixelRatio || 1);
      this.updateInset();
      this.panel.syncSheet();
      if (this.zoomPending) this.applyZoom(true);
    }
  }
}
