// Telling the user, in words, why a page cannot be captured and what to do
// instead, where the user looks: the toolbar button's own popup, opened by
// the extension (action.setPopup for that tab, then action.openPopup), or,
// where the browser will not open it (Firefox outside the click's handler,
// browsers without openPopup), a small window of the extension like the
// preview's. Neither needs a permission. An in-page notice is no option:
// these are exactly the pages no extension may write into.

/** The page that explains a refusal (extension/refused/refused.html). */
export const REFUSED_PAGE = 'extension/refused/refused.html';

/** Why a page was refused: the kinds refused.html explains. */
export const REFUSAL_KINDS = ['scheme', 'store', 'file', 'pdf', 'type', 'error'];

/** The popup path for a refusal of the given kind on the given tab. */
export function refusedPath(kind, tabId) {
  const why = REFUSAL_KINDS.includes(kind) ? kind : 'scheme';
  return REFUSED_PAGE + '?why=' + why + (Number.isInteger(tabId) ? '&tab=' + tabId : '');
}

/**
 * Opens the explanation. Call it before any await in the click's handler
 * where possible: Firefox opens an action popup only then. The popup page
 * sets the tab's popup back to none when it opens, so that the next click
 * captures again. Resolves with where it was shown: 'popup', 'window', or
 * '' when neither could be opened.
 * @param {typeof chrome} api
 * @param {number} tabId
 * @param {string} kind one of REFUSAL_KINDS
 */
export function explainRefusal(api, tabId, kind) {
  const path = refusedPath(kind, tabId);
  const a = api.action;
  let shown;
  if (a && typeof a.setPopup === 'function' && typeof a.openPopup === 'function' && Number.isInteger(tabId)) {
    // Not awaited in between: both calls leave while the click is handled,
    // and the browser runs them in order.
    const set = a.setPopup({ tabId, popup: path });
    const open = a.openPopup();
    shown = Promise.all([set, open]).then(() => 'popup');
    shown.catch(() => a.setPopup({ tabId, popup: '' }).catch(() => {}));
  } else {
    shown = Promise.reject(new Error('no action popup'));
  }
  return shown.catch(() => openWindow(api, path));
}

function openWindow(api, path) {
  const url = api.runtime.getURL(path) + '&window=1';
  if (api.windows && typeof api.windows.create === 'function') {
    return api.windows.create({ url, type: 'popup', width: 440, height: 320 }).then(() => 'window', () => '');
  }
  return Promise.resolve('');
}
