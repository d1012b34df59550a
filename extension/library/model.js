// Pure helpers of the library page (no DOM, no chrome.*), tested in node.

/**
 * The distinct values of field among rows, most frequent first, then by
 * name: what the site and language filters offer. Empty values are left out.
 * @returns {{value: string, count: number}[]}
 */
export function facet(rows, field) {
  const counts = new Map();
  for (const r of rows) {
    const v = r[field];
    if (v) counts.set(v, (counts.get(v) || 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Every tag of the entries, most used first, then by name. */
export function tagFacet(rows) {
  const counts = new Map();
  for (const r of rows) for (const tag of r.tags || []) counts.set(tag, (counts.get(tag) || 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/**
 * The text and tone of an article's upload state for the library's column.
 * @param {{state: string, sent_at?: string, error?: string, next_at?: string, attempts?: number}|undefined} s
 * @param {(key: string, ...subs: string[]) => string} t
 * @param {(iso: string) => string} fmt  localized date and time
 * @returns {{text: string, tone: 'none'|'pending'|'ok'|'error', detail: string}}
 */
export function uploadLabel(s, t, fmt) {
  switch (s && s.state) {
    case 'queued':
      // A queued item that already failed once says why, beside when it tries again.
      return {
        text: t('uploadQueued'),
        tone: 'pending',
        detail: [s.next_at ? t('uploadNextAt', fmt(s.next_at)) : '', s.error ? t('uploadLastError', String(s.error)) : '']
          .filter(Boolean).join(t('listSeparator')),
      };
    case 'sending':
      return { text: t('uploadSending'), tone: 'pending', detail: '' };
    case 'sent':
      return { text: s.sent_at ? t('uploadSentAt', fmt(s.sent_at)) : t('uploadSent'), tone: 'ok', detail: '' };
    case 'failed':
      return { text: t('uploadFailed'), tone: 'error', detail: s.error ? String(s.error) : '' };
    default:
      return { text: t('uploadNone'), tone: 'none', detail: '' };
  }
}

/**
 * What the select-all checkbox shows for a selection over the shown ids:
 * checked when all are selected, indeterminate when some are.
 */
export function selectAllState(shownIds, selected) {
  let n = 0;
  for (const id of shownIds) if (selected.has(id)) n++;
  return { checked: n > 0 && n === shownIds.length, indeterminate: n > 0 && n < shownIds.length, count: n };
}

/** Calls fn at most once per wait ms, with the last arguments, after calls stop. */
export function debounce(fn, wait) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}
