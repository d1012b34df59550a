// URL checks for captured content. A captured article comes from any web
// page, hostile ones included: its links and image sources are used only when
// they parse as absolute URLs with an allowed scheme. Everything else
// (javascript:, data:, vbscript:, blob:, file:, chrome-extension:, relative
// or malformed URLs) is dropped.

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
const MEDIA_SCHEMES = new Set(['http:', 'https:']);

function checked(raw, schemes) {
  if (typeof raw !== 'string') return '';
  const s = raw.trim();
  if (!s) return '';
  let u;
  try {
    u = new URL(s);
  } catch {
    return '';
  }
  return schemes.has(u.protocol) ? u.href : '';
}

/** The normalized href for a link (http, https, mailto), or "" when it must not be used. */
export function safeHref(raw) {
  return checked(raw, LINK_SCHEMES);
}

/** The normalized URL for an image or embed (http, https only), or "". */
export function safeSrc(raw) {
  return checked(raw, MEDIA_SCHEMES);
}

/** The value when it is "rtl", "ltr" or "auto", else "". */
export function safeDir(dir) {
  return dir === 'rtl' || dir === 'ltr' || dir === 'auto' ? dir : '';
}

/** The value when it looks like a BCP 47 language tag, else "". */
export function safeLang(lang) {
  return typeof lang === 'string' && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : '';
}

/**
 * Splits text into runs, linking the first occurrence of each link's text
 * after the previous link, in order. Links whose text is not found or whose
 * href is unsafe stay plain text. Returns [{text, href?}].
 */
export function linkRuns(text, links) {
  const runs = [];
  let pos = 0;
  for (const l of links || []) {
    const lt = l && typeof l.text === 'string' ? l.text : '';
    const href = safeHref(l && l.href);
    if (!lt || !href) continue;
    const at = text.indexOf(lt, pos);
    if (at < 0) continue;
    if (at > pos) runs.push({ text: text.slice(pos, at) });
    runs.push({ text: lt, href });
    pos = at + lt.length;
  }
  if (pos < text.length || runs.length === 0) runs.push({ text: text.slice(pos) });
  return runs;
}

/**
 * The links of a table block that belong to each of its cells
 * ([row][cell] → links). The extraction lists them cell after cell, each
 * with text found in its cell, so a cell takes the next links as long as
 * each one's text follows the previous one in the cell's text. (Go's
 * shared/template does the same for the Markdown export.)
 */
export function cellLinks(rows, links) {
  const list = Array.isArray(links) ? links : [];
  let k = 0;
  return rows.map((r) =>
    (Array.isArray(r) ? r : []).map((c) => {
      const text = String(c ?? '');
      const mine = [];
      let pos = 0;
      while (k < list.length) {
        const l = list[k];
        const lt = l && typeof l.text === 'string' ? l.text : '';
        if (lt === '') {
          k++;
          continue;
        }
        const at = text.indexOf(lt, pos);
        if (at < 0) break;
        mine.push(l);
        pos = at + lt.length;
        k++;
      }
      return mine;
    }),
  );
}
