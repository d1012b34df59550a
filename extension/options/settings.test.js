import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitize, DEFAULTS } from './settings.js';

test('sanitize fills gaps with defaults and rejects bad values', () => {
  assert.deepEqual(sanitize(undefined), DEFAULTS);
  assert.deepEqual(sanitize(null), DEFAULTS);
  assert.deepEqual(sanitize('x'), DEFAULTS);
  assert.deepEqual(sanitize({ normalize: false }), { normalize: false, digits: 'persian' });
  assert.deepEqual(sanitize({ digits: 'latin' }), { normalize: true, digits: 'latin' });
  assert.deepEqual(sanitize({ normalize: 'no', digits: 'roman', extra: 1 }), DEFAULTS);
});
