// buildTemplatedExport: Markdown and file names come from the renderer (Go
// in the extension), one article after the other, names made safe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTemplatedExport } from './formats.js';

const now = new Date('2026-03-11T08:00:00Z');
const render = async (kind, articles) => articles.map((a) => (kind === 'filename' ? `${a.title} / ${a.lang}` : `# ${a.title}\n`));

test('Markdown of several articles from the template, joined by a line feed', async () => {
  const f = await buildTemplatedExport('markdown', [{ title: 'یک', lang: 'fa' }, { title: 'two', lang: 'en' }], render, now);
  assert.equal(f.text, '# یک\n\n# two\n');
  assert.equal(f.name, 'barg-export-2026-03-11.md');
  assert.equal(f.mime, 'text/markdown;charset=utf-8');
});

test('a single article\'s file is named from the file-name template, made safe', async () => {
  const f = await buildTemplatedExport('json', [{ title: 'بودجه', lang: 'fa' }], render, now);
  assert.equal(f.name, 'بودجه - fa.json');
  assert.equal(JSON.parse(f.text).length, 1);
  const g = await buildTemplatedExport('jsonl', [{ title: '', lang: '' }], async () => ['/ ..'], now);
  assert.equal(g.name, 'barg-export-2026-03-11.jsonl');
});
