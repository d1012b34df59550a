// The interface language the user chose in the settings, independent of the
// browser's ("auto" follows the browser). chrome.i18n always answers in the
// browser's language, so for a chosen one the pages and the background read
// that language's _locales/<lang>/messages.json themselves and format its
// messages as chrome.i18n would ($1…$9 and named $PLACEHOLDERS$).
//
// Stored in storage.local under "ui": {lang: "auto"|"en"|"fa", capture_mode:
// "save"|"preview"}, apart from the capture settings, whose page keeps only
// its own keys. capture_mode is what a click on Barg's button does: save at
// once (the default) or show a preview first (background/capture.js).

export const UI_KEY = 'ui';
/** The languages Barg's interface is written in. */
export const LANGS = ['en', 'fa'];

/** The stored interface preferences, with defaults. */
export function uiPrefs(raw) {
  const s = raw && typeof raw === 'object' ? raw : {};
  return { ...s, lang: LANGS.includes(s.lang) ? s.lang : 'auto', capture_mode: s.capture_mode === 'preview' ? 'preview' : 'save' };
}

/** Reads the interface preferences from storage.local. */
export async function readUiPrefs(storage = globalThis.chrome?.storage?.local) {
  if (!storage) return uiPrefs(null);
  const got = await storage.get(UI_KEY);
  return uiPrefs(got && got[UI_KEY]);
}

/**
 * The message of a messages.json entry with its substitutions, as
 * chrome.i18n.getMessage formats it; "" when the entry is missing.
 */
export function formatMessage(entry, subs = []) {
  if (!entry || typeof entry.message !== 'string') return '';
  let s = entry.message;
  const ph = entry.placeholders || {};
  s = s.replace(/\$([A-Za-z0-9_@]+)\$/g, (all, name) => {
    const p = ph[name.toLowerCase()];
    return p && typeof p.content === 'string' ? p.content : all;
  });
  return s.replace(/\$(\$|[1-9])/g, (_, d) => (d === '$' ? '$' : String(subs[Number(d) - 1] ?? '')));
}

const cache = new Map();

/**
 * The messages of the chosen language, or null when the browser's
 * language is to be used ("auto", or a language Barg lacks).
 * @returns {Promise<{lang: string, messages: object}|null>}
 */
export async function chosenMessages(storage) {
  const { lang } = await readUiPrefs(storage);
  if (lang === 'auto') return null;
  if (!cache.has(lang)) {
    cache.set(lang, fetch(globalThis.chrome.runtime.getURL('_locales/' + lang + '/messages.json'))
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null));
  }
  const messages = await cache.get(lang);
  if (!messages) {
    cache.delete(lang);
    return null;
  }
  return { lang, messages };
}
