// Safe, readable file names for exports.
//
// A Persian title stays Persian: letters of every script, digits, ZWNJ
// (U+200C) and ZWJ are kept, so "ریاست‌جمهوری" stays one readable word.
// What file systems or download APIs refuse, or what could disguise a name,
// is replaced: / \ : * ? " < > |, control characters, and bidi embedding,
// override and isolate controls (U+202A–U+202E, U+2066–U+2069), which can
// make "txt.exe" look like "exe.txt".

/** Longest base name kept, in characters (code points). */
export const MAX_NAME = 80;

const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]+/gu;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * The base name (no extension) for a title: unsafe characters become "-",
 * white space collapses to one space, leading dots and trailing dots/spaces
 * go, and the result is cut to max code points without splitting a
 * surrogate pair or ending on a joiner. Empty when nothing readable is left.
 */
export function safeBaseName(title, max = MAX_NAME) {
  let s = String(title ?? '').normalize('NFC');
  s = s.replace(/\s+/gu, ' ').replace(UNSAFE, '-');
  s = s.replace(/-{2,}/g, '-').trim();
  s = s.replace(/^[.\s-]+/u, '');
  let chars = Array.from(s);
  if (chars.length > max) chars = chars.slice(0, max);
  s = chars.join('');
  s = s.replace(/[\s.\-\u200c\u200d]+$/u, '');
  if (!/[\p{L}\p{N}]/u.test(s)) return '';
  if (WINDOWS_RESERVED.test(s)) s = '_' + s;
  return s;
}

/** "barg-export-YYYY-MM-DD" for the given time (UTC date). */
export function fallbackName(now = new Date()) {
  return 'barg-export-' + now.toISOString().slice(0, 10);
}

/**
 * The file name for an export: the title's safe base name, else the
 * fallback, plus "." + ext.
 */
export function exportFileName(title, ext, now = new Date()) {
  return (safeBaseName(title) || fallbackName(now)) + '.' + ext;
}

/**
 * The name as Chromium will save it readably. Chromium replaces every
 * format character (Unicode category Cf: ZWNJ, ZWJ, bidi marks) and "~" in
 * download names with "_", which turns "نگرانی‌ها" into "نگرانی_ها". A
 * space instead of the ZWNJ keeps the same letter shapes (the ZWNJ's only
 * job is to stop the joining); the other format characters are dropped.
 */
export function chromiumFileName(name) {
  return String(name)
    .replace(/\u200c/g, ' ')
    .replace(/\p{Cf}/gu, '')
    .replace(/~/g, '-')
    .replace(/ {2,}/g, ' ');
}
