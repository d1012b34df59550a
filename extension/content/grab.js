// Functions the background injects into a tab with scripting.executeScript.
// Each is serialized on its own, so it must use nothing outside its body.
//
// A capture injects grabPage once. It first looks, without reading the
// page, at how large the browser received it: a page over the limit is
// refused at once, before anything is serialized or copied; a page over
// about 1 MB gets the "Capturing… N MB" notice, and the page is read only
// after the notice had a chance to be painted.

/**
 * Reads the live page: its HTML after its scripts ran, its URL and content
 * type, and, when withSelection is true, the HTML of the current selection
 * (every range, in order), or null when nothing is selected.
 *
 * Before reading, it looks at the size in bytes of the document as the
 * browser received it (the navigation's decodedBodySize, in `received`; 0
 * where the browser does not tell, as for file: pages), which costs no
 * serialization. A page that arrived over maxBytes is refused there (html
 * null, tooLarge its size) unless a selection is wanted. A page that is no
 * HTML document (a PDF in the viewer, an image) is not read either (html
 * null: its contentType says why).
 *
 * When busy is given and the page arrived over busy.minBytes, it puts up
 * Barg's notice saying busy.text ("Capturing… 7.3 MB", $1 standing for the
 * size in megabytes in busy.lang), lets the browser paint it, then reads
 * the page; `shown` says so. Doing it here spares every capture a second
 * script, a round trip of 10–400 ms depending on the machine's load. The
 * notice has the id and look of content/notice.js's, whose result notice
 * replaces it; it is simpler (it cannot share that code: each injected
 * function is serialized alone).
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
 * @param {{text: string, minBytes: number, lang: string, dir: string, close: string}|null} [busy]
 */
export async function grabPage(withSelection, maxBytes = 20 * 1024 * 1024, busy = null) {
  let received = 0;
  try {
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav && nav.decodedBodySize > 0) received = nav.decodedBodySize;
  } catch {
    received = 0;
  }
  const readable = /^(text\/html|application\/xhtml\+xml)$/i.test(String(document.contentType || ''));
  const result = { html: null, bytes: 0, url: location.href, contentType: document.contentType, selection: null, received, shown: false };
  if (!readable) return result;
  if (received > maxBytes && !withSelection) {
    result.tooLarge = received;
    return result;
  }
  if (busy && received > busy.minBytes && received <= maxBytes) {
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
    result.shown = true;
    // A frame to paint it in (a hidden tab gets no frames: 50 ms at most).
    await new Promise((r) => {
      const t = setTimeout(r, 50);
      requestAnimationFrame(() => setTimeout(() => { clearTimeout(t); r(); }, 0));
    });
  }

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
