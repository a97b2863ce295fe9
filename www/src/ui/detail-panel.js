// The detail panel: what the selected node is (a contribution's text, author, place, links; a
// lever's or an axis's description and count), beside the map. Renders the snapshot's `detail`.

import { button, el, label, paragraphs, safeHref } from '../dom.js';

export class DetailPanel {
  /** `actions`: `close()` (the × button), `toggle(id)` (a lever's show/hide button). */
  constructor(actions) {
    this.actions = actions;
    this.t = null;
    this.detail = null;
  }

  build() {
    this.close = button({ class: 'close', text: '×' });
    this.body = el('div', { class: 'body' });
    this.panel = el('aside', { class: 'panel', hidden: '', 'aria-live': 'polite' }, this.close, this.body);
    this.close.addEventListener('click', () => this.actions.close());
    return this.panel;
  }

  get open() { return !this.panel.hidden; }

  applyText(t) {
    this.t = t;
    label(this.close, t.close);
    this.render(this.detail);
  }

  /** Shows the selected node's detail (none: the panel closes). */
  sync(snapshot) {
    this.render(snapshot.detail ?? null);
  }

  render(d) {
    this.detail = d;
    const { body, panel } = this;
    body.replaceChildren();
    if (!d || !this.t) {
      panel.hidden = true;
      return;
    }
    const t = this.t;
    body.append(el('p', { class: 'kicker', text: t.kinds[d.kind] ?? '' }));
    if (d.kind === 'contribution') this.#contribution(d, t);
    else this.#node(d, t);
    panel.hidden = false;
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
      if (d.suggestions?.length) {
        body.append(el('p', { text: t.suggestions }),
          el('ul', {}, ...d.suggestions.map((s) => el('li', { text: `${s.title} (${t.score(s.score)})` }))));
      }
    }
    this.#links(d, t);
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
    if (typeof d.count === 'number') body.append(el('p', { text: t.contributions(d.count) }));
    if (d.kind === 'lever' && d.count > 0) {
      const toggle = button({ class: 'toggle', text: d.unfolded ? t.hide : t.show });
      toggle.addEventListener('click', () => this.actions.toggle(d.id));
      body.append(toggle);
    }
    this.#links(d, t);
  }
}
