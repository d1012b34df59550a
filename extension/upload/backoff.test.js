import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, parseRetryAfter, outcomeOf, nextDelay, DEFAULT_BACKOFF, MAX_RETRY_AFTER_MS } from './backoff.js';

test('backoff doubles from the base and stops at the cap', () => {
  const hi = () => 1; // the top of each jitter range
  const got = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { baseMs: 1000, maxMs: 10000 }, hi));
  assert.deepEqual(got, [1000, 2000, 4000, 8000, 10000, 10000]);
});

test('jitter scales half of each delay by the random draw', () => {
  const opts = { baseMs: 1000, maxMs: 60000 };
  assert.equal(backoffDelay(3, opts, () => 0), 2000);
  assert.equal(backoffDelay(3, opts, () => 0.5), 3000);
  assert.equal(backoffDelay(3, opts, () => 0.999999), 4000);
  assert.equal(backoffDelay(3, { ...opts, jitter: 0 }, () => 0.3), 4000);
  assert.equal(backoffDelay(3, { ...opts, jitter: 1 }, () => 0.25), 1000);
});

test('every delay lies in [d/2, d] for real random draws', () => {
  for (let n = 1; n <= 30; n++) {
    const d = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** (n - 1));
    for (let i = 0; i < 50; i++) {
      const w = backoffDelay(n);
      assert.ok(w >= d / 2 && w <= d, `attempt ${n}: ${w} not in [${d / 2}, ${d}]`);
    }
  }
});

test('attempt numbers below 1 behave as the first retry', () => {
  assert.equal(backoffDelay(0, { baseMs: 700 }, () => 1), 700);
  assert.equal(backoffDelay(-3, { baseMs: 700 }, () => 1), 700);
});

test('Retry-After: seconds, HTTP dates, and garbage', () => {
  const now = Date.parse('2026-11-24T04:00:00Z');
  const cases = [
    ['3', 3000],
    [' 120 ', 120000],
    ['0', 0],
    ['Tue, 24 Nov 2026 04:00:10 GMT', 10000],
    ['Tue, 24 Nov 2026 03:59:00 GMT', 0], // in the past: now
    ['999999999', MAX_RETRY_AFTER_MS],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['', null],
    [null, null],
    [undefined, null],
  ];
  for (const [v, want] of cases) assert.equal(parseRetryAfter(v, now), want, `Retry-After ${JSON.stringify(v)}`);
});

test('outcomes: 2xx sent, 429 and 5xx retried, other answers failed', () => {
  const cases = { 200: 'sent', 201: 'sent', 204: 'sent', 299: 'sent', 429: 'retry', 500: 'retry', 503: 'retry', 599: 'retry',
    400: 'failed', 401: 'failed', 403: 'failed', 404: 'failed', 408: 'failed', 413: 'failed', 301: 'failed', 0: 'failed' };
  for (const [status, want] of Object.entries(cases)) assert.equal(outcomeOf(Number(status)), want, `HTTP ${status}`);
});

test('nextDelay prefers the server\'s Retry-After', () => {
  assert.equal(nextDelay(4, 1500, { baseMs: 100 }, () => 1), 1500);
  assert.equal(nextDelay(4, 0, { baseMs: 100 }, () => 1), 0);
  assert.equal(nextDelay(4, null, { baseMs: 100 }, () => 1), 800);
});
