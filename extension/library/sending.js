// Sending from the library needs an endpoint. While none is configured the
// Send selected, Send all and Retry buttons are disabled, and a note beside
// them says why and offers the settings; nothing can be queued then (the
// outbox refuses too: upload/outbox.js). The state follows the settings as
// they change, in this page or another.
//
// Kept apart from library.js, which calls applySendState() whenever it sets
// the buttons from the selection, and watchEndpoint() once.

import { SETTINGS_KEY, checkEndpoint, loadSettings } from '../upload/config.js';
import { t } from '../ui/i18n.js';

/** The buttons that send or retry. */
export const SEND_BUTTONS = ['send-selected', 'send-all', 'retry'];
const NOTE_ID = 'send-note';

/** null until the settings were read, then whether a valid endpoint is set. */
let configured = null;

/**
 * The disabled state each send button must have: true where sending is
 * impossible, undefined where the page's own rule (the selection) decides.
 * @param {boolean|null} hasEndpoint
 */
export function sendButtonStates(hasEndpoint) {
  const off = hasEndpoint === false;
  return {
    'send-selected': off ? true : undefined,
    'send-all': off,
    retry: off,
  };
}

/** Disables the send buttons and shows the note while no endpoint is set. */
export function applySendState(doc = document) {
  if (configured === null) return;
  const states = sendButtonStates(configured);
  let note = doc.getElementById(NOTE_ID);
  if (!note && !configured) note = makeNote(doc);
  for (const id of SEND_BUTTONS) {
    const b = doc.getElementById(id);
    if (!b) continue;
    if (states[id] !== undefined) b.disabled = states[id];
    if (configured) b.removeAttribute('aria-describedby');
    else b.setAttribute('aria-describedby', NOTE_ID);
  }
  if (note) note.hidden = Boolean(configured);
}

function makeNote(doc) {
  const note = doc.createElement('p');
  note.id = NOTE_ID;
  note.className = 'status send-note';
  const text = doc.createElement('span');
  text.textContent = t('librarySendNoEndpoint');
  const open = doc.createElement('button');
  open.type = 'button';
  open.id = 'send-open-settings';
  open.textContent = t('librarySendOpenSettings');
  open.addEventListener('click', () => chrome.runtime.openOptionsPage());
  note.append(text, ' ', open);
  const status = doc.getElementById('status');
  if (status) status.before(note);
  else doc.body.append(note);
  return note;
}

/**
 * Reads whether an endpoint is set, now and whenever the settings change,
 * and calls onChange after each reading (the library re-applies its
 * selection rule there, then applySendState).
 * @param {() => void} onChange
 */
export async function watchEndpoint(onChange) {
  const read = async () => {
    try {
      configured = checkEndpoint((await loadSettings(chrome.storage.local)).endpoint).ok;
    } catch {
      configured = false;
    }
    onChange();
  };
  chrome.storage?.onChanged?.addListener((changes, area) => {
    if (area === 'local' && changes[SETTINGS_KEY]) read();
  });
  await read();
}
