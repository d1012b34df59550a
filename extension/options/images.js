// The settings page's "Images" section: "Keep images with the article",
// off by default. Turning it on asks for the host permission fetching
// images from any site needs (lib/assets.js IMAGE_ORIGINS), inside the
// click, since browsers grant permissions only during a user gesture; the
// hint says why before the browser asks. Refused, the setting stays off.
// Turning it off keeps the images already saved and gives no permission
// back (an upload endpoint may rely on the same host).

import { IMAGES_KEY, IMAGE_ORIGINS, LIMITS } from '../lib/assets.js';
import { formatNumber } from '../ui/format.js';
import { uiLanguage } from '../ui/i18n.js';

/**
 * What turning the setting to `on` does: asks for the permission first when
 * turning it on (call it synchronously from the input's event handler),
 * then stores the choice. Returns {keep, status}: status is "on", "off" or
 * "denied" (the browser or the user refused: stored off).
 * @param {boolean} on
 * @param {{permissions: {request: Function}, storage: {set: Function}}} api
 */
export async function setKeepImages(on, api) {
  if (!on) {
    await api.storage.set({ [IMAGES_KEY]: { keep: false } });
    return { keep: false, status: 'off' };
  }
  let granted = false;
  try {
    granted = Boolean(await api.permissions.request({ origins: IMAGE_ORIGINS }));
  } catch {
    granted = false;
  }
  await api.storage.set({ [IMAGES_KEY]: { keep: granted } });
  return { keep: granted, status: granted ? 'on' : 'denied' };
}

/** Fills container with the images setting. */
export async function renderImageSettings(container, t) {
  if (!container) return;
  const stored = await chrome.storage.local.get(IMAGES_KEY);
  const keep = Boolean(stored[IMAGES_KEY] && stored[IMAGES_KEY].keep === true);

  const fs = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = t('optionsImagesLegend');
  const p = document.createElement('p');
  p.className = 'field';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.id = 'keep-images';
  box.checked = keep;
  box.setAttribute('aria-describedby', 'keep-images-hint');
  const label = document.createElement('label');
  label.htmlFor = 'keep-images';
  label.textContent = t('optionsKeepImages');
  p.append(box, label);
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.id = 'keep-images-hint';
  hint.textContent = t('optionsKeepImagesHint', formatNumber(LIMITS.articleBytes / (1024 * 1024), uiLanguage()));
  const status = document.createElement('p');
  status.className = 'hint status';
  status.id = 'keep-images-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  fs.append(legend, p, hint, status);
  container.replaceChildren(fs);

  const show = (key, kind) => {
    status.textContent = key ? t(key) : '';
    status.classList.toggle('error', kind === 'error');
    status.classList.toggle('ok', kind === 'ok');
  };

  // On but without the permission (taken back in the browser's settings):
  // say so, since no image can be fetched.
  if (keep && chrome.permissions && !(await chrome.permissions.contains({ origins: IMAGE_ORIGINS }).catch(() => false))) {
    show('optionsKeepImagesNoPermission', 'error');
  }

  box.addEventListener('change', () => {
    box.disabled = true;
    // setKeepImages calls permissions.request before its first await: still in the click.
    setKeepImages(box.checked, { permissions: chrome.permissions, storage: chrome.storage.local }).then(
      (r) => {
        box.checked = r.keep;
        if (r.status === 'on') show('optionsKeepImagesOn', 'ok');
        else if (r.status === 'denied') show('optionsKeepImagesDenied', 'error');
        else show('optionsKeepImagesOff');
      },
      (err) => {
        status.textContent = t('optionsSaveFailed', String((err && err.message) || err));
        status.classList.add('error');
      },
    ).finally(() => { box.disabled = false; });
  });
}
