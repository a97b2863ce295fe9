// The element's language: one rule for its strings and for the documents it makes (print view).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeNode, langOf, textFor, TEXT } from '../../www/src/i18n.js';

test('a lang attribute picks English only when it names English; French otherwise', () => {
  for (const [value, lang] of [['en', 'en'], [' EN-gb ', 'en'], ['fr-FR', 'fr'], ['', 'fr'], [null, 'fr'], ['english', 'fr'], ['de', 'fr'], ['constructor', 'fr']]) {
    assert.equal(langOf(value), lang, String(value));
    assert.equal(textFor(value), TEXT[lang], String(value));
  }
});

test('what a screen reader hears for the keyboard\'s node: its kind, its title, its count and whether it is folded', () => {
  const fr = TEXT.fr;
  const lever = { kind: 'lever', title: 'Former les élus', count: 3, unfolded: false };
  const said = describeNode(fr, lever, null);
  assert.equal(said, fr.nodeAnnounce(fr.kinds.lever, 'Former les élus', `${fr.contributions(3)}, ${fr.folded}`));
  assert.match(describeNode(fr, { ...lever, unfolded: true }, null), new RegExp(fr.unfolded));
  const c = { kind: 'contribution', title: 'Le texte entier de la contribution' };
  const o = { id: 'c1', title: 'Loïc Damiani', place: 'Fontenay-sous-Bois (94)' };
  assert.equal(describeNode(fr, c, o), fr.nodeAnnounce(fr.kinds.contribution, 'Loïc Damiani, Fontenay-sous-Bois (94)', ''));
  assert.equal(describeNode(TEXT.en, { kind: 'axis', title: 'Axis', count: 0 }, null),
    TEXT.en.nodeAnnounce(TEXT.en.kinds.axis, 'Axis', TEXT.en.contributions(0)));
});
