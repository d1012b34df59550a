import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeBaseName, exportFileName, fallbackName, chromiumFileName, MAX_NAME } from './filename.js';

const now = new Date('2026-03-11T08:00:00Z');

test('safeBaseName', async (t) => {
  const cases = [
    ['Persian letters and ZWNJ kept', 'گزارش ریاست‌جمهوری', 'گزارش ریاست‌جمهوری'],
    ['reserved characters replaced', 'بودجه: سال / آینده', 'بودجه- سال - آینده'],
    ['every unsafe character', 'a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j'],
    ['control characters and newlines', 'خط\nدوم\u0000سوم\u0007', 'خط دوم-سوم'],
    ['bidi overrides removed', 'invoice\u202Etxt.exe', 'invoice-txt.exe'],
    ['bidi isolates removed', '\u2067نام\u2069', 'نام'],
    ['leading dots dropped', '...hidden', 'hidden'],
    ['trailing dots and spaces dropped', 'title. . ', 'title'],
    ['Persian digits kept', 'سال ۱۴۰۴', 'سال ۱۴۰۴'],
    ['only punctuation', '?? // ::', ''],
    ['empty', '', ''],
    ['undefined', undefined, ''],
    ['Windows reserved name', 'CON', '_CON'],
    ['Windows reserved name with dot', 'nul.txt', '_nul.txt'],
  ];
  for (const [name, input, want] of cases) {
    await t.test(name, () => assert.equal(safeBaseName(input), want));
  }
});

test('safeBaseName cuts long titles by code points without a dangling joiner', () => {
  const word = 'می‌شود '; // ZWNJ inside
  const long = word.repeat(40);
  const got = safeBaseName(long);
  assert.ok(Array.from(got).length <= MAX_NAME, `length ${Array.from(got).length}`);
  assert.ok(got.includes('\u200c'), 'ZWNJ kept');
  assert.doesNotMatch(got, /[\s\u200c]$/);
  const emoji = '😀'.repeat(100);
  const e = safeBaseName(emoji + 'x');
  assert.equal(e, ''); // emoji are not letters or digits: nothing readable
  const mixed = safeBaseName('😀'.repeat(79) + 'ab');
  assert.equal(Array.from(mixed).length, 80);
  assert.ok(!/[\ud800-\udbff]$/.test(mixed), 'no split surrogate pair');
});

test('exportFileName falls back to barg-export-DATE', () => {
  assert.equal(exportFileName('', 'md', now), 'barg-export-2026-03-11.md');
  assert.equal(exportFileName('***', 'json', now), 'barg-export-2026-03-11.json');
  assert.equal(exportFileName('خبر مهم', 'jsonl', now), 'خبر مهم.jsonl');
  assert.equal(fallbackName(now), 'barg-export-2026-03-11');
});

test('chromiumFileName keeps Persian words readable where Chromium refuses format characters', () => {
  assert.equal(chromiumFileName('نگرانی‌ها و پاسخ‌ها.md'), 'نگرانی ها و پاسخ ها.md');
  assert.equal(chromiumFileName('a\u200d\u200fb~c\u200c \u200cd.json'), 'ab-c d.json');
  assert.equal(chromiumFileName('barg-export-2026-03-11.jsonl'), 'barg-export-2026-03-11.jsonl');
});
