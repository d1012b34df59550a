import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureSettings, extractOptions, readSettings, DEFAULT_SETTINGS } from './settings.js';

test('captureSettings fills defaults and drops invalid values', () => {
  assert.deepEqual(captureSettings(undefined), { ...DEFAULT_SETTINGS });
  assert.deepEqual(captureSettings(null), { ...DEFAULT_SETTINGS });
  assert.deepEqual(captureSettings('x'), { ...DEFAULT_SETTINGS });
  assert.deepEqual(captureSettings({ normalize: false }), { normalize: false, digits: 'persian' });
  assert.deepEqual(captureSettings({ digits: 'latin' }), { normalize: true, digits: 'latin' });
  assert.deepEqual(captureSettings({ normalize: 'no', digits: 'roman' }), { ...DEFAULT_SETTINGS });
  assert.deepEqual(captureSettings({ endpoint: 'https://x' }).endpoint, 'https://x');
});

test('extractOptions maps settings to the bridge options', () => {
  assert.deepEqual(JSON.parse(extractOptions({ normalize: true, digits: 'persian' })),
    { raw: false, latin_digits: false });
  assert.deepEqual(JSON.parse(extractOptions({ normalize: false, digits: 'latin' },
    { selection: '<p>a\u200cb</p>', capturedAt: '2026-01-02T03:04:05Z' })),
  { raw: true, latin_digits: true, selection: '<p>a\u200cb</p>', captured_at: '2026-01-02T03:04:05Z' });
  assert.equal('selection' in JSON.parse(extractOptions(DEFAULT_SETTINGS, { selection: null })), false);
});

test('readSettings reads the "settings" key', async () => {
  const storage = { get: async (k) => (k === 'settings' ? { settings: { digits: 'latin' } } : {}) };
  assert.deepEqual(await readSettings(storage), { normalize: true, digits: 'latin' });
  assert.deepEqual(await readSettings({ get: async () => ({}) }), { ...DEFAULT_SETTINGS });
});
