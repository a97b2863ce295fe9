// The studio's work kept in this browser (localStorage): the two files as text and the choices
// as (contribution id, lever id) pairs. Nothing leaves the browser.

const KEY = 'carte-mentale-studio';

/** The kept work, or null. */
export function loadWork(storage = globalThis.localStorage) {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return null;
    const w = JSON.parse(raw);
    if (!w || typeof w !== 'object' || w.version !== 1) return null;
    return {
      outline: w.outline ?? null,
      table: w.table ?? null,
      choices: Array.isArray(w.choices) ? w.choices.filter((c) => Array.isArray(c) && c.length === 2) : [],
    };
  } catch {
    return null;
  }
}

/** Keeps the work; false when the browser refuses (private mode, full storage). */
export function saveWork(work, storage = globalThis.localStorage) {
  try {
    storage.setItem(KEY, JSON.stringify({ version: 1, ...work }));
    return true;
  } catch {
    return false;
  }
}

export function clearWork(storage = globalThis.localStorage) {
  try {
    storage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}
