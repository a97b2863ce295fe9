import test from 'node:test';
import assert from 'node:assert/strict';
import { mount, snapshot, texts } from './shim.mjs';
import { FilterSheet, activeFilters } from '../../www/src/ui/filter-sheet.js';
import { TEXT } from '../../www/src/i18n.js';

const FACETS = {
  axes: [{ value: 'a1', label: 'Axe 1', count: 2 }],
  years: [{ value: '2021', label: '2021', count: 3 }],
  departments: [], roles: [],
  labels: [{ value: '3', label: '@@@', count: 1 }],
};

function sheet() {
  const calls = [];
  const s = new FilterSheet({
    setFilters: (f) => {
      calls.push(['set', f]);
      const filters = f ?? { axes: [], years: [], departments: [], roles: [], labels: [] };
      const st = snapshot({ filters, filterCount: { kept: activeFilters(filters) ? 1 : 3, total: 3 } });
      s.sync(st);
      return st;
    },
    facets: () => FACETS,
    announce: (text) => calls.push(['announce', text]),
    opened: () => calls.push(['opened']),
  });
  mount(s.toggle, s.build());
  s.applyText(TEXT.fr);
  s.sync(snapshot());
  return { s, calls };
}

test('the facets are asked for and their checkboxes made when the sheet first opens, again after a rebuild', () => {
  let asked = 0;
  const s = new FilterSheet({ setFilters: () => null, facets: () => { asked++; return FACETS; }, announce() {}, opened() {} });
  mount(s.toggle, s.build());
  s.applyText(TEXT.fr);
  s.sync(snapshot());
  assert.equal(asked, 0);
  assert.equal(s.fields.querySelectorAll('input').length, 0);
  assert.equal(s.status.textContent, '3 contributions sur 3 correspondent aux filtres.', 'the count shows without them');
  s.open();
  assert.equal(asked, 1);
  assert.equal(s.fields.querySelectorAll('input').length, 3);
  s.hide(false);
  s.open();
  assert.equal(asked, 1, 'made once');
  s.rebuild();
  assert.equal(asked, 2, 'open: made again at once');
  s.hide(false);
  s.rebuild();
  assert.equal(asked, 2, 'hidden: when it opens');
  assert.equal(s.fields.querySelectorAll('input').length, 0, 'and the old ones are gone');
});

test('a fieldset per facet that has values, each value with its count', () => {
  const { s } = sheet();
  s.open();
  assert.deepEqual(texts(s.fields, 'legend'), ['Axe', 'Année', 'Label Villes Internet']);
  assert.deepEqual(texts(s.fields, 'label span'), ['Axe 1 (2)', '2021 (3)', '@@@ (1)']);
  assert.equal(s.fields.querySelector('input[name=labels] + span').getAttribute('aria-label'), '3 arobases (1)');
  assert.equal(s.status.textContent, '3 contributions sur 3 correspondent aux filtres.');
  assert.equal(s.clear.disabled, true);
});

test('checking a box sets the filters (numbers for years and labels) and the button counts them', () => {
  const { s, calls } = sheet();
  s.open();
  calls.length = 0;
  const year = s.fields.querySelector('input[name=years]');
  year.checked = true;
  s.fields.dispatchEvent(new Event('change'));
  assert.deepEqual(calls[0], ['set', { axes: [], years: [2021], departments: [], roles: [], labels: [] }]);
  assert.deepEqual(calls[1], ['announce', '1 contribution sur 3 correspond aux filtres.']);
  assert.equal(s.toggle.textContent, 'Filtres (1)');
  assert.equal(s.toggle.classList.contains('active'), true);
  assert.equal(s.clear.disabled, false);
  s.clearAll();
  assert.deepEqual(calls[2], ['set', null]);
  assert.deepEqual(calls[3], ['announce', 'Filtres effacés : les 3 contributions sont affichées.']);
  assert.equal(year.checked, false);
});

test('the button opens and closes the sheet; Escape closes it', () => {
  const { s, calls } = sheet();
  s.toggle.dispatchEvent(new Event('click'));
  assert.equal(s.sheet.hidden, false);
  assert.equal(s.toggle.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(calls.at(-1), ['opened']);
  s.sheet.dispatchEvent(Object.assign(new Event('keydown'), { key: 'Escape' }));
  assert.equal(s.sheet.hidden, true);
  assert.equal(s.toggle.getAttribute('aria-expanded'), 'false');
});
