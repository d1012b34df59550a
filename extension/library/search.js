// The library's full-text search, in memory. lib/store.js keeps a compact
// index up to date at save time (each entry's distinct folded words, old
// versions' own words apart) in a few dozen records; this module reads it
// in one go, when the page is idle after the first list or at the first
// search, so that each keystroke of a search scans strings in memory
// instead of reading IndexedDB again.

export class SearchIndex {
  /**
   * @param {() => Promise<Map<string, object>>} loadAll
   *   reads the index: entry id -> index record (lib/store.js searchIndex)
   * @param {{queryWords: (q: string) => string[], indexMatch: Function}} match
   *   query splitting and matching (lib/store.js queryWords, indexMatch)
   */
  constructor(loadAll, match) {
    this.loadAll = loadAll;
    this.match = match;
    /** @type {Map<string, object>|null} */
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
    if (this.records) for (const id of ids) this.records.delete(id);
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
    const qs = this.match.queryWords(String(query || ''));
    await this.ensure();
    const hits = new Map();
    if (!qs.length) return hits;
    for (const e of candidates) {
      const m = this.match.indexMatch(this.records.get(e.id), qs, userText(e));
      if (m) hits.set(e.id, m.versions);
    }
    return hits;
  }
}
