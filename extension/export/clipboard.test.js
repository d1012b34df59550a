import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyMarkdown } from './clipboard.js';
import { articleMarkdown } from './markdown.js';

const a = { schema: 'barg.article/1', title: 'عنوان', url: 'https://x.example/a', blocks: [{ type: 'paragraph', text: 'متن' }] };
const fakeClipboard = () => ({ text: null, async writeText(t) { this.text = t; } });

test('the template filled by Go is copied when it answers', async () => {
  const cb = fakeClipboard();
  const got = await copyMarkdown(a, async (kind, xs) => xs.map((x) => kind + ':' + x.title), cb);
  assert.equal(got, 'markdown:عنوان');
  assert.equal(cb.text, 'markdown:عنوان');
});

test('the built-in Markdown is copied without Go, or when it fails', async () => {
  for (const render of [null, async () => { throw new Error('no engine'); }, async () => ['']]) {
    const cb = fakeClipboard();
    await copyMarkdown(a, render, cb);
    assert.equal(cb.text, articleMarkdown(a));
    assert.match(cb.text, /^---\ntitle: "عنوان"\nsource: "https:\/\/x.example\/a"\n---\n\n# عنوان\n\nمتن\n$/);
  }
});
