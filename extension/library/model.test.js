import { test } from 'node:test';
import assert from 'node:assert/strict';
import { facet, uploadLabel, selectAllState, debounce } from './model.js';

test('facet counts distinct values, most frequent first, skipping empty ones', () => {
  const rows = [{ site: 'b' }, { site: 'a' }, { site: 'b' }, { site: '' }, { site: 'c' }, {}];
  assert.deepEqual(facet(rows, 'site'), [
    { value: 'b', count: 2 },
    { value: 'a', count: 1 },
    { value: 'c', count: 1 },
  ]);
  assert.deepEqual(facet([], 'lang'), []);
});

test('uploadLabel', async (t) => {
  const tr = (k, ...s) => (k === 'listSeparator' ? '; ' : k + (s.length ? '(' + s.join(',') + ')' : ''));
  const fmt = (iso) => 'F' + iso;
  const cases = [
    ['no state', undefined, { text: 'uploadNone', tone: 'none', detail: '' }],
    ['none', { state: 'none' }, { text: 'uploadNone', tone: 'none', detail: '' }],
    ['queued with next attempt', { state: 'queued', next_at: 'X' }, { text: 'uploadQueued', tone: 'pending', detail: 'uploadNextAt(FX)' }],
    ['queued after a failure says why', { state: 'queued', next_at: 'X', error: '503 Service Unavailable' }, { text: 'uploadQueued', tone: 'pending', detail: 'uploadNextAt(FX); uploadLastError(503 Service Unavailable)' }],
    ['queued, never tried', { state: 'queued' }, { text: 'uploadQueued', tone: 'pending', detail: '' }],
    ['sending', { state: 'sending' }, { text: 'uploadSending', tone: 'pending', detail: '' }],
    ['sent at', { state: 'sent', sent_at: 'S' }, { text: 'uploadSentAt(FS)', tone: 'ok', detail: '' }],
    ['failed with the reason', { state: 'failed', error: '401 Unauthorized' }, { text: 'uploadFailed', tone: 'error', detail: '401 Unauthorized' }],
  ];
  for (const [name, s, want] of cases) await t.test(name, () => assert.deepEqual(uploadLabel(s, tr, fmt), want));
});

test('selectAllState', () => {
  assert.deepEqual(selectAllState(['a', 'b'], new Set()), { checked: false, indeterminate: false, count: 0 });
  assert.deepEqual(selectAllState(['a', 'b'], new Set(['a', 'z'])), { checked: false, indeterminate: true, count: 1 });
  assert.deepEqual(selectAllState(['a', 'b'], new Set(['a', 'b'])), { checked: true, indeterminate: false, count: 2 });
  assert.deepEqual(selectAllState([], new Set(['a'])), { checked: false, indeterminate: false, count: 0 });
});

test('debounce runs once with the last arguments', async () => {
  const calls = [];
  const d = debounce((x) => calls.push(x), 20);
  d(1); d(2); d(3);
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(calls, [3]);
});
