// The export formats and the file each produces. Pure: no browser APIs, so
// it runs (and is tested) in node as well as in the extension's pages.

import { toJSON, toJSONLines } from './json.js';
import { toMarkdown } from './markdown.js';
import { exportFileName, fallbackName } from './filename.js';

/** Export formats by name: file extension, MIME type and serializer. */
export const FORMATS = {
  json: { ext: 'json', mime: 'application/json', serialize: toJSON },
  jsonl: { ext: 'jsonl', mime: 'application/x-ndjson', serialize: toJSONLines },
  markdown: { ext: 'md', mime: 'text/markdown', serialize: toMarkdown },
};

/**
 * The export of articles in format: {name, mime, text}. A single article's
 * file is named after its title; several go into "barg-export-DATE.ext".
 */
export function buildExport(format, articles, now = new Date()) {
  const f = FORMATS[format];
  if (!f) throw new Error('unknown export format: ' + format);
  const name =
    articles.length === 1 ? exportFileName(articles[0].title, f.ext, now) : fallbackName(now) + '.' + f.ext;
  return { name, mime: f.mime + ';charset=utf-8', text: f.serialize(articles) };
}
