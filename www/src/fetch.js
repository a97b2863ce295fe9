// Fetches the motion file and the contributions table as bytes and decodes them with the
// platform's TextDecoder: UTF-8 (a BOM is dropped), else Windows-1252 (what French Excel writes
// for « CSV (séparateur : point-virgule) »), with a warning naming the encoding guessed.

/** A file the map needs could not be had: `text(t)` says why, in the element's language. */
export class DataError extends Error {
  constructor(text) {
    super('data');
    this.text = text;
  }
}

/** The bytes of `url` (relative to the page), or a DataError naming the file. */
async function bytesOf(url) {
  let response;
  try {
    response = await fetch(new URL(url, document.baseURI), { credentials: 'same-origin' });
  } catch {
    throw new DataError((t) => t.network(url));
  }
  if (!response.ok) throw new DataError((t) => t.notFound(url, response.status));
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    // The connection broke during the body: a truncated download.
    throw new DataError((t) => t.network(url));
  }
}

/** `bytes` as text, and the encoding used: UTF-8 when valid, else Windows-1252. */
export function decode(bytes) {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * The motion file `src` and, when given, the table `tableSrc`, fetched together and decoded:
 * `{ text, table, tableSrc, warnings }`, warnings as the parsers' diagnostics (`severity`,
 * `file`, `text`) in the language of `t`.
 */
export async function fetchData(src, tableSrc, t) {
  const [main, extra] = await Promise.all([bytesOf(src), tableSrc ? bytesOf(tableSrc) : null]);
  const warnings = [];
  const read = (bytes, file) => {
    const { text, encoding } = decode(bytes);
    if (encoding !== 'utf-8') {
      const message = t.encodingGuessed(file, 'Windows-1252');
      warnings.push({ severity: 'warning', file, line: 0, column: 0, message, text: message });
    }
    return text;
  };
  const text = read(main, src);
  const table = extra ? read(extra, tableSrc) : null;
  return { text, table, tableSrc: tableSrc || null, warnings };
}
