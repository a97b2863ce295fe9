// What leaves a map: its exports as files (PNG of the view, the handle drawing it at 2×; SVG of
// the whole map; CSV of the contributions behind the selection), downloaded under the map's
// file name; a lever printed from a hidden frame; a contribution's citation put on the
// clipboard. Citations carry the link that reopens the map on the contribution.
//
// The SVG, the CSV and the print view's data are written by the exports module (pkg-export),
// fetched (with its hash) at the first of them: the map's handle says what to write (its
// positions and link state, the rows, the lever), the exports module reads the document the map
// loaded again and writes it, so that the module every visitor downloads carries none of it.

import { el, fire } from './dom.js';
import { langOf } from './i18n.js';
import * as citation from './ui/citation.js';

/**
 * An export of `map` as a Blob (null without a map): png, svg or csv. `source` is the document
 * the map loaded (`{ text, name }`, what the SVG and the CSV are written from); `t` the strings
 * (the SVG's group counts are in the page's language); `exporter()` resolves to the
 * exports module.
 */
export async function exportBlob(map, kind, source, t, exporter) {
  if (!map) return null;
  if (kind === 'png') return map.exportPng();
  if (!source) return null;
  // What to write is read before the wait: the export is of the map as it was when asked.
  let write;
  if (kind === 'svg') {
    const [state, positions, aspect] = [map.linkState(), map.layoutPositions(), map.layoutAspect()];
    write = (glue) => glue.posterSvg(source.text, source.name, state, positions, aspect, t.groupOne, t.groupMany);
  } else {
    const [rows, levers] = [map.csvRows(), map.csvLevers()];
    write = (glue) => glue.contributionsCsv(source.text, source.name, rows, levers ?? undefined);
  }
  const body = write(await exporter());
  const type = kind === 'svg' ? 'image/svg+xml;charset=utf-8' : 'text/csv;charset=utf-8';
  return body == null ? null : new Blob([body], { type });
}

/** Downloads an export of `map` through a link in `root`; a failure is logged with `t.exportFailed`. */
export async function download(map, kind, root, t, source, exporter) {
  if (!map) return;
  try {
    const name = map.exportFileName(kind);
    const blob = await exportBlob(map, kind, source, t, exporter);
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

/** The outputs of one map. */
export class Outputs {
  /**
   * `host`: the element (its `lang`, the print event); `root`: its shadow root; `map()`: the
   * handle now (or null); `source()`: the document it loaded (`{ text, name }`); `text()`: the
   * strings now; `urlKey()`: the map's name in the URL fragment; `print`: the print view;
   * `exporter()`: resolves to the exports module (the loader's, fetched once per page); `win`:
   * the page's window (its location and clipboard).
   */
  constructor({ host, root, map, source, text, urlKey, print, exporter }, win = window) {
    Object.assign(this, { host, root, map, source, text, urlKey, print, exporter, win });
  }

  /** An export as a Blob (null without a map): png (the view at 2×), svg (the whole map), csv. */
  blob(kind) { return exportBlob(this.map(), kind, this.source(), this.text(), this.exporter); }

  /** A menu item: downloads the export under the map's file name, or prints. */
  async run(action) {
    if (action === 'print') this.printLever();
    else await download(this.map(), action, this.root, this.text(), this.source(), this.exporter);
  }

  /** The handle's citation of contribution `id` under `lever`, and the page's link to it (null when it has none). */
  #cite(map, id, lever) {
    const { location } = this.win;
    const c = map.citation(id, lever, location.hash.replace(/^#/, ''), this.urlKey());
    return c ? { c, url: citation.citationUrl(location.href, c.fragment) } : null;
  }

  /** Copies the citation of a contribution (with the link to it under `lever`, else the lever in scope). */
  async copyCitation(id, lever) {
    const map = this.map();
    if (!map || !id) return false;
    const cited = this.#cite(map, id, (lever ?? map.printableLever()) ?? undefined);
    if (!cited) return false;
    try {
      await citation.copyCitation(this.win.document, this.win.navigator.clipboard, cited.c, cited.url);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Prints a lever (default: the one in scope of the selection) from a hidden frame, after a
   * cancelable `carte-mentale-print` event. Returns at once whether there is a lever to print;
   * the exports module writes its data, so the frame comes once that module is there
   * (`this.printing` resolves to whether it was shown).
   */
  printLever(id) {
    const map = this.map();
    const lever = id ?? map?.printableLever();
    const source = this.source();
    // A lever or a « Non classées » group: what the print view is for.
    if (!map || !lever || !source || map.detail(lever)?.kind !== 'lever') return false;
    const t = this.text();
    const lang = langOf(this.host.getAttribute('lang'));
    this.printing = this.exporter().then((glue) => {
      if (this.map() !== map) return false;
      const data = glue.printData(source.text, source.name, lever);
      if (!data) return false;
      const cite = (c) => {
        const cited = this.#cite(map, c.id, data.leverId);
        return cited ? citation.citationText(cited.c, cited.url) : null;
      };
      const win = this.print.show(this.root, data, t, lang, cite);
      if (fire(this.host, 'carte-mentale-print', data.leverId, true)) win.print();
      return true;
    }, (err) => {
      console.warn(t.exportFailed, err);
      return false;
    });
    return true;
  }
}
