// The zoom buttons (+, −, whole map) down the left side, the export menu's place below them,
// and the hint shown when the wheel turns without Ctrl (the page scrolls instead of zooming).

import { button, el, label } from '../dom.js';

/** How long the wheel hint stays (ms). */
const HINT_TIME = 1600;

export class Toolbar {
  /** `actions`: `zoomIn()`, `zoomOut()`, `fit()`. */
  constructor(actions) {
    this.actions = actions;
    this.hintTimer = 0;
  }

  build() {
    this.zoomIn = button({ text: '+' });
    this.zoomOut = button({ text: '−' });
    this.fit = button({ text: '⤢' });
    this.bar = el('div', { class: 'toolbar', hidden: '' }, this.zoomIn, this.zoomOut, this.fit);
    this.hint = el('div', { class: 'hint', hidden: '', role: 'note' });
    this.zoomIn.addEventListener('click', () => this.actions.zoomIn());
    this.zoomOut.addEventListener('click', () => this.actions.zoomOut());
    this.fit.addEventListener('click', () => this.actions.fit());
    return this.bar;
  }

  applyText(t) {
    label(this.zoomIn, t.zoomIn);
    label(this.zoomOut, t.zoomOut);
    label(this.fit, t.fit);
    this.hint.textContent = t.wheelHint;
  }

  sync() {}

  /** Ctrl (or ⌘) is needed to zoom with the wheel: says so for a moment. */
  showHint() {
    this.hint.hidden = false;
    clearTimeout(this.hintTimer);
    this.hintTimer = setTimeout(() => { this.hint.hidden = true; }, HINT_TIME);
  }

  destroy() {
    clearTimeout(this.hintTimer);
  }
}
