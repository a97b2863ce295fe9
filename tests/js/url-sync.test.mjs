import test from 'node:test';
import assert from 'node:assert/strict';
import { UrlSync } from '../../www/src/ui/url-sync.js';

/** A window with a location, a history and listeners, enough for the URL part. */
function fakeWindow(hash = '') {
  const listeners = new Map();
  const win = {
    location: { hash, pathname: '/page', search: '?a=1' },
    history: {
      state: null,
      entries: [],
      pushState(_s, _t, url) { this.entries.push(['push', url]); win.location.hash = url.startsWith('#') ? url : ''; },
      replaceState(_s, _t, url) { this.entries.push(['replace', url]); win.location.hash = url.startsWith('#') ? url : ''; },
    },
    addEventListener: (type, f) => listeners.set(type, f),
    removeEventListener: (type, f) => { if (listeners.get(type) === f) listeners.delete(type); },
    listeners,
  };
  return win;
}

test('writes the view into the fragment: a push for a selection, a replace otherwise, nothing when unchanged', () => {
  const win = fakeWindow('#autre=1');
  let view = 'cm.m=sel=c1';
  const u = new UrlSync({ write: (f) => (view ? `${f}&${view}` : f), apply: () => false, restored: () => {} }, win);
  u.write(true);
  assert.deepEqual(win.history.entries, [['push', '#autre=1&cm.m=sel=c1']]);
  view = '';
  u.write(false);
  assert.deepEqual(win.history.entries.length, 1, 'unchanged: no entry');
});

test('restores from the fragment, follows Back and Forward until stopped, and writes nothing while restoring', async () => {
  const win = fakeWindow('#cm.m=sel=c1');
  const applied = [];
  let restored = 0;
  const u = new UrlSync({ write: () => 'x', apply: (f) => { applied.push(f); return true; }, restored: () => { restored++; } }, win);
  assert.equal(u.restore(), true);
  u.write(true);
  assert.deepEqual(win.history.entries, [], 'a restore does not write back');
  await Promise.resolve();
  u.start();
  assert.equal(win.listeners.size, 2);
  win.listeners.get('popstate')();
  assert.deepEqual(applied, ['cm.m=sel=c1', 'cm.m=sel=c1']);
  assert.equal(restored, 2);
  u.stop();
  assert.equal(win.listeners.size, 0, 'no listener left');
});
