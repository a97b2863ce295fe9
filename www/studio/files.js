// Reading the files staff open or drop: text decoded by the browser (`TextDecoder`), UTF-8 when
// the bytes are valid UTF-8, else Windows-1252 — what French Excel writes for « CSV
// (séparateur : point-virgule) » — with a note naming the encoding guessed.

/** `{ text, encoding }` of some bytes: `utf-8` (BOM removed later by the reader) or `windows-1252`. */
export function decodeBytes(bytes) {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Windows-1252 is a superset of ISO-8859-1 for printable text, and covers œ, €, « ».
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Is this file a spreadsheet workbook rather than a text table? */
export function isWorkbook(name) {
  return /\.(xlsx|xlsm|xls|ods)$/i.test(name);
}

/** Bytes as base64 (a workbook kept in localStorage), in chunks: linear in the size. */
export function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of `toBase64`'s text. */
export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Reads a workbook `File`: `{ name, workbook }`, its bytes in base64. */
export async function readWorkbook(file) {
  return { name: file.name, workbook: toBase64(new Uint8Array(await file.arrayBuffer())) };
}

/** Reads a `File`: `{ name, text, encoding }`. */
export async function readFile(file) {
  const { text, encoding } = decodeBytes(new Uint8Array(await file.arrayBuffer()));
  return { name: file.name, text, encoding };
}

/** Which of two dropped files is the outline and which the table, by their names. */
export function sortDropped(files) {
  const out = { outline: null, table: null, other: [] };
  for (const f of files) {
    if (/\.(md|markdown|json)$/i.test(f.name) && !out.outline) out.outline = f;
    else if ((/\.csv$/i.test(f.name) || isWorkbook(f.name)) && !out.table) out.table = f;
    else out.other.push(f);
  }
  return out;
}
