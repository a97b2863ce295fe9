// The print view of a lever: its motion, axis, title, description and every contribution with
// its author, place, year, label and links (http(s) only), laid out for A4 inside a hidden
// frame of its own, then printed.

import { elIn, paragraphs, safeHref } from '../dom.js';
import { PRINT_CSS } from '../styles.js';

export class PrintView {
  constructor() {
    this.frame = null;
  }

  /** Nothing to build until something is printed: the frame is made for each print. */
  build() { return null; }

  applyText() {}

  sync() {}

  /**
   * Builds the print view of `data` (the handle's `printData`) in a new frame appended to
   * `root`, in language `lang` with strings `t`; `cite(c)` gives a contribution's citation
   * text (or null). Returns the frame's window.
   */
  show(root, data, t, lang, cite = () => null) {
    this.remove();
    const frame = elIn(document, 'iframe', { class: 'print-frame', title: t.printFrame, tabindex: '-1', 'aria-hidden': 'true' });
    root.append(frame);
    this.frame = frame;
    const doc = frame.contentDocument;
    const win = frame.contentWindow;
    doc.documentElement.lang = lang;
    doc.title = `${data.lever} — ${data.motion}`;
    if ('adoptedStyleSheets' in doc && typeof win.CSSStyleSheet?.prototype?.replaceSync === 'function') {
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(PRINT_CSS);
      doc.adoptedStyleSheets = [sheet];
    } else {
      doc.head.append(elIn(doc, 'style', { text: PRINT_CSS }));
    }
    doc.body.replaceChildren(...printContent(doc, data, t, cite));
    return win;
  }

  remove() {
    this.frame?.remove();
    this.frame = null;
  }
}

/** The print view's content, built in `doc`. */
export function printContent(doc, data, t, cite = () => null) {
  const e = (tag, attrs, ...children) => elIn(doc, tag, attrs, ...children);
  const header = e('header', {},
    e('p', { class: 'kicker', text: t.printMotion }),
    e('p', { class: 'motion', text: data.motion }),
    e('p', { class: 'kicker', text: t.axis }),
    e('p', { class: 'axis', text: data.axis }),
    e('p', { class: 'kicker', text: t.printLever }),
    e('h1', { text: data.lever }));
  const description = paragraphs(data.description, doc, { class: 'description' });
  const list = e('ol', { class: 'contributions' });
  for (const c of data.contributions) {
    const dl = e('dl');
    const row = (k, v) => { if (v) dl.append(e('dt', { text: k }), e('dd', { text: String(v) })); };
    row(t.author, c.author);
    row(t.printRole, c.role);
    row(t.collectivity, [c.collectivity, c.department ? t.department(c.department) : null].filter(Boolean).join(' '));
    row(t.year, c.year);
    if (c.label) row(t.label, `${'@'.repeat(c.label)} (${t.arobases(c.label)})`);
    const item = e('li', { class: 'contribution' }, e('blockquote', { text: c.text }), dl);
    const citation = cite(c);
    if (citation) item.append(e('p', { class: 'kicker', text: t.printCite }), e('p', { class: 'cite', text: citation }));
    const links = (c.links ?? []).map((l) => ({ href: safeHref(l.href, { mailto: false }), text: l.text })).filter((l) => l.href);
    if (links.length) {
      const ul = e('ul', { class: 'links' });
      for (const { href, text } of links) {
        const a = e('a', { href, rel: 'noopener noreferrer nofollow', text: text || href });
        ul.append(e('li', {}, a, text && text !== href ? e('span', { text: ` (${href})` }) : null));
      }
      item.append(e('p', { class: 'kicker', text: t.links }), ul);
    }
    list.append(item);
  }
  return [
    header,
    ...description,
    e('p', { class: 'count', text: t.contributions(data.contributions.length) }),
    list,
    e('footer', { text: t.printSource(data.motion) }),
  ];
}
