// The library's full-text search: an in-memory index of every entry's
// folded title and text (of its newest version), built once from one bulk
// read of the store's search strings (lib/store.js searchTexts: no article
// bodies, no old versions), so that each keystroke of a search scans
// strings in memory instead of reading IndexedDB again.

export class SearchIndex {
  /**
   * @param {() => Promise<{id: string, text: string}[]>} loadAll
   *   reads every entry's folded search string (lib/store.js searchTexts)
   * @param {(s: string) => string} fold  search folding of queries (lib/store.js foldForSearch)
   */
  constructor(loadAll, fold) {
    this.loadAll = loadAll;
    this.fold = fold;
    /** @type {Map<string, string>|null} */
    this.texts = null;
    /** @type {Promise<void>|null} */
    this.building = null;
  }

  /** Builds the index unless it is built or being built. */
  ensure() {
    if (this.texts) return Promise.resolve();
    if (!this.building) {
      const started = this.building = (async () => {
        const records = await this.loadAll();
        const texts = new Map();
        for (const r of records) texts.set(r.id, r.text || '');
        // A newer invalidate() while reading wins: keep nothing stale.
        if (this.building === started) this.texts = texts;
      })().finally(() => {
        if (this.building === started) this.building = null;
      });
    }
    return this.building.then(() => (this.texts ? undefined : this.ensure()));
  }

  /** Forgets everything: the next search reads the store again. */
  invalidate() {
    this.texts = null;
    this.building = null;
  }

  /** Drops deleted entries. */
  remove(ids) {
    if (this.texts) for (const id of ids) this.texts.delete(id);
  }

  /**
   * The ids whose title or text contains the folded query. An id missing
   * from the index (saved after it was built) does not match: call
   * invalidate() when the library changes.
   * @returns {Promise<Set<string>>}
   */
  async search(query) {
    const q = this.fold(String(query || '').trim());
    await this.ensure();
    const hits = new Set();
    if (!q) return hits;
    for (const [id, s] of this.texts) if (s.includes(q)) hits.add(id);
    return hits;
  }
}
