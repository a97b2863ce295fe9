// The status box over the map: « Chargement… » while loading; the French message (and the
// errors found in the file) when the map cannot be shown, with the page's own outline (the
// element's children) below it; hidden when the map is ready.

import { el } from '../dom.js';

export class StatusBox {
  constructor() {
    this.t = null;
    this.state = { state: 'loading', message: null, items: null };
  }

  build() {
    this.box = el('div', { class: 'status', role: 'status' });
    return this.box;
  }

  applyText(t) {
    this.t = t;
    this.render();
  }

  /** `state`: loading, ready or error; `message(t)` and `items(t)` give the text in a language. */
  set(state, message = null, items = null) {
    this.state = { state, message, items };
    this.render();
  }

  get ready() { return this.state.state === 'ready'; }

  /** The page's own outline is shown under an error when `fallback` (the host has children). */
  render(fallback = this.fallback) {
    this.fallback = fallback;
    const { box, t } = this;
    if (!t) return;
    const { state, message, items: list } = this.state;
    box.className = state === 'error' ? 'status error' : 'status';
    box.setAttribute('role', state === 'error' ? 'alert' : 'status');
    box.replaceChildren();
    box.hidden = state === 'ready';
    if (state === 'ready') return;
    if (state === 'loading') box.append(el('p', { text: t.loading }));
    if (message) box.append(el('p', { text: message(t) }));
    const items = list ? list(t) : [];
    if (items.length) box.append(el('ul', {}, ...items.map((item) => el('li', { text: item }))));
    if (state === 'error' && fallback) box.append(el('div', { class: 'fallback' }, el('slot')));
  }
}
