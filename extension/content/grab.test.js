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

test('a page over the limit is not sent: only its size', async () => {
  fakePage('<html><body>' + 'x'.repeat(1000) + '</body></html>');
  const small = await grabPage(false);
  assert.equal(typeof small.html, 'string');
  assert.equal(small.tooLarge, undefined);

  const big = await grabPage(false, 500);
  assert.equal(big.html, null);
  assert.ok(big.tooLarge > 500);
  assert.equal(big.url, 'https://example.org/a');
});

test('the limit counts UTF-8 bytes, not UTF-16 units', async () => {
  // 400 Persian letters: 400 units, 800 bytes.
  fakePage('<html><body>' + 'ب'.repeat(400) + '</body></html>');
  assert.equal((await grabPage(false, 1000)).html.length > 0, true);
  assert.equal((await grabPage(false, 700)).html, null);
});

test('a page that arrived over the limit is refused before it is read', async () => {
  fakePage('<html><body>x</body></html>');
  let read = 0;
  Object.defineProperty(globalThis.document.documentElement, 'outerHTML', { get() { read++; return ''; } });
  globalThis.performance.getEntriesByType = (type) => (type === 'navigation' ? [{ decodedBodySize: 26_214_400 }] : []);
  try {
    const busy = { text: 'Capturing… $1 MB', minBytes: 1 << 20, lang: 'en', dir: 'ltr', close: 'Close' };
    const p = await grabPage(false, 20 << 20, busy);
    assert.deepEqual(p, { html: null, bytes: 0, url: 'https://example.org/a', contentType: 'text/html', selection: null, received: 26_214_400, shown: false, tooLarge: 26_214_400 });
    assert.equal(read, 0, 'the page was not serialized');
  } finally {
    delete globalThis.performance.getEntriesByType;
  }
});

test('a PDF or an image is not read', async () => {
  fakePage('<html><body><embed type="application/pdf"></body></html>');
  globalThis.document.contentType = 'application/pdf';
  const p = await grabPage(false);
  assert.equal(p.html, null);
  assert.equal(p.contentType, 'application/pdf');
  assert.equal(p.tooLarge, undefined);
});

test('a selection of a page over the limit is sent with the page\'s head only', async () => {
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
  const got = await grabPage(true, 1000);
  assert.equal(got.html, '<!DOCTYPE html><html lang="fa"><head><title>T</title></head><body></body></html>');
  assert.equal(got.selection, '');
  assert.equal(got.tooLarge, undefined);
  // Without a selection the same page is refused with its size.
  const whole = await grabPage(false, 1000);
  assert.equal(whole.html, null);
  assert.ok(whole.tooLarge > 2000);
});
