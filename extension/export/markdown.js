// Markdown export: each article as YAML front matter with a few flat,
// widely read keys (what Obsidian's properties, Logseq, Zotero's and
// pandoc's readers understand), then its body rendered from the blocks.
//
// Front matter keys, in order, empty ones left out: title (the user's
// corrected title, else the extracted one), author (a list), published,
// source (the canonical URL, else the captured one), site, lang, tags (the
// user's and the page's, made valid tags: see cleanTag), captured, image
// (the lead image's URL, a string), description, note (the user's). The
// rest of the article JSON stays out: it is in the JSON export.
//
// Text is written in logical order exactly as saved: nothing is reordered
// for right-to-left scripts and ZWNJ, ZWJ and bidi marks are kept. Markdown
// syntax characters in the text are backslash-escaped so that captured text
// is never read as markup (or raw HTML); links and images keep only
// http(s)/mailto URLs.
//
// The same bytes come out of Go's default Markdown template
// (shared/template DefaultMarkdown), which the extension uses when Go is
// running; shared/template's tests compare the two on real pages.

import { safeSrc, linkRuns, cellLinks } from '../ui/urls.js';

/** Characters a tag keeps: letters, marks, digits, "_", "-", "/", ZWNJ and ZWJ. */
const TAG_DROP = /[^\p{L}\p{M}\p{N}_\-/\u200c\u200d]/gu;

/**
 * A tag as Obsidian and Logseq accept it: a leading "#" dropped, white
 * space made "-", every character but letters, marks, digits, "_", "-",
 * "/", ZWNJ and ZWJ (so "@", "." and "," too) dropped, runs of "-" or "/"
 * made one, none at either end. "" when no letter is left (a tag of digits
 * alone is no tag there).
 */
export function cleanTag(s) {
  if (typeof s !== 'string') return '';
  const t = s
    .trim()
    .replace(/^#+/, '')
    .replace(/\s+/g, '-')
    .replace(TAG_DROP, '')
    .replace(/-{2,}/g, '-')
    .replace(/\/{2,}/g, '/')
    .replace(/^[-/\u200c\u200d]+|[-/\u200c\u200d]+$/g, '');
  return /\p{L}/u.test(t) ? t : '';
}

/** The user's tags, then the page's, each made valid (cleanTag), without repeats. */
export function exportTags(a, user) {
  const out = [];
  for (const list of [user && user.tags, a && a.tags]) {
    if (!Array.isArray(list)) continue;
    for (const x of list) {
      const t = cleanTag(x);
      if (t && !out.includes(t)) out.push(t);
    }
  }
  return out;
}

/**
 * A YAML double-quoted scalar. Escapes backslash, quote, C0/C1 controls,
 * DEL, U+2028/U+2029, U+FEFF and lone surrogates (as U+FFFD); every other
 * character, ZWNJ and the bidi marks included, is written as is.
 */
export function yamlString(s) {
  let out = '"';
  for (const ch of String(s ?? '')) {
    const c = ch.codePointAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0x2028) out += '\\L';
    else if (c === 0x2029) out += '\\P';
    else if (c === 0xfeff) out += '\\uFEFF';
    else if (c >= 0xd800 && c <= 0xdfff) out += '\uFFFD';
    else out += ch;
  }
  return out + '"';
}

function yamlValue(v, indent) {
  if (typeof v === 'number' && Number.isFinite(v)) return ' ' + String(v);
  if (typeof v === 'boolean') return ' ' + String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return ' []';
    return v.map((x) => '\n' + indent + '  - ' + yamlString(x)).join('');
  }
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => v[k] !== '' && v[k] != null);
    if (keys.length === 0) return ' {}';
    return keys.map((k) => '\n' + indent + '  ' + k + ':' + yamlValue(v[k], indent + '  ')).join('');
  }
  return ' ' + yamlString(v);
}

/** The first of values that is not empty (missing, null, "", [] or {}), as Go's "first" filter. */
function firstOf(...values) {
  for (const v of values) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    return v;
  }
  return undefined;
}

/**
 * The YAML front matter of an article, "---" lines included, with the
 * user's words on a library entry (user: {title, tags, note}) where they
 * belong: the corrected title as title, the tags among the tags, the note
 * as note. Empty fields are left out.
 */
export function frontMatter(a, user) {
  const u = user && typeof user === 'object' ? user : {};
  const fields = [
    ['title', firstOf(u.title, a.title)],
    ['author', a.authors],
    ['published', a.published],
    ['source', firstOf(a.canonical_url, a.url)],
    ['site', a.site_name],
    ['lang', a.lang],
    ['tags', exportTags(a, u)],
    ['captured', a.captured_at],
    ['image', a.image && typeof a.image === 'object' ? a.image.src : undefined],
    ['description', a.description],
    ['note', u.note],
  ];
  const lines = ['---'];
  for (const [key, v] of fields) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && !Array.isArray(v) && yamlValue(v, '') === ' {}') continue;
    lines.push(key + ':' + yamlValue(v, ''));
  }
  lines.push('---');
  return lines.join('\n') + '\n';
}

/**
 * Escapes Markdown syntax in running text: backslash, emphasis, code,
 * brackets, raw HTML and entity starts anywhere; block markers (#, >, -, +,
 * "1.", "1)", =, |) at the start of a line.
 */
export function escapeText(s) {
  let out = String(s ?? '').replace(/[\\`*_[\]<>~|]/g, '\\$&').replace(/&(?=#?\w+;)/g, '\\&');
  out = out.replace(/^([ \t]*)([#>+=-])/gm, '$1\\$2').replace(/^([ \t]*)(\d+)([.)])/gm, '$1$2\\$3');
  return out;
}

/** A URL for use inside (…): wrapped in <…> when it has spaces or brackets. */
function mdURL(u) {
  return /[\s()<>]/.test(u) ? '<' + u.replace(/[<>]/g, encodeURIComponent) + '>' : u;
}

/** Running text with its block's links as [text](href). */
function inline(text, links) {
  return linkRuns(String(text ?? ''), links)
    .map((r) => (r.href ? '[' + escapeText(r.text) + '](' + mdURL(r.href) + ')' : escapeText(r.text)))
    .join('');
}

function fence(code) {
  const longest = Math.max(2, ...Array.from(String(code).matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** Runs of white space holding a line feed become one space (a cell is one line). */
function oneLineCell(s) {
  return String(s ?? '').replace(/\s*\n\s*/g, ' ');
}

/** A table cell: one line, its links as [text](href), "|" escaped (in URLs too). */
function tableCell(s, links) {
  const cellLinks = links.map((l) => ({ text: oneLineCell(l.text), href: typeof l.href === 'string' ? l.href.replace(/\|/g, '%7C') : l.href }));
  return inline(oneLineCell(s), cellLinks).trim() || ' ';
}

/**
 * GFM table: the first row is the header (the extraction puts a table's
 * header row first); rows are padded to the widest; links stay links.
 */
function table(rows, links) {
  rows = rows.map((r) => (Array.isArray(r) ? r : []));
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (width === 0) return '';
  const byCell = cellLinks(rows, links);
  const line = (r, i) => '| ' + Array.from({ length: width }, (_, j) => tableCell(r[j], (byCell[i] && byCell[i][j]) || [])).join(' | ') + ' |';
  const out = [line(rows[0], 0), '|' + ' --- |'.repeat(width)];
  rows.slice(1).forEach((r, i) => out.push(line(r, i + 1)));
  return out.join('\n');
}

/** The Markdown for one block, or "" for a block with nothing to show. */
export function blockMarkdown(b) {
  const text = String(b.text ?? '');
  switch (b.type) {
    case 'heading': {
      // The article's title is the only level-1 heading.
      const level = Math.min(6, Math.max(2, Number(b.level) || 2));
      return '#'.repeat(level) + ' ' + inline(text, b.links).replace(/\n+/g, ' ');
    }
    case 'list': {
      const items = b.items && b.items.length ? b.items : text.split('\n').filter(Boolean);
      return items
        .map((it, i) => (b.ordered ? i + 1 + '. ' : '- ') + inline(it, b.links).replace(/\n/g, '\n   '))
        .join('\n');
    }
    case 'quote':
      return inline(text, b.links)
        .split('\n')
        .map((l) => (l ? '> ' + l : '>'))
        .join('\n');
    case 'figure': {
      const src = safeSrc(b.src);
      const parts = [];
      if (src) parts.push('![' + escapeText(b.alt || '') + '](' + mdURL(src) + ')');
      if (b.caption) parts.push('*' + inline(b.caption, b.links).replace(/\n+/g, ' ') + '*');
      return parts.join('\n');
    }
    case 'table': {
      // The caption (the block's text) in italics above the table.
      const t = table(Array.isArray(b.rows) ? b.rows : [], b.links);
      return t && text ? '*' + escapeText(text).replace(/\n+/g, ' ') + '*\n\n' + t : t;
    }
    case 'code': {
      const f = fence(text);
      const lang = /^[\w+#.-]{1,30}$/.test(b.lang || '') ? b.lang : '';
      return f + lang + '\n' + text.replace(/\n$/, '') + '\n' + f;
    }
    case 'embed': {
      const src = safeSrc(b.src);
      return src ? '<' + src.replace(/[<>]/g, encodeURIComponent) + '>' : '';
    }
    default:
      return inline(text, b.links);
  }
}

/**
 * One article: front matter, "# title", then the blocks separated by blank
 * lines. A library capture envelope (export/json.js) gives its article and
 * the user's words; the heading is then the user's title when there is one.
 */
export function articleMarkdown(a, user) {
  if (a && a.schema === 'barg.capture/1' && a.article) return articleMarkdown(a.article, a.user);
  const parts = [];
  const title = (user && user.title) || a.title;
  if (title) parts.push('# ' + escapeText(title).replace(/\n+/g, ' '));
  for (const b of a.blocks || []) {
    const md = blockMarkdown(b);
    if (md.trim()) parts.push(md);
  }
  return frontMatter(a, user) + '\n' + parts.join('\n\n') + '\n';
}

/** Several articles in one Markdown file, each with its own front matter. */
export function toMarkdown(articles) {
  return articles.map((a) => articleMarkdown(a)).join('\n');
}

