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
//     use, in a few records ({id: ['w', n], words: 'a\nb\n…'}, in order of
//     n). It only grows (new words are appended to its last record, see
//     Vocabulary.dirty), so a word's id never changes and a save rewrites
//     one small vocabulary record; a rebuild of the index (a schema step)
//     makes it afresh, VOCAB_BIG words a record.
//   - the entries, spread over shards by a hash of their id ({id: n, head,
//     data}): head a JSON list [[entry id, byte offset, newest version id,
//     older version ids…]…], data a Uint8Array holding, for each version
//     listed, its count of word ids then the ids sorted, as differences, in
//     LEB128 varints (some 1.3 bytes a word).
//
// A search matches each query word against the vocabulary once (as part of
// a word: indexOf over the words joined by newlines), marks the matching ids
// in a table, then walks each candidate entry's ids: no string is compared
// per entry. IndexedDB reads a few records much faster than many, whatever
// their size (BENCHMARKS.md, "Library at archive size"): the whole index is a
// few records, and about a quarter of the bytes of the words as strings.

/** Words of the vocabulary's last record (its tail) past which it is merged or kept as it is (see Vocabulary.dirty). */
export const VOCAB_TAIL = 1024;
/** Words of a vocabulary record past which no tail is merged into it. */
export const VOCAB_BIG = 16384;

/** The key range of the vocabulary's records in the "search" store (shards have numeric keys). */
export const VOCAB_KEYS = () => IDBKeyRange.lowerBound([]);

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
 * The words of the vocabulary's records: {words: string[], ids: Map word ->
 * id, layout: [{n, count}…] its records in order}. A Vocabulary reads it and
 * changes it only in commit().
 * @param {{id: [string, number], words: string}[]} records
 */
export function wordList(records) {
  const words = [];
  const layout = [];
  for (const r of records.slice().sort((a, b) => a.id[1] - b.id[1])) {
    const ws = r.words ? r.words.split('\n') : [];
    for (const w of ws) words.push(w);
    layout.push({ n: r.id[1], count: ws.length });
  }
  return { words, ids: new Map(words.map((w, i) => [w, i])), layout };
}

/** The vocabulary's last record as stored for a word list: [its number, its words], or null when it has none. */
export function lastRecord(list) {
  const last = list.layout[list.layout.length - 1];
  return last ? [last.n, list.words.slice(list.words.length - last.count).join('\n')] : null;
}

/** The records of a fresh vocabulary: VOCAB_BIG words each. */
export function vocabRecords(words) {
  const out = [];
  for (let n = 0; n * VOCAB_BIG < words.length; n++) out.push({ id: ['w', n], words: words.slice(n * VOCAB_BIG, (n + 1) * VOCAB_BIG).join('\n') });
  return out;
}

/**
 * The vocabulary as a save uses it: word -> id, growing. Reads a word list
 * (wordList) it leaves alone and keeps the words it adds apart, so that a
 * list shared between saves (lib/store.js keeps the last one read) is not
 * changed by a save that fails; commit() adds them to it once stored.
 * dirty() says what to write after words were added.
 */
export class Vocabulary {
  /** @param {{id: [string, number], words: string}[] | {words: string[], ids: Map<string, number>, layout: object[]}} from records, or a word list */
  constructor(from = []) {
    this.base = Array.isArray(from) ? wordList(from) : from;
    this.baseSize = this.base.words.length;
    /** @type {string[]} words added, ids from baseSize on */
    this.added = [];
    this.addedIds = new Map();
    /** The first word not written yet, and the records as dirty() left them. */
    this.firstNew = this.baseSize;
    this.layout = this.base.layout.map((r) => ({ ...r }));
  }

  get size() { return this.baseSize + this.added.length; }

  /** The word of id. */
  word(i) {
    return i < this.baseSize ? this.base.words[i] : this.added[i - this.baseSize];
  }

  /** The id of a word, added when new. */
  id(word) {
    let i = this.base.ids.get(word) ?? this.addedIds.get(word);
    if (i === undefined) {
      i = this.size;
      this.added.push(word);
      this.addedIds.set(word, i);
    }
    return i;
  }

  /**
   * What to write for the words added since the last call: {put: records,
   * remove: keys}. New words go to the last record while it has fewer than
   * VOCAB_TAIL words (the tail, rewritten by the saves that bring new
   * words). A full tail is merged into the record before it while that has
   * fewer than VOCAB_BIG words, else stays as a record of its own: a save
   * rewrites at most a tail, now and then a big record, and the vocabulary
   * stays in a few records (reading few records is what makes the index
   * quick to read).
   */
  dirty() {
    const out = { put: [], remove: [] };
    const size = this.size;
    if (this.firstNew === size) return out;
    const layout = this.layout;
    let tail = layout[layout.length - 1];
    if (!tail || tail.count >= VOCAB_TAIL) {
      tail = { n: tail ? tail.n + 1 : 0, count: 0 };
      layout.push(tail);
    }
    tail.count += size - this.firstNew;
    this.firstNew = size;
    let rec = tail;
    const before = layout[layout.length - 2];
    if (tail.count >= VOCAB_TAIL && before && before.count < VOCAB_BIG) {
      before.count += tail.count;
      layout.pop();
      out.remove.push(['w', tail.n]);
      rec = before;
    }
    let start = 0;
    for (const r of layout) {
      if (r === rec) break;
      start += r.count;
    }
    const words = [];
    for (let i = start; i < start + rec.count; i++) words.push(this.word(i));
    out.put.push({ id: ['w', rec.n], words: words.join('\n') });
    return out;
  }

  /**
   * Adds the words this vocabulary wrote (dirty) to the word list it read,
   * once they are stored; true when it could (the list had not changed
   * meanwhile).
   */
  commit() {
    if (this.base.words.length !== this.baseSize) return false;
    const written = this.firstNew - this.baseSize;
    for (const w of this.added.slice(0, written)) {
      this.base.ids.set(w, this.base.words.length);
      this.base.words.push(w);
    }
    this.base.layout = this.layout.map((r) => ({ ...r }));
    this.baseSize = this.base.words.length;
    this.added = this.added.slice(written);
    this.addedIds = new Map(this.added.map((w, i) => [w, this.baseSize + i]));
    return true;
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
    return ids.map((i) => this.word(i)).join(' ');
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
    const words = this.text ? this.text.split('\n') : [];
    const n = words.length;
    this.starts = new Uint32Array(n + 1);
    for (let i = 0, at = 0; i < n; i++) {
      this.starts[i] = at;
      at += words[i].length + 1;
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
    for (let j = 0; j < group.length; j++) if (user.includes(group[j])) have |= 1 << j;
    have >>>= 0;
    if (have === full) return [];
    const e = this.entries.get(id);
    if (!e) return null;
    const [data, at, versions] = e;
    const out = [];
    let p = at;
    for (let k = 0; k < versions.length; k++) {
      // The version's ids (count, then differences), decoded inline: this
      // loop is the search's whole cost.
      let count = 0, shift = 0, b;
      do { b = data[p++]; count |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
      let bits = 0, x = 0;
      for (let i = 0; i < count; i++) {
        b = data[p++];
        if (b & 0x80) {
          let d = b & 0x7f;
          shift = 7;
          do { b = data[p++]; d |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
          x += d;
        } else {
          x += b;
        }
        const m = mask[x];
        if (m) {
          bits |= m;
          // Every word found: the rest of the entry need not be read.
          if (((have | bits) >>> 0) === full) {
            if (k && ((bits & ~have) >>> 0)) out.push(versions[k]);
            return out;
          }
        }
      }
      if (k && ((bits & ~have) >>> 0)) out.push(versions[k]);
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
  const words = [];
  for (let i = 0; i < vocab.size; i++) words.push(vocab.word(i));
  return [...vocabRecords(words), ...[...shards].map(([n, entries]) => packShard(n, entries))];
}
