// For staff: when the map loaded with warnings (rows set aside or corrected, an encoding
// guessed), a discreet « N lignes écartées ou corrigées » button in a corner opens their list.
// Visitors see the map; nothing technical is shown until asked for.

import { button, el, label, wireSheet } from '../dom.js';

export class Diagnostics {
  constructor() {
    this.t = null;
    this.items = [];
  }

  build(id = 'cm-diagnostics') {
    this.toggle = button({ class: 'diagnostics-toggle', hidden: '', 'aria-expanded': 'false', 'aria-controls': id });
    this.title = el('h2', { id: `${id}-title` });
    this.close = button({ class: 'close', text: '×' });
    this.list = el('ul', { class: 'diagnostics-list' });
    this.sheet = el('section', { class: 'sheet diagnostics', id, hidden: '', 'aria-labelledby': `${id}-title` },
      this.title, this.close, this.list);
    wireSheet(this.sheet, this, () => !this.sheet.hidden);
    this.box = el('div', { class: 'diagnostics-box' }, this.toggle, this.sheet);
    return this.box;
  }

  open() {
    this.sheet.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    this.close.focus();
  }

  hide(refocus) {
    this.sheet.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
    if (refocus) this.toggle.focus();
  }

  applyText(t) {
    this.t = t;
    label(this.close, t.closeDiagnostics);
    this.render();
  }

  /** The load's warnings (`[{ file, text }]`); none: the control is hidden. */
  show(warnings) {
    this.items = warnings ?? [];
    if (this.items.length === 0) this.hide(false);
    this.render();
  }

  render() {
    const { t, items } = this;
    if (!t) return;
    this.toggle.hidden = items.length === 0;
    this.toggle.textContent = t.setAside(items.length);
    this.title.textContent = t.setAsideTitle(items.length);
    this.list.replaceChildren(...items.map((d) => el('li', { text: d.file ? `${d.file} — ${d.text}` : d.text })));
  }

  sync() {}
}
