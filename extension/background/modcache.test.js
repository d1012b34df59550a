import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { moduleID, cachedModule, storeModule } from './modcache.js';

// fakeCaches is a CacheStorage with the few methods modcache.js uses,
// holding bodies as bytes.
function fakeCaches() {
  const stores = new Map();
  return {
    stores,
    async open(name) {
      if (!stores.has(name)) stores.set(name, new Map());
      const m = stores.get(name);
      return {
        async match(url) {
          const b = m.get(String(url));
          return b ? new Response(b, { headers: { 'Content-Type': 'application/wasm' } }) : undefined;
        },
        async put(url, res) { m.set(String(url), new Uint8Array(await res.arrayBuffer())); },
        async keys() { return [...m.keys()].map((url) => ({ url })); },
        async delete(req) { return m.delete(req.url); },
      };
    },
  };
}

// fakeFetch serves the given path → body (string or bytes); other paths are 404.
function fakeFetch(files) {
  const calls = [];
  const f = async (url) => {
    calls.push(url);
    if (!(url in files)) return new Response('not found', { status: 404 });
    return new Response(files[url]);
  };
  f.calls = calls;
  return f;
}

const MODULE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 42]);
const ID = createHash('sha256').update(MODULE).digest('hex');

test('moduleID reads the hash build.sh wrote, and nothing else', async () => {
  const cases = [
    { body: ID + '\n', want: ID },
    { body: ID.toUpperCase() + '  extension/wasm/barg.wasm\n', want: ID }, // sha256sum's own format
    { body: 'not a hash\n', want: '' },
    { body: ID.slice(1), want: '' },
    { body: null, want: '' }, // no file
  ];
  for (const c of cases) {
    const f = fakeFetch(c.body === null ? {} : { id: c.body });
    assert.equal(await moduleID('id', { fetch: f }), c.want, JSON.stringify(c.body));
  }
  const broken = async () => { throw new TypeError('Failed to fetch'); };
  assert.equal(await moduleID('id', { fetch: broken }), '');
});

test('storeModule keeps a copy only when the bytes hash to the id', async () => {
  const caches = fakeCaches();
  const f = fakeFetch({ wasm: MODULE });
  assert.equal(await storeModule('wasm', ID, { fetch: f, caches }), true);
  const got = await cachedModule(ID, { caches });
  assert.deepEqual(new Uint8Array(got), MODULE);

  // An id file that names another build: nothing is stored under it.
  const other = 'ab'.repeat(32);
  assert.equal(await storeModule('wasm', other, { fetch: f, caches }), false);
  assert.equal(await cachedModule(other, { caches }), null);
  assert.notEqual(await cachedModule(ID, { caches }), null, 'the good copy stays');
});

test('storing a new build removes the copies of earlier ones', async () => {
  const caches = fakeCaches();
  const next = new Uint8Array([...MODULE, 7]);
  const nextID = createHash('sha256').update(next).digest('hex');
  await storeModule('wasm', ID, { fetch: fakeFetch({ wasm: MODULE }), caches });
  await storeModule('wasm', nextID, { fetch: fakeFetch({ wasm: next }), caches });
  assert.equal(await cachedModule(ID, { caches }), null);
  assert.deepEqual(new Uint8Array(await cachedModule(nextID, { caches })), next);
  assert.equal([...caches.stores.values()][0].size, 1);
});

test('without an id or Cache Storage nothing is read or stored', async () => {
  const caches = fakeCaches();
  assert.equal(await cachedModule('', { caches }), null);
  assert.equal(await cachedModule(ID, { caches }), null); // empty cache
  assert.equal(await storeModule('wasm', '', { fetch: fakeFetch({ wasm: MODULE }), caches }), false);
  const stored = [...caches.stores.values()].reduce((n, m) => n + m.size, 0);
  assert.equal(stored, 0);
  const noCaches = { caches: null };
  assert.equal(await cachedModule(ID, noCaches), null);
  const broken = { async open() { throw new Error('SecurityError'); } };
  assert.equal(await cachedModule(ID, { caches: broken }), null);
});
