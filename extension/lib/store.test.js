import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleKey, selectionKey, foldForSearch } from './store.js';

test('articleKey prefers the canonical URL and drops the fragment', () => {
  assert.equal(articleKey({ canonical_url: 'https://a.ir/n/1#top', url: 'https://a.ir/n/1?utm=x' }), 'https://a.ir/n/1');
  assert.equal(articleKey({ canonical_url: '', url: 'https://a.ir/n/2#c' }), 'https://a.ir/n/2');
});

test('selectionKey keeps selections apart from the page and from each other', () => {
  const page = { canonical_url: 'https://a.ir/n/1', text: 'full text' };
  const one = selectionKey({ ...page, text: 'بند اول' });
  const two = selectionKey({ ...page, text: 'بند دوم' });
  assert.notEqual(one, articleKey(page));
  assert.notEqual(one, two);
  assert.equal(one, selectionKey({ ...page, text: 'بند اول' }), 'same selection, same key');
  assert.match(one, /^https:\/\/a\.ir\/n\/1#selection-[0-9a-f]{8}$/);
});

test('foldForSearch ignores ZWNJ, kashida and Arabic letter variants', () => {
  assert.equal(foldForSearch('می‌شود'), foldForSearch('میشود'));
  assert.equal(foldForSearch('كتابـي'), 'کتابی');
  assert.equal(foldForSearch('Barg'), 'barg');
});
