// A small element builder for the studio: text only (`textContent`), never HTML.

/** `el('p', { class: 'x' }, 'text', child)`: attributes set with setAttribute, children appended. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
  e.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return e;
}
