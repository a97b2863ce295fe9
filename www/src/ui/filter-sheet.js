// The filter sheet: a checkbox per value of each facet (axis, year, département, role, label)
// with its count, the « Effacer les filtres » button and the count of contributions kept; and
// its button in the top bar, with the number of filters in force. Renders the snapshot's
// filters and counts.

import { button, el, label, wireSheet } from '../dom.js';

const FIELDS = [['axes', 'filterAxes'], ['years', 'filterYears'], ['departments', 'filterDepartments'],
  ['roles', 'filterRoles'], ['labels', 'filterLabels']];

/** How many values the filters hold. */
export function activeFilters(filters) {
  return filters ? Object.values(filters).reduce((n, list) => n + list.length, 0) : 0;
}

export class FilterSheet {
  /**
   * `actions`: `setFilters(f)` (null clears; returns the snapshot after it), `facets()`,
   * `announce(text)`, `opened()` (the sheet opens: others close).
   */
  constructor(actions) {
    this.actions = actions;
    this.t = null;
    this.snapshot = null;
  }

  build(id = 'cm-filters') {
    this.toggle = button({ 'aria-expanded': 'false', 'aria-controls': id });
    this.title = el('h2', { id: `${id}-title` });
    this.close = button({ class: 'close', text: '×' });
    this.status = el('p', { class: 'filter-status' });
    this.fields = el('div');
    this.clear = button({ class: 'clear' });
    this.sheet = el('section', { class: 'sheet filters', id, hidden: '', 'aria-labelledby': `${id}-title` },
      this.title, this.close, this.status, this.fields, this.clear);
    wireSheet(this.sheet, this, () => !this.sheet.hidden);
    this.fields.addEventListener('change', () => this.#apply());
    this.clear.addEventListener('click', () => this.clearAll());
    return this.sheet;
  }

  open() {
    if (this.stale) this.#build();
    this.sheet.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    this.actions.opened();
    this.sheet.querySelector('input, button.clear')?.focus();
  }

  hide(refocus) {
    this.sheet.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
    if (refocus) this.toggle.focus();
  }

  applyText(t) {
    this.t = t;
    this.title.textContent = t.filters;
    this.clear.textContent = t.clearFilters;
    label(this.close, t.closeFilters);
    this.rebuild();
  }

  /**
   * The fieldsets, from the values in the data (with their counts): after a load or a language
   * change. Made when the sheet shows, not before: most visitors never open it, and there is a
   * checkbox per value (a national consultation: about a hundred départements).
   */
  rebuild() {
    this.stale = true;
    if (this.sheet.hidden) {
      this.fields.replaceChildren();
      this.#render();
    } else {
      this.#build();
    }
  }

  /** The snapshot (or the button's name, before any) on what the sheet holds now. */
  #render() {
    if (this.snapshot) this.sync(this.snapshot);
    else this.toggle.textContent = this.t.filters;
  }

  #build() {
    this.stale = false;
    const t = this.t;
    const facets = this.actions.facets();
    const out = [];
    for (const [key, legendKey] of FIELDS) {
      const values = facets?.[key] ?? [];
      if (values.length === 0) continue;
      const options = el('div', { class: 'options' });
      for (const v of values) {
        const box = el('input', { type: 'checkbox', name: key, value: v.value });
        const text = el('span', { text: `${v.label} (${v.count})` });
        if (key === 'labels') text.setAttribute('aria-label', `${t.arobases(Number(v.value))} (${v.count})`);
        options.append(el('label', {}, box, text));
      }
      out.push(el('fieldset', {}, el('legend', { text: t[legendKey] }), options));
    }
    this.fields.replaceChildren(...out);
    this.#render();
  }

  /** Clears every filter (one click on « Effacer les filtres »). */
  clearAll() {
    const s = this.actions.setFilters(null);
    if (s) this.actions.announce(this.t.filtersCleared(s.filterCount.total));
  }

  /** Reads the checkboxes into the map's filters. */
  #apply() {
    const f = { axes: [], years: [], departments: [], roles: [], labels: [] };
    for (const box of this.fields.querySelectorAll('input')) {
      if (!box.checked) continue;
      const numeric = box.name === 'years' || box.name === 'labels';
      f[box.name].push(numeric ? Number(box.value) : box.value);
    }
    const s = this.actions.setFilters(f);
    if (!s) return;
    const { kept, total } = s.filterCount;
    this.actions.announce(activeFilters(s.filters) ? this.t.filterCount(kept, total) : this.t.filtersCleared(total));
  }

  /** Checkboxes, counts and the button's badge. */
  sync(s) {
    this.snapshot = s;
    const t = this.t;
    if (!t || !s.filters) return;
    const f = s.filters;
    for (const box of this.fields.querySelectorAll('input')) {
      box.checked = (f[box.name] ?? []).map(String).includes(box.value);
    }
    const n = activeFilters(f);
    const { kept, total } = s.filterCount;
    this.status.textContent = t.filterCount(kept, total);
    this.toggle.textContent = n ? t.filtersOn(n) : t.filters;
    this.toggle.classList.toggle('active', n > 0);
    this.clear.disabled = n === 0;
  }
}
