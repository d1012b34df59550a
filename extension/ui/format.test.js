import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatNumber, factSeparator } from './format.js';

test('factSeparator: a comma in Arabic-script languages, a middle dot elsewhere', () => {
  for (const lang of ['fa', 'fa-IR', 'ar', 'ur', 'FA_ir']) assert.equal(factSeparator(lang), '، ', lang);
  for (const lang of ['en', 'en-US', 'de', 'he', '', undefined]) assert.equal(factSeparator(lang), ' · ', String(lang));
});

test('formatDate and formatNumber follow the locale', () => {
  assert.equal(formatNumber(1234, 'en'), '1,234');
  assert.equal(formatNumber(198, 'fa'), '۱۹۸');
  assert.equal(formatDate('2022-02-04T02:33:00+03:30', 'fa'), '۱۵ بهمن ۱۴۰۰', 'the day in Tehran, wherever the reader is');
  assert.equal(formatDate('2022-02-04T23:30:00-05:00', 'en'), 'Feb 4, 2022');
  assert.equal(formatDate('2022-02-04T00:10:00Z', 'en'), 'Feb 4, 2022');
  assert.equal(formatDate('2022-02-04T02:33:00+03:30', 'en', { month: 'long' }), 'February 4, 2022');
  assert.equal(formatDate('not a date', 'en'), '');
  assert.equal(formatDate('', 'en'), '');
});
