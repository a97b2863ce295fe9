// The review list: one item per contribution the table left without a lever, its proposed
// levers as buttons (keys 1, 2, 3), every lever in a list, 0 to take a choice back, ↑ ↓ to move.
// It renders what it is given (the studio handle's rows) and reports choices through `onChoose`.

import { el } from './dom.js';

const score = (s) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(s);

export class ReviewList {
  /** `onChoose(id, leverOrNull)` is called on every choice. */
  constructor(container, onChoose) {
    this.container = container;
    this.onChoose = onChoose;
    this.items = new Map();
    container.addEventListener('keydown', (e) => this.#onKey(e));
  }

  /** Renders all rows: `[{ id, text, author, collectivity, department, proposals, chosen }]`. */
  render(rows, levers) {
    this.items.clear();
    this.container.replaceChildren();
    if (!rows?.length) {
      this.container.append(el('p', {}, 'Rien à classer : chaque contribution a un levier.'));
      return;
    }
    const list = el('ul', { class: 'review', 'aria-label': `${rows.length} contributions sans levier` });
    rows.forEach((row, i) => {
      const li = this.#item(row, levers, i === 0);
      this.items.set(row.id, { li, row });
      list.append(li);
    });
    this.container.append(list);
  }

  /** Shows a new choice for one row without rebuilding the list (focus stays). */
  update(id, chosen) {
    const item = this.items.get(id);
    if (!item) return;
    item.row.chosen = chosen ?? undefined;
    item.li.classList.toggle('chosen', Boolean(chosen));
    for (const b of item.li.querySelectorAll('button[data-lever]')) b.setAttribute('aria-pressed', String(b.dataset.lever === chosen));
    item.li.querySelector('select').value = chosen ?? '';
    item.li.querySelector('.state').textContent = chosen ? 'classée' : 'non classée';
  }

  #item(row, levers, first) {
    const who = [row.author, row.collectivity && (row.department ? `${row.collectivity} (${row.department})` : row.collectivity)]
      .filter(Boolean).join(', ');
    const textId = `texte-${row.id}`;
    const li = el('li', { tabindex: first ? '0' : '-1', 'data-id': row.id, 'aria-labelledby': textId, class: row.chosen ? 'chosen' : null });
    li.append(el('p', { class: 'text', id: textId }, row.text));
    li.append(el('p', { class: 'who' }, `${row.id}${who ? ` — ${who}` : ''} · `, el('span', { class: 'state' }, row.chosen ? 'classée' : 'non classée')));
    const proposals = el('div', { class: 'proposals' });
    if (row.proposals.length === 0) {
      proposals.append(el('span', {}, 'Aucune proposition fiable.'));
    }
    row.proposals.forEach((p, k) => {
      const b = el('button', { type: 'button', 'data-lever': p.lever, 'aria-pressed': String(row.chosen === p.lever), 'aria-keyshortcuts': String(k + 1) },
        `${k + 1}. ${p.title} (${score(p.score)})`);
      b.addEventListener('click', () => this.onChoose(row.id, row.chosen === p.lever ? null : p.lever));
      proposals.append(b);
    });
    const selectId = `levier-${row.id}`;
    const select = el('select', { id: selectId });
    select.append(el('option', { value: '' }, '— non classée —'));
    let group = null;
    let axis = null;
    for (const l of levers) {
      if (l.axis !== axis) {
        axis = l.axis;
        group = el('optgroup', { label: axis });
        select.append(group);
      }
      group.append(el('option', { value: l.id }, l.title));
    }
    select.value = row.chosen ?? '';
    select.addEventListener('change', () => this.onChoose(row.id, select.value || null));
    proposals.append(el('label', { for: selectId, class: 'visually-hidden' }, 'Autre levier'), select);
    li.append(proposals);
    return li;
  }

  #onKey(e) {
    const li = e.target.closest?.('li[data-id]');
    if (!li || e.target !== li) return;
    const { row } = this.items.get(li.dataset.id) ?? {};
    if (!row) return;
    const move = (to) => {
      if (!to) return;
      li.tabIndex = -1;
      to.tabIndex = 0;
      to.focus();
    };
    if (e.key === 'ArrowDown') move(li.nextElementSibling);
    else if (e.key === 'ArrowUp') move(li.previousElementSibling);
    else if (/^[1-9]$/.test(e.key) && row.proposals[Number(e.key) - 1]) this.onChoose(row.id, row.proposals[Number(e.key) - 1].lever);
    else if (e.key === '0') this.onChoose(row.id, null);
    else return;
    e.preventDefault();
  }
}
