// The view in the URL: the map's selection, unfolded levers, search and filters written into
// the host page's fragment (a new history entry for a new selection), and restored from it on
// load, Back, Forward and a followed link. The handle encodes and decodes; this part only
// talks to `location` and `history`.

export class UrlSync {
  /**
   * `actions`: `write(fragment)` (the fragment with this map's view written in), `apply(fragment)`
   * (restores the view it names; returns whether it named one), `restored()` (after a restore).
   */
  constructor(actions, win = window) {
    this.actions = actions;
    this.win = win;
    this.applying = false;
    this.listening = false;
    this.onUrl = () => this.restore();
  }

  build() { return null; }

  applyText() {}

  sync() {}

  /** Follows Back, Forward and fragment changes (until `stop`). */
  start() {
    if (this.listening) return;
    this.win.addEventListener('popstate', this.onUrl);
    this.win.addEventListener('hashchange', this.onUrl);
    this.listening = true;
  }

  stop() {
    this.win.removeEventListener('popstate', this.onUrl);
    this.win.removeEventListener('hashchange', this.onUrl);
    this.listening = false;
  }

  /** Writes the view into the host page's fragment: a new history entry when `push`. */
  write(push) {
    if (this.applying) return;
    const { location, history } = this.win;
    const current = location.hash.replace(/^#/, '');
    const next = this.actions.write(current);
    if (next == null || next === current) return;
    const url = next ? `#${next}` : `${location.pathname}${location.search}`;
    try {
      history[push ? 'pushState' : 'replaceState'](history.state, '', url);
    } catch {
      // A sandboxed frame may refuse: the map works without links.
    }
  }

  /** Restores the view the URL names. Returns whether it named one. */
  restore() {
    this.applying = true;
    let found = false;
    try {
      found = this.actions.apply(this.win.location.hash.replace(/^#/, ''));
    } finally {
      // The map's events from this restore are handled in microtasks queued already: they run
      // before this one, so none of them writes the URL back.
      queueMicrotask(() => { this.applying = false; });
    }
    this.actions.restored();
    return found;
  }
}
