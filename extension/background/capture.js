// The capture pipeline: read the live page, extract its article with Go,
// save it, hand it to the upload outbox, and tell the user what happened.
//
// createCapturer takes everything it touches as arguments, so that the
// pipeline runs in unit tests with fakes and in the background with the
// browser's APIs.

import { refusal, isReadableType, isAccessError, isTransientAccessError, refusalKind } from './pages.js';
import { extractOptions } from '../lib/settings.js';
import { grabPage } from '../content/grab.js';
import { showNotice } from '../content/notice.js';
import { t, uiLocale, loadLanguage } from './messages.js';
import { MAX_PAGE_BYTES, NOTICE_BYTES, megabytes } from './limits.js';
import { explainRefusal } from './refused.js';
import { factSeparator, formatDate } from '../ui/format.js';
import { readUiPrefs } from '../ui/language.js';

/** Where a capture waiting in the preview is kept (storage.session), by its id. */
export const PENDING_PREFIX = 'preview.';

// Waits before the grab is tried again after a transient refusal or no
// result: 1.7 s in all. One retry after 200 ms was not always enough on a
// loaded machine (CI, twice, on the first capture after the browser started).
const RETRY_DELAYS_MS = [200, 500, 1000];
const BADGE_MS = 4000;
const NOTICE_MS = 6000;
const UPLOAD_WAIT_MS = 1500;
// The "Capturing…" notice outlives any capture (Go's bound is 10 s, its
// backstop 15 s): the result's notice replaces it long before.
const BUSY_NOTICE_MS = 60_000;

/** The badge while a capture is at work, from the click on. */
export const BUSY_BADGE = '…';

/** An Error with a code the rest of the extension can test. */
export function codedError(code, message) {
  const e = new Error(message);
  e.code = code;
  return e;
}

/**
 * The plain words for a failed capture, from the error's code.
 * @param {{code?: string, message?: string}} err
 */
export function failureMessage(err) {
  switch (err && err.code) {
    case 'no_article': return t('captureErrNoArticle');
    case 'unsupported': return t('captureErrUnsupported');
    case 'file_access': return t('captureErrFileAccess');
    case 'quota': return t('captureErrStorageFull');
    case 'too_large':
      if (err.bytes > 0) return t('captureErrTooLargeSize', megabytes(err.bytes, uiLocale().lang), megabytes(MAX_PAGE_BYTES, uiLocale().lang));
      return t('captureErrTooLarge');
    case 'no_selection': return t('captureErrNoSelection');
  }
  if (err && err.name === 'QuotaExceededError') return t('captureErrStorageFull');
  return t('captureErrFailed', (err && err.message) || String(err));
}

/**
 * The notice's line for an upload state from outbox.status; empty when no
 * endpoint is configured (nothing was meant to be sent, so nothing is said).
 */
export function uploadLine(st, endpoint = true) {
  if (!endpoint) return '';
  switch (st && st.state) {
    case 'queued': return t('captureUploadQueued');
    case 'sending': return t('captureUploadSending');
    case 'sent': return t('captureUploadSent');
    case 'failed': return t('captureUploadFailed', st.error || '');
    default: return t('captureUploadNone');
  }
}

function epochMs() {
  return performance.timeOrigin + performance.now();
}

function round(ms) {
  return Math.round(ms * 10) / 10;
}

/**
 * @param {{
 *   api: typeof chrome,
 *   extract: (html: string, url: string, optionsJSON: string) => Promise<object>,
 *   store: {saveArticle: (a: object, o?: object) => Promise<{record: object, entry?: object, updated: boolean, unchanged?: boolean, since?: string}>,
 *     removeCapture?: (id: string) => Promise<boolean>, addTags?: (ids: string[], tags: string[]) => Promise<void>},
 *   outbox: {afterCapture?: Function, status?: Function},
 *   readSettings: () => Promise<{normalize: boolean, digits: string}>,
 *   goWait?: () => Promise<void>,
 *   onResult?: (result: object) => void,
 *   keepImages?: (record: object) => Promise<unknown>,
 *   retryDelaysMs?: number[],
 * }} deps
 */
export function createCapturer(deps) {
  const { api, extract, store, outbox, readSettings } = deps;
  /** Per tab, the timer that clears the result's badge. */
  const badgeTimers = new Map();

  async function inject(tabId, func, args) {
    // injectImmediately: the page has loaded (the user saw it); without it
    // the browser waits for the page's idle time, which a busy large page
    // (7 MB, 57,000 paragraphs) put 400 ms after the click under load.
    const run = async () => {
      const res = await api.scripting.executeScript({ target: { tabId }, func, args, injectImmediately: true });
      return res && res[0] && res[0].result;
    };
    // Right after a click the grant can lag behind under load (an access
    // error), or the script ran in a document being replaced and gave no
    // result (seen in CI on a loaded machine): tried again, a few times.
    const delays = deps.retryDelaysMs || RETRY_DELAYS_MS;
    for (let attempt = 0; ; attempt++) {
      let result;
      try {
        result = await run();
      } catch (err) {
        if (!isTransientAccessError(err && err.message) || attempt >= delays.length) {
          if (err && typeof err === 'object') err.attempts = attempt + 1;
          throw err;
        }
      }
      if (result != null) return result;
      if (attempt >= delays.length) {
        const e = codedError('unsupported', t('captureErrUnsupported'));
        e.detail = `the page script gave no result (${attempt + 1} tries)`;
        throw e;
      }
      await new Promise((r) => setTimeout(r, delays[attempt]));
    }
  }

  function tooLarge(bytes) {
    const e = codedError('too_large', t('captureErrTooLarge'));
    e.bytes = bytes;
    return e;
  }

  /**
   * Reads the page with one script (content/grab.js): a page that arrived
   * over the limit is refused before anything is serialized or copied (a
   * selection is still read: only the selection and the page's head are
   * sent then), and a large page gets the "Capturing…" notice, painted
   * before the page is serialized (which takes its main thread a while).
   */
  async function grab(tabId, withSelection, state) {
    const busy = state.notify ? await busyText(state) : null;
    const page = await inject(tabId, grabPage, [withSelection, MAX_PAGE_BYTES, busy]);
    if (page.shown) state.notified = true;
    state.contentType = page.contentType;
    if (!isReadableType(page.contentType)) throw unsupported('type', page.contentType);
    if (page.tooLarge) throw tooLarge(page.tooLarge);
    if (typeof page.html !== 'string') throw codedError('unsupported', t('captureErrUnsupported'));
    // A page its scripts made large: Go will take a while, say so now.
    if (state.notify && !state.notified && page.bytes > NOTICE_BYTES) busyNotice(tabId, page.bytes, state);
    return page;
  }

  /** Shows "Capturing… N MB" in the page (until the result replaces it). */
  async function busyNotice(tabId, bytes, state) {
    state.notified = true;
    await languageReady(state);
    const { lang, dir } = uiLocale();
    const notice = { ok: true, busy: true, heading: t('captureBusy', megabytes(bytes, lang)), lines: [], dir, lang, close: t('captureClose'), ms: BUSY_NOTICE_MS };
    await api.scripting.executeScript({ target: { tabId }, func: showNotice, args: [notice], injectImmediately: true }).catch(() => {});
    if (!state.tm.noticed_at) state.tm.noticed_at = epochMs();
  }

  /** What grabPage needs to put up the "Capturing…" notice itself. */
  async function busyText(state) {
    await languageReady(state);
    const { lang, dir } = uiLocale();
    return { text: t('captureBusy', '$1'), minBytes: NOTICE_BYTES, lang, dir, close: t('captureClose') };
  }

  function languageReady(state) {
    return state.languageRead || Promise.resolve();
  }

  /** The refusal of a page Barg cannot read; kind says why (pages.js refusalKind). */
  function unsupported(kind, contentType) {
    const e = codedError('unsupported', t('captureErrUnsupported'));
    e.kind = refusalKind(kind, contentType);
    return e;
  }

  async function fileAccess() {
    try {
      return Boolean(await api.extension.isAllowedFileSchemeAccess());
    } catch {
      return false;
    }
  }

  /**
   * Captures the tab. opts.selection captures only the selected part;
   * opts.tab is the tab object when the caller has it (its URL decides
   * whether to try); opts.clickedAt is when the user acted (epoch ms).
   * Never rejects: the result says what happened.
   */
  async function captureTab(tabId, opts = {}) {
    const withSelection = Boolean(opts.selection);
    const tm = { clicked_at: opts.clickedAt || epochMs() };
    // Work in progress shows from the click on.
    if (opts.notify !== false) badge(tabId, 'busy');
    let result;
    let lastError = null;
    // Read the settings (and the interface language) while the page is read.
    const settingsRead = readSettings();
    settingsRead.catch(() => {});
    const languageRead = loadLanguage().catch(() => {});
    const state = { languageRead, notified: false, contentType: '', tm, notify: opts.notify !== false };
    const prefsRead = opts.noPreview ? Promise.resolve(null) : readUiPrefs(api.storage && api.storage.local).catch(() => null);
    try {
      let tab = opts.tab;
      if (!tab) tab = await api.tabs.get(tabId).catch(() => null);
      const url = tab && (tab.url || tab.pendingUrl);
      // Decided before any await when the URL tells (not for file: URLs):
      // Firefox opens the action's popup only while the click is handled.
      const why = refusal(url, { fileAccess: url && url.startsWith('file:') ? await fileAccess() : false });
      if (why === 'file') {
        const e = codedError('file_access', t('captureErrFileAccess'));
        e.kind = 'file';
        throw e;
      }
      if (why) {
        const e = unsupported(why);
        e.detail = `refused by the tab's URL, ${String(url).slice(0, 80)}`;
        throw e;
      }

      let page;
      try {
        page = await grab(tabId, withSelection, state);
      } catch (err) {
        if (err && err.code) throw err;
        if (isAccessError(err && err.message)) {
          const e = unsupported(/error page/i.test(String(err && err.message)) ? 'error' : 'scheme');
          e.detail = `${err.message} (${err.attempts || 1} tries)`;
          throw e;
        }
        throw err;
      }
      tm.grabbed_at = epochMs();
      if (!isReadableType(page.contentType)) throw unsupported('type', page.contentType);
      if (withSelection && !page.selection) throw codedError('no_selection', t('captureErrNoSelection'));
      if (refusal(page.url) === 'scheme') throw unsupported('scheme');

      const settingsWait = epochMs();
      const settings = await settingsRead;
      tm.settings_wait_ms = round(epochMs() - settingsWait);
      const goStart = epochMs();
      if (deps.goWait) await deps.goWait();
      tm.go_wait_ms = round(epochMs() - goStart);
      const optionsJSON = extractOptions(settings, { selection: withSelection ? page.selection : null });
      const article = await extract(page.html, page.url, optionsJSON);
      tm.extracted_at = epochMs();
      // The library's capture time, to the millisecond: versions captured
      // within one second keep their order.
      const capturedAt = new Date().toISOString();
      const prefs = await prefsRead;
      if (prefs && prefs.capture_mode === 'preview' && api.storage && api.storage.session) {
        // Preview first: the article waits in session storage until the
        // preview saves it (libraryAction 'library.savePreview') or drops it.
        const pending = crypto.randomUUID();
        await api.storage.session.set({ [PENDING_PREFIX + pending]: { article, selection: withSelection, captured_at: capturedAt, tab_id: tabId } });
        await openPreview(pending);
        tm.done_at = epochMs();
        result = { ok: true, preview: pending, tab_id: tabId, selection: withSelection, title: article.title || '', timings: timingsOf(tm) };
        if (deps.onResult) deps.onResult(result);
        return result;
      }
      const { record, entry, updated, unchanged, since } = await store.saveArticle(article, { selection: withSelection, capturedAt });
      tm.saved_at = epochMs();
      result = {
        ok: true,
        tab_id: tabId,
        id: record.id,
        entry_id: (entry && entry.id) || record.entry_id || record.id,
        capture_id: record.capture_id,
        updated: Boolean(updated),
        unchanged: Boolean(unchanged),
        since: since || '',
        versions: entry && entry.versions ? entry.versions.length : 1,
        selection: withSelection,
        title: article.title || '',
        published: article.published || '',
        lang: article.lang || '',
        dir: article.dir || '',
        words: article.word_count || 0,
        bytes: page.bytes || page.html.length,
        upload: { state: 'none' },
        endpoint: false,
      };
      // An unchanged capture added nothing: there is nothing new to send.
      if (!unchanged) {
        keepImages(record);
        result.upload = await afterCapture(record);
      }
      result.endpoint = await hasEndpoint();
    } catch (err) {
      lastError = err;
      result = {
        ok: false,
        tab_id: tabId,
        selection: withSelection,
        code: (err && err.code) || 'error',
        error: failureMessage(err),
      };
      if (err && err.kind) result.kind = err.kind;
      // What the browser said, for a bug report; never shown as the message.
      if (err && err.detail) result.detail = err.detail;
      if (err && err.bytes) result.bytes = err.bytes;
      // Pages Barg cannot read get their explanation where the user looks:
      // the toolbar button's popup (or a small window). Started before any
      // await when the URL told at once, which keeps Firefox's click.
      if (err && err.kind && opts.notify !== false) result.explained = explainRefusal(api, tabId, err.kind);
    }
    await languageRead;
    if (!result.ok) result.error = failureMessage(lastError);
    tm.done_at = epochMs();
    result.timings = timingsOf(tm);
    if (result.explained) result.explained = await result.explained;
    if (deps.onResult) deps.onResult(result);
    if (opts.notify !== false) tell(tabId, result);
    return result;
  }

  /** Whether an upload endpoint is configured (the notice speaks of uploads only then). */
  async function hasEndpoint() {
    try {
      return typeof outbox.hasEndpoint === 'function' ? Boolean(await outbox.hasEndpoint()) : true;
    } catch {
      return false;
    }
  }

  // Hands the record to the outbox and reports its upload state, waiting
  // a moment at most: a slow endpoint must not hold the notice back.
  async function afterCapture(record) {
    try {
      if (typeof outbox.afterCapture === 'function') {
        await Promise.race([outbox.afterCapture(record), new Promise((r) => setTimeout(r, UPLOAD_WAIT_MS))]);
      }
      if (typeof outbox.status === 'function') {
        const st = await outbox.status([record.id]);
        if (st && st[record.id]) return st[record.id];
      }
    } catch (err) {
      return { state: 'failed', error: (err && err.message) || String(err) };
    }
    return { state: 'none' };
  }

  // The article's images, when the user keeps them (lib/assets.js): fetched
  // after the save, so that neither the notice nor the upload waits for them.
  function keepImages(record) {
    if (!deps.keepImages) return;
    Promise.resolve()
      .then(() => deps.keepImages(record))
      .catch((err) => console.warn('barg: keeping images:', (err && err.message) || err));
  }

  function tell(tabId, result) {
    badge(tabId, result.ok);
    const { lang, dir } = uiLocale();
    let notice;
    if (result.ok) {
      const lines = [result.title];
      const date = formatDate(result.published, lang, { month: 'long' });
      lines.push([date, t('captureWords', result.words.toLocaleString(lang))].filter(Boolean).join(factSeparator(lang)));
      if (!result.unchanged) lines.push(uploadLine(result.upload, result.endpoint));
      const heading = result.unchanged
        ? t('captureUnchanged', formatDate(result.since, lang, { month: 'long', time: true }))
        : t(result.updated ? 'captureNewVersion' : 'captureSaved', result.versions.toLocaleString(lang));
      notice = {
        ok: true,
        heading,
        lines,
        // Acting on the capture after the fact; the notice sends these back
        // to the background as runtime messages (see libraryAction).
        actions: {
          entry: result.entry_id,
          capture: result.unchanged ? '' : result.id,
          open: t('noticeOpen'),
          tags: t('noticeAddTags'),
          tagsLabel: t('noticeTagsLabel'),
          tagsSave: t('noticeTagsSave'),
          tagsSaved: t('noticeTagsSaved'),
          undo: result.unchanged ? '' : t('noticeUndo'),
          undone: t('noticeUndone'),
        },
      };
    } else {
      notice = { ok: false, heading: t('captureFailed'), lines: [result.error] };
    }
    if (result.kind) return; // no page to show it in: the popup explained (explainRefusal)
    api.scripting.executeScript({
      target: { tabId },
      func: showNotice,
      args: [{ ...notice, dir, lang, close: t('captureClose'), ms: NOTICE_MS }],
    }).catch(() => {});
  }

  /** The toolbar badge of the tab: 'busy' while at work, then ✓ or ! for a while. */
  function badge(tabId, ok) {
    const a = api.action;
    if (!a) return;
    const opts = tabId != null ? { tabId } : {};
    const key = tabId != null ? tabId : -1;
    clearTimeout(badgeTimers.get(key)); // an older capture's clearing must not hide this one
    badgeTimers.delete(key);
    const busy = ok === 'busy';
    const text = busy ? BUSY_BADGE : ok ? '✓' : '!';
    const color = busy ? '#1565c0' : ok ? '#2e7d32' : '#c62828';
    Promise.all([
      a.setBadgeText({ ...opts, text }),
      a.setBadgeBackgroundColor({ ...opts, color }),
      typeof a.setBadgeTextColor === 'function' ? a.setBadgeTextColor({ ...opts, color: '#ffffff' }) : null,
    ]).catch(() => {});
    if (busy) return; // the result replaces it
    badgeTimers.set(key, setTimeout(() => {
      badgeTimers.delete(key);
      a.setBadgeText({ ...opts, text: '' }).catch(() => {});
    }, BADGE_MS));
  }

  function openPreview(pending) {
    const url = api.runtime.getURL('extension/preview/preview.html') + '?id=' + encodeURIComponent(pending);
    if (api.windows && api.windows.create) {
      return api.windows.create({ url, type: 'popup', width: 560, height: 720 }).catch(() => api.tabs.create({ url }));
    }
    return api.tabs.create({ url });
  }

  /** Saves a capture waiting in the preview, with the tags and note typed there. */
  async function savePreview(msg) {
    const key = PENDING_PREFIX + String(msg.id || '');
    const got = await api.storage.session.get(key);
    const p = got && got[key];
    if (!p) return { ok: false, error: 'this preview was already saved or closed' };
    const saved = await store.saveArticle(p.article, { selection: p.selection, capturedAt: p.captured_at });
    const entryId = (saved.entry && saved.entry.id) || saved.record.entry_id;
    const tags = Array.isArray(msg.tags) ? msg.tags.map(String) : [];
    if (tags.length && store.addTags) await store.addTags([entryId], tags);
    const note = typeof msg.note === 'string' ? msg.note.trim() : '';
    if (note && store.updateEntry) {
      const old = (saved.entry && saved.entry.note) || '';
      if (!old.includes(note)) await store.updateEntry(entryId, { note: old ? old + '\n\n' + note : note });
    }
    await api.storage.session.remove(key);
    if (!saved.unchanged) keepImages(saved.record);
    // "Save" hands it to the outbox as a capture would (sent when automatic
    // sending is on); "Save and send" sends it now, whatever that setting.
    if (!saved.unchanged) {
      if (msg.send && typeof outbox.sendNow === 'function') await outbox.sendNow([saved.record.id]).catch(() => {});
      else await afterCapture(saved.record);
    }
    badge(p.tab_id, true);
    return { ok: true, id: saved.record.id, entry_id: entryId, unchanged: Boolean(saved.unchanged), since: saved.since || '', updated: Boolean(saved.updated) };
  }

  /**
   * What the notice's buttons ask for, as runtime messages from the page
   * (the notice runs in the extension's isolated world there):
   *   {type: 'library.open', id}            open the entry in the reader
   *   {type: 'library.addTags', id, tags}   add tags to an entry
   *   {type: 'library.undoCapture', id}     remove a capture just made
   * and the preview's:
   *   {type: 'library.savePreview', id, tags, note, send}  save a previewed capture
   *   {type: 'library.cancelPreview', id}   drop it
   * Returns a Promise of the answer, or null for another message.
   */
  function libraryAction(msg) {
    const id = typeof msg.id === 'string' ? msg.id : '';
    switch (msg.type) {
      case 'library.open':
        return api.tabs.create({ url: api.runtime.getURL('extension/reader/reader.html') + (id ? '?id=' + encodeURIComponent(id) : '') })
          .then(() => ({ ok: true }));
      case 'library.openLibrary':
        return api.tabs.create({ url: api.runtime.getURL('extension/library/library.html') }).then(() => ({ ok: true }));
      case 'library.addTags':
        if (!id || !Array.isArray(msg.tags)) return Promise.resolve({ ok: false, error: 'bad message' });
        return store.addTags([id], msg.tags.map(String)).then(() => ({ ok: true }));
      case 'library.undoCapture':
        if (!id) return Promise.resolve({ ok: false, error: 'bad message' });
        return store.removeCapture(id).then((ok) => ({ ok }));
      case 'library.savePreview':
        return savePreview(msg);
      case 'library.cancelPreview':
        return api.storage.session.remove(PENDING_PREFIX + id).then(() => ({ ok: true }));
      default:
        return null;
    }
  }

  return { captureTab, libraryAction };
}

function timingsOf(tm) {
  const out = { ...tm };
  if (tm.noticed_at) out.notice_ms = round(tm.noticed_at - tm.clicked_at);
  if (tm.grabbed_at) out.grab_ms = round(tm.grabbed_at - tm.clicked_at);
  if (tm.extracted_at) out.extract_ms = round(tm.extracted_at - tm.grabbed_at - (tm.go_wait_ms || 0));
  if (tm.saved_at) {
    out.save_ms = round(tm.saved_at - tm.extracted_at);
    out.to_saved_ms = round(tm.saved_at - tm.clicked_at);
  }
  out.total_ms = round(tm.done_at - tm.clicked_at);
  return out;
}
