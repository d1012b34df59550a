// The search index's storage format (schema 6), apart from IndexedDB so that
// it can be tested alone. lib/store.js decides what an entry's index record
// holds; this module packs those records small and matches queries on them.
//
// An entry's index record, as lib/store.js builds it, is {v, w, o}: v the id
// of its newest version, w that version's distinct folded words joined by
// spaces, o [[version id, words]…] for the older versions that have words no
// newer version has. Stored, words become integer ids in one vocabulary:
//
//   - the vocabulary: every distinct word ever indexed, in order of first
//     use, VOCAB_CHUNK words a record ({id: ['w', n], words: 'a\nb\n…'}).
//     It only grows (new words are appended to its last record), so a word's
//     id never changes and a save rewrites at most one small vocabulary
//     record; a rebuild of the index (a schema step) makes it afresh.
//   - the entries, spread over shards by a hash of their id ({id: n, head,
//     data}): head a JSON list [[entry id, byte offset, newest version id,
//     older version ids…]…], data a Uint8Array holding, for each version
//     listed, its count of word ids then the ids sorted, as differences, in
//     LEB128 varints (some 1.3 bytes a word).
//
// A search matches each query word against the vocabulary once (as part of
// a word: indexOf over the words joined by newlines), marks the matching ids
// in a table, then walks each candidate entry's ids: no string is compared
// per entry. IndexedDB clones a few strings and byte arrays much faster than
// thousands of strings (BENCHMARKS.md, "Library at archive size").

/** Words per vocabulary record: a save that brings new words rewrites one such record. */
export const VOCAB_CHUNK = 2048;

/** The key range of the vocabulary's records in the "search" store (shards have numeric keys). */
export const VOCAB_KEYS = () => IDBKeyRange.lowerBound([]);
/** The key range of the shards. */
export const SHARD_KEYS = () => IDBKeyRange.bound(-Infinity, Infinity);

// ---- varints ------------------------------------------------------------------

/** Appends the sorted ids to out (an array of bytes): count, then differences. */
function putIds(out, ids) {
  put(out, ids.length);
  let prev = 0;
  for (const id of ids) {
    put(out, id - prev);
    prev = id;
  }
}

function put(out, n) {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
}

/** Decodes the ids starting at data[at]: calls f(id) for each; returns the offset after them. */
function eachId(data, at, f) {
  let count = 0, shift = 0, b;
  do { b = data[at++]; count |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
  let id = 0;
  for (let i = 0; i < count; i++) {
    let d = 0;
    shift = 0;
    do { b = data[at++]; d |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    id += d;
    f(id);
  }
  return at;
}


// ---- the vocabulary -------------------------------------------------------------

/**
 * The vocabulary as a save uses it: word -> id, growing. Built from its
 * records; dirty() lists the records to write after words were added.
 */
export class Vocabulary {
  /** @param {{id: [string, number], words: string}[]} records */
  constructor(records = []) {
    /** @type {string[]} */
    this.words = [];
    for (const r of records.slice().sort((a, b) => a.id[1] - b.id[1])) {
      if (r.words) for (const w of r.words.split('\n')) this.words.push(w);
    }
    this.ids = new Map(this.words.map((w, i) => [w, i]));
    this.firstNew = this.words.length;
  }

  /** The id of a word, added when new. */
  id(word) {
    let i = this.ids.get(word);
    if (i === undefined) {
      i = this.words.length;
      this.words.push(word);
      this.ids.set(word, i);
    }
    return i;
  }

  /** The records holding words added since the last call (the last one rewritten, new ones made). */
  dirty() {
    const out = [];
    if (this.firstNew === this.words.length) return out;
    for (let n = Math.floor(this.firstNew / VOCAB_CHUNK); n * VOCAB_CHUNK < this.words.length; n++) {
      out.push({ id: ['w', n], words: this.words.slice(n * VOCAB_CHUNK, (n + 1) * VOCAB_CHUNK).join('\n') });
    }
    this.firstNew = this.words.length;
    return out;
  }

  /** The sorted ids of the words of s (joined by spaces), added when new. */
  encode(s) {
    const ids = [];
    if (s) for (const w of s.split(' ')) ids.push(this.id(w));
    return ids.sort((a, b) => a - b);
  }

  /** An index record {v, w, o} with ids for words: {v, w: ids, o: [[id, ids]…]}. */
  encodeRecord(rec) {
    return { v: rec.v, w: this.encode(rec.w), o: rec.o.map(([id, w]) => [id, this.encode(w)]) };
  }

  /** The words of ids, joined by spaces. */
  decode(ids) {
    return ids.map((i) => this.words[i]).join(' ');
  }
}

// ---- shards -------------------------------------------------------------------

/**
 * A shard record from its entries: Map entry id -> {v, w: ids, o: [[version
 * id, ids]…]} (ids sorted).
 */
export function packShard(n, entries) {
  const head = [];
  const bytes = [];
  for (const [id, rec] of entries) {
    head.push([id, bytes.length, rec.v, ...rec.o.map(([vid]) => vid)]);
    putIds(bytes, rec.w);
    for (const [, ids] of rec.o) putIds(bytes, ids);
  }
  return { id: n, head: JSON.stringify(head), data: Uint8Array.from(bytes) };
}

/** The entries of a shard record (packShard's inverse); an absent shard has none. */
export function unpackShard(sh) {
  const out = new Map();
  if (!sh) return out;
  for (const [id, at, v, ...older] of JSON.parse(sh.head)) {
    const lists = [];
    let p = at;
    for (let k = 0; k <= older.length; k++) {
      const ids = [];
      p = eachId(sh.data, p, (x) => ids.push(x));
      lists.push(ids);
    }
    out.set(id, { v, w: lists[0], o: older.map((vid, k) => [vid, lists[k + 1]]) });
  }
  return out;
}

// ---- searching ----------------------------------------------------------------

/**
 * The whole index, read for searching: the vocabulary as one string, and
 * where each entry's ids are. Built from every record of the "search" store.
 */
export class PackedIndex {
  /** @param {object[]} records the "search" store's records: shards and vocabulary */
  constructor(records) {
    const chunks = records.filter((r) => Array.isArray(r.id)).sort((a, b) => a.id[1] - b.id[1]);
    /** Every word, joined by newlines (words have none). */
    this.text = chunks.map((c) => c.words).filter((w) => w).join('\n');
    // starts[i]: where word i begins in text; starts[n] = text.length + 1.
    let n = this.text ? 1 : 0;
    for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) n++;
    this.starts = new Uint32Array(n + 1);
    let k = 0;
    if (n) {
      this.starts[k++] = 0;
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) this.starts[k++] = i + 1;
    }
    this.starts[n] = this.text.length + 1;
    this.vocabSize = n;
    /** entry id -> [data, offset, newest version id, older version ids…] */
    this.entries = new Map();
    for (const sh of records) {
      if (Array.isArray(sh.id)) continue;
      for (const [id, at, ...versions] of JSON.parse(sh.head)) this.entries.set(id, [sh.data, at, versions]);
    }
  }

  get size() { return this.entries.size; }

  has(id) { return this.entries.has(id); }

  /** Forgets entries (deleted ones). */
  remove(ids) {
    for (const id of ids) this.entries.delete(id);
  }

  /** The word of id. */
  word(id) {
    return this.text.slice(this.starts[id], this.starts[id + 1] - 1);
  }

  /** An entry's index record {v, w, o}, words as strings (sorted by id), or undefined. */
  get(id) {
    const e = this.entries.get(id);
    if (!e) return undefined;
    const [data, at, versions] = e;
    const lists = [];
    let p = at;
    for (let k = 0; k < versions.length; k++) {
      const ws = [];
      p = eachId(data, p, (x) => ws.push(this.word(x)));
      lists.push(ws.join(' '));
    }
    return { v: versions[0], w: lists[0], o: versions.slice(1).map((vid, k) => [vid, lists[k + 1]]) };
  }

  /**
   * The ids of the words having q in them, marked in mask with bit: each
   * hit of q in the joined words is one word, and the scan goes on after it.
   */
  mark(q, mask, bit) {
    const { text, starts } = this;
    let at = text.indexOf(q);
    while (at >= 0) {
      // The word holding position at: the last start <= at.
      let lo = 0, hi = this.vocabSize - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid] <= at) lo = mid; else hi = mid - 1;
      }
      mask[lo] |= bit;
      at = text.indexOf(q, starts[lo + 1]);
    }
  }

  /**
   * The candidates ({id, …}) having every query word qs (folded, distinct)
   * as part of a word of any version, or of the user's words
   * (userText(candidate), folded): id -> [] when the newest version and
   * the user's words have them all, else the ids of the older versions
   * credited with the rest (each word to the newest older version having
   * it), newest first. Entries not in the index match on the user's words
   * alone.
   * @returns {Map<string, string[]>}
   */
  search(qs, candidates, userText) {
    const hits = new Map();
    if (!qs.length) return hits;
    // 31 query words a pass, as bits of one integer per word id.
    const groups = [];
    for (let i = 0; i < qs.length; i += 31) groups.push(qs.slice(i, i + 31));
    const masks = groups.map((g) => {
      const mask = new Uint32Array(this.vocabSize);
      g.forEach((q, j) => this.mark(q, mask, 1 << j));
      return mask;
    });
    for (const e of candidates) {
      const user = userText(e);
      let versions = [];
      let ok = true;
      for (let gi = 0; gi < groups.length && ok; gi++) {
        const m = this.matchGroup(e.id, groups[gi], masks[gi], user);
        if (!m) ok = false;
        else for (const v of m) if (!versions.includes(v)) versions.push(v);
      }
      if (!ok) continue;
      if (groups.length > 1 && versions.length > 1) {
        const order = this.entries.get(e.id)[2];
        versions.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      }
      hits.set(e.id, versions);
    }
    return hits;
  }

  /** One pass of search for one entry: null, or the older versions credited. */
  matchGroup(id, group, mask, user) {
    const full = 2 ** group.length - 1;
    let have = 0;
    group.forEach((q, j) => { if (user.includes(q)) have |= 1 << j; });
    have >>>= 0;
    if (have === full) return [];
    const e = this.entries.get(id);
    if (!e) return null;
    const [data, at, versions] = e;
    let bits = 0;
    let p = eachId(data, at, (x) => { bits |= mask[x]; });
    have = (have | bits) >>> 0;
    if (have === full) return [];
    const out = [];
    for (let k = 1; k < versions.length; k++) {
      bits = 0;
      p = eachId(data, p, (x) => { bits |= mask[x]; });
      if ((bits & ~have) >>> 0) out.push(versions[k]);
      have = (have | bits) >>> 0;
      if (have === full) return out;
    }
    return null;
  }
}

/**
 * The records of the "search" store for index records (Map entry id ->
 * {v, w, o}) spread over shards by shardOf: a fresh vocabulary, in order of
 * first use. For rebuilding the index and for tests.
 */
export function packIndex(records, shardOf) {
  const vocab = new Vocabulary();
  const shards = new Map();
  for (const [id, rec] of records) {
    const n = shardOf(id);
    if (!shards.has(n)) shards.set(n, new Map());
    shards.get(n).set(id, vocab.encodeRecord(rec));
  }
  return [...vocab.dirty(), ...[...shards].map(([n, entries]) => packShard(n, entries))];
}
