// Citations of saved articles, so that Zotero, pandoc and LaTeX users can
// cite what they archived: CSL-JSON (the Citation Style Language's data
// format, which Zotero, Mendeley and pandoc read) and BibTeX (biblatex's
// @online entry, which Zotero, JabRef and pandoc read too).
//
// Each article gives one item: its authors, title (the user's corrected
// one first), container = the site, issued = the publication date, URL
// (canonical first), accessed = when it was captured, language, the
// description as abstract, tags as keywords and the user's note. Names are
// written as the page gave them (CSL "literal"; BibTeX keeps "Family,
// Given" when the page wrote it so): splitting a Persian or Chinese name
// into given and family names by guesswork would misspell it.
//
// Pure: no browser API, tested in node (citation.test.js).

/** The article of an article or of a library capture envelope, and the user's words. */
function parts(x) {
  if (x && x.schema === 'barg.capture/1' && x.article) return { a: x.article, user: x.user || {} };
  return { a: x || {}, user: {} };
}

const str = (v) => (typeof v === 'string' ? v.trim() : '');

/** [year, month, day] of an RFC 3339 date as it is written (its own offset), or null. */
export function dateParts(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)/.exec(str(s));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return [y, mo, d];
}

/** The fields every format shares, read once from an article or envelope. */
function fieldsOf(x) {
  const { a, user } = parts(x);
  const tags = [];
  for (const list of [user.tags, a.tags]) {
    if (!Array.isArray(list)) continue;
    for (const t of list) if (str(t) && !tags.includes(str(t))) tags.push(str(t));
  }
  return {
    id: str(x && x.capture_id) || str(x && x.id) || str(a.canonical_url) || str(a.url),
    title: str(user.title) || str(a.title),
    authors: (Array.isArray(a.authors) ? a.authors : []).map(str).filter(Boolean),
    site: str(a.site_name),
    issued: dateParts(a.published),
    accessed: dateParts((x && x.captured_at) || a.captured_at),
    url: str(a.canonical_url) || str(a.url),
    lang: str(a.lang),
    abstract: str(a.description),
    tags,
    note: str(user.note),
  };
}

/**
 * The CSL-JSON item of one article (type "webpage"): fields without a value
 * are left out, ids are made unique by the caller (toCSL).
 */
export function cslItem(x) {
  const f = fieldsOf(x);
  const item = { id: f.id || 'barg', type: 'webpage' };
  if (f.title) item.title = f.title;
  if (f.authors.length) item.author = f.authors.map((literal) => ({ literal }));
  if (f.site) item['container-title'] = f.site;
  if (f.issued) item.issued = { 'date-parts': [f.issued] };
  if (f.accessed) item.accessed = { 'date-parts': [f.accessed] };
  if (f.url) item.URL = f.url;
  if (f.lang) item.language = f.lang;
  if (f.abstract) item.abstract = f.abstract;
  if (f.tags.length) item.keyword = f.tags.join(', ');
  if (f.note) item.note = f.note;
  return item;
}

/** CSL-JSON of the articles: an array of items with distinct ids, pretty-printed. */
export function toCSL(articles) {
  const seen = new Set();
  const items = articles.map((x) => {
    const item = cslItem(x);
    let id = item.id;
    for (let i = 2; seen.has(id); i++) id = item.id + '#' + i;
    seen.add(id);
    return { ...item, id };
  });
  return JSON.stringify(items, null, 2).replace(/[\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16)) + '\n';
}

/**
 * Text for a BibTeX field: the characters TeX reads as commands escaped,
 * braces of the text escaped, line breaks made spaces, every other
 * character (Persian letters, ZWNJ included) written as it is, for biber's
 * UTF-8.
 */
export function bibText(s) {
  const map = {
    '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '#': '\\#', $: '\\$', '%': '\\%', '&': '\\&',
    _: '\\_', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
  };
  return String(s ?? '').replace(/[\\{}#$%&_~^]/g, (c) => map[c]).replace(/\s*\n\s*/g, ' ');
}

/** A BibTeX field value: bibText between braces. */
export function bibValue(s) {
  return '{' + bibText(s) + '}';
}

/** An ASCII word for a citation key: the first run of ASCII letters of s, lower-cased. */
function keyWord(s) {
  const m = /[A-Za-z]+/.exec(String(s || ''));
  return m ? m[0].toLowerCase() : '';
}

/** A short hash of s in base 36, for keys of titles without ASCII letters. */
function shortHash(s) {
  let h = 0x811c9dc5;
  for (const c of String(s)) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
  return h.toString(36).slice(0, 6);
}

const pad = (n) => String(n).padStart(2, '0');
const isoDate = (p) => p[0] + '-' + pad(p[1]) + '-' + pad(p[2]);

/**
 * A name for BibTeX's "and"-separated list, braced (one name, unsplit) when
 * its words include "and", or when a word begins with a letter of a script
 * without case (Persian, Arabic, Hebrew, CJK): BibTeX splits a name into
 * first, von and last parts by the case of each word's first letter, and
 * biblatex as pandoc reads it made "مریم احمدی" a von part and a last name.
 * Unsplit, it reads as the CSL-JSON's literal name does.
 */
function bibName(n) {
  const caseless = n.split(/\s+/).some((w) => /^\p{L}/u.test(w) && w[0].toLowerCase() === w[0].toUpperCase());
  return caseless || /(^|\s)and(\s|$)/i.test(n) ? '{' + bibText(n) + '}' : bibText(n);
}

/** The biblatex @online entry of one article, with its key. */
export function bibEntry(x, key) {
  const f = fieldsOf(x);
  const fields = [];
  const add = (name, v) => {
    if (v) fields.push('  ' + name + ' = ' + v);
  };
  add('title', f.title && bibValue(f.title));
  add('author', f.authors.length && '{' + f.authors.map(bibName).join(' and ') + '}');
  add('organization', f.site && bibValue(f.site));
  add('date', f.issued && isoDate(f.issued));
  add('year', f.issued && String(f.issued[0]));
  add('url', f.url && '{' + f.url.replace(/[{}\s]/g, encodeURIComponent) + '}');
  add('urldate', f.accessed && isoDate(f.accessed));
  add('langid', f.lang && bibValue(f.lang));
  add('abstract', f.abstract && bibValue(f.abstract));
  add('keywords', f.tags.length && bibValue(f.tags.join(', ')));
  add('note', f.note && bibValue(f.note));
  return '@online{' + key + ',\n' + fields.join(',\n') + '\n}\n';
}

/**
 * BibTeX of the articles: one @online entry each, keyed by the first
 * author's (or the site's) first ASCII word, the year and the title's
 * first ASCII word (a short hash of the URL when it has none), made
 * unique with a, b, c….
 */
export function toBibTeX(articles) {
  const seen = new Set();
  return articles
    .map((x) => {
      const f = fieldsOf(x);
      const base =
        (keyWord(f.authors[0]) || keyWord(f.site) || 'barg') + (f.issued ? f.issued[0] : '') + (keyWord(f.title) || shortHash(f.url || f.title));
      let key = base;
      for (let i = 0; seen.has(key); i++) key = base + String.fromCharCode(97 + (i % 26)) + (i >= 26 ? Math.floor(i / 26) : '');
      seen.add(key);
      return bibEntry(x, key);
    })
    .join('\n');
}
