// The site rules editor of the settings page: one row per rule (host, path
// prefix, five CSS selectors), add and delete, save, "test on this site's
// tab", export and import of rule sets.
//
// Go checks and applies the rules (shared/siterules): saving asks the
// background to check them (tools.checkRules) and refuses a bad selector
// with its position, marking the field; testing reads an open tab of the
// rule's site and shows what each selector matches and what the capture
// would be. Reading another site's tab needs its host permission, asked for
// in the click (browsers grant permissions only during a user gesture).
// Rules are stored in storage.local (lib/siterules.js); built with
// createElement/textContent only.

import { RULES_KEY, RULE_FIELDS, SELECTOR_FIELDS, cleanRule, isBlank, rulesOf, exportRules, importRules, mergeRules } from '../lib/siterules.js';
import { downloadText } from '../export/download.js';

const LABELS = {
  host: 'optionsRuleHost', path: 'optionsRulePath', content: 'optionsRuleContent', remove: 'optionsRuleRemove',
  title: 'optionsRuleTitle', author: 'optionsRuleAuthor', published: 'optionsRulePublished',
};
const PLACEHOLDERS = {
  host: 'news.example', path: '/fa/', content: 'article .story-body', remove: '.related, .newsletter',
  title: 'h1.headline', author: '.byline a', published: 'time.published',
};

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/** The host permission patterns for a rule's host and its subdomains. */
export function originsFor(host) {
  const h = String(host || '').trim().toLowerCase().replace(/^\*?\./, '');
  if (!h) return [];
  if (h === 'localhost' || h === '127.0.0.1') return [`http://${h}/*`];
  return [`https://${h}/*`, `https://*.${h}/*`];
}

/**
 * Renders the editor into container.
 * @param {HTMLElement} container
 * @param {(key: string, ...subs: string[]) => string} t
 */
export async function renderRules(container, t) {
  const storage = chrome.storage.local;
  const list = el('div', { id: 'rules-list' });
  const status = el('p', { id: 'rules-status', class: 'status', role: 'status', 'aria-live': 'polite' });
  const show = (text, tone = '') => {
    status.textContent = text;
    status.className = 'status' + (tone ? ' ' + tone : '');
  };

  function addRow(rule = cleanRule({})) {
    const n = list.children.length;
    const row = el('fieldset', { class: 'rule' });
    row.append(el('legend', { text: rule.host || '—' }));
    for (const f of RULE_FIELDS) {
      const id = `rule-${n}-${f}`;
      const input = el('input', { id, type: 'text', dir: 'ltr', spellcheck: 'false', autocomplete: 'off', placeholder: PLACEHOLDERS[f], 'data-field': f });
      input.value = rule[f];
      if (f === 'host') input.addEventListener('input', () => { row.querySelector('legend').textContent = input.value || '—'; });
      row.append(el('p', { class: 'field rule-field' }, el('label', { for: id, text: t(LABELS[f]) }), input));
    }
    const result = el('div', { class: 'rule-result', 'aria-live': 'polite' });
    const test = el('button', { type: 'button', class: 'rule-test', text: t('optionsRuleTest') });
    const del = el('button', { type: 'button', class: 'rule-delete', text: t('optionsRuleDelete') });
    test.addEventListener('click', () => testRow(row, result));
    del.addEventListener('click', () => row.remove());
    row.append(el('p', { class: 'save-row' }, test, del), result);
    list.append(row);
    return row;
  }

  const rowRule = (row) => {
    const r = {};
    for (const input of row.querySelectorAll('input[data-field]')) r[input.dataset.field] = input.value;
    return cleanRule(r);
  };
  const rows = () => [...list.querySelectorAll('fieldset.rule')];
  const current = () => rows().map(rowRule).filter((r) => !isBlank(r));

  function clearMarks() {
    for (const i of list.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
  }

  /** Asks Go to check the rules; marks the field at fault. Returns the error text or "". */
  async function check(rules) {
    clearMarks();
    const answer = await chrome.runtime.sendMessage({ type: 'tools.checkRules', rules });
    if (!answer) return 'no answer from the background';
    if (answer.ok) return '';
    const filled = rows().filter((row) => !isBlank(rowRule(row)));
    const row = filled[answer.rule];
    const input = row && row.querySelector(`input[data-field="${answer.field || 'host'}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      if (answer.pos > 0 && answer.pos <= input.value.length + 1) {
        const at = Array.from(input.value).slice(0, answer.pos - 1).join('').length;
        input.setSelectionRange(at, Math.min(input.value.length, at + 1));
      }
    }
    return answer.error || 'invalid rules';
  }

  async function save() {
    const rules = current();
    try {
      const error = await check(rules);
      if (error) {
        show(t('optionsRulesInvalid', error), 'error');
        return;
      }
      await storage.set({ [RULES_KEY]: { rules } });
      show(t('optionsRulesSaved', String(rules.length)), 'ok');
    } catch (err) {
      show(t('optionsRulesInvalid', String((err && err.message) || err)), 'error');
    }
  }

  function testRow(row, result) {
    const rule = rowRule(row);
    result.textContent = '';
    const origins = originsFor(rule.host);
    if (!origins.length) {
      result.append(el('p', { class: 'error', text: t('optionsRulesInvalid', 'a rule needs a host') }));
      return;
    }
    result.append(el('p', { text: t('optionsRuleTesting') }));
    // Asked for in the click itself: the browser grants it only during a user gesture.
    chrome.permissions.request({ origins }).then(async (granted) => {
      result.textContent = '';
      if (!granted) {
        result.append(el('p', { class: 'error', text: t('optionsRuleTestDenied', rule.host) }));
        return;
      }
      const answer = await chrome.runtime.sendMessage({ type: 'tools.testRule', rules: [rule], host: rule.host });
      showTest(result, answer);
    }).catch((err) => {
      result.textContent = '';
      result.append(el('p', { class: 'error', text: t('optionsRuleTestFailed', String((err && err.message) || err)) }));
    });
  }

  function showTest(result, answer) {
    if (!answer || !answer.ok) {
      result.append(el('p', { class: 'error', text: t('optionsRuleTestFailed', (answer && answer.error) || 'no answer') }));
      return;
    }
    if (!answer.matched) {
      result.append(el('p', { text: t('optionsRuleTestNoMatch', answer.url || '') }));
      return;
    }
    const counts = el('ul', { class: 'rule-counts' });
    for (const f of SELECTOR_FIELDS) {
      if (answer.counts && f in answer.counts) counts.append(el('li', { text: t('optionsRuleMatches', t(LABELS[f]), String(answer.counts[f])) }));
    }
    result.append(el('p', { dir: 'ltr', text: answer.url }), counts);
    const a = answer.article;
    if (a) {
      const dl = el('dl', { class: 'rule-picks' });
      const pair = (k, v) => { if (v) dl.append(el('dt', { text: t(LABELS[k]) }), el('dd', { dir: 'auto', text: v })); };
      pair('title', a.title);
      pair('author', (a.authors || []).join(', '));
      pair('published', a.published_text || a.published);
      pair('content', (a.text || '').slice(0, 400) + ((a.text || '').length > 400 ? '…' : ''));
      result.append(dl);
      for (const note of (a.extractor && a.extractor.notes) || []) result.append(el('p', { class: 'hint', dir: 'auto', text: note }));
    } else if (answer.error) {
      result.append(el('p', { class: 'error', text: answer.error }));
    }
  }

  // Export and import.
  const importInput = el('input', { type: 'file', accept: 'application/json,.json', id: 'rules-import-file', hidden: '' });
  importInput.addEventListener('change', async () => {
    const file = importInput.files && importInput.files[0];
    importInput.value = '';
    if (!file) return;
    try {
      const incoming = importRules(await file.text());
      const merged = mergeRules(current(), incoming);
      list.textContent = '';
      for (const r of merged) addRow(r);
      const error = await check(merged);
      show(error ? t('optionsRulesInvalid', error) : t('optionsRulesImported', String(incoming.length)), error ? 'error' : 'ok');
    } catch (err) {
      show(t('optionsRulesInvalid', String((err && err.message) || err)), 'error');
    }
  });

  const add = el('button', { type: 'button', id: 'rules-add', text: t('optionsRuleAdd') });
  const saveBtn = el('button', { type: 'button', id: 'rules-save', class: 'primary', text: t('optionsRulesSave') });
  const exportBtn = el('button', { type: 'button', id: 'rules-export', text: t('optionsRulesExport') });
  const importBtn = el('button', { type: 'button', id: 'rules-import', text: t('optionsRulesImport') });
  add.addEventListener('click', () => addRow().querySelector('input').focus());
  saveBtn.addEventListener('click', save);
  exportBtn.addEventListener('click', () => downloadText(exportRules(current()), 'barg-rules.json', 'application/json;charset=utf-8'));
  importBtn.addEventListener('click', () => importInput.click());

  const got = await storage.get(RULES_KEY);
  for (const r of rulesOf(got && got[RULES_KEY])) addRow(r);
  container.append(
    el('p', { class: 'hint', text: t('optionsRulesHint') }),
    list,
    el('p', { class: 'save-row' }, add, saveBtn, exportBtn, importBtn, importInput),
    status,
  );
}
