// The upload section of the settings page: endpoint, method, custom headers,
// format, automatic sending, and a "test connection" button.
//
// Built with createElement/textContent only. Settings are saved in
// storage.local (never storage.sync: headers may hold credentials). Saving
// asks for the endpoint's host as an optional host permission — inside the
// click handler, since the browser grants permissions only during a user
// gesture — and gives back the hosts Barg asked for earlier and no longer uses.

import {
  DEFAULT_SETTINGS, FORMATS, GRANTED_KEY, METHODS, SETTINGS_KEY,
  checkEndpoint, checkHeaders, loadSettings, normalizeSettings,
} from './config.js';
import { testConnection } from './outbox.js';

/** English text of every message used here, for when a translation is missing. */
const EN = {
  uploadEndpointLabel: 'Endpoint address',
  uploadEndpointHint: 'https:// address of your server (http:// only for localhost and 127.0.0.1). Leave empty to send nothing.',
  uploadMethodLabel: 'Method',
  uploadHeadersLegend: 'Custom headers',
  uploadHeadersHint: 'For example Authorization: Bearer … or X-API-Key: …. They are kept on this computer only and sent only to the endpoint.',
  uploadHeaderName: 'Header name',
  uploadHeaderValue: 'Value',
  uploadHeaderRemove: 'Remove',
  uploadHeaderAdd: 'Add a header',
  uploadFormatLegend: 'What to send',
  uploadFormatSingle: 'One article per request (JSON)',
  uploadFormatNdjson: 'Several articles per request as JSON Lines (for "send all")',
  uploadFormatArray: 'Several articles per request as a JSON array (for "send all")',
  uploadAutoLabel: 'Send each article automatically after capturing it',
  uploadSave: 'Save endpoint',
  uploadTest: 'Test connection',
  uploadTesting: 'Testing…',
  uploadSaved: 'Saved. Barg may send to $1.',
  uploadSavedNoEndpoint: 'Saved. Nothing will be sent until you enter an endpoint.',
  uploadSavedDenied: 'Saved, but access to $1 was not allowed, so nothing can be sent there. Save again to be asked again.',
  uploadSaveFailed: 'Could not save: $1',
  uploadErrEmpty: 'Enter the address of your server, for example https://example.org/captures.',
  uploadErrInvalid: 'This is not a web address. It should start with https://.',
  uploadErrScheme: 'Only https:// addresses can be used (http:// only for localhost and 127.0.0.1).',
  uploadErrInsecure: 'Plain http:// would send your articles and credentials unencrypted; it is allowed only for localhost and 127.0.0.1. Use https://.',
  uploadErrUserinfo: 'Do not put a user name or password in the address; add an Authorization header instead.',
  uploadTestDenied: 'Barg was not allowed to reach $1, so it cannot test it.',
};

/** t(key) with the English fallback when the message is missing. */
function say(t, key, ...subs) {
  const got = t ? t(key, ...subs) : '';
  if (got && got !== key) return got;
  return (EN[key] || key).replace(/\$(\d)/g, (_, n) => String(subs[Number(n) - 1] ?? ''));
}

const ENDPOINT_ERRORS = { empty: 'uploadErrEmpty', invalid: 'uploadErrInvalid', scheme: 'uploadErrScheme', insecure: 'uploadErrInsecure', userinfo: 'uploadErrUserinfo' };

/**
 * The host permissions to give back after saving: those Barg asked for
 * earlier that the new endpoint does not use.
 * @param {string[]} askedBefore
 * @param {string|null} keep  the pattern now in use
 */
export function originsToRemove(askedBefore, keep) {
  return [...new Set(askedBefore || [])].filter((o) => o !== keep);
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/**
 * Renders the endpoint settings into `container` (an empty element of the settings page).
 * @param {HTMLElement} container
 * @param {(key: string, ...subs: string[]) => string} t  message lookup (chrome.i18n.getMessage)
 */
export async function renderUploadSettings(container, t) {
  const storage = chrome.storage.local;
  const saved = await loadSettings(storage);

  const status = el('p', { id: 'upload-status', class: 'status', role: 'status', 'aria-live': 'polite' });
  const show = (text, tone = '') => {
    status.textContent = text;
    status.className = 'status' + (tone ? ' ' + tone : '');
  };

  // Endpoint and method.
  const endpoint = el('input', { id: 'upload-endpoint', type: 'url', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', 'aria-describedby': 'upload-endpoint-hint upload-endpoint-error', size: '40' });
  endpoint.value = saved.endpoint;
  const endpointError = el('p', { id: 'upload-endpoint-error', class: 'error', 'aria-live': 'polite' });
  const method = el('select', { id: 'upload-method' });
  for (const m of METHODS) method.append(el('option', { value: m, text: m }));
  method.value = saved.method;

  // Headers.
  const rows = el('div', { id: 'upload-headers', class: 'header-rows' });
  const headersError = el('p', { id: 'upload-headers-error', class: 'error', 'aria-live': 'polite' });
  const addRow = (h = { name: '', value: '' }) => {
    const n = rows.children.length + 1;
    const name = el('input', { class: 'header-name', type: 'text', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', 'aria-label': `${say(t, 'uploadHeaderName')} ${n}`, placeholder: 'Authorization' });
    const value = el('input', { class: 'header-value', type: 'password', autocomplete: 'off', spellcheck: 'false', dir: 'ltr', 'aria-label': `${say(t, 'uploadHeaderValue')} ${n}`, placeholder: 'Bearer …' });
    name.value = h.name;
    value.value = h.value;
    const row = el('div', { class: 'field header-row' }, name, value);
    const remove = el('button', { type: 'button', class: 'header-remove', text: say(t, 'uploadHeaderRemove') });
    remove.addEventListener('click', () => {
      row.remove();
      (rows.querySelector('input') || add).focus();
    });
    row.append(remove);
    rows.append(row);
    return name;
  };
  for (const h of saved.headers) addRow(h);
  const add = el('button', { type: 'button', id: 'upload-header-add', text: say(t, 'uploadHeaderAdd') });
  add.addEventListener('click', () => addRow().focus());

  // Format.
  const formatSet = el('fieldset', { id: 'upload-format' }, el('legend', { text: say(t, 'uploadFormatLegend') }));
  const formatKeys = { single: 'uploadFormatSingle', ndjson: 'uploadFormatNdjson', array: 'uploadFormatArray' };
  for (const f of FORMATS) {
    const r = el('input', { type: 'radio', name: 'upload-format', id: `upload-format-${f}`, value: f });
    r.checked = saved.format === f;
    formatSet.append(el('p', { class: 'field' }, r, el('label', { for: r.id, text: say(t, formatKeys[f]) })));
  }

  const auto = el('input', { type: 'checkbox', id: 'upload-auto' });
  auto.checked = saved.auto_send;

  const save = el('button', { type: 'button', id: 'upload-save', class: 'primary', text: say(t, 'uploadSave') });
  const test = el('button', { type: 'button', id: 'upload-test', text: say(t, 'uploadTest') });

  /** The form's values as settings, or null after showing what is wrong. */
  const read = (allowEmpty) => {
    endpointError.textContent = '';
    headersError.textContent = '';
    endpoint.removeAttribute('aria-invalid');
    const raw = endpoint.value.trim();
    let ep = null;
    if (raw || !allowEmpty) {
      ep = checkEndpoint(raw);
      if (!ep.ok) {
        endpointError.textContent = say(t, ENDPOINT_ERRORS[ep.code] || 'uploadErrInvalid');
        endpoint.setAttribute('aria-invalid', 'true');
        endpoint.focus();
        return null;
      }
    }
    const hs = checkHeaders([...rows.children].map((row) => ({
      name: row.querySelector('.header-name').value,
      value: row.querySelector('.header-value').value,
    })));
    if (!hs.ok) {
      headersError.textContent = hs.reason;
      rows.children[hs.row]?.querySelector('input')?.focus();
      return null;
    }
    const fmt = formatSet.querySelector('input:checked');
    // Keep the fields the form does not show (timeouts, backoff) as saved.
    const current = { ...saved };
    const s = normalizeSettings({
      ...current,
      endpoint: ep ? ep.url : '',
      method: method.value,
      headers: hs.headers,
      format: fmt ? fmt.value : DEFAULT_SETTINGS.format,
      auto_send: auto.checked,
    });
    return { settings: s, ep };
  };

  save.addEventListener('click', () => {
    const form = read(true);
    if (!form) return;
    // Ask first, synchronously inside the click: the browser grants permissions only during a user gesture.
    const asked = form.ep ? chrome.permissions.request({ origins: [form.ep.pattern] }) : Promise.resolve(false);
    (async () => {
      try {
        const granted = await asked.catch(() => false);
        // Only the form's fields: the hidden ones stay as they are in storage.
        const { endpoint: e, method: m, headers: h, format: f, auto_send: a } = form.settings;
        const shown = { endpoint: e, method: m, headers: h, format: f, auto_send: a };
        const fresh = { ...(await storage.get(SETTINGS_KEY))[SETTINGS_KEY], ...shown };
        await storage.set({ [SETTINGS_KEY]: normalizeSettings(fresh) });
        Object.assign(saved, shown);
        const before = (await storage.get(GRANTED_KEY))[GRANTED_KEY] || [];
        const keep = form.ep && granted ? form.ep.pattern : null;
        for (const o of originsToRemove(before, keep)) {
          await chrome.permissions.remove({ origins: [o] }).catch(() => false); // a required host cannot be removed
        }
        await storage.set({ [GRANTED_KEY]: keep ? [keep] : [] });
        if (!form.ep) show(say(t, 'uploadSavedNoEndpoint'), 'ok');
        else if (granted) show(say(t, 'uploadSaved', form.ep.origin), 'ok');
        else show(say(t, 'uploadSavedDenied', form.ep.origin), 'error');
      } catch (err) {
        show(say(t, 'uploadSaveFailed', String(err?.message || err)), 'error');
      }
    })();
  });

  test.addEventListener('click', () => {
    const form = read(false);
    if (!form) return;
    const asked = chrome.permissions.request({ origins: [form.ep.pattern] });
    show(say(t, 'uploadTesting'));
    test.disabled = true;
    (async () => {
      try {
        if (!(await asked.catch(() => false))) {
          show(say(t, 'uploadTestDenied', form.ep.origin), 'error');
          return;
        }
        const r = await testConnection(form.settings);
        show(r.message, r.ok ? 'ok' : 'error');
      } finally {
        test.disabled = false;
      }
    })();
  });

  container.replaceChildren(
    el('p', { class: 'field stack' },
      el('label', { for: endpoint.id, text: say(t, 'uploadEndpointLabel') }), endpoint),
    el('p', { id: 'upload-endpoint-hint', class: 'hint', text: say(t, 'uploadEndpointHint') }),
    endpointError,
    el('p', { class: 'field' }, el('label', { for: method.id, text: say(t, 'uploadMethodLabel') }), method),
    el('fieldset', { id: 'upload-headers-set' },
      el('legend', { text: say(t, 'uploadHeadersLegend') }),
      el('p', { class: 'hint', text: say(t, 'uploadHeadersHint') }),
      rows, headersError, add),
    formatSet,
    el('p', { class: 'field' }, auto, el('label', { for: auto.id, text: say(t, 'uploadAutoLabel') })),
    el('p', { class: 'save-row' }, save, test),
    status,
  );
}
