// The export of captures together with the images kept with them (the
// "Keep images with the article" setting, lib/assets.js), as one zip:
//
//   <title>.md              one Markdown file per capture, its figures
//                           pointing at assets/… (images not kept stay remote)
//   assets/<capture>/<n>.jpg  the kept images, as their bytes were stored
//   articles.json           the JSON export of the same captures, each with
//                           its "assets" manifest naming those files
//
// Kept apart from formats.js so that pages that never export images do
// not load the zip writer.

import { zipBlob } from './zip.js';
import { buildExport } from './formats.js';
import { toJSON } from './json.js';
import { fallbackName } from './filename.js';
import { filesWithImages } from '../lib/assets.js';

/**
 * The zip entries (export/zip.js) of an export of envelopes with their images.
 * @param {object[]} envelopes barg.capture/1 envelopes (export/json.js captureEnvelope)
 * @param {(recordId: string) => Promise<object[]>} getAssets lib/store.js getAssets
 */
export async function entriesWithImages(envelopes, getAssets, now = new Date()) {
  const items = envelopes.map((envelope) => {
    const md = buildExport('markdown', [envelope], now);
    return { envelope, markdown: { name: md.name, text: md.text } };
  });
  const files = await filesWithImages(items, getAssets, toJSON);
  return files.map((f) => ({ ...f, date: now }));
}

/**
 * The zip of envelopes with their images: {name, blob}. One capture's zip
 * is named after its Markdown file, several "barg-export-DATE.zip".
 */
export async function zipWithImages(envelopes, getAssets, now = new Date()) {
  const entries = await entriesWithImages(envelopes, getAssets, now);
  const name = envelopes.length === 1
    ? entries.find((e) => e.name.endsWith('.md')).name.replace(/\.md$/, '.zip')
    : fallbackName(now) + '.zip';
  return { name, blob: await zipBlob(entries) };
}
