// Moving a library in and out: the library's exports of captures, a full
// backup, and importing either (or a plain export of articles, from this
// browser or another) back into the store.
//
// A backup is one JSON Lines file: a header line (barg.backup/1), then each
// capture's envelope (barg.capture/1), each followed by one line per image
// kept with it (barg.image/1: its manifest file name, source, type, size,
// SHA-256 and bytes in base64), so that restoring it on another browser
// brings the images back too. It is written and read a line at a time: the
// backup is built as a Blob of parts (which browsers keep on disk when it
// grows large), reading entries a few at a time, and restoring streams the
// file, writing captures in batches of at most IMPORT_BATCH captures or
// IMPORT_BATCH_BYTES of images, so neither holds the library in memory.
// Backups written before images were kept are the same file without image
// lines, and restore as they did.
//
// Parsing is pure and checks every item before anything is written: a file
// that is not Barg's gives a clear error and changes nothing, and a bad line
// in a JSON Lines file is reported by number while the good ones come in.
// Duplicates (a capture id already in the library, or a plain article whose
// text an entry already has) are skipped and counted, so importing the same
// file twice adds nothing.

import { exportItems, importItems, backupEntries, entryItems, getAssets, sha256 } from './store.js';
import { captureEnvelope, toJSON, toJSONLines, backupHeader, jsonLine, SCHEMA, CAPTURE_SCHEMA, BACKUP_SCHEMA, IMAGE_SCHEMA } from '../export/json.js';
import { keptFiles, fileNumber } from './assets.js';

/** The largest JSON (not JSON Lines) file import reads whole (characters). */
export const MAX_IMPORT_CHARS = 512 * 1024 * 1024;
/** The longest line of a JSON Lines file import reads (characters): an 8 MB image in base64 is 11 M. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;
/** At most this many captures, */
export const IMPORT_BATCH = 100;
/** or this many bytes of images, are held before they are written. */
export const IMPORT_BATCH_BYTES = 32 * 1024 * 1024;

/**
 * The import items in a file's text: a JSON array or object, or JSON Lines,
 * of barg.capture/1 envelopes, barg.article/1 articles, or a backup.
 * @param {string} text
 * @returns {{items: {record: object, entry?: object}[], errors: string[], backup: boolean}}
 */
export function parseImport(text) {
  if (typeof text !== 'string') throw new Error('not a text file');
  if (text.length > MAX_IMPORT_CHARS) throw new Error('file too large to import');
  const src = text.replace(/^\uFEFF/, '');
  const trimmed = src.trim();
  if (!trimmed) throw new Error('the file is empty');
  /** @type {{value: any, where: string}[]} */
  let values = [];
  const errors = [];
  let whole;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined;
  }
  if (Array.isArray(whole)) {
    values = whole.map((value, i) => ({ value, where: 'item ' + (i + 1) }));
  } else if (whole && typeof whole === 'object') {
    values = [{ value: whole, where: 'item 1' }];
  } else {
    const lines = src.split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        values.push({ value: JSON.parse(line), where: 'line ' + (i + 1) });
      } catch {
        errors.push('line ' + (i + 1) + ': not JSON');
      }
    });
  }
  const c = new Collector();
  c.errors.push(...errors);
  for (const { value, where } of values) c.add(value, where);
  if (!c.items.length && c.errors.length) throw new Error('no Barg article in the file (' + c.errors[0] + ')');
  return { items: c.items, errors: c.errors, backup: c.backup };
}

/**
 * Turns parsed values into import items, one at a time: captures and
 * articles become items, a backup's image lines join the item of the
 * capture they follow (store.importItems stores them with it), anything
 * else is an error naming where it was.
 */
class Collector {
  constructor() {
    /** @type {{record: object, entry?: object, images?: object}[]} */
    this.items = [];
    /** @type {Map<string, object>} the items collected by capture id, for their image lines */
    this.byId = new Map();
    this.errors = [];
    this.backup = false;
    /** @type {object|null} the backup's header line */
    this.header = null;
    /** bytes of images held in items */
    this.imageBytes = 0;
  }

  add(value, where) {
    if (value && value.schema === BACKUP_SCHEMA) {
      this.backup = true;
      this.header = value;
      return;
    }
    if (value && value.schema === IMAGE_SCHEMA) {
      const err = this.addImage(value);
      if (err) this.errors.push(where + ': ' + err);
      return;
    }
    const item = toItem(value);
    if (!item) {
      this.errors.push(where + ': not a Barg article');
      return;
    }
    if (!this.backup) delete item.images;
    this.items.push(item);
    if (item.record.id) this.byId.set(item.record.id, item);
  }

  /** Adds an image line to its capture's item; returns what is wrong with it, or ''. */
  addImage(v) {
    const item = this.byId.get(str(v.capture));
    if (!item || !this.backup) return 'an image of a capture that is not in the file before it';
    // An envelope without a manifest: its image is kept all the same.
    if (!item.images) item.images = { kept: [], failed: [], at: '' };
    const n = Number(v.n);
    if (!Number.isInteger(n) || n < 1 || typeof v.src !== 'string' || !/^image\//.test(str(v.type)) || typeof v.data !== 'string') return 'not a Barg image';
    let bytes;
    try {
      bytes = fromBase64(v.data);
    } catch {
      return 'an image whose bytes are not base64';
    }
    if (bytes.byteLength !== Number(v.bytes)) return 'an image cut short (' + bytes.byteLength + ' of ' + v.bytes + ' bytes)';
    if (item.images.kept.some((k) => k.n === n)) return 'an image given twice';
    item.images.kept.push({ n, src: v.src, type: v.type, data: bytes.buffer, sha256: str(v.sha256) });
    item.images.kept.sort((a, b) => a.n - b.n);
    this.imageBytes += bytes.byteLength;
    return '';
  }

  /** Hands over the items collected so far and starts afresh (errors and header stay). */
  take() {
    const out = this.items;
    this.items = [];
    this.byId = new Map();
    this.imageBytes = 0;
    return out;
  }
}

/** Bytes of a base64 string. */
export function fromBase64(s) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(s);
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** base64 of bytes. */
export function toBase64(bytes) {
  if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function isArticle(a) {
  return Boolean(a) && typeof a === 'object' && !Array.isArray(a) && typeof a.url === 'string' &&
    (a.schema === undefined || a.schema === SCHEMA) && (typeof a.text === 'string' || Array.isArray(a.blocks));
}

function str(v) {
  return typeof v === 'string' ? v : '';
}

/** An import item from one parsed value, or null when it is not Barg's. */
function toItem(v) {
  if (v && v.schema === CAPTURE_SCHEMA) {
    if (!isArticle(v.article)) return null;
    const u = v.user && typeof v.user === 'object' ? v.user : {};
    return {
      record: {
        id: str(v.id),
        capture_id: str(v.capture_id),
        entry_id: str(v.entry_id),
        captured_at: str(v.captured_at),
        selection: v.selection === true,
        article: v.article,
      },
      entry: {
        first_captured_at: str(v.first_captured_at),
        user_title: str(u.title),
        tags: Array.isArray(u.tags) ? u.tags.filter((t) => typeof t === 'string') : [],
        note: str(u.note),
      },
      // In a backup, what the capture's images were: those kept come back
      // from the image lines after it, those not kept stay listed with their
      // reasons. A plain export's manifest names files the library would not
      // have: it is left out (Collector.add).
      ...(v.assets && typeof v.assets === 'object' ? { images: {
        kept: [],
        failed: (Array.isArray(v.assets.failed) ? v.assets.failed : []).filter((f) => f && typeof f.src === 'string').map((f) => ({ src: f.src, reason: str(f.reason) })),
        at: str(v.assets.at),
      } } : {}),
    };
  }
  if (isArticle(v)) return { record: { captured_at: str(v.captured_at), article: v }, entry: {} };
  return null;
}

/**
 * Imports a file's text into the library.
 * @returns {Promise<{added: number, duplicates: number, images: number, errors: string[]}>}
 */
export async function importText(text) {
  const { items, errors } = parseImport(text);
  const { added, duplicates, images, damaged } = await importItems(items);
  return { added, duplicates, images, errors: [...errors, ...damaged.map(damagedError)] };
}

/** The error for an image left out because its bytes do not have its SHA-256. */
function damagedError({ capture, src }) {
  return 'capture ' + capture + ': an image is damaged (its bytes do not match its SHA-256), left out: ' + src;
}

/**
 * Imports a file (a File or Blob): a JSON document is read whole
 * (importText), JSON Lines (an export or a backup) a line at a time,
 * captures written in batches as they come, so a backup of any size is
 * restored in bounded memory. onProgress is called after each batch with
 * {read, size} (bytes of the file) and the counts so far.
 * @param {Blob} file
 * @param {{onProgress?: (p: {read: number, size: number, added: number, duplicates: number, images: number}) => void, batch?: number, batchBytes?: number, maxLine?: number}} [opts]
 *   batch, batchBytes and maxLine: IMPORT_BATCH, IMPORT_BATCH_BYTES and MAX_LINE_CHARS unless given (tests make them small)
 * @returns {Promise<{added: number, duplicates: number, images: number, errors: string[]}>}
 */
export async function importFile(file, { onProgress, batch = IMPORT_BATCH, batchBytes = IMPORT_BATCH_BYTES, maxLine = MAX_LINE_CHARS } = {}) {
  if (!(await isJSONLines(file))) {
    if (file.size > MAX_IMPORT_CHARS * 4) throw new Error('file too large to import');
    return importText(await file.text());
  }
  const c = new Collector();
  const total = { added: 0, duplicates: 0, images: 0 };
  let read = 0;
  const flush = async () => {
    const items = c.take();
    if (!items.length) return;
    let got;
    try {
      got = await importItems(items);
    } catch (err) {
      const msg = String((err && err.message) || err);
      throw new Error(total.added || total.duplicates ? msg + ' (captures read before its batch: ' + (total.added + total.duplicates) + ')' : msg);
    }
    total.added += got.added;
    total.duplicates += got.duplicates;
    total.images += got.images;
    for (const d of got.damaged) c.errors.push(damagedError(d));
    if (onProgress) onProgress({ read, size: file.size, ...total });
  };
  let lineNo = 0;
  const onLine = async (line) => {
    lineNo++;
    if (lineNo === 1) line = line.replace(/^\uFEFF/, '');
    if (!line.trim()) return;
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      c.errors.push('line ' + lineNo + ': not JSON');
      return;
    }
    // A capture starts: the one before it has all its images, so the batch may go.
    if (value && value.schema !== IMAGE_SCHEMA && (c.items.length >= batch || c.imageBytes >= batchBytes)) await flush();
    c.add(value, 'line ' + lineNo);
  };
  // Bytes are counted before decoding; a line is searched for its end only
  // in the chunk that arrived, its parts joined once it is whole.
  const counted = file.stream().pipeThrough(new TransformStream({
    transform(chunk, ctl) {
      read += chunk.byteLength;
      ctl.enqueue(chunk);
    },
  }));
  const reader = counted.pipeThrough(new TextDecoderStream()).getReader();
  let parts = [];
  let partChars = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let from = 0;
    let nl;
    while ((nl = value.indexOf('\n', from)) >= 0) {
      parts.push(value.slice(from, nl));
      const line = parts.length === 1 ? parts[0] : parts.join('');
      parts = [];
      partChars = 0;
      from = nl + 1;
      await onLine(line);
    }
    if (from < value.length) {
      parts.push(from ? value.slice(from) : value);
      partChars += value.length - from;
    }
    if (partChars > maxLine) {
      reader.cancel().catch(() => {});
      await flush(); // what came before the line is imported
      throw new Error('line ' + (lineNo + 1) + ' is longer than ' + maxLine + ' characters: not a Barg file' + (total.added ? ' (captures imported before it: ' + total.added + ')' : ''));
    }
  }
  const rest = parts.join('');
  if (rest) await onLine(rest);
  await flush();
  if (!total.added && !total.duplicates && c.errors.length) throw new Error('no Barg article in the file (' + c.errors[0] + ')');
  return { ...total, errors: c.errors };
}

/** Whether a file is JSON Lines: its first line is a whole JSON object (a JSON array or pretty-printed object is not). */
async function isJSONLines(file) {
  const head = (await file.slice(0, 64 * 1024).text()).replace(/^\uFEFF/, '');
  const start = head.trimStart();
  if (!start.startsWith('{')) return false;
  const nl = start.indexOf('\n');
  if (nl < 0) return true; // one long line: JSON Lines, or one compact object, read the same way
  try {
    const v = JSON.parse(start.slice(0, nl));
    return Boolean(v) && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * The full backup as a Blob (JSON Lines, see the top of this file): every
 * version of every entry not deleted, with the images kept with each.
 * Entries are read BACKUP_READ at a time and the text is cut into Blob
 * parts of about a megabyte, so the page never holds the library at once.
 * onProgress is called with {captures, of} as captures are written.
 * @param {{now?: Date, onProgress?: (p: {captures: number, of: number, images: number}) => void}} [opts]
 * @returns {Promise<{blob: Blob, entries: number, captures: number, images: number}>}
 */
export async function backupBlob({ now = new Date(), onProgress } = {}) {
  const { entries, captures, images } = await backupEntries();
  const parts = [];
  let pending = '';
  const push = (line) => {
    pending += line;
    if (pending.length >= 1 << 20) {
      parts.push(new Blob([pending]));
      pending = '';
    }
  };
  push(jsonLine(backupHeader({ entries: entries.length, captures, images, now })));
  let done = 0, imagesDone = 0;
  for (let i = 0; i < entries.length; i += BACKUP_READ) {
    for (const { record, entry } of await entryItems(entries.slice(i, i + BACKUP_READ))) {
      const env = captureEnvelope(record, entry);
      push(jsonLine(env));
      for (const f of await keptFiles(env, getAssets)) {
        const bytes = new Uint8Array(f.data);
        const hash = await sha256(bytes);
        push(jsonLine({ schema: IMAGE_SCHEMA, capture: env.id, n: fileNumber(f.file), file: f.file, src: f.src, type: f.type, bytes: bytes.byteLength, sha256: hash, data: toBase64(bytes) }));
        imagesDone++;
      }
      done++;
    }
    if (onProgress) onProgress({ captures: done, of: captures, images: imagesDone });
  }
  if (pending) parts.push(new Blob([pending]));
  return { blob: new Blob(parts, { type: 'application/x-ndjson' }), entries: entries.length, captures: done, images: imagesDone };
}

/** Entries read per transaction while backing up. */
const BACKUP_READ = 20;

/** The envelopes of every version of the given entries (all when ids is omitted). */
export async function exportEnvelopes(ids) {
  return (await exportItems(ids)).map(({ record, entry }) => captureEnvelope(record, entry));
}

/**
 * The text of an export of entries in "json" or "jsonl" (every version), or
 * "backup": the backup's text (backupBlob), images included.
 */
export async function exportText(format, ids, now = new Date()) {
  if (format === 'backup') return (await backupBlob({ now })).blob.text();
  const env = await exportEnvelopes(ids);
  return format === 'json' ? toJSON(env) : toJSONLines(env);
}
