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
//
// Images kept with the article (lib/assets.js) are shown from their local
// copies: opts.localSrc maps an image's URL to a blob: URL the reader page
// made from the stored bytes (never from page data), and the images that
// could not be kept are listed under the article with the reason. A figure
// that repeats the lead image (sameImage: the same caption, or the same
// image at another size) shows once, in the body.

import { safeHref, safeSrc, safeDir, safeLang, linkRuns, cellLinks } from '../ui/urls.js';
import { factSeparator } from '../ui/format.js';

/**
 * @typedef {object} RenderOptions
 * @property {(key: string, ...subs: string[]) => string} t   message lookup
 * @property {(iso: string) => string} formatDate               localized date
 * @property {(n: number) => string} formatNumber               localized number
 * @property {string} [uiLang]                                  the interface's language
 * @property {string} [uiDir]                                   the interface's direction
 * @property {(src: string) => string} [localSrc]               the local copy's blob: URL of a kept image, or ''
 * @property {{src: string, reason: string}[]} [failed]         images that could not be kept
 */

/** Query parameters that only pick an image's size or encoding. */
const SIZE_PARAMS = new Set(['w', 'h', 'width', 'height', 'size', 'sz', 's', 'resize', 'fit', 'crop', 'quality', 'q', 'dpr', 'format', 'fm', 'auto', 'imwidth', 'im', 'scale', 'maxwidth', 'maxheight', 'ssl', 'strip']);
/** A file name's size suffixes: -large, _800x600, -1024w, @2x, -scaled, … (one or more, at the end). */
const SIZE_SUFFIX = /(?:[-_.](?:\d{2,5}x\d{2,5}|\d{2,5}w|w\d{2,5}|h\d{2,5}|large|medium|small|thumb|thumbnail|big|full|orig|original|scaled|lg|md|sm|xl|xs)|@\d(?:\.\d)?x)+$/i;
/** Path segments that only pick a size: /800x600/, /w_800,c_fill/, /1200w/. */
const SIZE_SEGMENT = /^(?:\d{2,5}x\d{2,5}|\d{2,5}w|[wh]_?\d{2,5}(?:,[a-z]+_[a-z0-9]+)*|(?:[a-z]+_[a-z0-9]+,)+[a-z]+_[a-z0-9]+|resize|thumbs?|thumbnails?)$/i;

/**
 * An image URL with what only picks its size taken out: size query
 * parameters, size path segments, size suffixes and the file type of the
 * last segment. Two URLs with one key are one image at different sizes.
 */
export function imageKey(src) {
  let u;
  try { u = new URL(String(src || '')); } catch { return ''; }
  const segs = u.pathname.split('/').filter((x) => x && !SIZE_SEGMENT.test(decodeURIComponentSafe(x)));
  if (segs.length) {
    let last = decodeURIComponentSafe(segs[segs.length - 1]).replace(/\.[a-z0-9]{2,5}$/i, '');
    last = last.replace(SIZE_SUFFIX, '') || last;
    segs[segs.length - 1] = last.toLowerCase();
  }
  const params = [...u.searchParams].filter(([k]) => !SIZE_PARAMS.has(k.toLowerCase())).sort();
  return u.hostname.toLowerCase() + '/' + segs.join('/') + (params.length ? '?' + new URLSearchParams(params) : '');
}

function decodeURIComponentSafe(s) {
  try { return decodeURIComponent(s); } catch { return s; }
}

const normCaption = (c) => String(c || '').replace(/\s+/g, ' ').trim();

/**
 * Whether two images {src, caption} are one: the same non-empty caption,
 * or the same image at another size (imageKey).
 */
export function sameImage(a, b) {
  if (!a || !b) return false;
  const ca = normCaption(a.caption), cb = normCaption(b.caption);
  if (ca && ca === cb) return true;
  const ka = imageKey(a.src), kb = imageKey(b.src);
  return Boolean(ka) && ka === kb;
}

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

  const localSrc = (src) => {
    const local = typeof opts.localSrc === 'function' ? String(opts.localSrc(src) || '') : '';
    return local.startsWith('blob:') ? local : '';
  };

  // A body figure repeating the lead image may use the lead's local copy
  // when its own was not kept (offline, the picture still shows).
  const leadImage = a.image && typeof a.image === 'object' && safeSrc(a.image.src) ? a.image : null;
  const leadLocal = leadImage ? localSrc(safeSrc(leadImage.src)) : '';

  const figure = (src, alt, caption, dir) => {
    const s = safeSrc(src);
    if (!s && !caption) return null;
    const fig = h('figure', { dir: dirOf(dir) });
    const local = s && (localSrc(s) || (leadLocal && sameImage({ src: s, caption }, leadImage) ? leadLocal : ''));
    if (local) fig.append(h('img', { src: local, alt: String(alt || ''), decoding: 'async', 'data-kept': 'true' }));
    else if (s) fig.append(h('img', { src: s, alt: String(alt || ''), loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' }));
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

  // The lead image, unless the body already shows it (at this size or another).
  const blocks = (Array.isArray(a.blocks) ? a.blocks : []).filter((b) => b && typeof b === 'object');
  if (a.image && a.image.src && !blocks.some((b) => b.type === 'figure' && (b.src === a.image.src || sameImage(b, a.image)))) {
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

  // Images that could not be kept: listed, with why, in the interface's language.
  const failed = (Array.isArray(opts.failed) ? opts.failed : []).filter((f) => f && safeSrc(f.src));
  if (failed.length) {
    const box = h('details', { class: 'images-failed', lang: opts.uiLang ? safeLang(opts.uiLang) : null, dir: dirOf(opts.uiDir) });
    box.append(h('summary', null, opts.t('readerImagesFailed', opts.formatNumber(failed.length))));
    const list = h('ul');
    for (const f of failed) {
      const src = safeSrc(f.src);
      list.append(h('li', null,
        h('a', { href: src, rel: 'noopener noreferrer nofollow', target: '_blank', dir: 'ltr' }, src),
        ' ', h('span', { class: 'reason' }, imageReason(opts.t, f.reason))));
    }
    box.append(list);
    art.append(box);
  }
  return art;
}

/** The words for why an image was not kept (lib/assets.js REASONS). */
export function imageReason(t, reason) {
  const r = String(reason || '');
  const http = /^http_(\d{3})$/.exec(r);
  if (http) return t('imageReasonHttp', http[1]);
  const key = {
    no_permission: 'imageReasonNoPermission',
    not_image: 'imageReasonNotImage',
    svg: 'imageReasonSvg',
    too_large: 'imageReasonTooLarge',
    article_limit: 'imageReasonArticleLimit',
    too_many: 'imageReasonTooMany',
    timeout: 'imageReasonTimeout',
    storage_full: 'imageReasonStorageFull',
  }[r];
  return t(key || 'imageReasonNetwork');
}
