// buildMarkdownZip: several articles as a ZIP of one Markdown file each,
// read back with Python's zipfile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { buildMarkdownZip, defaultFileBase } from './formats.js';
import { articleMarkdown } from './markdown.js';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const hasPython = spawnSync(PYTHON, ['--version'], { stdio: 'ignore' }).status === 0;
const fa = JSON.parse(readFileSync(new URL('./testdata/article-fa.json', import.meta.url), 'utf8'));
const env = (id, article, user = { title: '', tags: [], note: '' }) => ({
  schema: 'barg.capture/1', id, capture_id: id, entry_id: id, captured_at: '2026-03-12T08:00:00.000Z', user, article,
});
const now = new Date('2026-03-13T10:00:00Z');

function unzip(bytes) {
  const r = spawnSync(PYTHON, ['-c', `
import json, sys, zipfile, io
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
assert z.testzip() is None
print(json.dumps({i.filename: z.read(i).decode() for i in z.infolist()}))`], { input: bytes, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('default file base: the date as written and the title, the user\'s first', () => {
  assert.equal(defaultFileBase(fa), '2026-03-10 بودجهٔ سال آینده: «نگرانی‌ها» و پاسخ‌ها');
  assert.equal(defaultFileBase(env('a', fa, { title: 'عنوان من' })), '2026-03-10 عنوان من');
  assert.equal(defaultFileBase({ title: 'No date', published: '' }), 'No date');
});

test('the built-in export: one file per article, names made safe and distinct', { skip: hasPython ? false : 'python3 is not installed' }, async () => {
  const articles = [env('a', fa), env('b', { ...fa, title: 'Second / part' }), env('c', fa), env('d', { ...fa, title: '', published: '' })];
  const f = await buildMarkdownZip(articles, null, now);
  assert.equal(f.name, 'barg-export-2026-03-13.zip');
  assert.equal(f.mime, 'application/zip');
  const files = unzip(f.bytes);
  assert.deepEqual(Object.keys(files), [
    '2026-03-10 بودجهٔ سال آینده- «نگرانی‌ها» و پاسخ‌ها.md',
    '2026-03-10 Second - part.md',
    '2026-03-10 بودجهٔ سال آینده- «نگرانی‌ها» و پاسخ‌ها (2).md',
    'article 4.md',
  ]);
  assert.equal(Object.values(files)[0], articleMarkdown(articles[0]));
  for (const text of Object.values(files)) assert.equal(text.match(/^---$/gm).length, 2, 'one front matter per file');
});

test('the templated export fills each file and name from Go\'s templates', { skip: hasPython ? false : 'python3 is not installed' }, async () => {
  const render = async (kind, xs) => xs.map((x) => (kind === 'filename' ? x.article.url.split('/').pop() : '# ' + x.id + '\n'));
  const f = await buildMarkdownZip([env('a', { ...fa, url: 'https://x.example/one' }), env('b', { ...fa, url: 'https://x.example/two' })], render, now);
  assert.equal(f.templated, true);
  assert.deepEqual(unzip(f.bytes), { 'one.md': '# a\n', 'two.md': '# b\n' });
  const failing = await buildMarkdownZip([env('a', fa)], async () => { throw new Error('Go is not running'); }, now);
  assert.equal(failing.templated, false, 'falls back to the built-in Markdown');
});
