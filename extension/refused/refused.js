// The explanation of a page Barg cannot capture (background/refused.js opens
// it as the toolbar button's popup, or in a small window): why, in words,
// and what to do instead. refused.html?why=<kind>&tab=<tab id>.
//
// Opened as the tab's popup, it sets that tab's popup back to none at once,
// so that the next click on the button captures again (after the user went
// on to another page in the same tab).

import { t, localize, loadLanguage } from '../ui/i18n.js';

/** The message keys of each refusal: why, then what to do instead. */
export const TEXTS = {
  scheme: ['refusedWhyScheme', 'refusedInsteadWeb'],
  store: ['refusedWhyStore', 'refusedInsteadWeb'],
  file: ['refusedWhyFile', 'refusedInsteadFile'],
  pdf: ['refusedWhyPdf', 'refusedInsteadPdf'],
  type: ['refusedWhyType', 'refusedInsteadWeb'],
  error: ['refusedWhyError', 'refusedInsteadError'],
};

/** The two keys for a kind from the URL; an unknown kind reads as a browser page. */
export function textsOf(kind) {
  return Object.hasOwn(TEXTS, kind) ? TEXTS[kind] : TEXTS.scheme;
}

async function main() {
  const q = new URLSearchParams(location.search);
  const tabId = Number(q.get('tab'));
  const inWindow = q.get('window') === '1';
  if (!inWindow && Number.isInteger(tabId) && chrome.action && chrome.action.setPopup) {
    chrome.action.setPopup({ tabId, popup: '' }).catch(() => {});
  }
  await loadLanguage();
  localize();
  const [why, instead] = textsOf(q.get('why'));
  document.getElementById('why').textContent = t(why);
  document.getElementById('instead').textContent = t(instead);
  document.body.dataset.why = q.get('why') || '';
  document.getElementById('close').addEventListener('click', () => window.close());
  document.getElementById('library').addEventListener('click', () => {
    chrome.tabs.create({ url: chrome.runtime.getURL('extension/library/library.html') }).finally(() => window.close());
  });
  document.getElementById('close').focus();
}

if (globalThis.document) main();
