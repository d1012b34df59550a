// Functions the background injects into a tab with scripting.executeScript.
// Each is serialized on its own, so it must use nothing outside its body.
//
// A capture runs them in this order: probePage (instant: what the page is
// and how large the browser received it, and for a large page the
// "Capturing… N MB" notice, painted before the page is read), then
// grabPage (the page's HTML). A page that arrived over the size limit is
// refused between the two, before anything is read or copied.

/**
 * What the tab holds, without reading the page: its URL, its content type
 * and the size in bytes of the document as the browser received it (the
 * navigation's decodedBodySize: 0 where the browser does not tell, as for
 * file: pages). It costs no serialization, so a 25 MB page is measured in
 * a millisecond.
 *
 * When busy is given and the page arrived over busy.minBytes, it also puts
 * up Barg's notice saying busy.text ("Capturing… 7.3 MB", with $1 for the
 * size in megabytes in busy.lang): in the same script, since under load
 * each script injected costs a round trip of hundreds of milliseconds. The
 * notice has the id and look of content/notice.js's, whose result notice
 * replaces it; it is only simpler (it cannot share that code: each
 * injected function is serialized alone).
 * @param {{text: string, minBytes: number, maxBytes: number, lang: string, dir: string, close: string}} [busy]
 */
export function probePage(busy) {
  let received = 0;
  try {
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav && nav.decodedBodySize > 0) received = nav.decodedBodySize;
  } catch {
    received = 0;
  }
  const readable = /^(text\/html|application\/xhtml\+xml)$/i.test(String(document.contentType || ''));
  let shown = false;
  if (busy && readable && received > busy.minBytes && received <= busy.maxBytes) {
    const ID = 'barg-capture-notice';
    const old = document.getElementById(ID);
    if (old) old.remove();
    const host = document.createElement('div');
    host.id = ID;
    host.dataset.state = 'busy';
    const hs = host.style;
    for (const [k, v] of [['all', 'initial'], ['position', 'fixed'], ['top', '16px'], [busy.dir === 'rtl' ? 'left' : 'right', '16px'], ['z-index', '2147483647']]) {
      hs.setProperty(k, v, 'important');
    }
    const root = host.attachShadow({ mode: 'closed' });
    const box = document.createElement('div');
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    box.setAttribute('aria-busy', 'true');
    box.dir = busy.dir;
    box.lang = busy.lang;
    Object.assign(box.style, {
      boxSizing: 'border-box', maxWidth: '360px', minWidth: '220px', padding: '12px 34px 12px 14px',
      borderRadius: '10px', background: '#ffffff', color: '#1b1b1b', borderInlineStart: '6px solid #1565c0',
      boxShadow: '0 4px 18px rgba(0,0,0,.25)', font: '600 14px/1.5 system-ui, "Vazirmatn", "Noto Sans Arabic", sans-serif',
      textAlign: 'start', position: 'relative', unicodeBidi: 'plaintext',
    });
    const mb = received / (1024 * 1024);
    let size;
    try {
      size = mb.toLocaleString(busy.lang, { maximumFractionDigits: mb < 10 ? 1 : 0 });
    } catch {
      size = mb.toFixed(mb < 10 ? 1 : 0);
    }
    box.textContent = busy.text.replace('$1', size);
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', busy.close);
    Object.assign(close.style, {
      position: 'absolute', top: '4px', insetInlineEnd: '6px', border: '0', background: 'transparent',
      font: '18px/1 system-ui, sans-serif', cursor: 'pointer', color: '#555', padding: '4px',
    });
    close.addEventListener('click', () => host.remove());
    box.appendChild(close);
    root.appendChild(box);
    (document.body || document.documentElement).appendChild(host);
    shown = true;
  }
  return { url: location.href, contentType: document.contentType, received, shown };
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
