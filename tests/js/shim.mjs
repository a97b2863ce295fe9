// A small DOM for the unit tests of the element's parts (linkedom, an npm devDependency):
// `document` and the few globals the parts use, installed once.

import { parseHTML } from 'linkedom';

const { window, document } = parseHTML('<!doctype html><html lang="fr"><head></head><body></body></html>');
globalThis.window ??= window;
globalThis.document = document;
for (const name of ['HTMLElement', 'CustomEvent', 'Event', 'KeyboardEvent', 'Node']) globalThis[name] = window[name] ?? globalThis[name];

/** A fresh container in the body. */
export function mount(...children) {
  const box = document.createElement('div');
  box.append(...children.filter(Boolean));
  document.body.append(box);
  return box;
}

/** The text of every element matching `selector` under `root`. */
export function texts(root, selector) {
  return [...root.querySelectorAll(selector)].map((e) => e.textContent);
}

/** A snapshot as the handle gives it, with `over` replacing some fields. */
export function snapshot(over = {}) {
  return {
    query: '', count: 0, hits: [], hit: null, selected: null, detail: null, focused: null,
    unfolded: [], kept: null, filters: { axes: [], years: [], departments: [], roles: [], labels: [] },
    filterCount: { kept: 3, total: 3 }, printable: false, ...over,
  };
}

export { document, window };

// Layout does not exist here: scrolling into view does nothing.
window.HTMLElement.prototype.scrollIntoView ??= function scrollIntoView() {};
