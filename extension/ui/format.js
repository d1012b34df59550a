// Locale-aware formatting of dates and numbers for Barg's pages. Intl does
// the work: under Persian ("fa") it writes Persian digits and the Solar Hijri
// calendar, as Persian readers expect.

/**
 * A date (and optionally its time) for display, or "" when iso is empty or
 * not a date. A date alone is the calendar day where it was written: an
 * article published at 02:33 in Tehran (+03:30) on 15 Bahman is shown as
 * 15 Bahman everywhere, not as the 14th in a zone that was still on the
 * evening before. With the time, the reader's own zone is used (a capture
 * time is when the reader saved it).
 */
export function formatDate(iso, locale, { time = false, month = 'short' } = {}) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const opts = { year: 'numeric', month, day: 'numeric' };
  let shown = d;
  if (time) {
    Object.assign(opts, { hour: '2-digit', minute: '2-digit' });
  } else {
    const m = /(?:([+-])(\d\d):?(\d\d)|Z)$/i.exec(String(iso).trim());
    if (m) {
      const offset = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
      shown = new Date(d.getTime() + offset * 60000);
      opts.timeZone = 'UTC';
    }
  }
  try {
    return new Intl.DateTimeFormat(locale, opts).format(shown);
  } catch {
    return shown.toISOString().slice(0, time ? 16 : 10).replace('T', ' ');
  }
}

/** An integer for display, with the locale's digits and grouping. */
export function formatNumber(n, locale) {
  try {
    return new Intl.NumberFormat(locale).format(n);
  } catch {
    return String(n);
  }
}

/**
 * The separator between short facts on one line ("198 words · 1 min read")
 * in a language. Persian, Arabic and Urdu use their comma: a middle dot
 * beside Persian digits reads as the digit zero (۱ · ۲ looks like ۱۰۲).
 */
export function factSeparator(lang) {
  const base = String(lang || '').toLowerCase().split(/[-_]/)[0];
  return ['fa', 'ar', 'ur', 'ps', 'ckb', 'sd', 'ug'].includes(base) ? '، ' : ' · ';
}
