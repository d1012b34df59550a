// The notice shown in the page after a capture: a small box in a closed
// shadow root, so the page's styles cannot change it and its scripts cannot
// read it. Built with textContent only: no captured text is ever parsed as
// HTML. Injected with scripting.executeScript, so it is self-contained.

/**
 * Shows (or replaces) Barg's notice in the page.
 * @param {{ok: boolean, heading: string, lines: string[], dir: 'ltr'|'rtl',
 *   lang: string, close: string, ms: number}} n
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
  box.setAttribute('role', n.ok ? 'status' : 'alert');
  box.setAttribute('aria-live', n.ok ? 'polite' : 'assertive');
  box.dir = n.dir;
  box.lang = n.lang;
  Object.assign(box.style, {
    boxSizing: 'border-box', maxWidth: '360px', minWidth: '220px', padding: '12px 14px',
    borderRadius: '10px', background: '#ffffff', color: '#1b1b1b',
    borderInlineStart: '6px solid ' + (n.ok ? '#2e7d32' : '#c62828'),
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
  root.appendChild(box);
  (document.body || document.documentElement).appendChild(host);
  setTimeout(() => host.remove(), n.ms);
  return true;
}
