// The studio page: wires the files, the report, the review list, the preview and publishing
// around one `Studio` handle of the wasm module. All state that matters lives in the handle;
// this page keeps only what it must store (the files' text and the choices).

import { loadWasm } from '../src/loader.js';
import { readFile, readWorkbook, fromBase64, sortDropped, isWorkbook } from './files.js';
import { loadWork, saveWork, clearWork } from './store.js';
import { renderReport } from './report.js';
import { ReviewList } from './review.js';
import { jsonName, snippets, download } from './publish.js';

const $ = (id) => document.getElementById(id);
const base = new URL('../', import.meta.url).href.replace(/\/$/, '');

let studio = null;
let work = { outline: null, table: null, choices: [] };
let notes = [];
let previewUrl = null;
let previewTimer = 0;

const review = new ReviewList($('classement'), (id, lever) => choose(id, lever));

function say(text) {
  $('etat-publier').textContent = text;
}

/** Re-opens the files in the handle, replays the stored choices, and renders everything. */
function reopen() {
  if (!studio || !work.outline) {
    renderReport($('bilan'), null);
    review.render([], []);
    updatePublish(false);
    return;
  }
  const opened = work.table?.workbook
    ? studio.openWorkbook(work.outline.text, work.outline.name, fromBase64(work.table.workbook), work.table.name)
    : studio.open(work.outline.text, work.outline.name, work.table?.text ?? null, work.table?.name ?? null);
  const kept = [];
  for (const [id, lever] of work.choices) if (studio.choose(id, lever)) kept.push([id, lever]);
  work.choices = kept;
  opened.report = studio.report();
  renderReport($('bilan'), opened, notes);
  review.render(opened.ok ? studio.rows() : [], opened.ok ? studio.levers() : []);
  updatePublish(opened.ok);
  refreshPreview();
}

function choose(id, lever) {
  if (!studio.choose(id, lever)) return;
  work.choices = work.choices.filter(([c]) => c !== id);
  if (lever) work.choices.push([id, lever]);
  review.update(id, lever);
  renderReport($('bilan'), { ok: true, report: studio.report(), diagnostics: [] }, []);
  keep();
  clearTimeout(previewTimer);
  previewTimer = setTimeout(refreshPreview, 300);
}

function keep() {
  if (!saveWork(work)) say('Ce navigateur refuse de garder le travail (navigation privée ou stockage plein) : téléchargez le tableau corrigé avant de fermer la page.');
}

function refreshPreview() {
  const json = studio?.json();
  const preview = $('apercu');
  if (!json) return;
  const old = previewUrl;
  previewUrl = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  preview.setAttribute('src', previewUrl);
  if (old) preview.ready?.finally(() => URL.revokeObjectURL(old));
}

function updatePublish(ok) {
  $('telecharger-json').disabled = !ok;
  $('telecharger-csv').disabled = !ok || !work.table;
  const name = jsonName(work.outline?.name);
  const s = snippets(base, name);
  $('code-script').value = ok ? s.script : '';
  $('code-cadre').value = ok ? s.frame : '';
}

async function openFiles({ outline, table }) {
  notes = [];
  for (const [key, file] of [['outline', outline], ['table', table]]) {
    if (!file) continue;
    if (key === 'table' && isWorkbook(file.name)) {
      // Read by the studio's module (its first sheet), kept as bytes.
      work.table = await readWorkbook(file);
      $('tableau-nom').textContent = file.name;
      continue;
    }
    const read = await readFile(file);
    if (read.encoding !== 'utf-8') notes.push(`« ${file.name} » n’est pas en UTF-8 : lu comme Windows-1252 (le CSV d’Excel en français). Vérifiez les accents dans l’aperçu.`);
    work[key] = { name: read.name, text: read.text };
    if (key === 'outline') $('plan-nom').textContent = read.name;
    else $('tableau-nom').textContent = read.name;
  }
  work.choices = [];
  keep();
  reopen();
}

$('plan').addEventListener('change', (e) => openFiles({ outline: e.target.files[0] }));
$('tableau').addEventListener('change', (e) => openFiles({ table: e.target.files[0] }));
const drop = $('depot');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const files = sortDropped([...e.dataTransfer.files]);
  if (files.other.length) notes.push(`Fichier ignoré : ${files.other.map((f) => f.name).join(', ')}`);
  openFiles(files);
});
$('telecharger-json').addEventListener('click', () => {
  const json = studio.json();
  if (json) download(json, jsonName(work.outline?.name), 'application/json');
});
$('telecharger-csv').addEventListener('click', () => {
  const csv = studio.csv();
  if (csv) download(csv, `${(work.table?.name ?? 'contributions.csv').replace(/\.(csv|xlsx|xlsm|xlsb|xls|ods)$/i, '')}-corrige.csv`, 'text/csv');
});
$('effacer').addEventListener('click', () => {
  clearWork();
  work = { outline: null, table: null, choices: [] };
  notes = [];
  $('plan').value = '';
  $('tableau').value = '';
  $('plan-nom').textContent = '';
  $('tableau-nom').textContent = '';
  $('apercu').removeAttribute('src');
  reopen();
  say('Travail effacé de ce navigateur.');
});
for (const b of document.querySelectorAll('button.copy')) {
  b.addEventListener('click', async () => {
    const text = $(b.dataset.target).value;
    try {
      await navigator.clipboard.writeText(text);
      say('Code copié.');
    } catch {
      $(b.dataset.target).select();
      say('Copie refusée par le navigateur : le code est sélectionné, copiez-le avec Ctrl+C.');
    }
  });
}

// The studio's own module (www/pkg-atelier): the map's code plus the workbook reader, which the
// public map leaves out. The preview's map loads the public module, as a published page does.
// Both modules are fetched now, so that the studio works offline once loaded (the preview's
// module is shared with its element through the loader).
const [glue] = await Promise.all([import('../pkg-atelier/carte_mentale.js'), loadWasm()]);
await glue.default();
studio = new glue.Studio();
const kept = loadWork();
if (kept?.outline) {
  work = kept;
  $('plan-nom').textContent = work.outline.name;
  if (work.table) $('tableau-nom').textContent = work.table.name;
  say('Travail repris là où vous l’aviez laissé.');
}
reopen();
document.body.dataset.ready = 'true';
