// The export formats and the file each produces. Pure: no browser APIs, so
// it runs (and is tested) in node as well as in the extension's pages.

import { toJSON, toJSONLines } from './json.js';
import { toMarkdown } from './markdown.js';
import { exportFileName, fallbackName, safeBaseName } from './filename.js';

/** Export formats by name: file extension, MIME type and serializer. */
export const FORMATS = {
  json: { ext: 'json', mime: 'application/json', serialize: toJSON },
  jsonl: { ext: 'jsonl', mime: 'application/x-ndjson', serialize: toJSONLines },
  markdown: { ext: 'md', mime: 'text/markdown', serialize: toMarkdown },
};

/** The title of an article or of a library capture envelope (the user's title first). */
function titleOf(x) {
  if (x && x.schema === 'barg.capture/1' && x.article) return (x.user && x.user.title) || x.article.title;
  return x && x.title;
}

/**
 * The export of articles (barg.article/1) or of library captures
 * (barg.capture/1 envelopes, export/json.js) in format: {name, mime, text}. A single article's
 * file is named after its title; several go into "barg-export-DATE.ext".
 */
export function buildExport(format, articles, now = new Date()) {
  const f = FORMATS[format];
  if (!f) throw new Error('unknown export format: ' + format);
  const name =
    articles.length === 1 ? exportFileName(titleOf(articles[0]), f.ext, now) : fallbackName(now) + '.' + f.ext;
  return { name, mime: f.mime + ';charset=utf-8', text: f.serialize(articles) };
}

/**
 * The export of articles with the user's templates, filled by Go
 * (background/tools.js): Markdown from the Markdown template, one article
 * after the other separated by a line feed, and a single article's file
 * named from the file-name template (made safe by safeBaseName). JSON and
 * JSON Lines are the articles as saved.
 * @param {string} format
 * @param {object[]} articles
 * @param {(kind: string, articles: object[]) => Promise<string[]>} render
 */
export async function buildTemplatedExport(format, articles, render, now = new Date()) {
  const f = FORMATS[format];
  if (!f) throw new Error('unknown export format: ' + format);
  let name = fallbackName(now) + '.' + f.ext;
  if (articles.length === 1) {
    const [base] = await render('filename', articles);
    name = (safeBaseName(base) || fallbackName(now)) + '.' + f.ext;
  }
  const text = format === 'markdown' ? (await render('markdown', articles)).join('\n') : f.serialize(articles);
  return { name, mime: f.mime + ';charset=utf-8', text };
}
