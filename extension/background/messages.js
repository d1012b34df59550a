// The background's user-facing words. Each comes from _locales through
// chrome.i18n; the English text here is the fallback when a key is missing,
// so a message never shows up as its key. An interface language chosen in
// the settings (ui/language.js) wins over the browser's: the capture loads
// it (loadLanguage) before it speaks.

import { chosenMessages, formatMessage } from '../ui/language.js';

let chosen = null;

/** Loads the interface language chosen in the settings, if any. */
export async function loadLanguage() {
  try {
    chosen = await chosenMessages();
  } catch {
    chosen = null;
  }
}

export const FALLBACK = {
  captureSaved: 'Saved to Barg',
  captureNewVersion: 'Saved as version $1 in Barg',
  captureUnchanged: 'Unchanged since $1',
  noticeOpen: 'Open',
  noticeAddTags: 'Add tags',
  noticeTagsLabel: 'Tags, separated by commas',
  noticeTagsSave: 'Add',
  noticeTagsSaved: 'Tags added.',
  noticeUndo: 'Undo',
  noticeUndone: 'Capture removed.',
  captureWords: '$1 words',
  captureFailed: 'Barg could not capture this page',
  captureUploadNone: 'Not sent: automatic sending is off (send it from the library)',
  captureUploadQueued: 'Queued for upload',
  captureUploadSending: 'Uploading…',
  captureUploadSent: 'Uploaded',
  captureUploadFailed: 'Upload failed: $1',
  captureErrNoArticle: 'no article found on this page',
  captureErrUnsupported: 'this kind of page cannot be captured',
  captureErrFileAccess: 'this kind of page cannot be captured: allow Barg access to file URLs in the extension settings',
  captureErrStorageFull: 'storage is full',
  captureErrTooLarge: 'page is too large',
  captureErrTooLargeSize: 'this page is $1 MB and Barg captures pages up to $2 MB. To keep part of it, select that part and choose “Capture selection” from the right-click menu.',
  captureBusy: 'Capturing… $1 MB',
  captureErrNoSelection: 'select some text on the page first',
  captureErrFailed: 'the capture failed: $1',
  captureClose: 'Close',
  menuCapturePage: 'Capture this page',
  menuCaptureSelection: 'Capture selection',
  menuOpenLibrary: 'Open the library',
  menuOpenSettings: 'Settings',
};

/**
 * The message for key in the browser's language, with $1… replaced by subs.
 * @param {keyof typeof FALLBACK} key
 * @param {...(string|number)} subs
 */
export function t(key, ...subs) {
  const s = subs.map(String);
  let m = chosen ? formatMessage(chosen.messages[key], s) : '';
  if (!m) try {
    m = globalThis.chrome?.i18n?.getMessage(key, s) || '';
  } catch {
    m = '';
  }
  if (m) return m;
  return (FALLBACK[key] || key).replace(/\$(\d)/g, (_, i) => s[Number(i) - 1] ?? '');
}

/**
 * The language of the messages Barg shows (the _locales folder the browser
 * chose, which names itself in "uiLang") and its direction, so that dates
 * and numbers are written in the language of the words around them.
 */
export function uiLocale() {
  let lang = chosen ? chosen.lang : '';
  if (!lang) try {
    lang = globalThis.chrome?.i18n?.getMessage?.('uiLang') || '';
  } catch {
    lang = '';
  }
  lang = lang || globalThis.chrome?.i18n?.getUILanguage?.() || 'en';
  const base = lang.toLowerCase().split(/[-_]/)[0];
  return { lang, dir: ['fa', 'ar', 'he', 'ur', 'ps', 'ckb'].includes(base) ? 'rtl' : 'ltr' };
}
