import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SearchIndex } from './search.js';
import { foldForSearch, SEARCH_SEP } from '../lib/store.js';

// As lib/store.js keeps them: folded title, separator, folded text.
const records = [
  { id: 'a', title: 'بودجهٔ سال', text: 'نمایندگان می‌گویند بودجه باید شفاف‌تر شود.' },
  { id: 'b', title: 'Shipping Go', text: 'About compilers.' },
  { id: 'c', title: 'کتاب‌های تازه', text: 'فهرست کتاب‌ها' },
  { id: 'd' },
].map((r) => ({ id: r.id, text: foldForSearch(r.title) + SEARCH_SEP + foldForSearch(r.text) }));

function index() {
  let loads = 0;
  const idx = new SearchIndex(async () => { loads++; return records; }, foldForSearch);
  return { idx, loads: () => loads };
}

test('search matches title and text, folded like the store', async () => {
  const { idx } = index();
  const cases = [
    ['میگویند', ['a']], // typed without ZWNJ
    ['كتاب', ['c']], // Arabic kaf
    ['SHIPPING go', ['b']],
    ['compilers', ['b']],
    ['سالنمایندگان', []], // never across title and text
    ['zzz', []],
    ['  ', []],
  ];
  for (const [q, want] of cases) assert.deepEqual([...(await idx.search(q))].sort(), want, q);
});

test('the store is read once, however many searches run at once', async () => {
  const { idx, loads } = index();
  await Promise.all([idx.search('a'), idx.search('b'), idx.search('c')]);
  await idx.search('d');
  assert.equal(loads(), 1);
  idx.invalidate();
  await idx.search('x');
  assert.equal(loads(), 2);
});

test('remove drops deleted articles', async () => {
  const { idx } = index();
  await idx.ensure();
  idx.remove(['b']);
  assert.deepEqual([...(await idx.search('compilers'))], []);
});
