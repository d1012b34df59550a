// Functions the background injects into a tab with scripting.executeScript.
// Each is serialized on its own, so it must use nothing outside its body.

/**
 * Reads the live page: its HTML after its scripts ran, its URL and content
 * type, and, when withSelection is true, the HTML of the current selection
 * (every range, in order), or null when nothing is selected.
 * @param {boolean} withSelection
 */
export function grabPage(withSelection) {
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
  return {
    html: doctype + document.documentElement.outerHTML,
    url: location.href,
    contentType: document.contentType,
    selection,
  };
}
