// The bounds on one extraction, in time and size, kept apart from engine.js
// (which loads Go) so that node tests can check them.
//
// Time: Go checks a deadline as it works (extract.Options.Deadline) and
// rejects with code "timeout", "the page took too long"; meanwhile it gives
// the event loop back every 25 ms (wasm/main.go), so that messages, other
// captures and uploads are answered while a hostile page is processed.
//
// Size: a page over MAX_PAGE_BYTES is refused in JavaScript, before anything
// is copied into wasm memory, which never shrinks (after 10, 60 and 150 MB
// pages the background held 299, 359 and 510 MB until restarted).

/** The time Go may spend on one page. */
export const EXTRACT_TIMEOUT_MS = 10_000;

/** The largest page, in bytes of UTF-8 (extract.DefaultMaxBytes). */
export const MAX_PAGE_BYTES = 20 * 1024 * 1024;

/**
 * Pages larger than this get a "Capturing… N MB" notice as soon as the
 * capture starts: from about 1 MB on, reading and extracting takes long
 * enough (seconds on a 7 MB page) to need saying.
 */
export const NOTICE_BYTES = 1024 * 1024;

/**
 * A size in megabytes as people write it, in the given language: one
 * decimal below 10 MB ("7.3", "۷٫۳"), whole numbers above ("25"), never "0".
 * @param {number} bytes
 * @param {string} [lang]
 */
export function megabytes(bytes, lang = 'en') {
  const mb = Math.max(0, Number(bytes) || 0) / (1024 * 1024);
  const digits = mb < 10 ? 1 : 0;
  const shown = Math.max(mb, 0.1);
  try {
    return shown.toLocaleString(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  } catch {
    return shown.toFixed(digits);
  }
}

/**
 * The UTF-8 size of s, counted exactly only where it matters: UTF-8 takes
 * one to three bytes per UTF-16 unit, so only a string between a third of
 * the limit and the limit is counted.
 * @param {string} s
 */
export function utf8Length(s) {
  const n = typeof s === 'string' ? s.length : 0;
  if (n <= MAX_PAGE_BYTES / 3 || n > MAX_PAGE_BYTES) return n;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) { bytes += 4; i++; } // a surrogate pair
    else bytes += 3;
  }
  return bytes;
}

/**
 * optionsJSON (a JSON object) with Go's time bound added in front, so that
 * a timeout_ms the caller gave, later in the object, wins.
 * @param {string} optionsJSON
 */
export function withTimeout(optionsJSON, ms = EXTRACT_TIMEOUT_MS) {
  const rest = (optionsJSON || '{}').trim().slice(1).trim();
  return '{"timeout_ms":' + ms + (rest.startsWith('}') ? '' : ',') + rest;
}
