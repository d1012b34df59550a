// Which pages Barg can capture. Browsers refuse scripts on their own pages,
// on extension stores and on other extensions' pages; Barg says so plainly
// before trying, instead of surfacing the browser's error.

/** Error code and message of a page that cannot be captured. */
export const UNSUPPORTED = 'unsupported';

// Stores where browsers forbid extensions to run scripts.
const STORE_PAGES = [
  ['chromewebstore.google.com', '/'],
  ['chrome.google.com', '/webstore'],
  ['addons.mozilla.org', '/'],
  ['microsoftedge.microsoft.com', '/addons'],
];

/**
 * Why url cannot be captured, or '' when it may be. A file: URL may be
 * captured only when the user allowed the extension access to files.
 * An empty url (unknown to the extension) is let through: the page script
 * will tell.
 * @param {string|undefined} url
 * @param {{fileAccess?: boolean}} [opts]
 * @returns {''|'scheme'|'store'|'file'}
 */
export function refusal(url, opts = {}) {
  if (!url) return '';
  let u;
  try {
    u = new URL(url);
  } catch {
    return 'scheme';
  }
  switch (u.protocol) {
    case 'http:':
    case 'https:':
      break;
    case 'file:':
      return opts.fileAccess ? '' : 'file';
    default:
      return 'scheme';
  }
  const host = u.hostname.toLowerCase();
  for (const [h, path] of STORE_PAGES) {
    if (host === h && u.pathname.startsWith(path)) return 'store';
  }
  return '';
}

/** Whether a document's content type is a page Barg can read (not a PDF, image, …). */
export function isReadableType(contentType) {
  const t = String(contentType || '').toLowerCase().split(';')[0].trim();
  return t === 'text/html' || t === 'application/xhtml+xml';
}

/** Whether a browser error from scripting.executeScript means the page is off limits. */
export function isAccessError(message) {
  return /cannot access|cannot be scripted|extensions gallery|missing host permission|no tab with id|frame with id 0|error page|may not load or script/i
    .test(String(message || ''));
}

/** Whether the error is the transient "Cannot access contents" that a retry fixes. */
export function isTransientAccessError(message) {
  return /cannot access contents/i.test(String(message || ''));
}

/**
 * The kind of refusal to explain (background/refused.js): why as refusal()
 * or the capture found it ('scheme', 'store', 'file', 'error', 'type'), with
 * a document type the browser shows in a viewer made precise: 'pdf'.
 * @param {string} why
 * @param {string} [contentType]
 */
export function refusalKind(why, contentType) {
  if (why === 'type') {
    const t = String(contentType || '').toLowerCase().split(';')[0].trim();
    return t === 'application/pdf' ? 'pdf' : 'type';
  }
  return why || 'scheme';
}
