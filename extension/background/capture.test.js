import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCapturer, failureMessage } from './capture.js';

// fakeAPI records what the pipeline asks of the browser. scripts is the
// queue of answers (or errors) of scripting.executeScript for the page grab.
function fakeAPI({ url = 'https://example.com/a', grab = [], fileAccess = false } = {}) {
  const calls = { badge: [], notices: 0, grabs: 0 };
  const api = {
    tabs: { get: async (id) => ({ id, url }) },
    extension: { isAllowedFileSchemeAccess: async () => fileAccess },
    action: {
      setBadgeText: async (o) => { calls.badge.push(o.text); },
      setBadgeBackgroundColor: async () => {},
      setBadgeTextColor: async () => {},
    },
    scripting: {
      executeScript: async ({ func, args }) => {
        if (func.name === 'showNotice') { calls.notices++; calls.notice = args[0]; return [{ result: true }]; }
        calls.grabs++;
        const next = grab.shift();
        if (next instanceof Error) throw next;
        return [{ result: next }];
      },
    },
  };
  return { api, calls };
}

const PAGE = { html: '<html><body><p>x</p></body></html>', url: 'https://example.com/a', contentType: 'text/html', selection: null };

function deps(api, over = {}) {
  const saved = [];
  return {
    saved,
    deps: {
      api,
      extract: async (html, url, opts) => ({ title: 'T', url, word_count: 3, published: '', _opts: JSON.parse(opts) }),
      store: { saveArticle: async (a) => { saved.push(a); return { record: { id: a.url, capture_id: 'c1', article: a }, updated: false }; } },
      outbox: { afterCapture: async () => {}, status: async (ids) => ({ [ids[0]]: { state: 'queued' } }) },
      readSettings: async () => ({ normalize: true, digits: 'latin' }),
      ...over,
    },
  };
}

test('a capture saves the article, hands it to the outbox and reports it', async () => {
  const { api, calls } = fakeAPI({ grab: [PAGE] });
  const d = deps(api);
  const res = await createCapturer(d.deps).captureTab(7, { notify: false });
  assert.equal(res.ok, true);
  assert.equal(res.id, 'https://example.com/a');
  assert.equal(res.tab_id, 7);
  assert.deepEqual(res.upload, { state: 'queued' });
  assert.equal(d.saved.length, 1);
  assert.deepEqual(d.saved[0]._opts, { raw: false, latin_digits: true });
  assert.ok(res.timings.to_saved_ms >= 0 && res.timings.total_ms >= res.timings.to_saved_ms);
  assert.equal(calls.badge.length, 0);
});

test('a transient access error is retried once', async () => {
  const { api, calls } = fakeAPI({ grab: [new Error('Cannot access contents of the page.'), PAGE] });
  const res = await createCapturer(deps(api).deps).captureTab(1, { notify: false });
  assert.equal(res.ok, true);
  assert.equal(calls.grabs, 2);
});

test('failures are plain and save nothing', async () => {
  const cases = [
    ['browser page', { url: 'chrome://settings' }, {}, 'unsupported', 'this kind of page cannot be captured'],
    ['web store', { url: 'https://chromewebstore.google.com/x' }, {}, 'unsupported', 'this kind of page cannot be captured'],
    ['local file without access', { url: 'file:///tmp/a.html' }, {}, 'file_access', null],
    ['access refused twice', { grab: [new Error('Cannot access contents of url'), new Error('Cannot access contents of url')] }, {}, 'unsupported', 'this kind of page cannot be captured'],
    ['PDF', { grab: [{ ...PAGE, contentType: 'application/pdf' }] }, {}, 'unsupported', 'this kind of page cannot be captured'],
    ['no selection', { grab: [PAGE] }, { selection: true }, 'no_selection', 'select some text on the page first'],
    ['no article', { grab: [PAGE] }, { extract: async () => { const e = new Error('no article found on this page'); e.code = 'no_article'; throw e; } }, 'no_article', 'no article found on this page'],
    ['storage full', { grab: [PAGE] }, { store: { saveArticle: async () => { const e = new Error('storage is full'); e.code = 'quota'; throw e; } } }, 'quota', 'storage is full'],
  ];
  for (const [name, apiOpts, over, code, message] of cases) {
    const { api } = fakeAPI({ grab: [PAGE], ...apiOpts });
    const { selection, ...depOver } = over;
    const d = deps(api, depOver);
    const res = await createCapturer(d.deps).captureTab(1, { notify: false, selection });
    assert.equal(res.ok, false, name);
    assert.equal(res.code, code, name);
    if (message) assert.equal(res.error, message, name);
    if (!depOver.store) assert.equal(d.saved.length, 0, name);
  }
});

test('a selection capture passes the selected HTML', async () => {
  const { api } = fakeAPI({ grab: [{ ...PAGE, selection: '<p>chosen</p>' }] });
  const d = deps(api);
  const res = await createCapturer(d.deps).captureTab(1, { notify: false, selection: true });
  assert.equal(res.ok, true);
  assert.equal(d.saved[0]._opts.selection, '<p>chosen</p>');
});

test('an outbox failure does not undo the capture', async () => {
  const { api } = fakeAPI({ grab: [PAGE] });
  const d = deps(api, { outbox: { afterCapture: async () => { throw new Error('offline'); } } });
  const res = await createCapturer(d.deps).captureTab(1, { notify: false });
  assert.equal(res.ok, true);
  assert.deepEqual(res.upload, { state: 'failed', error: 'offline' });
});

test('the badge and the notice tell the user', async () => {
  const { api, calls } = fakeAPI({ grab: [PAGE] });
  await createCapturer(deps(api).deps).captureTab(1);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(calls.badge, ['✓']);
  assert.equal(calls.notices, 1);
});

test('the notice speaks the interface language: Persian date, digits and commas', async () => {
  const saved = globalThis.chrome;
  const fa = { uiLang: 'fa', captureSaved: 'در برگ ذخیره شد', captureWords: '$1 واژه', captureUploadQueued: 'در صف ارسال' };
  globalThis.chrome = { i18n: { getMessage: (k, subs = []) => (fa[k] || '').replace('$1', subs[0] ?? ''), getUILanguage: () => 'en-US' } };
  try {
    const { api, calls } = fakeAPI({ grab: [PAGE] });
    const d = deps(api, {
      extract: async (html, url) => ({ title: 'باغ‌ها', url, word_count: 198, published: '2022-02-04T02:33:00+03:30' }),
    });
    await createCapturer(d.deps).captureTab(1);
    await new Promise((r) => setTimeout(r, 10));
    const n = calls.notice;
    assert.equal(n.dir, 'rtl');
    assert.equal(n.heading, 'در برگ ذخیره شد');
    assert.deepEqual(n.lines.slice(0, 2), ['باغ‌ها', '۱۵ بهمن ۱۴۰۰، ۱۹۸ واژه'], 'the day in Tehran, Persian digits, a Persian comma');
  } finally {
    globalThis.chrome = saved;
  }
});

test('failureMessage', () => {
  assert.equal(failureMessage({ name: 'QuotaExceededError', message: 'x' }), 'storage is full');
  assert.equal(failureMessage(new Error('boom')), 'the capture failed: boom');
});

test('a saved capture hands its record to keepImages without waiting for it; an unchanged one does not', async () => {
  const { api } = fakeAPI({ grab: [PAGE, PAGE] });
  const asked = [];
  let release;
  const slow = new Promise((r) => { release = r; });
  let unchanged = false;
  const d = deps(api, {
    keepImages: async (record) => { asked.push(record.id); await slow; },
    store: { saveArticle: async (a) => ({ record: { id: a.url, capture_id: 'c1', article: a }, updated: false, unchanged }) },
  });
  const capturer = createCapturer(d.deps);
  const res = await capturer.captureTab(3, { notify: false });
  assert.equal(res.ok, true, 'the capture is reported while the images still load');
  assert.deepEqual(asked, ['https://example.com/a']);
  unchanged = true;
  await capturer.captureTab(3, { notify: false });
  assert.equal(asked.length, 1, 'nothing new to fetch images for');
  release();
});

test('a failure to keep images never fails the capture', async () => {
  const { api } = fakeAPI({ grab: [PAGE] });
  const d = deps(api, { keepImages: async () => { throw new Error('quota'); } });
  const res = await createCapturer(d.deps).captureTab(3, { notify: false });
  assert.equal(res.ok, true);
});
