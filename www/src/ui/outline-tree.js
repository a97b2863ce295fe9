// The outline: the map as an ARIA tree (motion, axes, levers, and the contributions of the
// unfolded levers that the filters keep), visually hidden until its button opens it; screen
// readers always have it. It mirrors the snapshot's unfolded levers, kept contributions,
// selection and keyboard node. The outline's structure (`map.outline()`, fixed for a loaded
// map) is read once per load.

import { button, el, label, wireSheet } from '../dom.js';
import { kindName } from '../i18n.js';

export class OutlineTree {
  /**
   * `actions`: `outline()` (the structure), `toggle(id)`, `activate(id, toggleLever)` (select and
   * zoom to), `focusNode(id)` (the map's keyboard node follows), `focusVisible(on)`,
   * `opened()` (the outline opens: others close).
   */
  constructor(actions) {
    this.actions = actions;
    this.t = null;
    this.data = [];
    this.items = new Map();
    this.active = null;
    this.snapshot = null;
    this.filtersKey = null;
    this.title = '';
  }

  build(id = 'cm-outline') {
    this.toggle = button({ 'aria-expanded': 'false', 'aria-controls': id });
    this.heading = el('h2', { id: `${id}-title` });
    this.hint = el('p', { class: 'hint-text' });
    this.close = button({ class: 'close', text: '×' });
    this.tree = el('ul', { role: 'tree' });
    this.nav = el('nav', { class: 'sheet outline', id, hidden: '', 'aria-labelledby': `${id}-title` },
      this.heading, this.close, this.hint, this.tree);
    wireSheet(this.nav, this, () => this.isOpen);
    this.tree.addEventListener('keydown', (e) => this.#onKey(e));
    this.tree.addEventListener('click', (e) => {
      const item = e.target.closest('[role="treeitem"]');
      if (item) this.#activate(item, true);
    });
    // It shows while it has the keyboard, and the map rings the node the outline is on.
    this.nav.addEventListener('focusin', () => this.actions.focusVisible(true));
    this.nav.addEventListener('focusout', (e) => {
      if (!this.nav.contains(e.relatedTarget)) this.actions.focusVisible(false);
    });
    return this.nav;
  }

  get isOpen() { return this.nav.classList.contains('open'); }

  open() {
    this.nav.classList.add('open');
    this.toggle.setAttribute('aria-expanded', 'true');
    this.actions.opened();
    this.#focus(this.active ?? this.tree.firstElementChild);
  }

  hide(refocus) {
    this.nav.classList.remove('open');
    this.toggle.setAttribute('aria-expanded', 'false');
    this.actions.closed?.();
    if (refocus) this.toggle.focus();
  }

  /** `title`: the motion's, in the tree's name (several maps on a page have distinct names). */
  applyText(t, title = this.title) {
    this.t = t;
    this.title = title;
    this.toggle.textContent = t.outline;
    this.toggle.title = t.outlineTitle;
    this.heading.textContent = t.outlineTitle;
    this.hint.textContent = t.outlineHint;
    label(this.close, t.closeOutline);
    this.tree.setAttribute('aria-label', t.treeLabel(title));
    if (this.snapshot) this.rebuild();
  }

  /** Builds the tree again from the map's structure (after a load or a language change). */
  rebuild() {
    this.data = this.actions.outline() ?? [];
    this.items = new Map();
    this.active = null;
    this.tree.replaceChildren();
    if (this.data.length === 0) return;
    this.tree.append(this.#item(0, 1, 1));
    this.filtersKey = null;
    if (this.snapshot) this.sync(this.snapshot);
  }

  /** Forgets the map (unloaded). */
  clear() {
    this.data = [];
    this.items = new Map();
    this.active = null;
    this.snapshot = null;
    this.tree.replaceChildren();
  }

  /** One tree item (and, for the motion and the axes, their children). */
  #item(index, pos, size) {
    const o = this.data[index];
    const li = el('li', { role: 'treeitem', 'aria-level': String(o.level + 1), 'aria-setsize': String(size),
      'aria-posinset': String(pos), 'aria-selected': 'false', tabindex: '-1' });
    li.dataset.index = String(index);
    li.append(el('span', { class: 'row' }));
    if (!this.items.has(o.id)) this.items.set(o.id, []);
    this.items.get(o.id).push(li);
    if (o.level < 2) {
      li.setAttribute('aria-expanded', 'true');
      const group = el('ul', { role: 'group' });
      o.children.forEach((c, k) => group.append(this.#item(c, k + 1, o.children.length)));
      li.append(group);
    }
    return li;
  }

  /** The text of a tree item: kind, title and count, or a contribution's author and place. */
  #text(o, kept) {
    const t = this.t;
    if (o.kind === 'contribution') return [`${o.title}`, o.place ? `, ${o.place}` : ''];
    const count = o.kind === 'lever' ? o.children.filter((c) => kept(this.data[c].id)).length : null;
    return [t.kindTitle(kindName(t, o), o.title), count === null ? '' : ` — ${t.contributions(count)}`];
  }

  /** The item's node: its entry in the outline. */
  nodeOf(li) { return this.data[Number(li?.dataset.index)]; }

  /**
   * Brings the tree in line with the map: levers expanded as on the map (with the
   * contributions the filters keep), the selection, counts; the groups of unfolded levers are
   * redrawn when the filters changed.
   */
  sync(s) {
    this.snapshot = s;
    if (!this.t || this.data.length === 0) return;
    const filtersKey = JSON.stringify(s.filters ?? null);
    const rebuild = filtersKey !== this.filtersKey;
    this.filtersKey = filtersKey;
    const unfolded = new Set(s.unfolded);
    const keptSet = s.kept ? new Set(s.kept) : null;
    const kept = (id) => !keptSet || keptSet.has(id);
    const selected = s.selected;
    const root = this.tree.getRootNode();
    const hadFocus = root.activeElement?.getAttribute?.('role') === 'treeitem' ? root.activeElement : null;
    const focusId = hadFocus ? this.nodeOf(hadFocus)?.id : null;
    const focusLever = hadFocus?.parentElement?.closest('[role="treeitem"]')?.dataset.index;
    for (const o of this.data) {
      if (o.kind === 'contribution') continue;
      for (const li of this.items.get(o.id) ?? []) {
        const [title, count] = this.#text(o, kept);
        li.firstElementChild.textContent = title + count;
        if (o.kind !== 'lever' || o.children.length === 0) continue;
        const open = unfolded.has(o.id);
        li.setAttribute('aria-expanded', String(open));
        let group = li.querySelector(':scope > [role="group"]');
        if (group && (!open || rebuild)) {
          for (const item of group.children) this.#forget(item);
          group.remove();
          group = null;
        }
        if (open && !group) {
          const shown = o.children.filter((c) => kept(this.data[c].id));
          group = el('ul', { role: 'group' });
          shown.forEach((c, k) => group.append(this.#item(c, k + 1, shown.length)));
          li.append(group);
        }
      }
    }
    for (const list of this.items.values()) {
      for (const item of list) {
        const o = this.nodeOf(item);
        if (o.kind === 'contribution') {
          const [who, place] = this.#text(o, kept);
          const row = item.firstElementChild;
          if (!row.firstChild) {
            row.append(who, el('span', { class: 'place', text: place }));
            if (o.words) row.append(el('span', { class: 'words', text: ` — « ${o.words} »` }));
          }
        }
        item.setAttribute('aria-selected', String(o.id === selected));
      }
    }
    // Keep the keyboard where it was (the same node, under the same lever if it can).
    const first = this.items.get(this.data[0].id)[0];
    if (focusId) {
      const candidates = this.items.get(focusId) ?? [];
      const same = candidates.find((li) => li.parentElement?.closest('[role="treeitem"]')?.dataset.index === focusLever);
      const target = same ?? candidates[0] ?? first;
      if (target && target !== root.activeElement) this.#focus(target);
      else if (target) this.#rove(target);
    } else if (s.focused && this.items.get(s.focused)?.length) {
      // The map's keyboard moved: the tree's tab stop follows.
      this.#rove(this.items.get(s.focused)[0]);
    } else {
      const current = this.active?.isConnected ? this.active : null;
      this.#rove((selected && this.items.get(selected)?.[0]) ?? current ?? first);
    }
  }

  #forget(li) {
    for (const item of [li, ...li.querySelectorAll('[role="treeitem"]')]) {
      const id = this.nodeOf(item).id;
      const list = (this.items.get(id) ?? []).filter((x) => x !== item);
      if (list.length) this.items.set(id, list);
      else this.items.delete(id);
    }
  }

  /** One tab stop in the tree: the active item. */
  #rove(li) {
    if (!li) return;
    if (this.active && this.active !== li) this.active.setAttribute('tabindex', '-1');
    li.setAttribute('tabindex', '0');
    this.active = li;
  }

  #focus(li) {
    if (!li) return;
    this.#rove(li);
    li.focus({ preventScroll: false });
    const id = this.nodeOf(li)?.id;
    if (id) this.actions.focusNode(id);
  }

  /** Enter, Space or a click on a tree item: selects it on the map (a lever also unfolds or folds). */
  #activate(li, toggleLever) {
    const o = this.nodeOf(li);
    if (!o) return;
    this.#rove(li);
    this.actions.activate(o.id, toggleLever && o.kind === 'lever' && o.children.length > 0);
  }

  #onKey(e) {
    const li = e.target.closest?.('[role="treeitem"]');
    if (!li || e.altKey || e.ctrlKey || e.metaKey) return;
    const items = [...this.tree.querySelectorAll('[role="treeitem"]')];
    const at = items.indexOf(li);
    const o = this.nodeOf(li);
    const parent = li.parentElement?.closest('[role="treeitem"]');
    const expanded = li.getAttribute('aria-expanded');
    let handled = true;
    switch (e.key) {
      case 'ArrowDown': this.#focus(items[Math.min(at + 1, items.length - 1)]); break;
      case 'ArrowUp': this.#focus(items[Math.max(at - 1, 0)]); break;
      case 'Home': this.#focus(items[0]); break;
      case 'End': this.#focus(items[items.length - 1]); break;
      case 'ArrowRight':
        if (expanded === 'false') this.actions.toggle(o.id);
        else if (expanded === 'true') this.#focus(li.querySelector(':scope > [role="group"] > [role="treeitem"]'));
        break;
      case 'ArrowLeft':
        if (o.kind === 'lever' && expanded === 'true') this.actions.toggle(o.id);
        else if (parent) this.#focus(parent);
        break;
      case 'Enter':
      case ' ':
        this.#activate(li, e.key === 'Enter' || o.kind === 'lever');
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }
}
