// The capture pipeline: read the live page, extract its article with Go,
// save it, hand it to the upload outbox, and tell the user what happened.
//
// createCapturer takes everything it touches as arguments, so that the
// pipeline runs in unit tests with fakes and in the background with the
// browser's APIs.

import { refusal, isReadableType, isAccessError, isTransientAccessError } from './pages.js';
import { extractOptions } from '../lib/settings.js';
import { grabPage } from '../content/grab.js';
import { showNotice } from '../content/notice.js';
import { t, uiLocale, loadLanguage } from './messages.js';
import { factSeparator, formatDate } from '../ui/format.js';
import { readUiPrefs } from '../ui/language.js';

/** Where a capture waiting in the preview is kept (storage.session), by its id. */
export const PENDING_PREFIX = 'preview.';

const RETRY_MS = 200;
const BADGE_MS = 4000;
const NOTICE_MS = 6000;
const UPLOAD_WAIT_MS = 1500;

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
    case 'too_large': return t('captureErrTooLarge');
    case 'no_selection': return t('captureErrNoSelection');
  }
  if (err && err.name === 'QuotaExceededError') return t('captureErrStorageFull');
  return t('captureErrFailed', (err && err.message) || String(err));
}

/** The notice's line for an upload state from outbox.status. */
export function uploadLine(st) {
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
 * }} deps
 */
export function createCapturer(deps) {
  const { api, extract, store, outbox, readSettings } = deps;

  async function grab(tabId, withSelection) {
    const inject = () => api.scripting.executeScript({ target: { tabId }, func: grabPage, args: [withSelection] });
    let res;
    try {
      res = await inject();
    } catch (err) {
      if (!isTransientAccessError(err && err.message)) throw err;
      // Right after a click the grant can lag behind under load: once more.
      await new Promise((r) => setTimeout(r, RETRY_MS));
      res = await inject();
    }
    const page = res && res[0] && res[0].result;
    if (page && page.tooLarge) throw codedError('too_large', t('captureErrTooLarge'));
    if (!page || typeof page.html !== 'string') throw codedError('unsupported', t('captureErrUnsupported'));
    return page;
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
    let result;
    let lastError = null;
    // Read the settings (and the interface language) while the page is read.
    const settingsRead = readSettings();
    settingsRead.catch(() => {});
    const languageRead = loadLanguage().catch(() => {});
    const prefsRead = opts.noPreview ? Promise.resolve(null) : readUiPrefs(api.storage && api.storage.local).catch(() => null);
    try {
      let tab = opts.tab;
      if (!tab) tab = await api.tabs.get(tabId).catch(() => null);
      const url = tab && (tab.url || tab.pendingUrl);
      const why = refusal(url, { fileAccess: url && url.startsWith('file:') ? await fileAccess() : false });
      if (why === 'file') throw codedError('file_access', t('captureErrFileAccess'));
      if (why) throw codedError('unsupported', t('captureErrUnsupported'));

      let page;
      try {
        page = await grab(tabId, withSelection);
      } catch (err) {
        if (err && err.code) throw err;
        if (isAccessError(err && err.message)) throw codedError('unsupported', t('captureErrUnsupported'));
        throw err;
      }
      tm.grabbed_at = epochMs();
      if (!isReadableType(page.contentType)) throw codedError('unsupported', t('captureErrUnsupported'));
      if (withSelection && !page.selection) throw codedError('no_selection', t('captureErrNoSelection'));
      if (refusal(page.url) === 'scheme') throw codedError('unsupported', t('captureErrUnsupported'));

      const settings = await settingsRead;
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
        bytes: page.html.length,
        upload: { state: 'none' },
      };
      // An unchanged capture added nothing: there is nothing new to send.
      if (!unchanged) {
        keepImages(record);
        result.upload = await afterCapture(record);
      }
    } catch (err) {
      lastError = err;
      result = {
        ok: false,
        tab_id: tabId,
        selection: withSelection,
        code: (err && err.code) || 'error',
        error: failureMessage(err),
      };
    }
    await languageRead;
    if (!result.ok) result.error = failureMessage(lastError);
    tm.done_at = epochMs();
    result.timings = timingsOf(tm);
    if (deps.onResult) deps.onResult(result);
    if (opts.notify !== false) tell(tabId, result);
    return result;
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
      if (!result.unchanged) lines.push(uploadLine(result.upload));
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
    if (result.code === 'unsupported' || result.code === 'file_access') return; // no page to show it in
    api.scripting.executeScript({
      target: { tabId },
      func: showNotice,
      args: [{ ...notice, dir, lang, close: t('captureClose'), ms: NOTICE_MS }],
    }).catch(() => {});
  }

  function badge(tabId, ok) {
    const a = api.action;
    if (!a) return;
    const opts = tabId != null ? { tabId } : {};
    Promise.all([
      a.setBadgeText({ ...opts, text: ok ? '✓' : '!' }),
      a.setBadgeBackgroundColor({ ...opts, color: ok ? '#2e7d32' : '#c62828' }),
      typeof a.setBadgeTextColor === 'function' ? a.setBadgeTextColor({ ...opts, color: '#ffffff' }) : null,
    ]).catch(() => {});
    setTimeout(() => { a.setBadgeText({ ...opts, text: '' }).catch(() => {}); }, BADGE_MS);
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
  if (tm.grabbed_at) out.grab_ms = round(tm.grabbed_at - tm.clicked_at);
  if (tm.extracted_at) out.extract_ms = round(tm.extracted_at - tm.grabbed_at - (tm.go_wait_ms || 0));
  if (tm.saved_at) {
    out.save_ms = round(tm.saved_at - tm.extracted_at);
    out.to_saved_ms = round(tm.saved_at - tm.clicked_at);
  }
  out.total_ms = round(tm.done_at - tm.clicked_at);
  return out;
}
