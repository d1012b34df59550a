// Locale-aware formatting of dates and numbers for Barg's pages. Intl does
// the work: under Persian ("fa") it writes Persian digits and the Solar Hijri
// calendar, as Persian readers expect.

/** A date (and optionally its time) for display, or "" when iso is empty or not a date. */
export function formatDate(iso, locale, { time = false } = {}) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const opts = { year: 'numeric', month: 'short', day: 'numeric' };
  if (time) Object.assign(opts, { hour: '2-digit', minute: '2-digit' });
  try {
    return new Intl.DateTimeFormat(locale, opts).format(d);
  } catch {
    return d.toISOString().slice(0, time ? 16 : 10).replace('T', ' ');
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
