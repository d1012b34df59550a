import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Vocabulary, PackedIndex, packShard, unpackShard, packIndex, VOCAB_CHUNK } from './wordindex.js';
import { indexOfVersions, indexMatch, queryWords, userText, shardOf } from './store.js';

const rec = (id, title, text, at) => ({ id, captured_at: at, article: { title, text } });

test('packShard and unpackShard round-trip ids of any size, empty lists included', () => {
  const entries = new Map([
    ['a', { v: 'a3', w: [0, 1, 127, 128, 16383, 16384, 2 ** 21, 2 ** 28 + 5], o: [['a2', [3]], ['a1', []]] }],
    ['b', { v: 'b', w: [], o: [] }],
    ['c\n"\t', { v: 'c', w: [7, 9], o: [] }],
  ]);
  const sh = packShard(3, entries);
  assert.equal(sh.id, 3);
  assert.ok(sh.data instanceof Uint8Array);
  assert.deepEqual(unpackShard(sh), entries);
  assert.deepEqual(unpackShard(undefined), new Map());
});

test('the vocabulary only grows: ids stay, and only its last records are rewritten', () => {
  const v = new Vocabulary();
  const first = Array.from({ length: VOCAB_CHUNK + 10 }, (_, i) => 'w' + i);
  assert.deepEqual(v.encode(first.join(' ')), first.map((_, i) => i));
  const recs = v.dirty();
  assert.deepEqual(recs.map((r) => r.id), [['w', 0], ['w', 1]]);
  assert.deepEqual(v.dirty(), [], 'nothing new, nothing to write');
  const again = new Vocabulary(recs.slice().reverse());
  assert.equal(again.id('w5'), 5);
  assert.equal(again.id('w' + (VOCAB_CHUNK + 3)), VOCAB_CHUNK + 3);
  assert.deepEqual(again.dirty(), []);
  assert.deepEqual(again.encode('new w1 w0'), [0, 1, VOCAB_CHUNK + 10]);
  const more = again.dirty();
  assert.deepEqual(more.map((r) => r.id), [['w', 1]], 'the new word goes into the last record');
  assert.equal(more[0].words.split('\n').length, 11);
  assert.equal(again.decode([VOCAB_CHUNK + 10, 0]), 'new w0');
});

// Entries as lib/store.js indexes them: Persian folding, old versions, user's words.
const entries = [
  { id: 'a', tags: [], note: '', versions: [rec('a', 'بودجهٔ سال', 'نمایندگان می‌گویند بودجه باید شفاف‌تر شود.', '2026-01-01')] },
  { id: 'b', tags: ['compilers'], note: '', user_title: 'Go linkers', versions: [rec('b', 'Shipping Go', 'About linkers and loaders.', '2026-01-01')] },
  { id: 'c', tags: [], note: 'برای گزارش', versions: [
    rec('c3', 'کتاب‌های تازه', 'فهرست کتاب‌ها', '2026-03-01'),
    rec('c2', 'کتاب‌های تازه', 'فهرست کتاب‌ها و روزنامه‌ها', '2026-02-01'),
    rec('c1', 'کتاب‌های تازه', 'فهرست کتاب‌ها و مجله‌ها و روزنامه‌ها که حذف شد', '2026-01-01'),
  ] },
  { id: 'd', tags: ['تنها'], note: '', versions: [] }, // saved after the index was read
];
const logical = new Map(entries.filter((e) => e.versions.length).map((e) => [e.id, indexOfVersions(e.versions)]));

test('search over the packed index answers as indexMatch does on the words, for every entry and query', () => {
  for (const shards of [s => 0, shardOf, (id) => id.charCodeAt(0) % 3]) {
    const index = new PackedIndex(packIndex(logical, shards));
    assert.equal(index.size, 3);
    for (const [id, r] of logical) {
      assert.deepEqual(index.get(id).o.map(([v]) => v), r.o.map(([v]) => v));
      assert.deepEqual(index.get(id).w.split(' ').sort(), r.w.split(' ').sort());
    }
    const queries = ['میگویند', 'كتاب', 'SHIPPING go', 'linkers compilers', 'گزارش فهرست', 'مجلهها', 'مجلهها روزنامهها',
      'روزنامه', 'حذف مجله', 'بودجه zzz', 'zzz', 'o', 'ک', 'تنها', 'تنها zzz', 'لینک', 'loader', 'shipping linkers go about and'];
    for (const q of queries) {
      const qs = queryWords(q);
      const want = {};
      for (const e of entries) {
        const m = indexMatch(logical.get(e.id), qs, userText(e));
        if (m) want[e.id] = m.versions;
      }
      assert.deepEqual(Object.fromEntries(index.search(qs, entries, userText)), want, q);
    }
  }
  const index = new PackedIndex(packIndex(logical, shardOf));
  const got = (q) => Object.fromEntries(index.search(queryWords(q), entries, userText));
  assert.deepEqual(got('مجلهها روزنامهها'), { c: ['c2', 'c1'] }, 'each word credited to the newest older version having it');
  assert.deepEqual(got('تنها'), { d: [] }, 'an entry not indexed matches on its tags');
  index.remove(['b']);
  assert.deepEqual(got('linkers'), { b: [] }, 'a removed entry still matches on the user\'s words');
  assert.deepEqual(got('loaders'), {});
});

test('more than 31 query words are matched in passes', () => {
  const long = Array.from({ length: 70 }, (_, i) => 'واژه' + i);
  const logical2 = new Map([
    ['x', { v: 'x2', w: long.slice(0, 40).join(' '), o: [['x1', long.slice(40).join(' ')]] }],
    ['y', { v: 'y', w: long.slice(0, 69).join(' '), o: [] }],
  ]);
  const cands = [{ id: 'x', tags: [] }, { id: 'y', tags: [] }];
  const index = new PackedIndex(packIndex(logical2, shardOf));
  assert.deepEqual(Object.fromEntries(index.search(queryWords(long.join(' ')), cands, userText)), { x: ['x1'] });
  assert.deepEqual(Object.fromEntries(index.search(queryWords(long.slice(0, 35).join(' ')), cands, userText)), { x: [], y: [] });
});

test('an empty index and an empty query find nothing', () => {
  const empty = new PackedIndex([]);
  assert.equal(empty.size, 0);
  assert.deepEqual(empty.search(queryWords('x'), entries, userText), new Map());
  assert.equal(empty.get('a'), undefined);
  const index = new PackedIndex(packIndex(logical, shardOf));
  assert.deepEqual(index.search([], entries, userText), new Map());
});
