// Checks the translations: English and Persian define the same keys with
// the same $1…$9 substitutions, and every key the pages use exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ext = fileURLToPath(new URL('..', import.meta.url));
const load = (lang) => JSON.parse(readFileSync(join(ext, '..', '_locales', lang, 'messages.json'), 'utf8'));
const en = load('en');
const fa = load('fa');
const subs = (s) => [...new Set(s.match(/\$[1-9]/g) || [])].sort().join(',');

test('en and fa have the same keys and substitutions', () => {
  assert.deepEqual(Object.keys(fa).sort(), Object.keys(en).sort());
  for (const k of Object.keys(en)) {
    assert.match(k, /^[A-Za-z0-9_@]+$/, `key ${k}`);
    assert.equal(typeof en[k].message, 'string', k);
    assert.equal(subs(fa[k].message), subs(en[k].message), `substitutions of ${k}`);
  }
});

test('Persian messages are written in Persian letters', () => {
  const latinOnly = new Set(['exportJSON', 'exportJSONL', 'uiLang']);
  const arabicOnly = /[\u064a\u0643]/; // Arabic yeh and kaf: Persian uses ی and ک
  for (const [k, v] of Object.entries(fa)) {
    assert.doesNotMatch(v.message, arabicOnly, `${k} uses Arabic ي or ك`);
    if (latinOnly.has(k) || !/[A-Za-z]/.test(en[k].message)) continue;
    if (/[\u0600-\u06ff]/.test(v.message)) continue;
    assert.fail(`${k} is not translated: ${v.message}`);
  }
});

test('Latin fragments with punctuation are isolated inside Persian messages', () => {
  // Without an isolate (U+2066 … U+2069), "https://" inside a right-to-left
  // sentence shows as "//:https", and "Authorization: Bearer" loses its colon.
  for (const [k, v] of Object.entries(fa)) {
    const outside = v.message.replace(/\u2066[^\u2069]*\u2069/g, '');
    assert.doesNotMatch(outside, /[A-Za-z0-9][:/.]+[A-Za-z0-9]*|[:/]{2}/, `${k}: isolate the Latin fragment in ${JSON.stringify(v.message)}`);
  }
});

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(html|js)$/.test(name) && !name.endsWith('.test.js')) yield p;
  }
}

test('every key used by the pages exists', () => {
  const used = new Set();
  for (const dir of ['library', 'reader', 'options', 'ui', 'export']) {
    for (const f of files(join(ext, dir))) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) used.add(m[1]);
      for (const m of src.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1]);
    }
  }
  assert.ok(used.size > 50, `found ${used.size} keys`);
  for (const k of used) assert.ok(en[k], `missing in _locales: ${k}`);
});
