// The library store at schema 2 (versions, entries, a "texts" store of
// whole folded texts for search), frozen: store.test.js writes a profile
// with it and checks that lib/store.js upgrades it losing nothing.

// The library of saved articles, in IndexedDB. This module alone owns the
// database's schema and its migrations; pages and the background call it.
//
// Nothing a user saved is ever overwritten. Every capture is its own record
// in "articles" ({id, capture_id, entry_id, captured_at, selection, hash,
// article}); captures of the same article are grouped as the versions of
// one library entry in "entries". Two captures belong to the same entry when
// they share the library key (canonical URL, else URL, without fragment)
// AND their leads (or, lacking leads, their titles) are substantially the
// same: two different articles that a broken site gives one canonical URL
// stay two entries. A capture whose text equals the entry's newest version
// adds nothing and is reported as unchanged.
//
// An entry holds what the library lists (title, site, dates, the list of
// its versions, the user's tags, note and corrected title), so listing
// thousands of entries never reads an article body. "texts" holds each
// entry's folded title and text of its newest version, for search, so that
// searching reads neither blocks nor old versions. Opening an entry reads
// the entry and the one version shown.
//
// Deleting is in two steps: deleteEntries marks entries deleted (they leave
// every list at once, and restoreEntries brings them back); purgeDeleted
// removes them for good once the undo period is over.
//
// Schema versions:
//   1  "articles" keyed by library key (one record per URL, replaced on
//      re-capture) + "summaries".
//   2  "articles" one record per capture (indexes entry_id, capture_id),
//      "entries" (index key), "texts"; "summaries" dropped. The upgrade turns
//      each v1 record into an entry of one version with the same id, inside
//      the upgrade transaction: it completes whole or not at all.

const DB_NAME = 'barg';
export const DB_VERSION = 2;

/** Separates title and text in a search string, so no query matches across the two. */
export const SEARCH_SEP = '\u0000';

/** Words of a capture's text compared to decide whether two captures are one article. */
const LEAD_WORDS = 80;

/** @type {Promise<IDBDatabase>|null} */
let opening = null;

/** Opens (and on first use creates or upgrades) the database. */
export function openDB() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = (e) => upgrade(req.result, req.transaction, e.oldVersion);
      req.onsuccess = () => {
        const db = req.result;
        // A newer version opened elsewhere (an updated extension page): let it
        // upgrade, and open again on next use.
        db.onversionchange = () => { db.close(); opening = null; };
        resolve(db);
      };
      req.onerror = () => { opening = null; reject(req.error); };
      req.onblocked = () => console.warn('barg: store: upgrade waits for another page to close the library');
    });
  }
  return opening;
}

/** Closes the database (tests reopen it). */
export async function closeDB() {
  if (!opening) return;
  const p = opening;
  opening = null;
  try { (await p).close(); } catch { /* it never opened */ }
}

function upgrade(db, tx, oldVersion) {
  if (oldVersion < 1) {
    db.createObjectStore('articles', { keyPath: 'id' });
  }
  if (oldVersion < 2) {
    const articles = tx.objectStore('articles');
    articles.createIndex('entry_id', 'entry_id');
    articles.createIndex('capture_id', 'capture_id');
    const entries = db.createObjectStore('entries', { keyPath: 'id' });
    entries.createIndex('key', 'key');
    db.createObjectStore('texts', { keyPath: 'id' });
    if (db.objectStoreNames.contains('summaries')) db.deleteObjectStore('summaries');
    // Each v1 record becomes an entry of one version, under the same id, so
    // that links to it and the upload outbox's references keep working.
    articles.openCursor().onsuccess = (ev) => {
      const c = ev.target.result;
      if (!c) return;
      const old = c.value;
      const selection = String(old.id).includes('#selection-');
      const rec = {
        id: old.id,
        capture_id: old.capture_id || crypto.randomUUID(),
        entry_id: old.id,
        captured_at: old.captured_at || (old.article && old.article.captured_at) || '',
        selection,
        hash: textHash((old.article && old.article.text) || ''),
        article: old.article || {},
      };
      c.update(rec);
      const entry = buildEntry(
        { id: old.id, key: keyOf(rec.article, selection), first_captured_at: old.first_captured_at || rec.captured_at },
        [rec],
      );
      tx.objectStore('entries').put(entry);
      tx.objectStore('texts').put(searchText(entry, rec.article));
      c.continue();
    };
  }
}

// ---- keys, hashes and likeness --------------------------------------------

/**
 * The library key of an article: its canonical URL (else its URL) without
 * the fragment. Captures are grouped only among entries of one key.
 */
export function articleKey(article) {
  const raw = article.canonical_url || article.url || '';
  try {
    const u = new URL(raw);
    u.hash = '';
    return u.href;
  } catch {
    return raw;
  }
}

/** The key of a captured selection: selections group among themselves, apart from the page. */
export function selectionKey(article) {
  return articleKey(article) + '#selection';
}

function keyOf(article, selection) {
  return selection ? selectionKey(article) : articleKey(article);
}

/** A 53-bit hash of a text (cyrb53), as hex: a quick "is it the same text" before comparing. */
export function textHash(s) {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16) + ':' + s.length;
}

/**
 * Folds text for search: lower case, ZWNJ and kashida removed, Arabic yeh
 * and kaf as Persian, so "میشود" finds "می‌شود" and "كتاب" finds "کتاب".
 */
export function foldForSearch(s) {
  return String(s || '').toLocaleLowerCase().replace(/[\u200c\u0640]/g, '').replace(/[يى]/g, 'ی').replace(/ك/g, 'ک');
}

/** The folded words of s (letters and digits), at most max of them. */
export function words(s, max = Infinity) {
  const out = [];
  for (const m of foldForSearch(s).matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    out.push(m[0]);
    if (out.length >= max) break;
  }
  return out;
}

/** Dice coefficient of two word lists taken as sets: 1 same words, 0 none shared. */
export function likeness(a, b) {
  if (!a.length || !b.length) return 0;
  const sa = new Set(a), sb = new Set(b);
  let shared = 0;
  for (const w of sa) if (sb.has(w)) shared++;
  return (2 * shared) / (sa.size + sb.size);
}

/** What is compared to group captures: the title's words and the first words of the text. */
export function matchOf(article) {
  return { title: words(article.title || '', 40), lead: words(article.lead || article.text || '', LEAD_WORDS) };
}

/**
 * How much a capture looks like the entry's newest version, 0 when it is
 * another article. Leads decide when both have one: half their words in
 * common, or a quarter with a nearly equal title (an edit that rewrote the
 * opening). Without leads the titles must be nearly equal. Two articles of a
 * site that gives every page the same title differ in their leads.
 */
export function sameArticle(m1, m2) {
  const title = likeness(m1.title, m2.title);
  if (m1.lead.length && m2.lead.length) {
    const lead = likeness(m1.lead, m2.lead);
    if (lead >= 0.5 || (lead >= 0.25 && title >= 0.8)) return lead + title / 10;
    return 0;
  }
  return title >= 0.8 ? title : 0;
}

// ---- entries ----------------------------------------------------------------

/** Tags as the user typed them: trimmed, without "#", empty ones and repeats dropped. */
export function cleanTags(tags) {
  const list = Array.isArray(tags) ? tags : String(tags || '').split(/[,،\n]/);
  const out = [];
  for (let tag of list) {
    tag = String(tag).replace(/\s+/g, ' ').trim().replace(/^#+\s*/, '').slice(0, 100);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

function hostOf(url) {
  try { return new URL(url).hostname; } catch { return ''; }
}

function byNewest(a, b) {
  return a.captured_at < b.captured_at ? 1 : a.captured_at > b.captured_at ? -1 : (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * The entry for versions (records, any order; the newest gives the
 * listed fields), keeping base's id, key, first capture time, the user's
 * words and deletion mark.
 */
function buildEntry(base, records) {
  const recs = records.slice().sort(byNewest);
  const newest = recs[0];
  const a = newest.article || {};
  const oldest = recs[recs.length - 1].captured_at;
  const userTitle = base.user_title || '';
  return {
    id: base.id,
    key: base.key,
    selection: Boolean(newest.selection),
    title: userTitle || a.title || a.url || '',
    extracted_title: a.title || '',
    user_title: userTitle,
    tags: cleanTags(base.tags || []),
    note: base.note || '',
    url: a.url || '',
    site: a.site_name || hostOf(a.url),
    lang: a.lang || '',
    dir: a.dir || '',
    published: a.published || '',
    words: a.word_count || 0,
    captured_at: newest.captured_at,
    first_captured_at: base.first_captured_at && base.first_captured_at < oldest ? base.first_captured_at : oldest,
    newest: newest.id,
    versions: recs.map((r) => ({
      id: r.id,
      capture_id: r.capture_id,
      captured_at: r.captured_at,
      words: (r.article && r.article.word_count) || 0,
      title: (r.article && r.article.title) || '',
      hash: r.hash,
    })),
    match: matchOf(a),
    deleted_at: base.deleted_at || '',
  };
}

/** The search string of an entry: folded title, then text of its newest version. */
function searchText(entry, article) {
  return { id: entry.id, text: foldForSearch(article.title || '') + SEARCH_SEP + foldForSearch(article.text || '') };
}

// ---- transactions -------------------------------------------------------------

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(friendly(tx.error));
    tx.onerror = () => reject(friendly(tx.error));
  });
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(friendly(req.error));
  });
}

/** Turns a quota error into one a person can read; other errors pass through. */
function friendly(err) {
  if (err && err.name === 'QuotaExceededError') {
    const e = new Error('storage is full');
    e.code = 'quota';
    return e;
  }
  return err;
}

const ALL = ['articles', 'entries', 'texts'];

/** The records of the versions an entry lists. */
async function versionRecords(articles, entry) {
  const out = [];
  for (const v of entry.versions) {
    const r = await request(articles.get(v.id));
    if (r) out.push(r);
  }
  return out;
}

/**
 * Adds record to the library inside tx: to entry when given (merging the
 * user's words from user), else to a new entry.
 */
async function addRecord(tx, record, entry, base) {
  const articles = tx.objectStore('articles');
  articles.put(record);
  let next;
  if (entry) {
    // Only the listed fields of the other versions are needed; their bodies
    // are read only when the new record is not the newest (an import).
    const isNewest = !entry.versions.length || byNewest(record, entry.versions[0]) < 0;
    const recs = entry.versions.map((v) => ({ id: v.id, capture_id: v.capture_id, captured_at: v.captured_at, hash: v.hash, selection: entry.selection,
      article: { word_count: v.words, title: v.title } }));
    recs.push(record);
    if (isNewest) {
      next = buildEntry({ ...entry, ...base }, recs);
    } else {
      const newest = await request(articles.get(entry.newest));
      const full = recs.map((r) => (r.id === entry.newest && newest ? newest : r));
      next = buildEntry({ ...entry, ...base }, full);
      next.match = entry.match;
      tx.objectStore('entries').put(next);
      return next; // the search text stays the newest version's
    }
  } else {
    next = buildEntry(base, [record]);
  }
  tx.objectStore('entries').put(next);
  tx.objectStore('texts').put(searchText(next, record.article));
  return next;
}

/** The entry a new capture of article belongs to, among entries (of one key), or null. */
function bestEntry(entries, article) {
  const m = matchOf(article);
  let best = null, score = 0;
  for (const e of entries) {
    if (e.deleted_at) continue;
    const s = sameArticle(e.match, m);
    if (s > score) { best = e; score = s; }
  }
  return best;
}

/**
 * Saves a captured article as a new version: of the entry it belongs to,
 * else of a new entry. A capture identical to that entry's newest version
 * adds nothing. Every capture gets a new capture_id (the upload's
 * idempotency key), which is also its record id.
 * @param {object} article
 * @param {{selection?: boolean, capturedAt?: string}} [opts]
 * @returns {Promise<{record: object, entry: object, updated: boolean, unchanged: boolean, since?: string}>}
 *   updated: a version was added to an existing entry; unchanged: nothing
 *   was added (record is the newest version, since its capture time).
 */
export async function saveArticle(article, { selection = false, capturedAt } = {}) {
  const db = await openDB();
  const tx = db.transaction(ALL, 'readwrite');
  const committed = done(tx);
  const key = keyOf(article, selection);
  const text = String(article.text || '');
  const hash = textHash(text);
  let out;
  try {
    const candidates = await request(tx.objectStore('entries').index('key').getAll(key));
    const entry = bestEntry(candidates, article);
    if (entry && entry.versions[0] && entry.versions[0].hash === hash) {
      const newest = await request(tx.objectStore('articles').get(entry.versions[0].id));
      if (newest && String(newest.article.text || '') === text) {
        out = { record: newest, entry, updated: false, unchanged: true, since: newest.captured_at };
      }
    }
    if (!out) {
      const id = crypto.randomUUID();
      const record = {
        id,
        capture_id: id,
        // A new entry takes the id of its first capture: a link to that
        // capture and to the entry are then one.
        entry_id: entry ? entry.id : id,
        captured_at: capturedAt || article.captured_at || new Date().toISOString(),
        selection: Boolean(selection),
        hash,
        article,
      };
      const next = await addRecord(tx, record, entry, entry ? {} : { id: record.entry_id, key });
      out = { record, entry: next, updated: Boolean(entry), unchanged: false };
    }
  } catch (err) {
    try { tx.abort(); } catch { /* already over */ }
    await committed.catch(() => {});
    throw err;
  }
  await committed;
  return out;
}

/** The record of one capture (a version) by id, or undefined. */
export async function getArticle(id) {
  const db = await openDB();
  return request(db.transaction('articles').objectStore('articles').get(id));
}

/** Full records for the given ids (missing ids are skipped), or all when ids is omitted. */
export async function getArticles(ids) {
  const db = await openDB();
  const store = db.transaction('articles').objectStore('articles');
  if (!ids) return request(store.getAll());
  const out = [];
  for (const id of ids) {
    const r = await request(store.get(id));
    if (r) out.push(r);
  }
  return out;
}

/** The entry with this id, or undefined (deleted ones too: see deleted_at). */
export async function getEntry(id) {
  const db = await openDB();
  return request(db.transaction('entries').objectStore('entries').get(id));
}

/**
 * The entry of an id that names an entry or one of its versions (links
 * from before versions, capture results), or undefined.
 */
export async function findEntry(id) {
  const db = await openDB();
  const tx = db.transaction(['entries', 'articles']);
  const e = await request(tx.objectStore('entries').get(id));
  if (e) return e;
  const r = await request(tx.objectStore('articles').get(id));
  return r ? request(tx.objectStore('entries').get(r.entry_id)) : undefined;
}

/**
 * Entries not deleted, newest capture first, filtered by site, language
 * and tag, and by a query matched (folded) against titles, text, tags and
 * note. The library page keeps its own search index (library/search.js);
 * this is for the background and tests.
 * @param {{query?: string, site?: string, lang?: string, tag?: string}} [filter]
 */
export async function listEntries(filter = {}) {
  const db = await openDB();
  let rows = await request(db.transaction('entries').objectStore('entries').getAll());
  rows = rows.filter((r) => !r.deleted_at);
  if (filter.site) rows = rows.filter((r) => r.site === filter.site);
  if (filter.lang) rows = rows.filter((r) => r.lang === filter.lang);
  if (filter.tag) rows = rows.filter((r) => r.tags.includes(filter.tag));
  const q = foldForSearch((filter.query || '').trim());
  if (q) {
    const texts = new Map((await searchTexts()).map((x) => [x.id, x.text]));
    rows = rows.filter((r) => (texts.get(r.id) || '').includes(q) || userMatches(r, q));
  }
  rows.sort(byNewest);
  return rows;
}

/** Whether the user's own words on an entry (title, tags, note) contain the folded query. */
export function userMatches(entry, q) {
  return foldForSearch(entry.user_title).includes(q) || foldForSearch(entry.note).includes(q) ||
    entry.tags.some((t) => foldForSearch(t).includes(q));
}

/** The library's entries (an older name kept for callers and tests). */
export const listArticles = listEntries;

/** Every entry's search string {id, text} (folded title, SEARCH_SEP, folded text of the newest version). */
export async function searchTexts() {
  const db = await openDB();
  return request(db.transaction('texts').objectStore('texts').getAll());
}

/**
 * Sets the user's words on an entry: any of title (the corrected title; ""
 * gives back the extracted one), tags (list or comma-separated) and note.
 * @returns {Promise<object>} the entry
 */
export async function updateEntry(id, { title, tags, note } = {}) {
  const db = await openDB();
  const tx = db.transaction(['entries'], 'readwrite');
  const committed = done(tx);
  const entries = tx.objectStore('entries');
  const e = await request(entries.get(id));
  if (!e) {
    tx.abort();
    await committed.catch(() => {});
    throw new Error('no such entry: ' + id);
  }
  if (title !== undefined) {
    e.user_title = String(title).trim() === e.extracted_title ? '' : String(title).trim();
    e.title = e.user_title || e.extracted_title || e.url;
  }
  if (tags !== undefined) e.tags = cleanTags(tags);
  if (note !== undefined) e.note = String(note);
  entries.put(e);
  await committed;
  return e;
}

/** Adds tags to entries, keeping theirs. */
export async function addTags(ids, tags) {
  const add = cleanTags(tags);
  const db = await openDB();
  const tx = db.transaction(['entries'], 'readwrite');
  const committed = done(tx);
  const entries = tx.objectStore('entries');
  for (const id of ids) {
    const e = await request(entries.get(id));
    if (!e) continue;
    e.tags = cleanTags([...e.tags, ...add]);
    entries.put(e);
  }
  await committed;
}

/**
 * Marks entries deleted: they leave every list at once and come back with
 * restoreEntries until purgeDeleted removes them.
 */
export async function deleteEntries(ids, now = new Date()) {
  await markDeleted(ids, now.toISOString());
}

/** Brings back entries deleted with deleteEntries and not yet purged. */
export async function restoreEntries(ids) {
  await markDeleted(ids, '');
}

async function markDeleted(ids, when) {
  const db = await openDB();
  const tx = db.transaction(['entries'], 'readwrite');
  const committed = done(tx);
  const entries = tx.objectStore('entries');
  for (const id of ids) {
    const e = await request(entries.get(id));
    if (!e) continue;
    e.deleted_at = when;
    entries.put(e);
  }
  await committed;
}

/**
 * Removes for good the entries deleted at or before the given time, with
 * every version of them. Returns how many entries went.
 */
export async function purgeDeleted(before = new Date()) {
  const limit = before.toISOString();
  const db = await openDB();
  const tx = db.transaction(ALL, 'readwrite');
  const committed = done(tx);
  const gone = (await request(tx.objectStore('entries').getAll())).filter((e) => e.deleted_at && e.deleted_at <= limit);
  for (const e of gone) await removeEntry(tx, e.id);
  await committed;
  return gone.length;
}

async function removeEntry(tx, id) {
  const articles = tx.objectStore('articles');
  const keys = await request(articles.index('entry_id').getAllKeys(id));
  for (const k of keys) articles.delete(k);
  tx.objectStore('entries').delete(id);
  tx.objectStore('texts').delete(id);
}

/**
 * Removes one capture (the notice's Undo right after capturing). Its entry
 * goes with it when it was the only version; otherwise the entry shows its
 * newest remaining version again.
 * @returns {Promise<boolean>} whether there was such a capture
 */
export async function removeCapture(id) {
  const db = await openDB();
  const tx = db.transaction(ALL, 'readwrite');
  const committed = done(tx);
  const articles = tx.objectStore('articles');
  const rec = await request(articles.get(id));
  if (!rec) {
    await committed;
    return false;
  }
  const entry = await request(tx.objectStore('entries').get(rec.entry_id));
  articles.delete(id);
  if (entry) {
    const rest = entry.versions.filter((v) => v.id !== id);
    if (!rest.length) {
      tx.objectStore('entries').delete(entry.id);
      tx.objectStore('texts').delete(entry.id);
    } else {
      const recs = await versionRecords(articles, { versions: rest });
      if (recs.length) {
        const next = buildEntry(entry, recs);
        tx.objectStore('entries').put(next);
        tx.objectStore('texts').put(searchText(next, recs.slice().sort(byNewest)[0].article));
      }
    }
  }
  await committed;
  return true;
}

// ---- import and backup -------------------------------------------------------------

/**
 * Every version of the given entries (all entries not deleted when ids is
 * omitted) as export items {record, entry}, entries newest first and each
 * entry's versions newest first.
 */
export async function exportItems(ids) {
  const db = await openDB();
  const tx = db.transaction(['entries', 'articles']);
  const entries = tx.objectStore('entries');
  const articles = tx.objectStore('articles');
  let list;
  if (ids) {
    list = [];
    for (const id of ids) {
      const e = await request(entries.get(id));
      if (e) list.push(e);
    }
  } else {
    list = (await request(entries.getAll())).filter((e) => !e.deleted_at);
  }
  list.sort(byNewest);
  const out = [];
  for (const e of list) {
    for (const r of await versionRecords(articles, e)) out.push({ record: r, entry: e });
  }
  return out;
}

/**
 * Imports captures: items of {record: {id?, capture_id, entry_id?,
 * captured_at, selection?, article}, entry?: {id, first_captured_at,
 * user_title, tags, note}}. A capture whose capture_id is already in the
 * library is skipped as a duplicate. One with an entry id joins that entry
 * (created when missing, with the item's first capture time and the user's
 * words; an existing entry keeps its words and gains the new tags, and a
 * different note is added below its own). One without (a plain article)
 * is grouped as a fresh capture would be, and skipped when identical.
 * @returns {Promise<{added: number, duplicates: number}>}
 */
export async function importItems(items) {
  const db = await openDB();
  let added = 0, duplicates = 0;
  const CHUNK = 100;
  for (let i = 0; i < items.length; i += CHUNK) {
    const tx = db.transaction(ALL, 'readwrite');
    const committed = done(tx);
    try {
      for (const item of items.slice(i, i + CHUNK)) {
        if (await importOne(tx, item)) added++;
        else duplicates++;
      }
    } catch (err) {
      try { tx.abort(); } catch { /* already over */ }
      await committed.catch(() => {});
      throw err;
    }
    await committed;
  }
  return { added, duplicates };
}

async function importOne(tx, { record: r, entry: u = {} }) {
  const articles = tx.objectStore('articles');
  const entries = tx.objectStore('entries');
  const article = r.article;
  const text = String(article.text || '');
  const hash = textHash(text);
  const selection = Boolean(r.selection);
  if (r.capture_id && (await request(articles.index('capture_id').count(r.capture_id)))) return false;
  let entry;
  if (r.entry_id) {
    entry = await request(entries.get(r.entry_id));
  } else {
    entry = bestEntry(await request(entries.index('key').getAll(keyOf(article, selection))), article);
    if (entry && entry.versions.some((v) => v.hash === hash)) return false;
  }
  const captureId = r.capture_id || crypto.randomUUID();
  let id = r.id || captureId;
  if (await request(articles.count(id))) id = captureId === id ? crypto.randomUUID() : captureId;
  const record = {
    id,
    capture_id: captureId,
    entry_id: entry ? entry.id : (r.entry_id || id),
    captured_at: r.captured_at || article.captured_at || new Date().toISOString(),
    selection,
    hash,
    article,
  };
  let base;
  if (entry) {
    base = { tags: cleanTags([...entry.tags, ...cleanTags(u.tags || [])]) };
    if (u.note && u.note !== entry.note && !entry.note.includes(u.note)) base.note = entry.note ? entry.note + '\n\n' + u.note : u.note;
    if (!entry.user_title && u.user_title) base.user_title = u.user_title;
    if (u.first_captured_at && u.first_captured_at < entry.first_captured_at) base.first_captured_at = u.first_captured_at;
  } else {
    base = {
      id: record.entry_id,
      key: keyOf(article, selection),
      first_captured_at: u.first_captured_at || '',
      user_title: u.user_title || '',
      tags: u.tags || [],
      note: u.note || '',
    };
  }
  await addRecord(tx, record, entry, base);
  return true;
}
