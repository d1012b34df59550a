// The library store at schema 5 (the search index as words in 16 shards of
// strings), as main shipped it at 6e1788a, frozen: store.test.js writes a
// profile with it and checks that lib/store.js upgrades it to the newest schema
// (word ids) losing nothing.

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
// thousands of entries never reads an article body. Opening an entry reads
// the entry and the one version shown.
//
// Search has its own compact index, kept up to date at save time: for each
// entry, the distinct folded words of its newest version, and for each older
// version the words it has that no newer version has (most edits change a
// few words, so old versions cost little). The entries' records are packed
// into SEARCH_SHARDS records of the "search" store: IndexedDB reads a few
// dozen large records much faster than thousands of small ones (BENCHMARKS.md,
// "Library at archive size"), and a save rewrites only one shard.
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
//   3  "search" (the sharded word index, built from every version of every
//      entry by the upgrade); "texts" (whole folded texts of newest versions)
//      dropped. The step is idempotent: it clears and rebuilds "search" when
//      it is already there, so it can be renumbered or run again.
//   4  "assets" (indexes record_id, entry_id): the images kept with a
//      capture when the user asked for them (lib/assets.js downloads them).
//      Nothing else changes. The step creates the store only when it is
//      missing, so a profile that reached this version through another
//      branch's numbering gets it on its next upgrade, and running it again
//      changes nothing.
//   5  "search" rebuilt in 16 shards instead of 64 (reading fewer records is
//      faster, see SEARCH_SHARDS): schema 3's step run again. Nothing else.
//
// Kept images: a capture's record gains "assets" {kept: [{id, src, type,
// bytes}], failed: [{src, reason}], at} once its images were fetched, and
// each image is one record of "assets" {id, record_id, entry_id, src, type,
// bytes, data (ArrayBuffer)}. An image goes with its capture: Undo
// (removeCapture) and purgeDeleted remove both.

const DB_NAME = 'barg';
export const DB_VERSION = 5;

/**
 * How many records the search index is spread over (entries by a hash of
 * their id). Fewer records read faster (2,000 entries' words: 20 records
 * 0.1-0.5 s, 64 records 1.3-2.1 s, 2,000 records 2.9-5.0 s on the loaded
 * test machine, BENCHMARKS.md), more make a save rewrite less (a 2,000-entry
 * library: some 0.7 MB per save with 16). Changing it needs a schema step
 * that rebuilds the index (upgradeTo3 does).
 */
export const SEARCH_SHARDS = 16;

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
  // Steps run one after another: a step that walks a cursor calls next when
  // it is done, so the next step sees everything it wrote.
  const steps = [];
  if (oldVersion < 1) db.createObjectStore('articles', { keyPath: 'id' });
  if (oldVersion < 2) steps.push((next) => upgradeTo2(db, tx, next));
  // 3 builds the search index; 5 builds it again in SEARCH_SHARDS = 16
  // records (3 and 4 had 64): the same step, which clears what is there.
  if (oldVersion < 5) steps.push((next) => upgradeTo3(db, tx, next));
  // Guarded by the store's presence, not by oldVersion alone (see above).
  steps.push((next) => { upgradeTo4(db); next(); });
  const run = () => { const step = steps.shift(); if (step) step(run); };
  run();
}

function upgradeTo2(db, tx, next) {
  const articles = tx.objectStore('articles');
  articles.createIndex('entry_id', 'entry_id');
  articles.createIndex('capture_id', 'capture_id');
  const entries = db.createObjectStore('entries', { keyPath: 'id' });
  entries.createIndex('key', 'key');
  if (db.objectStoreNames.contains('summaries')) db.deleteObjectStore('summaries');
  // Each v1 record becomes an entry of one version, under the same id, so
  // that links to it and the upload outbox's references keep working.
  articles.openCursor().onsuccess = (ev) => {
    const c = ev.target.result;
    if (!c) { next(); return; }
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
    entries.put(entry);
    c.continue();
  };
}

/**
 * Schema 3's step: (re)builds the search index from every version of every
 * entry. Idempotent (it clears an index already there), so it can be run
 * again under another version number; exported for the test that does.
 */
export function upgradeTo3(db, tx, next = () => {}) {
  let search;
  if (db.objectStoreNames.contains('search')) {
    search = tx.objectStore('search');
    search.clear();
  } else {
    search = db.createObjectStore('search', { keyPath: 'id' });
  }
  if (db.objectStoreNames.contains('texts')) db.deleteObjectStore('texts');
  // Every version of every entry, read once, one entry at a time.
  const shards = new Map();
  const byEntry = tx.objectStore('articles').index('entry_id');
  tx.objectStore('entries').openCursor().onsuccess = (ev) => {
    const c = ev.target.result;
    if (!c) {
      for (const sh of shards.values()) search.put(sh);
      next();
      return;
    }
    const entry = c.value;
    byEntry.getAll(entry.id).onsuccess = (e) => {
      const recs = e.target.result;
      if (recs.length) {
        const n = shardOf(entry.id);
        if (!shards.has(n)) shards.set(n, { id: n, entries: {} });
        shards.get(n).entries[entry.id] = indexOfVersions(recs);
      }
      c.continue();
    };
  };
}

/** Schema 4's step: the store of kept images, created when missing. */
function upgradeTo4(db) {
  if (db.objectStoreNames.contains('assets')) return;
  const assets = db.createObjectStore('assets', { keyPath: 'id' });
  assets.createIndex('record_id', 'record_id');
  assets.createIndex('entry_id', 'entry_id');
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

// ---- the search index ------------------------------------------------------
//
// An entry's index record is {v, w, o}: v the id of its newest version, w
// that version's distinct folded words (title and text) joined by spaces,
// o [[version id, words]…] for older versions, newest first, each with the
// words that no newer version has (versions adding none are left out). The
// union is every word of every version, each credited to the newest version
// that has it; a search hit in old words says which version matched.

/** The shard of the search index an entry is kept in. */
export function shardOf(id) {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) | 0;
  return (h >>> 0) % SEARCH_SHARDS;
}

/** The distinct folded words of an article's title and text. */
export function articleWords(article) {
  const a = article || {};
  // words() as a split: the same words, three times faster on a long text.
  const set = new Set(foldForSearch((a.title || '') + '\n' + (a.text || '')).split(/[^\p{L}\p{M}\p{N}]+/u));
  set.delete('');
  return set;
}

function minus(a, b) {
  const out = new Set();
  for (const w of a) if (!b.has(w)) out.add(w);
  return out;
}

function wordSet(s) {
  return new Set(s ? s.split(' ') : []);
}

/** [[version id, Set of credited words]…], newest first, from an index record. */
function creditsOf(rec) {
  if (!rec) return [];
  return [[rec.v, wordSet(rec.w)], ...rec.o.map(([id, w]) => [id, wordSet(w)])];
}

function packCredits(credits) {
  if (!credits.length) return null;
  return {
    v: credits[0][0],
    w: [...credits[0][1]].join(' '),
    o: credits.slice(1).filter(([, set]) => set.size).map(([id, set]) => [id, [...set].join(' ')]),
  };
}

/** The index record of an entry from its version records (any order). */
export function indexOfVersions(records) {
  const credits = [];
  const newer = new Set();
  for (const r of records.slice().sort(byNewest)) {
    const ws = articleWords(r.article);
    credits.push([r.id, minus(ws, newer)]);
    for (const w of ws) newer.add(w);
  }
  return packCredits(credits);
}

/**
 * The index record rec with one more version: id, of words ws, where order
 * lists every version id of the entry newest first (id included). Newer
 * versions keep their words; older ones lose those the new one has.
 */
export function indexWithVersion(rec, order, id, ws) {
  const rank = new Map(order.map((v, i) => [v, i]));
  const at = rank.get(id);
  const out = [];
  const newer = new Set();
  let placed = false;
  for (const [vid, set] of creditsOf(rec)) {
    if (!placed && (rank.get(vid) ?? Infinity) > at) {
      out.push([id, minus(ws, newer)]);
      placed = true;
    }
    if (placed) {
      out.push([vid, minus(set, ws)]);
    } else {
      for (const w of set) newer.add(w);
      out.push([vid, set]);
    }
  }
  if (!placed) out.push([id, minus(ws, newer)]);
  return packCredits(out);
}

/** The distinct folded words of a query: an entry matches when it has all of them. */
export function queryWords(query) {
  return [...new Set(words(query))];
}

/** The folded words the user wrote on an entry (corrected title, tags, note), for search. */
export function userText(entry) {
  return foldForSearch([entry.user_title || '', entry.note || '', ...(entry.tags || [])].join('\n'));
}

/**
 * Whether an entry with index record rec (and user's words user, folded)
 * has every query word qs in it, each as (part of) a word. null when not;
 * else {versions}: [] when the newest version and the user's words have
 * them all, else the ids of the older versions credited with the rest,
 * newest first.
 */
export function indexMatch(rec, qs, user = '') {
  if (!qs.length) return null;
  const w = rec ? rec.w : '';
  const o = rec ? rec.o : [];
  const versions = [];
  for (const q of qs) {
    if (w.includes(q) || user.includes(q)) continue;
    const found = o.find(([, ow]) => ow.includes(q));
    if (!found) return null;
    if (!versions.includes(found[0])) versions.push(found[0]);
  }
  const order = o.map(([id]) => id);
  versions.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { versions };
}

/**
 * The search index's records read and written within one transaction:
 * each shard is read once and written once, at flush().
 */
class SearchWrites {
  constructor(tx) {
    this.store = tx.objectStore('search');
    /** @type {Map<number, Promise<{id: number, entries: object}>>} */
    this.shards = new Map();
    this.dirty = new Set();
  }

  shard(n) {
    if (!this.shards.has(n)) this.shards.set(n, request(this.store.get(n)).then((sh) => sh || { id: n, entries: {} }));
    return this.shards.get(n);
  }

  async get(id) {
    return (await this.shard(shardOf(id))).entries[id];
  }

  /** Sets (or with null removes) an entry's index record. */
  async set(id, rec) {
    const sh = await this.shard(shardOf(id));
    if (rec) sh.entries[id] = rec;
    else delete sh.entries[id];
    this.dirty.add(sh);
  }

  /** Writes the changed shards; call before the transaction's last await. */
  flush() {
    for (const sh of this.dirty) this.store.put(sh);
    this.dirty.clear();
  }
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

const ALL = ['articles', 'entries', 'search'];
/** What removing captures touches: their kept images go with them. */
const REMOVE = [...ALL, 'assets'];

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
 * user's words from user), else to a new entry; the entry's search index
 * record in sw gets the new version's words.
 */
async function addRecord(tx, sw, record, entry, base) {
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
    }
  } else {
    next = buildEntry(base, [record]);
  }
  tx.objectStore('entries').put(next);
  let rec = await sw.get(next.id);
  if (!rec && entry && entry.versions.length) {
    // An index record lost (it never is, but search must not go blind):
    // built again from every version.
    rec = indexOfVersions(await versionRecords(articles, entry));
  }
  await sw.set(next.id, indexWithVersion(rec, next.versions.map((v) => v.id), record.id, articleWords(record.article)));
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
  const sw = new SearchWrites(tx);
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
      const next = await addRecord(tx, sw, record, entry, entry ? {} : { id: record.entry_id, key });
      sw.flush();
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
 * and tag, and by a query whose every word is in the entry: in the title or
 * text of any version, or the tags, note or corrected title (indexMatch).
 * The library page keeps the index in memory (library/search.js); this is
 * for the background and tests.
 * @param {{query?: string, site?: string, lang?: string, tag?: string}} [filter]
 */
export async function listEntries(filter = {}) {
  const db = await openDB();
  let rows = await request(db.transaction('entries').objectStore('entries').getAll());
  rows = rows.filter((r) => !r.deleted_at);
  if (filter.site) rows = rows.filter((r) => r.site === filter.site);
  if (filter.lang) rows = rows.filter((r) => r.lang === filter.lang);
  if (filter.tag) rows = rows.filter((r) => r.tags.includes(filter.tag));
  if ((filter.query || '').trim()) {
    const qs = queryWords(filter.query);
    const index = await searchIndex();
    rows = rows.filter((r) => indexMatch(index.get(r.id), qs, userText(r)));
  }
  rows.sort(byNewest);
  return rows;
}


/** The library's entries (an older name kept for callers and tests). */
export const listArticles = listEntries;

/**
 * The whole search index: entry id -> index record (see indexMatch), read
 * in SEARCH_SHARDS records, without a single article body.
 * @returns {Promise<Map<string, {v: string, w: string, o: string[][]}>>}
 */
export async function searchIndex() {
  const db = await openDB();
  const shards = await request(db.transaction('search').objectStore('search').getAll());
  const out = new Map();
  for (const sh of shards) for (const [id, rec] of Object.entries(sh.entries)) out.set(id, rec);
  return out;
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
  return (await purgeDeletes(before)).purged;
}

/**
 * purgeDeleted, also telling when the earliest delete it left (one made
 * after before) was made: {purged, pending} with pending '' when none is left.
 */
export async function purgeDeletes(before = new Date()) {
  const limit = before.toISOString();
  const db = await openDB();
  const tx = db.transaction(REMOVE, 'readwrite');
  const committed = done(tx);
  const sw = new SearchWrites(tx);
  const deleted = (await request(tx.objectStore('entries').getAll())).filter((e) => e.deleted_at);
  const gone = deleted.filter((e) => e.deleted_at <= limit);
  let pending = '';
  for (const e of deleted) if (e.deleted_at > limit && (!pending || e.deleted_at < pending)) pending = e.deleted_at;
  for (const e of gone) await removeEntry(tx, sw, e.id);
  sw.flush();
  await committed;
  return { purged: gone.length, pending };
}

async function removeEntry(tx, sw, id) {
  const articles = tx.objectStore('articles');
  const keys = await request(articles.index('entry_id').getAllKeys(id));
  for (const k of keys) {
    articles.delete(k);
    await removeAssets(tx, k);
  }
  tx.objectStore('entries').delete(id);
  await sw.set(id, null);
}

/**
 * Removes one capture (the notice's Undo right after capturing). Its entry
 * goes with it when it was the only version; otherwise the entry shows its
 * newest remaining version again.
 * @returns {Promise<boolean>} whether there was such a capture
 */
export async function removeCapture(id) {
  const db = await openDB();
  const tx = db.transaction(REMOVE, 'readwrite');
  const committed = done(tx);
  const sw = new SearchWrites(tx);
  const articles = tx.objectStore('articles');
  const rec = await request(articles.get(id));
  if (!rec) {
    await committed;
    return false;
  }
  const entry = await request(tx.objectStore('entries').get(rec.entry_id));
  articles.delete(id);
  await removeAssets(tx, id);
  if (entry) {
    const rest = entry.versions.filter((v) => v.id !== id);
    if (!rest.length) {
      tx.objectStore('entries').delete(entry.id);
      await sw.set(entry.id, null);
    } else {
      const recs = await versionRecords(articles, { versions: rest });
      if (recs.length) {
        const next = buildEntry(entry, recs);
        tx.objectStore('entries').put(next);
        await sw.set(entry.id, indexOfVersions(recs));
      }
    }
  }
  sw.flush();
  await committed;
  return true;
}

// ---- kept images -------------------------------------------------------------

async function removeAssets(tx, recordId) {
  const assets = tx.objectStore('assets');
  for (const k of await request(assets.index('record_id').getAllKeys(recordId))) assets.delete(k);
}

/**
 * Stores the images fetched for a capture (lib/assets.js): kept is
 * [{src, type, bytes, data: ArrayBuffer}], failed [{src, reason}]. The
 * capture's record gets the list of both ("assets"), the images go to
 * "assets", in one transaction. A capture removed meanwhile (Undo while
 * the images were loading) stores nothing. Storing again replaces the
 * capture's earlier images.
 * @returns {Promise<object|null>} the record's new "assets", or null when the capture is gone
 */
export async function attachAssets(recordId, { kept = [], failed = [] } = {}, now = new Date()) {
  const db = await openDB();
  const tx = db.transaction(['articles', 'assets'], 'readwrite');
  const committed = done(tx);
  let out = null;
  try {
    const articles = tx.objectStore('articles');
    const rec = await request(articles.get(recordId));
    if (rec) {
      await removeAssets(tx, recordId);
      const list = [];
      kept.forEach((a, i) => {
        const id = recordId + '/' + (i + 1);
        tx.objectStore('assets').put({ id, record_id: recordId, entry_id: rec.entry_id, src: String(a.src), type: String(a.type), bytes: a.data.byteLength, data: a.data });
        list.push({ id, src: String(a.src), type: String(a.type), bytes: a.data.byteLength });
      });
      out = { kept: list, failed: failed.map((f) => ({ src: String(f.src), reason: String(f.reason) })), at: now.toISOString() };
      rec.assets = out;
      articles.put(rec);
    }
  } catch (err) {
    try { tx.abort(); } catch { /* already over */ }
    await committed.catch(() => {});
    throw err;
  }
  await committed;
  return out;
}

/** The images kept with a capture, {id, src, type, bytes, data}, in the order they were listed. */
export async function getAssets(recordId) {
  const db = await openDB();
  const rows = await request(db.transaction('assets').objectStore('assets').index('record_id').getAll(recordId));
  const n = (id) => Number(String(id).slice(String(id).lastIndexOf('/') + 1)) || 0;
  return rows.sort((a, b) => n(a.id) - n(b.id));
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
    const sw = new SearchWrites(tx);
    try {
      for (const item of items.slice(i, i + CHUNK)) {
        if (await importOne(tx, sw, item)) added++;
        else duplicates++;
      }
      sw.flush();
    } catch (err) {
      try { tx.abort(); } catch { /* already over */ }
      await committed.catch(() => {});
      throw err;
    }
    await committed;
  }
  return { added, duplicates };
}

async function importOne(tx, sw, { record: r, entry: u = {} }) {
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
  await addRecord(tx, sw, record, entry, base);
  return true;
}
