import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refusal, isReadableType, isAccessError, isTransientAccessError } from './pages.js';

test('refusal', () => {
  const cases = [
    ['https://www.alalam.ir/news/1', {}, ''],
    ['http://127.0.0.1:8080/page.html', {}, ''],
    ['', {}, ''],
    [undefined, {}, ''],
    ['chrome://settings/', {}, 'scheme'],
    ['chrome-extension://abc/extension/library/library.html', {}, 'scheme'],
    ['moz-extension://abc/x.html', {}, 'scheme'],
    ['about:blank', {}, 'scheme'],
    ['view-source:https://example.com/', {}, 'scheme'],
    ['edge://newtab', {}, 'scheme'],
    ['data:text/html,<p>x', {}, 'scheme'],
    ['not a url', {}, 'scheme'],
    ['file:///home/me/page.html', {}, 'file'],
    ['file:///home/me/page.html', { fileAccess: true }, ''],
    ['https://chromewebstore.google.com/detail/x', {}, 'store'],
    ['https://chrome.google.com/webstore/detail/x', {}, 'store'],
    ['https://chrome.google.com/search', {}, ''],
    ['https://addons.mozilla.org/fa/firefox/', {}, 'store'],
    ['https://microsoftedge.microsoft.com/addons/detail/x', {}, 'store'],
  ];
  for (const [url, opts, want] of cases) assert.equal(refusal(url, opts), want, String(url));
});

test('isReadableType', () => {
  assert.equal(isReadableType('text/html'), true);
  assert.equal(isReadableType('text/html; charset=utf-8'), true);
  assert.equal(isReadableType('application/xhtml+xml'), true);
  assert.equal(isReadableType('application/pdf'), false);
  assert.equal(isReadableType('image/png'), false);
  assert.equal(isReadableType('text/plain'), false);
  assert.equal(isReadableType(undefined), false);
});

test('access errors', () => {
  assert.equal(isAccessError('Cannot access a chrome:// URL'), true);
  assert.equal(isAccessError('Cannot access contents of the page. Extension manifest must request permission to access the respective host.'), true);
  assert.equal(isAccessError('The extensions gallery cannot be scripted.'), true);
  assert.equal(isAccessError('Frame with ID 0 is showing error page'), true);
  assert.equal(isAccessError('Unexpected token'), false);
  assert.equal(isTransientAccessError('Cannot access contents of the page.'), true);
  assert.equal(isTransientAccessError('Cannot access a chrome:// URL'), false);
});
