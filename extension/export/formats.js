// The export formats and the file each produces. Pure: no browser APIs, so
// it runs (and is tested) in node as well as in the extension's pages.

import { toJSON, toJSONLines } from './json.js';
import { toMarkdown, articleMarkdown } from './markdown.js';
import { exportFileName, fallbackName, safeBaseName } from './filename.js';
import { zipBytes, uniqueName } from './zip.js';
import { keptFiles, pointImagesAt } from '../lib/assets.js';
import { toCSL, toBibTeX } from './citation.js';

/** Export formats by name: file extension, MIME type and serializer. */
export const FORMATS = {
  json: { ext: 'json', mime: 'application/json', serialize: toJSON },
  jsonl: { ext: 'jsonl', mime: 'application/x-ndjson', serialize: toJSONLines },
  markdown: { ext: 'md', mime: 'text/markdown', serialize: toMarkdown },
  csl: { ext: 'csl.json', mime: 'application/vnd.citationstyles.csl+json', serialize: toCSL },
  bibtex: { ext: 'bib', mime: 'application/x-bibtex', serialize: toBibTeX },
};

/** Formats that export each entry once (its newest version), not every version. */
export const NEWEST_ONLY = new Set(['markdown', 'csl', 'bibtex']);

/** The title of an article or of a library capture envelope (the user's title first). */
function titleOf(x) {
  if (x && x.schema === 'barg.capture/1' && x.article) return (x.user && x.user.title) || x.article.title;
  return x && x.title;
}

/** The article of an article or of a library capture envelope, and the user's words. */
function parts(x) {
  if (x && x.schema === 'barg.capture/1' && x.article) return { a: x.article, user: x.user || {} };
  return { a: x || {}, user: {} };
}

/**
 * The base file name the default file-name template (Go's
 * DefaultFileName) gives: the publication date (YYYY-MM-DD, as the date
 * itself writes it) and the title (the user's first), for when Go is not
 * running.
 */
export function defaultFileBase(x) {
  const { a, user } = parts(x);
  const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}/.exec(typeof a.published === 'string' ? a.published.trim() : '');
  return ((m ? m[1] : '') + ' ' + (titleOf(x) || '')).trim();
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
    articles.length === 1 ? exportFileName(defaultFileBase(articles[0]), f.ext, now) : fallbackName(now) + '.' + f.ext;
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

/**
 * Markdown of several articles as a ZIP of one .md file per article, which
 * Obsidian, Logseq and other vaults read as notes: {name, mime, bytes}.
 * With render (Go's templates, as buildTemplatedExport), each file is the
 * Markdown template filled and named by the file-name template; without
 * it, or when Go fails, the built-in Markdown and default name. Names are
 * made safe (safeBaseName), "article N" when nothing readable is left, and
 * numbered when two are the same; each file carries its capture's time.
 * @param {object[]} articles  barg.article/1 or barg.capture/1 envelopes
 * @param {((kind: string, articles: object[]) => Promise<string[]>)|null} render
 * @param {Date} [now]
 * @param {{getAssets?: (recordId: string) => Promise<object[]>}} [images] with lib/store.js
 *   getAssets, the images kept with the captures go in too, under assets/ (lib/assets.js
 *   keptFiles), and each Markdown file's figures point at them
 * @returns {Promise<{name: string, mime: string, bytes: Uint8Array, templated: boolean}>}
 */
export async function buildMarkdownZip(articles, render, now = new Date(), images = {}) {
  let texts = null;
  let bases = null;
  if (render) {
    try {
      [texts, bases] = [await render('markdown', articles), await render('filename', articles)];
    } catch (err) {
      console.warn('barg: templated export failed, using the built-in one:', err && err.message);
      texts = bases = null;
    }
  }
  const taken = new Set();
  const entries = articles.map((x, i) => {
    const base = safeBaseName(bases ? bases[i] : defaultFileBase(x)) || 'article ' + (i + 1);
    const { a } = parts(x);
    const at = (x && x.captured_at) || a.captured_at;
    return {
      name: uniqueName(base + '.md', taken),
      text: texts ? texts[i] : articleMarkdown(x),
      date: at ? new Date(at) : now,
    };
  });
  if (images && images.getAssets) {
    for (let i = 0; i < articles.length; i++) {
      const files = await keptFiles(articles[i], images.getAssets);
      if (!files.length) continue;
      entries[i].text = pointImagesAt(entries[i].text, files);
      for (const f of files) entries.push({ name: f.file, bytes: new Uint8Array(f.data), date: entries[i].date });
    }
  }
  return { name: fallbackName(now) + '.zip', mime: 'application/zip', bytes: await zipBytes(entries), templated: Boolean(texts) };
}
