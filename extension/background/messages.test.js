import { test } from 'node:test';
import assert from 'node:assert/strict';
import { t, uiLocale } from './messages.js';

function withChrome(i18n, fn) {
  const saved = globalThis.chrome;
  globalThis.chrome = { i18n };
  try {
    return fn();
  } finally {
    globalThis.chrome = saved;
  }
}

test('uiLocale is the language of the shown messages, not only the browser\'s', () => {
  const i18n = { getMessage: (k) => (k === 'uiLang' ? 'fa' : ''), getUILanguage: () => 'en-US' };
  assert.deepEqual(withChrome(i18n, uiLocale), { lang: 'fa', dir: 'rtl' });
});

test('uiLocale falls back to the browser language, then English', () => {
  assert.deepEqual(withChrome({ getMessage: () => '', getUILanguage: () => 'ar-EG' }, uiLocale), { lang: 'ar-EG', dir: 'rtl' });
  assert.deepEqual(withChrome(undefined, uiLocale), { lang: 'en', dir: 'ltr' });
});

test('t substitutes into the English fallback when a message is missing', () => {
  assert.equal(withChrome({ getMessage: () => '' }, () => t('captureWords', 198)), '198 words');
  assert.equal(withChrome({ getMessage: (k, s) => (k === 'captureWords' ? `${s[0]} واژه` : '') }, () => t('captureWords', '۱۹۸')), '۱۹۸ واژه');
});
