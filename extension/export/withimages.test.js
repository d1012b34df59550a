// The zip of captures with their kept images, read back by Python's zipfile
// (which checks every CRC); without Python that one check is skipped, saying so.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import * as store from '../lib/store.js';
import { art } from '../lib/testdata/articles.js';
import { captureEnvelope } from './json.js';
import { zipBytes } from './zip.js';
import { entriesWithImages, zipWithImages } from './withimages.js';

beforeEach(async () => {
  await store.closeDB();
  globalThis.indexedDB = new IDBFactory();
});

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const hasPython = spawnSync(PYTHON, ['--version'], { stdio: 'ignore' }).status === 0;

function readZip(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'barg-zip-'));
  try {
    const p = join(dir, 'out.zip');
    writeFileSync(p, bytes);
    const script = `
import base64, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None
    print(json.dumps({i.filename: base64.b64encode(z.read(i)).decode() for i in z.infolist()}))`;
    const r = spawnSync(PYTHON, ['-c', script, p], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return Object.fromEntries(Object.entries(JSON.parse(r.stdout)).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);

async function seed() {
  const a = art('https://news.example/jolfa', 'گشایش کتابخانه', ['متن خبر']);
  a.image = { src: 'https://cdn.example/lead.jpg' };
  a.blocks.push({ type: 'figure', src: 'https://cdn.example/lead-large.jpg', alt: 'سالن', caption: 'سالن مطالعه' });
  a.blocks.push({ type: 'figure', src: 'https://cdn.example/gone.jpg', caption: 'گم‌شده' });
  const one = await store.saveArticle(a);
  await store.attachAssets(one.record.id, {
    kept: [{ src: 'https://cdn.example/lead.jpg', type: 'image/jpeg', data: JPEG.slice().buffer }, { src: 'https://cdn.example/lead-large.jpg', type: 'image/jpeg', data: JPEG.slice(0, 8).buffer }],
    failed: [{ src: 'https://cdn.example/gone.jpg', reason: 'http_404' }],
  });
  const two = await store.saveArticle(art('https://blog.example/p', 'Plain post', ['No images here.']));
  const envs = [];
  for (const s of [one, two]) envs.push(captureEnvelope(await store.getArticle(s.record.id), s.entry));
  return envs;
}

test('the zip holds one Markdown file per capture pointing at assets/, the images, and articles.json', async () => {
  const envs = await seed();
  const now = new Date('2026-05-01T10:00:00Z');
  const entries = await entriesWithImages(envs, store.getAssets, now);
  const names = entries.map((e) => e.name).sort();
  const files = envs[0].assets.files.map((f) => f.file);
  assert.deepEqual(names, [...files, 'Plain post.md', 'articles.json', 'گشایش کتابخانه.md'].sort());
  const md = entries.find((e) => e.name === 'گشایش کتابخانه.md').text;
  assert.ok(md.includes('](' + files[1] + ')'), 'the figure points at its copy');
  assert.ok(md.includes('](https://cdn.example/gone.jpg)'), 'an image not kept stays remote');
  const json = JSON.parse(entries.find((e) => e.name === 'articles.json').text);
  assert.deepEqual(json[0].assets.files.map((f) => f.file), files);
  assert.equal(json[1].assets, undefined);

  const { name, blob } = await zipWithImages([envs[0]], store.getAssets, now);
  assert.equal(name, 'گشایش کتابخانه.zip');
  assert.ok(blob.size > 0);
});

test('the zip reads back with Python\'s zipfile, every image byte for byte', { skip: hasPython ? false : 'skipped: python3 is not installed' }, async () => {
  const envs = await seed();
  const bytes = await zipBytes(await entriesWithImages(envs, store.getAssets));
  const got = readZip(bytes);
  const stored = await store.getAssets(envs[0].id);
  envs[0].assets.files.forEach((f, i) => assert.deepEqual([...got[f.file]], [...new Uint8Array(stored[i].data)], f.file));
  assert.ok(got['articles.json'].toString('utf8').includes('"assets"'));
  assert.ok(got['گشایش کتابخانه.md'].toString('utf8').includes('assets/'));
});

import { buildMarkdownZip } from './formats.js';

test('the library\'s Markdown zip of several entries carries their kept images under assets/', { skip: hasPython ? false : 'skipped: python3 is not installed' }, async () => {
  const envs = await seed();
  const f = await buildMarkdownZip(envs, null, new Date('2026-05-01T10:00:00Z'), { getAssets: store.getAssets });
  const got = readZip(f.bytes);
  const files = envs[0].assets.files.map((x) => x.file);
  assert.deepEqual(Object.keys(got).sort(), [...files, 'Plain post.md', 'گشایش کتابخانه.md'].sort());
  const md = got['گشایش کتابخانه.md'].toString('utf8');
  assert.ok(md.includes('](' + files[1] + ')'), 'the figure points at its copy');
  assert.ok(md.includes('https://cdn.example/gone.jpg'), 'an image not kept stays remote');
  assert.match(md, new RegExp('^image: "' + files[0] + '"$', 'm'), 'the front matter\'s image names the kept lead image');
  assert.ok(!md.includes('https://cdn.example/lead.jpg'), 'the lead image\'s URL is gone from the file');
  const stored = await store.getAssets(envs[0].id);
  files.forEach((file, i) => assert.deepEqual([...got[file]], [...new Uint8Array(stored[i].data)]));
  const plain = await buildMarkdownZip(envs, null, new Date('2026-05-01T10:00:00Z'));
  assert.match(readZip(plain.bytes)['گشایش کتابخانه.md'].toString('utf8'), /^image: "https:\/\/cdn\.example\/lead\.jpg"$/m, 'without the images, the URL');
  // The lead image not kept (only the figure): the URL stays.
  await store.attachAssets(envs[0].id, { kept: [{ src: 'https://cdn.example/lead-large.jpg', type: 'image/jpeg', data: JPEG.slice().buffer }] });
  const env2 = captureEnvelope(await store.getArticle(envs[0].id), { id: envs[0].entry_id });
  const f2 = await buildMarkdownZip([env2, envs[1]], null, new Date('2026-05-01T10:00:00Z'), { getAssets: store.getAssets });
  const md2 = readZip(f2.bytes)['گشایش کتابخانه.md'].toString('utf8');
  assert.match(md2, /^image: "https:\/\/cdn\.example\/lead\.jpg"$/m);
  assert.ok(md2.includes('](' + env2.assets.files[0].file + ')'), 'the figure still points at its copy');
  assert.deepEqual(Object.keys(readZip(plain.bytes)).sort(), ['Plain post.md', 'گشایش کتابخانه.md'], 'without getAssets, Markdown only, as before');
});
