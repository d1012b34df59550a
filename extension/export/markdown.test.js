import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { yamlString, frontMatter, escapeText, blockMarkdown, articleMarkdown, toMarkdown } from './markdown.js';

const fa = JSON.parse(readFileSync(new URL('./testdata/article-fa.json', import.meta.url), 'utf8'));

test('yamlString', async (t) => {
  const cases = [
    ['plain', 'abc', '"abc"'],
    ['quote and backslash', 'a "b" \\c', '"a \\"b\\" \\\\c"'],
    ['newline and tab', 'a\nb\tc', '"a\\nb\\tc"'],
    ['control characters', '\u0000\u001b\u007f\u0085', '"\\x00\\x1b\\x7f\\x85"'],
    ['line separators', '\u2028\u2029', '"\\L\\P"'],
    ['ZWNJ and bidi marks kept', 'می‌شود\u200f', '"می‌شود\u200f"'],
    ['YAML indicators are safe inside quotes', '- a: b # c', '"- a: b # c"'],
    ['lone surrogate', 'x\ud800y', '"x\ufffdy"'],
    ['undefined', undefined, '""'],
  ];
  for (const [name, input, want] of cases) await t.test(name, () => assert.equal(yamlString(input), want));
});

test('frontMatter writes the metadata and skips empty fields', () => {
  const fm = frontMatter(fa);
  const lines = fm.split('\n');
  assert.equal(lines[0], '---');
  assert.equal(lines.at(-2), '---');
  assert.ok(lines.includes('title: "بودجهٔ سال آینده: «نگرانی‌ها» و پاسخ‌ها"'));
  assert.ok(lines.includes('url: "https://news.example/fa/story/42?utm=x#top"'));
  assert.ok(lines.includes('canonical_url: "https://news.example/fa/story/42"'));
  assert.ok(fm.includes('authors:\n  - "مریم احمدی"\n  - "Sam \\"Q\\" Lee"\n'));
  assert.ok(fm.includes('tags:\n  - "بودجه"\n  - "مجلس"\n'));
  assert.ok(lines.includes('published: "2026-03-10T09:30:00+03:30"'));
  assert.ok(lines.includes('published_text: "۱۹ اسفند ۱۴۰۴"'));
  assert.ok(lines.includes('site_name: "خبرنامهٔ نمونه"'));
  assert.ok(lines.includes('lang: "fa"') && lines.includes('dir: "rtl"'));
  assert.ok(lines.includes('description: "گزارشی کوتاه\\nدر دو سطر"'));
  assert.ok(fm.includes('image:\n  src: "https://news.example/img/lead.jpg"\n  alt: "ساختمان مجلس"\n'));
  assert.ok(lines.includes('word_count: 40'));
  assert.ok(lines.includes('schema: "barg.article/1"'));
  assert.ok(!fm.includes('modified:'), 'empty modified left out');
  assert.ok(!fm.includes('lead:'), 'empty lead left out');
  // Every top-level line is "key: value", "key:" (a nested value follows), or nested.
  for (const l of lines.slice(1, -2)) assert.match(l, /^([a-z_]+:( .+)?|  (- "|[a-z]+: ).*)$/, l);
});

test('escapeText keeps Persian text intact and escapes markup', () => {
  const s = 'می‌شود \u200fمتن\u200e';
  assert.equal(escapeText(s), s);
  assert.equal(escapeText('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert(1)\\>');
  assert.equal(escapeText('# not a heading'), '\\# not a heading');
  assert.equal(escapeText('1. not a list'), '1\\. not a list');
  assert.equal(escapeText('a *b* [c](d) `e` &amp;'), 'a \\*b\\* \\[c\\](d) \\`e\\` \\&amp;');
  assert.equal(escapeText('AT&T'), 'AT&T');
});

test('blockMarkdown', async (t) => {
  const cases = [
    ['paragraph with a safe link and a javascript: link dropped', fa.blocks[0],
      'نمایندگان می‌گویند بودجه باید شفاف‌تر شود و به [گزارش کامل](https://news.example/report) ارجاع دادند.'],
    ['heading with markup in its text', fa.blocks[1], '## \\# جزئیات و ارقام'],
    ['level-1 heading becomes level 2', { type: 'heading', level: 1, text: 'x' }, '## x'],
    ['level-4 heading', { type: 'heading', level: 4, text: 'x' }, '#### x'],
    ['ordered list', fa.blocks[2], '1. درآمد نفتی\n2. مالیات‌ها'],
    ['unordered list escapes a leading dash', fa.blocks[3], '- \\- یک\n- دو'],
    ['quote', fa.blocks[4], '> ما پاسخ‌گو خواهیم بود.\n> سطر دوم'],
    ['figure with caption', fa.blocks[5], '![نمودار \\[۱\\]](https://news.example/img/chart.png)\n*سهم نفت در بودجه*'],
    ['figure with a data: src keeps only its caption', fa.blocks[6], '*تصویر ناامن*'],
    ['table with escaped pipe and a short row', fa.blocks[7],
      '| سال | مبلغ \\| میلیارد |\n| --- | --- |\n| ۱۴۰۳ | ۱۲ |\n| ۱۴۰۴ |   |'],
    ['code fenced longer than its backticks, untouched', fa.blocks[8],
      '````go\nfmt.Println("```")\n// <script>alert(1)</script>\n````'],
    ['embed', fa.blocks[10], '<https://video.example/embed/9>'],
    ['javascript: embed dropped', fa.blocks[11], ''],
    ['link URL with spaces is bracketed', { type: 'paragraph', text: 'see here', links: [{ text: 'here', href: 'https://x.example/a b(c)' }] },
      'see [here](<https://x.example/a%20b(c)>)'],
    ['mailto link kept', { type: 'paragraph', text: 'write', links: [{ text: 'write', href: 'mailto:a@b.example' }] },
      '[write](mailto:a@b.example)'],
  ];
  for (const [name, block, want] of cases) await t.test(name, () => assert.equal(blockMarkdown(block), want));
});

test('articleMarkdown: front matter, title, blocks in order, no javascript: URL', () => {
  const md = articleMarkdown(fa);
  assert.ok(md.startsWith('---\n'));
  const body = md.slice(md.indexOf('\n---\n') + 5);
  assert.ok(body.startsWith('\n# بودجهٔ سال آینده: «نگرانی‌ها» و پاسخ‌ها\n\n'));
  const order = ['نمایندگان', '## ', '1. درآمد', '> ما', '![', '| سال', '````go', 'The English', '<https://video'];
  let at = -1;
  for (const s of order) {
    const i = body.indexOf(s);
    assert.ok(i > at, `${s} after the previous block`);
    at = i;
  }
  assert.doesNotMatch(md, /javascript:|data:image/);
  assert.ok(md.endsWith('\n') && !md.endsWith('\n\n'));
});

test('toMarkdown puts each article after the previous one, each with its front matter', () => {
  const md = toMarkdown([fa, { ...fa, title: 'Second' }]);
  assert.equal(md.match(/^---$/gm).length, 4);
  assert.ok(md.indexOf('# Second') > md.indexOf('# بودجهٔ'));
});
