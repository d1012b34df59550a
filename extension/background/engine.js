// The Go extractor (wasm/main.go) running inside the background.
//
// Go starts once per background lifetime: startEngine() loads the module and
// resolves when Go has registered bargExtract and called bargReady. A capture
// that arrives meanwhile waits for that promise. If the Go program ever exits
// (a crash), the next call starts it again. Go keeps no state: everything
// lasting lives in the extension's storage.

import '../wasm/wasm_exec.js'; // defines globalThis.Go (copied from the Go toolchain by build.sh)
import { EXTRACT_TIMEOUT_MS, MAX_PAGE_BYTES, utf8Length, withTimeout } from './limits.js';

// The module is compiled by streaming from a fetch() of this package file,
// and only so: that is the one way Chromium's code cache keeps V8's compiled
// code for it (a Response from Cache Storage gets no cache handler, bytes
// never cache). Once V8 has optimized enough of it (prime.js sees to that
// on install), later starts load the compiled code instead of compiling.
const WASM_PATH = 'extension/wasm/barg.wasm';
// The Persian lexicon, decoded and laid out, raw-DEFLATE compressed
// (written by build.sh with shared/persian/internal/lexiconimage). Go does
// not embed it: inflating it natively here and handing it over whole spares
// the module 120 KB and each start the decoding in freshly compiled wasm.
const LEXICON_PATH = 'extension/wasm/lexicon.img';
// Go bounds each extraction itself (limits.js); this timer is a backstop
// for a Go that stopped answering.
const BACKSTOP_MS = EXTRACT_TIMEOUT_MS + 5_000;

/** @type {Promise<void>|null} */
let starting = null;

/**
 * Timings of the last start, for tests and benchmarks: epoch ms of the
 * start, of Go started (module compiled and lexicon read) and of Go ready
 * (bargReady); durations in ms of fetch+compile, of reading the lexicon
 * (both from the start, side by side), of Go's start-up to bargReady and
 * of the warm-up extraction; how the module was compiled ("streaming",
 * the path Chromium's code cache serves, or "bytes" where the browser
 * refused to stream); and "loaded" or why the lexicon was not.
 */
export const startTimings = {
  started_at: 0, compiled_at: 0, ready_at: 0, ms: 0, compile_ms: 0, init_ms: 0, warmup_ms: 0, source: '',
  lexicon_ms: 0, lexicon: '',
};

// A small Persian page extracted as soon as Go is ready: the first
// extraction runs the code paths of parsing, metadata and normalization for
// the first time, which costs far more in wasm than any later page. Doing
// it at start-up takes that cost off the first capture whenever the
// background woke for anything else first. When a capture woke it, the
// warm-up still goes first: skipping it did not make cold captures faster
// (session 2, when the lexicon was still decoded on first use: wait +
// extraction 907–1127 ms against 801–897 ms with the warm-up; session 3,
// with the lexicon image: no difference within the noise).
const WARMUP_PAGE = '<!DOCTYPE html><html lang="fa"><head><meta charset="utf-8"><title>برگ</title>' +
  '<meta property="article:published_time" content="2025-01-01T10:00:00+03:30"></head><body><nav><a href="/">خانه</a></nav>' +
  '<article><h1>برگ</h1><p>این نوشته ها را می خوانیم و کتاب های تازه را نگه می داریم. ۱۲۳ و 456</p>' +
  '<p>بند دوم برای آزمودن است که متنی کوتاه دارد و هیچ جا نمایش داده نمی شود.</p><ul><li>یک</li><li>دو</li></ul></article></body></html>';

/**
 * Starts Go once; resolves when bargExtract is ready.
 * @returns {Promise<void>}
 */
export function startEngine() {
  if (starting) return starting;
  const t0 = performance.now();
  startTimings.started_at = performance.timeOrigin + t0;
  starting = new Promise((resolve, reject) => {
    let t1 = t0;
    globalThis.bargReady = (warning) => {
      const t2 = performance.now();
      // Go runs without the lexicon rather than not at all (captures
      // still work, without ZWNJ restoration), and says why.
      startTimings.lexicon = warning ? String(warning) : 'loaded';
      if (warning) console.error('barg:', warning);
      startTimings.ready_at = performance.timeOrigin + t2;
      startTimings.ms = t2 - t0;
      startTimings.init_ms = t2 - t1;
      resolve();
      globalThis.bargExtract(WARMUP_PAGE, 'https://barg.invalid/warm-up', '{}')
        .catch(() => {})
        .finally(() => { startTimings.warmup_ms = performance.now() - t2; });
    };
    const go = new globalThis.Go();
    const lexicon = loadLexicon().then((bytes) => {
      startTimings.lexicon_ms = performance.now() - t0;
      return bytes;
    });
    const module = loadInstance(go.importObject).then((m) => {
      startTimings.compile_ms = performance.now() - t0;
      return m;
    });
    Promise.all([module, lexicon])
      .then(([{ instance, source }, lexiconBytes]) => {
        globalThis.bargLexicon = lexiconBytes; // Go takes it and deletes it
        t1 = performance.now();
        startTimings.source = source;
        startTimings.compiled_at = performance.timeOrigin + t1;
        go.run(instance).finally(() => {
          // main returned or the program crashed: start afresh next time.
          starting = null;
          delete globalThis.bargExtract;
        });
      })
      .catch((err) => {
        starting = null;
        reject(engineError(err));
      });
  });
  return starting;
}

/**
 * Compiles and instantiates the module from the package, by streaming.
 * @returns {Promise<{instance: WebAssembly.Instance, source: string}>}
 */
async function loadInstance(imports) {
  const url = chrome.runtime.getURL(WASM_PATH);
  try {
    const { instance } = await WebAssembly.instantiateStreaming(fetch(url), imports);
    return { instance, source: 'streaming' };
  } catch (err) {
    // A browser that does not serve the file as application/wasm: compile
    // from bytes (which no code cache keeps).
    if (!(err instanceof TypeError)) throw err;
    const bytes = await (await fetch(url)).arrayBuffer();
    const { instance } = await WebAssembly.instantiate(bytes, imports);
    return { instance, source: 'bytes' };
  }
}

/**
 * The lexicon image, inflated; null when it cannot be read (Go then says
 * so through bargReady and restores no ZWNJ).
 * @returns {Promise<Uint8Array|null>}
 */
async function loadLexicon() {
  try {
    const res = await fetch(chrome.runtime.getURL(LEXICON_PATH));
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    const inflated = res.body.pipeThrough(new DecompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(inflated).arrayBuffer());
  } catch (err) {
    console.error('barg: reading the Persian lexicon:', err && err.message);
    return null;
  }
}

function engineError(err) {
  const e = new Error('the extractor could not start: ' + (err && err.message ? err.message : String(err)));
  e.code = 'engine';
  return e;
}

/**
 * Extracts the article of a page with Go. Rejects with the bridge's Error
 * (err.code "no_article", "too_large", …) when there is none.
 * @param {string} html the page's HTML
 * @param {string} url the page's URL
 * @param {string} optionsJSON see extractOptions in lib/settings.js
 * @returns {Promise<object>} the article
 */
export async function extract(html, url, optionsJSON) {
  if (utf8Length(html) > MAX_PAGE_BYTES || utf8Length(optionsJSON) > 2 * MAX_PAGE_BYTES) {
    const e = new Error('page is too large');
    e.code = 'too_large';
    throw e;
  }
  await startEngine();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const e = new Error('the page took too long');
      e.code = 'timeout';
      reject(e);
    }, BACKSTOP_MS);
  });
  try {
    const json = await Promise.race([globalThis.bargExtract(html, url, withTimeout(optionsJSON)), timeout]);
    return JSON.parse(json);
  } finally {
    clearTimeout(timer);
  }
}

