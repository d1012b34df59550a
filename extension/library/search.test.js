import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SearchIndex } from './search.js';
import { indexOfVersions, queryWords, userText, shardOf } from '../lib/store.js';
import { PackedIndex, packIndex } from '../lib/wordindex.js';

// Index records as lib/store.js keeps them, from version records.
const rec = (id, title, text, at = '2026-01-01T00:00:00Z') => ({ id, captured_at: at, article: { title, text } });
const entries = [
  { id: 'a', tags: [], note: '', versions: [rec('a', 'بودجهٔ سال', 'نمایندگان می‌گویند بودجه باید شفاف‌تر شود.')] },
  { id: 'b', tags: ['compilers'], note: '', versions: [rec('b', 'Shipping Go', 'About linkers.')] },
  { id: 'c', tags: [], note: 'برای گزارش', versions: [
    rec('c2', 'کتاب‌های تازه', 'فهرست کتاب‌ها', '2026-02-01T00:00:00Z'),
    rec('c1', 'کتاب‌های تازه', 'فهرست کتاب‌ها و مجله‌ها که حذف شد', '2026-01-01T00:00:00Z'),
  ] },
  { id: 'd', tags: [], note: '', versions: [] },
];
const index = packIndex(new Map(entries.filter((e) => e.versions.length).map((e) => [e.id, indexOfVersions(e.versions)])), shardOf);

function make() {
  let loads = 0;
  const idx = new SearchIndex(async () => { loads++; return new PackedIndex(index); }, queryWords);
  return { idx, loads: () => loads };
}

test('search matches every word of the query in any version, the user\'s words, folded like the store', async () => {
  const { idx } = make();
  const cases = [
    ['میگویند', { a: [] }], // typed without ZWNJ
    ['كتاب', { c: [] }], // Arabic kaf
    ['SHIPPING go', { b: [] }],
    ['linkers compilers', { b: [] }], // one word in the text, one a tag
    ['گزارش فهرست', { c: [] }], // the note and the text
    ['مجلهها', { c: ['c1'] }], // only the older version has it
    ['مجلهها فهرست', { c: ['c1'] }],
    ['بودجه zzz', {}], // every word must be there
    ['zzz', {}],
    ['  ', {}],
  ];
  for (const [q, want] of cases) {
    const got = Object.fromEntries(await idx.search(q, entries, userText));
    assert.deepEqual(got, want, q);
  }
});

test('the store is read once, however many searches run at once', async () => {
  const { idx, loads } = make();
  await Promise.all(['a', 'b', 'c'].map((q) => idx.search(q, entries, userText)));
  await idx.search('d', entries, userText);
  assert.equal(loads(), 1);
  idx.invalidate();
  await idx.search('x', entries, userText);
  assert.equal(loads(), 2);
});

test('remove drops deleted entries', async () => {
  const { idx } = make();
  await idx.ensure();
  idx.remove(['b']);
  assert.deepEqual([...(await idx.search('linkers', entries, userText)).keys()], []);
});
