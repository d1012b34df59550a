// Test fakes for the upload module: an in-memory storage.local, a scripted
// fetch and a manual clock. Named *.test.js so that packaging leaves it out;
// it holds no tests of its own.

/** An in-memory stand-in for chrome.storage.local (values are cloned, as storage serializes them). */
export class MemoryStorage {
  constructor() {
    this.data = new Map();
  }
  async get(keys) {
    const out = {};
    const list = keys == null ? [...this.data.keys()] : typeof keys === 'string' ? [keys] : keys;
    for (const k of list) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }
  async set(obj) {
    for (const [k, v] of Object.entries(obj)) this.data.set(k, structuredClone(v));
  }
  async remove(keys) {
    for (const k of typeof keys === 'string' ? [keys] : keys) this.data.delete(k);
  }
}

/**
 * A fetch that records every request and answers with the next scripted
 * reply: a Response, an Error to throw, 'hang' (answer only when aborted),
 * or a function (request) => one of those.
 */
export function scriptedFetch(replies) {
  const calls = [];
  let inFlight = 0;
  const f = async (url, init) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const call = { url, method: init.method, headers, body: init.body, redirect: init.redirect, credentials: init.credentials };
    calls.push(call);
    inFlight++;
    f.maxInFlight = Math.max(f.maxInFlight, inFlight);
    try {
      let r = replies.length ? replies.shift() : new Response('{}', { status: 201 });
      if (typeof r === 'function') r = await r(call);
      await new Promise((res) => setTimeout(res, 1)); // let other work interleave
      if (r === 'hang') {
        await new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      if (r instanceof Error) throw r;
      return r;
    } finally {
      inFlight--;
    }
  };
  f.calls = calls;
  f.maxInFlight = 0;
  return f;
}

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-11-24T04:00:00Z')) {
  const c = { t: start, now: () => c.t, advance: (ms) => { c.t += ms; } };
  return c;
}

/** A small valid article. */
export function article(n = 1) {
  return {
    schema: 'barg.article/1',
    url: `https://news.example/a/${n}`,
    canonical_url: `https://news.example/a/${n}`,
    title: `خبر شماره ${n}`,
    lang: 'fa',
    dir: 'rtl',
    site_name: 'Example',
    authors: [],
    published: '',
    modified: '',
    published_text: '',
    description: '',
    lead: '',
    section: '',
    tags: [],
    image: null,
    blocks: [{ type: 'paragraph', text: 'می‌شود' }],
    text: 'می‌شود',
    word_count: 1,
    reading_minutes: 1,
    normalization: { persian: true, digits: 'persian', changes: 0 },
    extractor: { name: 'barg', version: 'test' },
    captured_at: '2026-11-24T04:00:00Z',
  };
}

/** A library record for article(n). */
export function record(n = 1, capture = `cap-${n}`) {
  return { id: `https://news.example/a/${n}`, capture_id: capture, first_captured_at: '2026-11-24T04:00:00Z', captured_at: '2026-11-24T04:00:00Z', article: article(n) };
}
