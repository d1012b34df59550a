import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderArticle } from './render.js';

// A minimal document: just what render.js may use. Anything else it calls
// (innerHTML, insertAdjacentHTML, …) is undefined and fails the test.
class Text {
  constructor(data) { this.data = data; }
}
class Element {
  constructor(tag) { this.tagName = tag; this.attrs = new Map(); this.children = []; }
  setAttribute(k, v) { this.attrs.set(k, String(v)); }
  append(...nodes) {
    for (const n of nodes) {
      assert.ok(n instanceof Element || n instanceof Text, 'only nodes are appended, never strings');
      this.children.push(n);
    }
  }
}
const doc = {
  createElement: (tag) => new Element(tag),
  createTextNode: (s) => new Text(s),
};
const opts = {
  t: (key, ...subs) => (key === 'listSeparator' ? ', ' : `${key}(${subs.join(',')})`),
  formatDate: (iso) => 'D:' + iso.slice(0, 10),
  formatNumber: (n) => 'N' + n,
};

function* walk(n) {
  yield n;
  if (n instanceof Element) for (const c of n.children) yield* walk(c);
}
const textOf = (n) => (n instanceof Text ? n.data : n.children.map(textOf).join(''));
const all = (root, tag) => [...walk(root)].filter((n) => n instanceof Element && n.tagName === tag);

const fa = JSON.parse(readFileSync(new URL('../export/testdata/article-fa.json', import.meta.url), 'utf8'));

test('the reader shows the metadata header', () => {
  const art = renderArticle(doc, fa, opts);
  assert.equal(art.tagName, 'article');
  assert.equal(art.attrs.get('lang'), 'fa');
  assert.equal(art.attrs.get('dir'), 'rtl');
  const [h1] = all(art, 'h1');
  assert.equal(textOf(h1), fa.title);
  const time = all(art, 'time')[0];
  assert.equal(textOf(time), '۱۹ اسفند ۱۴۰۴', 'the date as the page shows it');
  assert.equal(time.attrs.get('datetime'), fa.published);
  const header = textOf(art.children[0]);
  for (const s of ['مریم احمدی, Sam "Q" Lee', 'خبرنامهٔ نمونه', 'اقتصاد', 'readerWords(N40)', 'بودجه', 'مجلس'])
    assert.ok(header.includes(s), s);
  const source = all(art, 'a').find((a) => a.attrs.get('class') === 'source');
  assert.equal(source.attrs.get('href'), fa.url);
});

test('the facts line follows the interface, not the article', () => {
  const art = renderArticle(doc, fa, { ...opts, uiLang: 'en-US', uiDir: 'ltr' });
  const facts = all(art, 'p').find((p) => p.attrs.get('class') === 'facts');
  assert.equal(facts.attrs.get('dir'), 'ltr', 'an English "198 words" inside a Persian article');
  assert.equal(facts.attrs.get('lang'), 'en-US');
  assert.ok(textOf(facts).startsWith('readerWords(N40)'));
  const seps = (p) => p.children.filter((c) => c.attrs && c.attrs.get('class') === 'sep').map(textOf);
  assert.deepEqual(seps(facts), [' · ', ' · '], 'English facts: middle dots');
  const byline = all(art, 'p').find((p) => p.attrs.get('class') === 'byline');
  assert.ok(seps(byline).length > 0 && seps(byline).every((s) => s === '، '), 'a Persian byline: Persian commas, never a dot that reads as ۰');
  const faUI = all(renderArticle(doc, fa, { ...opts, uiLang: 'fa', uiDir: 'rtl' }), 'p').find((p) => p.attrs.get('class') === 'facts');
  assert.deepEqual(seps(faUI), ['، ', '، ']);
  const plain = all(renderArticle(doc, fa, opts), 'p').find((p) => p.attrs.get('class') === 'facts');
  assert.equal(plain.attrs.get('dir'), undefined, 'no interface given: the article decides');
});

test('the date falls back to a localized published date', () => {
  const art = renderArticle(doc, { ...fa, published_text: '' }, opts);
  assert.equal(textOf(all(art, 'time')[0]), 'D:2026-03-10');
});

test('the body has every block, in order, with the right elements', () => {
  const art = renderArticle(doc, fa, opts);
  const body = art.children.at(-1);
  assert.deepEqual(body.children.map((c) => c.tagName), ['p', 'h2', 'ol', 'ul', 'blockquote', 'figure', 'figure', 'div', 'pre', 'p', 'p']);
  assert.equal(textOf(body.children[0]), fa.blocks[0].text, 'paragraph text intact, ZWNJ included');
  assert.deepEqual(all(body.children[2], 'li').map(textOf), ['درآمد نفتی', 'مالیات‌ها']);
  const fig = body.children[5];
  assert.equal(all(fig, 'img')[0].attrs.get('src'), 'https://news.example/img/chart.png');
  assert.equal(textOf(all(fig, 'figcaption')[0]), 'سهم نفت در بودجه');
  // The first row is the table's header.
  assert.deepEqual(all(body.children[7], 'tr').map((tr) => [...all(tr, 'th'), ...all(tr, 'td')].map(textOf)), fa.blocks[7].rows);
  assert.deepEqual(all(all(body.children[7], 'thead')[0], 'th').map(textOf), fa.blocks[7].rows[0]);
  const pre = body.children[8];
  assert.equal(pre.attrs.get('dir'), 'ltr');
  assert.equal(textOf(pre), fa.blocks[8].text, 'code untouched');
  assert.equal(all(pre, 'code')[0].attrs.get('data-lang'), 'go');
  assert.equal(body.children[9].attrs.get('dir'), 'ltr', 'per-block direction');
  assert.equal(textOf(body.children[9]), fa.blocks[9].text, 'markup in text stays text');
});

test('a table shows its caption, its header row and the links in its cells', () => {
  const block = {
    type: 'table', text: 'Releases', rows: [['Release', 'Date'], ['4.2.3', 'April 2014'], ['4.3', 'see notes']],
    links: [{ text: '4.2.3', href: 'https://blog.example/423' }, { text: 'notes', href: 'javascript:alert(1)' }],
  };
  const t = all(renderArticle(doc, { ...fa, blocks: [block] }, opts), 'table')[0];
  assert.equal(textOf(all(t, 'caption')[0]), 'Releases');
  assert.deepEqual(all(all(t, 'thead')[0], 'th').map(textOf), ['Release', 'Date']);
  assert.equal(all(all(t, 'thead')[0], 'th')[0].attrs.get('scope'), 'col');
  assert.deepEqual(all(all(t, 'tbody')[0], 'tr').map((tr) => all(tr, 'td').map(textOf)), [['4.2.3', 'April 2014'], ['4.3', 'see notes']]);
  const links = all(t, 'a');
  assert.equal(links.length, 1, 'the javascript: link stays text');
  assert.equal(links[0].attrs.get('href'), 'https://blog.example/423');
  assert.equal(textOf(links[0]), '4.2.3');
});

test('links: only safe hrefs become <a>', () => {
  const art = renderArticle(doc, fa, opts);
  const p = art.children.at(-1).children[0];
  const links = all(p, 'a');
  assert.equal(links.length, 1);
  assert.equal(textOf(links[0]), 'گزارش کامل');
  assert.equal(links[0].attrs.get('href'), 'https://news.example/report');
});

test('hostile content sets no dangerous attribute', () => {
  const hostile = {
    title: '<script>alert(1)</script>',
    lang: 'fa" onload="x',
    dir: 'rtl; x',
    url: 'javascript:alert(1)',
    published: 'not a date',
    image: { src: 'javascript:alert(2)', alt: '"><img onerror=alert(3)>' },
    tags: ['<b onclick=x>'],
    blocks: [
      { type: 'paragraph', text: 'click me now', links: [{ text: 'click', href: 'javascript:alert(4)' }, { text: 'me', href: ' JaVaScRiPt:alert(5)' }, { text: 'now', href: 'data:text/html,<script>alert(6)</script>' }] },
      { type: 'figure', src: 'data:image/svg+xml,<svg onload=alert(7)>', alt: 'x', caption: 'c' },
      { type: 'figure', src: 'java\tscript:alert(8)', alt: 'x' },
      { type: 'embed', src: 'vbscript:msgbox(9)' },
      { type: 'heading', level: '1 onclick=x', text: '<img src=x onerror=alert(10)>', dir: 'rtl" onmouseover="x' },
      { type: 'code', lang: 'js" onclick="x', text: '<script>alert(11)</script>' },
      { type: 'paragraph', text: 'relative', links: [{ text: 'relative', href: '/path' }] },
      { type: 'unknown', text: 'text' },
      null,
    ],
  };
  const art = renderArticle(doc, hostile, opts);
  const allowed = new Set(['href', 'src', 'alt', 'dir', 'lang', 'datetime', 'rel', 'target', 'loading', 'decoding', 'referrerpolicy', 'class', 'aria-label', 'aria-hidden', 'data-lang']);
  let anchors = 0;
  for (const n of walk(art)) {
    if (!(n instanceof Element)) continue;
    assert.ok(!['script', 'iframe', 'object', 'embed', 'style', 'svg'].includes(n.tagName), n.tagName);
    for (const [k, v] of n.attrs) {
      assert.ok(allowed.has(k), `attribute ${k}`);
      if (k === 'href') { anchors++; assert.match(v, /^(https?|mailto):/); }
      if (k === 'src') assert.match(v, /^https?:/);
      if (k === 'dir') assert.match(v, /^(rtl|ltr|auto)$/);
      if (k === 'lang') assert.match(v, /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/);
    }
  }
  assert.equal(anchors, 0, 'no link survives');
  assert.equal(all(art, 'img').length, 0);
  assert.equal(all(art, 'time').length, 0, 'an unparsable date and no published_text shows nothing');
  assert.equal(textOf(all(art, 'h1')[0]), '<script>alert(1)</script>', 'title shown as text');
  assert.ok(textOf(art).includes('<img src=x onerror=alert(10)>'));
});

import { imageKey, sameImage, imageReason } from './render.js';

test('imageKey takes out only what picks a size', () => {
  const same = [
    ['http://127.0.0.1:8000/images/library-isfahan.jpg', 'http://127.0.0.1:8000/images/library-isfahan-large.jpg'],
    ['https://cdn.example/a/800x600/photo.jpg?id=3&w=800', 'https://cdn.example/a/photo.webp?width=200&id=3'],
    ['https://cdn.example/p-1024x768.jpg', 'https://CDN.example/p.jpg'],
    ['https://cdn.example/p@2x.png', 'https://cdn.example/p.png'],
    ['https://cdn.example/upload/w_800,c_fill/p.jpg', 'https://cdn.example/upload/p.jpg'],
    ['https://cdn.example/p_thumb.jpg', 'https://cdn.example/p-1200w.jpg'],
  ];
  for (const [a, b] of same) assert.equal(imageKey(a), imageKey(b), `${a} ~ ${b}`);
  const different = [
    ['https://cdn.example/a.jpg', 'https://cdn.example/b.jpg'],
    ['https://cdn.example/photo_2023.jpg', 'https://cdn.example/photo.jpg'],
    ['https://cdn.example/img?id=1&w=100', 'https://cdn.example/img?id=2&w=100'],
    ['https://one.example/p.jpg', 'https://two.example/p.jpg'],
    ['https://cdn.example/2024/p.jpg', 'https://cdn.example/2025/p.jpg'],
  ];
  for (const [a, b] of different) assert.notEqual(imageKey(a), imageKey(b), `${a} ≠ ${b}`);
  assert.equal(imageKey('not a url'), '');
  assert.equal(sameImage({ src: 'not a url' }, { src: 'also not' }), false, 'two unparsable URLs are not one image');
});

test('a figure repeating the lead image shows once: another size, or the same caption', () => {
  const base = { title: 'T', url: 'https://news.example/a', lang: 'fa', dir: 'rtl' };
  const cases = [
    ['the seed page: the lead and the body figure at another size', { image: { src: 'http://127.0.0.1/images/library-isfahan.jpg' } },
      { type: 'figure', src: 'http://127.0.0.1/images/library-isfahan-large.jpg', alt: 'سالن', caption: 'سالن مطالعه کتابخانه تازه جلفا' }],
    ['the same caption, unrelated file names', { image: { src: 'https://cdn.example/abc123.jpg', caption: ' سالن  مطالعه ' } },
      { type: 'figure', src: 'https://cdn.example/zzz999.jpg', caption: 'سالن مطالعه' }],
    ['the very same URL', { image: { src: 'https://cdn.example/p.jpg' } }, { type: 'figure', src: 'https://cdn.example/p.jpg' }],
  ];
  for (const [name, lead, fig] of cases) {
    const art = renderArticle(doc, { ...base, ...lead, blocks: [{ type: 'paragraph', text: 'x' }, fig] }, opts);
    assert.equal(all(art, 'img').length, 1, name);
    assert.equal(all(art, 'img')[0].attrs.get('src'), fig.src, `${name}: the body's figure, with its caption`);
  }
  // A different image beside the lead: both show.
  const two = renderArticle(doc, { ...base, image: { src: 'https://cdn.example/lead.jpg', caption: 'الف' }, blocks: [{ type: 'figure', src: 'https://cdn.example/other.jpg', caption: 'ب' }] }, opts);
  assert.equal(all(two, 'img').length, 2);
});

test('kept images show from their local copy; page data never becomes a blob: or other local URL', () => {
  const a = {
    title: 'T', url: 'https://news.example/a',
    image: { src: 'https://cdn.example/lead.jpg' },
    blocks: [
      { type: 'figure', src: 'https://cdn.example/fig.png', caption: 'c' },
      { type: 'figure', src: 'blob:https://evil.example/1234', caption: 'page-made blob' },
      { type: 'figure', src: 'https://cdn.example/not-kept.jpg' },
    ],
  };
  const local = new Map([['https://cdn.example/lead.jpg', 'blob:chrome-extension://id/1'], ['https://cdn.example/fig.png', 'blob:chrome-extension://id/2'], ['https://cdn.example/not-kept.jpg', 'javascript:alert(1)']]);
  const art = renderArticle(doc, a, { ...opts, localSrc: (s) => local.get(s) || '' });
  const srcs = all(art, 'img').map((i) => [i.attrs.get('src'), i.attrs.get('data-kept') || '']);
  assert.deepEqual(srcs, [
    ['blob:chrome-extension://id/1', 'true'],
    ['blob:chrome-extension://id/2', 'true'],
    ['https://cdn.example/not-kept.jpg', ''],
  ]);
});

test('images that could not be kept are listed with the reason, in the interface\'s language', () => {
  const a = { title: 'T', url: 'https://news.example/a', lang: 'fa', dir: 'rtl', blocks: [{ type: 'paragraph', text: 'x' }] };
  const failed = [
    { src: 'https://cdn.example/gone.jpg', reason: 'http_404' },
    { src: 'https://cdn.example/logo.svg', reason: 'svg' },
    { src: 'javascript:alert(1)', reason: 'network' },
  ];
  const art = renderArticle(doc, a, { ...opts, failed, uiLang: 'en', uiDir: 'ltr' });
  const [box] = all(art, 'details');
  assert.equal(box.attrs.get('class'), 'images-failed');
  assert.equal(box.attrs.get('dir'), 'ltr');
  assert.equal(textOf(all(box, 'summary')[0]), 'readerImagesFailed(N2)', 'an unsafe URL is not listed as a link');
  assert.deepEqual(all(box, 'li').map(textOf), ['https://cdn.example/gone.jpg imageReasonHttp(404)', 'https://cdn.example/logo.svg imageReasonSvg()']);
  assert.equal(all(renderArticle(doc, a, opts), 'details').length, 0, 'nothing listed when every image was kept');
  assert.equal(imageReason(opts.t, 'something new'), 'imageReasonNetwork()');
});

test('a figure repeating the lead image shows the lead\'s local copy when its own was not kept', () => {
  const a = {
    title: 'T', url: 'https://news.example/a',
    image: { src: 'https://cdn.example/p.jpg' },
    blocks: [{ type: 'figure', src: 'https://cdn.example/p-large.jpg', caption: 'c' }, { type: 'figure', src: 'https://cdn.example/other.jpg' }],
  };
  const art = renderArticle(doc, a, { ...opts, localSrc: (s) => (s === 'https://cdn.example/p.jpg' ? 'blob:chrome-extension://id/lead' : '') });
  assert.deepEqual(all(art, 'img').map((i) => i.attrs.get('src')), ['blob:chrome-extension://id/lead', 'https://cdn.example/other.jpg']);
});
