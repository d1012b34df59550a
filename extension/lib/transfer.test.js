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
  assert.deepEqual(res, { added: 5, duplicates: 0, errors: [] });
  assert.deepEqual(await snapshot(), before);

  const again = await importText(json);
  assert.deepEqual(again, { added: 0, duplicates: 5, errors: [] }, 'duplicates by capture id are skipped and counted');
  assert.deepEqual(await snapshot(), before);
});

test('a backup restores exactly: backup → restore → backup is the same file', async () => {
  await seed();
  const now = new Date('2026-02-01T00:00:00Z');
  const backup = await exportText('backup', undefined, now);
  const lines = backup.trimEnd().split('\n');
  assert.deepEqual(JSON.parse(lines[0]), { schema: 'barg.backup/1', created_at: now.toISOString(), entries: 3, captures: 5 });
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
  assert.deepEqual(res, { added: 2, duplicates: 1, errors: [] });
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
