import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox, ITEM_PREFIX, ALARM, batchKey } from './outbox.js';
import { SETTINGS_KEY } from './config.js';
import { MemoryStorage, scriptedFetch, manualClock, record } from './fakes.test.js';

const ENDPOINT = 'http://127.0.0.1:8080/captures';

/** An outbox over memory storage, a scripted fetch and a manual clock; random() is 0.5. */
async function setup({ replies = [], settings = {}, records = [record(1)], permission = true } = {}) {
  const storage = new MemoryStorage();
  await storage.set({
    [SETTINGS_KEY]: {
      endpoint: ENDPOINT,
      method: 'POST',
      headers: [{ name: 'Authorization', value: 'Bearer s3cret' }, { name: 'X-API-Key', value: 'k1' }],
      format: 'single',
      auto_send: true,
      timeout_ms: 200,
      backoff_base_ms: 1000,
      backoff_max_ms: 60000,
      ...settings,
    },
  });
  const library = new Map(records.map((r) => [r.id, r]));
  const clock = manualClock();
  const fetch = scriptedFetch(replies);
  const alarms = [];
  const ob = new Outbox({
    storage,
    fetch,
    getRecord: async (id) => library.get(id),
    getRecords: async (ids) => (ids ? ids.map((id) => library.get(id)).filter(Boolean) : [...library.values()]),
    now: clock.now,
    random: () => 0.5,
    alarms: { create: async (name, info) => alarms.push({ name, ...info }), clear: async (name) => alarms.push({ name, cleared: true }) },
    hasPermission: async (p) => permission && p === 'http://127.0.0.1/*',
  });
  return { ob, storage, library, clock, fetch, alarms };
}

const ok = (status = 201, body = '{}', headers = {}) => new Response(body, { status, headers });

test('a capture is sent once, with the user\'s headers, its idempotency key and the article as saved', async () => {
  const { ob, fetch, library } = await setup();
  const rec = library.get('https://news.example/a/1');
  assert.equal(await ob.afterCapture(rec), true);
  await ob.run();
  assert.equal(fetch.calls.length, 1);
  const c = fetch.calls[0];
  assert.equal(c.url, ENDPOINT);
  assert.equal(c.method, 'POST');
  assert.equal(c.redirect, 'manual');
  assert.equal(c.credentials, 'omit');
  assert.equal(c.headers.authorization, 'Bearer s3cret');
  assert.equal(c.headers['x-api-key'], 'k1');
  assert.equal(c.headers['content-type'], 'application/json');
  assert.equal(c.headers['idempotency-key'], 'cap-1');
  assert.equal(c.body, JSON.stringify(rec.article));
  const st = (await ob.status([rec.id, 'other']));
  assert.equal(st[rec.id].state, 'sent');
  assert.equal(st[rec.id].attempts, 1);
  assert.equal(st[rec.id].sent_at, '2026-11-24T04:00:00.000Z');
  assert.deepEqual(st.other, { state: 'none' });
  await ob.run();
  assert.equal(fetch.calls.length, 1, 'a sent item is not sent again');
});

test('automatic sending off, or no endpoint: nothing is queued', async () => {
  for (const settings of [{ auto_send: false }, { endpoint: '' }, { endpoint: 'http://example.org/x' }]) {
    const { ob, fetch, library } = await setup({ settings });
    assert.equal(await ob.afterCapture(library.get('https://news.example/a/1')), false);
    await ob.run();
    assert.equal(fetch.calls.length, 0);
    assert.equal((await ob.status(['https://news.example/a/1']))['https://news.example/a/1'].state, 'none');
  }
});

test('network errors keep the item queued with backoff; retries reuse the idempotency key', async () => {
  const down = new TypeError('Failed to fetch');
  const { ob, fetch, clock, alarms } = await setup({ replies: [down, down, ok()] });
  await ob.enqueue(record(1));
  await ob.run();
  let st = (await ob.status(['https://news.example/a/1']))['https://news.example/a/1'];
  assert.equal(st.state, 'queued');
  assert.equal(st.attempts, 1);
  assert.match(st.error, /Could not connect to http:\/\/127\.0\.0\.1:8080 \(Failed to fetch\)/);
  // base 1000, jitter 0.5, random 0.5: 750 ms, then 1500 ms.
  assert.equal(st.next_at, new Date(clock.t + 750).toISOString());
  assert.deepEqual(alarms.at(-1), { name: ALARM, when: clock.t + 750 });

  await ob.run();
  assert.equal(fetch.calls.length, 1, 'not due yet: no request');
  clock.advance(750);
  await ob.run();
  st = (await ob.status(['https://news.example/a/1']))['https://news.example/a/1'];
  assert.equal(st.attempts, 2);
  assert.equal(st.next_at, new Date(clock.t + 1500).toISOString());
  clock.advance(1500);
  await ob.run();
  assert.equal(fetch.calls.length, 3);
  assert.deepEqual(fetch.calls.map((c) => c.headers['idempotency-key']), ['cap-1', 'cap-1', 'cap-1']);
  st = (await ob.status(['https://news.example/a/1']))['https://news.example/a/1'];
  assert.equal(st.state, 'sent');
  assert.equal(st.attempts, 3);
  assert.deepEqual(alarms.at(-1), { name: ALARM, cleared: true });
});

test('500, then 429 with Retry-After, then success: the waits are respected', async () => {
  const { ob, fetch, clock } = await setup({
    replies: [ok(500, 'database is down'), ok(429, 'slow down', { 'Retry-After': '7' }), ok(201)],
  });
  const id = 'https://news.example/a/1';
  await ob.enqueue(record(1));
  await ob.run();
  let st = (await ob.status([id]))[id];
  assert.match(st.error, /^HTTP 500.*: database is down; will retry\.$/);
  clock.advance(749);
  await ob.run();
  assert.equal(fetch.calls.length, 1, 'backoff wait respected');
  clock.advance(1);
  await ob.run();
  st = (await ob.status([id]))[id];
  assert.equal(fetch.calls.length, 2);
  assert.equal(st.next_at, new Date(clock.t + 7000).toISOString(), 'Retry-After: 7 honoured');
  assert.match(st.error, /HTTP 429.*slow down/);
  clock.advance(6999);
  await ob.run();
  assert.equal(fetch.calls.length, 2);
  clock.advance(1);
  await ob.run();
  assert.equal(fetch.calls.length, 3);
  assert.equal((await ob.status([id]))[id].state, 'sent');
});

test('Retry-After as an HTTP date', async () => {
  const { ob, clock } = await setup({ replies: [ok(503, '', { 'Retry-After': 'Tue, 24 Nov 2026 04:01:00 GMT' })] });
  await ob.enqueue(record(1));
  await ob.run();
  const st = (await ob.status(['https://news.example/a/1']))['https://news.example/a/1'];
  assert.equal(st.next_at, new Date(clock.t + 60000).toISOString());
});

test('401 fails with the server\'s answer and is not retried until asked', async () => {
  const long = 'x'.repeat(500);
  const { ob, fetch, clock } = await setup({ replies: [ok(401, '{"error":"wrong token"} ' + long), ok(201)] });
  const id = 'https://news.example/a/1';
  await ob.enqueue(record(1));
  await ob.run();
  let st = (await ob.status([id]))[id];
  assert.equal(st.state, 'failed');
  assert.ok(st.error.startsWith('HTTP 401'), st.error);
  assert.ok(st.error.includes('{"error":"wrong token"}'));
  assert.ok(st.error.length < 240, `reason cut to ~200 characters, got ${st.error.length}`);
  assert.equal(st.next_at, undefined);
  clock.advance(3600e3);
  await ob.run();
  assert.equal(fetch.calls.length, 1, 'no further requests after a 4xx');
  await ob.retryNow([id]);
  await ob.run();
  assert.equal(fetch.calls.length, 2);
  assert.equal(fetch.calls[1].headers['idempotency-key'], 'cap-1');
  st = (await ob.status([id]))[id];
  assert.equal(st.state, 'sent');
});

test('a request without an answer within the timeout is retried, not lost', async () => {
  const { ob, fetch, clock } = await setup({ replies: ['hang', ok(200)], settings: { timeout_ms: 30 } });
  const id = 'https://news.example/a/1';
  await ob.enqueue(record(1));
  await ob.run();
  let st = (await ob.status([id]))[id];
  assert.equal(st.state, 'queued');
  assert.match(st.error, /No answer within 0\.0 s|No answer within/);
  clock.advance(1000);
  await ob.run();
  st = (await ob.status([id]))[id];
  assert.equal(st.state, 'sent');
  assert.equal(fetch.calls.length, 2);
});

test('redirects are not followed and fail with a reason', async () => {
  const opaque = { type: 'opaqueredirect', status: 0, statusText: '', headers: new Headers(), text: async () => '' };
  for (const reply of [opaque, new Response('', { status: 307, headers: { Location: 'https://evil.example/' } })]) {
    const { ob, fetch } = await setup({ replies: [reply] });
    await ob.enqueue(record(1));
    await ob.run();
    const st = (await ob.status(['https://news.example/a/1']))['https://news.example/a/1'];
    assert.equal(st.state, 'failed');
    assert.match(st.error, /redirect/);
    assert.equal(fetch.calls.length, 1);
  }
});

test('only one send loop runs at a time', async () => {
  const records = [1, 2, 3, 4].map((n) => record(n));
  const { ob, fetch, storage } = await setup({ records });
  await Promise.all([ob.enqueue(records[0]), ob.enqueue(records[1]), ob.run(), ob.run(), ob.enqueue(records[2]), ob.run()]);
  await ob.enqueue(records[3]);
  await ob.run();
  await ob.run();
  assert.equal(fetch.maxInFlight, 1);
  assert.deepEqual(fetch.calls.map((c) => c.headers['idempotency-key']).sort(), ['cap-1', 'cap-2', 'cap-3', 'cap-4']);
  const all = await storage.get(null);
  const states = Object.entries(all).filter(([k]) => k.startsWith(ITEM_PREFIX)).map(([, v]) => v.state);
  assert.deepEqual(states, ['sent', 'sent', 'sent', 'sent']);
});

test('the queue survives a restart, including an item stopped mid-request', async () => {
  const { ob, storage, library, fetch } = await setup({ replies: [new TypeError('Failed to fetch')] });
  await ob.enqueue(record(1));
  await ob.run();
  // The background stops while sending: simulate by leaving the item "sending".
  const k = ITEM_PREFIX + 'https://news.example/a/1';
  const it = (await storage.get(k))[k];
  await storage.set({ [k]: { ...it, state: 'sending' } });

  const fetch2 = scriptedFetch([ok(201)]);
  const ob2 = new Outbox({ storage, fetch: fetch2, getRecord: async (id) => library.get(id), getRecords: async () => [...library.values()], now: () => Date.parse('2026-11-24T05:00:00Z'), random: () => 0.5 });
  await ob2.recover();
  await ob2.run();
  assert.equal(fetch.calls.length, 1);
  assert.equal(fetch2.calls.length, 1);
  assert.equal(fetch2.calls[0].headers['idempotency-key'], 'cap-1');
  assert.equal((await ob2.status(['https://news.example/a/1']))['https://news.example/a/1'].state, 'sent');
});

test('a new capture while the old one is in flight is sent afterwards with its own key', async () => {
  const { ob, library } = await setup();
  let release;
  const gate = new Promise((r) => { release = r; });
  const replies = [async () => { await gate; return ok(201); }, ok(201)];
  const f2 = scriptedFetch(replies);
  ob.d.fetch = f2;
  library.set('https://news.example/a/1', record(1, 'cap-old'));
  await ob.enqueue(record(1, 'cap-old'));
  const running = ob.run();
  await new Promise((r) => setTimeout(r, 5));
  const fresh = record(1, 'cap-new');
  library.set(fresh.id, fresh);
  await ob.queue([fresh]);
  release();
  await running;
  await ob.run();
  assert.deepEqual(f2.calls.map((c) => c.headers['idempotency-key']), ['cap-old', 'cap-new']);
  assert.equal((await ob.status([fresh.id]))[fresh.id].state, 'sent');
});

test('send all as JSON Lines: one request, every item with its own capture id, kept across retries', async () => {
  const records = [1, 2, 3].map((n) => record(n));
  const { ob, fetch, clock } = await setup({ records, settings: { format: 'ndjson' }, replies: [ok(502), ok(201)] });
  assert.equal(await ob.send(), 3);
  await ob.run();
  clock.advance(750);
  await ob.run();
  assert.equal(fetch.calls.length, 2);
  const key = await batchKey(['cap-1', 'cap-2', 'cap-3']);
  assert.match(key, /^batch-[0-9a-f]{32}$/);
  for (const c of fetch.calls) {
    // A key for the whole batch would make an article sent alone, or in
    // another batch, a new upload: the keys are per item.
    assert.equal(c.headers['idempotency-key'], undefined);
    assert.equal(c.headers['content-type'], 'application/x-ndjson');
    assert.deepEqual(c.body.trimEnd().split('\n').map((l) => JSON.parse(l)),
      records.map((r) => ({ capture_id: r.capture_id, article: r.article })));
  }
  const st = await ob.status(records.map((r) => r.id));
  assert.deepEqual(Object.values(st).map((s) => s.state), ['sent', 'sent', 'sent']);
});

test('send selected as a JSON array', async () => {
  const records = [1, 2, 3].map((n) => record(n));
  const { ob, fetch } = await setup({ records, settings: { format: 'array', method: 'PUT' } });
  await ob.send([records[0].id, records[2].id]);
  await ob.run();
  assert.equal(fetch.calls.length, 1);
  assert.equal(fetch.calls[0].method, 'PUT');
  assert.equal(fetch.calls[0].headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(fetch.calls[0].body), [records[0], records[2]].map((r) => ({ capture_id: r.capture_id, article: r.article })));
  assert.equal((await ob.status([records[1].id]))[records[1].id].state, 'none');
});

test('batches are cut at batch_max', async () => {
  const records = [1, 2, 3, 4, 5].map((n) => record(n));
  const { ob, fetch } = await setup({ records, settings: { format: 'ndjson', batch_max: 2 } });
  await ob.send();
  await ob.run();
  assert.deepEqual(fetch.calls.map((c) => c.body.trimEnd().split('\n').length), [2, 2, 1]);
});

test('an article deleted from the library leaves the outbox without a request', async () => {
  const { ob, fetch, library, storage } = await setup();
  await ob.enqueue(record(1));
  library.clear();
  await ob.run();
  assert.equal(fetch.calls.length, 0);
  assert.deepEqual(await storage.get(ITEM_PREFIX + 'https://news.example/a/1'), {});
});

test('without the host permission nothing is sent and the reason says so', async () => {
  const { ob, fetch } = await setup({ permission: false });
  await ob.enqueue(record(1));
  await ob.run();
  assert.equal(fetch.calls.length, 0);
  const st = (await ob.status(['https://news.example/a/1']))['https://news.example/a/1'];
  assert.equal(st.state, 'queued');
  assert.match(st.error, /no permission to reach http:\/\/127\.0\.0\.1:8080/);
});

test('retry now for all makes failed and waiting items due', async () => {
  const records = [1, 2].map((n) => record(n));
  const { ob, fetch } = await setup({ records, replies: [ok(400, 'bad'), ok(503), ok(201), ok(201)] });
  await ob.send();
  await ob.run();
  let st = await ob.status(records.map((r) => r.id));
  assert.deepEqual(Object.values(st).map((s) => s.state).sort(), ['failed', 'queued']);
  await ob.retryNow();
  await ob.run();
  st = await ob.status(records.map((r) => r.id));
  assert.deepEqual(Object.values(st).map((s) => s.state), ['sent', 'sent']);
  assert.equal(fetch.calls.length, 4);
});

test('messages', async () => {
  const { ob, fetch } = await setup({ replies: [ok(201), ok(401, 'no')] });
  assert.deepEqual(await ob.handleMessage({ type: 'upload.send', ids: ['https://news.example/a/1'] }), { ok: true, queued: 1 });
  await ob.run();
  const r = await ob.handleMessage({ type: 'upload.status', ids: ['https://news.example/a/1'] });
  assert.equal(r.status['https://news.example/a/1'].state, 'sent');
  const t = await ob.handleMessage({ type: 'upload.test' });
  assert.equal(t.ok, false);
  assert.match(t.message, /refused the credentials/);
  assert.equal(fetch.calls[1].body, '[]');
  assert.equal((await ob.handleMessage({ type: 'upload.nope' })).ok, false);
});

test('test connection answers in plain words', async () => {
  const base = { endpoint: ENDPOINT, method: 'POST', headers: [], timeout_ms: 50 };
  const cases = [
    [ok(200), true, /^Connected: http:\/\/127\.0\.0\.1:8080 accepted/],
    [ok(400, 'no article'), true, /Reached the server/],
    [ok(403), false, /refused the credentials/],
    [ok(404, 'nothing here'), false, /^HTTP 404.*nothing here/],
    [ok(503), false, /HTTP 503/],
    [new TypeError('Failed to fetch'), false, /Could not connect/],
    ['hang', false, /No answer within/],
  ];
  for (const [reply, wantOk, re] of cases) {
    const { ob } = await setup({ replies: [reply] });
    const r = await ob.testConnection(base);
    assert.equal(r.ok, wantOk, r.message);
    assert.match(r.message, re);
  }
  const { ob, fetch } = await setup();
  const r = await ob.testConnection({ ...base, endpoint: 'http://example.org/' });
  assert.equal(r.ok, false);
  assert.match(r.message, /only for localhost/);
  assert.equal(fetch.calls.length, 0);
});

test('credentials never appear in stored state', async () => {
  const { ob, storage } = await setup({ replies: [ok(401, 'bad'), new TypeError('Failed to fetch')] });
  await ob.enqueue(record(1));
  await ob.run();
  await ob.enqueue(record(2));
  const all = await storage.get(null);
  delete all[SETTINGS_KEY];
  assert.doesNotMatch(JSON.stringify(all), /s3cret|k1"/);
});

test('while the background lives, a timer wakes it for the next retry', async () => {
  const { ob, fetch, clock } = await setup({ replies: [new TypeError('Failed to fetch'), ok(201)] });
  const timers = [];
  ob.d.setTimer = (fn, ms) => { timers.push({ fn, ms }); return timers.length; };
  ob.d.clearTimer = () => {};
  await ob.enqueue(record(1));
  await ob.run();
  assert.equal(timers.at(-1).ms, 750);
  clock.advance(750);
  timers.at(-1).fn();
  await new Promise((r) => setTimeout(r, 20));
  await ob.running;
  assert.equal(fetch.calls.length, 2);
  assert.equal((await ob.status(['https://news.example/a/1']))['https://news.example/a/1'].state, 'sent');
});

test('something queued while the loop schedules is still sent', async () => {
  const records = [record(1), record(2)];
  const { ob, fetch } = await setup({ records });
  await ob.queue([records[0]]);
  const origSchedule = ob.schedule.bind(ob);
  let once = true;
  ob.schedule = async () => {
    if (once) {
      once = false;
      await ob.queue([records[1]]);
      ob.kick(); // as enqueue does
    }
    return origSchedule();
  };
  await ob.run();
  assert.deepEqual(fetch.calls.map((c) => c.headers['idempotency-key']), ['cap-1', 'cap-2']);
});

test('a header value fetch refuses fails the item with the reason, never leaves it "sending"', async () => {
  // Saved before the settings checked values (the placeholder's "…").
  const { ob, storage, fetch } = await setup({ settings: { headers: [{ name: 'Authorization', value: 'Bearer abc…' }] } });
  await ob.enqueue(record(1));
  await ob.run();
  assert.equal(fetch.calls.length, 0);
  const st = (await ob.status(['https://news.example/a/1']))['https://news.example/a/1'];
  assert.equal(st.state, 'failed');
  assert.match(st.error, /could not be made/);
  assert.match(st.error, /upload settings/);
  // Retry is possible (and fails the same way until the settings change).
  await ob.retryNow();
  await ob.run();
  const k = ITEM_PREFIX + 'https://news.example/a/1';
  assert.equal((await storage.get(k))[k].state, 'failed');
});

test('an item stuck "sending" with no request carrying it goes back to the queue with a note, then is sent', async () => {
  const { ob, storage, fetch } = await setup({ replies: [ok(201)] });
  const k = ITEM_PREFIX + 'https://news.example/a/1';
  await storage.set({ [k]: { id: 'https://news.example/a/1', capture_id: 'cap-1', state: 'sending', attempts: 1, queued_at: 0, next_at: 0, error: '', batch: '' } });
  assert.equal(await ob.recover(), 1);
  const it = (await storage.get(k))[k];
  assert.equal(it.state, 'queued');
  assert.match(it.error, /interrupted/);
  await ob.run();
  assert.equal(fetch.calls.length, 1);
  assert.equal((await storage.get(k))[k].state, 'sent');
});

test('a pass finds stuck items itself, not only a restart', async () => {
  const { ob, storage, fetch } = await setup({ replies: [ok(201)] });
  const k = ITEM_PREFIX + 'https://news.example/a/1';
  await storage.set({ [k]: { id: 'https://news.example/a/1', capture_id: 'cap-1', state: 'sending', attempts: 0, queued_at: 0, next_at: 0, error: '', batch: '' } });
  await ob.run();
  assert.equal(fetch.calls.length, 1);
  assert.equal((await storage.get(k))[k].state, 'sent');
});

test('without an endpoint nothing is ever queued: send, retry and queue refuse, and say why', async () => {
  for (const endpoint of ['', 'http://example.org/x', 'not a url']) {
    const records = [1, 2, 3].map((n) => record(n));
    const { ob, storage, fetch } = await setup({ records, settings: { endpoint, format: 'ndjson' } });
    await assert.rejects(ob.send(), { code: 'no_endpoint' });
    await assert.rejects(ob.send([records[0].id]), { code: 'no_endpoint' });
    await assert.rejects(ob.queue([records[0]]), { code: 'no_endpoint' });
    await assert.rejects(ob.enqueue(records[0]), { code: 'no_endpoint' });
    await assert.rejects(ob.retryNow(), { code: 'no_endpoint' });
    const answer = await ob.handleMessage({ type: 'upload.send' });
    assert.equal(answer.ok, false);
    assert.equal(answer.code, 'no_endpoint');
    assert.match(answer.error, /No endpoint is configured.*Nothing was queued/);
    assert.deepEqual(await ob.handleMessage({ type: 'upload.retry' }), { ok: false, code: 'no_endpoint', error: answer.error });
    assert.deepEqual(await ob.handleMessage({ type: 'upload.endpoint' }), { ok: true, endpoint: '' });
    const items = [...storage.data.keys()].filter((k) => k.startsWith(ITEM_PREFIX));
    assert.deepEqual(items, [], `endpoint ${JSON.stringify(endpoint)}: nothing in the outbox`);
    await ob.run();
    assert.equal(fetch.calls.length, 0);
    const st = await ob.status(records.map((r) => r.id));
    assert.ok(Object.values(st).every((x) => x.state === 'none'));
  }
});

test('items queued for an endpoint the user replaced are not sent to the new one unasked', async () => {
  const down = new TypeError('Failed to fetch');
  const { ob, storage, fetch } = await setup({ replies: [down, ok()] });
  await ob.enqueue(record(1));
  await ob.run();
  const id = 'https://news.example/a/1';
  assert.equal((await ob.status([id]))[id].state, 'queued', 'the first endpoint is down: it waits');
  assert.equal((await ob.readItems([id]))[id].endpoint, ENDPOINT);

  const s = (await storage.get(SETTINGS_KEY))[SETTINGS_KEY];
  await storage.set({ [SETTINGS_KEY]: { ...s, endpoint: 'http://127.0.0.1:9090/in' } });
  await ob.retryQueued(); // what a change of the settings does
  await ob.run();
  assert.equal(fetch.calls.length, 1, 'nothing went to the new endpoint');
  const st = (await ob.status([id]))[id];
  assert.equal(st.state, 'failed');
  assert.match(st.error, /Queued for http:\/\/127\.0\.0\.1:8080, which is no longer the endpoint; retry to send it to http:\/\/127\.0\.0\.1:9090/);

  await ob.retryNow([id]); // the user asks: now it goes to the new one
  await ob.run();
  assert.equal(fetch.calls.length, 2);
  assert.equal(fetch.calls[1].url, 'http://127.0.0.1:9090/in');
  assert.equal((await ob.status([id]))[id].state, 'sent');
  assert.deepEqual(await ob.handleMessage({ type: 'upload.endpoint' }), { ok: true, endpoint: 'http://127.0.0.1:9090' });
});
