import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paragraphsOf, diffParagraphs, diffCounts } from './diff.js';

test('diffParagraphs marks an edit as one removed and one added paragraph, in place', () => {
  const older = ['الف', 'ب', 'پ', 'ت'];
  const newer = ['الف', 'ب (اصلاح شد)', 'پ', 'ت', 'ث'];
  assert.deepEqual(diffParagraphs(older, newer), [
    { op: 'same', text: 'الف' },
    { op: 'removed', text: 'ب' },
    { op: 'added', text: 'ب (اصلاح شد)' },
    { op: 'same', text: 'پ' },
    { op: 'same', text: 'ت' },
    { op: 'added', text: 'ث' },
  ]);
  assert.deepEqual(diffCounts(diffParagraphs(older, newer)), { added: 2, removed: 1 });
});

test('diffParagraphs: identical, emptied, moved, white space only', () => {
  assert.deepEqual(diffCounts(diffParagraphs(['a', 'b'], ['a', 'b'])), { added: 0, removed: 0 });
  assert.deepEqual(diffParagraphs(['a', 'b'], []), [{ op: 'removed', text: 'a' }, { op: 'removed', text: 'b' }]);
  assert.deepEqual(diffCounts(diffParagraphs(['a', 'b', 'c'], ['c', 'a', 'b'])), { added: 1, removed: 1 });
  assert.deepEqual(diffCounts(diffParagraphs(['a  b'], ['a b'])), { added: 0, removed: 0 }, 'spacing is not an edit');
});

test('diffParagraphs stays bounded on huge inputs and still finds every change', () => {
  const older = Array.from({ length: 3000 }, (_, i) => 'p' + i);
  const newer = older.map((p, i) => (i % 2 ? p : p + '!'));
  const t0 = performance.now();
  const c = diffCounts(diffParagraphs(older, newer));
  assert.deepEqual(c, { added: 1500, removed: 1500 });
  assert.ok(performance.now() - t0 < 5000);
});

test('paragraphsOf reads blocks in order: list items, captions, table rows', () => {
  const a = { blocks: [
    { type: 'heading', text: 'H' }, { type: 'paragraph', text: ' P ' }, { type: 'list', text: 'x\ny', items: ['x', 'y'] },
    { type: 'figure', src: 'https://i/x.png', caption: 'C' }, { type: 'table', rows: [['a', 'b']] }, { type: 'paragraph', text: '' },
  ] };
  assert.deepEqual(paragraphsOf(a), ['H', 'P', 'x', 'y', 'C', 'a | b']);
  assert.deepEqual(paragraphsOf({ text: 'one\n\ntwo' }), ['one', 'two']);
});
