// DOM helpers shared by every part of the element. Text is always set as text (textContent),
// never parsed as HTML; links go through one rule, `safeHref`.

/** An element of `doc` (the page, or the print frame), its attributes set and its children appended; `text` is set as text, never parsed. */
export function elIn(doc, tag, attrs = {}, ...children) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** An element of the page (see `elIn`). */
export function el(tag, attrs = {}, ...children) {
  return elIn(document, tag, attrs, ...children);
}

/**
 * The one link rule of the page (the same as the model's): the trimmed href when it is http:// or
 * https:// (or mailto:, unless
 * `mailto: false`, as in print), else null. Anything else (javascript:, data:, relative) is dropped.
 */
export function safeHref(href, { mailto = true } = {}) {
  if (typeof href !== 'string') return null;
  const h = href.trim();
  return /^https?:\/\//i.test(h) || (mailto && /^mailto:/i.test(h)) ? h : null;
}

/** Paragraphs of `text` (blank lines between them), each a `<p>` of `doc` with `attrs`. */
export function paragraphs(text, doc = document, attrs = {}) {
  return (text || '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => elIn(doc, 'p', { ...attrs, text: p }));
}

/** Dispatches a composed, bubbling `carte-mentale-…` event from the host. Returns dispatchEvent's value. */
export function fire(host, type, detail, cancelable = false) {
  return host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

/** A button (`type=button`) with attributes. */
export function button(attrs = {}, ...children) {
  return el('button', { type: 'button', ...attrs }, ...children);
}

/**
 * The controls of a `sheet` a button opens, for a part with `toggle` and `close` buttons and
 * `open()` and `hide(refocus)` methods: a click on the toggle opens the sheet, or closes it
 * (`hide(false)`) when `isOpen()`; the close button, and Escape inside the sheet while it is
 * open, close it and give the keyboard back to the toggle (`hide(true)`).
 */
export function wireSheet(sheet, part, isOpen) {
  part.toggle.addEventListener('click', () => (isOpen() ? part.hide(false) : part.open()));
  part.close.addEventListener('click', () => part.hide(true));
  sheet.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && isOpen()) {
      part.hide(true);
      e.preventDefault();
      e.stopPropagation();
    }
  });
}

/** Sets a control's accessible name and tooltip. */
export function label(control, text) {
  control.setAttribute('aria-label', text);
  control.title = text;
}
