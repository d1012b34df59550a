import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { toJSON, toJSONLines, SCHEMA } from './json.js';
import { buildExport } from './formats.js';

const fa = JSON.parse(readFileSync(new URL('./testdata/article-fa.json', import.meta.url), 'utf8'));
const en = {
  schema: SCHEMA,
  url: 'https://example.org/a',
  title: 'Line\u2028separator and "quotes"',
  lang: 'en',
  dir: 'ltr',
  blocks: [{ type: 'paragraph', text: 'one\u2029two' }],
};

test('toJSON is an array of whole articles, each naming its schema', () => {
  const out = toJSON([fa, en]);
  assert.ok(out.endsWith('\n'));
  const back = JSON.parse(out);
  assert.ok(Array.isArray(back));
  assert.deepEqual(back, [fa, en]);
  for (const a of back) assert.equal(a.schema, 'barg.article/1');
  assert.ok(out.includes('ریاست') === false && out.includes('می‌گویند'), 'Persian text with ZWNJ written raw');
});

test('toJSON adds the schema to an article that lacks it', () => {
  const back = JSON.parse(toJSON([{ url: 'https://x.example/' }]));
  assert.equal(back[0].schema, SCHEMA);
});

test('toJSONLines writes one article per line', () => {
  const out = toJSONLines([fa, en, fa]);
  const lines = out.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.equal(lines.length, 3);
  assert.deepEqual(lines.map((l) => JSON.parse(l)), [fa, en, fa]);
  // Line and paragraph separators must not split a record for line readers.
  assert.doesNotMatch(out, /[\u2028\u2029]/);
  assert.equal(JSON.parse(lines[1]).title, en.title);
});

test('buildExport names files after a single title, else by date', () => {
  const now = new Date('2026-03-11T08:00:00Z');
  const one = buildExport('markdown', [fa], now);
  assert.equal(one.name, '2026-03-10 بودجهٔ سال آینده- «نگرانی‌ها» و پاسخ‌ها.md', 'the date and the title, as the default file-name template');
  assert.equal(buildExport('bibtex', [{ ...fa, published: '' }], now).name, 'بودجهٔ سال آینده- «نگرانی‌ها» و پاسخ‌ها.bib');
  assert.match(one.mime, /^text\/markdown/);
  assert.equal(buildExport('json', [fa, en], now).name, 'barg-export-2026-03-11.json');
  assert.equal(buildExport('jsonl', [], now).name, 'barg-export-2026-03-11.jsonl');
  assert.equal(buildExport('jsonl', [], now).text, '');
  assert.throws(() => buildExport('pdf', [fa], now), /unknown export format/);
});
