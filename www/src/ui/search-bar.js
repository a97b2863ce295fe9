// The search bar: the search box, the hit count, the list of hits under it and the previous /
// next buttons. Typing searches (after a short pause); Enter and the arrows step through the
// hits on the map. It renders the snapshot's query, hits and cursor; it keeps none of them.

import { button, el, label } from '../dom.js';

/** Pause after the last keystroke before searching (ms), and before announcing the count. */
const TYPING_PAUSE = 120;
const ANNOUNCE_PAUSE = 700;

export class SearchBar {
  /**
   * `actions`: `search(text)` and `step(forward)` / `goTo(k)` (each returns the snapshot after
   * it), `announce(text)`, `focusMap()`.
   */
  constructor(actions) {
    this.actions = actions;
    this.t = null;
    this.snapshot = null;
    this.listOpen = true;
    this.searchTimer = 0;
    this.announceTimer = 0;
    this.shown = '';
  }

  /** The search box and its list; `prev`, `next` join the top bar beside it. */
  build(ids = { results: 'cm-results', count: 'cm-count' }) {
    this.query = el('input', { type: 'search', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search',
      'aria-controls': ids.results, 'aria-describedby': ids.count });
    this.count = el('span', { class: 'count', id: ids.count });
    this.results = el('ul', { class: 'results', id: ids.results });
    this.box = el('div', { class: 'search' }, this.query, this.count, this.results);
    this.prev = button({ class: 'step', text: '↑', hidden: '' });
    this.next = button({ class: 'step', text: '↓', hidden: '' });
    const { query } = this;
    query.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.run(), TYPING_PAUSE);
    });
    query.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        clearTimeout(this.searchTimer);
        if (query.value !== this.snapshot?.query) this.run();
        this.step(e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey) ? false : true);
        e.preventDefault();
      } else if (e.key === 'Escape') {
        if (query.value) {
          query.value = '';
          this.run();
        } else {
          this.actions.focusMap();
        }
        e.preventDefault();
        e.stopPropagation();
      }
    });
    this.prev.addEventListener('click', () => this.step(false));
    this.next.addEventListener('click', () => this.step(true));
    this.results.addEventListener('click', (e) => {
      const b = e.target.closest?.('button[data-hit]');
      if (b) this.#moved(this.actions.goTo(Number(b.dataset.hit)));
    });
    return this.box;
  }

  applyText(t) {
    this.t = t;
    this.query.setAttribute('aria-label', t.search);
    this.query.placeholder = t.searchPlaceholder;
    this.results.setAttribute('aria-label', t.resultsList);
    label(this.prev, t.prevHit);
    label(this.next, t.nextHit);
    this.shown = '';
    if (this.snapshot) this.sync(this.snapshot);
  }

  /** Searches what the box holds, now. */
  run() {
    clearTimeout(this.searchTimer);
    const q = this.query.value;
    this.listOpen = true;
    const s = this.actions.search(q);
    clearTimeout(this.announceTimer);
    if (s && q.trim()) {
      this.announceTimer = setTimeout(() => this.actions.announce(this.t.resultsFor(s.count, q.trim())), ANNOUNCE_PAUSE);
    }
  }

  step(forward) {
    this.#moved(this.actions.step(forward));
  }

  /** After a step to a hit: the list steps aside so the map shows it; typing brings it back. */
  #moved(s) {
    if (!s || s.hit == null) return;
    clearTimeout(this.announceTimer);
    this.listOpen = false;
    this.sync(s);
    this.results.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
    const t = this.t;
    this.actions.announce(t.hitAnnounce(s.hit + 1, s.count, t.kinds[s.detail?.kind] ?? '', s.detail?.title ?? ''));
  }

  sync(s) {
    const before = this.snapshot?.query;
    this.snapshot = s;
    const t = this.t;
    if (!t) return;
    // When the map's query changed (a restored link), the box shows it; text being typed stays.
    if (s.query !== before && this.query.value !== s.query) this.query.value = s.query;
    const { results, count, prev, next } = this;
    const n = s.count;
    const active = s.query.trim() !== '';
    count.textContent = !active ? '' : s.hit != null ? t.resultOf(s.hit + 1, n) : t.results(n);
    prev.hidden = next.hidden = !active || n === 0;
    results.classList.toggle('has', active && this.listOpen);
    // The list is rebuilt only when what it shows changed.
    const key = `${s.query}\u0000${n}\u0000${s.hit}\u0000${s.hits.map((h) => h.id).join('\u0000')}`;
    if (key === this.shown) return;
    this.shown = key;
    results.replaceChildren();
    if (!active) return;
    if (n === 0) {
      results.append(el('li', { class: 'more', text: t.results(0) }));
      return;
    }
    s.hits.forEach((h, k) => {
      const b = el('button', { type: 'button', tabindex: '-1', 'data-hit': String(k) },
        el('span', { class: 'kind', text: t.kinds[h.kind] ?? '' }), h.title);
      if (s.hit === k) b.setAttribute('aria-current', 'true');
      results.append(el('li', {}, b));
    });
    if (n > s.hits.length) results.append(el('li', { class: 'more', text: t.moreResults(n - s.hits.length) }));
  }

  /** Stops the timers. */
  destroy() {
    clearTimeout(this.searchTimer);
    clearTimeout(this.announceTimer);
  }
}
