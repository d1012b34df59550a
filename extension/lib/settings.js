// The capture settings, stored in storage.local under "settings" by the
// settings page. Defaults apply to every key that is absent or invalid.

/** @typedef {{normalize: boolean, digits: 'persian'|'latin'}} CaptureSettings */

/** @type {Readonly<CaptureSettings>} */
export const DEFAULT_SETTINGS = Object.freeze({ normalize: true, digits: 'persian' });

/**
 * The capture settings in stored, with defaults for whatever is missing.
 * Keys other extension parts keep in the same object pass through.
 * @param {any} stored the value of storage.local "settings" (may be undefined)
 * @returns {CaptureSettings}
 */
export function captureSettings(stored) {
  const s = stored && typeof stored === 'object' ? stored : {};
  return {
    ...s,
    normalize: typeof s.normalize === 'boolean' ? s.normalize : DEFAULT_SETTINGS.normalize,
    digits: s.digits === 'latin' || s.digits === 'persian' ? s.digits : DEFAULT_SETTINGS.digits,
  };
}

/**
 * The options JSON that bargExtract (wasm/main.go) reads.
 * @param {CaptureSettings} settings
 * @param {{selection?: string|null, capturedAt?: string}} [extra]
 */
export function extractOptions(settings, extra = {}) {
  const o = { raw: !settings.normalize, latin_digits: settings.digits === 'latin' };
  if (extra.capturedAt) o.captured_at = extra.capturedAt;
  if (typeof extra.selection === 'string') o.selection = extra.selection;
  // The user's site rules as JSON text (lib/siterules.js), which Go matches to the page.
  if (typeof settings.rules === 'string' && settings.rules) o.rules = settings.rules;
  return JSON.stringify(o);
}

/** Reads the capture settings from storage.local. */
export async function readSettings(storage = globalThis.chrome?.storage?.local) {
  const got = await storage.get('settings');
  return captureSettings(got && got.settings);
}
