import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setKeepImages } from './images.js';
import { IMAGES_KEY, IMAGE_ORIGINS, readKeepImages } from '../lib/assets.js';

function fakeAPI(answer) {
  const calls = { requested: [], stored: [] };
  let value;
  const api = {
    permissions: {
      request: (p) => {
        calls.requested.push(p);
        return typeof answer === 'function' ? answer() : Promise.resolve(answer);
      },
    },
    storage: {
      set: async (o) => { calls.stored.push(o); value = o[IMAGES_KEY]; },
      get: async () => (value === undefined ? {} : { [IMAGES_KEY]: value }),
    },
  };
  return { api, calls };
}

test('turning the setting on asks for the image hosts first, in the same turn as the click', async () => {
  const { api, calls } = fakeAPI(true);
  const pending = setKeepImages(true, api);
  // Browsers grant permissions only inside the user gesture: the request
  // must be made before setKeepImages first yields.
  assert.deepEqual(calls.requested, [{ origins: IMAGE_ORIGINS }]);
  assert.deepEqual(await pending, { keep: true, status: 'on' });
  assert.equal(await readKeepImages(api.storage), true);
});

test('a refused or failed prompt leaves the setting off', async () => {
  for (const answer of [false, () => Promise.reject(new Error('This function must be called during a user gesture'))]) {
    const { api } = fakeAPI(answer);
    assert.deepEqual(await setKeepImages(true, api), { keep: false, status: 'denied' });
    assert.equal(await readKeepImages(api.storage), false);
  }
});

test('turning it off asks nothing', async () => {
  const { api, calls } = fakeAPI(true);
  assert.deepEqual(await setKeepImages(false, api), { keep: false, status: 'off' });
  assert.equal(calls.requested.length, 0);
  assert.equal(await readKeepImages(api.storage), false);
  assert.equal(await readKeepImages({ get: async () => ({}) }), false, 'off by default');
});

test('the manifest declares the hosts the setting asks for as optional', () => {
  const m = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));
  for (const o of IMAGE_ORIGINS) assert.ok(m.optional_host_permissions.includes(o), o);
  for (const o of IMAGE_ORIGINS) assert.ok(!(m.host_permissions || []).includes(o), `${o} is not granted at install`);
});
