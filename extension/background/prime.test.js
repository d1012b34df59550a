import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shouldPrime, skipReason, primeWith, readPages, primeOnInstall, primeState, PRIME_RUNS } from './prime.js';

test('shouldPrime: install and updates of the extension or the browser', () => {
  for (const [reason, want] of [['install', true], ['update', true], ['chrome_update', true], ['browser_update', true],
    ['shared_module_update', false], [undefined, false]]) {
    assert.equal(shouldPrime({ reason }), want, String(reason));
  }
  assert.equal(shouldPrime(null), false);
});

test('skipReason: Firefox; a low battery that is not charging, where the browser tells', async () => {
  const nav = (b) => ({ getBattery: async () => b });
  assert.equal(await skipReason({}), '');
  assert.equal(await skipReason(undefined), '');
  assert.equal(await skipReason(nav({ charging: false, level: 0.15 })), 'battery');
  assert.equal(await skipReason(nav({ charging: false, level: 0.2 })), 'battery');
  assert.equal(await skipReason(nav({ charging: true, level: 0.05 })), '');
  assert.equal(await skipReason(nav({ charging: false, level: 0.8 })), '');
  assert.equal(await skipReason({ getBattery: async () => { throw new Error('no'); } }), '');
  assert.equal(await skipReason({}, { runtime: { getBrowserInfo: async () => ({ name: 'Firefox' }) } }), 'firefox');
  assert.equal(await skipReason({}, { runtime: {} }), '');
});

test('primeWith: runs the pages in turn, counts failures, pauses between runs', async () => {
  const seen = [];
  const pauses = [];
  const pages = [{ url: 'u0', html: 'a' }, { url: 'u1', html: 'b' }, { url: 'u2', html: 'bad' }];
  const r = await primeWith({
    pages, runs: 7, budgetMs: 1e9,
    extract: async (html, url, opts) => { seen.push(url); assert.equal(opts, '{}'); if (html === 'bad') throw new Error('no_article'); return {}; },
    sleep: async (ms) => { pauses.push(ms); },
  });
  assert.deepEqual(seen, ['u0', 'u1', 'u2', 'u0', 'u1', 'u2', 'u0']);
  assert.equal(r.runs, 7);
  assert.equal(r.failed, 2);
  assert.equal(pauses.length, 6); // none after the last run
});

test('primeWith: stops when the time budget is spent, and on no pages', async () => {
  let t = 0;
  const r = await primeWith({
    pages: [{ url: 'u', html: 'x' }], runs: 100, budgetMs: 250,
    now: () => t, extract: async () => { t += 100; }, sleep: async () => { t += 1000; }, // pauses do not count
  });
  assert.equal(r.runs, 3);
  assert.equal(r.ms, 300);
  assert.deepEqual(await primeWith({ pages: [], extract: async () => assert.fail('called') }), { runs: 0, failed: 0, ms: 0 });
});

test('readPages: keeps well-formed pages, refuses what is not a list', async () => {
  const f = (body, ok = true) => async () => ({ ok, status: ok ? 200 : 404, json: async () => body });
  assert.deepEqual(await readPages('x', f([{ url: 'a', html: 'h' }, { url: 1, html: 'h' }, null])), [{ url: 'a', html: 'h' }]);
  await assert.rejects(readPages('x', f({})), /not a list/);
  await assert.rejects(readPages('x', f([], false)), /HTTP 404/);
});

test('primeOnInstall: primes once on install, records it, ignores other reasons', async () => {
  const stored = {};
  const runs = [];
  const api = {
    runtime: { getURL: (p) => 'chrome-extension://id/' + p, getManifest: () => ({ version: '1.2.3' }) },
    storage: { local: { set: async (o) => Object.assign(stored, o) } },
  };
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    assert.equal(url, 'chrome-extension://id/extension/wasm/prime.json');
    return { ok: true, json: async () => [{ url: 'https://barg.invalid/p', html: '<p>x</p>' }] };
  };
  try {
    await primeOnInstall({ reason: 'shared_module_update' }, { api, extract: async () => assert.fail('primed'), ready: Promise.resolve() });
    assert.equal(primeState.state, 'idle');
    const done = primeOnInstall({ reason: 'install' }, { api, extract: async (h, u) => { runs.push(u); }, ready: Promise.resolve() });
    assert.equal(primeState.state, 'running');
    assert.equal(primeOnInstall({ reason: 'update' }, { api }), done, 'a second event while priming reuses the run');
    await done;
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.equal(runs.length, PRIME_RUNS);
  assert.equal(primeState.state, 'done');
  const rec = stored['barg.prime'];
  assert.equal(rec.version, '1.2.3');
  assert.equal(rec.reason, 'install');
  assert.equal(rec.state, 'done');
  assert.equal(rec.runs, PRIME_RUNS);
});
