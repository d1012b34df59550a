// Images kept with an article, when the user turned on "Keep images with
// the article" in the settings: which images an article has, fetching them
// within fixed bounds, and what the library then stores (lib/store.js
// attachAssets). The reader shows the stored copies; exports carry them.
//
// Bounds, so that one capture never costs more than a moment and a few
// megabytes: at most LIMITS.images images, LIMITS.imageBytes each and
// LIMITS.articleBytes in all, LIMITS.imageMs per image and LIMITS.totalMs
// for the whole article. Only real raster images are kept: the response
// must say image/* and its first bytes must be a JPEG, PNG, GIF, WebP, AVIF,
// BMP or ICO; the stored type is the one the bytes show, never the server's.
// SVG is never kept (it can carry scripts): it is listed as not kept.
//
// Every image that is not kept is listed with its reason, never dropped in
// silence. Fetches send no cookies and no referrer.
//
// Pure apart from the fetch and storage handed in, so node tests run it.

/** Where the setting lives in storage.local: {keep: boolean}. Off unless the user turned it on. */
export const IMAGES_KEY = 'images';

/** The host permissions fetching images from any site needs (optional ones, asked for when the setting is turned on). */
export const IMAGE_ORIGINS = ['https://*/*', 'http://*/*'];

/** The bounds of one article's images. */
export const LIMITS = Object.freeze({
  images: 40,
  imageBytes: 8 * 1024 * 1024,
  articleBytes: 20 * 1024 * 1024,
  imageMs: 15_000,
  totalMs: 30_000,
  parallel: 3,
});

/**
 * Why an image was not kept, as stored in a record's assets.failed[].reason:
 *   no_permission  Barg may not read that site (the permission was refused or taken back)
 *   http_NNN       the server answered with that status
 *   not_image      the answer is not an image (its type or its bytes)
 *   svg            an SVG image, which Barg does not keep
 *   too_large      over LIMITS.imageBytes
 *   article_limit  the article's images reached LIMITS.articleBytes
 *   too_many       past the first LIMITS.images images
 *   timeout        no whole answer in time
 *   network        no answer (offline, refused, blocked)
 *   storage_full   fetched, but the browser's storage for Barg is full
 */
export const REASONS = ['no_permission', 'not_image', 'svg', 'too_large', 'article_limit', 'too_many', 'timeout', 'network', 'storage_full'];

/** Whether the user wants images kept (storage.local "images".keep). */
export async function readKeepImages(storage = globalThis.chrome?.storage?.local) {
  try {
    const got = await storage.get(IMAGES_KEY);
    return Boolean(got && got[IMAGES_KEY] && got[IMAGES_KEY].keep === true);
  } catch {
    return false;
  }
}

/** A URL as an absolute http(s) URL without its fragment, or '' for anything else. */
function httpURL(src) {
  try {
    const u = new URL(String(src || ''));
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
    u.hash = '';
    return u.href;
  } catch {
    return '';
  }
}

/**
 * The images of an article worth keeping, each once, in order: the lead
 * image, then the figures of the body. Only http(s) images (data: and
 * other schemes are not fetched: the reader does not show them either).
 * @returns {string[]} absolute URLs
 */
export function imageSources(article) {
  const out = [];
  const add = (src) => {
    const u = httpURL(src);
    if (u && !out.includes(u)) out.push(u);
  };
  if (article && article.image && typeof article.image === 'object') add(article.image.src);
  for (const b of (article && Array.isArray(article.blocks) ? article.blocks : [])) {
    if (b && b.type === 'figure') add(b.src);
  }
  return out;
}

/**
 * The image type the first bytes show ("image/jpeg", …), "svg" for what
 * looks like SVG or XML, or "" for anything else.
 * @param {Uint8Array} b
 */
export function sniffImage(b) {
  const at = (i, ...xs) => xs.every((x, j) => b[i + j] === x);
  const ascii = (i, s) => [...s].every((c, j) => b[i + j] === c.charCodeAt(0));
  if (b.length >= 3 && at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (b.length >= 8 && at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (b.length >= 6 && (ascii(0, 'GIF87a') || ascii(0, 'GIF89a'))) return 'image/gif';
  if (b.length >= 12 && ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (b.length >= 12 && ascii(4, 'ftyp') && (ascii(8, 'avif') || ascii(8, 'avis'))) return 'image/avif';
  if (b.length >= 2 && ascii(0, 'BM')) return 'image/bmp';
  if (b.length >= 4 && at(0, 0, 0, 1, 0)) return 'image/x-icon';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 256)).replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (head.startsWith('<svg') || head.startsWith('<?xml') || (head.startsWith('<!doctype svg'))) return 'svg';
  return '';
}

/** A file extension for a stored image type. */
export function extensionOf(type) {
  return { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif', 'image/bmp': 'bmp', 'image/x-icon': 'ico' }[type] || 'bin';
}

/** The host-permission pattern covering src ("https://img.example/*"). */
export function originPattern(src) {
  const u = new URL(src);
  return u.protocol + '//' + u.hostname + '/*';
}

class Skip extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
}

/**
 * Fetches the images at srcs within LIMITS.
 * @param {string[]} srcs absolute http(s) URLs (imageSources)
 * @param {{
 *   fetch?: typeof fetch,
 *   hasPermission?: (pattern: string) => Promise<boolean>,
 *   limits?: Partial<typeof LIMITS>,
 * }} [deps]
 * @returns {Promise<{kept: {src: string, type: string, data: ArrayBuffer}[], failed: {src: string, reason: string}[]}>}
 *   kept in the order of srcs; every src is in exactly one of the two lists
 */
export async function fetchImages(srcs, deps = {}) {
  const lim = { ...LIMITS, ...(deps.limits || {}) };
  const doFetch = deps.fetch || globalThis.fetch.bind(globalThis);
  const results = new Array(srcs.length);
  const all = new AbortController();
  const allTimer = setTimeout(() => all.abort(), lim.totalMs);
  let used = 0; // bytes read so far, across the article
  let next = 0;

  async function one(src) {
    if (deps.hasPermission && !(await deps.hasPermission(originPattern(src)).catch(() => false))) throw new Skip('no_permission');
    if (all.signal.aborted) throw new Skip('timeout');
    const ctl = new AbortController();
    const stop = () => ctl.abort();
    all.signal.addEventListener('abort', stop);
    const timer = setTimeout(stop, lim.imageMs);
    try {
      let res;
      try {
        res = await doFetch(src, { signal: ctl.signal, credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow' });
      } catch (err) {
        throw new Skip(ctl.signal.aborted ? 'timeout' : 'network');
      }
      if (!res.ok) throw new Skip('http_' + res.status);
      const ctype = String(res.headers.get('content-type') || '').toLowerCase().trim();
      if (ctype.startsWith('image/svg')) throw new Skip('svg');
      if (!ctype.startsWith('image/')) throw new Skip('not_image');
      const declared = Number(res.headers.get('content-length'));
      if (declared > lim.imageBytes) throw new Skip('too_large');
      if (declared > lim.articleBytes - used) throw new Skip('article_limit');
      const data = await readCapped(res, ctl, lim, () => used, (n) => { used += n; });
      const type = sniffImage(new Uint8Array(data, 0, Math.min(data.byteLength, 256)));
      if (type === 'svg') throw new Skip('svg');
      if (!type) throw new Skip('not_image');
      return { src, type, data };
    } finally {
      clearTimeout(timer);
      all.signal.removeEventListener('abort', stop);
    }
  }

  async function worker() {
    while (next < srcs.length) {
      const i = next++;
      const src = srcs[i];
      if (i >= lim.images) {
        results[i] = { src, reason: 'too_many' };
        continue;
      }
      try {
        results[i] = await one(src);
      } catch (err) {
        results[i] = { src, reason: err instanceof Skip ? err.reason : 'network' };
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(lim.parallel, srcs.length)) }, worker));
  } finally {
    clearTimeout(allTimer);
  }
  const kept = [], failed = [];
  for (const r of results) (r.data ? kept : failed).push(r);
  return { kept, failed };
}

/** Reads a response's body, stopping at the image's and the article's caps. */
async function readCapped(res, ctl, lim, usedNow, addUsed) {
  const chunks = [];
  let got = 0;
  const over = (n) => {
    if (got + n > lim.imageBytes) return 'too_large';
    if (usedNow() + n > lim.articleBytes) return 'article_limit';
    return '';
  };
  try {
    if (res.body && typeof res.body.getReader === 'function') {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const why = over(value.byteLength);
        if (why) {
          reader.cancel().catch(() => {});
          throw new Skip(why);
        }
        got += value.byteLength;
        addUsed(value.byteLength);
        chunks.push(value);
      }
    } else {
      const buf = new Uint8Array(await res.arrayBuffer());
      const why = over(buf.byteLength);
      if (why) throw new Skip(why);
      got = buf.byteLength;
      addUsed(got);
      chunks.push(buf);
    }
  } catch (err) {
    addUsed(-got); // an image not kept takes nothing of the article's bound
    if (err instanceof Skip) throw err;
    throw new Skip(ctl.signal.aborted ? 'timeout' : 'network');
  }
  const out = new Uint8Array(got);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}

/**
 * Keeps the images of a saved capture when the user wants them: fetches
 * them and stores them with the capture (store.attachAssets), the ones not
 * kept listed with their reasons. Does nothing when the setting is off or
 * the article has no images.
 * @param {{id: string, article: object}} record
 * @param {{
 *   store: {attachAssets: Function},
 *   storage?: {get: Function},
 *   fetch?: typeof fetch,
 *   permissions?: {contains: (p: {origins: string[]}) => Promise<boolean>},
 *   limits?: Partial<typeof LIMITS>,
 * }} deps
 * @returns {Promise<object|null>} the record's new "assets", or null when nothing was done
 */
export async function keepImages(record, deps) {
  if (!record || !record.id || !(await readKeepImages(deps.storage))) return null;
  const srcs = imageSources(record.article);
  if (!srcs.length) return null;
  const perms = deps.permissions;
  const got = await fetchImages(srcs, {
    fetch: deps.fetch,
    limits: deps.limits,
    hasPermission: perms ? (pattern) => perms.contains({ origins: [pattern] }) : undefined,
  });
  try {
    return await deps.store.attachAssets(record.id, got);
  } catch (err) {
    if (!err || (err.code !== 'quota' && err.name !== 'QuotaExceededError')) throw err;
    // No room for the images: the capture still lists each one as not kept.
    return deps.store.attachAssets(record.id, { kept: [], failed: [...got.failed, ...got.kept.map((k) => ({ src: k.src, reason: 'storage_full' }))] });
  }
}

// ---- exports ------------------------------------------------------------------

/** The path a kept image has in an export: assets/<record id>/<n>.<ext>, n its number in the capture (1-based). */
export function assetFile(recordId, n, type) {
  const safe = String(recordId).replace(/[^A-Za-z0-9_-]/g, '_');
  return 'assets/' + safe + '/' + n + '.' + extensionOf(type);
}

/**
 * The manifest of a capture's images, as exports carry it beside the
 * article: {files: [{file, src, type, bytes}], failed: [{src, reason}], at}
 * (when they were fetched),
 * file being where an export with images puts the image (assetFile); null
 * when no images were kept or listed for it.
 * @param {{id: string, assets?: {kept: {id: string, src: string, type: string, bytes: number}[], failed: {src: string, reason: string}[]}}} record
 */
export function assetManifest(record) {
  const a = record && record.assets;
  if (!a || typeof a !== 'object') return null;
  const kept = Array.isArray(a.kept) ? a.kept : [];
  return {
    files: kept.map((k, i) => ({ file: assetFile(record.id, assetNumber(k.id) || i + 1, k.type), src: k.src, type: k.type, bytes: k.bytes })),
    failed: (Array.isArray(a.failed) ? a.failed : []).map((f) => ({ src: f.src, reason: f.reason })),
    ...(a.at ? { at: a.at } : {}),
  };
}

/** The number at the end of an asset's id ("<record id>/3" → 3), 0 when none. */
export function assetNumber(id) {
  const s = String(id || '');
  return Number(s.slice(s.lastIndexOf('/') + 1)) || 0;
}

/**
 * Markdown whose image links point at the kept copies: every "](src)" (or
 * "](<src>)") of a kept image becomes "](assets/…)", relative to the
 * Markdown file at the archive's root, and so does the front matter's
 * "image:" (pointFrontMatterAt). Other links stay as they are.
 * @param {string} markdown
 * @param {{file: string, src: string}[]} files the manifest's files
 */
export function pointImagesAt(markdown, files) {
  let out = pointFrontMatterAt(String(markdown), files);
  for (const f of files) {
    for (const form of [f.src, '<' + f.src + '>', f.src.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20')]) {
      out = out.split('](' + form + ')').join('](' + f.file + ')');
    }
  }
  return out;
}

/**
 * Markdown whose YAML front matter's top-level "image:" (the lead image's
 * URL, as the default template and the built-in export write it) names the
 * kept copy instead, "assets/…", when that image is among files; any other
 * value, and Markdown without front matter, stay as they are.
 * @param {string} markdown
 * @param {{file: string, src: string}[]} files
 */
export function pointFrontMatterAt(markdown, files) {
  const m = /^(\uFEFF?---\r?\n)([\s\S]*?\r?\n)?(---(?:\r?\n|$))/.exec(markdown);
  if (!m || !m[2] || !files.length) return markdown;
  const yaml = m[2].replace(/^image:[ \t]*(\S.*?)[ \t]*(\r?)$/m, (line, raw, cr) => {
    const value = yamlScalar(raw);
    const f = value && files.find((x) => x.src === value || x.src === httpURL(value));
    return f ? 'image: ' + JSON.stringify(f.file) + cr : line;
  });
  return m[1] + yaml + markdown.slice(m[1].length + m[2].length);
}

/** The string a one-line YAML scalar stands for (double-quoted, single-quoted or plain), or '' when it is not one. */
function yamlScalar(raw) {
  if (raw.startsWith('"')) {
    if (!raw.endsWith('"') || raw.length < 2) return '';
    try {
      // YAML's escapes that JSON lacks, as Go's yamlString writes them.
      return JSON.parse(raw.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\L/g, '\\u2028').replace(/\\P/g, '\\u2029'));
    } catch {
      return '';
    }
  }
  if (raw.startsWith("'")) return raw.length >= 2 && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : '';
  return raw.replace(/[ \t]+#.*$/, '');
}

/**
 * The files of an export with images, for export/zip.js: each capture's
 * Markdown file with its image links pointing at the copies
 * (pointImagesAt), every kept image under its manifest path (assetFile),
 * and "articles.json", the JSON export of the envelopes, whose "assets"
 * manifests name those files. Images listed in a manifest but missing from
 * the library are left out of the manifest too, so it never names a file
 * the archive lacks.
 * @param {{envelope: object, markdown: {name: string, text: string}}[]} items
 *   envelopes from export/json.js captureEnvelope, Markdown as export/formats.js builds it
 * @param {(recordId: string) => Promise<{id: string, data: ArrayBuffer}[]>} getAssets lib/store.js getAssets
 * @param {(envelopes: object[]) => string} toJSON export/json.js toJSON
 * @returns {Promise<{name: string, text?: string, bytes?: Uint8Array}[]>}
 */
export async function filesWithImages(items, getAssets, toJSON) {
  const out = [];
  const taken = new Set(['articles.json']);
  const envelopes = [];
  for (const { envelope, markdown } of items) {
    let env = envelope;
    const kept = await keptFiles(env, getAssets);
    for (const f of kept) out.push({ name: f.file, bytes: new Uint8Array(f.data) });
    const files = kept.map(({ data, ...f }) => f);
    if (env.assets) env = { ...env, assets: { ...env.assets, files } };
    envelopes.push(env);
    if (markdown) out.push({ name: uniqueIn(markdown.name, taken), text: pointImagesAt(markdown.text, files) });
  }
  out.push({ name: 'articles.json', text: toJSON(envelopes) });
  return out;
}

/**
 * The files of an envelope's manifest that the library still has, each
 * with its bytes: [{file, src, type, bytes, data: ArrayBuffer}].
 * @param {{id: string, assets?: {files: {file: string}[]}}} envelope
 * @param {(recordId: string) => Promise<{id: string, data: ArrayBuffer}[]>} getAssets
 */
export async function keptFiles(envelope, getAssets) {
  const listed = envelope && envelope.assets && Array.isArray(envelope.assets.files) ? envelope.assets.files : [];
  if (!listed.length) return [];
  const stored = new Map((await getAssets(envelope.id)).map((a) => [assetNumber(a.id), a]));
  return listed.filter((f) => stored.has(fileNumber(f.file))).map((f) => ({ ...f, data: stored.get(fileNumber(f.file)).data }));
}

/** The image number in a manifest path ("assets/r/3.jpg" → 3). */
export function fileNumber(file) {
  const m = /\/(\d+)\.[a-z]+$/.exec(String(file));
  return m ? Number(m[1]) : 0;
}

/** name, or name with " (2)", " (3)"… before its extension, not yet in taken (case-insensitively). */
function uniqueIn(name, taken) {
  const dot = name.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let out = name;
  for (let i = 2; [...taken].some((x) => x.toLowerCase() === out.toLowerCase()); i++) out = base + ' (' + i + ')' + ext;
  taken.add(out);
  return out;
}
