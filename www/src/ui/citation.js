// Citing a contribution in one click: « texte » — Prénom Nom, fonction, Commune (dép.), année,
// with the link that reopens the map on it, put on the clipboard as plain text and as HTML.
// The citation's words come from the wasm handle (`citation(id, lever, fragment, key)`); the
// HTML is built with DOM methods and text nodes, then serialised: no untrusted string is ever
// concatenated into markup.

/** The page's address with `fragment` (without `#`) as its fragment. */
export function citationUrl(href, fragment) {
  const base = String(href ?? '').split('#')[0];
  return fragment ? `${base}#${fragment}` : base;
}

/** The plain-text citation: the handle's « texte » — attribution, then the link on its own line. */
export function citationText(c, url) {
  return url ? `${c.plain}\n${url}` : c.plain;
}

/** The citation as DOM, in `doc`: a blockquote with the words, then « — attribution, lien ». */
export function citationNode(doc, c, url) {
  const box = doc.createElement('div');
  const quote = doc.createElement('blockquote');
  quote.textContent = `« ${c.text} »`;
  const who = doc.createElement('p');
  who.append(doc.createTextNode(c.attribution ? `— ${c.attribution}` : ''));
  if (url) {
    if (c.attribution) who.append(doc.createTextNode(', '));
    const a = doc.createElement('a');
    a.setAttribute('href', url);
    a.textContent = url;
    who.append(a);
  }
  box.append(quote, who);
  return box;
}

/** A node as HTML text, by the platform's serialiser (escapes every text and attribute). */
export function serialize(doc, node) {
  const S = doc.defaultView?.XMLSerializer ?? globalThis.XMLSerializer;
  return S ? new S().serializeToString(node) : String(node);
}

/**
 * Puts a citation on the clipboard, as plain text and HTML when the browser can
 * (`ClipboardItem`), else as plain text. Resolves with the plain text, rejects if refused.
 */
export async function copyCitation(doc, clipboard, c, url) {
  const text = citationText(c, url);
  const Item = doc.defaultView?.ClipboardItem ?? globalThis.ClipboardItem;
  if (clipboard?.write && Item) {
    const html = serialize(doc, citationNode(doc, c, url));
    await clipboard.write([new Item({
      'text/plain': new Blob([text], { type: 'text/plain' }),
      'text/html': new Blob([html], { type: 'text/html' }),
    })]);
  } else if (clipboard?.writeText) {
    await clipboard.writeText(text);
  } else {
    throw new Error('clipboard unavailable');
  }
  return text;
}

/**
 * A « Copier la citation » button with its status line. `onCopy()` does the copy and resolves
 * with true (copied) or false (refused); the button says so for a few seconds.
 */
export function build(doc, { onCopy }) {
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'cite';
  const status = doc.createElement('span');
  status.className = 'cite-status';
  status.setAttribute('role', 'status');
  const root = doc.createElement('p');
  root.className = 'cite-row';
  root.append(button, status);
  let t = null;
  let timer = 0;
  button.addEventListener('click', async () => {
    const ok = await onCopy();
    status.textContent = ok ? t.citationCopied : t.citationFailed;
    clearTimeout(timer);
    timer = setTimeout(() => { status.textContent = ''; }, 4000);
  });
  return {
    root,
    button,
    status,
    applyText(text) {
      t = text;
      button.textContent = t.copyCitation;
    },
    sync() {
      status.textContent = '';
    },
  };
}
