// The notice shown in the page after a capture: a small box in a closed
// shadow root, so the page's styles cannot change it and its scripts cannot
// read it. Built with textContent only: no captured text is ever parsed as
// HTML. Injected with scripting.executeScript, so it is self-contained.
//
// After a successful capture it offers what one may want next: Open (the
// entry in Barg's reader), Add tags, Undo (remove this capture). It runs in
// the extension's isolated world, where chrome.runtime reaches the
// background; the page's own scripts cannot reach it. While the pointer or
// the keyboard focus is in it, it stays.

/**
 * Shows (or replaces) Barg's notice in the page. n.busy marks the notice of
 * a capture still at work: neutral in colour, announced politely.
 * @param {{ok: boolean, busy?: boolean, heading: string, lines: string[], dir: 'ltr'|'rtl',
 *   lang: string, close: string, ms: number, actions?: {entry: string,
 *   capture: string, open: string, tags: string, tagsLabel: string,
 *   tagsSave: string, tagsSaved: string, undo: string, undone: string}}} n
 */
export function showNotice(n) {
  const ID = 'barg-capture-notice';
  const old = document.getElementById(ID);
  if (old) old.remove();
  const host = document.createElement('div');
  host.id = ID;
  const hs = host.style;
  hs.setProperty('all', 'initial', 'important');
  hs.setProperty('position', 'fixed', 'important');
  hs.setProperty('top', '16px', 'important');
  hs.setProperty(n.dir === 'rtl' ? 'left' : 'right', '16px', 'important');
  hs.setProperty('z-index', '2147483647', 'important');
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  const calm = n.ok || n.busy;
  box.setAttribute('role', calm ? 'status' : 'alert');
  box.setAttribute('aria-live', calm ? 'polite' : 'assertive');
  if (n.busy) box.setAttribute('aria-busy', 'true');
  host.dataset.state = n.busy ? 'busy' : n.ok ? 'ok' : 'failed';
  box.dir = n.dir;
  box.lang = n.lang;
  Object.assign(box.style, {
    boxSizing: 'border-box', maxWidth: '360px', minWidth: '220px', padding: '12px 14px',
    borderRadius: '10px', background: '#ffffff', color: '#1b1b1b',
    borderInlineStart: '6px solid ' + (n.busy ? '#1565c0' : n.ok ? '#2e7d32' : '#c62828'),
    boxShadow: '0 4px 18px rgba(0,0,0,.25)', font: '14px/1.5 system-ui, "Vazirmatn", "Noto Sans Arabic", sans-serif',
    textAlign: 'start', position: 'relative',
  });
  const heading = document.createElement('div');
  heading.textContent = n.heading;
  Object.assign(heading.style, { fontWeight: '600', marginInlineEnd: '20px', unicodeBidi: 'plaintext' });
  box.appendChild(heading);
  for (const line of n.lines) {
    if (!line) continue;
    const p = document.createElement('div');
    p.textContent = line;
    Object.assign(p.style, { unicodeBidi: 'plaintext', overflowWrap: 'anywhere' });
    box.appendChild(p);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', n.close);
  Object.assign(close.style, {
    position: 'absolute', top: '4px', insetInlineEnd: '6px', border: '0', background: 'transparent',
    font: '18px/1 system-ui, sans-serif', cursor: 'pointer', color: '#555', padding: '4px',
  });
  close.addEventListener('click', () => host.remove());
  box.appendChild(close);

  const a = n.actions;
  const send = (msg) => {
    try {
      return chrome.runtime.sendMessage(msg).catch(() => null);
    } catch {
      return Promise.resolve(null);
    }
  };
  const button = (label, cls, onClick) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.className = cls;
    Object.assign(b.style, {
      font: 'inherit', fontSize: '13px', padding: '3px 10px', borderRadius: '6px', cursor: 'pointer',
      border: '1px solid #8a8a8a', background: '#f4f4f4', color: '#1b1b1b', marginInlineEnd: '6px', marginTop: '8px',
    });
    b.addEventListener('click', onClick);
    return b;
  };
  const status = (text) => {
    const p = document.createElement('div');
    p.textContent = text;
    p.className = 'barg-done';
    Object.assign(p.style, { marginTop: '6px', color: '#2e7d32' });
    box.appendChild(p);
  };
  if (n.ok && a && a.entry) {
    const row = document.createElement('div');
    row.className = 'barg-actions';
    row.appendChild(button(a.open, 'barg-open', () => { send({ type: 'library.open', id: a.entry }); host.remove(); }));
    row.appendChild(button(a.tags, 'barg-tags', () => {
      row.querySelector('.barg-tags').remove();
      const form = document.createElement('form');
      const input = document.createElement('input');
      input.type = 'text';
      input.className = 'barg-tag-input';
      input.setAttribute('aria-label', a.tagsLabel);
      input.placeholder = a.tagsLabel;
      input.dir = 'auto';
      Object.assign(input.style, { font: 'inherit', fontSize: '13px', padding: '3px 6px', marginTop: '8px', width: '60%' });
      form.appendChild(input);
      form.appendChild(button(a.tagsSave, 'barg-tags-save', () => {}));
      form.lastChild.type = 'submit';
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const tags = input.value.split(/[,،]/).map((x) => x.trim()).filter(Boolean);
        if (!tags.length) return;
        send({ type: 'library.addTags', id: a.entry, tags }).then((r) => {
          if (r && r.ok) { form.remove(); status(a.tagsSaved); }
        });
      });
      box.appendChild(form);
      input.focus();
    }));
    if (a.capture && a.undo) {
      row.appendChild(button(a.undo, 'barg-undo', () => {
        send({ type: 'library.undoCapture', id: a.capture }).then((r) => {
          if (r && r.ok) { row.remove(); status(a.undone); }
        });
      }));
    }
    box.appendChild(row);
  }

  root.appendChild(box);
  (document.body || document.documentElement).appendChild(host);
  // Stays while used; leaves n.ms after the last use.
  let timer = setTimeout(() => host.remove(), n.ms);
  let inside = false;
  const hold = () => { inside = true; clearTimeout(timer); };
  const release = () => {
    inside = false;
    clearTimeout(timer);
    timer = setTimeout(() => { if (!inside) host.remove(); }, n.ms);
  };
  box.addEventListener('pointerenter', hold);
  box.addEventListener('pointerleave', release);
  box.addEventListener('focusin', hold);
  box.addEventListener('focusout', release);
  return true;
}
