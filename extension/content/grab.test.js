import test from 'node:test';
import assert from 'node:assert/strict';
import { grabPage } from './grab.js';

/** A stand-in for the tab's document whose HTML is html. */
function fakePage(html) {
  globalThis.document = {
    doctype: { name: 'html' },
    documentElement: { outerHTML: html },
    contentType: 'text/html',
    getElementById: () => null,
    getSelection: () => null,
  };
  globalThis.location = { href: 'https://example.org/a' };
}

test('a page over the limit is not sent: only its size', () => {
  fakePage('<html><body>' + 'x'.repeat(1000) + '</body></html>');
  const small = grabPage(false);
  assert.equal(typeof small.html, 'string');
  assert.equal(small.tooLarge, undefined);

  const big = grabPage(false, 500);
  assert.equal(big.html, null);
  assert.ok(big.tooLarge > 500);
  assert.equal(big.url, 'https://example.org/a');
});

test('the limit counts UTF-8 bytes, not UTF-16 units', () => {
  // 400 Persian letters: 400 units, 800 bytes.
  fakePage('<html><body>' + 'ب'.repeat(400) + '</body></html>');
  assert.equal(grabPage(false, 1000).html.length > 0, true);
  assert.equal(grabPage(false, 700).html, null);
});
