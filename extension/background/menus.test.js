import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createMenus, watchMenuLanguage, MENU_LIBRARY, MENU_PAGE } from './menus.js';

const messages = (lang) => JSON.parse(readFileSync(new URL('../../_locales/' + lang + '/messages.json', import.meta.url), 'utf8'));

/** A browser whose language is English, with Barg's ui preference in storage.local. */
function fakeBrowser(ui) {
  const local = { ui };
  const listeners = [];
  let menus = [];
  const api = {
    i18n: { getMessage: (k) => (messages('en')[k] || {}).message || '' },
    runtime: { getURL: (p) => 'ext://barg/' + p },
    storage: {
      local: { get: async (k) => ({ [k]: local[k] }) },
      onChanged: { addListener: (f) => listeners.push(f) },
    },
    contextMenus: {
      removeAll: (cb) => { menus = []; cb(); },
      create: (item) => {
        if (menus.some((m) => m.id === item.id)) throw new Error('duplicate id ' + item.id);
        menus.push(item);
      },
    },
  };
  return {
    api,
    menus: () => menus,
    title: (id) => menus.find((m) => m.id === id).title,
    async choose(lang) {
      const old = local.ui;
      local.ui = { ...old, lang };
      for (const f of listeners) f({ ui: { oldValue: old, newValue: local.ui } }, 'local');
    },
  };
}

test('menus are titled in the interface language chosen in the settings, and made again when it changes', async () => {
  const saved = { chrome: globalThis.chrome, fetch: globalThis.fetch };
  const b = fakeBrowser({ lang: 'auto' });
  globalThis.chrome = b.api;
  globalThis.fetch = async (url) => {
    const lang = /_locales\/(\w+)\//.exec(url)[1];
    return { ok: true, json: async () => messages(lang) };
  };
  try {
    await createMenus(b.api);
    assert.equal(b.menus().length, 4);
    assert.equal(b.title(MENU_LIBRARY), messages('en').menuOpenLibrary.message, 'the browser\'s language');

    watchMenuLanguage(b.api);
    await b.choose('fa');
    await createMenus(b.api); // queued after the remake the change started
    assert.equal(b.title(MENU_LIBRARY), messages('fa').menuOpenLibrary.message);
    assert.equal(b.title(MENU_PAGE), messages('fa').menuCapturePage.message);
    assert.equal(b.menus().length, 4, 'made again, not added twice');

    await b.choose('auto');
    await createMenus(b.api);
    assert.equal(b.title(MENU_PAGE), messages('en').menuCapturePage.message);
  } finally {
    globalThis.chrome = saved.chrome;
    globalThis.fetch = saved.fetch;
  }
});
