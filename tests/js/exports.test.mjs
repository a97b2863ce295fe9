import test from 'node:test';
import assert from 'node:assert/strict';
import { document } from './shim.mjs';
import { Outputs } from '../../www/src/exports.js';
import { TEXT } from '../../www/src/i18n.js';

const DATA = { leverId: 'l1', lever: 'Levier', motion: 'Motion', axis: 'Axe', description: '', contributions: [{ id: 'c1' }, { id: 'c2' }] };

/** A handle with one printable lever; `citation` records what it was asked and cites c1 only. */
function fakeMap(printable = 'l1') {
  const asked = [];
  return {
    asked,
    printableLever: () => printable,
    detail: (id) => (id === 'l1' ? { id, kind: 'lever' } : id === 'c1' ? { id, kind: 'contribution' } : null),
    citation: (id, lever, fragment, key) => {
      asked.push([id, lever, fragment, key]);
      return id === 'c1' ? { plain: '« Texte » — Ada, maire, Ivry (94), 2021', fragment: `cm.${key}=c1` } : null;
    },
    csvRows: () => Uint32Array.of(0, 2),
    csvLevers: () => Uint32Array.of(7),
    linkState: () => 'ouverts=a1-l1',
    layoutPositions: () => Float32Array.of(0, 0, 10, 20),
    layoutAspect: () => 1.5,
  };
}

/** A window whose page is at https://exemple.fr/page#cm.autre=x, with a clipboard that takes plain text. */
function fakeWindow(clipboard) {
  return { document, location: { hash: '#cm.autre=x', href: 'https://exemple.fr/page#cm.autre=x' }, navigator: { clipboard } };
}

/** An exports module that writes the rows it is asked for, and records the calls. */
function fakeExporter() {
  const calls = [];
  const glue = {
    printData: (text, name, id) => {
      calls.push(['print', text, name, id]);
      return id === 'l1' ? DATA : null;
    },
    contributionsCsv: (text, name, rows, levers) => {
      calls.push([text, name, [...rows], levers && [...levers]]);
      return `id;texte\n${[...rows].map((r) => `c${r};${text}`).join('\n')}`;
    },
    posterSvg: (text, name, state, positions, aspect, one, many) => {
      calls.push([text, name, state, [...positions], aspect, one, many]);
      return state === 'vide' ? null : `<svg>${text}</svg>`;
    },
  };
  return { calls, load: async () => glue };
}

function outputs(map, { lang = null, clipboard = null, source = { text: 'Doc', name: 'motion.json' }, exporter = fakeExporter() } = {}) {
  const host = document.createElement('div');
  if (lang) host.setAttribute('lang', lang);
  const shown = [];
  const print = { show: (root, data, t, l, cite) => { const w = { printed: 0, print() { this.printed++; } }; shown.push({ data, t, lang: l, cite, win: w }); return w; } };
  const out = new Outputs({
    host, root: document.createElement('div'), map: () => map, source: () => source, text: () => TEXT.fr, urlKey: () => 'carte', print, exporter: exporter.load,
  }, fakeWindow(clipboard));
  return { out, host, shown, exporter };
}

test('printing: the lever in scope, in the element\'s language, written by the exports module from the loaded document, each contribution cited with its link; a listener may keep the dialog closed', async () => {
  const map = fakeMap();
  const { out, host, shown, exporter } = outputs(map, { lang: ' EN-gb' });
  const events = [];
  host.addEventListener('carte-mentale-print', (e) => events.push([e.detail, e.cancelable, e.bubbles]));
  assert.equal(out.printLever(), true, 'there is a lever to print: said at once');
  assert.equal(shown.length, 0, 'the frame comes with the exports module');
  assert.equal(await out.printing, true);
  assert.deepEqual(exporter.calls, [['print', 'Doc', 'motion.json', 'l1']]);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].data, DATA);
  assert.equal(shown[0].lang, 'en');
  assert.deepEqual(events, [['l1', true, true]]);
  assert.equal(shown[0].win.printed, 1, 'printed');
  assert.equal(shown[0].cite({ id: 'c1' }), '« Texte » — Ada, maire, Ivry (94), 2021\nhttps://exemple.fr/page#cm.carte=c1');
  assert.equal(shown[0].cite({ id: 'c2' }), null, 'no citation, nothing printed for it');
  assert.deepEqual(map.asked[0], ['c1', 'l1', 'cm.autre=x', 'carte'], 'the handle is given the lever, the page\'s fragment and the map\'s key');

  host.addEventListener('carte-mentale-print', (e) => e.preventDefault());
  host.removeAttribute('lang');
  assert.equal(out.printLever('l1'), true);
  assert.equal(await out.printing, true);
  assert.equal(shown[1].lang, 'fr');
  assert.equal(shown[1].win.printed, 0, 'prevented: the frame is there, print() is not called');
});

test('printing without a lever, or without a map, does nothing; nor does a map replaced before the exports module comes', async () => {
  const { out, shown, exporter } = outputs(fakeMap(null));
  assert.equal(out.printLever(), false);
  assert.equal(out.printLever('inconnu'), false);
  assert.equal(out.printLever('c1'), false, 'a contribution is not a lever');
  assert.equal(outputs(null).out.printLever('l1'), false);
  assert.deepEqual(shown, []);
  assert.deepEqual(exporter.calls, [], 'nothing to print: the exports module is not fetched');
  let map = fakeMap();
  const replaced = outputs(null, {});
  replaced.out.map = () => map;
  assert.equal(replaced.out.printLever(), true);
  map = fakeMap();
  assert.equal(await replaced.out.printing, false, 'another map now: not printed');
  assert.deepEqual(replaced.shown, []);
  const failing = outputs(fakeMap(), { exporter: { load: async () => { throw new Error('offline'); } } });
  assert.equal(failing.out.printLever(), true);
  assert.equal(await failing.out.printing, false, 'the exports module could not be fetched');
});

test('a citation is copied with the link that reopens the map on it; refused or unknown, it says so', async () => {
  const copied = [];
  const map = fakeMap();
  const { out } = outputs(map, { clipboard: { writeText: async (t) => { copied.push(t); } } });
  assert.equal(await out.copyCitation('c1'), true);
  assert.deepEqual(copied, ['« Texte » — Ada, maire, Ivry (94), 2021\nhttps://exemple.fr/page#cm.carte=c1']);
  assert.deepEqual(map.asked, [['c1', 'l1', 'cm.autre=x', 'carte']], 'under the lever in scope by default');
  await out.copyCitation('c1', 'l9');
  assert.equal(map.asked[1][1], 'l9', 'under the lever asked');
  assert.equal(await out.copyCitation('c2'), false, 'no citation for it');
  assert.equal(await out.copyCitation(null), false);
  const refused = outputs(fakeMap(), { clipboard: { writeText: async () => { throw new Error('denied'); } } }).out;
  assert.equal(await refused.copyCitation('c1'), false);
  assert.equal(await outputs(fakeMap()).out.copyCitation('c1'), false, 'no clipboard');
});

test('exports as Blobs: the CSV and the SVG written by the exports module from the loaded document and what the handle says, with their types; null for an empty export or without a map', async () => {
  const { out, exporter } = outputs(fakeMap());
  const csv = await out.blob('csv');
  assert.equal(csv.type, 'text/csv;charset=utf-8');
  assert.equal(await csv.text(), 'id;texte\nc0;Doc\nc2;Doc');
  assert.deepEqual(exporter.calls, [['Doc', 'motion.json', [0, 2], [7]]], 'the document the map read, its rows and levers');
  const svg = await out.blob('svg');
  assert.equal(svg.type, 'image/svg+xml;charset=utf-8');
  assert.equal(await svg.text(), '<svg>Doc</svg>');
  assert.deepEqual(exporter.calls[1], ['Doc', 'motion.json', 'ouverts=a1-l1', [0, 0, 10, 20], 1.5, TEXT.fr.groupOne, TEXT.fr.groupMany],
    'the poster: the document, the link state, the positions and aspect, the group words');
  assert.equal(await outputs({ ...fakeMap(), linkState: () => 'vide' }).out.blob('svg'), null, 'nothing written, no file');
  const none = outputs(null);
  assert.equal(await none.out.blob('csv'), null);
  assert.deepEqual(none.exporter.calls, [], 'no map: the exports module is not fetched');
  const noLevers = outputs({ ...fakeMap(), csvLevers: () => null });
  await noLevers.out.blob('csv');
  assert.equal(noLevers.exporter.calls[0][3], undefined, 'all the levers: no list');
  const failing = outputs(fakeMap(), { exporter: { load: async () => { throw new Error('offline'); } } });
  await assert.rejects(failing.out.blob('csv'), /offline/, 'an exports module that cannot be fetched fails the export');
});
