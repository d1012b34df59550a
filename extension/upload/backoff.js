// Retry policy for uploads: which answers are worth retrying, and when.
//
// Pure functions with no browser APIs, so the schedule is unit-tested in
// node with an injected random source.

/** Default schedule: 5 s, 10 s, 20 s … doubling up to one hour, each with jitter. */
export const DEFAULT_BACKOFF = Object.freeze({
  baseMs: 5000,
  maxMs: 60 * 60 * 1000,
  factor: 2,
  jitter: 0.5, // the share of each delay that is random
});

/** The longest Retry-After honoured; a server asking for more gets this. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The wait before retry number `attempt` (1 for the first retry): the
 * exponential delay base·factor^(attempt-1), capped at max, of which the
 * `jitter` share is scaled by random() ∈ [0,1) so that many clients failing
 * together do not come back together. With jitter 0.5 the wait lies in
 * [delay/2, delay).
 * @param {number} attempt
 * @param {Partial<typeof DEFAULT_BACKOFF>} [opts]
 * @param {() => number} [random]
 */
export function backoffDelay(attempt, opts = {}, random = Math.random) {
  const { baseMs, maxMs, factor, jitter } = { ...DEFAULT_BACKOFF, ...opts };
  const n = Math.max(1, Math.floor(attempt));
  const raw = Math.min(maxMs, baseMs * Math.pow(factor, n - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(raw * (1 - jitter) + raw * jitter * r);
}

/**
 * Parses a Retry-After header: delay-seconds or an HTTP date. Returns the
 * wait in milliseconds from `nowMs` (never negative, at most
 * MAX_RETRY_AFTER_MS), or null when absent or unreadable.
 * @param {string|null|undefined} value
 * @param {number} nowMs
 */
export function parseRetryAfter(value, nowMs) {
  if (value == null) return null;
  const s = String(value).trim();
  if (s === '') return null;
  let ms;
  if (/^\d+$/.test(s)) {
    ms = Number(s) * 1000;
  } else {
    const t = Date.parse(s);
    if (Number.isNaN(t) || !/[a-z]/i.test(s)) return null; // HTTP dates name the day and month
    ms = t - nowMs;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * What to do after an HTTP answer: 'sent' for 2xx, 'retry' for 429 and
 * 5xx, 'failed' for everything else (other 4xx, and 1xx/3xx, which a
 * receiver should never send as a final answer).
 * @param {number} status
 */
export function outcomeOf(status) {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 429 || (status >= 500 && status < 600)) return 'retry';
  return 'failed';
}

/**
 * The wait before the next attempt after `attempts` failed ones: the
 * server's Retry-After when it gave one, else the backoff schedule.
 * @param {number} attempts  failed attempts so far (≥ 1)
 * @param {number|null} retryAfterMs
 * @param {Partial<typeof DEFAULT_BACKOFF>} [opts]
 * @param {() => number} [random]
 */
export function nextDelay(attempts, retryAfterMs, opts, random) {
  if (retryAfterMs != null) return retryAfterMs;
  return backoffDelay(attempts, opts, random);
}
