// The settings page's "Interface" section: the language of Barg's pages
// and notices (English, فارسی, or the browser's) and what a click on Barg's
// button does (save at once, or preview first), stored apart from the
// capture settings (ui/language.js). A change is saved at once; a new
// language shows the page again in it.

import { UI_KEY, readUiPrefs } from '../ui/language.js';

/** Fills container with the interface settings. */
export async function renderInterfaceSettings(container, t) {
  if (!container) return;
  const prefs = await readUiPrefs();
  const fs = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = t('optionsInterfaceLegend');
  const label = document.createElement('label');
  label.htmlFor = 'ui-lang';
  label.textContent = t('optionsInterfaceLang');
  const select = document.createElement('select');
  select.id = 'ui-lang';
  // Each language is named in itself, so one can find one's own.
  for (const [value, name] of [['auto', t('optionsInterfaceLangAuto')], ['en', 'English'], ['fa', 'فارسی']]) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = name;
    if (value !== 'auto') o.lang = value;
    select.append(o);
  }
  select.value = prefs.lang;
  select.addEventListener('change', async () => {
    prefs.lang = select.value;
    await chrome.storage.local.set({ [UI_KEY]: { ...prefs } });
    location.reload();
  });
  const p = document.createElement('p');
  p.className = 'field';
  p.append(label, ' ', select);

  const modeLabel = document.createElement('label');
  modeLabel.htmlFor = 'capture-mode';
  modeLabel.textContent = t('optionsCaptureMode');
  const mode = document.createElement('select');
  mode.id = 'capture-mode';
  for (const [value, name] of [['save', t('optionsCaptureModeSave')], ['preview', t('optionsCaptureModePreview')]]) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = name;
    mode.append(o);
  }
  mode.value = prefs.capture_mode;
  mode.addEventListener('change', async () => {
    prefs.capture_mode = mode.value;
    await chrome.storage.local.set({ [UI_KEY]: { ...prefs } });
  });
  const p2 = document.createElement('p');
  p2.className = 'field';
  p2.append(modeLabel, ' ', mode);
  fs.append(legend, p, p2);
  container.replaceChildren(fs);
}
