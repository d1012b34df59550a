// Functions the background injects into a tab with scripting.executeScript.
// Each is serialized on its own, so it must use nothing outside its body.

/**
 * Reads the live page: its HTML after its scripts ran, its URL and content
 * type, and, when withSelection is true, the HTML of the current selection
 * (every range, in order), or null when nothing is selected.
 *
 * A page whose HTML is over maxBytes bytes of UTF-8 is not sent: the result
 * has html null and tooLarge set to its size, so that a 150 MB page is never
 * copied into the background (and into Go's memory, which never shrinks).
 * The default is extract.DefaultMaxBytes; it is written out here because
 * the function is serialized alone.
 * @param {boolean} withSelection
 * @param {number} [maxBytes]
 */
export function grabPage(withSelection, maxBytes = 20 * 1024 * 1024) {
  let selection = null;
  if (withSelection) {
    const sel = document.getSelection();
    if (sel && sel.rangeCount > 0 && !sel.isCollapsed) {
      const box = document.createElement('div');
      for (let i = 0; i < sel.rangeCount; i++) box.appendChild(sel.getRangeAt(i).cloneContents());
      selection = box.innerHTML;
    }
  }
  const notice = document.getElementById('barg-capture-notice');
  if (notice) notice.remove(); // Barg's own notice is not part of the page
  const doctype = document.doctype ? '<!DOCTYPE ' + document.doctype.name + '>' : '';
  const html = doctype + document.documentElement.outerHTML;
  // UTF-8 takes at least one byte per UTF-16 unit and at most three.
  let bytes = html.length;
  if (bytes > maxBytes / 3 && bytes <= maxBytes) bytes = new Blob([html]).size;
  if (bytes > maxBytes || (selection && selection.length > maxBytes)) {
    return { html: null, tooLarge: Math.max(bytes, selection ? selection.length : 0), url: location.href, contentType: document.contentType, selection: null };
  }
  return {
    html,
    url: location.href,
    contentType: document.contentType,
    selection,
  };
}
