// Saving an export as a file from an extension page: a Blob URL clicked
// through an <a download>, which works the same in Chromium and Firefox and
// needs no permission. Kept apart from the pure format modules.

import { chromiumFileName } from './filename.js';

/** Whether this is Chromium, which rewrites format characters in file names. */
function isChromium() {
  return globalThis.location?.protocol === 'chrome-extension:';
}

/** Offers text as a download named name. */
export function downloadText(text, name, mime) {
  downloadBlob(new Blob([text], { type: mime }), name);
}

/** Offers bytes (a Blob, or a Uint8Array of type mime) as a download named name. */
export function downloadBlob(data, name, mime) {
  const blob = data instanceof Blob ? data : new Blob([data], { type: mime });
  if (isChromium()) name = chromiumFileName(name);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference to the data once it started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
