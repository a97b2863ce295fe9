import test from 'node:test';
import assert from 'node:assert/strict';
import { mount } from './shim.mjs';
import { MapView } from '../../www/src/view.js';
import { TEXT } from '../../www/src/i18n.js';

/** A handle that records the calls made to it, as [method, ...args]. */
function recordingMap() {
  const calls = [];
  return new Proxy({ calls }, {
    get: (target, name) => (name in target ? target[name] : (...args) => { calls.push([name, ...args]); }),
  });
}

/** A rectangle as getBoundingClientRect gives it. */
const rect = (left, top, width, height) => ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top });

/** A view on `map` in a host with `attrs`, its canvas of `size`, placed beside a top bar, a panel and an outline. */
function setUp(map, { attrs = {}, size = rect(0, 0, 800, 600) } = {}) {
  const host = document.createElement('div');
  for (const [k, v] of Object.entries(attrs)) host.setAttribute(k, v);
  const view = new MapView(host, () => map);
  const canvas = view.build();
  canvas.getBoundingClientRect = () => size;
  const topbar = document.createElement('div');
  topbar.getBoundingClientRect = () => rect(0, 0, 800, 48);
  const panelBox = document.createElement('aside');
  panelBox.getBoundingClientRect = () => rect(500, 0, 300, 600);
  const nav = document.createElement('nav');
  nav.getBoundingClientRect = () => rect(0, 0, 240, 600);
  const panel = { open: false, isSheet: false, sheetCovers: 0, panel: panelBox, syncs: 0, syncSheet() { this.syncs++; } };
  const outline = { isOpen: false, nav };
  view.place(topbar, panel, outline);
  mount(canvas);
  return { view, canvas, topbar, panel, outline, host };
}

test('the focus ring: shown when the keyboard brings the focus, not after a click, gone on blur; a replaced canvas keeps the rule', () => {
  const map = recordingMap();
  const { view, canvas } = setUp(map);
  canvas.dispatchEvent(new Event('focus'));
  canvas.dispatchEvent(new Event('blur'));
  canvas.dispatchEvent(new Event('pointerdown'));
  canvas.dispatchEvent(new Event('focus'));
  assert.deepEqual(map.calls, [['setFocusVisible', true], ['setFocusVisible', false], ['setFocusVisible', false]]);
  const parent = canvas.parentNode;
  const fresh = view.replaceCanvas();
  assert.notEqual(fresh, canvas);
  assert.equal(view.canvas, fresh);
  assert.equal(fresh.parentNode, parent, 'the new canvas stands where the old one was');
  assert.equal(canvas.parentNode, null);
  assert.equal(fresh.getAttribute('tabindex'), '0');
  map.calls.length = 0;
  fresh.dispatchEvent(new Event('focus'));
  assert.deepEqual(map.calls, [['setFocusVisible', true]]);
});

test('the canvas is named after the motion once a map is shown', () => {
  let map = null;
  const host = document.createElement('div');
  const view = new MapView(host, () => map);
  const canvas = view.build();
  view.applyText(TEXT.fr, 'Motion 2021');
  assert.equal(canvas.getAttribute('aria-label'), TEXT.fr.canvas);
  map = recordingMap();
  view.applyText(TEXT.fr, 'Motion 2021');
  assert.equal(canvas.getAttribute('aria-label'), TEXT.fr.mapLabel('Motion 2021'));
});

test('the room the controls leave: beside the panel and the outline, above the sheet on a phone, below the search bar', () => {
  const map = recordingMap();
  const { view, panel, outline, topbar } = setUp(map);
  view.updatePanelInsets();
  panel.open = true;
  outline.isOpen = true;
  view.updatePanelInsets();
  panel.isSheet = true;
  panel.sheetCovers = 250;
  view.updatePanelInsets();
  assert.deepEqual(map.calls, [
    ['setPanelInsets', 0, 0, 0],
    ['setPanelInsets', 308, 0, 248],
    ['setPanelInsets', 0, 250, 0],
  ]);
  map.calls.length = 0;
  view.updateInset();
  topbar.hidden = true;
  view.updateInset();
  assert.deepEqual(map.calls, [['setTopInset', 52]], 'below the bar, not when it is hidden');
});

test('before a load, the new handle is told the search bar\'s room, and the bar stays hidden until the map shows', () => {
  const map = recordingMap();
  const { view, topbar } = setUp(map);
  topbar.hidden = true;
  view.presetInset(map);
  assert.deepEqual(map.calls, [['setTopInset', 52]]);
  assert.equal(topbar.hidden, true);
});

test('without a map, nothing is asked of a handle', () => {
  const { view } = setUp(null);
  view.updatePanelInsets();
  view.updateInset();
  view.applyZoom(true);
  view.sizeChanged();
  assert.equal(view.zoomPending, false);
});

test('zoom="2": waits for a size, then jumps there without animation; a later change animates', () => {
  const map = recordingMap();
  let size = rect(0, 0, 0, 0);
  const { view, host, canvas, panel } = setUp(map, { attrs: { zoom: '2' } });
  canvas.getBoundingClientRect = () => size;
  globalThis.devicePixelRatio = 2;
  try {
    view.reducedMotion = false;
    view.applyZoom(true);
    assert.equal(view.zoomPending, true, 'a map in a collapsed tab waits');
    assert.deepEqual(map.calls, []);
    view.sizeChanged();
    assert.deepEqual(map.calls, [], 'still no size');
    size = rect(0, 100, 800, 600);
    view.sizeChanged();
    assert.deepEqual(map.calls, [
      ['resize', 800, 600, 2],
      ['setReducedMotion', true],
      ['fit'],
      ['zoomBy', 2],
      ['setReducedMotion', false],
    ], 'resized, then the camera jumps to the zoom asked');
    assert.equal(view.zoomPending, false);
    assert.equal(panel.syncs, 1);
    map.calls.length = 0;
    host.setAttribute('zoom', '3');
    view.applyZoom(false);
    assert.deepEqual(map.calls, [['fit'], ['zoomBy', 3]], 'a change animates');
    map.calls.length = 0;
    host.removeAttribute('zoom');
    view.applyZoom(true);
    assert.deepEqual(map.calls, [], 'no zoom attribute: the first fit stays');
  } finally {
    delete globalThis.devicePixelRatio;
  }
});

test('a new handle gets the visitor\'s reduced-motion choice and the canvas\'s size', () => {
  const map = recordingMap();
  const { view } = setUp(map, { size: rect(0, 0, 640, 480) });
  globalThis.matchMedia = (q) => ({ matches: q === '(prefers-reduced-motion: reduce)' });
  globalThis.devicePixelRatio = 0;
  try {
    view.prepare(map);
  } finally {
    delete globalThis.matchMedia;
    delete globalThis.devicePixelRatio;
  }
  assert.equal(view.reducedMotion, true);
  assert.deepEqual(map.calls, [['setReducedMotion', true], ['resize', 640, 480, 1]]);
});

test('with a handle, the search bar\'s room follows the bar\'s size, read when the bar is resized; released, the bar is no longer watched', () => {
  const map = recordingMap();
  const { view, topbar } = setUp(map);
  const observers = [];
  globalThis.ResizeObserver = class {
    constructor(callback) { this.callback = callback; this.targets = []; observers.push(this); }
    observe(target) { this.targets.push(target); }
    disconnect() { this.targets = []; }
  };
  globalThis.matchMedia = () => ({ matches: false });
  globalThis.devicePixelRatio = 1;
  try {
    view.prepare(map);
    view.prepare(map);
  } finally {
    delete globalThis.ResizeObserver;
    delete globalThis.matchMedia;
    delete globalThis.devicePixelRatio;
  }
  assert.equal(observers.length, 1, 'one observer for the handle');
  assert.deepEqual(observers[0].targets, [topbar]);
  map.calls.length = 0;
  observers[0].callback([]);
  assert.deepEqual(map.calls, [['setTopInset', 52]]);
  view.release();
  assert.deepEqual(observers[0].targets, [], 'disconnected');
  assert.equal(view.barSize, null);
});
