// Translation and page direction for Barg's own pages.
//
// Every visible string comes from _locales/<lang>/messages.json through
// chrome.i18n.getMessage, or, when the user chose an interface language in
// the settings (ui/language.js), from that language's messages.json: pages
// await loadLanguage() before localize(). Static text in the HTML is marked
// with data-i18n attributes and filled in by localize(); scripts call t()
// directly.

import { chosenMessages, formatMessage } from './language.js';

const RTL_LANGS = new Set(['fa', 'ar', 'he', 'ur', 'ps', 'ckb', 'sd', 'ug', 'yi', 'dv']);

/** The chosen language's messages, once loadLanguage() found one. */
let chosen = null;

/** Loads the interface language chosen in the settings, if any (before localize()). */
export async function loadLanguage() {
  try {
    chosen = await chosenMessages();
  } catch {
    chosen = null;
  }
  return chosen ? chosen.lang : uiLanguage();
}

/** The message for key, with $1… substitutions; the key itself when missing (so a gap shows). */
export function t(key, ...subs) {
  if (chosen) return formatMessage(chosen.messages[key], subs.map(String)) || key;
  const msg = globalThis.chrome?.i18n?.getMessage(key, subs.map(String));
  return msg || key;
}

/**
 * The language of the messages the page shows, as a BCP 47 tag ("fa",
 * "en"). Each messages.json names its own language in the "uiLang" message,
 * so layout direction and date formats always match the text, even where
 * the browser picked the message locale from other settings than
 * chrome.i18n.getUILanguage() reports (as headless Chromium does).
 */
export function uiLanguage() {
  if (chosen) return chosen.lang;
  return (
    globalThis.chrome?.i18n?.getMessage?.('uiLang') ||
    globalThis.chrome?.i18n?.getUILanguage?.() ||
    globalThis.navigator?.language ||
    'en'
  );
}

/** "rtl" for languages written right to left, else "ltr". */
export function directionOf(lang) {
  const base = String(lang || '').toLowerCase().split(/[-_]/)[0];
  return RTL_LANGS.has(base) ? 'rtl' : 'ltr';
}

/**
 * Sets <html lang dir> from the UI language and fills every element carrying
 * data-i18n (text), data-i18n-placeholder, data-i18n-title or
 * data-i18n-aria-label under root.
 */
export function localize(root = document) {
  const lang = uiLanguage();
  const html = document.documentElement;
  html.lang = lang;
  html.dir = directionOf(lang);
  if (root === document) {
    const title = document.querySelector('title[data-i18n]');
    if (title) document.title = t(title.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const [attr, name] of [['i18nPlaceholder', 'placeholder'], ['i18nTitle', 'title'], ['i18nAriaLabel', 'aria-label']]) {
    const sel = '[data-' + attr.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()) + ']';
    for (const el of root.querySelectorAll(sel)) el.setAttribute(name, t(el.dataset[attr]));
  }
}
