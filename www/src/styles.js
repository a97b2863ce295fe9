// The element's stylesheets: the map's frame and controls (CSS), the export menu (EXPORT_CSS)
// and the print view of a lever, inside its own frame (PRINT_CSS).

export const CSS = `
:host { display: block; position: relative; height: 560px; min-height: 240px; contain: content;
  background: var(--carte-mentale-background, #fff); border: 1px solid var(--carte-mentale-border, #d1d5db);
  border-radius: 8px; overflow: hidden; box-sizing: border-box; }
:host([theme="dark"]) { background: var(--carte-mentale-background, #141414);
  border-color: var(--carte-mentale-border, #4b5563); color-scheme: dark; }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
/* Laid out, not shown: the controls while the map loads. */
.pending { visibility: hidden; }
/* Inherited properties (font, colour, line height, letter spacing, alignment…) cross the shadow
   boundary from the host page: the frame resets every one of them, then sets its own. */
.frame { all: initial; display: block; position: absolute; inset: 0; box-sizing: border-box;
  --_bg: var(--carte-mentale-background, #fff); --_fg: var(--carte-mentale-text, #1f2937);
  --_muted: var(--carte-mentale-muted, #4b5563); --_border: var(--carte-mentale-border, #d1d5db);
  --_control: var(--carte-mentale-control, #6b7280); --_hover: var(--carte-mentale-hover, #eef2f7);
  --_accent: var(--carte-mentale-accent, #1d4ed8); --_focus: var(--carte-mentale-focus, #c2410c);
  --_error: var(--carte-mentale-error, #991b1b);
  font: 15px/1.45 var(--carte-mentale-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  color: var(--_fg); text-align: left; }
:host([theme="dark"]) .frame {
  --_bg: var(--carte-mentale-background, #141414); --_fg: var(--carte-mentale-text, #e5e7eb);
  --_muted: var(--carte-mentale-muted, #9ca3af); --_border: var(--carte-mentale-border, #4b5563);
  --_control: var(--carte-mentale-control, #9ca3af); --_hover: var(--carte-mentale-hover, #262626);
  --_accent: var(--carte-mentale-accent, #93c5fd); --_focus: var(--carte-mentale-focus, #fbbf24);
  --_error: var(--carte-mentale-error, #fca5a5); }
/* The map is drawn in light colours; the dark theme inverts its lightness and keeps its hues. */
:host([theme="dark"]) canvas { filter: invert(0.92) hue-rotate(180deg); }
canvas { display: block; width: 100%; height: 100%; touch-action: none; outline: none; cursor: grab; }
canvas:active { cursor: grabbing; }
canvas:focus-visible { box-shadow: inset 0 0 0 3px var(--_focus); }
.toolbar { position: absolute; top: 8px; left: 8px; display: flex; flex-direction: column; gap: 4px; }
button { font: inherit; color: inherit; margin: 0; }
.toolbar button { width: 36px; height: 36px; border: 1px solid var(--_control); border-radius: 6px; background: var(--_bg);
  font-size: 20px; line-height: 1; cursor: pointer; padding: 0; }
.toolbar button:hover { background: var(--_hover); }
button:focus-visible { outline: 3px solid var(--_focus); outline-offset: 1px; }
.hint { position: absolute; left: 50%; bottom: 16px; transform: translateX(-50%); max-width: 90%;
  background: rgba(17, 24, 39, .88); color: #fff; padding: 8px 14px; border-radius: 6px; font-size: 14px;
  pointer-events: none; }
.status { position: absolute; inset: 0; display: flex; flex-direction: column; justify-content: center;
  align-items: center; gap: 6px; padding: 24px; text-align: center; background: var(--_bg); overflow: auto; }
.status.error { color: var(--_error); align-items: stretch; justify-content: safe center; }
.status.error p { margin: 0; font-weight: 600; }
.status ul { margin: 4px 0 0; padding-left: 1.2em; text-align: left; font-size: 14px; color: var(--_fg); }
.fallback { margin-top: 12px; color: var(--_fg); font-weight: 400; text-align: left; }
.panel { position: absolute; top: 52px; right: 8px; bottom: 8px; width: min(380px, calc(100% - 64px));
  overflow: auto; background: var(--_bg); border: 1px solid var(--_border); border-radius: 8px; padding: 14px 16px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .14); }
.panel .close { position: absolute; top: 6px; right: 6px; width: 32px; height: 32px; border: 0;
  background: transparent; font-size: 22px; cursor: pointer; border-radius: 6px; }
.panel .close:hover { background: var(--_hover); }
.kicker { margin: 0 36px 4px 0; color: var(--_accent); font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; }
.panel h2 { margin: 0 0 8px; font-size: 17px; line-height: 1.3; }
.panel blockquote { margin: 0 0 10px; font-size: 15px; }
.panel p { margin: 0 0 8px; }
.panel dl { margin: 8px 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; font-size: 14px; }
.panel dt { font-weight: 600; color: var(--_muted); }
.panel dd { margin: 0; }
.panel .toggle { border: 1px solid currentColor; border-radius: 6px; background: var(--_bg); padding: 4px 10px; cursor: pointer; }
.panel a { color: var(--_accent); }
.panel .unclassified { font-weight: 600; }
/* Search, filters and the outline. */
.sr-only, .outline:not(.open):not(:focus-within) { position: absolute !important; width: 1px; height: 1px;
  margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.topbar { position: absolute; top: 8px; left: 52px; right: 8px; max-width: 620px; display: flex; gap: 4px; align-items: flex-start; }
.search { position: relative; flex: 1 1 auto; min-width: 0; }
.search input { display: block; width: 100%; height: 36px; margin: 0; padding: 0 88px 0 10px; border: 1px solid var(--_control);
  border-radius: 6px; background: var(--_bg); color: var(--_fg); font: inherit; font-size: 15px; }
.search input::placeholder { color: var(--_muted); opacity: 1; }
.search input:focus-visible { outline: 3px solid var(--_focus); outline-offset: 1px; }
.search .count { position: absolute; top: 0; right: 10px; line-height: 36px; font-size: 13px; color: var(--_muted); pointer-events: none; }
.results { display: none; position: absolute; top: 40px; left: 0; right: 0; max-height: min(320px, 60vh); overflow: auto;
  margin: 0; padding: 4px; list-style: none; background: var(--_bg); border: 1px solid var(--_border); border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .14); z-index: 2; }
.search:focus-within .results.has { display: block; }
.results button { display: block; width: 100%; text-align: left; border: 0; background: transparent; padding: 5px 8px;
  border-radius: 4px; cursor: pointer; font-size: 14px; line-height: 1.3; }
.results button:hover, .results button[aria-current="true"] { background: var(--_hover); }
.results .kind { color: var(--_accent); font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; margin-right: 6px; }
.results .more { padding: 5px 8px; font-size: 13px; color: var(--_muted); }
.topbar > button { flex: 0 0 auto; height: 36px; min-width: 36px; padding: 0 10px; border: 1px solid var(--_control); border-radius: 6px;
  background: var(--_bg); cursor: pointer; font-size: 14px; white-space: nowrap; }
.topbar > button:hover, .topbar > button[aria-expanded="true"] { background: var(--_hover); }
.topbar > button.active { border-color: var(--_accent); color: var(--_accent); font-weight: 600; }
.sheet { position: absolute; top: 52px; left: 52px; width: min(380px, calc(100% - 60px)); max-height: calc(100% - 60px); overflow: auto;
  background: var(--_bg); border: 1px solid var(--_border); border-radius: 8px; padding: 12px 14px; box-shadow: 0 6px 24px rgba(0, 0, 0, .14); }
.sheet h2 { margin: 0 36px 8px 0; font-size: 16px; }
.sheet .close { position: absolute; top: 6px; right: 6px; width: 32px; height: 32px; border: 0; background: transparent; font-size: 22px;
  cursor: pointer; border-radius: 6px; }
.sheet .close:hover { background: var(--_hover); }
.sheet fieldset { border: 0; margin: 0 0 10px; padding: 0; min-width: 0; }
.sheet legend { padding: 0; margin-bottom: 2px; font-weight: 600; font-size: 14px; }
.options { display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 14px; }
.options label { display: inline-flex; align-items: center; gap: 5px; cursor: pointer; }
.options input { margin: 0; width: 16px; height: 16px; accent-color: var(--_accent); }
.options input:focus-visible { outline: 3px solid var(--_focus); outline-offset: 1px; }
.filter-status { margin: 4px 0 8px; font-size: 14px; color: var(--_muted); }
.sheet .clear { border: 1px solid currentColor; border-radius: 6px; background: var(--_bg); padding: 4px 10px; cursor: pointer; }
.outline { left: 8px; bottom: 8px; top: 52px; max-height: none; }
.outline .hint-text { margin: 0 0 6px; font-size: 13px; color: var(--_muted); }
[role="tree"], [role="group"] { list-style: none; margin: 0; padding: 0; }
[role="group"] { padding-left: 18px; }
[role="treeitem"] { outline: none; }
[role="treeitem"] > .row { display: block; padding: 3px 6px 3px 20px; border-radius: 4px; cursor: pointer; position: relative;
  font-size: 14px; line-height: 1.35; }
[role="treeitem"] > .row:hover { background: var(--_hover); }
[role="treeitem"][aria-expanded] > .row::before { content: '▸' / ''; position: absolute; left: 5px; color: var(--_muted); }
[role="treeitem"][aria-expanded="true"] > .row::before { content: '▾' / ''; }
[role="treeitem"][aria-selected="true"] > .row { background: var(--_hover); font-weight: 600; }
[role="treeitem"]:focus-visible > .row, [role="treeitem"]:focus > .row { outline: 3px solid var(--_focus); outline-offset: -1px; }
.row .place { color: var(--_muted); }
.diagnostics-box { position: absolute; left: 8px; bottom: 8px; }
.diagnostics-toggle { border: 0; background: transparent; color: var(--_muted); font-size: 12px; padding: 2px 4px;
  cursor: pointer; text-decoration: underline dotted; }
.diagnostics { position: absolute; left: 0; bottom: 28px; top: auto; max-height: 60vh; }
.diagnostics-list { margin: 0; padding-left: 1.2em; font-size: 13px; }
/* The panel's lists and charts (www/src/ui/). */
.panel .list-count { margin: 10px 0 4px; font-weight: 600; }
.panel .list-head { display: flex; gap: 8px; align-items: center; margin: 0 0 6px; font-size: 14px; }
.panel select { font: inherit; font-size: 14px; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_control); border-radius: 6px; padding: 3px 6px; }
.panel select:focus-visible { outline: 3px solid var(--_focus); outline-offset: 1px; }
.lever-list { list-style: none; margin: 0; padding: 0; }
.lever-list .spacer { padding: 0; margin: 0; border: 0; }
.lever-item { padding: 8px 6px; border-top: 1px solid var(--_border); border-radius: 4px; outline: none; }
.lever-item:hover { background: var(--_hover); }
.lever-item:focus-visible, .lever-item:focus { outline: 3px solid var(--_focus); outline-offset: -3px; }
.lever-item blockquote { margin: 0 0 4px; font-size: 14px; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden; }
.lever-item blockquote.open { display: block; -webkit-line-clamp: none; overflow: visible; }
.lever-item .who { margin: 0; font-size: 13px; color: var(--_muted); }
.lever-item .tags { margin: 0; font-size: 13px; color: var(--_muted); display: flex; gap: 10px; }
.lever-item .actions { margin: 4px 0 0; display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.panel .more, .panel .cite { border: 1px solid var(--_control); border-radius: 6px; background: var(--_bg); padding: 2px 8px; font-size: 13px; cursor: pointer; }
.panel .more:hover, .panel .cite:hover { background: var(--_hover); }
.cite-status { font-size: 13px; color: var(--_muted); }
.charts-total { font-size: 14px; color: var(--_muted); }
.chart-title { margin: 12px 0 4px; font-size: 14px; }
.bars { list-style: none; margin: 0; padding: 0; }
.bars .bar { display: grid; grid-template-columns: minmax(0, 11em) 1fr 3em; gap: 6px; align-items: center; width: 100%; border: 0;
  background: transparent; padding: 2px 4px; border-radius: 4px; cursor: pointer; text-align: left; font-size: 13px; }
.bars .bar:hover { background: var(--_hover); }
.bars .bar[aria-pressed="true"] { font-weight: 700; box-shadow: inset 0 0 0 1px var(--_accent); }
.bar-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar-track { height: 10px; background: var(--_hover); border-radius: 3px; overflow: hidden; }
.bar-fill { display: block; height: 100%; background: var(--_accent); }
.bar-count { text-align: right; font-variant-numeric: tabular-nums; }
.chart-note { margin: 2px 0 0; font-size: 13px; color: var(--_muted); }
.sheet-handle { display: block; width: 100%; height: 28px; margin: -10px 0 4px; border: 0; background: transparent; cursor: ns-resize; touch-action: none; position: relative; }
.sheet-handle::before { content: ''; position: absolute; left: calc(50% - 24px); top: 11px; width: 48px; height: 5px; border-radius: 3px; background: var(--_control); }
.panel.bottom-sheet { top: auto; left: 0; right: 0; bottom: 0; width: auto; max-height: none; border-radius: 12px 12px 0 0; padding-top: 10px; }
.outline .words { color: var(--_fg); }
/* The filters and the outline open above the panel (on a phone, above the bottom sheet). */
.sheet { z-index: 3; }
@media (max-width: 520px) {
  .panel { top: auto; left: 8px; right: 8px; width: auto; max-height: 55%; }
  .topbar .step { display: none; }
  .search input { padding-right: 10px; }
  .search .count { display: none; }
}
@media print {
  .toolbar, .hint, .topbar, .sheet { display: none; }
}
`;

// Exports: the toolbar's menu and the hidden print frame.
export const EXPORT_CSS = `
.export { position: relative; }
.toolbar .export > button { font-size: 18px; }
.export-menu { position: absolute; left: calc(100% + 6px); top: 0; z-index: 2; display: flex; flex-direction: column;
  min-width: max-content; padding: 4px; background: var(--_bg); border: 1px solid var(--_border); border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .14); }
.toolbar .export-menu button { width: auto; height: auto; border: 0; border-radius: 4px; padding: 8px 12px; font-size: 14px;
  line-height: 1.3; text-align: left; white-space: nowrap; background: transparent; }
.toolbar .export-menu button:hover:not(:disabled) { background: var(--_hover); }
.toolbar .export-menu button:disabled { color: var(--_muted); cursor: default; }
.print-frame { position: absolute; left: 0; top: 0; width: 0; height: 0; border: 0; opacity: 0; pointer-events: none; }
`;

// The print view of a lever (A4), inside its own frame: system fonts that every printer has.
export const PRINT_CSS = `
@page { size: A4; margin: 18mm 16mm 20mm; }
html { font: 11pt/1.45 'DejaVu Sans', 'Noto Sans', Arial, Helvetica, sans-serif; color: #111; background: #fff; }
body { margin: 0; }
@media screen { body { max-width: 178mm; margin: 0 auto; padding: 10mm 8mm; } }
.kicker { margin: 0; font-size: 8.5pt; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: #374151; }
.motion { margin: 0 0 3mm; font-size: 10pt; }
.axis { margin: 0 0 3mm; font-size: 11pt; font-weight: 600; }
h1 { margin: 0 0 3mm; font-size: 16pt; line-height: 1.25; }
.description, .count { margin: 0 0 3mm; }
.count { color: #374151; }
ol { margin: 4mm 0 0; padding-left: 1.4em; }
li.contribution { break-inside: avoid; margin: 0 0 5mm; padding-top: 3mm; border-top: .5pt solid #9ca3af; }
blockquote { margin: 0 0 2mm; font-size: 11pt; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .5mm 4mm; font-size: 9.5pt; }
dt { font-weight: 600; color: #374151; }
dd { margin: 0; }
ul.links { margin: 1mm 0 0; padding-left: 1.2em; font-size: 9.5pt; }
a { color: #1d4ed8; overflow-wrap: anywhere; }
footer { margin-top: 6mm; font-size: 8.5pt; color: #374151; }
.cite { margin: 0; font-size: 9pt; white-space: pre-line; overflow-wrap: anywhere; color: #374151; }
`;

let sheet = null;
/** Gives a shadow root the element's stylesheet, one constructed sheet shared by every map. */
export function adoptStyles(root) {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS + EXPORT_CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS + EXPORT_CSS;
    root.append(style);
  }
}
