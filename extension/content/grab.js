// Functions the background injects into a tab with scripting.executeScript.
// Each is serialized on its own, so it must use nothing outside its body.
//
// A capture runs them in this order: probePage (instant: what the page is
// and how large the browser received it), then grabPage (the page's HTML).
// Between the two the background shows a "Capturing… N MB" notice when the
// page is large, so that the notice is painted before the page is read, and
// refuses a page that is far too large before anything is read or copied.

/**
 * What the tab holds, without reading the page: its URL, its content type
 * and the size in bytes of the document as the browser received it (the
 * navigation's decodedBodySize: 0 where the browser does not tell, as for
 * file: pages). It costs no serialization, so a 25 MB page is measured in
 * a millisecond.
 */
export function probePage() {
  let received = 0;
  try {
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav && nav.decodedBodySize > 0) received = nav.decodedBodySize;
  } catch {
    received = 0;
  }
  return { url: location.href, contentType: document.contentType, received };
}

/**
 * Reads the live page: its HTML after its scripts ran, its URL and content
 * type, and, when withSelection is true, the HTML of the current selection
 * (every range, in order), or null when nothing is selected.
 *
 * A page whose HTML is over maxBytes bytes of UTF-8 is not sent: the result
 * has html null and tooLarge set to its size, so that a 150 MB page is never
 * copied into the background (and into Go's memory, which never shrinks).
 * A selection of such a page is still captured: the page's HTML is then its
 * <head> only (title, dates, authors), beside the selection.
 * The default is extract.DefaultMaxBytes; it is written out here because
 * the function is serialized alone. The result's bytes is the HTML's size.
 * @param {boolean} withSelection
 * @param {number} [maxBytes]
 */
export function grabPage(withSelection, maxBytes = 20 * 1024 * 1024) {
  // UTF-8 takes one byte per UTF-16 unit below U+0080, two below U+0800,
  // and three otherwise (four per surrogate pair, two units). A loop, not a
  // Blob: the Blob copied a 7 MB page in 0.56 s, the loop counts it in ms.
  const utf8 = (s) => {
    const n = s.length;
    if (n <= maxBytes / 3 || n > maxBytes) return n;
    let bytes = n;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) continue;
      bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
    }
    return bytes;
  };
  let selection = null;
  if (withSelection) {
    const sel = document.getSelection();
    if (sel && sel.rangeCount > 0 && !sel.isCollapsed) {
      const box = document.createElement('div');
      for (let i = 0; i < sel.rangeCount; i++) box.appendChild(sel.getRangeAt(i).cloneContents());
      selection = box.innerHTML;
    }
  }
  // Barg's own notice (a "Capturing…" one may be up) is not part of the
  // page: it is taken out while the page is read, then put back.
  const notice = document.getElementById('barg-capture-notice');
  const parent = notice && notice.parentNode;
  const next = notice && notice.nextSibling;
  if (notice) notice.remove();
  const doctype = document.doctype ? '<!DOCTYPE ' + document.doctype.name + '>' : '';
  const result = { html: null, bytes: 0, url: location.href, contentType: document.contentType, selection: null };
  try {
    let html = doctype + document.documentElement.outerHTML;
    let bytes = utf8(html);
    if (bytes > maxBytes && selection !== null) {
      // The page is too large, the selection may not be: the head is
      // enough for the page's metadata.
      const shell = document.documentElement.cloneNode(false);
      if (document.head) shell.appendChild(document.head.cloneNode(true));
      shell.appendChild(document.createElement('body'));
      html = doctype + shell.outerHTML;
      bytes = utf8(html);
    }
    const selBytes = selection === null ? 0 : utf8(selection);
    if (bytes > maxBytes || selBytes > maxBytes) {
      result.tooLarge = Math.max(bytes, selBytes);
      return result;
    }
    result.html = html;
    result.bytes = bytes;
    result.selection = selection;
    return result;
  } finally {
    if (notice && parent) parent.insertBefore(notice, next && next.parentNode === parent ? next : null);
  }
}
