// Builds the reader view of an article from its JSON blocks.
//
// Captured content comes from arbitrary web pages and is never parsed as
// HTML: every element is made with createElement, every piece of text is a
// text node, and the only attributes set from page data are checked first —
// href (http, https, mailto), img src (http, https), dir (rtl/ltr/auto),
// lang (a language tag) and datetime (a date that parses). No on* handler,
// style or class ever comes from the page.
//
// The function uses only doc.createElement, doc.createTextNode,
// el.setAttribute and el.append, so node tests can run it on a small fake
// document.

import { safeHref, safeSrc, safeDir, safeLang, linkRuns, cellLinks } from '../ui/urls.js';
import { factSeparator } from '../ui/format.js';

/**
 * @typedef {object} RenderOptions
 * @property {(key: string, ...subs: string[]) => string} t   message lookup
 * @property {(iso: string) => string} formatDate               localized date
 * @property {(n: number) => string} formatNumber               localized number
 * @property {string} [uiLang]                                  the interface's language
 * @property {string} [uiDir]                                   the interface's direction
 */

/** Returns an <article> element for the article. */
export function renderArticle(doc, a, opts) {
  const h = (tag, attrs, ...kids) => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v) el.setAttribute(k, v);
    for (const k of kids) if (k !== null && k !== undefined && k !== '') el.append(typeof k === 'string' ? doc.createTextNode(k) : k);
    return el;
  };
  const dirOf = (d) => safeDir(d);

  /** Text with its links as <a> elements. */
  const inline = (el, text, links) => {
    for (const r of linkRuns(String(text ?? ''), links)) {
      if (r.href) el.append(h('a', { href: r.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, r.text));
      else if (r.text) el.append(doc.createTextNode(r.text));
    }
    return el;
  };

  const figure = (src, alt, caption, dir) => {
    const s = safeSrc(src);
    if (!s && !caption) return null;
    const fig = h('figure', { dir: dirOf(dir) });
    if (s) fig.append(h('img', { src: s, alt: String(alt || ''), loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' }));
    if (caption) fig.append(h('figcaption', null, String(caption)));
    return fig;
  };

  /**
   * A table block: its caption, the first row as the header (the
   * extraction puts the header row first; a table of one row has none),
   * the links of each cell as links.
   */
  const table = (b, dir) => {
    const rows = (Array.isArray(b.rows) ? b.rows : []).map((r) => (Array.isArray(r) ? r : []));
    if (!rows.length) return null;
    const links = cellLinks(rows, b.links);
    const cells = (r, i, tag) => h('tr', null, ...r.map((c, j) => inline(h(tag, tag === 'th' ? { scope: 'col' } : null), String(c ?? ''), links[i][j])));
    const t = h('table');
    if (b.text) t.append(h('caption', null, String(b.text)));
    const head = rows.length > 1 ? 1 : 0;
    if (head) t.append(h('thead', null, cells(rows[0], 0, 'th')));
    const tbody = h('tbody');
    rows.slice(head).forEach((r, i) => tbody.append(cells(r, i + head, 'td')));
    t.append(tbody);
    return h('div', { class: 'table-wrap', dir }, t);
  };

  const block = (b) => {
    const dir = dirOf(b.dir);
    const text = String(b.text ?? '');
    switch (b.type) {
      case 'heading': {
        // The article's title is the only <h1>.
        const level = Math.min(6, Math.max(2, Number(b.level) || 2));
        return inline(h('h' + level, { dir }), text, b.links);
      }
      case 'list': {
        const list = h(b.ordered ? 'ol' : 'ul', { dir });
        const items = b.items && b.items.length ? b.items : text.split('\n').filter(Boolean);
        for (const it of items) list.append(inline(h('li'), it, b.links));
        return list;
      }
      case 'quote': {
        const q = h('blockquote', { dir });
        for (const para of text.split(/\n{2,}/)) q.append(inline(h('p'), para, b.links));
        return q;
      }
      case 'figure':
        return figure(b.src, b.alt, b.caption, b.dir);
      case 'table':
        return table(b, dir);
      case 'code': {
        const code = h('code', null, text);
        if (safeLang(b.lang)) code.setAttribute('data-lang', b.lang);
        return h('pre', { dir: 'ltr' }, code);
      }
      case 'embed': {
        const src = safeSrc(b.src);
        if (!src) return null;
        return h('p', { class: 'embed' }, opts.t('readerEmbed') + ' ', h('a', { href: src, rel: 'noopener noreferrer nofollow', target: '_blank', dir: 'ltr' }, src));
      }
      default:
        if (!text) return null;
        return inline(h('p', { dir }), text, b.links);
    }
  };

  const art = h('article', { class: 'reader', lang: safeLang(a.lang), dir: dirOf(a.dir) || 'auto' });

  // Metadata header.
  const header = h('header', { class: 'reader-meta' });
  header.append(h('h1', null, String(a.title || a.url || '')));
  const line = h('p', { class: 'byline' });
  const parts = [];
  if (a.authors && a.authors.length) parts.push(h('span', { class: 'authors' }, a.authors.map(String).join(opts.t('listSeparator'))));
  if (a.site_name) parts.push(h('span', { class: 'site' }, String(a.site_name)));
  const published = typeof a.published === 'string' && !Number.isNaN(Date.parse(a.published)) ? a.published : '';
  const shown = a.published_text || (published && opts.formatDate(published));
  if (shown) {
    const time = h('time', { datetime: published }, String(shown));
    parts.push(time);
  }
  if (a.section) parts.push(h('span', { class: 'section' }, String(a.section)));
  parts.forEach((p, i) => {
    if (i) line.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, factSeparator(a.lang)));
    line.append(p);
  });
  if (parts.length) header.append(line);
  // Word count, reading time and the source link are the interface's words,
  // not the article's: they follow the interface's language and direction,
  // so that "198 words" is not reordered inside a right-to-left article.
  const facts = h('p', { class: 'facts', lang: opts.uiLang ? safeLang(opts.uiLang) : null, dir: dirOf(opts.uiDir) });
  if (a.word_count) facts.append(h('span', null, opts.t('readerWords', opts.formatNumber(a.word_count))));
  if (a.reading_minutes) {
    if (a.word_count) facts.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, factSeparator(opts.uiLang || a.lang)));
    facts.append(h('span', null, opts.t('readerMinutes', opts.formatNumber(a.reading_minutes))));
  }
  const source = safeHref(a.url);
  if (source) {
    if (a.word_count || a.reading_minutes) facts.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, factSeparator(opts.uiLang || a.lang)));
    facts.append(h('a', { href: source, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'source' }, opts.t('readerSource')));
  }
  header.append(facts);
  if (a.tags && a.tags.length) {
    const tags = h('ul', { class: 'tags', 'aria-label': opts.t('readerTags') });
    for (const tag of a.tags) tags.append(h('li', null, String(tag)));
    header.append(tags);
  }
  art.append(header);

  // The lead image, unless the body already shows it.
  const blocks = (Array.isArray(a.blocks) ? a.blocks : []).filter((b) => b && typeof b === 'object');
  if (a.image && a.image.src && !blocks.some((b) => b.type === 'figure' && b.src === a.image.src)) {
    const lead = figure(a.image.src, a.image.alt, a.image.caption);
    if (lead) art.append(lead);
  }
  if (a.lead && !blocks.some((b) => b.text === a.lead)) art.append(h('p', { class: 'lead' }, String(a.lead)));

  const body = h('div', { class: 'reader-body' });
  for (const b of blocks) {
    const el = block(b);
    if (el) body.append(el);
  }
  art.append(body);
  return art;
}
