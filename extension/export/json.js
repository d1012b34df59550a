// JSON and JSON Lines exports.
//
// Both carry the articles exactly as saved: each one is a complete
// "barg.article/1" document (see shared/article/schema.json) and names its
// schema version in its own "schema" field, so a file stays self-describing
// however it is cut or concatenated.
//
//   JSON:        one array of articles, pretty-printed, newest first
//                [ {"schema": "barg.article/1", "url": …, "blocks": […], …}, … ]
//   JSON Lines:  one article per line, compact, each line a whole JSON object
//
// The library exports each capture in an envelope, "barg.capture/1", which
// carries the article untouched beside what the library knows of it: the
// capture's id and time, the entry it is a version of, and the user's own
// words under a separate "user" object (tags, note, corrected title), so the
// article stays a valid barg.article/1 document:
//
//   {"schema": "barg.capture/1", "id": …, "capture_id": …, "entry_id": …,
//    "captured_at": …, "first_captured_at": …, "selection": false,
//    "user": {"title": "", "tags": […], "note": ""}, "article": {…}}
//
// A backup is the JSON Lines export of every capture after one header line
// {"schema": "barg.backup/1", "created_at": …, "entries": N, "captures": M,
// "images": K}, each capture followed by its kept images, one line each:
// {"schema": "barg.image/1", "capture": <capture's id>, "n": 1, "file":
// "assets/…", "src": …, "type": "image/jpeg", "bytes": …, "sha256": …,
// "data": <base64>} (lib/transfer.js writes and reads it).
//
// U+2028 and U+2029 are written as \u escapes: JSON allows them raw, but
// line-oriented readers (Python's splitlines, some editors) would split a
// record there.

import { assetManifest } from '../lib/assets.js';

/** The schema version every exported article carries. */
export const SCHEMA = 'barg.article/1';
/** The schema of a library capture's envelope. */
export const CAPTURE_SCHEMA = 'barg.capture/1';
/** The schema of a backup's header line. */
export const BACKUP_SCHEMA = 'barg.backup/1';
/** The schema of a backup's line holding one kept image (lib/transfer.js). */
export const IMAGE_SCHEMA = 'barg.image/1';

/**
 * The export envelope of one library record (a version) of entry.
 * @param {{id: string, capture_id: string, entry_id: string, captured_at: string, selection?: boolean, article: object}} record
 * @param {{id: string, first_captured_at?: string, user_title?: string, tags?: string[], note?: string}} entry
 */
export function captureEnvelope(record, entry) {
  return {
    schema: CAPTURE_SCHEMA,
    id: record.id,
    capture_id: record.capture_id,
    entry_id: entry.id,
    captured_at: record.captured_at,
    first_captured_at: entry.first_captured_at || '',
    selection: Boolean(record.selection),
    user: { title: entry.user_title || '', tags: (entry.tags || []).slice(), note: entry.note || '' },
    article: withSchema(record.article),
    // The images kept with the capture (lib/assets.js): where an export
    // with images puts each one, and those that could not be kept.
    ...(record.assets ? { assets: assetManifest(record) } : {}),
  };
}

/** A backup's header line: what it holds. */
export function backupHeader({ entries, captures, images = 0, now = new Date() }) {
  return { schema: BACKUP_SCHEMA, created_at: now.toISOString(), entries, captures, images };
}

/** One JSON Lines line of a value (no schema added), ending in "\n". */
export function jsonLine(value) {
  return escapeSeparators(JSON.stringify(value)) + '\n';
}

function withSchema(article) {
  return article && article.schema ? article : { schema: SCHEMA, ...article };
}

function escapeSeparators(s) {
  return s.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** One JSON array of the articles, ending in a newline. */
export function toJSON(articles) {
  return escapeSeparators(JSON.stringify(articles.map(withSchema), null, 2)) + '\n';
}

/** JSON Lines: one compact article object per line, each line ending in "\n". */
export function toJSONLines(articles) {
  return articles.map((a) => escapeSeparators(JSON.stringify(withSchema(a))) + '\n').join('');
}
