// Moving a library in and out: the library's exports of captures, a full
// backup, and importing either (or a plain export of articles, from this
// browser or another) back into the store.
//
// Parsing is pure and checks every item before anything is written: a file
// that is not Barg's gives a clear error and changes nothing, and a bad line
// in a JSON Lines file is reported by number while the good ones come in.
// Duplicates (a capture id already in the library, or a plain article whose
// text an entry already has) are skipped and counted, so importing the same
// file twice adds nothing.

import { exportItems, importItems } from './store.js';
import { captureEnvelope, toBackup, toJSON, toJSONLines, SCHEMA, CAPTURE_SCHEMA, BACKUP_SCHEMA } from '../export/json.js';

/** The largest file import reads (characters). */
export const MAX_IMPORT_CHARS = 512 * 1024 * 1024;

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
  const items = [];
  let backup = false;
  for (const { value, where } of values) {
    if (value && value.schema === BACKUP_SCHEMA) {
      backup = true;
      continue;
    }
    const item = toItem(value);
    if (item) items.push(item);
    else errors.push(where + ': not a Barg article');
  }
  if (!items.length && errors.length) throw new Error('no Barg article in the file (' + errors[0] + ')');
  return { items, errors, backup };
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
    };
  }
  if (isArticle(v)) return { record: { captured_at: str(v.captured_at), article: v }, entry: {} };
  return null;
}

/**
 * Imports a file's text into the library.
 * @returns {Promise<{added: number, duplicates: number, errors: string[]}>}
 */
export async function importText(text) {
  const { items, errors } = parseImport(text);
  const { added, duplicates } = await importItems(items);
  return { added, duplicates, errors };
}

/** The envelopes of every version of the given entries (all when ids is omitted). */
export async function exportEnvelopes(ids) {
  return (await exportItems(ids)).map(({ record, entry }) => captureEnvelope(record, entry));
}

/** The text of an export of entries in "json" or "jsonl" (every version), or the backup. */
export async function exportText(format, ids, now = new Date()) {
  const env = await exportEnvelopes(ids);
  if (format === 'backup') return toBackup(env, now);
  return format === 'json' ? toJSON(env) : toJSONLines(env);
}
