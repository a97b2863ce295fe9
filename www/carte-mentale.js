// carte-mentale — loader and <carte-mentale> custom element.
//
//   <script type="module" src="…/carte-mentale.js"></script>
//   <carte-mentale src="motion-2021.json"></carte-mentale>
//
// The WebAssembly module and its glue are found next to this script (import.meta.url),
// fetched and compiled once per page when the first map needs them, and shared by every
// map. Each element owns one `CarteMentale` handle and destroys it when removed.
// Contribution text is untrusted: everything is written with textContent (never parsed as
// HTML), and only http(s)/mailto links are kept. Documented in docs/embedding.md.

import * as leverList from './src/ui/lever-list.js';
import * as charts from './src/ui/charts.js';
import * as citation from './src/ui/citation.js';
import * as bottomSheet from './src/ui/bottom-sheet.js';

export const VERSION = '0.1.0';

// Every string the element shows, by language (`lang` attribute: fr by default, en).
// Parser diagnostics come from the wasm module and are in French only.
const TEXT = {
  fr: {
    loading: 'Chargement de la carte…',
    noSrc: 'Aucune donnée : indiquez le fichier de la motion dans l’attribut src.',
    notFound: (src, status) => `Impossible de charger la carte : le fichier « ${src} » est introuvable (erreur ${status}).`,
    network: (src) => `Impossible de charger la carte : le fichier « ${src} » n’a pas pu être téléchargé (réseau indisponible ?).`,
    invalid: (src) => `La carte ne peut pas être affichée : le fichier « ${src} » contient des erreurs.`,
    more: (n) => `… et ${n} autre${n > 1 ? 's' : ''} erreur${n > 1 ? 's' : ''}.`,
    noWasm: 'Votre navigateur ne peut pas afficher cette carte interactive (WebAssembly indisponible).',
    cspWasm: 'La carte ne peut pas démarrer : la politique de sécurité (CSP) de cette page interdit WebAssembly. Ajoutez \'wasm-unsafe-eval\' à script-src.',
    moduleFailed: 'Impossible de charger la carte : son programme (carte_mentale_bg.wasm) n’a pas pu être téléchargé.',
    tampered: 'La carte ne peut pas démarrer : son programme (carte_mentale_bg.wasm) n’est pas celui qui a été publié (empreinte différente).',
    unsupported: 'Votre navigateur est trop ancien pour afficher cette carte interactive.',
    unsupportedOutline: 'Votre navigateur est trop ancien pour afficher cette carte interactive ; en voici le plan.',
    crashed: 'La carte a rencontré une erreur inattendue. Rechargez la page.',
    zoomIn: 'Zoomer',
    zoomOut: 'Dézoomer',
    fit: 'Voir toute la carte',
    close: 'Fermer le détail',
    wheelHint: 'Pour zoomer, maintenez Ctrl (ou ⌘) en faisant tourner la molette.',
    mapLabel: (title) => `Carte mentale : ${title}. Cliquez sur un levier pour afficher ses contributions ; au clavier, flèches pour passer d’un nœud à l’autre, Entrée pour ouvrir.`,
    kinds: { motion: 'Motion', axis: 'Axe', lever: 'Levier', contribution: 'Contribution' },
    contributions: (n) => n === 0 ? 'Aucune contribution' : `${n} contribution${n > 1 ? 's' : ''}`,
    show: 'Afficher les contributions',
    hide: 'Masquer les contributions',
    axis: 'Axe',
    axisOf: (a) => `Axe : ${a}`,
    levers: 'Levier(s)',
    label: 'Label Villes Internet',
    arobases: (n) => `${n} arobase${n > 1 ? 's' : ''}`,
    department: (d) => `(${d})`,
    links: 'Liens',
    author: 'Auteur',
    collectivity: 'Collectivité',
    year: 'Année',
    canvas: 'Carte mentale',
    unclassified: 'Contribution non classée : aucun levier ne lui est encore attribué.',
    suggestions: 'Leviers les plus proches par les mots de son texte (à confirmer) :',
    score: (x) => `score ${x.toFixed(2).replace('.', ',')}`,
    search: 'Rechercher dans la carte',
    searchPlaceholder: 'Rechercher : élu·e, commune, thème…',
    results: (n) => (n === 0 ? 'Aucun résultat' : `${n} résultat${n > 1 ? 's' : ''}`),
    resultOf: (i, n) => `${i} sur ${n}`,
    resultsFor: (n, q) => (n === 0 ? `Aucun résultat pour « ${q} ».` : `${n} résultat${n > 1 ? 's' : ''} pour « ${q} ». Entrée ou flèche bas : aller au suivant.`),
    resultsList: 'Résultats de la recherche',
    moreResults: (n) => `… et ${n} autre${n > 1 ? 's' : ''} (affinez la recherche)`,
    prevHit: 'Résultat précédent',
    nextHit: 'Résultat suivant',
    hitAnnounce: (i, n, kind, title) => `Résultat ${i} sur ${n} : ${kind}, ${title}.`,
    filters: 'Filtres',
    filtersOn: (n) => `Filtres (${n})`,
    filterAxes: 'Axe',
    filterYears: 'Année',
    filterDepartments: 'Département',
    filterRoles: 'Fonction',
    filterLabels: 'Label Villes Internet',
    clearFilters: 'Effacer les filtres',
    filterCount: (k, t) => `${k} contribution${k > 1 ? 's' : ''} sur ${t} correspond${k > 1 ? 'ent' : ''} aux filtres.`,
    filtersCleared: (t) => `Filtres effacés : les ${t} contributions sont affichées.`,
    closeFilters: 'Fermer les filtres',
    outline: 'Plan',
    outlineTitle: 'Plan de la carte',
    outlineHint: 'Flèches pour parcourir, Entrée pour ouvrir le détail.',
    treeLabel: (title) => `Plan de la carte : ${title}`,
    closeOutline: 'Fermer le plan',
    keysHelp: 'Flèches : passer d’un nœud à l’autre ; Entrée : ouvrir ; + et − : zoomer ; 0 : tout voir.',
    folded: 'replié',
    unfolded: 'déplié',
    nodeAnnounce: (kind, title, extra) => `${kind} : ${title}${extra ? `. ${extra}` : ''}.`,
    kindTitle: (kind, title) => `${kind} : ${title}`,
    // Exports (menu, downloads, print view)
    exportMenu: 'Exporter',
    exportPng: 'Image PNG (vue actuelle)',
    exportSvg: 'Image SVG (carte entière)',
    exportCsv: 'Tableau CSV (contributions affichées)',
    exportPrint: 'Imprimer le levier',
    exportPrintNeeds: 'Sélectionnez un levier ou l’une de ses contributions pour l’imprimer.',
    exportFailed: 'L’export a échoué.',
    printFrame: 'Vue d’impression du levier',
    printMotion: 'Motion',
    printLever: 'Levier',
    printRole: 'Fonction',
    printSource: (title) => `Extrait de la carte mentale de la motion « ${title} ».`,
    printCite: 'Citer',
    keptOf: (k, n) => `${k} sur ${n}`,
    sortBy: 'Trier par',
    sortKeys: { map: 'ordre de la carte', department: 'département', label: 'label', author: 'auteur' },
    contributionsList: 'Contributions du levier',
    noneKept: 'Aucune contribution de ce levier ne passe la recherche et les filtres.',
    readMore: 'Lire la suite',
    readLess: 'Réduire',
    copyCitation: 'Copier la citation',
    citationCopied: 'Citation copiée.',
    citationFailed: 'Copie impossible : le navigateur la refuse.',
    chartsTotal: (n) => (n === 0 ? 'Aucune contribution ne passe les filtres.' : `${n} contribution${n > 1 ? 's' : ''} : cliquez sur une barre pour filtrer.`),
    chartTitles: { levers: 'Par levier', departments: 'Par département (les dix premiers)', labels: 'Par label', years: 'Par année' },
    barFilter: (name, n) => `${name} : ${n} contribution${n > 1 ? 's' : ''}. Cliquer pour filtrer.`,
    barOpen: (name, n) => `${name} : ${n} contribution${n > 1 ? 's' : ''}. Cliquer pour ouvrir le levier.`,
    otherDepartments: (n) => `Autres départements : ${n}`,
    unclassifiedCount: (n) => `Non classées : ${n}`,
    sheetHandle: (size) => `Redimensionner le panneau (${size})`,
    sheetSizes: { peek: 'réduit', half: 'moitié', full: 'plein écran' },
  },
  en: {
    loading: 'Loading the map…',
    noSrc: 'No data: give the motion file in the src attribute.',
    notFound: (src, status) => `The map cannot be loaded: the file “${src}” was not found (error ${status}).`,
    network: (src) => `The map cannot be loaded: the file “${src}” could not be downloaded (network down?).`,
    invalid: (src) => `The map cannot be shown: the file “${src}” has errors.`,
    more: (n) => `… and ${n} more error${n > 1 ? 's' : ''}.`,
    noWasm: 'Your browser cannot show this interactive map (WebAssembly unavailable).',
    cspWasm: 'The map cannot start: this page’s security policy (CSP) forbids WebAssembly. Add \'wasm-unsafe-eval\' to script-src.',
    moduleFailed: 'The map cannot be loaded: its program (carte_mentale_bg.wasm) could not be downloaded.',
    tampered: 'The map cannot start: its program (carte_mentale_bg.wasm) is not the published one (different hash).',
    unsupported: 'Your browser is too old to show this interactive map.',
    unsupportedOutline: 'Your browser is too old to show this interactive map; here is its outline.',
    crashed: 'The map ran into an unexpected error. Reload the page.',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Show the whole map',
    close: 'Close the detail',
    wheelHint: 'To zoom, hold Ctrl (or ⌘) while turning the wheel.',
    mapLabel: (title) => `Mind map: ${title}. Click a lever to show its contributions; with the keyboard, arrow keys move from node to node, Enter opens.`,
    kinds: { motion: 'Motion', axis: 'Axis', lever: 'Lever', contribution: 'Contribution' },
    contributions: (n) => n === 0 ? 'No contribution' : `${n} contribution${n > 1 ? 's' : ''}`,
    show: 'Show the contributions',
    hide: 'Hide the contributions',
    axis: 'Axis',
    axisOf: (a) => `Axis: ${a}`,
    levers: 'Lever(s)',
    label: 'Villes Internet label',
    arobases: (n) => `${n} arobase${n > 1 ? 's' : ''}`,
    department: (d) => `(${d})`,
    links: 'Links',
    author: 'Author',
    collectivity: 'Local authority',
    year: 'Year',
    canvas: 'Mind map',
    unclassified: 'Unclassified contribution: no lever is attributed to it yet.',
    suggestions: 'Closest levers by the words of its text (to be confirmed):',
    score: (x) => `score ${x.toFixed(2)}`,
    search: 'Search the map',
    searchPlaceholder: 'Search: official, town, topic…',
    results: (n) => (n === 0 ? 'No result' : `${n} result${n > 1 ? 's' : ''}`),
    resultOf: (i, n) => `${i} of ${n}`,
    resultsFor: (n, q) => (n === 0 ? `No result for “${q}”.` : `${n} result${n > 1 ? 's' : ''} for “${q}”. Enter or down arrow: go to the next.`),
    resultsList: 'Search results',
    moreResults: (n) => `… and ${n} more (refine the search)`,
    prevHit: 'Previous result',
    nextHit: 'Next result',
    hitAnnounce: (i, n, kind, title) => `Result ${i} of ${n}: ${kind}, ${title}.`,
    filters: 'Filters',
    filtersOn: (n) => `Filters (${n})`,
    filterAxes: 'Axis',
    filterYears: 'Year',
    filterDepartments: 'Département',
    filterRoles: 'Role',
    filterLabels: 'Villes Internet label',
    clearFilters: 'Clear the filters',
    filterCount: (k, t) => `${k} of ${t} contribution${t > 1 ? 's' : ''} match${k === 1 ? 'es' : ''} the filters.`,
    filtersCleared: (t) => `Filters cleared: all ${t} contributions are shown.`,
    closeFilters: 'Close the filters',
    outline: 'Outline',
    outlineTitle: 'Outline of the map',
    outlineHint: 'Arrow keys to browse, Enter to open the detail.',
    treeLabel: (title) => `Outline of the map: ${title}`,
    closeOutline: 'Close the outline',
    keysHelp: 'Arrow keys: move from node to node; Enter: open; + and −: zoom; 0: whole map.',
    folded: 'folded',
    unfolded: 'unfolded',
    nodeAnnounce: (kind, title, extra) => `${kind}: ${title}${extra ? `. ${extra}` : ''}.`,
    kindTitle: (kind, title) => `${kind}: ${title}`,
    // Exports (menu, downloads, print view)
    exportMenu: 'Export',
    exportPng: 'PNG image (current view)',
    exportSvg: 'SVG image (whole map)',
    exportCsv: 'CSV table (contributions shown)',
    exportPrint: 'Print the lever',
    exportPrintNeeds: 'Select a lever or one of its contributions to print it.',
    exportFailed: 'The export failed.',
    printFrame: 'Print view of the lever',
    printMotion: 'Motion',
    printLever: 'Lever',
    printRole: 'Role',
    printSource: (title) => `From the mind map of the motion “${title}”.`,
    printCite: 'Cite',
    keptOf: (k, n) => `${k} of ${n}`,
    sortBy: 'Sort by',
    sortKeys: { map: 'map order', department: 'department', label: 'label', author: 'author' },
    contributionsList: 'Contributions to the lever',
    noneKept: 'No contribution to this lever passes the search and the filters.',
    readMore: 'Read more',
    readLess: 'Show less',
    copyCitation: 'Copy the quote',
    citationCopied: 'Quote copied.',
    citationFailed: 'Cannot copy: the browser refuses.',
    chartsTotal: (n) => (n === 0 ? 'No contribution passes the filters.' : `${n} contribution${n > 1 ? 's' : ''}: click a bar to filter.`),
    chartTitles: { levers: 'By lever', departments: 'By department (top ten)', labels: 'By label', years: 'By year' },
    barFilter: (name, n) => `${name}: ${n} contribution${n > 1 ? 's' : ''}. Click to filter.`,
    barOpen: (name, n) => `${name}: ${n} contribution${n > 1 ? 's' : ''}. Click to open the lever.`,
    otherDepartments: (n) => `Other departments: ${n}`,
    unclassifiedCount: (n) => `Unclassified: ${n}`,
    sheetHandle: (size) => `Resize the panel (${size})`,
    sheetSizes: { peek: 'small', half: 'half', full: 'full screen' },
  },
};

/** The strings for a `lang` attribute value (fr unless it names English). */
function textFor(lang) {
  return TEXT[(lang || '').trim().toLowerCase().split('-')[0]] ?? TEXT.fr;
}

/**
 * SRI hash of pkg/carte_mentale_bg.wasm. `cargo xtask dist` writes it here, and inlines the glue
 * in place of `importGlue`, so that the script tag's integrity attribute covers all the code.
 */
const WASM_INTEGRITY = null;
const importGlue = () => import('./pkg/carte_mentale.js');

/** Why the wasm module could not start: a key of TEXT (`noWasm`, `cspWasm`, `moduleFailed`, `tampered`). */
class WasmError extends Error {
  constructor(key, cause) {
    super(key, { cause });
    this.key = key;
  }
}

let wasmReady = null;
/**
 * Imports the glue and compiles the module once per page, when the first map needs them.
 * Resolves to the glue module (with its `CarteMentale` class). A failed download is retried
 * by the next map that asks.
 */
function loadWasm() {
  if (!wasmReady) {
    if (typeof WebAssembly !== 'object' || WebAssembly === null) {
      wasmReady = Promise.reject(new WasmError('noWasm'));
    } else {
      const url = new URL('./pkg/carte_mentale_bg.wasm', import.meta.url);
      wasmReady = importGlue()
        .then(async (glue) => {
          // With a known hash, the browser checks the download (fetch's integrity option).
          await glue.default({ module_or_path: WASM_INTEGRITY ? new Request(url, { integrity: WASM_INTEGRITY }) : url });
          return glue;
        })
        .catch(async (err) => {
          wasmReady = null;
          if (/Content Security Policy|unsafe-eval/i.test(String(err?.message))) throw new WasmError('cspWasm', err);
          // A failed fetch of a file that downloads fine: refused for its hash, not the one published.
          const tampered = WASM_INTEGRITY && err instanceof TypeError && (await fetch(url).then((r) => r.ok, () => false));
          throw new WasmError(tampered ? 'tampered' : 'moduleFailed', err);
        });
    }
  }
  return wasmReady;
}

const CSS = `
:host { display: block; position: relative; height: 560px; min-height: 240px; contain: content;
  background: var(--carte-mentale-background, #fff); border: 1px solid var(--carte-mentale-border, #d1d5db);
  border-radius: 8px; overflow: hidden; box-sizing: border-box; }
:host([theme="dark"]) { background: var(--carte-mentale-background, #141414);
  border-color: var(--carte-mentale-border, #4b5563); color-scheme: dark; }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
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
const EXPORT_CSS = `
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
const PRINT_CSS = `
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

/** An element of `doc` (the page, or the print frame), its attributes set and its children appended; `text` is set as text, never parsed. */
function elIn(doc, tag, attrs = {}, ...children) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** Only http(s) links are printed. */
function httpHref(href) {
  return typeof href === 'string' && /^https?:\/\//i.test(href.trim());
}

let sheet = null;
function styles(root) {
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

function el(tag, attrs = {}, ...children) {
  return elIn(document, tag, attrs, ...children);
}

function safeHref(href) {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim());
}

/** The first `n` words of a text, with « … » when there are more. */
function firstWords(text, n) {
  const words = String(text).trim().split(/\s+/).filter(Boolean);
  return words.length > n ? `${words.slice(0, n).join(' ')}…` : words.join(' ');
}

function paragraphs(text) {
  return (text || '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => el('p', { text: p }));
}

export class CarteMentaleElement extends HTMLElement {
  static observedAttributes = ['src', 'contributions', 'height', 'lever', 'zoom', 'lang'];

  #root = null;
  #parts = null;
  #map = null;
  #resize = null;
  #visible = null;
  #generation = 0;
  #hintTimer = 0;
  #ready = null;
  #resolveReady = null;
  #status = { state: 'loading', message: null, items: null };
  #title = '';
  #zoomPending = false;
  #reducedMotion = false;
  #motionId = '';
  #pointerFocus = false;
  #searchTimer = 0;
  #announceTimer = 0;
  #search = { count: 0, hits: [] };
  #hit = null;
  #outlineData = [];
  #items = new Map();
  #activeItem = null;
  #applyingUrl = false;
  #onUrl = () => this.#restoreFromUrl();
  // The panel's parts (www/src/ui/): a lever's list, an axis's or the motion's charts, a
  // contribution's citation, the bottom sheet on phones.
  #ui = null;
  #sort = 'map';
  #shown = null;
  #sheetCovers = 0;
  #phone = typeof matchMedia === 'function' ? matchMedia('(max-width: 520px)') : null;

  constructor() {
    super();
    this.#ready = new Promise((resolve) => { this.#resolveReady = resolve; });
  }

  /** Resolves with `{ ok, … }` once the map is shown or an error is displayed. */
  get ready() { return this.#ready; }
  /** The underlying `CarteMentale` handle (null until loaded). */
  get map() { return this.#map; }
  /** The version of carte-mentale (also in the path of the distributed bundle). */
  get version() { return VERSION; }
  static get version() { return VERSION; }

  /** The element's strings, in the language of its `lang` attribute. */
  get #t() { return textFor(this.getAttribute('lang')); }

  connectedCallback() {
    if (!this.#root) this.#build();
    this.#applyHeight();
    this.#resize = new ResizeObserver(() => this.#sizeChanged());
    this.#resize.observe(this);
    // Lazy: a map below the fold loads (data and wasm) when it comes near the viewport.
    if (this.getAttribute('loading') === 'eager' || typeof IntersectionObserver !== 'function') {
      this.#load();
    } else {
      this.#visible = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.#visible.disconnect();
          this.#visible = null;
          this.#load();
        }
      }, { rootMargin: '200px' });
      this.#visible.observe(this);
    }
  }

  disconnectedCallback() {
    window.removeEventListener('popstate', this.#onUrl);
    window.removeEventListener('hashchange', this.#onUrl);
    clearTimeout(this.#searchTimer);
    clearTimeout(this.#announceTimer);
    this.#resize?.disconnect();
    this.#resize = null;
    this.#visible?.disconnect();
    this.#visible = null;
    this.#generation++;
    this.#destroyMap();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.isConnected || !this.#root) return;
    if (name === 'height') newValue === null ? this.style.removeProperty('height') : this.#applyHeight();
    else if ((name === 'src' || name === 'contributions') && !this.#visible) this.#load();
    else if (name === 'lever' && this.#map && newValue) this.#openLever(newValue);
    else if (name === 'zoom' && this.#map) this.#applyZoom(false);
    else if (name === 'lang') this.#applyText();
  }

  /** `height="480"` (pixels) or any CSS length; otherwise the stylesheet's default. */
  #applyHeight() {
    const h = this.getAttribute('height');
    if (!h) return;
    this.style.height = /^\d+(\.\d+)?$/.test(h.trim()) ? `${h.trim()}px` : h;
  }

  /**
   * `zoom="2"`: the initial zoom, relative to the whole map fitted in the element (1). At load
   * the camera jumps there; a later change animates. Waits until the element has a size (a map
   * in a collapsed tab is fitted when the tab opens).
   */
  #applyZoom(initial) {
    const map = this.#map;
    if (!map) return;
    const rect = this.#parts.canvas.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) {
      this.#zoomPending = true;
      return;
    }
    this.#zoomPending = false;
    const factor = Number.parseFloat(this.getAttribute('zoom') ?? '');
    if (initial && !(factor > 0 && factor !== 1)) return;
    if (initial) map.setReducedMotion(true);
    map.fit();
    if (Number.isFinite(factor) && factor > 0 && factor !== 1) map.zoomBy(factor);
    if (initial) map.setReducedMotion(this.#reducedMotion);
  }

  #openLever(id) {
    const d = this.#map.detail(id);
    if (!d) return;
    if (d.kind === 'lever' && !d.unfolded) this.#map.toggle(id);
    this.select(id);
  }

  fit() { this.#map?.fit(); }
  /** Centres the view on a node and zooms in to read it. */
  zoomTo(id) { return this.#map?.zoomTo(id) ?? false; }
  zoomIn() { this.#map?.zoomIn(); }
  zoomOut() { this.#map?.zoomOut(); }
  /** Selects a node by id (or null) and opens its panel. */
  select(id) {
    if (!this.#map) return false;
    const found = this.#map.select(id ?? undefined);
    this.#showDetail(id ? this.#map.detail(id) : null);
    return found;
  }

  #build() {
    const root = this.attachShadow({ mode: 'open' });
    styles(root);
    const canvas = el('canvas', { tabindex: '0', role: 'img' });
    const zoomIn = el('button', { type: 'button', text: '+' });
    const zoomOut = el('button', { type: 'button', text: '−' });
    const fit = el('button', { type: 'button', text: '⤢' });
    const toolbar = el('div', { class: 'toolbar', hidden: '' }, zoomIn, zoomOut, fit);
    // Search, filters and outline buttons along the top.
    const query = el('input', { type: 'search', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search',
      'aria-controls': 'cm-results', 'aria-describedby': 'cm-count' });
    const count = el('span', { class: 'count', id: 'cm-count' });
    const results = el('ul', { class: 'results', id: 'cm-results' });
    const search = el('div', { class: 'search' }, query, count, results);
    const prev = el('button', { type: 'button', class: 'step', text: '↑', hidden: '' });
    const next = el('button', { type: 'button', class: 'step', text: '↓', hidden: '' });
    const filtersButton = el('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'cm-filters' });
    const outlineButton = el('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'cm-outline' });
    const topbar = el('div', { class: 'topbar', role: 'search', hidden: '' }, search, prev, next, filtersButton, outlineButton);
    const filtersTitle = el('h2', { id: 'cm-filters-title' });
    const filtersClose = el('button', { type: 'button', class: 'close', text: '×' });
    const filterStatus = el('p', { class: 'filter-status' });
    const filterFields = el('div');
    const filtersClear = el('button', { type: 'button', class: 'clear' });
    const filters = el('section', { class: 'sheet filters', id: 'cm-filters', hidden: '', 'aria-labelledby': 'cm-filters-title' },
      filtersTitle, filtersClose, filterStatus, filterFields, filtersClear);
    const outlineTitle = el('h2', { id: 'cm-outline-title' });
    const outlineHint = el('p', { class: 'hint-text' });
    const outlineClose = el('button', { type: 'button', class: 'close', text: '×' });
    const tree = el('ul', { role: 'tree' });
    const outline = el('nav', { class: 'sheet outline', id: 'cm-outline', hidden: '', 'aria-labelledby': 'cm-outline-title' },
      outlineTitle, outlineClose, outlineHint, tree);
    const hint = el('div', { class: 'hint', hidden: '', role: 'note' });
    const close = el('button', { type: 'button', class: 'close', text: '×' });
    const body = el('div', { class: 'body' });
    const panel = el('aside', { class: 'panel', hidden: '', 'aria-live': 'polite' }, close, body);
    const status = el('div', { class: 'status', role: 'status' });
    const live = el('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    root.append(el('div', { class: 'frame' }, canvas, topbar, toolbar, outline, filters, hint, panel, status, live));
    zoomIn.addEventListener('click', () => this.zoomIn());
    zoomOut.addEventListener('click', () => this.zoomOut());
    fit.addEventListener('click', () => this.fit());
    close.addEventListener('click', () => { this.select(null); canvas.focus(); });
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !panel.hidden) {
        this.select(null);
        this.#showDetail(null);
        e.preventDefault();
      }
    });
    // The keyboard's node is ringed on the map while the map (or the outline) has the keyboard;
    // a click focuses the map without the ring.
    canvas.addEventListener('pointerdown', () => { this.#pointerFocus = true; }, { capture: true });
    canvas.addEventListener('focus', () => {
      this.#map?.setFocusVisible(!this.#pointerFocus);
      this.#pointerFocus = false;
    });
    canvas.addEventListener('blur', () => { this.#pointerFocus = false; this.#map?.setFocusVisible(false); });
    query.addEventListener('input', () => {
      clearTimeout(this.#searchTimer);
      this.#searchTimer = setTimeout(() => this.#runSearch(true), 120);
    });
    query.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        clearTimeout(this.#searchTimer);
        if (query.value !== this.#map?.query()) this.#runSearch(true);
        this.#stepHit(e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey) ? false : true);
        e.preventDefault();
      } else if (e.key === 'Escape') {
        if (query.value) {
          query.value = '';
          this.#runSearch(true);
        } else {
          canvas.focus();
        }
        e.preventDefault();
        e.stopPropagation();
      }
    });
    prev.addEventListener('click', () => this.#stepHit(false));
    next.addEventListener('click', () => this.#stepHit(true));
    filtersButton.addEventListener('click', () => {
      const open = filters.hidden;
      filters.hidden = !open;
      filtersButton.setAttribute('aria-expanded', String(open));
      if (open) {
        this.#closeOutline(false);
        filters.querySelector('input, button.clear')?.focus();
      }
    });
    filtersClose.addEventListener('click', () => { filters.hidden = true; filtersButton.setAttribute('aria-expanded', 'false'); filtersButton.focus(); });
    filters.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        filters.hidden = true;
        filtersButton.setAttribute('aria-expanded', 'false');
        filtersButton.focus();
        e.preventDefault();
        e.stopPropagation();
      }
    });
    filterFields.addEventListener('change', () => this.#applyFilters());
    filtersClear.addEventListener('click', () => this.clearFilters());
    outlineButton.addEventListener('click', () => {
      const open = !outline.classList.contains('open');
      outline.classList.toggle('open', open);
      outlineButton.setAttribute('aria-expanded', String(open));
      if (open) {
        filters.hidden = true;
        filtersButton.setAttribute('aria-expanded', 'false');
        this.#focusTreeItem(this.#activeItem ?? tree.firstElementChild);
      }
      this.#updatePanelInsets();
    });
    outlineClose.addEventListener('click', () => this.#closeOutline(true));
    outline.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && outline.classList.contains('open')) {
        this.#closeOutline(true);
        e.preventDefault();
        e.stopPropagation();
      }
    });
    tree.addEventListener('keydown', (e) => this.#onTreeKey(e));
    tree.addEventListener('click', (e) => {
      const item = e.target.closest('[role="treeitem"]');
      if (item) this.#activateTreeItem(item, true);
    });
    // The outline is visually hidden until asked for (screen readers always have it); it shows
    // while it has the keyboard, and the map rings the node the outline is on.
    outline.addEventListener('focusin', () => this.#map?.setFocusVisible(true));
    outline.addEventListener('focusout', (e) => {
      if (!outline.contains(e.relatedTarget)) this.#map?.setFocusVisible(false);
    });
    this.#root = root;
    this.#parts = {
      canvas, toolbar, hint, panel, body, status, zoomIn, zoomOut, fit, close, live,
      topbar, query, count, results, prev, next, filtersButton, outlineButton,
      filters, filtersTitle, filtersClose, filterStatus, filterFields, filtersClear,
      outline, outlineTitle, outlineHint, outlineClose, tree,
    };
    this.#buildExport();
    this.#buildPanelParts();
    this.#applyText();
  }

  /** The panel's list, charts, citation button and sheet handle. */
  #buildPanelParts() {
    const { panel, canvas } = this.#parts;
    const list = leverList.build(document, {
      scroller: () => panel,
      onSort: (key) => { this.#sort = key; this.#refreshPanel(); },
      onPreview: (id) => this.#map?.preview(id ?? undefined),
      onCite: (id) => this.#copyCitation(id),
      onEscape: () => canvas.focus(),
    });
    const chart = charts.build(document, { onBar: (field, value) => this.#onBar(field, value) });
    const cite = citation.build(document, { onCopy: () => this.#copyCitation(this.#shown?.id) });
    const sheet = bottomSheet.build(document, panel, {
      frameHeight: () => this.getBoundingClientRect().height,
      onChange: (px) => { this.#sheetCovers = px; this.#updatePanelInsets(); },
    });
    panel.prepend(sheet.root);
    let frame = 0;
    panel.addEventListener('scroll', () => {
      if (!frame) frame = requestAnimationFrame(() => { frame = 0; list.render(); });
    }, { passive: true });
    this.#phone?.addEventListener?.('change', () => this.#syncSheet());
    this.#ui = { list, chart, cite, sheet };
  }

  /** The lever (or the contribution's lever) a citation's link unfolds. */
  async #copyCitation(id) {
    const map = this.#map;
    if (!map || !id) return false;
    const lever = this.#shown?.kind === 'lever' ? this.#shown.id : map.printableLever();
    const c = map.citation(id, lever ?? undefined, location.hash.replace(/^#/, ''), this.#urlKey);
    if (!c) return false;
    try {
      await citation.copyCitation(document, navigator.clipboard, c, citation.citationUrl(location.href, c.fragment));
      return true;
    } catch {
      return false;
    }
  }

  /** A chart's bar: a lever opens; a department, label or year filter is toggled. */
  #onBar(field, value) {
    if (!this.#map) return;
    if (!field) {
      this.#openLever(value);
      return;
    }
    const f = this.#map.filters() ?? {};
    const v = field === 'departments' ? value : Number(value);
    const list = (f[field] ?? []).filter((x) => x !== v);
    f[field] = list.length === (f[field] ?? []).length ? [...list, v] : list;
    this.setFilters(f);
  }

  /** The shown lever's list, or the shown axis's or motion's charts, again (sort, search, filters). */
  #refreshPanel() {
    const d = this.#shown;
    const map = this.#map;
    if (!d || !map || !this.#ui) return;
    if (d.kind === 'lever') this.#ui.list.sync({ list: map.leverList(d.id, this.#sort) });
    else if (d.kind === 'axis' || d.kind === 'motion') this.#ui.chart.sync({ summary: map.summary(d.id), filters: map.filters() });
  }

  #syncSheet() {
    const { panel } = this.#parts;
    this.#ui?.sheet.sync({ phone: !!this.#phone?.matches, open: !panel.hidden });
    this.#updatePanelInsets();
  }

  /** The map refits beside an open panel (or above the sheet) and the outline, and back when they close. */
  #updatePanelInsets() {
    const map = this.#map;
    if (!map || !this.#parts) return;
    const { panel, outline, canvas } = this.#parts;
    const c = canvas.getBoundingClientRect();
    let right = 0;
    let bottom = 0;
    let left = 0;
    if (!panel.hidden) {
      if (this.#phone?.matches) bottom = this.#sheetCovers;
      else right = Math.max(0, c.right - panel.getBoundingClientRect().left + 8);
    }
    if (outline.classList.contains('open') && !this.#phone?.matches) {
      left = Math.max(0, outline.getBoundingClientRect().right - c.left + 8);
    }
    map.setPanelInsets(right, bottom, left);
  }

  /** Writes the element's strings in its language (again when `lang` changes). */
  #applyText() {
    if (!this.#parts) return;
    const t = this.#t;
    const p = this.#parts;
    const { canvas, hint, zoomIn, zoomOut, fit, close } = p;
    for (const [button, label] of [[zoomIn, t.zoomIn], [zoomOut, t.zoomOut], [fit, t.fit], [close, t.close],
      [p.prev, t.prevHit], [p.next, t.nextHit], [p.filtersClose, t.closeFilters], [p.outlineClose, t.closeOutline]]) {
      button.setAttribute('aria-label', label);
      button.title = label;
    }
    hint.textContent = t.wheelHint;
    this.#applyExportText();
    if (this.#ui) {
      this.#ui.list.applyText(t);
      this.#ui.chart.applyText(t);
      this.#ui.cite.applyText(t);
      this.#ui.sheet.applyText(t);
    }
    canvas.setAttribute('aria-label', this.#map ? t.mapLabel(this.#title) : t.canvas);
    p.query.setAttribute('aria-label', t.search);
    p.query.placeholder = t.searchPlaceholder;
    p.results.setAttribute('aria-label', t.resultsList);
    p.filtersTitle.textContent = t.filters;
    p.filtersClear.textContent = t.clearFilters;
    p.outlineButton.textContent = t.outline;
    p.outlineButton.title = t.outlineTitle;
    p.outlineTitle.textContent = t.outlineTitle;
    p.outlineHint.textContent = t.outlineHint;
    p.tree.setAttribute('aria-label', t.treeLabel(this.#title));
    this.#renderStatus();
    if (this.#map) {
      this.#buildFilters();
      this.#renderFilterState(false);
      this.#renderResults();
      this.#buildTree();
    } else {
      p.filtersButton.textContent = t.filters;
    }
    const shown = this.#map && !this.#parts.panel.hidden ? this.#map.selected() : null;
    if (shown) this.#showDetail(this.#map.detail(shown));
  }

  #destroyMap() {
    if (this.#map) {
      this.#map.destroy();
      this.#map.free();
      this.#map = null;
    }
  }

  async #load() {
    const generation = ++this.#generation;
    const src = this.getAttribute('src');
    this.#destroyMap();
    this.#showDetail(null);
    this.#setStatus('loading');
    if (!src) return this.#fail((t) => t.noSrc);
    // The contributions table (CSV), when the page gives one: its rows replace the outline's.
    const tableSrc = this.getAttribute('contributions');
    let text;
    let table = null;
    let glue;
    const get = (url) => fetch(new URL(url, document.baseURI), { credentials: 'same-origin' }).catch(() => null);
    try {
      let response;
      let tableResponse;
      [glue, response, tableResponse] = await Promise.all([loadWasm(), get(src), tableSrc ? get(tableSrc) : null]);
      if (generation !== this.#generation) return;
      for (const [file, r] of [[src, response], ...(tableSrc ? [[tableSrc, tableResponse]] : [])]) {
        if (!r) return this.#fail((t) => t.network(file));
        if (!r.ok) return this.#fail((t) => t.notFound(file, r.status));
      }
      [text, table] = await Promise.all([response.text(), tableSrc ? tableResponse.text() : null]);
    } catch (err) {
      if (generation !== this.#generation) return;
      if (!(err instanceof WasmError)) return this.#fail((t) => t.network(src));
      if (err.cause) console.error(err.cause);
      return this.#fail((t) => t[err.key]);
    }
    if (generation !== this.#generation) return;
    try {
      const map = new glue.CarteMentale(this.#parts.canvas);
      this.#reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
      map.setReducedMotion(this.#reducedMotion);
      const rect = this.#parts.canvas.getBoundingClientRect();
      map.resize(rect.width, rect.height, devicePixelRatio || 1);
      const result = tableSrc ? map.loadWithTable(text, src, table, tableSrc) : map.load(text, src);
      if (!result.ok) {
        map.destroy();
        map.free();
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        const shown = errors.slice(0, 5).map((d) => d.text);
        const more = errors.length - shown.length;
        const file = errors[0]?.file || src;
        return this.#fail((t) => t.invalid(file), (t) => (more > 0 ? [...shown, t.more(more)] : shown), result);
      }
      // Events arrive while the map is inside one of its own calls: handle them once it has
      // returned (the handlers call the map back).
      map.setListener((type, detail) => queueMicrotask(() => { if (this.#map === map) this.#onMapEvent(type, detail); }));
      this.#map = map;
      this.#title = result.title;
      this.#motionId = result.id;
      this.#search = { count: 0, hits: [] };
      this.#hit = null;
      this.#parts.query.value = '';
      this.#setStatus('ready');
      this.#applyText();
      this.#updateInset();
      this.#applyZoom(true);
      // A link to a view of this map wins over the lever attribute.
      const restored = this.#restoreFromUrl();
      const lever = this.getAttribute('lever');
      if (lever && !restored) this.#openLever(lever);
      window.addEventListener('popstate', this.#onUrl);
      window.addEventListener('hashchange', this.#onUrl);
      this.#resolveReady(result);
      this.dispatchEvent(new CustomEvent('carte-mentale-ready', { detail: result, bubbles: true, composed: true }));
    } catch (err) {
      console.error(err);
      this.#fail((t) => t.crashed);
    }
  }

  /** Shows an error inside the element: `message(t)` and `items(t)` give its text in a language. */
  #fail(message, items = () => [], result = null) {
    this.#setStatus('error', message, items);
    const t = this.#t;
    const detail = { ok: false, messages: [message(t), ...items(t)], diagnostics: result?.diagnostics ?? [] };
    this.#resolveReady(detail);
    this.dispatchEvent(new CustomEvent('carte-mentale-error', { detail, bubbles: true, composed: true }));
  }

  #setStatus(state, message = null, items = null) {
    this.#status = { state, message, items };
    this.dataset.state = state;
    this.#renderStatus();
  }

  #renderStatus() {
    const { status, toolbar } = this.#parts;
    const { state, message, items: list } = this.#status;
    const t = this.#t;
    const lines = message ? [message(t)] : [];
    const items = list ? list(t) : [];
    status.className = state === 'error' ? 'status error' : 'status';
    status.setAttribute('role', state === 'error' ? 'alert' : 'status');
    status.replaceChildren();
    const { topbar, outline, filters } = this.#parts;
    if (state === 'ready') {
      status.hidden = true;
      toolbar.hidden = false;
      topbar.hidden = false;
      outline.hidden = false;
      return;
    }
    status.hidden = false;
    toolbar.hidden = true;
    topbar.hidden = true;
    outline.hidden = true;
    filters.hidden = true;
    if (state === 'loading') status.append(el('p', { text: this.#t.loading }));
    for (const line of lines) status.append(el('p', { text: line }));
    if (items.length) status.append(el('ul', {}, ...items.map((item) => el('li', { text: item }))));
    // When the map cannot be shown, the page's own outline (the element's children) is.
    if (state === 'error' && this.childElementCount > 0) status.append(el('div', { class: 'fallback' }, el('slot')));
  }

  /** Fitting the map keeps it below the search bar. */
  #updateInset() {
    const { topbar, canvas } = this.#parts;
    if (!this.#map || topbar.hidden) return;
    const top = canvas.getBoundingClientRect().top;
    const bottom = topbar.getBoundingClientRect().bottom;
    if (bottom > top) this.#map.setTopInset(bottom - top + 4);
  }

  #sizeChanged() {
    if (!this.#map) return;
    const rect = this.#parts.canvas.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0) {
      this.#map.resize(rect.width, rect.height, devicePixelRatio || 1);
      this.#updateInset();
      this.#syncSheet();
      if (this.#zoomPending) this.#applyZoom(true);
    }
  }

  #onMapEvent(type, detail) {
    if (type === 'select') {
      this.#showDetail(detail);
      this.#syncTree();
      this.#writeUrl(true);
      this.dispatchEvent(new CustomEvent('carte-mentale-select', { detail, bubbles: true, composed: true }));
    } else if (type === 'toggle') {
      this.#syncTree();
      this.#writeUrl(false);
    } else if (type === 'focus') {
      if (detail) this.#setActiveItem(detail);
      if (detail && this.#root.activeElement === this.#parts.canvas) this.#announce(this.#describe(detail));
    } else if (type === 'wheelhint') {
      const { hint } = this.#parts;
      hint.hidden = false;
      clearTimeout(this.#hintTimer);
      this.#hintTimer = setTimeout(() => { hint.hidden = true; }, 1600);
    }
  }

  // ----- Search -------------------------------------------------------------------------

  /** Searches the map as the search box does; resolves nothing, returns `{ count, hits }`. */
  search(text) {
    if (!this.#map) return null;
    this.#parts.query.value = text ?? '';
    this.#runSearch(true);
    return this.#search;
  }

  #runSearch(write) {
    const map = this.#map;
    if (!map) return;
    const q = this.#parts.query.value;
    this.#search = map.search(q) ?? { count: 0, hits: [] };
    this.#hit = null;
    this.#renderResults();
    this.#refreshPanel();
    if (write) this.#writeUrl(false);
    clearTimeout(this.#announceTimer);
    if (q.trim()) {
      this.#announceTimer = setTimeout(() => this.#announce(this.#t.resultsFor(this.#search.count, q.trim())), 700);
    }
  }

  #renderResults() {
    const { results, count, prev, next, query } = this.#parts;
    const t = this.#t;
    const { count: n, hits } = this.#search;
    const active = query.value.trim() !== '';
    count.textContent = !active ? '' : this.#hit ? t.resultOf(this.#hit.index + 1, n) : t.results(n);
    prev.hidden = next.hidden = !active || n === 0;
    results.replaceChildren();
    results.classList.toggle('has', active);
    if (!active) return;
    if (n === 0) {
      results.append(el('li', { class: 'more', text: t.results(0) }));
      return;
    }
    hits.forEach((h, k) => {
      const b = el('button', { type: 'button', tabindex: '-1' }, el('span', { class: 'kind', text: t.kinds[h.kind] ?? '' }), h.title);
      if (this.#hit?.index === k) b.setAttribute('aria-current', 'true');
      b.addEventListener('click', () => this.#goToHit(k));
      results.append(el('li', {}, b));
    });
    if (n > hits.length) results.append(el('li', { class: 'more', text: t.moreResults(n - hits.length) }));
  }

  #stepHit(forward) {
    const s = this.#map?.stepHit(forward);
    this.#afterHit(s);
  }

  #goToHit(k) {
    const s = this.#map?.goToHit(k);
    this.#afterHit(s);
  }

  #afterHit(s) {
    if (!s) return;
    clearTimeout(this.#announceTimer);
    this.#hit = s;
    this.#renderResults();
    // The list steps aside so the map shows the hit; typing brings it back.
    this.#parts.results.classList.remove('has');
    this.#parts.results.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
    const item = this.#outlineData.find((o) => o.id === s.id);
    this.#announce(this.#t.hitAnnounce(s.index + 1, s.count, this.#t.kinds[item?.kind] ?? '', item?.title ?? s.id));
  }

  // ----- Filters ------------------------------------------------------------------------

  /** Filters the contributions: `{ axes, years, departments, roles, labels }` (arrays). */
  setFilters(filters) {
    if (!this.#map) return null;
    const counts = this.#map.setFilters(filters ?? null);
    this.#renderFilterState(true);
    return counts;
  }

  /** Clears every filter (one click on « Effacer les filtres »). */
  clearFilters() {
    if (!this.#map) return;
    this.#map.setFilters(null);
    this.#renderFilterState(true);
    this.#announce(this.#t.filtersCleared(this.#map.filterCount().total));
  }

  /** The filter fieldsets, from the values in the data (with their counts). */
  #buildFilters() {
    const t = this.#t;
    const facets = this.#map.facets();
    const fields = [['axes', t.filterAxes], ['years', t.filterYears], ['departments', t.filterDepartments],
      ['roles', t.filterRoles], ['labels', t.filterLabels]];
    const out = [];
    for (const [key, legend] of fields) {
      const values = facets[key] ?? [];
      if (values.length === 0) continue;
      const options = el('div', { class: 'options' });
      for (const v of values) {
        const box = el('input', { type: 'checkbox', name: key, value: v.value });
        const text = el('span', { text: `${v.label} (${v.count})` });
        if (key === 'labels') text.setAttribute('aria-label', `${t.arobases(Number(v.value))} (${v.count})`);
        options.append(el('label', {}, box, text));
      }
      out.push(el('fieldset', {}, el('legend', { text: legend }), options));
    }
    this.#parts.filterFields.replaceChildren(...out);
  }

  /** Reads the checkboxes into the map's filters. */
  #applyFilters() {
    const f = { axes: [], years: [], departments: [], roles: [], labels: [] };
    for (const box of this.#parts.filterFields.querySelectorAll('input:checked')) {
      const numeric = box.name === 'years' || box.name === 'labels';
      f[box.name].push(numeric ? Number(box.value) : box.value);
    }
    this.#map.setFilters(f);
    this.#renderFilterState(true);
    const { kept, total } = this.#map.filterCount();
    this.#announce(this.#activeFilters() ? this.#t.filterCount(kept, total) : this.#t.filtersCleared(total));
  }

  #activeFilters() {
    const f = this.#map?.filters();
    return f ? Object.values(f).reduce((n, list) => n + list.length, 0) : 0;
  }

  /** Checkboxes, counts, the button's badge, the hits and the outline, after a filter change. */
  #renderFilterState(changed) {
    this.#refreshPanel();
    const p = this.#parts;
    const t = this.#t;
    const f = this.#map.filters();
    for (const box of p.filterFields.querySelectorAll('input')) {
      box.checked = (f[box.name] ?? []).map(String).includes(box.value);
    }
    const n = this.#activeFilters();
    const { kept, total } = this.#map.filterCount();
    p.filterStatus.textContent = t.filterCount(kept, total);
    p.filtersButton.textContent = n ? t.filtersOn(n) : t.filters;
    p.filtersButton.classList.toggle('active', n > 0);
    p.filtersClear.disabled = n === 0;
    if (changed) {
      this.#search = this.#map.search(p.query.value) ?? { count: 0, hits: [] };
      this.#hit = null;
      this.#renderResults();
      this.#syncTree(true);
      this.#writeUrl(false);
    }
  }

  // ----- Outline (ARIA tree) --------------------------------------------------------------

  #buildTree() {
    this.#outlineData = this.#map.outline() ?? [];
    this.#items = new Map();
    const { tree } = this.#parts;
    tree.replaceChildren();
    if (this.#outlineData.length === 0) return;
    tree.append(this.#treeItem(0, 1, 1));
    this.#activeItem = null;
    this.#syncTree(true);
  }

  /** One tree item (and, for the motion and the axes, their children). */
  #treeItem(index, pos, size) {
    const o = this.#outlineData[index];
    const li = el('li', { role: 'treeitem', 'aria-level': String(o.level + 1), 'aria-setsize': String(size),
      'aria-posinset': String(pos), 'aria-selected': 'false', tabindex: '-1' });
    li.dataset.index = String(index);
    li.append(el('span', { class: 'row' }));
    if (!this.#items.has(o.id)) this.#items.set(o.id, []);
    this.#items.get(o.id).push(li);
    if (o.level < 2) {
      li.setAttribute('aria-expanded', 'true');
      const group = el('ul', { role: 'group' });
      o.children.forEach((c, k) => group.append(this.#treeItem(c, k + 1, o.children.length)));
      li.append(group);
    }
    return li;
  }

  /** The text of a tree item: kind, title and count, or a contribution's author and place. */
  #itemText(o, kept) {
    const t = this.#t;
    if (o.kind === 'contribution') return [`${o.title}`, o.place ? `, ${o.place}` : ''];
    const count = o.kind === 'lever' ? o.children.filter((c) => kept.has(this.#outlineData[c].id)).length : null;
    return [t.kindTitle(t.kinds[o.kind], o.title), count === null ? '' : ` — ${t.contributions(count)}`];
  }

  /**
   * Brings the tree in line with the map: levers expanded as on the map (with the
   * contributions the filters keep), the selection, counts. `rebuild` redraws the groups of
   * unfolded levers (after a filter change).
   */
  #syncTree(rebuild = false) {
    const map = this.#map;
    if (!map || this.#outlineData.length === 0) return;
    const unfolded = new Set(map.unfoldedIds());
    const kept = new Set(map.keptIds());
    const selected = map.selected();
    const hadFocus = this.#root.activeElement?.getAttribute?.('role') === 'treeitem' ? this.#root.activeElement : null;
    const focusId = hadFocus ? this.#outlineData[Number(hadFocus.dataset.index)].id : null;
    const focusLever = hadFocus?.parentElement?.closest('[role="treeitem"]')?.dataset.index;
    for (const o of this.#outlineData) {
      if (o.kind !== 'lever') continue;
      for (const li of this.#items.get(o.id) ?? []) {
        const [title, count] = this.#itemText(o, kept);
        li.firstElementChild.textContent = title + count;
        if (o.children.length === 0) continue;
        const open = unfolded.has(o.id);
        li.setAttribute('aria-expanded', String(open));
        let group = li.querySelector(':scope > [role="group"]');
        if (group && (!open || rebuild)) {
          for (const item of group.children) this.#forget(item);
          group.remove();
          group = null;
        }
        if (open && !group) {
          const shown = o.children.filter((c) => kept.has(this.#outlineData[c].id));
          group = el('ul', { role: 'group' });
          shown.forEach((c, k) => group.append(this.#treeItem(c, k + 1, shown.length)));
          li.append(group);
        }
      }
    }
    for (const o of this.#outlineData) {
      if (o.kind === 'lever' || o.kind === 'contribution') continue;
      for (const li of this.#items.get(o.id) ?? []) {
        const [title, count] = this.#itemText(o, kept);
        li.firstElementChild.textContent = title + count;
      }
    }
    for (const li of this.#items.values()) {
      for (const item of li) {
        const o = this.#outlineData[Number(item.dataset.index)];
        if (o.kind === 'contribution') {
          const [who, place] = this.#itemText(o, kept);
          const row = item.firstElementChild;
          if (!row.firstChild) {
            const words = firstWords(this.#map.detail(o.id)?.title ?? '', 10);
            row.append(who, el('span', { class: 'place', text: place }), el('span', { class: 'words', text: words ? ` — « ${words} »` : '' }));
          }
        }
        item.setAttribute('aria-selected', String(o.id === selected));
      }
    }
    // Keep the keyboard where it was (the same node, under the same lever if it can).
    if (focusId) {
      const candidates = this.#items.get(focusId) ?? [];
      const same = candidates.find((li) => li.parentElement?.closest('[role="treeitem"]')?.dataset.index === focusLever);
      const target = same ?? candidates[0] ?? this.#items.get(this.#outlineData[0].id)[0];
      if (target && target !== this.#root.activeElement) this.#focusTreeItem(target);
      else if (target) this.#rove(target);
    } else {
      const current = this.#activeItem?.isConnected ? this.#activeItem : null;
      this.#rove((selected && this.#items.get(selected)?.[0]) ?? current ?? this.#items.get(this.#outlineData[0].id)[0]);
    }
  }

  #forget(li) {
    for (const item of [li, ...li.querySelectorAll('[role="treeitem"]')]) {
      const id = this.#outlineData[Number(item.dataset.index)].id;
      const list = (this.#items.get(id) ?? []).filter((x) => x !== item);
      if (list.length) this.#items.set(id, list);
      else this.#items.delete(id);
    }
  }

  /** One tab stop in the tree: the active item. */
  #rove(li) {
    if (!li) return;
    if (this.#activeItem && this.#activeItem !== li) this.#activeItem.tabIndex = -1;
    li.tabIndex = 0;
    this.#activeItem = li;
  }

  /** The map's keyboard moved: the tree's tab stop follows. */
  #setActiveItem(id) {
    const list = this.#items.get(id);
    if (list?.length && !list.includes(this.#root.activeElement)) this.#rove(list[0]);
  }

  #focusTreeItem(li) {
    if (!li) return;
    this.#rove(li);
    li.focus({ preventScroll: false });
    const id = this.#outlineData[Number(li.dataset.index)]?.id;
    if (id) this.#map?.focusNode(id);
  }

  /** Enter, Space or a click on a tree item: selects it on the map (a lever also unfolds or folds). */
  #activateTreeItem(li, toggleLever) {
    const o = this.#outlineData[Number(li.dataset.index)];
    if (!o || !this.#map) return;
    this.#rove(li);
    if (toggleLever && o.kind === 'lever' && o.children.length > 0) this.#map.toggle(o.id);
    this.select(o.id);
    this.#map.zoomTo(o.id);
  }

  #onTreeKey(e) {
    const li = e.target.closest?.('[role="treeitem"]');
    if (!li || e.altKey || e.ctrlKey || e.metaKey) return;
    const items = [...this.#parts.tree.querySelectorAll('[role="treeitem"]')];
    const at = items.indexOf(li);
    const o = this.#outlineData[Number(li.dataset.index)];
    const parent = li.parentElement?.closest('[role="treeitem"]');
    let handled = true;
    switch (e.key) {
      case 'ArrowDown': this.#focusTreeItem(items[Math.min(at + 1, items.length - 1)]); break;
      case 'ArrowUp': this.#focusTreeItem(items[Math.max(at - 1, 0)]); break;
      case 'Home': this.#focusTreeItem(items[0]); break;
      case 'End': this.#focusTreeItem(items[items.length - 1]); break;
      case 'ArrowRight':
        if (li.getAttribute('aria-expanded') === 'false') {
          this.#map.toggle(o.id);
        } else if (li.getAttribute('aria-expanded') === 'true') {
          this.#focusTreeItem(li.querySelector(':scope > [role="group"] > [role="treeitem"]'));
        }
        break;
      case 'ArrowLeft':
        if (o.kind === 'lever' && li.getAttribute('aria-expanded') === 'true') this.#map.toggle(o.id);
        else if (parent) this.#focusTreeItem(parent);
        break;
      case 'Enter':
      case ' ':
        this.#activateTreeItem(li, e.key === 'Enter' || o.kind === 'lever');
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  #closeOutline(focusButton) {
    const { outline, outlineButton } = this.#parts;
    outline.classList.remove('open');
    outlineButton.setAttribute('aria-expanded', 'false');
    this.#updatePanelInsets();
    if (focusButton) outlineButton.focus();
  }

  // ----- Announcements ------------------------------------------------------------------

  /** Says something to screen readers (the polite live region). */
  #announce(text) {
    const { live } = this.#parts;
    live.textContent = '';
    setTimeout(() => { live.textContent = text; }, 40);
  }

  /** « Levier : titre. 3 contributions, replié. » for the node the keyboard is on. */
  #describe(id) {
    const t = this.#t;
    const d = this.#map?.detail(id);
    if (!d) return '';
    const o = this.#outlineData.find((x) => x.id === id);
    const title = d.kind === 'contribution' ? [o?.title, o?.place].filter(Boolean).join(', ') : d.title;
    const extra = [];
    if (typeof d.count === 'number') extra.push(t.contributions(d.count));
    if (d.kind === 'lever' && d.count > 0) extra.push(d.unfolded ? t.unfolded : t.folded);
    return t.nodeAnnounce(t.kinds[d.kind] ?? '', title, extra.join(', '));
  }

  // ----- The view in the URL ------------------------------------------------------------

  /** This map's name in the URL fragment: the element's id, else the motion's. */
  get #urlKey() { return this.id || this.#motionId || 'carte'; }

  /** Writes the view into the host page's fragment: a new history entry for a new selection. */
  #writeUrl(push) {
    if (!this.#map || this.#applyingUrl) return;
    const current = location.hash.replace(/^#/, '');
    const next = this.#map.writeFragment(current, this.#urlKey);
    if (next === current) return;
    const url = next ? `#${next}` : `${location.pathname}${location.search}`;
    try {
      history[push ? 'pushState' : 'replaceState'](history.state, '', url);
    } catch {
      // A sandboxed frame may refuse: the map works without links.
    }
  }

  /** Restores the view the URL names (Back, Forward, an opened link). Returns whether it named one. */
  #restoreFromUrl() {
    const map = this.#map;
    if (!map) return false;
    this.#applyingUrl = true;
    let found = false;
    try {
      found = map.applyFragment(location.hash.replace(/^#/, ''), this.#urlKey);
    } finally {
      // The map's events from this restore are handled in microtasks queued already: they run
      // before this one, so none of them writes the URL back.
      queueMicrotask(() => { this.#applyingUrl = false; });
    }
    const { query } = this.#parts;
    if (query.value !== map.query()) query.value = map.query();
    this.#search = map.search(query.value) ?? { count: 0, hits: [] };
    const selected = map.selected();
    const k = selected ? this.#search.hits.findIndex((h) => h.id === selected) : -1;
    this.#hit = k >= 0 ? { id: selected, index: k, count: this.#search.count } : null;
    this.#renderFilterState(false);
    this.#renderResults();
    this.#syncTree(true);
    this.#showDetail(selected ? map.detail(selected) : null);
    return found;
  }

  #showDetail(d) {
    const { panel, body } = this.#parts ?? {};
    if (!panel) return;
    const before = this.#shown;
    this.#shown = d;
    body.replaceChildren();
    if (!d) {
      this.#map?.preview(undefined);
      panel.hidden = true;
      this.#syncSheet();
      return;
    }
    if (before?.id !== d.id) panel.scrollTop = 0;
    const kicker = el('p', { class: 'kicker', text: this.#t.kinds[d.kind] ?? '' });
    body.append(kicker);
    if (d.kind === 'contribution') {
      body.append(el('blockquote', { text: d.text ?? d.title }));
      const who = [d.author, d.role].filter(Boolean).join(', ');
      const where = [d.collectivity, d.department ? this.#t.department(d.department) : null].filter(Boolean).join(' ');
      const dl = el('dl');
      const row = (k, v) => { if (v) dl.append(el('dt', { text: k }), el('dd', { text: String(v) })); };
      row(this.#t.author, who);
      row(this.#t.collectivity, where);
      row(this.#t.year, d.year);
      if (d.label) {
        const dd = el('dd', { text: '@'.repeat(d.label) });
        dd.setAttribute('aria-label', this.#t.arobases(d.label));
        dl.append(el('dt', { text: this.#t.label }), dd);
      }
      row(this.#t.axis, d.axis);
      row(this.#t.levers, (d.levers ?? []).join(' ; '));
      body.append(dl);
      if (!(d.levers ?? []).length) {
        body.append(el('p', { class: 'unclassified', text: this.#t.unclassified }));
        if (d.suggestions?.length) {
          body.append(el('p', { text: this.#t.suggestions }),
            el('ul', {}, ...d.suggestions.map((s) => el('li', { text: `${s.title} (${this.#t.score(s.score)})` }))));
        }
      }
      const links = (d.links ?? []).filter((l) => safeHref(l.href));
      if (links.length) {
        const ul = el('ul');
        for (const l of links) {
          ul.append(el('li', {}, el('a', { href: l.href.trim(), rel: 'noopener noreferrer nofollow', target: '_blank', text: l.text || l.href })));
        }
        body.append(el('p', { text: this.#t.links }), ul);
      }
      this.#ui.cite.sync();
      body.append(this.#ui.cite.root);
    } else {
      if (d.kind === 'lever' && d.axis) body.append(el('p', { class: 'kicker', text: this.#t.axisOf(d.axis) }));
      body.append(el('h2', { text: d.title }));
      body.append(...paragraphs(d.description));
      if (typeof d.count === 'number' && d.kind !== 'lever') body.append(el('p', { text: this.#t.contributions(d.count) }));
      if (d.kind === 'lever' && d.count > 0) {
        const toggle = el('button', { type: 'button', class: 'toggle', text: d.unfolded ? this.#t.hide : this.#t.show });
        toggle.addEventListener('click', () => {
          this.#map?.toggle(d.id);
          this.#showDetail(this.#map?.detail(d.id) ?? null);
        });
        body.append(toggle);
      }
      if (d.kind === 'lever') {
        if (before?.id !== d.id) this.#sort = 'map';
        body.append(this.#ui.list.root);
      } else {
        body.append(this.#ui.chart.root);
      }
    }
    panel.hidden = false;
    this.#syncSheet();
    this.#refreshPanel();
  }

  // ——— Exports: PNG of the view, SVG of the whole map, CSV of the contributions behind the
  // selection, print view of a lever. The data comes from the wasm handle; every string is
  // written with textContent.

  #exportParts = null;
  #printFrame = null;

  /** The current view as a PNG at twice its CSS size: a promise of a Blob (null without a map). */
  exportPng() {
    try {
      return this.#map ? this.#map.exportPng() : Promise.resolve(null);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** The whole visible map as SVG: a promise of a Blob (null without a map). */
  exportSvg() {
    const svg = this.#map?.exportSvg();
    return Promise.resolve(svg == null ? null : new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  }

  /** The contributions behind the selection (all without one), filters applied: a promise of a CSV Blob. */
  exportCsv() {
    const csv = this.#map?.exportCsv();
    return Promise.resolve(csv == null ? null : new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  }

  /**
   * Prints a lever with all its contributions (default: the selected lever, or the lever of the
   * selected contribution), from a hidden frame. Fires `carte-mentale-print` (detail: the lever
   * id) first; a listener that calls preventDefault() keeps the frame but skips print().
   * Returns whether there was a lever to print.
   */
  printLever(id) {
    const map = this.#map;
    const lever = id ?? map?.printableLever();
    const data = map && lever ? map.printData(lever) : null;
    if (!data) return false;
    this.#printFrame?.remove();
    const t = this.#t;
    const frame = el('iframe', { class: 'print-frame', title: t.printFrame, tabindex: '-1', 'aria-hidden': 'true' });
    this.#root.append(frame);
    this.#printFrame = frame;
    const doc = frame.contentDocument;
    const win = frame.contentWindow;
    doc.documentElement.lang = (this.getAttribute('lang') || 'fr').trim().toLowerCase().startsWith('en') ? 'en' : 'fr';
    doc.title = `${data.lever} — ${data.motion}`;
    if ('adoptedStyleSheets' in doc && typeof win.CSSStyleSheet?.prototype?.replaceSync === 'function') {
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(PRINT_CSS);
      doc.adoptedStyleSheets = [sheet];
    } else {
      doc.head.append(elIn(doc, 'style', { text: PRINT_CSS }));
    }
    doc.body.replaceChildren(...this.#printView(doc, data, t));
    const go = this.dispatchEvent(new CustomEvent('carte-mentale-print', {
      detail: data.leverId, bubbles: true, composed: true, cancelable: true,
    }));
    if (go) win.print();
    return true;
  }

  /** The print view's content, built in `doc`. */
  #printView(doc, data, t) {
    const e = (tag, attrs, ...children) => elIn(doc, tag, attrs, ...children);
    const header = e('header', {},
      e('p', { class: 'kicker', text: t.printMotion }),
      e('p', { class: 'motion', text: data.motion }),
      e('p', { class: 'kicker', text: t.axis }),
      e('p', { class: 'axis', text: data.axis }),
      e('p', { class: 'kicker', text: t.printLever }),
      e('h1', { text: data.lever }));
    const description = (data.description || '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
      .map((p) => e('p', { class: 'description', text: p }));
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
      const cite = this.#map?.citation(c.id, data.leverId, location.hash.replace(/^#/, ''), this.#urlKey);
      if (cite) {
        item.append(e('p', { class: 'kicker', text: t.printCite }),
          e('p', { class: 'cite', text: citation.citationText(cite, citation.citationUrl(location.href, cite.fragment)) }));
      }
      const links = (c.links ?? []).filter((l) => httpHref(l.href));
      if (links.length) {
        const ul = e('ul', { class: 'links' });
        for (const l of links) {
          const href = l.href.trim();
          const a = e('a', { href, rel: 'noopener noreferrer nofollow', text: l.text || href });
          ul.append(e('li', {}, a, l.text && l.text !== href ? e('span', { text: ` (${href})` }) : null));
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

  /** The toolbar's « Exporter » button and its menu. */
  #buildExport() {
    const button = el('button', { type: 'button', text: '⤓', 'aria-haspopup': 'menu', 'aria-expanded': 'false' });
    const item = (action) => el('button', { type: 'button', role: 'menuitem', tabindex: '-1', 'data-export': action });
    const items = { png: item('png'), svg: item('svg'), csv: item('csv'), print: item('print') };
    const menu = el('div', { class: 'export-menu', role: 'menu', hidden: '' }, items.png, items.svg, items.csv, items.print);
    const box = el('div', { class: 'export' }, button, menu);
    this.#parts.toolbar.append(box);
    this.#exportParts = { box, button, menu, items };
    const enabled = () => Object.values(items).filter((b) => !b.disabled);
    const focusItem = (delta, from) => {
      const list = enabled();
      if (!list.length) return;
      const i = list.indexOf(from);
      const next = delta === 'first' ? 0 : delta === 'last' ? list.length - 1 : (i + delta + list.length) % list.length;
      list[next].focus();
    };
    button.addEventListener('click', () => (menu.hidden ? this.#openExportMenu(false) : this.#closeExportMenu(false)));
    button.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        this.#openExportMenu(false);
        focusItem(ev.key === 'ArrowDown' ? 'first' : 'last');
      }
    });
    // Enter or Space on the button is a click with detail 0: focus goes into the menu.
    button.addEventListener('click', (ev) => { if (ev.detail === 0 && !menu.hidden) focusItem('first'); });
    menu.addEventListener('keydown', (ev) => {
      const keys = { ArrowDown: 1, ArrowUp: -1, Home: 'first', End: 'last' };
      if (ev.key in keys) {
        ev.preventDefault();
        focusItem(keys[ev.key], ev.target);
      } else if (ev.key === 'Tab') {
        this.#closeExportMenu(false);
      }
    });
    // Escape, on the button or in the menu, closes the menu only (not the panel).
    box.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && !menu.hidden) {
        ev.preventDefault();
        ev.stopPropagation();
        this.#closeExportMenu(true);
      }
    });
    // A press anywhere else in the element closes it (focusout does when the button had focus).
    this.#root.addEventListener('pointerdown', (ev) => {
      if (!menu.hidden && !box.contains(ev.target)) this.#closeExportMenu(false);
    });
    box.addEventListener('focusout', (ev) => {
      if (!menu.hidden && !box.contains(ev.relatedTarget)) this.#closeExportMenu(false);
    });
    menu.addEventListener('click', (ev) => {
      const target = ev.target.closest?.('[data-export]');
      if (!target || target.disabled) return;
      this.#closeExportMenu(true);
      this.#runExport(target.dataset.export);
    });
  }

  #applyExportText() {
    if (!this.#exportParts) return;
    const t = this.#t;
    const { button, items } = this.#exportParts;
    button.setAttribute('aria-label', t.exportMenu);
    button.title = t.exportMenu;
    items.png.textContent = t.exportPng;
    items.svg.textContent = t.exportSvg;
    items.csv.textContent = t.exportCsv;
    items.print.textContent = t.exportPrint;
    items.print.title = items.print.disabled ? t.exportPrintNeeds : '';
  }

  #openExportMenu() {
    const { button, menu, items } = this.#exportParts;
    items.print.disabled = !this.#map?.printableLever();
    this.#applyExportText();
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
  }

  #closeExportMenu(refocus) {
    const { button, menu } = this.#exportParts;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (refocus) button.focus();
  }

  async #runExport(action) {
    const map = this.#map;
    if (!map) return;
    try {
      if (action === 'print') {
        this.printLever();
        return;
      }
      const name = map.exportFileName(action);
      const blob = await (action === 'png' ? this.exportPng() : action === 'svg' ? this.exportSvg() : this.exportCsv());
      if (!blob) throw new Error('empty export');
      const url = URL.createObjectURL(blob);
      const a = el('a', { href: url, download: name, hidden: '' });
      this.#root.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      console.warn(this.#t.exportFailed, err);
    }
  }
}

/**
 * Browsers without custom elements or ResizeObserver: each <carte-mentale> says so, in its
 * language, above its own children (the motion outline, when the page provides one).
 */
function unsupported() {
  for (const host of document.querySelectorAll('carte-mentale')) {
    if (host.dataset.state === 'unsupported') continue;
    const t = textFor(host.getAttribute('lang'));
    const message = host.childElementCount > 0 ? t.unsupportedOutline : t.unsupported;
    const note = el('p', { class: 'carte-mentale-unsupported', role: 'note', text: message });
    note.style.fontWeight = '600';
    host.prepend(note);
    host.dataset.state = 'unsupported';
    host.dispatchEvent(new CustomEvent('carte-mentale-error', { detail: { ok: false, messages: [message], diagnostics: [] }, bubbles: true }));
  }
}

if (typeof customElements !== 'object' || customElements === null || typeof ResizeObserver !== 'function') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', unsupported, { once: true });
  else unsupported();
} else if (!customElements.get('carte-mentale')) {
  customElements.define('carte-mentale', CarteMentaleElement);
}
