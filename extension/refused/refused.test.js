import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TEXTS, textsOf } from './refused.js';
import { REFUSAL_KINDS, refusedPath } from '../background/refused.js';

const load = (lang) => JSON.parse(readFileSync(new URL('../../_locales/' + lang + '/messages.json', import.meta.url), 'utf8'));

test('every refusal the background can name is explained, in English and Persian', () => {
  assert.deepEqual(Object.keys(TEXTS).sort(), [...REFUSAL_KINDS].sort());
  const html = readFileSync(new URL('./refused.html', import.meta.url), 'utf8');
  const keys = new Set(Object.values(TEXTS).flat());
  for (const m of html.matchAll(/data-i18n="([^"]+)"/g)) keys.add(m[1]);
  for (const lang of ['en', 'fa']) {
    const msgs = load(lang);
    for (const k of keys) assert.ok(msgs[k] && msgs[k].message, `${lang}: ${k}`);
  }
});

test('an unknown kind reads as a browser page; the path carries kind and tab', () => {
  assert.deepEqual(textsOf('nonsense'), TEXTS.scheme);
  assert.deepEqual(textsOf('__proto__'), TEXTS.scheme);
  assert.equal(refusedPath('pdf', 12), 'extension/refused/refused.html?why=pdf&tab=12');
  assert.equal(refusedPath('<script>', 1), 'extension/refused/refused.html?why=scheme&tab=1');
});
