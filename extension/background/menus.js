// The context menus: capture the page or the selection, and, on the toolbar
// button's own menu, the library and the settings. Their titles are in the
// interface language: the one chosen in the settings (ui/language.js), else
// the browser's. A menu keeps the title it was made with, so the menus are
// made again when that choice changes, at every browser start (the
// browser's language may have changed) and on install and update.

import { t, loadLanguage } from './messages.js';
import { UI_KEY } from '../ui/language.js';

export const MENU_PAGE = 'barg-capture-page';
export const MENU_SELECTION = 'barg-capture-selection';
export const MENU_LIBRARY = 'barg-open-library';
export const MENU_SETTINGS = 'barg-open-settings';

/** The menus, with titles in the current interface language. */
export function menuItems() {
  return [
    { id: MENU_PAGE, title: t('menuCapturePage'), contexts: ['page'] },
    { id: MENU_SELECTION, title: t('menuCaptureSelection'), contexts: ['selection'] },
    { id: MENU_LIBRARY, title: t('menuOpenLibrary'), contexts: ['action'] },
    { id: MENU_SETTINGS, title: t('menuOpenSettings'), contexts: ['action'] },
  ];
}

let making = Promise.resolve();

/**
 * (Re)makes the menus in the interface language. Calls are queued, so two
 * at once never create one id twice.
 */
export function createMenus(api) {
  making = making.catch(() => {}).then(async () => {
    await loadLanguage();
    const items = menuItems();
    await new Promise((resolve) => api.contextMenus.removeAll(() => resolve()));
    for (const item of items) api.contextMenus.create(item);
  });
  return making;
}

/** Makes the menus again whenever the interface language chosen in the settings changes. */
export function watchMenuLanguage(api) {
  api.storage.onChanged.addListener((changes, area) => {
    const c = area === 'local' && changes[UI_KEY];
    if (!c) return;
    const lang = (v) => (v && typeof v === 'object' ? v.lang : undefined);
    if (lang(c.oldValue) === lang(c.newValue)) return;
    createMenus(api).catch((err) => console.error('barg: menus:', err && err.message));
  });
}
