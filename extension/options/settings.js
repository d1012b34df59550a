// The capture settings stored in chrome.storage.local under "settings":
// {normalize: boolean, digits: "persian"|"latin"}. The background reads
// exactly this shape. Pure helpers; the page (options.js) does the I/O.

/** The storage key. */
export const KEY = 'settings';

/** Settings used when none were saved. */
export const DEFAULTS = Object.freeze({ normalize: true, digits: 'persian' });

/** A complete, valid settings object from whatever storage held. */
export function sanitize(raw) {
  const s = raw && typeof raw === 'object' ? raw : {};
  return {
    normalize: typeof s.normalize === 'boolean' ? s.normalize : DEFAULTS.normalize,
    digits: s.digits === 'latin' || s.digits === 'persian' ? s.digits : DEFAULTS.digits,
  };
}
