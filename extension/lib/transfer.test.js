import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import * as store from './store.js';
import { parseImport, importText, exportText } from './transfer.js';
import { toJSON } from '../export/json.js';
import { toMarkdown } from '../export/markdown.js';
import { art } from './testdata/articles.js';

async function freshProfile() {
  await store.closeDB();
  globalThis.indexedDB = new IDBFactory();
}
beforeEach(freshProfile);

/** A small library: an entry of three versions with tags and a note, a corrected title, a selection. */
async function seed() {
  const url = 'https://news.example/budget';
  const paras = ['نمایندگان لایحهٔ بودجه را بررسی کردند.', 'وزیر گفت کسری جبران می‌شود.', 'جلسه تا شب ادامه داشت.'];
  const a1 = await store.saveArticle(art(url, 'بودجه', paras), { capturedAt: '2026-01-01T10:00:00Z' });
  await store.saveArticle(art(url, 'بودجه', paras.slice(0, 2)), { capturedAt: '2026-01-02T10:00:00Z' });
  await store.saveArticle(art(url, 'بودجه', [...paras.slice(0, 2), 'رأی‌گیری به هفتهٔ بعد افتاد.']), { capturedAt: '2026-01-03T10:00:00Z' });
  await store.updateEntry(a1.entry.id, { tags: ['اقتصاد', 'مجلس'], note: 'نسخهٔ اول پیش از اصلاح\nخط دوم' });
  const b = await store.saveArticle(art('https://blog.example/go', 'Shipping Go', ['A post about compilers and line\u2028separators.']), { capturedAt: '2026-01-04T10:00:00Z' });
  await store.updateEntry(b.entry.id, { title: 'Shipping Go (corrected)' });
  await store.saveArticle(art(url, 'بودجه', [paras[1]]), { selection: true, capturedAt: '2026-01-05T10:00:00Z' });
}

/** What a user sees of a library: entries with their words and versions. */
async function snapshot() {
  const entries = await store.listEntries();
  const out = [];
  for (const e of entries) {
    const versions = [];
    for (const v of e.versions) {
      const r = await store.getArticle(v.id);
      versions.push({ capture_id: r.capture_id, captured_at: r.captured_at, text: r.article.text });
    }
    out.push({ id: e.id, title: e.title, extracted: e.extracted_title, tags: e.tags, note: e.note, first: e.first_captured_at, selection: e.selection, versions });
  }
  return out;
}

test('a JSON export imported into a fresh profile gives back the library', async () => {
  await seed();
  const before = await snapshot();
  assert.equal(before.length, 3);
  assert.equal(before.find((e) => e.tags.length).versions.length, 3);
  const json = await exportText('json');
  const envelopes = JSON.parse(json);
  assert.equal(envelopes.length, 5, 'every version is exported');
  for (const e of envelopes) {
    assert.equal(e.schema, 'barg.capture/1');
    assert.equal(e.article.schema, 'barg.article/1');
    assert.ok(!('user' in e.article) && !('note' in e.article), 'the article stays a barg.article/1 document');
  }

  await freshProfile();
  const res = await importText(json);
  assert.deepEqual(res, { added: 5, duplicates: 0, images: 0, errors: [] });
  assert.deepEqual(await snapshot(), before);

  const again = await importText(json);
  assert.deepEqual(again, { added: 0, duplicates: 5, images: 0, errors: [] }, 'duplicates by capture id are skipped and counted');
  assert.deepEqual(await snapshot(), before);
});

test('a backup restores exactly: backup → restore → backup is the same file', async () => {
  await seed();
  const now = new Date('2026-02-01T00:00:00Z');
  const backup = await exportText('backup', undefined, now);
  const lines = backup.trimEnd().split('\n');
  assert.deepEqual(JSON.parse(lines[0]), { schema: 'barg.backup/1', created_at: now.toISOString(), entries: 3, captures: 5, images: 0 });
  assert.doesNotMatch(backup, /\u2028/, 'a line separator in a text never splits a line');
  const before = await snapshot();

  await freshProfile();
  const res = await importText(backup);
  assert.equal(res.added, 5);
  assert.equal(await exportText('backup', undefined, now), backup);
  assert.deepEqual(await snapshot(), before);
  // Records come back as they were, ids and hashes included.
  const recs = (await store.getArticles()).map((r) => r.id).sort();
  assert.deepEqual(recs, lines.slice(1).map((l) => JSON.parse(l).id).sort());
});

test('a restore into a library with other articles keeps them and joins versions by entry', async () => {
  await seed();
  const backup = await exportText('jsonl');
  await freshProfile();
  const mine = await store.saveArticle(art('https://news.example/budget', 'بودجه', ['نمایندگان لایحهٔ بودجه را بررسی کردند.', 'متن دیگری']), { capturedAt: '2026-03-01T00:00:00Z' });
  await store.updateEntry(mine.entry.id, { tags: ['خودم'], note: 'یادداشت من' });
  const res = await importText(backup);
  assert.equal(res.added, 5);
  const list = await store.listEntries();
  assert.equal(list.length, 4, 'my entry stays, the imported ones come beside it');
  assert.ok(await store.getArticle(mine.record.id));
});

test('plain article exports (from before the library had versions) import and group', async () => {
  const a = art('https://x.example/a', 'الف', ['یک متن کوتاه برای آزمون.'], { captured_at: '2025-05-05T05:05:05Z' });
  const b = art('https://x.example/a', 'الف', ['یک متن کوتاه برای آزمون.', 'و بند تازه.'], { captured_at: '2025-06-06T06:06:06Z' });
  const res = await importText(toJSON([a, b, a]));
  assert.deepEqual(res, { added: 2, duplicates: 1, images: 0, errors: [] });
  const [e] = await store.listEntries();
  assert.equal(e.versions.length, 2);
  assert.equal(e.first_captured_at, '2025-05-05T05:05:05Z', 'capture times come back');
});

test('parseImport: JSON Lines with a bad line imports the rest and names the line; other files are refused', () => {
  const a = JSON.stringify(art('https://x.example/a', 'a', ['text']));
  const got = parseImport(a + '\n{oops\n\n' + JSON.stringify({ hello: 1 }) + '\n' + a + '\n');
  assert.equal(got.items.length, 2);
  assert.deepEqual(got.errors, ['line 2: not JSON', 'line 4: not a Barg article']);
  assert.throws(() => parseImport(''), /empty/);
  assert.throws(() => parseImport('{"name": "package"}'), /no Barg article/);
  assert.throws(() => parseImport('# Markdown\n'), /no Barg article/);
  assert.throws(() => parseImport(JSON.stringify([{ schema: 'barg.capture/1', article: { title: 'no url' } }])), /no Barg article/);
});

test('the Markdown export puts the user words in the front matter: title, tags, note', async () => {
  await seed();
  const env = JSON.parse(await exportText('json'));
  const go = env.find((e) => e.user.title);
  const md = toMarkdown([go]);
  assert.match(md, /^title: "Shipping Go \(corrected\)"$/m, 'the corrected title');
  assert.match(md, /^# Shipping Go \(corrected\)$/m);
  assert.doesNotMatch(md, /^user:/m);
  const budget = toMarkdown([env.find((e) => e.user.tags.length)]);
  assert.match(budget, /^tags:\n {2}- "اقتصاد"\n {2}- "مجلس"\n/m);
  assert.match(budget, /^note: "نسخهٔ اول پیش از اصلاح\\nخط دوم"$/m);
});

// ---- backups with the images kept with the captures ------------------------------

import { importFile, backupBlob } from './transfer.js';
import { captureEnvelope, jsonLine, toJSONLines, BACKUP_SCHEMA } from '../export/json.js';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3, 250, 251]);
const PNG = new Uint8Array(300).map((_, i) => (i < 8 ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a][i] : (i * 7) % 256));

/** The seeded library with images kept: two versions sharing a lead image, one with a figure and a failure, one whose every image failed. */
async function seedWithImages() {
  await seed();
  const [budget] = (await store.listEntries()).filter((e) => e.tags.length);
  const [newest, , oldest] = budget.versions;
  await store.attachAssets(oldest.id, { kept: [{ src: 'https://img.example/lead.jpg', type: 'image/jpeg', data: JPEG.slice().buffer }] }, new Date('2026-01-01T10:00:05Z'));
  await store.attachAssets(newest.id, {
    kept: [{ src: 'https://img.example/lead.jpg', type: 'image/jpeg', data: JPEG.slice().buffer }, { src: 'https://img.example/fig (1).png', type: 'image/png', data: PNG.slice().buffer }],
    failed: [{ src: 'https://img.example/gone.jpg', reason: 'http_404' }],
  }, new Date('2026-01-03T10:00:05Z'));
  const go = (await store.listEntries()).find((e) => e.user_title);
  await store.attachAssets(go.newest, { failed: [{ src: 'https://blog.example/x.svg', reason: 'svg' }] }, new Date('2026-01-04T10:00:05Z'));
  return { oldest: oldest.id, newest: newest.id, go: go.newest };
}

/** Every capture's record (assets included) and kept images' bytes, by record id. */
async function deepSnapshot() {
  const out = {};
  for (const r of await store.getArticles()) {
    out[r.id] = { record: r, images: (await store.getAssets(r.id)).map((a) => ({ id: a.id, src: a.src, type: a.type, bytes: [...new Uint8Array(a.data)] })) };
  }
  return out;
}

test('a backup carries the kept images and restores them exactly on a fresh profile', async () => {
  const ids = await seedWithImages();
  const now = new Date('2026-02-01T00:00:00Z');
  const progress = [];
  const { blob, captures, images } = await backupBlob({ now, onProgress: (p) => progress.push(p) });
  assert.equal(captures, 5);
  assert.equal(images, 3);
  assert.deepEqual(progress.at(-1), { captures: 5, of: 5, images: 3 });
  const text = await blob.text();
  const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines[0], { schema: 'barg.backup/1', created_at: now.toISOString(), entries: 3, captures: 5, images: 3 });
  const imageLines = lines.filter((l) => l.schema === 'barg.image/1');
  assert.equal(imageLines.length, 3);
  // Each image line follows its capture's line.
  for (const img of imageLines) {
    const at = lines.indexOf(img);
    const capture = lines.slice(0, at).reverse().find((l) => l.schema === 'barg.capture/1');
    assert.equal(capture.id, img.capture);
    assert.ok(capture.assets.files.some((f) => f.file === img.file && f.src === img.src));
  }
  assert.deepEqual([...Buffer.from(imageLines.find((l) => l.type === 'image/png').data, 'base64')], [...PNG]);
  const before = await deepSnapshot();
  const usage = await store.assetUsage();
  assert.deepEqual(usage, { blobs: 2, bytes: JPEG.length + PNG.length, records: 3 });

  await freshProfile();
  const seen = [];
  // Batches of two captures: an image line never lands in another batch than its capture.
  const res = await importFile(blob, { batch: 2, onProgress: (p) => seen.push(p) });
  assert.deepEqual(res, { added: 5, duplicates: 0, images: 3, errors: [] });
  assert.equal(seen.length, 3, 'progress after each batch');
  assert.deepEqual(seen.at(-1), { read: blob.size, size: blob.size, added: 5, duplicates: 0, images: 3 });
  assert.deepEqual(await deepSnapshot(), before, 'records, their image lists and the images\' bytes come back as they were');
  assert.deepEqual((await store.getArticle(ids.go)).assets.failed, [{ src: 'https://blog.example/x.svg', reason: 'svg' }], 'a capture whose images all failed keeps the list');
  assert.deepEqual(await store.assetUsage(), usage, 'shared bytes are shared again');
  assert.equal(await (await backupBlob({ now })).blob.text(), text, 'backup → restore → backup is the same file');

  // Restoring again adds nothing, images included.
  assert.deepEqual(await importFile(blob), { added: 0, duplicates: 5, images: 0, errors: [] });
  assert.deepEqual(await store.assetUsage(), usage);
});

test('a backup written before images were kept (no image lines, header without a count) restores', async () => {
  await seed();
  const now = new Date('2026-02-01T00:00:00Z');
  const env = (await store.exportItems()).map(({ record, entry }) => captureEnvelope(record, entry));
  // As the code before kept images wrote it: a header without an image count, then the envelopes.
  const old = jsonLine({ schema: BACKUP_SCHEMA, created_at: now.toISOString(), entries: 3, captures: 5 }) + toJSONLines(env);
  assert.match(old.split('\n')[0], /^\{"schema":"barg\.backup\/1","created_at":"[^"]+","entries":3,"captures":5\}$/);
  const before = await snapshot();
  await freshProfile();
  assert.deepEqual(await importFile(new Blob([old])), { added: 5, duplicates: 0, images: 0, errors: [] });
  assert.deepEqual(await snapshot(), before);
  // And the JSON (array) export goes through importFile too.
  await freshProfile();
  assert.equal((await importFile(new Blob([toJSON(env)]))).added, 5);
  assert.deepEqual(await snapshot(), before);
});

test('a damaged backup: a bad image is named and left out, its capture and everything else come in', async () => {
  await seedWithImages();
  const text = await (await backupBlob()).blob.text();
  const lines = text.trimEnd().split('\n');
  const i = lines.findIndex((l) => l.includes('"barg.image/1"'));
  const img = JSON.parse(lines[i]);

  // Cut short: named by line, the capture imported without that image.
  const cut = lines.slice();
  cut[i] = JSON.stringify({ ...img, data: img.data.slice(0, 8) });
  await freshProfile();
  const res = await importFile(new Blob([cut.join('\n') + '\n']));
  assert.equal(res.added, 5);
  assert.equal(res.images, 2);
  assert.deepEqual(res.errors, ['line ' + (i + 1) + ': an image cut short (6 of ' + img.bytes + ' bytes)']);

  // An image whose bytes do not match its SHA-256: left out and named, the rest comes in.
  const bad = lines.slice();
  const bytes = Buffer.from(img.data, 'base64');
  bytes[bytes.length - 1] ^= 1;
  bad[i] = JSON.stringify({ ...img, data: bytes.toString('base64') });
  await freshProfile();
  const res2 = await importFile(new Blob([bad.join('\n') + '\n']));
  assert.equal(res2.added, 5);
  assert.equal(res2.images, 2);
  assert.deepEqual(res2.errors, ['capture ' + img.capture + ': an image is damaged (its bytes do not match its SHA-256), left out: ' + img.src]);
  assert.equal((await store.getAssets(img.capture)).some((a) => a.src === img.src), false, 'the damaged image is not stored');

  // An image line before any capture, and a file of no Barg lines at all.
  await freshProfile();
  const orphan = await importFile(new Blob([lines[0] + '\n' + lines[i] + '\n' + lines.slice(1).join('\n')]));
  assert.equal(orphan.errors[0], 'line 2: an image of a capture that is not in the file before it');
  assert.equal(orphan.added, 5);
  await assert.rejects(importFile(new Blob(['{"name": "x"}\n{"name": "y"}\n'])), /no Barg article/);
});

test('a line longer than any Barg line stops the import with the line\'s number; lines split across the stream\'s chunks are whole', async () => {
  await seedWithImages();
  const text = await (await backupBlob()).blob.text();
  const lines = text.trimEnd().split('\n');
  // A 300 KB image: its line spans several of the stream's 64 KB chunks.
  const big = new Uint8Array(300 * 1024).map((_, i) => (i * 31) % 251);
  const env = JSON.parse(lines[1]);
  const line = JSON.stringify({ schema: 'barg.image/1', capture: env.id, n: 9, file: 'assets/x/9.jpg', src: 'https://img.example/big.jpg', type: 'image/jpeg', bytes: big.length, data: Buffer.from(big).toString('base64') });
  // Parts of 16 KB (cut anywhere, inside a UTF-8 sequence too): the stream gives one chunk per part.
  const bytes = new TextEncoder().encode([lines[0], lines[1], line, ...lines.slice(2)].join('\n') + '\n');
  const parts = [];
  for (let o = 0; o < bytes.length; o += 16384) parts.push(bytes.subarray(o, o + 16384));
  const file = new Blob(parts);
  await freshProfile();
  const res = await importFile(file);
  assert.deepEqual(res.errors, []);
  assert.equal(res.images, 4);
  const got = (await store.getAssets(env.id)).find((a) => a.src === 'https://img.example/big.jpg');
  assert.deepEqual(new Uint8Array(got.data), big);

  await freshProfile();
  await assert.rejects(importFile(file, { maxLine: 100 * 1024, batch: 1 }), /^Error: line 3 is longer than 102400 characters: not a Barg file \(captures imported before it: 1\)$/);
});
