// A lever's contributions, with their words: a three-line excerpt, then author, role,
// commune (department), label and year; the whole text expands in place; sorted by
// department, label or author; the count says « 12 sur 62 » when the search or the filters
// narrow it. Each item, focused or hovered, shows its dot on the map; ↑ ↓ move through the
// list, Entrée expands, Échap goes back to the map.
//
// Only the rows in sight are in the document (a window over the whole list, with spacers),
// so a lever with thousands of contributions scrolls as smoothly as one with ten. Every
// string is set with textContent.

/** Height a row is assumed to have until it has been measured, in CSS pixels. */
export const ROW_ESTIMATE = 118;
/** Rows drawn above and below those in sight. */
export const OVERSCAN = 4;

/**
 * The rows to draw: indices `[from, to)` of the rows that meet `[top, top + height]`, with
 * `OVERSCAN` more on each side, for rows of `heights` (unknown: ROW_ESTIMATE). Also each row's
 * offset from the top of the list and the whole list's height.
 */
export function windowOf(count, heights, top, height) {
  const offsets = new Array(count + 1);
  offsets[0] = 0;
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i] + (heights[i] || ROW_ESTIMATE);
  // First row whose bottom is below `top` (binary search: offsets are increasing).
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1] <= top) lo = mid + 1; else hi = mid;
  }
  let to = lo;
  while (to < count && offsets[to] < top + height) to++;
  return {
    from: Math.max(0, lo - OVERSCAN),
    to: Math.min(count, to + OVERSCAN),
    offsets,
    total: offsets[count],
  };
}

function make(doc, tag, cls, text) {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/**
 * The list part. `scroller()` is the element that scrolls it (the panel). Callbacks:
 * `onSort(key)`, `onPreview(id | null)`, `onCite(id)` (resolves true when copied),
 * `onEscape()`.
 */
export function build(doc, { scroller, onSort, onPreview, onCite, onEscape }) {
  const sortLabel = make(doc, 'label', 'sort-label');
  const sort = make(doc, 'select', 'sort');
  sort.id = 'cm-lever-sort';
  sortLabel.setAttribute('for', sort.id);
  for (const key of ['map', 'department', 'label', 'author']) {
    const o = make(doc, 'option');
    o.value = key;
    sort.append(o);
  }
  const count = make(doc, 'p', 'list-count');
  count.setAttribute('role', 'status');
  const head = make(doc, 'div', 'list-head');
  head.append(sortLabel, sort);
  const list = make(doc, 'ul', 'lever-list');
  list.setAttribute('role', 'list');
  // The panel announces what it shows; rows drawn while scrolling are not news.
  list.setAttribute('aria-live', 'off');
  const before = make(doc, 'li', 'spacer');
  const after = make(doc, 'li', 'spacer');
  before.setAttribute('aria-hidden', 'true');
  after.setAttribute('aria-hidden', 'true');
  list.append(before, after);
  const empty = make(doc, 'p', 'list-empty');
  empty.hidden = true;
  const root = make(doc, 'section', 'lever-contributions');
  root.append(count, head, list, empty);

  let t = null;
  let data = { lever: '', total: 0, items: [], sort: 'map' };
  let heights = [];
  let expanded = new Set();
  let active = 0;
  let rows = new Map();
  let frame = 0;

  const meta = (c) => {
    const who = [c.author, c.role].filter(Boolean).join(', ');
    const where = [c.collectivity, c.department ? `(${c.department})` : null].filter(Boolean).join(' ');
    return [who, where].filter(Boolean).join(' — ');
  };

  const row = (i) => {
    const c = data.items[i];
    const li = make(doc, 'li', 'lever-item');
    li.setAttribute('role', 'listitem');
    li.setAttribute('tabindex', i === active ? '0' : '-1');
    li.dataset.index = String(i);
    li.dataset.id = c.id;
    li.setAttribute('aria-setsize', String(data.items.length));
    li.setAttribute('aria-posinset', String(i + 1));
    const open = expanded.has(c.id);
    const text = make(doc, 'blockquote', open ? 'excerpt open' : 'excerpt', c.text);
    text.id = `cm-text-${i}`;
    const info = make(doc, 'p', 'who', meta(c));
    const tags = make(doc, 'p', 'tags');
    if (c.label) {
      const l = make(doc, 'span', 'arobases', '@'.repeat(c.label));
      l.setAttribute('aria-label', t.arobases(c.label));
      l.title = t.arobases(c.label);
      tags.append(l);
    }
    if (c.year) tags.append(make(doc, 'span', 'year', String(c.year)));
    const more = make(doc, 'button', 'more', open ? t.readLess : t.readMore);
    more.type = 'button';
    more.setAttribute('tabindex', '-1');
    more.setAttribute('aria-expanded', String(open));
    more.setAttribute('aria-controls', text.id);
    more.addEventListener('click', () => toggle(i));
    const cite = make(doc, 'button', 'cite', t.copyCitation);
    cite.type = 'button';
    cite.setAttribute('tabindex', '-1');
    const status = make(doc, 'span', 'cite-status');
    status.setAttribute('role', 'status');
    cite.addEventListener('click', async () => {
      const ok = await onCite?.(c.id);
      status.textContent = ok ? t.citationCopied : t.citationFailed;
      setTimeout(() => { status.textContent = ''; }, 4000);
    });
    const actions = make(doc, 'p', 'actions');
    actions.append(more, cite, status);
    li.append(text, info, tags, actions);
    li.addEventListener('focus', () => onPreview?.(c.id));
    li.addEventListener('pointerenter', () => onPreview?.(c.id));
    li.addEventListener('pointerleave', () => onPreview?.(null));
    return li;
  };

  /** Draws the rows in sight. */
  const render = (around = null) => {
    if (!t) return;
    const n = data.items.length;
    const sc = scroller?.() ?? null;
    let top = 0;
    let height = 800;
    // No row: no window to place, so no geometry read (a read would force a layout, for a list
    // that is empty or not even shown).
    if (n > 0 && sc && typeof sc.getBoundingClientRect === 'function' && sc.clientHeight) {
      const listTop = list.getBoundingClientRect().top - sc.getBoundingClientRect().top + sc.scrollTop;
      top = Math.max(0, sc.scrollTop - listTop);
      height = sc.clientHeight;
    } else if (around != null) {
      // Nothing scrolls (not laid out yet): draw around the row the keyboard goes to.
      top = windowOf(around, heights, 0, 0).total;
    }
    const w = windowOf(n, heights, top, height);
    const keep = new Map();
    const focused = root.getRootNode?.().activeElement ?? doc.activeElement;
    for (const [i, li] of rows) {
      // The focused row stays, so that the keyboard never loses its place.
      if ((i >= w.from && i < w.to) || li === focused) keep.set(i, li);
      else li.remove();
    }
    rows = keep;
    let prev = before;
    for (let i = w.from; i < w.to; i++) {
      let li = rows.get(i);
      if (!li) {
        li = row(i);
        rows.set(i, li);
      }
      if (prev.nextSibling !== li) prev.after(li);
      prev = li;
    }
    before.style.height = `${w.offsets[w.from]}px`;
    after.style.height = `${w.total - w.offsets[w.to]}px`;
    // Measure what is drawn; the next frame places rows with their real heights.
    let changed = false;
    for (const [i, li] of rows) {
      const h = li.offsetHeight;
      if (h > 0 && Math.abs((heights[i] || 0) - h) > 0.5) {
        heights[i] = h;
        changed = true;
      }
    }
    if (changed && !frame && typeof requestAnimationFrame === 'function') {
      frame = requestAnimationFrame(() => { frame = 0; render(); });
    }
  };

  const redraw = () => {
    for (const li of rows.values()) li.remove();
    rows = new Map();
    render();
  };

  const toggle = (i) => {
    const id = data.items[i]?.id;
    if (!id) return;
    if (expanded.has(id)) expanded.delete(id); else expanded.add(id);
    heights[i] = 0;
    const had = rows.get(i) === (root.getRootNode?.().activeElement ?? doc.activeElement);
    redraw();
    if (had) rows.get(i)?.focus();
  };

  /** Moves the keyboard to row `i`, drawing it first and scrolling it into sight. */
  const focusRow = (i) => {
    if (data.items.length === 0) return;
    active = Math.max(0, Math.min(data.items.length - 1, i));
    const sc = scroller?.();
    if (sc && !rows.has(active)) {
      const w = windowOf(data.items.length, heights, 0, 0);
      const listTop = list.getBoundingClientRect().top - sc.getBoundingClientRect().top + sc.scrollTop;
      sc.scrollTop = listTop + w.offsets[active] - sc.clientHeight / 3;
    }
    for (const li of rows.values()) li.setAttribute('tabindex', '-1');
    render(active);
    const li = rows.get(active);
    if (li) {
      li.setAttribute('tabindex', '0');
      li.focus();
      li.scrollIntoView?.({ block: 'nearest' });
    }
  };

  list.addEventListener('keydown', (e) => {
    const li = e.target.closest?.('.lever-item');
    if (!li || e.altKey || e.ctrlKey || e.metaKey) return;
    const i = Number(li.dataset.index);
    let handled = true;
    if (e.key === 'ArrowDown') focusRow(i + 1);
    else if (e.key === 'ArrowUp') focusRow(i - 1);
    else if (e.key === 'Home') focusRow(0);
    else if (e.key === 'End') focusRow(data.items.length - 1);
    else if (e.key === 'PageDown') focusRow(i + 5);
    else if (e.key === 'PageUp') focusRow(i - 5);
    else if ((e.key === 'Enter' || e.key === ' ') && e.target === li) toggle(i);
    else if (e.key === 'Escape') { onPreview?.(null); onEscape?.(); } else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  });
  sort.addEventListener('change', () => onSort?.(sort.value));

  return {
    root,
    sort,
    list,
    count,
    /** Draws the rows in sight again (the scroller scrolled or changed size). */
    render,
    focusRow,
    applyText(text) {
      t = text;
      sortLabel.textContent = t.sortBy;
      for (const o of sort.options) o.textContent = t.sortKeys[o.value];
      list.setAttribute('aria-label', t.contributionsList);
      empty.textContent = t.noneKept;
      this.sync({ list: data });
    },
    /** `{ list }`: the handle's `leverList(id, sort)`. A new lever starts at the top, folded. */
    sync({ list: next }) {
      const same = next && next.lever === data.lever;
      data = next ?? { lever: '', total: 0, items: [], sort: 'map' };
      if (!same) {
        expanded = new Set();
        active = 0;
      }
      heights = new Array(data.items.length).fill(0);
      active = Math.min(active, Math.max(0, data.items.length - 1));
      for (const o of sort.options) o.selected = o.value === (data.sort ?? 'map');
      if (!t) return;
      const kept = data.items.length;
      count.textContent = kept === data.total ? t.contributions(kept) : t.keptOf(kept, data.total);
      empty.hidden = kept > 0 || data.total === 0;
      head.hidden = data.total < 2;
      redraw();
    },
  };
}
