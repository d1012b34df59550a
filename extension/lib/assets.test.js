import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import * as store from './store.js';
import { imageSources, sniffImage, fetchImages, keepImages, originPattern, IMAGES_KEY } from './assets.js';
import { art } from './testdata/articles.js';

beforeEach(async () => {
  await store.closeDB();
  globalThis.indexedDB = new IDBFactory();
});

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const GIF = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const HTML = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');

/** bytes padded with zeros to n. */
const pad = (head, n) => { const b = new Uint8Array(n); b.set(head); return b; };

/**
 * A fake fetch serving routes {url: {status?, type, body: Uint8Array, delayMs?, length?}}
 * as streamed Responses in 64 KB chunks; unknown URLs fail like a refused connection.
 */
function fakeFetch(routes, log = []) {
  return async (url, init) => {
    log.push({ url, init });
    const r = routes[url];
    if (!r) throw new TypeError('Failed to fetch');
    if (r.delayMs) {
      await new Promise((resolve, reject) => {
        const t = setTimeout(resolve, r.delayMs);
        init.signal.addEventListener('abort', () => { clearTimeout(t); reject(new DOMException('aborted', 'AbortError')); });
      });
    }
    let at = 0;
    const body = new ReadableStream({
      pull(c) {
        if (at >= r.body.length) return c.close();
        c.enqueue(r.body.subarray(at, at + 65536));
        at += 65536;
      },
    });
    const headers = { 'content-type': r.type };
    if (r.length !== undefined) headers['content-length'] = String(r.length);
    return new Response(body, { status: r.status || 200, headers });
  };
}

test('imageSources: the lead image then the figures, each once, only http(s)', () => {
  const a = {
    image: { src: 'https://cdn.example/lead.jpg#x' },
    blocks: [
      { type: 'paragraph', text: 'x' },
      { type: 'figure', src: 'https://cdn.example/fig.png' },
      { type: 'figure', src: 'https://cdn.example/lead.jpg' },
      { type: 'figure', src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' },
      { type: 'figure', src: 'javascript:alert(1)' },
      { type: 'embed', src: 'https://video.example/v' },
      { type: 'figure', caption: 'no src' },
    ],
  };
  assert.deepEqual(imageSources(a), ['https://cdn.example/lead.jpg', 'https://cdn.example/fig.png']);
  assert.deepEqual(imageSources({}), []);
});

test('sniffImage knows raster images by their bytes and refuses SVG and HTML', () => {
  assert.equal(sniffImage(JPEG), 'image/jpeg');
  assert.equal(sniffImage(PNG), 'image/png');
  assert.equal(sniffImage(GIF), 'image/gif');
  assert.equal(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
  assert.equal(sniffImage(new TextEncoder().encode('\0\0\0\x1cftypavif')), 'image/avif');
  assert.equal(sniffImage(SVG), 'svg');
  assert.equal(sniffImage(new TextEncoder().encode('\ufeff  <?xml version="1.0"?><svg/>')), 'svg');
  assert.equal(sniffImage(HTML), '');
  assert.equal(sniffImage(new Uint8Array(0)), '');
});

test('fetchImages keeps real images and lists every other one with its reason', async () => {
  const routes = {
    'https://a.example/ok.jpg': { type: 'image/jpeg', body: pad(JPEG, 1000) },
    'https://a.example/ok.png': { type: 'image/png; charset=binary', body: PNG },
    'https://a.example/gone.jpg': { status: 404, type: 'text/html', body: HTML },
    'https://a.example/page.jpg': { type: 'text/html', body: HTML },
    'https://a.example/liar.png': { type: 'image/png', body: HTML },
    'https://a.example/logo.svg': { type: 'image/svg+xml', body: SVG },
    'https://a.example/hidden-svg.png': { type: 'image/png', body: SVG },
  };
  const srcs = [...Object.keys(routes), 'https://offline.example/x.jpg'];
  const log = [];
  const got = await fetchImages(srcs, { fetch: fakeFetch(routes, log) });
  assert.deepEqual(got.kept.map((k) => [k.src, k.type, k.data.byteLength]), [
    ['https://a.example/ok.jpg', 'image/jpeg', 1000],
    ['https://a.example/ok.png', 'image/png', PNG.length],
  ]);
  assert.deepEqual(Object.fromEntries(got.failed.map((f) => [f.src, f.reason])), {
    'https://a.example/gone.jpg': 'http_404',
    'https://a.example/page.jpg': 'not_image',
    'https://a.example/liar.png': 'not_image',
    'https://a.example/logo.svg': 'svg',
    'https://a.example/hidden-svg.png': 'svg',
    'https://offline.example/x.jpg': 'network',
  });
  for (const { init } of log) {
    assert.equal(init.credentials, 'omit', 'no cookies');
    assert.equal(init.referrerPolicy, 'no-referrer');
  }
});

test('fetchImages holds to the per-image, per-article, count and time bounds', async () => {
  const big = pad(JPEG, 300_000);
  const routes = {
    'https://a.example/huge.jpg': { type: 'image/jpeg', body: pad(JPEG, 600_000) }, // no length: cut while streaming, takes nothing of the article's bound
    'https://a.example/1.jpg': { type: 'image/jpeg', body: big },
    'https://a.example/2.jpg': { type: 'image/jpeg', body: big },
    'https://a.example/3.jpg': { type: 'image/jpeg', body: big }, // the article is full by now
    'https://a.example/said-huge.jpg': { type: 'image/jpeg', body: JPEG, length: 10_000_000 },
    'https://a.example/slow.jpg': { type: 'image/jpeg', body: JPEG, delayMs: 5000 },
    'https://a.example/late.jpg': { type: 'image/jpeg', body: JPEG },
  };
  const srcs = Object.keys(routes);
  const t0 = Date.now();
  const got = await fetchImages(srcs, {
    fetch: fakeFetch(routes),
    limits: { imageBytes: 500_000, articleBytes: 700_000, imageMs: 200, totalMs: 5000, images: 6, parallel: 1 },
  });
  assert.ok(Date.now() - t0 < 2000, 'the slow image was given up after its own bound');
  assert.deepEqual(got.kept.map((k) => k.src), ['https://a.example/1.jpg', 'https://a.example/2.jpg']);
  assert.deepEqual(Object.fromEntries(got.failed.map((f) => [f.src, f.reason])), {
    'https://a.example/3.jpg': 'article_limit',
    'https://a.example/huge.jpg': 'too_large',
    'https://a.example/said-huge.jpg': 'too_large',
    'https://a.example/slow.jpg': 'timeout',
    'https://a.example/late.jpg': 'too_many',
  });
  const total = got.kept.reduce((n, k) => n + k.data.byteLength, 0);
  assert.ok(total <= 700_000, 'never more than the article bound');
});

test('fetchImages stops at the whole article\'s time bound', async () => {
  const routes = Object.fromEntries([1, 2, 3, 4].map((i) => ['https://a.example/' + i, { type: 'image/jpeg', body: JPEG, delayMs: 150 }]));
  const t0 = Date.now();
  const got = await fetchImages(Object.keys(routes), { fetch: fakeFetch(routes), limits: { totalMs: 250, imageMs: 10_000, parallel: 1 } });
  assert.ok(Date.now() - t0 < 1000);
  assert.equal(got.kept.length, 1);
  assert.deepEqual(got.failed.map((f) => f.reason), ['timeout', 'timeout', 'timeout']);
});

test('fetchImages asks for no site it has no permission for', async () => {
  const routes = { 'https://ok.example/a.jpg': { type: 'image/jpeg', body: JPEG }, 'http://other.example/b.jpg': { type: 'image/jpeg', body: JPEG } };
  const log = [];
  const got = await fetchImages(Object.keys(routes), { fetch: fakeFetch(routes, log), hasPermission: async (p) => p === 'https://ok.example/*' });
  assert.deepEqual(got.kept.map((k) => k.src), ['https://ok.example/a.jpg']);
  assert.deepEqual(got.failed, [{ src: 'http://other.example/b.jpg', reason: 'no_permission' }]);
  assert.deepEqual(log.map((l) => l.url), ['https://ok.example/a.jpg']);
  assert.equal(originPattern('https://cdn.example:8443/x/y.jpg?w=1'), 'https://cdn.example/*');
});

test('keepImages does nothing while the setting is off, and stores images and failures when on', async () => {
  const article = art('https://news.example/a', 'الف', ['متن']);
  article.image = { src: 'https://cdn.example/lead.jpg' };
  article.blocks.push({ type: 'figure', src: 'https://cdn.example/missing.jpg', caption: 'x' });
  const { record } = await store.saveArticle(article);
  const routes = { 'https://cdn.example/lead.jpg': { type: 'image/jpeg', body: JPEG } };
  const storage = (v) => ({ get: async () => (v === undefined ? {} : { [IMAGES_KEY]: v }) });
  const deps = (v) => ({ store, storage: storage(v), fetch: fakeFetch(routes), permissions: { contains: async () => true } });

  assert.equal(await keepImages(record, deps(undefined)), null, 'off by default');
  assert.equal(await keepImages(record, deps({ keep: false })), null);
  assert.equal((await store.getArticle(record.id)).assets, undefined);

  const out = await keepImages(record, deps({ keep: true }));
  assert.deepEqual(out.kept.map((k) => k.src), ['https://cdn.example/lead.jpg']);
  assert.deepEqual(out.failed, [{ src: 'https://cdn.example/missing.jpg', reason: 'network' }]);
  const saved = await store.getArticle(record.id);
  assert.deepEqual(saved.assets.failed, out.failed, 'the failure is listed on the stored record');
  const [img] = await store.getAssets(record.id);
  assert.equal(img.type, 'image/jpeg');
  assert.deepEqual([...new Uint8Array(img.data)], [...JPEG]);
});

import { assetManifest, assetFile, pointImagesAt } from './assets.js';
import { captureEnvelope, toJSON } from '../export/json.js';
import { parseImport } from './transfer.js';

test('exports carry a manifest of the kept images and of those not kept', async () => {
  const article = art('https://news.example/a', 'الف', ['متن']);
  article.image = { src: 'https://cdn.example/lead.jpg' };
  article.blocks.push({ type: 'figure', src: 'https://cdn.example/fig (1).png', caption: 'c' });
  const { record, entry } = await store.saveArticle(article);
  await store.attachAssets(record.id, {
    kept: [{ src: 'https://cdn.example/lead.jpg', type: 'image/jpeg', data: JPEG.slice().buffer }, { src: 'https://cdn.example/fig (1).png', type: 'image/png', data: PNG.slice().buffer }],
    failed: [{ src: 'https://cdn.example/gone.jpg', reason: 'http_404' }],
  });
  const saved = await store.getArticle(record.id);
  const env = captureEnvelope(saved, entry);
  assert.deepEqual(env.assets, {
    files: [
      { file: assetFile(record.id, 1, 'image/jpeg'), src: 'https://cdn.example/lead.jpg', type: 'image/jpeg', bytes: JPEG.length },
      { file: assetFile(record.id, 2, 'image/png'), src: 'https://cdn.example/fig (1).png', type: 'image/png', bytes: PNG.length },
    ],
    failed: [{ src: 'https://cdn.example/gone.jpg', reason: 'http_404' }],
    at: saved.assets.at,
  });
  assert.match(env.assets.at, /^\d{4}-\d\d-\d\dT/, 'when the images were fetched');
  assert.match(env.assets.files[0].file, /^assets\/[A-Za-z0-9_-]+\/1\.jpg$/);
  assert.deepEqual(env.article, saved.article, 'the article stays a plain barg.article/1');
  assert.equal(captureEnvelope({ ...saved, assets: undefined }, entry).assets, undefined, 'no manifest without kept images');

  // An export with a manifest imports as before (the images themselves stay behind).
  await store.removeCapture(record.id);
  const { items, errors } = parseImport(toJSON([env]));
  assert.deepEqual(errors, []);
  assert.equal((await store.importItems(items)).added, 1);
  assert.equal((await store.getArticle(record.id)).assets, undefined, 'no manifest of files the library does not have');

  // Markdown pointing at the copies: only the kept images' links change.
  const md = '![a](https://cdn.example/lead.jpg)\n\n![b](https://cdn.example/fig%20%281%29.png)\n\n[l](https://cdn.example/lead.jpg/page)\n\n![x](https://cdn.example/gone.jpg)';
  assert.equal(pointImagesAt(md, env.assets.files),
    `![a](${env.assets.files[0].file})\n\n![b](${env.assets.files[1].file})\n\n[l](https://cdn.example/lead.jpg/page)\n\n![x](https://cdn.example/gone.jpg)`);
  assert.equal(assetManifest({ id: 'r' }), null);
});

import { filesWithImages } from './assets.js';
import { buildExport } from '../export/formats.js';

test('an export with images: Markdown pointing at the copies, the images, and JSON with manifests naming them', async () => {
  const mk = async (url, title, figs) => {
    const a = art(url, title, ['متن']);
    for (const f of figs) a.blocks.push({ type: 'figure', src: f, caption: 'c' });
    const { record, entry } = await store.saveArticle(a);
    return { record, entry };
  };
  const one = await mk('https://a.example/1', 'یک', ['https://cdn.example/1.jpg', 'https://cdn.example/gone.jpg']);
  const two = await mk('https://a.example/2', 'یک', ['https://cdn.example/2 (b).png']); // the same title: a second file name
  const three = await mk('https://a.example/3', 'سه', []);
  await store.attachAssets(one.record.id, { kept: [{ src: 'https://cdn.example/1.jpg', type: 'image/jpeg', data: JPEG.slice().buffer }], failed: [{ src: 'https://cdn.example/gone.jpg', reason: 'http_404' }] });
  await store.attachAssets(two.record.id, { kept: [{ src: 'https://cdn.example/2%20(b).png', type: 'image/png', data: PNG.slice().buffer }] });
  const items = [];
  for (const { record, entry } of [one, two, three]) {
    const envelope = captureEnvelope(await store.getArticle(record.id), entry);
    const md = buildExport('markdown', [envelope]);
    items.push({ envelope, markdown: { name: md.name, text: md.text } });
  }
  const files = await filesWithImages(items, store.getAssets, toJSON);
  const names = files.map((f) => f.name);
  assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, 'no two files share a name');
  const mds = files.filter((f) => f.name.endsWith('.md'));
  assert.equal(mds.length, 3);
  const json = JSON.parse(files.find((f) => f.name === 'articles.json').text);
  const manifest1 = json[0].assets.files;
  assert.deepEqual(json[0].assets.failed, [{ src: 'https://cdn.example/gone.jpg', reason: 'http_404' }]);
  assert.equal(json[2].assets, undefined);
  for (const env of json) {
    for (const f of (env.assets ? env.assets.files : [])) {
      const file = files.find((x) => x.name === f.file);
      assert.ok(file, `${f.file} is in the archive`);
      assert.equal(file.bytes.length, f.bytes);
    }
  }
  assert.ok(mds[0].text.includes('](' + manifest1[0].file + ')'), 'the first article\'s figure points at its copy');
  assert.ok(mds[0].text.includes('https://cdn.example/gone.jpg'), 'an image not kept stays remote');
  assert.ok(mds[1].text.includes('](' + json[1].assets.files[0].file + ')'), 'a URL Markdown wraps in <…> is pointed too');
  assert.doesNotMatch(mds[1].text, /cdn\.example\/2/);
});

test('with no room left for the images, the capture lists them as not kept', async () => {
  const article = art('https://news.example/q', 'الف', ['متن']);
  article.image = { src: 'https://cdn.example/lead.jpg' };
  const { record } = await store.saveArticle(article);
  let calls = 0;
  const full = {
    attachAssets: (id, got) => {
      calls++;
      if (got.kept.length) return Promise.reject(Object.assign(new Error('storage is full'), { code: 'quota' }));
      return store.attachAssets(id, got);
    },
  };
  const out = await keepImages(record, {
    store: full,
    storage: { get: async () => ({ [IMAGES_KEY]: { keep: true } }) },
    fetch: fakeFetch({ 'https://cdn.example/lead.jpg': { type: 'image/jpeg', body: JPEG } }),
  });
  assert.equal(calls, 2);
  assert.deepEqual(out.failed, [{ src: 'https://cdn.example/lead.jpg', reason: 'storage_full' }]);
  assert.deepEqual((await store.getArticle(record.id)).assets.failed, out.failed);
});

import { pointFrontMatterAt } from './assets.js';

test('the front matter\'s image names the kept copy of the lead image, and only that key', () => {
  const files = [{ file: 'assets/r1/1.jpg', src: 'https://cdn.example/lead.jpg' }, { file: 'assets/r1/2.png', src: 'https://cdn.example/a b.png' }];
  const md = (image) => '---\ntitle: "image: https://cdn.example/lead.jpg"\n' + image + '\ndescription: "x"\n---\n\n# T\n\nimage: https://cdn.example/lead.jpg\n';
  const pointed = (image) => pointFrontMatterAt(md(image), files);
  // As the built-in export and Go's default template write it, and other YAML spellings of the same URL.
  for (const form of ['image: "https://cdn.example/lead.jpg"', "image: 'https://cdn.example/lead.jpg'", 'image: https://cdn.example/lead.jpg', 'image: https://cdn.example/lead.jpg # lead', 'image: "https://cdn.example/lead.jpg#top"']) {
    assert.equal(pointed(form), md('image: "assets/r1/1.jpg"'), form);
  }
  assert.equal(pointed('image: "https://cdn.example/a b.png"'), md('image: "assets/r1/2.png"'), 'the URL as lib/assets.js normalized it');
  // Not kept, not the image key, not front matter: unchanged.
  assert.equal(pointed('image: "https://cdn.example/other.jpg"'), md('image: "https://cdn.example/other.jpg"'));
  assert.equal(pointed('image: "https://cdn.example/lead.jpg'), md('image: "https://cdn.example/lead.jpg'), 'a broken scalar stays');
  assert.equal(pointed('  image: "https://cdn.example/lead.jpg"'), md('  image: "https://cdn.example/lead.jpg"'), 'a nested key stays');
  const noFront = '# T\n\nimage: "https://cdn.example/lead.jpg"\n';
  assert.equal(pointFrontMatterAt(noFront, files), noFront);
  assert.equal(pointFrontMatterAt(md('image: "https://cdn.example/lead.jpg"'), []), md('image: "https://cdn.example/lead.jpg"'));
  // CRLF front matter keeps its line ends.
  const crlf = '---\r\nimage: "https://cdn.example/lead.jpg"\r\n---\r\n';
  assert.equal(pointFrontMatterAt(crlf, files), '---\r\nimage: "assets/r1/1.jpg"\r\n---\r\n');
});
