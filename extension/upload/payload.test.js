// The upload payload hook: the body is what the payload renderer (the
// user's template, filled by Go in the background) returns, the article as
// saved when it returns null, and a renderer that fails leaves the item
// failed with the reason instead of sending anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox } from './outbox.js';
import { SETTINGS_KEY } from './config.js';
import { MemoryStorage, scriptedFetch, manualClock, record } from './fakes.test.js';

async function setup(payload, format = 'single') {
  const storage = new MemoryStorage();
  await storage.set({ [SETTINGS_KEY]: { endpoint: 'http://127.0.0.1:9/in', method: 'POST', headers: [], format, auto_send: true, timeout_ms: 200, backoff_base_ms: 1000, backoff_max_ms: 60000 } });
  const records = [record(1), record(2)];
  const library = new Map(records.map((r) => [r.id, r]));
  const fetch = scriptedFetch([]);
  const ob = new Outbox({
    storage, fetch, payload,
    getRecord: async (id) => library.get(id),
    getRecords: async (ids) => (ids ? ids.map((id) => library.get(id)).filter(Boolean) : [...library.values()]),
    now: manualClock().now, random: () => 0.5,
    hasPermission: async () => true,
  });
  return { ob, fetch, records };
}

test('the payload renderer\'s JSON is the body', async () => {
  const { ob, fetch, records } = await setup(async (a) => JSON.stringify({ t: a.title }));
  await ob.afterCapture(records[0]);
  await ob.run();
  assert.equal(fetch.calls.length, 1);
  assert.equal(fetch.calls[0].body, JSON.stringify({ t: records[0].article.title }));
});

test('null from the renderer sends the article as saved', async () => {
  const { ob, fetch, records } = await setup(async () => null);
  await ob.afterCapture(records[0]);
  await ob.run();
  assert.equal(fetch.calls[0].body, JSON.stringify(records[0].article));
});

test('a failing renderer sends nothing and says why', async () => {
  const { ob, fetch, records } = await setup(async () => { throw new Error('template: bad'); });
  await ob.afterCapture(records[0]);
  await ob.run();
  assert.equal(fetch.calls.length, 0);
  const st = await ob.status([records[0].id]);
  assert.equal(st[records[0].id].state, 'failed');
  assert.match(st[records[0].id].error, /payload template failed: template: bad/);
});
