// Barg's background: the service worker in Chromium, the event page in
// Firefox (both load this module; see manifest.json).
//
// At every start it begins loading the Go extractor, registers its listeners
// synchronously (so the event that woke it is delivered), and starts the
// upload outbox. It keeps nothing that matters in memory: articles live in
// IndexedDB (lib/store.js), settings and the outbox in storage.local.

// The modules the background's own imports import, named here too: the
// browser then fetches the whole graph in two rounds instead of three,
// which starts Go sooner after a cold click.
import '../wasm/wasm_exec.js';
import './pages.js';
import '../content/grab.js';
import '../content/notice.js';
import '../ui/format.js';
import '../upload/backoff.js';
import '../upload/config.js';
import * as store from '../lib/store.js';
import * as outbox from '../upload/outbox.js';
import { readSettings } from '../lib/settings.js';
import { keepImages } from '../lib/assets.js';
import { startEngine, extract, startTimings } from './engine.js';
import { createCapturer } from './capture.js';
import { createTools } from './tools.js';
import { primeOnInstall, primeState } from './prime.js';
import { MENU_PAGE, MENU_SELECTION, MENU_LIBRARY, MENU_SETTINGS, createMenus, watchMenuLanguage } from './menus.js';
import { PURGE_ALARM, purgeDue } from '../lib/purge.js';

const api = globalThis.chrome;

const RESULTS_KEPT = 50;

// Go starts now, in parallel with whatever woke the background.
const ready = startEngine();
ready.catch((err) => console.error('barg:', err.message));
// The library's database opens meanwhile too: a capture that woke the
// background then saves into an open database.
store.openDB().catch((err) => console.error('barg: store:', err && err.message));

/** Finished captures of this background's lifetime, oldest first. */
const results = [];
const waiters = [];
let total = 0; // captures finished in this lifetime

function onResult(result) {
  results.push(result);
  if (results.length > RESULTS_KEPT) results.splice(0, results.length - RESULTS_KEPT);
  total++;
  for (const w of waiters.splice(0)) {
    if (total >= w.n) w.resolve(result);
    else waiters.push(w);
  }
}

// Site rules and templates (tools.js): Go's, through messages and hooks.
const tools = createTools({ api, ready: () => ready.catch(() => startEngine()) });
if (typeof outbox.setPayloadRenderer === 'function') outbox.setPayloadRenderer(tools.payload);

const capturer = createCapturer({
  api,
  extract,
  store,
  outbox,
  readSettings: async () => ({ ...(await readSettings(api.storage.local)), rules: await tools.captureRules() }),
  goWait: () => ready.catch(() => startEngine()),
  onResult,
  keepImages: (record) => trackImages(record.id, keepImages(record, { store, storage: api.storage.local, permissions: api.permissions })),
});

/** Captures whose images are being kept, by record id (the tests wait on them). */
const keeping = new Map();

function trackImages(id, work) {
  keeping.set(id, work);
  const forget = () => { if (keeping.get(id) === work) keeping.delete(id); };
  work.then(forget, forget);
  return work;
}

/** Captures a tab; the result also lands in barg.lastResult. */
function captureTab(tabId, opts = {}) {
  return capturer.captureTab(tabId, opts);
}

api.action.onClicked.addListener((tab) => {
  captureTab(tab.id, { tab, clickedAt: performance.timeOrigin + performance.now() });
});

api.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_LIBRARY) {
    api.tabs.create({ url: api.runtime.getURL('extension/library/library.html') });
    return;
  }
  if (info.menuItemId === MENU_SETTINGS) {
    api.runtime.openOptionsPage();
    return;
  }
  if (!tab || tab.id == null || tab.id < 0) return;
  if (info.menuItemId === MENU_PAGE) {
    captureTab(tab.id, { tab });
  } else if (info.menuItemId === MENU_SELECTION) {
    captureTab(tab.id, { tab, selection: true });
  }
});

api.runtime.onInstalled.addListener((details) => {
  // Once, on install: what Barg does and where the library is.
  if (details && details.reason === 'install') api.tabs.create({ url: api.runtime.getURL('extension/welcome/welcome.html') }).catch(() => {});
  // Menus persist across background restarts; (re)create them on install and update.
  makeMenus();
  purgeDeleted();
});

/** The context menus in the interface language (menus.js). */
function makeMenus() {
  createMenus(api).catch((err) => console.error('barg: menus:', err && err.message));
}
watchMenuLanguage(api);

/**
 * Removes for good the entries deleted more than the undo time ago
 * (lib/purge.js): when the alarm a delete set rings, and at browser start
 * in case it was lost, so that no library page need be open.
 */
function purgeDeleted() {
  purgeDue(store, api.alarms).catch((err) => console.error('barg: purge:', err && err.message));
}
api.alarms?.onAlarm.addListener((alarm) => {
  if (alarm.name === PURGE_ALARM) purgeDeleted();
});
api.runtime.onStartup?.addListener(() => {
  makeMenus();
  purgeDeleted();
});

// On install and update, V8's code cache for the module is primed
// (prime.js), so that later cold starts load compiled code.
api.runtime.onInstalled.addListener((details) => {
  primeOnInstall(details, { api, extract, ready });
});

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || !msg || typeof msg.type !== 'string') return false;
  let work;
  if (msg.type === 'capture' && Number.isInteger(msg.tabId)) {
    work = captureTab(msg.tabId, { selection: Boolean(msg.selection) });
  } else if (msg.type.startsWith('library.') && (work = capturer.libraryAction(msg))) {
    // answered below
  } else if (msg.type.startsWith('tools.')) {
    work = tools.handle(msg);
  } else if (msg.type.startsWith('upload.') && typeof outbox.handleMessage === 'function') {
    work = Promise.resolve().then(() => outbox.handleMessage(msg, sender));
  } else {
    return false;
  }
  work.then(
    (res) => sendResponse(res),
    (err) => sendResponse({ ok: false, error: (err && err.message) || String(err) }),
  );
  return true; // the answer comes later
});

try {
  const started = outbox.init();
  if (started && typeof started.catch === 'function') started.catch((err) => console.error('barg: outbox:', err));
} catch (err) {
  console.error('barg: outbox:', err);
}

/**
 * Test hooks, read by the end-to-end tests through CDP (e2e/harness_test.go).
 * They expose nothing a page can reach: only code running in the background
 * sees globalThis.
 */
globalThis.barg = {
  ready,
  captureTab,
  store,
  get lastResult() { return results.length ? results[results.length - 1] : null; },
  get results() { return results.slice(); },
  get timings() { return results.map((r) => r.timings); },
  get engine() { return { ...startTimings }; },
  /** Resolves with what priming did in this lifetime (prime.js) once it is over. */
  primed() { return Promise.resolve(primeState.done).then(() => { const { done, ...st } = primeState; return st; }); },
  /** Resolves when the images of a capture are kept (or were not to be), with its record's assets or null. */
  imagesKept(id) { return Promise.resolve(keeping.get(id)).then((x) => x ?? null); },
  /** Resolves with the n-th result of this lifetime (1-based) once it exists. */
  waitCapture(n) {
    if (total >= n) return Promise.resolve(results[results.length - 1 - (total - n)] || results[results.length - 1]);
    return new Promise((resolve) => waiters.push({ n, resolve }));
  },
};
