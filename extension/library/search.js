// The library's full-text search, in memory. lib/store.js keeps a compact
// index up to date at save time (each entry's distinct folded words, old
// versions' own words apart, as ids against one vocabulary: lib/wordindex.js)
// in a few records; this module reads it in one go (the library page starts
// the read while it renders the first list, or the first search does), so
// that each keystroke of a search works in memory instead of reading
// IndexedDB again.

export class SearchIndex {
  /**
   * @param {() => Promise<{search: Function, remove: Function}>} loadAll
   *   reads the index (lib/store.js searchIndex: a PackedIndex)
   * @param {(q: string) => string[]} queryWords
   *   query splitting (lib/store.js queryWords)
   */
  constructor(loadAll, queryWords) {
    this.loadAll = loadAll;
    this.queryWords = queryWords;
    /** @type {import('../lib/wordindex.js').PackedIndex|null} */
    this.records = null;
    /** @type {Promise<void>|null} */
    this.building = null;
  }

  /** Reads the index unless it is read or being read. */
  ensure() {
    if (this.records) return Promise.resolve();
    if (!this.building) {
      const started = this.building = (async () => {
        const records = await this.loadAll();
        // A newer invalidate() while reading wins: keep nothing stale.
        if (this.building === started) this.records = records;
      })().finally(() => {
        if (this.building === started) this.building = null;
      });
    }
    return this.building.then(() => (this.records ? undefined : this.ensure()));
  }

  /** Forgets everything: the next search reads the store again. */
  invalidate() {
    this.records = null;
    this.building = null;
  }

  /** Drops deleted entries. */
  remove(ids) {
    if (this.records) this.records.remove(ids);
  }

  /**
   * The entries among candidates ({id, ...}, e.g. the list's rows) having
   * every word of the query, in their text (any version) or in the user's
   * words (userText(entry), folded), as id -> the ids of the older versions
   * that matched ([] when the newest did). An entry missing from the index
   * (saved after it was read) is matched on the user's words only: call
   * invalidate() when the library changes.
   * @returns {Promise<Map<string, string[]>>}
   */
  async search(query, candidates, userText) {
    const qs = this.queryWords(String(query || ''));
    await this.ensure();
    return this.records.search(qs, candidates, userText);
  }
}
