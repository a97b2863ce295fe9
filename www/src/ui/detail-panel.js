// The detail panel: what the selected node is, beside the map (a bottom sheet on a phone).
// A contribution: its text, author, place, links and « Copier la citation »; a lever: its
// description and the list of its contributions (lever-list.js); an axis or the motion: small
// charts of what they hold, each bar a filter (charts.js). Renders the snapshot's `detail`;
// the list and the charts follow the search and the filters.

import { button, el, label, paragraphs, safeHref } from '../dom.js';
import * as leverList from './lever-list.js';
import * as charts from './charts.js';
import * as citation from './citation.js';
import * as bottomSheet from './bottom-sheet.js';
import { kindName } from '../i18n.js';

export class DetailPanel {
  /**
   * `actions`: `close()` (the × button), `toggle(id)` (a lever's show/hide button),
   * `leverList(id, sort)`, `summary(id)`, `preview(id | null)` (a listed contribution's dot),
   * `cite(id, leverId)` (copies a citation; resolves true when copied), `bar(field, value,
   * filters)` (a chart's bar), `focusMap()`, `frameHeight()`, `coverChanged()` (the room the
   * panel takes changed).
   */
  constructor(actions) {
    this.actions = actions;
    this.t = null;
    this.detail = null;
    this.sort = 'map';
    this.scope = '';
    this.filters = null;
    this.sheetCovers = 0;
  }

  build() {
    this.close = button({ class: 'close', text: '×' });
    this.body = el('div', { class: 'body' });
    this.panel = el('aside', { class: 'panel', hidden: '', 'aria-live': 'polite' }, this.close, this.body);
    this.close.addEventListener('click', () => this.actions.close());
    const a = this.actions;
    this.list = leverList.build(document, {
      scroller: () => this.panel,
      onSort: (key) => { this.sort = key; this.refresh(); },
      onPreview: (id) => a.preview(id ?? null),
      onCite: (id) => a.cite(id, this.detail?.kind === 'lever' ? this.detail.id : null),
      onEscape: () => a.focusMap(),
    });
    this.chart = charts.build(document, { onBar: (field, value) => a.bar(field, value, this.filters) });
    this.cite = citation.build(document, { onCopy: () => a.cite(this.detail?.id, null) });
    this.sheet = bottomSheet.build(document, this.panel, {
      frameHeight: () => a.frameHeight(),
      onChange: (px) => { this.sheetCovers = px; a.coverChanged(); },
    });
    this.panel.prepend(this.sheet.root);
    let frame = 0;
    this.panel.addEventListener('scroll', () => {
      if (!frame) frame = requestAnimationFrame(() => { frame = 0; this.list.render(); });
    }, { passive: true });
    this.phone = typeof matchMedia === 'function' ? matchMedia('(max-width: 520px)') : null;
    this.phone?.addEventListener?.('change', () => this.syncSheet());
    return this.panel;
  }

  /** Is the panel a bottom sheet (phone)? */
  get isSheet() { return !!this.phone?.matches; }

  /** The sheet's place and height, after the panel opens or closes or the screen changes. */
  syncSheet() {
    this.sheet.sync({ phone: this.isSheet, open: !this.panel.hidden });
    this.actions.coverChanged();
  }

  /** The lever's list or the charts again (sort, search or filters changed). */
  refresh() {
    const d = this.detail;
    if (!d) return;
    if (d.kind === 'lever') this.list.sync({ list: this.actions.leverList(d.id, this.sort) });
    else if (d.kind === 'axis' || d.kind === 'motion') this.chart.sync({ summary: this.actions.summary(d.id), filters: this.filters });
  }

  get open() { return !this.panel.hidden; }

  applyText(t) {
    this.t = t;
    label(this.close, t.close);
    for (const part of [this.list, this.chart, this.cite, this.sheet]) part.applyText(t);
    this.render(this.detail, true);
  }

  /**
   * Shows the selected node's detail (none: the panel closes). The same detail again only
   * refreshes the list or the charts when the search or the filters changed, so the keyboard's
   * place in the list is kept.
   */
  sync(snapshot) {
    this.filters = snapshot.filters ?? null;
    const scope = JSON.stringify([snapshot.query, snapshot.filters]);
    const d = snapshot.detail ?? null;
    if (d && this.detail && JSON.stringify(d) === JSON.stringify(this.detail)) {
      if (scope !== this.scope) {
        this.scope = scope;
        this.refresh();
      }
      return;
    }
    this.scope = scope;
    this.render(d);
  }

  render(d, again = false) {
    const before = this.detail;
    this.detail = d;
    const { body, panel } = this;
    body.replaceChildren();
    if (!d || !this.t) {
      if (!again) this.actions.preview(null);
      panel.hidden = true;
      this.syncSheet();
      return;
    }
    if (before?.id !== d.id) {
      panel.scrollTop = 0;
      this.sort = 'map';
    }
    const t = this.t;
    body.append(el('p', { class: 'kicker', text: kindName(t, d) }));
    if (d.kind === 'contribution') this.#contribution(d, t);
    else this.#node(d, t);
    panel.hidden = false;
    this.syncSheet();
    this.refresh();
  }

  #contribution(d, t) {
    const { body } = this;
    body.append(el('blockquote', { text: d.text ?? d.title }));
    const who = [d.author, d.role].filter(Boolean).join(', ');
    const where = [d.collectivity, d.department ? t.department(d.department) : null].filter(Boolean).join(' ');
    const dl = el('dl');
    const row = (k, v) => { if (v) dl.append(el('dt', { text: k }), el('dd', { text: String(v) })); };
    row(t.author, who);
    row(t.collectivity, where);
    row(t.year, d.year);
    if (d.label) {
      const dd = el('dd', { text: '@'.repeat(d.label) });
      dd.setAttribute('aria-label', t.arobases(d.label));
      dl.append(el('dt', { text: t.label }), dd);
    }
    row(t.axis, d.axis);
    row(t.levers, (d.levers ?? []).join(' ; '));
    body.append(dl);
    if (!(d.levers ?? []).length) {
      body.append(el('p', { class: 'unclassified', text: t.unclassified }));
      // The proposals the published file carries: none computed (an older file) says nothing.
      if (d.suggestions?.length) {
        body.append(el('p', { text: t.suggestions }),
          el('ul', {}, ...d.suggestions.map((s) => el('li', { text: `${s.title} (${t.score(s.score)})` }))));
      } else if (d.suggestions) {
        body.append(el('p', { class: 'no-suggestion', text: t.noSuggestion }));
      }
    }
    this.#links(d, t);
    this.cite.sync();
    body.append(this.cite.root);
  }

  /** Links of a contribution, and of a motion, axis or lever title or text (allow-listed). */
  #links(d, t) {
    const links = (d.links ?? []).map((l) => ({ href: safeHref(l.href), text: l.text })).filter((l) => l.href);
    if (links.length) {
      const ul = el('ul');
      for (const l of links) {
        ul.append(el('li', {}, el('a', { href: l.href, rel: 'noopener noreferrer nofollow', target: '_blank', text: l.text || l.href })));
      }
      this.body.append(el('p', { text: t.links }), ul);
    }
  }

  #node(d, t) {
    const { body } = this;
    if (d.kind === 'lever' && d.axis) body.append(el('p', { class: 'kicker', text: t.axisOf(d.axis) }));
    body.append(el('h2', { text: d.title }));
    body.append(...paragraphs(d.description));
    // A lever's list says its own count (« 12 sur 62 »).
    if (typeof d.count === 'number' && d.kind !== 'lever') body.append(el('p', { text: t.contributions(d.count) }));
    if (d.kind === 'lever' && d.count > 0) {
      const toggle = button({ class: 'toggle', text: d.unfolded ? t.hide : t.show });
      toggle.addEventListener('click', () => this.actions.toggle(d.id));
      body.append(toggle);
    }
    this.#links(d, t);
    body.append(d.kind === 'lever' ? this.list.root : this.chart.root);
  }
}
