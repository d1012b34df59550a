import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import * as store from './store.js';
import * as v1 from './testdata/store-v1.js';
import * as v2 from './testdata/store-v2.js';
import * as v5 from './testdata/store-v5.js';
import { PackedIndex } from './wordindex.js';
import { art } from './testdata/articles.js';

const { articleKey, foldForSearch, sameArticle, matchOf, cleanTags } = store;

// Each test starts from an empty browser profile.
beforeEach(async () => {
  await store.closeDB();
  globalThis.indexedDB = new IDBFactory();
});

const BUDGET = [
  'نمایندگان مجلس امروز لایحهٔ بودجهٔ سال آینده را بررسی کردند و دربارهٔ درآمدهای نفتی پرسیدند.',
  'وزیر اقتصاد گفت کسری بودجه با فروش اوراق جبران می‌شود.',
  'جلسه تا ساعت هشت شب ادامه داشت.',
];
const GARDEN = [
  'باغ‌های قدیمی شهر در پاییز رنگ دیگری دارند و برگ‌های چنار کوچه‌ها را می‌پوشانند.',
  'باغبانان می‌گویند درختان کهن شناسنامه‌ای از تاریخ شهرند.',
];

test('articleKey prefers the canonical URL and drops the fragment', () => {
  assert.equal(articleKey({ canonical_url: 'https://a.ir/n/1#top', url: 'https://a.ir/n/1?utm=x' }), 'https://a.ir/n/1');
  assert.equal(articleKey({ canonical_url: '', url: 'https://a.ir/n/2#c' }), 'https://a.ir/n/2');
});

test('foldForSearch ignores ZWNJ, kashida and Arabic letter variants', () => {
  assert.equal(foldForSearch('می‌شود'), foldForSearch('میشود'));
  assert.equal(foldForSearch('كتابـي'), 'کتابی');
  assert.equal(foldForSearch('Barg'), 'barg');
});

test('sameArticle groups an edited article and keeps different ones apart', () => {
  const a = matchOf(art('u', 'بودجهٔ سال آینده در مجلس', BUDGET));
  const edited = matchOf(art('u', 'بودجهٔ سال آینده در مجلس (به‌روز شد)', [BUDGET[0].replace('امروز', 'دیروز'), BUDGET[1] + ' او افزود که مالیات‌ها بیشتر می‌شود.']));
  const other = matchOf(art('u', 'باغ‌های شهر در پاییز', GARDEN));
  const sameTitleOther = matchOf(art('u', 'بودجهٔ سال آینده در مجلس', GARDEN));
  assert.ok(sameArticle(a, edited) > 0, 'an edit of the same article');
  assert.equal(sameArticle(a, other), 0, 'another article');
  assert.equal(sameArticle(a, sameTitleOther), 0, 'a site giving every page one title: the leads differ');
  assert.ok(sameArticle(matchOf({ title: 'Shipping Go 1.26' }), matchOf({ title: 'Shipping Go 1.26' })) > 0, 'no text: equal titles');
});

test('cleanTags trims, drops "#", empties and repeats, splits on Persian comma', () => {
  assert.deepEqual(cleanTags(' #اقتصاد، بودجه ,, بودجه ,news '), ['اقتصاد', 'بودجه', 'news']);
  assert.deepEqual(cleanTags(['a', ' a', '', 'b  c']), ['a', 'b c']);
});

test('two different articles under one canonical URL are both kept', async () => {
  const home = 'https://small.example/';
  const one = await store.saveArticle(art('https://small.example/p?id=1', 'بودجهٔ سال آینده', BUDGET, { canonical_url: home }));
  const two = await store.saveArticle(art('https://small.example/p?id=2', 'باغ‌های شهر در پاییز', GARDEN, { canonical_url: home }));
  assert.equal(one.updated || one.unchanged, false);
  assert.equal(two.updated || two.unchanged, false, 'the second is not an update of the first');
  assert.notEqual(one.entry.id, two.entry.id);
  const list = await store.listEntries();
  assert.deepEqual(list.map((e) => e.extracted_title).sort(), ['باغ‌های شهر در پاییز', 'بودجهٔ سال آینده']);
  assert.equal((await store.getArticle(one.record.id)).article.title, 'بودجهٔ سال آینده');
});

test('captures of an edited article become versions, newest first; an identical one adds nothing', async () => {
  const url = 'https://news.example/budget';
  const r1 = await store.saveArticle(art(url, 'بودجه', BUDGET), { capturedAt: '2026-01-01T10:00:00Z' });
  const r2 = await store.saveArticle(art(url, 'بودجه', [...BUDGET, 'خبر تکمیلی: رأی‌گیری به هفتهٔ بعد افتاد.']), { capturedAt: '2026-01-01T12:00:00Z' });
  const r3 = await store.saveArticle(art(url, 'بودجه (اصلاح شد)', [BUDGET[0], BUDGET[2], 'خبر تکمیلی: رأی‌گیری به هفتهٔ بعد افتاد.']), { capturedAt: '2026-01-02T08:00:00Z' });
  assert.equal(r2.updated, true);
  assert.equal(r3.entry.id, r1.entry.id);
  const again = await store.saveArticle(art(url, 'بودجه (اصلاح شد)', [BUDGET[0], BUDGET[2], 'خبر تکمیلی: رأی‌گیری به هفتهٔ بعد افتاد.']));
  assert.equal(again.unchanged, true);
  assert.equal(again.since, '2026-01-02T08:00:00Z');
  assert.equal(again.record.id, r3.record.id);
  const [e] = await store.listEntries();
  assert.deepEqual(e.versions.map((v) => v.id), [r3.record.id, r2.record.id, r1.record.id]);
  assert.equal(e.first_captured_at, '2026-01-01T10:00:00Z');
  assert.equal(e.captured_at, '2026-01-02T08:00:00Z');
  assert.equal(e.title, 'بودجه (اصلاح شد)');
  assert.equal((await store.getArticles()).length, 3, 'every capture is its own record');
  for (const r of [r1, r2, r3]) assert.ok(await store.getArticle(r.record.id), 'no version was replaced');
  // Each capture id is new: uploads are never dropped as duplicates.
  assert.equal(new Set([r1, r2, r3].map((r) => r.record.capture_id)).size, 3);
});

test('a re-capture of an older text after an edit is a new version, not "unchanged"', async () => {
  const url = 'https://news.example/x';
  await store.saveArticle(art(url, 't', BUDGET), { capturedAt: '2026-01-01T00:00:00Z' });
  await store.saveArticle(art(url, 't', BUDGET.slice(0, 2)), { capturedAt: '2026-01-02T00:00:00Z' });
  const back = await store.saveArticle(art(url, 't', BUDGET), { capturedAt: '2026-01-03T00:00:00Z' });
  assert.equal(back.unchanged, false);
  assert.equal((await store.listEntries())[0].versions.length, 3);
});

test('selections are kept apart from the page and grouped among themselves', async () => {
  const url = 'https://news.example/budget';
  const page = await store.saveArticle(art(url, 'بودجه', BUDGET));
  const sel = await store.saveArticle(art(url, 'بودجه', [BUDGET[1]]), { selection: true });
  assert.notEqual(sel.entry.id, page.entry.id);
  const same = await store.saveArticle(art(url, 'بودجه', [BUDGET[1]]), { selection: true });
  assert.equal(same.unchanged, true);
});

test('delete hides at once, restore brings back, purge removes every version', async () => {
  const a = await store.saveArticle(art('https://x.example/a', 'الف', BUDGET));
  await store.saveArticle(art('https://x.example/a', 'الف', BUDGET.slice(1)));
  const b = await store.saveArticle(art('https://x.example/b', 'ب', GARDEN));
  await store.deleteEntries([a.entry.id], new Date('2026-01-01T00:00:00Z'));
  assert.deepEqual((await store.listEntries()).map((e) => e.id), [b.entry.id]);
  assert.ok(await store.getArticle(a.record.id), 'still there during the undo period');
  await store.restoreEntries([a.entry.id]);
  assert.equal((await store.listEntries()).length, 2);
  await store.deleteEntries([a.entry.id], new Date('2026-01-01T00:00:00Z'));
  assert.equal(await store.purgeDeleted(new Date('2025-12-31T00:00:00Z')), 0, 'not before its time');
  assert.equal(await store.purgeDeleted(new Date('2026-01-01T00:00:10Z')), 1);
  assert.equal(await store.getEntry(a.entry.id), undefined);
  assert.equal((await store.getArticles()).length, 1, 'both versions went, the other entry stayed');
  await store.restoreEntries([a.entry.id]);
  assert.equal((await store.listEntries()).length, 1, 'nothing to restore once purged');
});

test('a deleted entry does not take new captures', async () => {
  const a = await store.saveArticle(art('https://x.example/a', 'الف', BUDGET));
  await store.deleteEntries([a.entry.id]);
  const again = await store.saveArticle(art('https://x.example/a', 'الف', BUDGET));
  assert.equal(again.unchanged, false);
  assert.notEqual(again.entry.id, a.entry.id);
});

test('removeCapture undoes one capture and shows the version before it', async () => {
  const url = 'https://x.example/a';
  const r1 = await store.saveArticle(art(url, 'اول', BUDGET), { capturedAt: '2026-01-01T00:00:00Z' });
  const r2 = await store.saveArticle(art(url, 'دوم', BUDGET.slice(0, 2)), { capturedAt: '2026-01-02T00:00:00Z' });
  assert.equal(await store.removeCapture(r2.record.id), true);
  const e = await store.getEntry(r1.entry.id);
  assert.deepEqual(e.versions.map((v) => v.id), [r1.record.id]);
  assert.equal(e.title, 'اول');
  const hits = await store.listEntries({ query: 'جلسه' });
  assert.equal(hits.length, 1, 'search text is the remaining version again');
  await store.removeCapture(r1.record.id);
  assert.equal((await store.listEntries()).length, 0);
  assert.equal(await store.removeCapture('nope'), false);
});

test('tags, note and a corrected title: edited, filtered, searched, extracted title kept', async () => {
  const a = await store.saveArticle(art('https://x.example/a', 'عنوان استخراج‌شده', BUDGET));
  const b = await store.saveArticle(art('https://x.example/b', 'Garden', GARDEN));
  await store.updateEntry(a.entry.id, { title: 'عنوان درست', tags: 'اقتصاد, مجلس', note: 'برای گزارش هفتگی' });
  await store.addTags([a.entry.id, b.entry.id], ['بایگانی']);
  const e = await store.getEntry(a.entry.id);
  assert.equal(e.title, 'عنوان درست');
  assert.equal(e.extracted_title, 'عنوان استخراج‌شده');
  assert.deepEqual(e.tags, ['اقتصاد', 'مجلس', 'بایگانی']);
  assert.deepEqual((await store.listEntries({ tag: 'مجلس' })).map((x) => x.id), [a.entry.id]);
  assert.equal((await store.listEntries({ tag: 'بایگانی' })).length, 2);
  assert.deepEqual((await store.listEntries({ query: 'گزارش هفتگی' })).map((x) => x.id), [a.entry.id], 'note is searched');
  assert.deepEqual((await store.listEntries({ query: 'اقتصاد' })).map((x) => x.id), [a.entry.id], 'tags are searched');
  // A new version keeps the user's words.
  await store.saveArticle(art('https://x.example/a', 'عنوان استخراج‌شده ۲', BUDGET.slice(0, 2)));
  const e2 = await store.getEntry(a.entry.id);
  assert.equal(e2.versions.length, 2);
  assert.equal(e2.title, 'عنوان درست');
  assert.equal(e2.extracted_title, 'عنوان استخراج‌شده ۲');
  assert.equal(e2.note, 'برای گزارش هفتگی');
  // Clearing the corrected title gives back the extracted one.
  assert.equal((await store.updateEntry(a.entry.id, { title: '' })).title, 'عنوان استخراج‌شده ۲');
  await assert.rejects(store.updateEntry('nope', { note: 'x' }), /no such entry/);
});

test('a profile written by the schema-1 store is upgraded without losing an article', async () => {
  // Today's (schema 1) code writes a library: two articles, one re-captured
  // (its first capture time kept), and a selection.
  const a = art('http://barg.example/fa/gardens', 'باغ‌ها', GARDEN, { captured_at: '2025-10-01T08:00:00Z' });
  const b = art('https://news.example/budget', 'بودجه', BUDGET, { captured_at: '2025-10-02T08:00:00Z' });
  await v1.saveArticle(a);
  await v1.saveArticle(b);
  await v1.saveArticle({ ...a, captured_at: '2025-10-03T08:00:00Z' });
  await v1.saveArticle({ ...b, text: BUDGET[1], captured_at: '2025-10-04T08:00:00Z' }, { selection: true });
  const before = (await v1.getArticles()).sort((x, y) => (x.id < y.id ? -1 : 1));
  assert.equal(before.length, 3);
  (await v1.openDB()).close();

  const after = (await store.getArticles()).sort((x, y) => (x.id < y.id ? -1 : 1));
  assert.equal(after.length, before.length, 'every record is still there');
  for (let i = 0; i < before.length; i++) {
    assert.equal(after[i].id, before[i].id, 'under its old id');
    assert.equal(after[i].capture_id, before[i].capture_id);
    assert.equal(after[i].captured_at, before[i].captured_at);
    assert.deepEqual(after[i].article, before[i].article, 'the article itself unchanged');
  }
  const list = await store.listEntries();
  assert.equal(list.length, 3);
  const garden = await store.findEntry('http://barg.example/fa/gardens');
  assert.equal(garden.first_captured_at, '2025-10-01T08:00:00Z', 'first capture time kept');
  assert.equal(garden.captured_at, '2025-10-03T08:00:00Z');
  assert.equal(list.filter((e) => e.selection).length, 1);
  assert.deepEqual((await store.listEntries({ query: 'چنار' })).map((e) => e.id), [garden.id], 'search works on upgraded data');
  // A new capture of an upgraded article becomes its second version.
  const next = await store.saveArticle(art('http://barg.example/fa/gardens', 'باغ‌ها', [GARDEN[0]]));
  assert.equal(next.entry.id, garden.id);
  assert.equal(next.entry.versions.length, 2);
  const same = await store.saveArticle(art('https://news.example/budget', 'بودجه', BUDGET));
  assert.equal(same.unchanged, true, 'identical to the upgraded record');
});

test('concurrent saves of one new article make one entry', async () => {
  const url = 'https://x.example/race';
  const results = await Promise.all([1, 2, 3].map((i) => store.saveArticle(art(url, 'عنوان', [...BUDGET, 'بند ' + i]))));
  const list = await store.listEntries();
  assert.equal(list.length, 1);
  assert.equal(list[0].versions.length, 3);
  assert.equal(new Set(results.map((r) => r.entry.id)).size, 1);
});

/** An index record with its words sorted: the stored one lists them in vocabulary order. */
const sorted = (rec) => rec && ({ v: rec.v, w: rec.w.split(' ').sort().join(' '), o: rec.o.map(([id, w]) => [id, w.split(' ').sort().join(' ')]) });

/** The search index as kept, against one built afresh from every version record. */
async function assertIndexFresh() {
  const kept = await store.searchIndex();
  const entries = await store.listEntries();
  assert.equal(kept.size, entries.length, 'one index record per entry');
  for (const e of entries) {
    const recs = await store.getArticles(e.versions.map((v) => v.id));
    assert.deepEqual(sorted(kept.get(e.id)), sorted(store.indexOfVersions(recs)), 'index of ' + e.title);
  }
}

test('the search index kept at save time equals one built from every version, through saves, imports and removals', async () => {
  const url = 'https://x.example/edited';
  const r1 = await store.saveArticle(art(url, 'بودجه', BUDGET), { capturedAt: '2026-01-01T00:00:00Z' });
  await store.saveArticle(art(url, 'بودجه', [BUDGET[0], BUDGET[1] + ' او افزود که مالیات‌ها بیشتر می‌شود.']), { capturedAt: '2026-01-02T00:00:00Z' });
  await store.saveArticle(art(url, 'بودجه', BUDGET.slice(0, 2)), { capturedAt: '2026-01-03T00:00:00Z' });
  await store.saveArticle(art('https://x.example/g', 'باغ', GARDEN), { capturedAt: '2026-01-01T00:00:00Z' });
  await assertIndexFresh();
  // An import of a version older than the entry's newest, and one in between.
  await store.importItems([
    { record: { capture_id: 'old-1', entry_id: r1.entry.id, captured_at: '2025-12-01T00:00:00Z', article: art(url, 'بودجه', [BUDGET[0], 'بند قدیمی درباره‌ی یارانه']) } },
    { record: { capture_id: 'mid-1', entry_id: r1.entry.id, captured_at: '2026-01-02T12:00:00Z', article: art(url, 'بودجه', [BUDGET[2], 'جملهٔ میانی']) } },
  ]);
  assert.equal((await store.getEntry(r1.entry.id)).versions.length, 5);
  await assertIndexFresh();
  const newest = (await store.getEntry(r1.entry.id)).newest;
  await store.removeCapture(newest);
  await assertIndexFresh();
  const shards = await store.searchIndex();
  assert.equal(shards.size, 2);
});

test('search finds words of older versions and says which version has them', async () => {
  const url = 'https://x.example/edited';
  const r1 = await store.saveArticle(art(url, 'بودجه', [...BUDGET, 'وزیر استعفا داد.']), { capturedAt: '2026-01-01T00:00:00Z' });
  const r2 = await store.saveArticle(art(url, 'بودجه', [...BUDGET, 'وزیر در سمت خود ماند.']), { capturedAt: '2026-01-02T00:00:00Z' });
  const r3 = await store.saveArticle(art(url, 'بودجه', BUDGET), { capturedAt: '2026-01-03T00:00:00Z' });
  assert.equal(r3.entry.versions.length, 3);
  const hits = await store.listEntries({ query: 'استعفا' });
  assert.deepEqual(hits.map((e) => e.id), [r1.entry.id], 'a retracted sentence is found');
  const index = await store.searchIndex();
  const qs = (q) => store.queryWords(q);
  assert.deepEqual(store.indexMatch(index.get(r1.entry.id), qs('استعفا'), ''), { versions: [r1.record.id] });
  assert.deepEqual(store.indexMatch(index.get(r1.entry.id), qs('وزیر ماند'), ''), { versions: [r2.record.id] });
  assert.deepEqual(store.indexMatch(index.get(r1.entry.id), qs('کسری بودجه'), ''), { versions: [] }, 'the newest has it');
  assert.deepEqual(store.indexMatch(index.get(r1.entry.id), qs('ماند استعفا'), ''), { versions: [r2.record.id, r1.record.id] });
  assert.equal(store.indexMatch(index.get(r1.entry.id), qs('استعفا باغ'), ''), null);
  // Every word, not a phrase: order and other words between do not matter.
  assert.equal((await store.listEntries({ query: 'فروش کسری' })).length, 1);
  // Purged entries leave the index.
  await store.deleteEntries([r1.entry.id], new Date('2026-01-01T00:00:00Z'));
  await store.purgeDeleted(new Date('2026-01-02T00:00:00Z'));
  assert.equal((await store.searchIndex()).size, 0);
});

test('a profile written by the schema-2 store is upgraded: every record kept, old versions searchable', async () => {
  const url = 'https://news.example/budget';
  await v2.saveArticle(art(url, 'بودجه', [...BUDGET, 'وزیر استعفا داد.']), { capturedAt: '2026-01-01T00:00:00Z' });
  await v2.saveArticle(art(url, 'بودجه', BUDGET), { capturedAt: '2026-01-02T00:00:00Z' });
  const g = await v2.saveArticle(art('https://x.example/g', 'باغ', GARDEN), { capturedAt: '2026-01-01T00:00:00Z' });
  await v2.updateEntry(g.entry.id, { tags: 'پاییز', note: 'برای بعد' });
  const before = (await v2.getArticles()).sort((x, y) => (x.id < y.id ? -1 : 1));
  const entriesBefore = await v2.listEntries();
  await v2.closeDB();

  const db = await store.openDB();
  assert.equal(db.version, store.DB_VERSION);
  assert.deepEqual([...db.objectStoreNames].sort(), ['articles', 'assets', 'blobs', 'entries', 'search']);
  const after = (await store.getArticles()).sort((x, y) => (x.id < y.id ? -1 : 1));
  assert.deepEqual(after, before, 'every record, unchanged');
  assert.deepEqual(await store.listEntries(), entriesBefore, 'every entry, unchanged');
  await assertIndexFresh();
  assert.equal((await store.listEntries({ query: 'استعفا' })).length, 1, 'the old version is searchable');
  assert.equal((await store.listEntries({ query: 'پاییز چنار' })).length, 1, 'a tag and a word of the text');

  // The step run again (renumbered, say) on a library that has an index: the same index, nothing lost.
  const keptIndex = await store.searchIndex();
  await store.closeDB();
  await new Promise((resolve, reject) => {
    const req = indexedDB.open('barg', store.DB_VERSION + 1);
    req.onupgradeneeded = () => store.upgradeTo3(req.result, req.transaction);
    req.onsuccess = () => { req.result.close(); resolve(); };
    req.onerror = () => reject(req.error);
  });
  const again = await new Promise((resolve) => {
    const req = indexedDB.open('barg');
    req.onsuccess = () => {
      const tx = req.result.transaction(['search', 'articles']);
      const out = {};
      tx.objectStore('search').getAll().onsuccess = (e) => { out.shards = e.target.result; };
      tx.objectStore('articles').count().onsuccess = (e) => { out.articles = e.target.result; };
      tx.oncomplete = () => { req.result.close(); resolve(out); };
    };
  });
  assert.equal(again.articles, before.length);
  const rebuilt = new PackedIndex(again.shards);
  assert.equal(rebuilt.size, keptIndex.size);
  assert.ok(keptIndex.size > 0);
  for (const id of keptIndex.entries.keys()) assert.deepEqual(rebuilt.get(id), keptIndex.get(id), id);
});

test('articleWords has the distinct words() of title and text', () => {
  const a = art('u', 'بودجهٔ سال — ۱۴۰۴', [...BUDGET, 'U.S. GDP، ۳٫۵ درصد؟ می‌شود!'], {});
  assert.deepEqual([...store.articleWords(a)].sort(), [...new Set(store.words(a.title + '\n' + a.text))].sort());
  assert.deepEqual([...store.articleWords({})], []);
});

/** Every record of every store of the open database, by store name, sorted by key. */
async function dump(db, names) {
  const out = {};
  for (const name of names) {
    out[name] = await new Promise((resolve, reject) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  return out;
}

test('a profile written by the schema-2 store is upgraded to 4 without losing or changing a capture or an entry', async () => {
  // The released (schema 2) code writes a library: versions, a selection,
  // the user's words, a deleted entry still in its undo period.
  const url = 'https://news.example/budget';
  const r1 = await v2.saveArticle(art(url, 'بودجه', BUDGET), { capturedAt: '2026-01-01T10:00:00Z' });
  await v2.saveArticle(art(url, 'بودجه', [...BUDGET, 'خبر تکمیلی.']), { capturedAt: '2026-01-02T10:00:00Z' });
  const g = await v2.saveArticle(art('https://x.example/g', 'باغ‌ها', GARDEN));
  await v2.saveArticle(art(url, 'بودجه', [BUDGET[1]]), { selection: true });
  await v2.updateEntry(r1.entry.id, { title: 'عنوان من', tags: 'اقتصاد', note: 'یادداشت' });
  await v2.deleteEntries([g.entry.id]);
  const db2 = await v2.openDB();
  assert.equal(db2.version, 2);
  const before = await dump(db2, ['articles', 'entries']);
  assert.equal(before.articles.length, 4);
  await v2.closeDB();

  const db4 = await store.openDB();
  assert.equal(db4.version, store.DB_VERSION);
  const after = await dump(db4, ['articles', 'entries', 'assets']);
  assert.deepEqual(after.articles, before.articles, 'every capture, unchanged');
  assert.deepEqual(after.entries, before.entries, 'every entry, unchanged (the deleted one too)');
  assert.deepEqual(after.assets, []);
  // The upgraded library works as before.
  assert.equal((await store.listEntries()).length, 2);
  assert.equal((await store.saveArticle(art(url, 'بودجه', [...BUDGET, 'خبر تکمیلی.']))).unchanged, true);
});

test('a profile at schema 3 (the search index, no images) gets the images store, losing nothing', async () => {
  await v2.saveArticle(art('https://x.example/a', 'الف', BUDGET), { capturedAt: '2026-01-01T00:00:00Z' });
  await v2.saveArticle(art('https://x.example/a', 'الف', BUDGET.slice(0, 2)), { capturedAt: '2026-01-02T00:00:00Z' });
  await v2.closeDB();
  // Schema 3 as another branch shipped it: its step alone.
  await new Promise((resolve, reject) => {
    const req = indexedDB.open('barg', 3);
    req.onupgradeneeded = () => store.upgradeTo3(req.result, req.transaction);
    req.onsuccess = () => { req.result.close(); resolve(); };
    req.onerror = () => reject(req.error);
  });
  const at3 = await new Promise((resolve, reject) => {
    const req = indexedDB.open('barg');
    req.onsuccess = async () => { const d = await dump(req.result, ['articles', 'entries', 'search']); d.names = [...req.result.objectStoreNames].sort(); req.result.close(); resolve(d); };
    req.onerror = () => reject(req.error);
  });
  assert.deepEqual(at3.names, ['articles', 'entries', 'search']);
  const db = await store.openDB();
  assert.equal(db.version, store.DB_VERSION);
  assert.deepEqual([...db.objectStoreNames].sort(), ['articles', 'assets', 'blobs', 'entries', 'search']);
  const after = await dump(db, ['articles', 'entries', 'search']);
  assert.deepEqual(after.articles, at3.articles);
  assert.deepEqual(after.entries, at3.entries);
  assert.deepEqual(after.search, at3.search, 'the search index untouched');
});

test('the upgrade keeps a store another change added and creates only what is missing', async () => {
  // A profile at version 2 that also holds a store of some other change ("notes", one record).
  await new Promise((resolve, reject) => {
    const req = indexedDB.open('barg', 2);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('articles', { keyPath: 'id' }).createIndex('entry_id', 'entry_id');
      req.transaction.objectStore('articles').createIndex('capture_id', 'capture_id');
      db.createObjectStore('entries', { keyPath: 'id' }).createIndex('key', 'key');
      db.createObjectStore('texts', { keyPath: 'id' });
      db.createObjectStore('notes', { keyPath: 'id' }).put({ id: 'n1', text: 'kept' });
    };
    req.onsuccess = () => { req.result.close(); resolve(); };
    req.onerror = () => reject(req.error);
  });
  const db = await store.openDB();
  assert.deepEqual([...db.objectStoreNames].sort(), ['articles', 'assets', 'blobs', 'entries', 'notes', 'search']);
  assert.deepEqual((await dump(db, ['notes'])).notes, [{ id: 'n1', text: 'kept' }]);
});

const bytes = (n, fill = 1) => new Uint8Array(n).fill(fill).buffer;

test('kept images: stored with their capture, listed on its record, gone with Undo and with purge', async () => {
  const a = await store.saveArticle(art('https://x.example/a', 'الف', BUDGET));
  const b = await store.saveArticle(art('https://x.example/b', 'ب', GARDEN));
  const listed = await store.attachAssets(a.record.id, {
    kept: [{ src: 'https://img.example/1.jpg', type: 'image/jpeg', data: bytes(10) }, { src: 'https://img.example/2.png', type: 'image/png', data: bytes(20, 2) }],
    failed: [{ src: 'https://img.example/3.jpg', reason: 'http_404' }],
  });
  assert.deepEqual(listed.kept.map((k) => [k.src, k.type, k.bytes]), [['https://img.example/1.jpg', 'image/jpeg', 10], ['https://img.example/2.png', 'image/png', 20]]);
  const rec = await store.getArticle(a.record.id);
  assert.deepEqual(rec.assets.failed, [{ src: 'https://img.example/3.jpg', reason: 'http_404' }], 'the failure is on the record');
  assert.deepEqual(rec.article, a.record.article, 'the article itself untouched');
  const got = await store.getAssets(a.record.id);
  assert.deepEqual(got.map((x) => x.id), rec.assets.kept.map((k) => k.id));
  assert.deepEqual([...new Uint8Array(got[1].data)].slice(0, 3), [2, 2, 2]);
  await store.attachAssets(b.record.id, { kept: [{ src: 'https://img.example/b.webp', type: 'image/webp', data: bytes(5) }] });

  // Undo of capture a takes its images; b's stay.
  assert.equal(await store.removeCapture(a.record.id), true);
  assert.deepEqual(await store.getAssets(a.record.id), []);
  assert.equal((await store.getAssets(b.record.id)).length, 1);
  // Images that arrive after the Undo are not stored.
  assert.equal(await store.attachAssets(a.record.id, { kept: [{ src: 'https://img.example/1.jpg', type: 'image/jpeg', data: bytes(10) }] }), null);
  assert.deepEqual(await store.getAssets(a.record.id), []);

  // Deleting keeps them through the undo period; purge removes them.
  await store.deleteEntries([b.entry.id], new Date('2026-01-01T00:00:00Z'));
  assert.equal((await store.getAssets(b.record.id)).length, 1, 'still there while Undo is possible');
  await store.purgeDeleted(new Date('2026-01-01T00:00:10Z'));
  assert.deepEqual(await store.getAssets(b.record.id), []);
});

test('storing a capture\'s images again replaces the earlier ones', async () => {
  const a = await store.saveArticle(art('https://x.example/a', 'الف', BUDGET));
  await store.attachAssets(a.record.id, { kept: [1, 2, 3].map((i) => ({ src: 'https://i.example/' + i, type: 'image/gif', data: bytes(i) })) });
  await store.attachAssets(a.record.id, { kept: [{ src: 'https://i.example/9', type: 'image/gif', data: bytes(9) }] });
  assert.deepEqual((await store.getAssets(a.record.id)).map((x) => x.src), ['https://i.example/9']);
});

test('a profile at schema 4 (the index in 64 shards) gets it rebuilt in SEARCH_SHARDS, nothing else touched', async () => {
  const a = await v2.saveArticle(art('https://x.example/a', 'الف', BUDGET), { capturedAt: '2026-01-01T00:00:00Z' });
  await v2.saveArticle(art('https://x.example/a', 'الف', BUDGET.slice(0, 2)), { capturedAt: '2026-01-02T00:00:00Z' });
  await v2.closeDB();
  // Schema 4 as main had it: a search store whose records are 64 shards (one stale here).
  await new Promise((resolve, reject) => {
    const req = indexedDB.open('barg', 4);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.deleteObjectStore('texts');
      db.createObjectStore('search', { keyPath: 'id' }).put({ id: 40, entries: { [a.entry.id]: { v: a.record.id, w: 'کهنه', o: [] } } });
      db.createObjectStore('assets', { keyPath: 'id' }).put({ id: 'img1', record_id: a.record.id, entry_id: a.entry.id, src: 'https://x.example/i.png', type: 'image/png', bytes: 1, data: new Uint8Array([1]) });
    };
    req.onsuccess = () => { req.result.close(); resolve(); };
    req.onerror = () => reject(req.error);
  });
  const db = await store.openDB();
  assert.equal(db.version, store.DB_VERSION);
  const shards = (await dump(db, ['search'])).search;
  assert.ok(shards.every((sh) => Array.isArray(sh.id) || (sh.id < store.SEARCH_SHARDS && sh.data instanceof Uint8Array)), 'no shard of the old layout left');
  await assertIndexFresh();
  assert.equal((await store.listEntries({ query: 'کهنه' })).length, 0, 'the stale record is gone');
  assert.equal((await store.listEntries({ query: 'جلسه' })).length, 1, 'the older version is searchable');
  assert.equal((await dump(db, ['assets'])).assets.length, 1, 'the kept image stays');
  assert.deepEqual([...new Uint8Array((await store.getAssets(a.record.id))[0].data)], [1], 'an image stored before schema 7 (bytes in its own record) is read as before');
});

test('versions share the bytes of an image they both kept; deleting one version keeps the other\'s', async () => {
  const url = 'https://x.example/shared';
  const v1 = await store.saveArticle(art(url, 'الف', BUDGET), { capturedAt: '2026-01-01T00:00:00Z' });
  const v2 = await store.saveArticle(art(url, 'الف', BUDGET.slice(0, 2)), { capturedAt: '2026-01-02T00:00:00Z' });
  assert.equal(v2.entry.id, v1.entry.id, 'two versions of one entry');
  const lead = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3, 4, 5]).buffer;
  const other = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 9]).buffer;
  // Each capture downloaded its own copy: same URL, same bytes.
  await store.attachAssets(v1.record.id, { kept: [{ src: 'https://img.example/lead.jpg', type: 'image/jpeg', data: lead.slice(0) }] });
  await store.attachAssets(v2.record.id, { kept: [{ src: 'https://img.example/lead.jpg', type: 'image/jpeg', data: lead.slice(0) }, { src: 'https://img.example/new.png', type: 'image/png', data: other }] });
  assert.deepEqual(await store.assetUsage(), { blobs: 2, bytes: 14, records: 3 }, 'the lead image is stored once');
  const [a1] = await store.getAssets(v1.record.id);
  const [b1] = await store.getAssets(v2.record.id);
  assert.equal(a1.hash, b1.hash);
  assert.deepEqual(new Uint8Array(b1.data), new Uint8Array(lead));

  // Undo of the first version: the second still has the shared image.
  assert.equal(await store.removeCapture(v1.record.id), true);
  assert.deepEqual(await store.getAssets(v1.record.id), []);
  const left = await store.getAssets(v2.record.id);
  assert.deepEqual(left.map((x) => [x.src, x.data.byteLength]), [['https://img.example/lead.jpg', 8], ['https://img.example/new.png', 6]]);
  assert.deepEqual(new Uint8Array(left[0].data), new Uint8Array(lead));
  assert.deepEqual(await store.assetUsage(), { blobs: 2, bytes: 14, records: 2 });

  // Another entry keeping the same bytes shares them too; purging the first entry keeps them for it.
  const c = await store.saveArticle(art('https://y.example/c', 'ب', GARDEN));
  await store.attachAssets(c.record.id, { kept: [{ src: 'https://cdn.example/same.jpg', type: 'image/jpeg', data: lead.slice(0) }] });
  await store.deleteEntries([v1.entry.id], new Date('2026-02-01T00:00:00Z'));
  await store.purgeDeleted(new Date('2026-02-01T00:00:10Z'));
  assert.deepEqual(await store.assetUsage(), { blobs: 1, bytes: 8, records: 1 }, 'the PNG only the purged entry kept is gone, the shared JPEG stays');
  assert.deepEqual(new Uint8Array((await store.getAssets(c.record.id))[0].data), new Uint8Array(lead));
  // The last capture naming it goes: so do its bytes.
  await store.removeCapture(c.record.id);
  assert.deepEqual(await store.assetUsage(), { blobs: 0, bytes: 0, records: 0 });
});

test('storing a capture\'s images again drops bytes nothing names any more, keeps those still named', async () => {
  const a = await store.saveArticle(art('https://x.example/a', 'الف', BUDGET));
  const one = new Uint8Array([1, 1, 1]).buffer, two = new Uint8Array([2, 2]).buffer;
  await store.attachAssets(a.record.id, { kept: [{ src: 'https://i.example/1', type: 'image/gif', data: one }, { src: 'https://i.example/2', type: 'image/gif', data: two }] });
  await store.attachAssets(a.record.id, { kept: [{ src: 'https://i.example/2', type: 'image/gif', data: two.slice(0) }] });
  assert.deepEqual(await store.assetUsage(), { blobs: 1, bytes: 2, records: 1 });
  assert.deepEqual(new Uint8Array((await store.getAssets(a.record.id))[0].data), new Uint8Array([2, 2]));
});

test('a profile written by the schema-5 store (words in 16 shards) is upgraded to word ids and the blobs store: every capture, entry and image kept, every version searchable', async () => {
  const url = 'https://news.example/budget';
  const r1 = await v5.saveArticle(art(url, 'بودجه', [...BUDGET, 'وزیر استعفا داد.']), { capturedAt: '2026-01-01T10:00:00Z' });
  await v5.saveArticle(art(url, 'بودجه', BUDGET), { capturedAt: '2026-01-02T10:00:00Z' });
  const g = await v5.saveArticle(art('https://x.example/g', 'باغ‌ها', GARDEN), { capturedAt: '2026-01-01T00:00:00Z' });
  const sel = await v5.saveArticle(art(url, 'بودجه', [BUDGET[1]]), { selection: true });
  await v5.updateEntry(r1.entry.id, { title: 'عنوان من', tags: 'اقتصاد', note: 'یادداشت' });
  await v5.attachAssets(g.record.id, { kept: [{ src: 'https://img.example/1.jpg', type: 'image/jpeg', data: bytes(4) }] });
  await v5.deleteEntries([sel.entry.id]);
  const db5 = await v5.openDB();
  assert.equal(db5.version, 5);
  const before = await dump(db5, ['articles', 'entries', 'assets', 'search']);
  assert.equal(before.articles.length, 4);
  assert.ok(before.search.some((sh) => sh.entries), 'schema 5 wrote its own index');
  await v5.closeDB();

  const db = await store.openDB();
  assert.equal(db.version, store.DB_VERSION);
  const after = await dump(db, ['articles', 'entries', 'assets', 'search']);
  assert.deepEqual(after.articles, before.articles, 'every capture, unchanged');
  assert.deepEqual(after.entries, before.entries, 'every entry, unchanged (the deleted one too)');
  assert.deepEqual(after.assets, before.assets, 'every kept image');
  assert.ok(db.objectStoreNames.contains('blobs'), 'schema 7 adds the store of image bytes by hash');
  assert.deepEqual([...new Uint8Array((await store.getAssets(g.record.id))[0].data)], [1, 1, 1, 1], 'the image kept at schema 5 reads back');
  assert.ok(after.search.every((r) => !r.entries), 'no record of the old index left');
  assert.equal((await store.searchIndex()).has(sel.entry.id), true, 'a deleted entry keeps its index record until purged');
  const deletedAt = before.entries.find((e) => e.id === sel.entry.id).deleted_at;
  assert.deepEqual(await store.purgeDeletes(new Date(0)), { purged: 0, pending: deletedAt }, 'the upgraded entries are indexed by deletion time');
  await store.restoreEntries([sel.entry.id]);
  await assertIndexFresh();
  const ids = async (q) => (await store.listEntries({ query: q })).map((e) => e.id);
  assert.deepEqual(await ids('استعفا'), [r1.entry.id], 'the older version is searchable');
  assert.deepEqual(await ids('اقتصاد نمایندگان'), [r1.entry.id], 'a tag and a word of the text');
  assert.deepEqual(await ids('عنوان'), [r1.entry.id], 'the corrected title');
  assert.deepEqual(await ids('چنار'), [g.entry.id]);
  // Saving goes on in the new format; the upgraded entry gains a version.
  const r3 = await store.saveArticle(art(url, 'بودجه', [...BUDGET, 'بند تازه‌ای دربارهٔ یارانه‌ها.']), { capturedAt: '2026-01-03T10:00:00Z' });
  assert.equal(r3.entry.id, r1.entry.id);
  assert.equal(r3.entry.versions.length, 3);
  await assertIndexFresh();
  assert.deepEqual(await ids('یارانهها'), [r1.entry.id]);
});

test('saves from two pages (two connections) grow one vocabulary: each reads what the other added', async () => {
  const other = await import('./store.js?other-page');
  const a = await store.saveArticle(art('https://x.example/a', 'الف', BUDGET));
  const b = await other.saveArticle(art('https://x.example/b', 'ب', GARDEN));
  // The first page's kept vocabulary is behind now: this save must not reuse its ids.
  const c = await store.saveArticle(art('https://x.example/c', 'پ', ['واژه‌های کاملاً تازه در این متن هست.']));
  const d = await other.saveArticle(art('https://x.example/d', 'ت', ['و باز هم سخنانی نو.']));
  await assertIndexFresh();
  const ids = async (q) => (await store.listEntries({ query: q })).map((e) => e.id);
  assert.deepEqual(await ids('چنار'), [b.entry.id]);
  assert.deepEqual(await ids('کاملا'), [c.entry.id]);
  assert.deepEqual(await ids('سخنانی'), [d.entry.id]);
  assert.deepEqual(await ids('نمایندگان'), [a.entry.id]);
  await other.closeDB();
});
