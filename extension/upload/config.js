// Upload settings: their defaults, checks and storage.
//
// Settings live in storage.local only (never storage.sync): they may hold
// credentials in custom headers. Nothing here logs them.

/** The storage.local key of the settings. */
export const SETTINGS_KEY = 'upload.settings';

/** The storage.local key listing the host permissions Barg asked for, so that unused ones can be given back. */
export const GRANTED_KEY = 'upload.granted_origins';

export const METHODS = ['POST', 'PUT'];

/** single: one article per request; ndjson / array: "send all" batches. */
export const FORMATS = ['single', 'ndjson', 'array'];

export const DEFAULT_SETTINGS = Object.freeze({
  endpoint: '',
  method: 'POST',
  headers: [], // [{name, value}]
  format: 'single',
  auto_send: false,
  // Not shown in the form; tests (and patient users) may change them in storage.
  timeout_ms: 30000,
  backoff_base_ms: 5000,
  backoff_max_ms: 60 * 60 * 1000,
  batch_max: 50,
});

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * Checks an endpoint URL: https anywhere, http only on localhost and
 * 127.0.0.1, no user name or password in the URL.
 * @returns {{ok: true, url: string, origin: string, pattern: string} | {ok: false, reason: string, code: string}}
 *   pattern is the host-permission match pattern for the endpoint's host.
 */
export function checkEndpoint(raw) {
  const s = String(raw ?? '').trim();
  if (!s) return { ok: false, code: 'empty', reason: 'Enter the address of your server, for example https://example.org/captures.' };
  let u;
  try {
    u = new URL(s);
  } catch {
    return { ok: false, code: 'invalid', reason: 'This is not a web address. It should start with https://.' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { ok: false, code: 'scheme', reason: 'Only https:// addresses can be used (http:// only for localhost and 127.0.0.1).' };
  }
  if (u.protocol === 'http:' && !LOCAL_HOSTS.has(u.hostname)) {
    return { ok: false, code: 'insecure', reason: 'Plain http:// would send your articles and credentials unencrypted; it is allowed only for localhost and 127.0.0.1. Use https://.' };
  }
  if (u.username || u.password) {
    return { ok: false, code: 'userinfo', reason: 'Do not put a user name or password in the address; add an Authorization header instead.' };
  }
  u.hash = '';
  return { ok: true, url: u.href, origin: u.origin, pattern: `${u.protocol}//${u.hostname}/*` };
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

// Headers the browser sets itself (fetch drops them silently) or that Barg sets.
const RESERVED = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive',
  'origin', 'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via',
  'content-type', 'idempotency-key',
]);

/**
 * Checks custom header rows. Rows with an empty name and value are ignored.
 * @param {{name: string, value: string}[]} rows
 * @returns {{ok: true, headers: {name: string, value: string}[]} | {ok: false, reason: string, row: number}}
 */
export function checkHeaders(rows) {
  const out = [];
  const seen = new Set();
  for (const [i, row] of (rows || []).entries()) {
    const name = String(row?.name ?? '').trim();
    const value = String(row?.value ?? '').trim();
    if (!name && !value) continue;
    if (!TOKEN.test(name)) return { ok: false, row: i, reason: `Header ${i + 1}: "${name}" is not a valid header name (letters, digits and - only).` };
    const lower = name.toLowerCase();
    if (RESERVED.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) {
      return { ok: false, row: i, reason: `Header ${i + 1}: ${name} is set by the browser or by Barg and cannot be changed.` };
    }
    if (/[\r\n\0]/.test(value)) return { ok: false, row: i, reason: `Header ${i + 1}: the value of ${name} cannot contain line breaks.` };
    // fetch sends header values as bytes: visible ASCII and Latin-1 only
    // (a "…" pasted from the placeholder made every upload throw).
    const bad = value.match(/[^\t\x20-\x7e\xa0-\xff]/u);
    if (bad) {
      return { ok: false, row: i, reason: `Header ${i + 1}: the value of ${name} contains "${bad[0]}" (U+${bad[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}), which cannot be sent in a header: use plain ASCII letters, digits and signs.` };
    }
    if (seen.has(lower)) return { ok: false, row: i, reason: `Header ${i + 1}: ${name} is given twice.` };
    seen.add(lower);
    out.push({ name, value });
  }
  return { ok: true, headers: out };
}

/** Settings with defaults filled in and unknown values replaced, so callers can rely on every field. */
export function normalizeSettings(s) {
  const v = { ...DEFAULT_SETTINGS, ...(s && typeof s === 'object' ? s : {}) };
  if (!METHODS.includes(v.method)) v.method = DEFAULT_SETTINGS.method;
  if (!FORMATS.includes(v.format)) v.format = DEFAULT_SETTINGS.format;
  v.auto_send = Boolean(v.auto_send);
  v.headers = Array.isArray(v.headers) ? v.headers.filter((h) => h && typeof h.name === 'string').map((h) => ({ name: h.name, value: String(h.value ?? '') })) : [];
  for (const k of ['timeout_ms', 'backoff_base_ms', 'backoff_max_ms', 'batch_max']) {
    if (!(Number.isFinite(v[k]) && v[k] > 0)) v[k] = DEFAULT_SETTINGS[k];
  }
  return v;
}

/** Reads the settings from storage (chrome.storage.local or a shim with the same get). */
export async function loadSettings(storage) {
  const got = await storage.get(SETTINGS_KEY);
  return normalizeSettings(got[SETTINGS_KEY]);
}

/** Writes the settings to storage.local. */
export async function saveSettings(storage, s) {
  await storage.set({ [SETTINGS_KEY]: normalizeSettings(s) });
}

/** The request headers for an upload: the user's, then Barg's own (no Idempotency-Key when key is empty). */
export function requestHeaders(settings, contentType, key) {
  const h = new Headers();
  for (const { name, value } of settings.headers) h.set(name, value);
  h.set('Content-Type', contentType);
  if (key) h.set('Idempotency-Key', key);
  return h;
}
