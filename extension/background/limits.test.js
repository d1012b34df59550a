import test from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PAGE_BYTES, utf8Length, withTimeout } from './limits.js';

test('utf8Length counts UTF-8 bytes where the limit is in doubt', () => {
  assert.equal(utf8Length('abc'), 3);
  assert.equal(utf8Length(undefined), 0);
  // 8 M Persian letters: 16 MB of UTF-8 though only 8 M UTF-16 units.
  const fa = 'ب'.repeat(8 * 1024 * 1024);
  assert.equal(utf8Length(fa), 16 * 1024 * 1024);
  const over = 'ب'.repeat(11 * 1024 * 1024);
  assert.ok(utf8Length(over) > MAX_PAGE_BYTES, 'an 11 M-letter Persian page is over 20 MB');
  const emoji = '😀'.repeat(4 * 1024 * 1024); // 8 M units, 16 MB
  assert.equal(utf8Length(emoji), 16 * 1024 * 1024);
  assert.ok(utf8Length('x'.repeat(MAX_PAGE_BYTES + 1)) > MAX_PAGE_BYTES);
});

test('withTimeout adds the bound, and a caller\'s own comes later and wins', () => {
  assert.deepEqual(JSON.parse(withTimeout('{}')), { timeout_ms: 10000 });
  assert.deepEqual(JSON.parse(withTimeout('')), { timeout_ms: 10000 });
  assert.deepEqual(JSON.parse(withTimeout(' { "raw": true } ')), { timeout_ms: 10000, raw: true });
  assert.match(withTimeout('{"timeout_ms":5}'), /^\{"timeout_ms":10000,"timeout_ms":5\}$/);
});
