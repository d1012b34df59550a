import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatMessage, uiPrefs } from './language.js';

const fa = JSON.parse(readFileSync(new URL('../../_locales/fa/messages.json', import.meta.url), 'utf8'));

test('formatMessage formats like chrome.i18n: $1 and named placeholders', () => {
  assert.equal(formatMessage({ message: 'Deleted $1 of $2.' }, ['3', '5']), 'Deleted 3 of 5.');
  assert.equal(formatMessage({ message: '$COUNT$ words', placeholders: { count: { content: '$1' } } }, ['۱۲']), '۱۲ words');
  assert.equal(formatMessage({ message: 'costs $$5' }), 'costs $5');
  assert.equal(formatMessage(undefined), '');
  assert.equal(formatMessage(fa.captureWords, ['۱۹۸']), '۱۹۸ واژه');
});

test('uiPrefs keeps only languages Barg has', () => {
  assert.equal(uiPrefs({ lang: 'fa' }).lang, 'fa');
  assert.equal(uiPrefs({ lang: '../x' }).lang, 'auto');
  assert.equal(uiPrefs(undefined).lang, 'auto');
});
