// The library store as released before versions (schema 1), frozen: store.test.js
// writes a profile with it and checks that lib/store.js upgrades it losing nothing.

// The library of saved articles, in IndexedDB.
//
// Two object stores: "articles" holds each full record ({id, capture_id,
// first_captured_at, captured_at, article}); "summaries" holds the few fields
// the library lists, so that listing thousands of articles never reads their
// bodies. Both are written in one transaction: nothing is ever half-saved.

const DB_NAME = 'barg';
const DB_VERSION = 1;

/** @type {Promise<IDBDatabase>|null} */
let opening = null;

/** Opens (and on first use creates) the database. */
export function openDB() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('articles', { keyPath: 'id' });
        const s = db.createObjectStore('summaries', { keyPath: 'id' });
        s.createIndex('captured_at', 'captured_at');
      };
      req.onsuccess = () => {
        const db = req.result;
        // A newer version opened elsewhere (an updated extension page): let it
        // upgrade, and open again on next use.
        db.onversionchange = () => { db.close(); opening = null; };
        resolve(db);
      };
      req.onerror = () => { opening = null; reject(req.error); };
    });
  }
  return opening;
}

/**
 * The library key of an article: its canonical URL (else its URL) without
 * the fragment, so re-capturing the same article updates it.
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

/** The library key of a captured selection: the article's key and a hash of its text. */
export function selectionKey(article) {
  let h = 0x811c9dc5; // FNV-1a, 32 bits
  const text = article.text || '';
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${articleKey(article)}#selection-${h.toString(16).padStart(8, '0')}`;
}

/** The summary the library lists for a record. */
export function summarize(record) {
  const a = record.article;
  return {
    id: record.id,
    capture_id: record.capture_id,
    title: a.title || a.url,
    url: a.url,
    site: a.site_name || hostOf(a.url),
    lang: a.lang || '',
    dir: a.dir || '',
    published: a.published || '',
    words: a.word_count || 0,
    captured_at: record.captured_at,
    first_captured_at: record.first_captured_at,
  };
}

function hostOf(url) {
  try { return new URL(url).hostname; } catch { return ''; }
}

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

/**
 * Saves a captured article. A new capture of an article already in the
 * library (same key) replaces it and keeps its first capture time.
 * Every capture gets a new capture_id (the upload's idempotency key).
 * A selection is kept beside the page's full article, never over it: its
 * key adds a hash of the selected text, so re-capturing the same selection
 * updates it.
 * @returns {Promise<{record: object, updated: boolean}>}
 */
export async function saveArticle(article, { selection = false } = {}) {
  const db = await openDB();
  const id = selection ? selectionKey(article) : articleKey(article);
  const tx = db.transaction(['articles', 'summaries'], 'readwrite');
  const articles = tx.objectStore('articles');
  const prev = await request(articles.get(id));
  const now = new Date().toISOString();
  const record = {
    id,
    capture_id: crypto.randomUUID(),
    first_captured_at: prev ? prev.first_captured_at : (article.captured_at || now),
    captured_at: article.captured_at || now,
    article,
  };
  articles.put(record);
  tx.objectStore('summaries').put(summarize(record));
  await done(tx);
  return { record, updated: Boolean(prev) };
}

/** The full record with this id, or undefined. */
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

/**
 * Summaries, newest capture first, filtered by site and language, and by a
 * query matched (case-insensitively) against title and text.
 * @param {{query?: string, site?: string, lang?: string}} [filter]
 */
export async function listArticles(filter = {}) {
  const db = await openDB();
  let rows = await request(db.transaction('summaries').objectStore('summaries').getAll());
  if (filter.site) rows = rows.filter((r) => r.site === filter.site);
  if (filter.lang) rows = rows.filter((r) => r.lang === filter.lang);
  const q = foldForSearch((filter.query || '').trim());
  if (q) {
    const keep = new Set();
    const wanted = new Set(rows.map((r) => r.id));
    await new Promise((resolve, reject) => {
      const req = db.transaction('articles').objectStore('articles').openCursor();
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return resolve();
        const { id, article: a } = c.value;
        if (wanted.has(id) && matches(a, q)) keep.add(id);
        c.continue();
      };
      req.onerror = () => reject(req.error);
    });
    rows = rows.filter((r) => keep.has(r.id));
  }
  rows.sort((a, b) => (a.captured_at < b.captured_at ? 1 : a.captured_at > b.captured_at ? -1 : 0));
  return rows;
}

function matches(a, q) {
  return foldForSearch(a.title || '').includes(q) || foldForSearch(a.text || '').includes(q);
}

/**
 * Folds text for search: lower case, ZWNJ and kashida removed, Arabic yeh
 * and kaf as Persian, so "میشود" finds "می‌شود" and "كتاب" finds "کتاب".
 */
export function foldForSearch(s) {
  return s.toLocaleLowerCase().replace(/[\u200c\u0640]/g, '').replace(/[يى]/g, 'ی').replace(/ك/g, 'ک');
}

/** Deletes the records with these ids. */
export async function deleteArticles(ids) {
  const db = await openDB();
  const tx = db.transaction(['articles', 'summaries'], 'readwrite');
  for (const id of ids) {
    tx.objectStore('articles').delete(id);
    tx.objectStore('summaries').delete(id);
  }
  await done(tx);
}
