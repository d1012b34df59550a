import test from 'node:test';
import assert from 'node:assert/strict';
import { grabPage, probePage } from './grab.js';

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

test('probePage tells the size the page arrived with, without reading it', () => {
  fakePage('<html><body>x</body></html>');
  let read = 0;
  Object.defineProperty(globalThis.document.documentElement, 'outerHTML', { get() { read++; return ''; } });
  globalThis.performance.getEntriesByType = (type) => (type === 'navigation' ? [{ decodedBodySize: 26_214_400 }] : []);
  try {
    const p = probePage();
    assert.deepEqual(p, { url: 'https://example.org/a', contentType: 'text/html', received: 26_214_400, shown: false });
    assert.equal(read, 0, 'the page was not serialized');
    // Too large to capture: no "Capturing…" notice either (the refusal comes instead).
    assert.equal(probePage({ text: 'Capturing… $1 MB', minBytes: 1 << 20, maxBytes: 20 << 20, lang: 'en', dir: 'ltr', close: 'Close' }).shown, false);
  } finally {
    delete globalThis.performance.getEntriesByType;
  }
});

test('a selection of a page over the limit is sent with the page\'s head only', () => {
  const big = '<html lang="fa"><head><title>T</title></head><body>' + 'x'.repeat(2000) + '</body></html>';
  fakePage(big);
  const head = { outerHTML: '<head><title>T</title></head>', cloneNode: () => head };
  Object.assign(globalThis.document, {
    head,
    createElement: (tag) => ({ tag, children: [], innerHTML: '', appendChild(c) { this.children.push(c); } }),
    getSelection: () => ({ rangeCount: 1, isCollapsed: false, getRangeAt: () => ({ cloneContents: () => ({}) }) }),
  });
  globalThis.document.documentElement.cloneNode = () => ({
    kids: [],
    appendChild(c) { this.kids.push(c); },
    get outerHTML() { return '<html lang="fa">' + this.kids.map((k) => k.outerHTML || '<' + k.tag + '></' + k.tag + '>').join('') + '</html>'; },
  });
  const got = grabPage(true, 1000);
  assert.equal(got.html, '<!DOCTYPE html><html lang="fa"><head><title>T</title></head><body></body></html>');
  assert.equal(got.selection, '');
  assert.equal(got.tooLarge, undefined);
  // Without a selection the same page is refused with its size.
  const whole = grabPage(false, 1000);
  assert.equal(whole.html, null);
  assert.ok(whole.tooLarge > 2000);
});
