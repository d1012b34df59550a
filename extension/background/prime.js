// Priming V8's compiled-code cache for the Go module, once per install or
// update, so that the first capture after the background was stopped does
// not compile 4 MB of wasm and run it in unoptimized code.
//
// Chromium keeps V8's compiled code for a module compiled by streaming from
// the package (engine.js), but V8 writes that cache only once enough of the
// module has been optimized (about a megabyte of optimized code) and no more
// was optimized for a moment: a few extractions write nothing, about thirty
// of a 200 KB page did (BENCHMARKS.md, "Capture latency (issue 16)"). So on
// install and update (and after a browser update, which changes V8 and so
// voids the cache) the background extracts a bundled set of pages, generated
// from the repository's own test pages by build.sh (extension/wasm/prime.json),
// until that much work is done or its time budget is spent. It shows nothing
// and saves nothing; it pauses between pages so a capture never waits for
// more than one of them; it is skipped on a low battery that is not charging
// (where the browser says so: Chromium's energy saver turns itself on there),
// and in Firefox, which keeps compiled wasm only in its HTTP cache, where
// moz-extension:// files never go: priming there would cost CPU for nothing.

const PAGES_PATH = 'extension/wasm/prime.json';
const STORAGE_KEY = 'barg.prime';
// Extractions to run: enough for V8 to write its cache with margin (about
// thirty wrote it in Chromium 156). This count is what bounds the CPU
// priming takes (BENCHMARKS.md); JavaScript cannot read CPU time, and wall
// time on a busy machine says little about it.
export const PRIME_RUNS = 40;
// A bound on wall time all the same, for a machine far slower than ours.
export const PRIME_BUDGET_MS = 20_000;
const PAUSE_MS = 15;
// Chromium's energy saver turns on at 20% by default when not charging.
const LOW_BATTERY = 0.2;
// An earlier version kept a copy of the module in Cache Storage (it got no
// code cache); updates remove it.
const OLD_MODULE_CACHE = 'barg-wasm';

/**
 * What priming did in this background's lifetime, for tests and benchmarks:
 * state "idle", "running", "done" or "skipped"; why it was skipped; the
 * extractions run and their wall time in ms.
 */
export const primeState = { state: 'idle', reason: '', runs: 0, ms: 0, done: null };

/**
 * Whether an onInstalled event calls for priming: an install, an update of
 * the extension, or an update of the browser.
 * @param {{reason?: string}} details
 */
export function shouldPrime(details) {
  const r = details && details.reason;
  return r === 'install' || r === 'update' || r === 'chrome_update' || r === 'browser_update';
}

/**
 * Why not to prime now ("firefox", "battery"), or '' to go ahead.
 * @param {{getBattery?: () => Promise<{charging: boolean, level: number}>}} nav
 * @param {{runtime?: {getBrowserInfo?: Function}}} [api]
 */
export async function skipReason(nav, api) {
  // runtime.getBrowserInfo exists in Firefox only.
  if (api && api.runtime && typeof api.runtime.getBrowserInfo === 'function') return 'firefox';
  if (!nav || typeof nav.getBattery !== 'function') return ''; // not exposed (Chromium's workers)
  try {
    const b = await nav.getBattery();
    if (!b.charging && b.level <= LOW_BATTERY) return 'battery';
  } catch {
    // No answer: prime.
  }
  return '';
}

/**
 * Extracts pages in turn until runs extractions are done or budgetMs has
 * passed, pausing between them. A page that fails is counted and skipped:
 * priming must never disturb anything else.
 * @param {{
 *   extract: (html: string, url: string, optionsJSON: string) => Promise<object>,
 *   pages: {url: string, html: string}[],
 *   runs?: number, budgetMs?: number, pauseMs?: number,
 *   now?: () => number, sleep?: (ms: number) => Promise<void>,
 * }} opts
 * @returns {Promise<{runs: number, failed: number, ms: number}>}
 */
export async function primeWith(opts) {
  const { extract, pages } = opts;
  const runs = opts.runs ?? PRIME_RUNS;
  const budget = opts.budgetMs ?? PRIME_BUDGET_MS;
  const pause = opts.pauseMs ?? PAUSE_MS;
  const now = opts.now || (() => performance.now());
  const sleep = opts.sleep || ((ms) => new Promise((r) => setTimeout(r, ms)));
  let done = 0;
  let failed = 0;
  let busy = 0;
  if (!pages.length) return { runs: 0, failed: 0, ms: 0 };
  while (done < runs && busy < budget) {
    const p = pages[done % pages.length];
    const t0 = now();
    try {
      await extract(p.html, p.url, '{}');
    } catch {
      failed++;
    }
    busy += now() - t0;
    done++;
    if (done < runs) await sleep(pause);
  }
  return { runs: done, failed, ms: Math.round(busy) };
}

/**
 * Reads the bundled pages: [{url, html}].
 * @param {string} url the URL of prime.json
 * @param {typeof fetch} f
 */
export async function readPages(url, f = globalThis.fetch) {
  const res = await f(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const pages = await res.json();
  if (!Array.isArray(pages)) throw new Error('prime.json is not a list');
  return pages.filter((p) => p && typeof p.html === 'string' && typeof p.url === 'string');
}

/**
 * The onInstalled hook: primes the code cache when details call for it.
 * Never rejects; what it did lands in primeState and in storage.local
 * (barg.prime), where a person debugging can read it.
 * @param {{reason?: string}} details
 * @param {{api: typeof chrome, extract: Function, ready: Promise<void>}} deps
 * @returns {Promise<void>}
 */
export function primeOnInstall(details, deps) {
  if (!shouldPrime(details)) return Promise.resolve();
  if (primeState.done) return primeState.done;
  const { api } = deps;
  primeState.state = 'running';
  primeState.done = (async () => {
    try {
      if (globalThis.caches) await globalThis.caches.delete(OLD_MODULE_CACHE).catch(() => false);
      const why = await skipReason(globalThis.navigator, api);
      if (why) {
        primeState.state = 'skipped';
        primeState.reason = why;
        return;
      }
      const pages = await readPages(api.runtime.getURL(PAGES_PATH));
      await deps.ready;
      const r = await primeWith({ extract: deps.extract, pages });
      primeState.runs = r.runs;
      primeState.ms = r.ms;
      primeState.state = 'done';
    } catch (err) {
      primeState.state = 'skipped';
      primeState.reason = (err && err.message) || String(err);
    }
    try {
      await api.storage.local.set({
        [STORAGE_KEY]: {
          version: api.runtime.getManifest().version, reason: details.reason, state: primeState.state,
          why: primeState.reason, runs: primeState.runs, ms: primeState.ms, at: new Date().toISOString(),
        },
      });
    } catch {
      // Only diagnostics.
    }
  })();
  return primeState.done;
}
