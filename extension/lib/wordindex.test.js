import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Vocabulary, PackedIndex, packShard, unpackShard, packIndex, vocabRecords, VOCAB_TAIL, VOCAB_BIG } from './wordindex.js';
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

test('the vocabulary only grows: ids stay, a save rewrites only its tail, full tails merge into few records', () => {
  const fresh = Array.from({ length: VOCAB_BIG + 10 }, (_, i) => 'w' + i);
  let records = vocabRecords(fresh);
  assert.deepEqual(records.map((r) => [r.id, r.words.split('\n').length]), [[['w', 0], VOCAB_BIG], [['w', 1], 10]]);
  // Stores the records as lib/store.js does: put, remove.
  const stored = new Map(records.map((r) => [r.id[1], r]));
  const write = (v) => {
    const { put, remove } = v.dirty();
    for (const [, n] of remove) stored.delete(n);
    for (const r of put) stored.set(r.id[1], r);
    return { put: put.map((r) => [r.id[1], r.words.split('\n').length]), remove: remove.map(([, n]) => n) };
  };
  let v = new Vocabulary([...stored.values()]);
  assert.equal(v.id('w5'), 5);
  assert.equal(v.id('w' + (VOCAB_BIG + 3)), VOCAB_BIG + 3);
  assert.deepEqual(v.dirty(), { put: [], remove: [] }, 'nothing new, nothing to write');
  assert.deepEqual(v.encode('new w1 w0'), [0, 1, VOCAB_BIG + 10]);
  assert.deepEqual(write(v), { put: [[1, 11]], remove: [] }, 'a new word goes into the tail');
  assert.equal(v.decode([VOCAB_BIG + 10, 0]), 'new w0');
  // Filling the tail: record 1 is the tail until it has VOCAB_TAIL words, then a record of its own.
  v = new Vocabulary([...stored.values()]);
  v.encode(Array.from({ length: VOCAB_TAIL }, (_, i) => 'x' + i).join(' '));
  assert.deepEqual(write(v), { put: [[1, VOCAB_TAIL + 11]], remove: [] }, 'merged into nothing: record 1 was the tail');
  v = new Vocabulary([...stored.values()]);
  v.encode('y0 y1');
  assert.deepEqual(write(v), { put: [[2, 2]], remove: [] }, 'a new tail after a full one');
  v.encode(Array.from({ length: VOCAB_TAIL }, (_, i) => 'z' + i).join(' '));
  assert.deepEqual(write(v), { put: [[1, VOCAB_TAIL + 11 + VOCAB_TAIL + 2]], remove: [2] }, 'a full tail merges into the record before it');
  const all = new Vocabulary([...stored.values()]);
  assert.equal(all.size, VOCAB_BIG + 10 + 1 + VOCAB_TAIL + 2 + VOCAB_TAIL);
  for (const w of ['w0', 'new', 'x5', 'y1', 'z' + (VOCAB_TAIL - 1)]) assert.equal(all.word(all.id(w)), w);
  assert.equal(all.id('y1'), VOCAB_BIG + 10 + 1 + VOCAB_TAIL + 1, 'ids never change');
  assert.equal(all.size, VOCAB_BIG + 10 + 1 + VOCAB_TAIL + 2 + VOCAB_TAIL, 'no word added by looking');
  const index = new PackedIndex([...stored.values()]);
  assert.equal(index.vocabSize, all.size);
  assert.equal(index.word(VOCAB_BIG + 10 + 1 + VOCAB_TAIL + 1), 'y1');
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

test('a Vocabulary leaves the word list it read alone until commit, and commits only onto the list it read', () => {
  const list = new Vocabulary().base;
  const v1 = new Vocabulary(list);
  assert.deepEqual(v1.encode('a b'), [0, 1]);
  assert.equal(list.words.length, 0, 'not stored yet: the shared list is unchanged');
  const v2 = new Vocabulary(list);
  assert.deepEqual(v2.encode('c'), [0], 'a save that started from the same list');
  v1.dirty(); // written
  assert.equal(v1.commit(), true);
  assert.deepEqual(list.words, ['a', 'b']);
  assert.equal(v2.commit(), false, 'the list grew since v2 read it');
  assert.deepEqual(list.words, ['a', 'b']);
  const v3 = new Vocabulary(list);
  assert.deepEqual(v3.encode('b c'), [1, 2]);
  assert.deepEqual(v3.dirty(), { put: [{ id: ['w', 0], words: 'a\nb\nc' }], remove: [] });
});
