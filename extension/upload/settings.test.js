import { test } from 'node:test';
import assert from 'node:assert/strict';
import { originsToRemove } from './settings.js';

test('saving gives back the hosts asked for before and no longer used', () => {
  assert.deepEqual(originsToRemove(['https://old.example/*', 'http://127.0.0.1/*'], 'http://127.0.0.1/*'), ['https://old.example/*']);
  assert.deepEqual(originsToRemove(['https://a.example/*', 'https://a.example/*'], null), ['https://a.example/*']);
  assert.deepEqual(originsToRemove(undefined, 'https://a.example/*'), []);
});
