// The exports of a map as files: PNG of the view (the handle draws it at 2×), SVG of the whole
// map, CSV of the contributions behind the selection; downloaded under the map's file name.

import { el } from './dom.js';

/** An export of `map` as a Blob (null without a map): png, svg or csv. */
export function exportBlob(map, kind) {
  if (!map) return Promise.resolve(null);
  try {
    if (kind === 'png') return map.exportPng();
    const [body, type] = kind === 'svg' ? [map.exportSvg(), 'image/svg+xml;charset=utf-8'] : [map.exportCsv(), 'text/csv;charset=utf-8'];
    return Promise.resolve(body == null ? null : new Blob([body], { type }));
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Downloads an export of `map` through a link in `root`; a failure is logged with `t.exportFailed`. */
export async function download(map, kind, root, t) {
  if (!map) return;
  try {
    const name = map.exportFileName(kind);
    const blob = await exportBlob(map, kind);
    if (!blob) throw new Error('empty export');
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name, hidden: '' });
    root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (err) {
    console.warn(t.exportFailed, err);
  }
}
