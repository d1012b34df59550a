import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { yamlString, frontMatter, escapeText, blockMarkdown, articleMarkdown, toMarkdown, cleanTag, exportTags } from './markdown.js';

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

test('frontMatter writes the flat keys, in order, and skips empty fields', () => {
  const fm = frontMatter(fa);
  assert.equal(fm, [
    '---',
    'title: "بودجهٔ سال آینده: «نگرانی‌ها» و پاسخ‌ها"',
    'author:\n  - "مریم احمدی"\n  - "Sam \\"Q\\" Lee"',
    'published: "2026-03-10T09:30:00+03:30"',
    'source: "https://news.example/fa/story/42"',
    'site: "خبرنامهٔ نمونه"',
    'lang: "fa"',
    'tags:\n  - "بودجه"\n  - "مجلس"',
    'captured: "2026-03-11T08:00:00Z"',
    'image: "https://news.example/img/lead.jpg"',
    'description: "گزارشی کوتاه\\nدر دو سطر"',
    '---',
  ].join('\n') + '\n');
  // The rest of the article stays out.
  for (const k of ['url:', 'canonical_url', 'word_count', 'schema', 'dir:', 'section', 'user:']) assert.ok(!fm.includes(k), k);
  const bare = frontMatter({ title: 't', url: 'https://x.example/a', canonical_url: '', authors: [], tags: [], image: null, description: '' });
  assert.equal(bare, '---\ntitle: "t"\nsource: "https://x.example/a"\n---\n');
});

test('the user\'s words go where they belong: title, tags first, note', () => {
  const fm = frontMatter(fa, { title: 'عنوان من', tags: ['یک', 'مجلس', '@me', 'two words'], note: 'یادداشت\nدو خط' });
  assert.match(fm, /^title: "عنوان من"$/m);
  assert.match(fm, /^tags:\n  - "یک"\n  - "مجلس"\n  - "me"\n  - "two-words"\n  - "بودجه"\n(?! {2}- "مجلس")/m);
  assert.match(fm, /^note: "یادداشت\\nدو خط"$/m);
  assert.match(frontMatter(fa, { title: '', tags: [], note: '' }), /^title: "بودجهٔ سال آینده/m);
});

test('cleanTag makes tags that Obsidian and Logseq accept', async (t) => {
  const cases = [
    ['@handle', 'handle'], ['two  words', 'two-words'], ['#hash', 'hash'], ['##a b#c', 'a-bc'],
    ['1984', ''], ['--', ''], ['a..b', 'ab'], ['C++', 'C'], ['a//b/', 'a/b'], ['a - b', 'a-b'],
    ['می‌شود', 'می‌شود'], ['\u200cپیش\u200c', 'پیش'], ['سال ۱۴۰۴', 'سال-۱۴۰۴'], ['x_y', 'x_y'],
    [' \u00a0tag\u2028', 'tag'], [42, ''], [null, ''],
  ];
  for (const [input, want] of cases) await t.test(JSON.stringify(input), () => assert.equal(cleanTag(input), want));
  assert.deepEqual(exportTags({ tags: ['B', 'a', 'a '] }, { tags: ['a', '@a'] }), ['a', 'B']);
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
    ['table: header row first, links in their cells, "|" in a URL encoded', {
      type: 'table', rows: [['Release', 'Date'], ['4.2.3', 'April 2014'], ['4.3', 'see 4.3 notes']],
      links: [{ text: '4.2.3', href: 'https://blog.example/4-2-3' }, { text: '4.3', href: 'https://blog.example/4.3?a|b' }, { text: 'notes', href: 'https://blog.example/n' }],
    }, '| Release | Date |\n| --- | --- |\n| [4\\.2.3](https://blog.example/4-2-3) | April 2014 |\n| [4\\.3](https://blog.example/4.3?a%7Cb) | see 4.3 [notes](https://blog.example/n) |'],
    ['table caption above the table', { type: 'table', text: 'Results\nround *1*', rows: [['a', 'b']] }, '*Results round \\*1\\**\n\n| a | b |\n| --- | --- |'],
    ['figure caption keeps its link', { type: 'figure', src: 'https://x.example/f.png', alt: '', caption: 'photo: Ana', links: [{ text: 'Ana', href: 'https://x.example/ana' }] },
      '![](https://x.example/f.png)\n*photo: [Ana](https://x.example/ana)*'],
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
