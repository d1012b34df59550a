// Markdown export: each article as YAML front matter with its metadata,
// then its body rendered from the blocks.
//
// Text is written in logical order exactly as saved: nothing is reordered
// for right-to-left scripts and ZWNJ, ZWJ and bidi marks are kept. Markdown
// syntax characters in the text are backslash-escaped so that captured text
// is never read as markup (or raw HTML); links and images keep only
// http(s)/mailto URLs. Several articles go into one file, one after the
// other, each starting with its own front matter ("---" … "---").

import { safeSrc, linkRuns } from '../ui/urls.js';

/** Front matter fields, in order: [key, article field]. */
const FIELDS = [
  ['title', 'title'],
  ['url', 'url'],
  ['canonical_url', 'canonical_url'],
  ['authors', 'authors'],
  ['published', 'published'],
  ['modified', 'modified'],
  ['published_text', 'published_text'],
  ['site_name', 'site_name'],
  ['section', 'section'],
  ['tags', 'tags'],
  ['lang', 'lang'],
  ['dir', 'dir'],
  ['description', 'description'],
  ['image', 'image'],
  ['word_count', 'word_count'],
  ['reading_minutes', 'reading_minutes'],
  ['captured_at', 'captured_at'],
  ['schema', 'schema'],
];

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

/**
 * The YAML front matter of an article, "---" lines included. Empty fields
 * are left out. The user's own words on a library entry (user: {title,
 * tags, note}) follow under "user", apart from the article's fields.
 */
export function frontMatter(a, user) {
  const lines = ['---'];
  for (const [key, field] of FIELDS) {
    const v = a[field];
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    lines.push(key + ':' + yamlValue(v, ''));
  }
  if (user && (user.title || user.note || (user.tags && user.tags.length))) {
    const u = {};
    if (user.title) u.title = user.title;
    if (user.tags && user.tags.length) u.tags = user.tags;
    if (user.note) u.note = user.note;
    lines.push('user:' + yamlValue(u, ''));
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

function tableCell(s) {
  return escapeText(String(s ?? '').replace(/\s*\n\s*/g, ' ')).trim() || ' ';
}

/** GFM table: the first row is the header; rows are padded to the widest. */
function table(rows) {
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (width === 0) return '';
  const line = (r) => '| ' + Array.from({ length: width }, (_, i) => tableCell(r[i])).join(' | ') + ' |';
  const out = [line(rows[0]), '|' + ' --- |'.repeat(width)];
  for (const r of rows.slice(1)) out.push(line(r));
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
      if (b.caption) parts.push('*' + escapeText(b.caption).replace(/\n+/g, ' ') + '*');
      return parts.join('\n');
    }
    case 'table':
      return table(b.rows || []);
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

