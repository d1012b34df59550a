import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCapturer, failureMessage, uploadLine } from './capture.js';
import { MAX_PAGE_BYTES } from './limits.js';

// fakeAPI records what the pipeline asks of the browser. grab is the queue
// of answers (or errors) of scripting.executeScript for the page grab,
// which behaves as content/grab.js does with received, the size the page
// arrived with: over the limit (and no selection) it is refused unread, over
// busy.minBytes the "Capturing…" notice is shown.
function fakeAPI({ url = 'https://example.com/a', grab = [], fileAccess = false, received = 0, popup = true } = {}) {
  const calls = { badge: [], notices: 0, grabs: 0, injections: 0, order: [], popups: [], windows: [] };
  const api = {
    tabs: { get: async (id) => ({ id, url }) },
    extension: { isAllowedFileSchemeAccess: async () => fileAccess },
    runtime: { getURL: (p) => 'chrome-extension://x/' + p },
    windows: { create: async (o) => { calls.windows.push(o.url); return {}; } },
    action: {
      setBadgeText: async (o) => { calls.badge.push(o.text); },
      setBadgeBackgroundColor: async () => {},
      setBadgeTextColor: async () => {},
      setPopup: async (o) => { calls.popups.push(o.popup); },
      openPopup: async () => { if (!popup) throw new Error('no user gesture'); },
    },
    scripting: {
      executeScript: async ({ func, args }) => {
        calls.order.push(func.name);
        if (func.name === 'showNotice') { calls.notices++; calls.notice = args[0]; (calls.all ||= []).push(args[0]); return [{ result: true }]; }
        calls.injections++;
        calls.grabArgs = args;
        const next = grab.shift();
        if (next instanceof Error) throw next;
        if (next === null) return [{}]; // the script gave no result
        const [withSelection, maxBytes, busy] = args;
        const type = (next && next.contentType) || 'text/html';
        if (!/html/.test(type)) return [{ result: { ...next, html: null } }];
        if (received > maxBytes && !withSelection) return [{ result: { html: null, tooLarge: received, url, contentType: type, received } }];
        const shown = Boolean(busy && received > busy.minBytes && received <= maxBytes);
        if (shown) calls.probeBusy = busy;
        calls.grabs++; // read
        return [{ result: { ...next, received, shown } }];
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
      retryDelaysMs: [1, 1, 1],
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
  assert.equal(calls.injections, 2, 'the failed grab, then the grab again');
});

test('a grab that gives no result is tried again', async () => {
  const { api, calls } = fakeAPI({ grab: [null, PAGE] });
  const res = await createCapturer(deps(api).deps).captureTab(1, { notify: false });
  assert.equal(res.ok, true);
  assert.equal(calls.injections, 2, 'the empty grab, then the grab again');
});

test('transient refusals are tried up to four times in all, then explained with what the browser said', async () => {
  const denied = () => new Error('Cannot access contents of url');
  let { api, calls } = fakeAPI({ grab: [denied(), null, denied(), PAGE] });
  let res = await createCapturer(deps(api).deps).captureTab(1, { notify: false });
  assert.equal(res.ok, true);
  assert.equal(calls.injections, 4);

  ({ api, calls } = fakeAPI({ grab: [denied(), denied(), denied(), denied(), PAGE] }));
  res = await createCapturer(deps(api).deps).captureTab(1, { notify: false });
  assert.equal(res.ok, false);
  assert.equal(calls.injections, 4, 'no fifth try');
  assert.equal(res.code, 'unsupported');
  assert.equal(res.detail, 'Cannot access contents of url (4 tries)');

  ({ api, calls } = fakeAPI({ grab: [null, null, null, null] }));
  res = await createCapturer(deps(api).deps).captureTab(1, { notify: false });
  assert.equal(res.ok, false);
  assert.equal(res.error, 'this kind of page cannot be captured');
  assert.equal(res.detail, 'the page script gave no result (4 tries)');

  ({ api, calls } = fakeAPI({ grab: [new Error('Cannot access a chrome:// URL'), PAGE] }));
  res = await createCapturer(deps(api).deps).captureTab(1, { notify: false });
  assert.equal(res.ok, false, 'a refusal that is not transient is not tried again');
  assert.equal(calls.injections, 1);
});

test('failures are plain and save nothing', async () => {
  const cases = [
    ['browser page', { url: 'chrome://settings' }, {}, 'unsupported', 'this kind of page cannot be captured'],
    ['web store', { url: 'https://chromewebstore.google.com/x' }, {}, 'unsupported', 'this kind of page cannot be captured'],
    ['local file without access', { url: 'file:///tmp/a.html' }, {}, 'file_access', null],
    ['access refused every time', { grab: [1, 2, 3, 4].map(() => new Error('Cannot access contents of url')) }, {}, 'unsupported', 'this kind of page cannot be captured'],
    ['no result every time', { grab: [null, null, null, null] }, {}, 'unsupported', 'this kind of page cannot be captured'],
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
  assert.deepEqual(calls.badge, ['…', '✓'], 'busy from the click, then the result');
  assert.equal(calls.notices, 1, 'a small page gets no "Capturing…" notice, only the result');
});

test('a large page gets the "Capturing… N MB" notice before it is read', async () => {
  const { api, calls } = fakeAPI({ grab: [PAGE], received: 7 * 1024 * 1024 + 300_000 });
  const res = await createCapturer(deps(api).deps).captureTab(1);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(res.ok, true);
  // The grab puts it up itself: no round trip between the click and the notice.
  assert.deepEqual(calls.order, ['grabPage', 'showNotice']);
  assert.equal(calls.probeBusy.text, 'Capturing… $1 MB');
  assert.equal(calls.probeBusy.minBytes, 1024 * 1024);
  assert.ok(!calls.all[0].busy, 'the result replaces it');

  // Without notices (a capture for the tests' hooks), nothing is put up.
  const quiet = fakeAPI({ grab: [PAGE], received: 7 * 1024 * 1024 });
  await createCapturer(deps(quiet.api).deps).captureTab(1, { notify: false });
  assert.deepEqual(quiet.calls.order, ['grabPage']);
  assert.equal(quiet.calls.probeBusy, undefined);
});

test('a page its scripts made large gets the notice once it is read', async () => {
  const { api, calls } = fakeAPI({ grab: [{ ...PAGE, bytes: 3 * 1024 * 1024 }], received: 20_000 });
  const res = await createCapturer(deps(api).deps).captureTab(1);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(res.ok, true);
  assert.deepEqual(calls.order, ['grabPage', 'showNotice', 'showNotice']);
  assert.equal(calls.all[0].busy, true);
  assert.equal(calls.all[0].heading, 'Capturing… 3 MB');
  assert.ok(!calls.all[1].busy);
});

test('a page that arrived over the limit is refused before it is read, in words', async () => {
  const { api, calls } = fakeAPI({ grab: [PAGE], received: 25 * 1024 * 1024 });
  const d = deps(api);
  const res = await createCapturer(d.deps).captureTab(1);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(res.ok, false);
  assert.equal(res.code, 'too_large');
  assert.equal(res.bytes, 25 * 1024 * 1024);
  assert.equal(calls.grabs, 0, 'nothing was serialized or copied');
  assert.match(res.error, /25 MB/);
  assert.match(res.error, /20 MB/);
  assert.deepEqual(calls.badge, ['…', '!']);
  assert.equal(calls.notice.heading, 'Barg could not capture this page');
  assert.deepEqual(calls.notice.lines, [res.error]);
  assert.equal(d.saved.length, 0);
});

test('a selection of a page over the limit is still read; a page its scripts made too large is refused with its size', async () => {
  const big = { ...PAGE, selection: '<p>chosen</p>' };
  let { api, calls } = fakeAPI({ grab: [big], received: 25 * 1024 * 1024 });
  let res = await createCapturer(deps(api).deps).captureTab(1, { notify: false, selection: true });
  assert.equal(res.ok, true);
  assert.deepEqual(calls.grabArgs, [true, MAX_PAGE_BYTES, null]);

  ({ api, calls } = fakeAPI({ grab: [{ html: null, tooLarge: 21 * 1024 * 1024, url: PAGE.url, contentType: 'text/html' }] }));
  res = await createCapturer(deps(api).deps).captureTab(1, { notify: false });
  assert.equal(res.code, 'too_large');
  assert.match(res.error, /21 MB/);
});

test('pages Barg cannot read are explained in the action popup, or a window where it cannot open', async () => {
  for (const [url, grab, kind] of [
    ['chrome://settings', [PAGE], 'scheme'],
    ['about:addons', [PAGE], 'scheme'],
    ['https://chromewebstore.google.com/detail/x', [PAGE], 'store'],
    ['file:///tmp/a.html', [PAGE], 'file'],
    ['https://example.com/a.pdf', [{ ...PAGE, contentType: 'application/pdf' }], 'pdf'],
    ['https://example.com/a.png', [{ ...PAGE, contentType: 'image/png' }], 'type'],
  ]) {
    const { api, calls } = fakeAPI({ url, grab });
    const res = await createCapturer(deps(api).deps).captureTab(3);
    assert.equal(res.ok, false, url);
    assert.equal(res.kind, kind, url);
    assert.equal(res.explained, 'popup', url);
    assert.deepEqual(calls.popups, ['extension/refused/refused.html?why=' + kind + '&tab=3'], url);
    assert.equal(calls.notices, 0, url + ': no in-page notice where no script may run');
  }
  const { api, calls } = fakeAPI({ url: 'chrome://settings', popup: false });
  const res = await createCapturer(deps(api).deps).captureTab(3);
  assert.equal(res.explained, 'window');
  assert.deepEqual(calls.popups, ['extension/refused/refused.html?why=scheme&tab=3', ''], 'the popup is set back when it could not open');
  assert.deepEqual(calls.windows, ['chrome-extension://x/extension/refused/refused.html?why=scheme&tab=3&window=1']);
});

test('the notice speaks of uploading only when an endpoint is configured', async () => {
  for (const endpoint of [false, true]) {
    const { api, calls } = fakeAPI({ grab: [PAGE] });
    const d = deps(api, { outbox: { afterCapture: async () => false, status: async (ids) => ({ [ids[0]]: { state: 'none' } }), hasEndpoint: async () => endpoint } });
    const res = await createCapturer(d.deps).captureTab(1);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(res.endpoint, endpoint);
    const said = calls.notice.lines.join('\n');
    if (endpoint) assert.match(said, /Not sent/);
    else assert.doesNotMatch(said, /upload|sen[dt]/i);
  }
  assert.equal(uploadLine({ state: 'queued' }, false), '');
  assert.equal(uploadLine({ state: 'queued' }, true), 'Queued for upload');
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
