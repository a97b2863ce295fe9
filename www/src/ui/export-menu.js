// The toolbar's « Exporter » button and its menu (PNG of the view, SVG of the whole map, CSV of
// the contributions behind the selection, print view of a lever), as an ARIA menu.

import { button, el, label } from '../dom.js';

export class ExportMenu {
  /** `actions`: `printable()` (is there a lever to print), `run(action)` (png, svg, csv, print). */
  constructor(actions) {
    this.actions = actions;
    this.t = null;
  }

  /** The button and its menu; `root` (the shadow root): a press elsewhere in it closes the menu. */
  build(root) {
    const toggle = button({ text: '⤓', 'aria-haspopup': 'menu', 'aria-expanded': 'false' });
    const item = (action) => button({ role: 'menuitem', tabindex: '-1', 'data-export': action });
    const items = { png: item('png'), svg: item('svg'), csv: item('csv'), print: item('print') };
    const menu = el('div', { class: 'export-menu', role: 'menu', hidden: '' }, items.png, items.svg, items.csv, items.print);
    const box = el('div', { class: 'export' }, toggle, menu);
    Object.assign(this, { box, toggle, menu, items });
    const enabled = () => Object.values(items).filter((b) => !b.disabled);
    const focusItem = (delta, from) => {
      const list = enabled();
      if (!list.length) return;
      const i = list.indexOf(from);
      const next = delta === 'first' ? 0 : delta === 'last' ? list.length - 1 : (i + delta + list.length) % list.length;
      list[next].focus();
    };
    toggle.addEventListener('click', () => (menu.hidden ? this.open() : this.close(false)));
    toggle.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        this.open();
        focusItem(ev.key === 'ArrowDown' ? 'first' : 'last');
      }
    });
    // Enter or Space on the button is a click with detail 0: focus goes into the menu.
    toggle.addEventListener('click', (ev) => { if (ev.detail === 0 && !menu.hidden) focusItem('first'); });
    menu.addEventListener('keydown', (ev) => {
      const keys = { ArrowDown: 1, ArrowUp: -1, Home: 'first', End: 'last' };
      if (ev.key in keys) {
        ev.preventDefault();
        focusItem(keys[ev.key], ev.target);
      } else if (ev.key === 'Tab') {
        this.close(false);
      }
    });
    // Escape, on the button or in the menu, closes the menu only (not the panel).
    box.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && !menu.hidden) {
        ev.preventDefault();
        ev.stopPropagation();
        this.close(true);
      }
    });
    // A press anywhere else in the element closes it (focusout does when the button had focus).
    root.addEventListener('pointerdown', (ev) => {
      if (!menu.hidden && !box.contains(ev.target)) this.close(false);
    });
    box.addEventListener('focusout', (ev) => {
      if (!menu.hidden && !box.contains(ev.relatedTarget)) this.close(false);
    });
    menu.addEventListener('click', (ev) => {
      const target = ev.target.closest?.('[data-export]');
      if (!target || target.disabled) return;
      this.close(true);
      this.actions.run(target.dataset.export);
    });
    return box;
  }

  applyText(t) {
    this.t = t;
    const { toggle, items } = this;
    label(toggle, t.exportMenu);
    items.png.textContent = t.exportPng;
    items.svg.textContent = t.exportSvg;
    items.csv.textContent = t.exportCsv;
    items.print.textContent = t.exportPrint;
    items.print.title = items.print.disabled ? t.exportPrintNeeds : '';
  }

  /** « Imprimer le levier » is enabled when a lever (or one of its contributions) is selected. */
  sync(snapshot) {
    this.items.print.disabled = !snapshot.printable;
    if (this.t) this.items.print.title = this.items.print.disabled ? this.t.exportPrintNeeds : '';
  }

  open() {
    this.items.print.disabled = !this.actions.printable();
    this.applyText(this.t);
    this.menu.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
  }

  close(refocus) {
    this.menu.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
    if (refocus) this.toggle.focus();
  }
}
