import test from 'node:test';
import assert from 'node:assert/strict';
import { mount, texts } from './shim.mjs';
import { StatusBox } from '../../www/src/ui/status.js';
import { Toolbar } from '../../www/src/ui/toolbar.js';
import { TEXT } from '../../www/src/i18n.js';

test('the status box: loading, an error with its list and the page outline, hidden when ready', () => {
  const s = new StatusBox();
  mount(s.build());
  s.applyText(TEXT.fr);
  assert.equal(s.box.textContent, 'Chargement de la carte…');
  s.set('error', (t) => t.invalid('m.md'), () => ['ligne 2 : titre manquant']);
  s.render(true);
  assert.equal(s.box.getAttribute('role'), 'alert');
  assert.deepEqual(texts(s.box, 'p'), ['La carte ne peut pas être affichée : le fichier « m.md » contient des erreurs.']);
  assert.deepEqual(texts(s.box, 'li'), ['ligne 2 : titre manquant']);
  assert.ok(s.box.querySelector('.fallback slot'), 'the page\'s own outline is shown');
  s.applyText(TEXT.en);
  assert.deepEqual(texts(s.box, 'p'), ['The map cannot be shown: the file “m.md” has errors.']);
  s.set('ready');
  assert.equal(s.box.hidden, true);
});

test('the toolbar: three labelled buttons that act, and the wheel hint', () => {
  const calls = [];
  const bar = new Toolbar({ zoomIn: () => calls.push('in'), zoomOut: () => calls.push('out'), fit: () => calls.push('fit') });
  mount(bar.build(), bar.hint);
  bar.applyText(TEXT.fr);
  assert.deepEqual([...bar.bar.querySelectorAll('button')].map((b) => b.getAttribute('aria-label')), ['Zoomer', 'Dézoomer', 'Voir toute la carte']);
  for (const b of bar.bar.querySelectorAll('button')) b.dispatchEvent(new Event('click'));
  assert.deepEqual(calls, ['in', 'out', 'fit']);
  bar.showHint();
  assert.equal(bar.hint.hidden, false);
  bar.destroy();
});
