// The settings page: capture settings (normalization, digit style), keeping
// images with articles (images.js), the upload module's endpoint section,
// site rules (rules.js) and templates (templates.js).

import { t, localize, loadLanguage } from '../ui/i18n.js';
import { renderInterfaceSettings } from './interface.js';
import { renderImageSettings } from './images.js';
import { renderUploadSettings } from '../upload/settings.js';
import { KEY, sanitize } from './settings.js';
import { renderRules } from './rules.js';
import { renderTemplates } from './templates.js';

const $ = (id) => document.getElementById(id);

function show(settings) {
  $('normalize').checked = settings.normalize;
  $('digits-' + settings.digits).checked = true;
  syncDigits();
}

/** Digit style only matters when normalization runs. */
function syncDigits() {
  $('digits-group').disabled = !$('normalize').checked;
}

function read() {
  return sanitize({
    normalize: $('normalize').checked,
    digits: document.querySelector('input[name="digits"]:checked')?.value,
  });
}

function status(text, kind) {
  const s = $('save-status');
  s.textContent = text;
  s.classList.toggle('ok', kind === 'ok');
  s.classList.toggle('error', kind === 'error');
}

async function main() {
  await loadLanguage();
  localize();
  renderInterfaceSettings($('interface-settings'), t);
  const stored = await chrome.storage.local.get(KEY);
  let saved = sanitize(stored[KEY]);
  show(saved);

  const form = $('capture-form');
  form.addEventListener('change', () => {
    syncDigits();
    const now = read();
    status(now.normalize === saved.normalize && now.digits === saved.digits ? '' : t('optionsUnsaved'));
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const next = read();
    try {
      await chrome.storage.local.set({ [KEY]: next });
      saved = next;
      status(t('optionsSaved'), 'ok');
    } catch (err) {
      status(t('optionsSaveFailed', String((err && err.message) || err)), 'error');
    }
  });

  // Another page (or the background) may change the settings.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[KEY]) {
      saved = sanitize(changes[KEY].newValue);
      show(saved);
    }
  });

  try {
    await renderUploadSettings($('upload-container'), t);
  } catch (err) {
    $('upload-container').textContent = t('optionsUploadUnavailable', String((err && err.message) || err));
  }
  for (const [render, id] of [[renderImageSettings, 'image-settings'], [renderRules, 'rules-container'], [renderTemplates, 'templates-container']]) {
    try {
      await render($(id), t);
    } catch (err) {
      $(id).textContent = String((err && err.message) || err);
    }
  }
  document.body.dataset.state = 'ready';
}

main();
