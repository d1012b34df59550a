// The templates section of the settings page: the Markdown export, the
// export file name and the upload payload, each a text area holding the
// user's template or nothing (the default, shown as the placeholder).
//
// Go checks and fills templates (shared/template): saving asks the
// background to check each one (tools.checkTemplate), and a payload
// template must build valid JSON for a test article before it is saved.
// Stored in storage.local under "templates" (lib/templates.js).

import { TEMPLATES_KEY, TEMPLATE_KINDS, templatesOf } from '../lib/templates.js';

const LABELS = { markdown: 'optionsTemplateMarkdown', filename: 'optionsTemplateFilename', payload: 'optionsTemplatePayload' };
const ROWS = { markdown: 12, filename: 1, payload: 6 };
const PAYLOAD_EXAMPLE = '{\n  "title": {{title|json}},\n  "url": {{url|json}},\n  "day": {{published|date:YYYY-MM-DD|json}}\n}';

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/**
 * Renders the section into container.
 * @param {HTMLElement} container
 * @param {(key: string, ...subs: string[]) => string} t
 */
export async function renderTemplates(container, t) {
  const storage = chrome.storage.local;
  const got = await storage.get(TEMPLATES_KEY);
  const saved = templatesOf(got && got[TEMPLATES_KEY]);
  let defaults = {};
  try {
    const answer = await chrome.runtime.sendMessage({ type: 'tools.defaults' });
    if (answer && answer.ok) defaults = answer;
  } catch { /* the placeholders stay empty */ }

  const areas = {};
  container.append(el('p', { class: 'hint', text: t('optionsTemplatesHint') }));
  for (const kind of TEMPLATE_KINDS) {
    const id = `template-${kind}`;
    const area = el('textarea', { id, rows: String(ROWS[kind]), dir: 'ltr', spellcheck: 'false', class: 'template' });
    area.placeholder = kind === 'payload' ? PAYLOAD_EXAMPLE : defaults[kind] || '';
    area.value = saved[kind];
    areas[kind] = area;
    container.append(el('p', { class: 'template-field' }, el('label', { for: id, text: t(LABELS[kind]) }), area));
  }
  const status = el('p', { id: 'templates-status', class: 'status', role: 'status', 'aria-live': 'polite' });
  const save = el('button', { type: 'button', id: 'templates-save', class: 'primary', text: t('optionsTemplatesSave') });
  save.addEventListener('click', async () => {
    const next = {};
    for (const a of Object.values(areas)) a.removeAttribute('aria-invalid');
    try {
      for (const kind of TEMPLATE_KINDS) {
        next[kind] = areas[kind].value.trim() ? areas[kind].value : '';
        if (kind === 'filename') next[kind] = next[kind].replace(/\n+$/, '');
        if (!next[kind]) continue;
        const answer = await chrome.runtime.sendMessage({ type: 'tools.checkTemplate', kind, template: next[kind] });
        if (!answer || !answer.ok) {
          areas[kind].setAttribute('aria-invalid', 'true');
          areas[kind].focus();
          status.textContent = t('optionsTemplateInvalid', t(LABELS[kind]), (answer && answer.error) || 'no answer');
          status.className = 'status error';
          return;
        }
      }
      await storage.set({ [TEMPLATES_KEY]: next });
      status.textContent = t('optionsTemplatesSaved');
      status.className = 'status ok';
    } catch (err) {
      status.textContent = t('optionsTemplateInvalid', '', String((err && err.message) || err));
      status.className = 'status error';
    }
  });
  container.append(el('p', { class: 'save-row' }, save), status);
}
