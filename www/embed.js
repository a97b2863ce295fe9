// The staff page embed.html: options → the snippet to copy (with Subresource Integrity) and a
// live preview. The hashes come from integrity.json, written by `cargo xtask dist` next to this
// page; the browser recomputes them on the files actually served and says whether they agree.
// In dist/, carte-mentale.js carries the glue and the hash of the wasm, so the one integrity
// attribute of the script tag covers all the code. Nothing here parses a string as HTML: the
// snippet is shown with textContent.

import { VERSION, sri } from './carte-mentale.js';

/** The files whose hashes go into the snippet, relative to this page. */
const LOADER = 'carte-mentale.js';
const WASM = 'pkg/carte_mentale_bg.wasm';
/** Attributes of <carte-mentale>, in the order the snippet writes them. */
const ATTRIBUTES = ['src', 'height', 'zoom', 'lever', 'lang', 'theme', 'loading'];

const base = new URL('./', location.href).href.replace(/\/$/, '');
const form = document.getElementById('options');
const snippet = document.getElementById('snippet');
const preview = document.getElementById('preview');
const status = document.getElementById('integrity');
const previewState = document.getElementById('preview-state');

document.getElementById('version').textContent = VERSION;
document.getElementById('base').textContent = `${base}/`;

/** Escapes a value for a double-quoted HTML attribute. */
function attr(value) {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The options of the form that differ from the defaults, as [name, value] pairs. */
function options() {
  const data = new FormData(form);
  return ATTRIBUTES.map((name) => [name, String(data.get(name) ?? '').trim()]).filter(([, v]) => v !== '');
}

/** The hashes to publish: integrity.json's, checked against the files served. */
async function integrity() {
  let manifest = null;
  try {
    const r = await fetch('integrity.json', { cache: 'no-store' });
    if (r.ok) manifest = await r.json();
  } catch {
    manifest = null;
  }
  const served = {};
  for (const file of [LOADER, WASM]) {
    try {
      const r = await fetch(file, { cache: 'no-store' });
      served[file] = r.ok ? await sri(await r.arrayBuffer()) : null;
    } catch {
      served[file] = null;
    }
  }
  if (manifest) {
    const expected = Object.fromEntries(Object.entries(manifest.files ?? {}).map(([f, v]) => [f, v.integrity]));
    const checked = [LOADER, WASM].filter((f) => served[f] !== null);
    const wrong = checked.filter((f) => served[f] !== expected[f]);
    if (manifest.version !== VERSION) {
      return { hashes: expected, level: 'warn', text: `Attention : integrity.json décrit la version ${manifest.version}, le script servi est la version ${VERSION}. Republiez le dossier complet produit par « cargo xtask dist ».` };
    }
    if (wrong.length) {
      return { hashes: expected, level: 'warn', text: `Attention : ces fichiers en ligne ne correspondent pas à integrity.json : ${wrong.join(', ')}. Les navigateurs refuseraient le code ci-dessous ; republiez le dossier complet produit par « cargo xtask dist ».` };
    }
    return {
      hashes: expected,
      level: 'ok',
      text: checked.length === 2
        ? 'Empreintes de integrity.json (produit par « cargo xtask dist ») : votre navigateur a vérifié qu’elles correspondent aux fichiers en ligne.'
        : 'Empreintes de integrity.json (produit par « cargo xtask dist ») ; votre navigateur n’a pas pu les vérifier (page non sécurisée, http).',
    };
  }
  if (served[LOADER]) {
    return { hashes: served, level: 'warn', text: 'Page de développement (pas de integrity.json) : empreinte calculée par votre navigateur sur le fichier servi. Pour publier, utilisez le dossier produit par « cargo xtask dist », dont le script vérifie aussi le programme WebAssembly.' };
  }
  return { hashes: {}, level: 'warn', text: 'Empreintes indisponibles (pas de integrity.json, page non sécurisée) : le code ci-dessous n’a pas d’attribut integrity.' };
}

let hashes = {};

function render() {
  const integrityAttr = (file) => (hashes[file] ? ` integrity="${attr(hashes[file])}"` : '');
  const attrs = options().map(([name, value]) => ` ${name}="${attr(value)}"`).join('');
  snippet.textContent = [
    // Starts the map's program downloading beside the script (the script asks for it only once
    // it has run): the same request, so the browser uses it. No hash on it: the script checks
    // the bytes itself while the browser compiles them (a request with a hash could not stream).
    `<link rel="preload" href="${attr(`${base}/${WASM}`)}" as="fetch" type="application/wasm" crossorigin="anonymous">`,
    `<script type="module" src="${attr(`${base}/${LOADER}`)}"${integrityAttr(LOADER)} crossorigin="anonymous"></script>`,
    `<carte-mentale${attrs}></carte-mentale>`,
  ].join('\n');

  const wanted = new Map(options());
  wanted.set('loading', 'eager');
  for (const name of ATTRIBUTES) {
    const value = wanted.get(name);
    if (value === undefined) {
      preview.removeAttribute(name);
    } else if (preview.getAttribute(name) !== value) {
      preview.setAttribute(name, value);
    }
  }
}

form.addEventListener('input', render);
form.addEventListener('submit', (e) => e.preventDefault());

document.getElementById('copy').addEventListener('click', async () => {
  const copied = document.getElementById('copied');
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    copied.textContent = 'Code copié.';
  } catch {
    getSelection().selectAllChildren(snippet);
    copied.textContent = 'Code sélectionné : copiez-le avec Ctrl+C (⌘+C).';
  }
});

preview.addEventListener('carte-mentale-ready', (e) => {
  previewState.textContent = `Carte chargée : ${e.detail.axes} axes, ${e.detail.levers} leviers, ${e.detail.contributions} contributions.`;
});
preview.addEventListener('carte-mentale-error', () => {
  previewState.textContent = 'La carte ne peut pas s’afficher : le message est dans l’aperçu.';
});

render();
integrity().then((result) => {
  hashes = result.hashes;
  status.textContent = result.text;
  status.className = result.level;
  render();
  document.body.dataset.integrity = result.level;
});
