// The element's language: one rule for its strings and for the documents it makes (print view).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { langOf, textFor, TEXT } from '../../www/src/i18n.js';

test('a lang attribute picks English only when it names English; French otherwise', () => {
  for (const [value, lang] of [['en', 'en'], [' EN-gb ', 'en'], ['fr-FR', 'fr'], ['', 'fr'], [null, 'fr'], ['english', 'fr'], ['de', 'fr'], ['constructor', 'fr']]) {
    assert.equal(langOf(value), lang, String(value));
    assert.equal(textFor(value), TEXT[lang], String(value));
  }
});
