// A copy of the extension's WebAssembly module in Cache Storage.
//
// Reading the 4 MB module from the extension's package is the slow part of
// a cold start in Chromium (fetching chrome-extension:// URLs streams the
// file through the browser process: 120–210 ms measured, against 35–55 ms
// for the same bytes read back from Cache Storage). So after a start from
// the package the background keeps a copy, and later starts compile from it.
//
// The copy is keyed by the SHA-256 of the module, which build.sh writes
// beside it (barg.wasm.sha256). A copy is only ever stored after its bytes
// were hashed and found equal to that file's hash, so the cache can never
// serve a module other than the one the id file names; a new build has a
// new id, and storing it removes the copies of earlier builds. Without the
// id file, or without Cache Storage, the background simply starts from the
// package every time.

const CACHE_NAME = 'barg-wasm';
// Cache Storage keys must be http(s) URLs; this one is never fetched.
const KEY_PREFIX = 'https://barg.invalid/wasm/';

/**
 * The module id: the hex SHA-256 that build.sh wrote to idURL, or '' when
 * there is none.
 * @param {string} idURL
 * @param {{fetch?: typeof fetch}} [env]
 * @returns {Promise<string>}
 */
export async function moduleID(idURL, env = {}) {
  const f = env.fetch || globalThis.fetch;
  try {
    const res = await f(idURL);
    if (!res.ok) return '';
    const id = (await res.text()).trim().split(/\s/)[0].toLowerCase();
    return /^[0-9a-f]{64}$/.test(id) ? id : '';
  } catch {
    return '';
  }
}

/**
 * The cached bytes of module id, or null when there are none (or the
 * cache cannot be read).
 * @param {string} id
 * @param {{caches?: CacheStorage}} [env]
 * @returns {Promise<ArrayBuffer|null>}
 */
export async function cachedModule(id, env = {}) {
  const cs = env.caches || globalThis.caches;
  if (!id || !cs) return null;
  try {
    const cache = await cs.open(CACHE_NAME);
    const res = await cache.match(KEY_PREFIX + id + '.wasm');
    return res ? await res.arrayBuffer() : null;
  } catch {
    return null;
  }
}

/**
 * Stores the module at url under id, if its bytes hash to id, and removes
 * every other cached module. Resolves with whether it stored the copy.
 * @param {string} url the module in the extension's package
 * @param {string} id its expected hex SHA-256
 * @param {{fetch?: typeof fetch, caches?: CacheStorage, crypto?: Crypto}} [env]
 * @returns {Promise<boolean>}
 */
export async function storeModule(url, id, env = {}) {
  const f = env.fetch || globalThis.fetch;
  const cs = env.caches || globalThis.caches;
  const subtle = (env.crypto || globalThis.crypto).subtle;
  if (!id || !cs) return false;
  const bytes = await (await f(url)).arrayBuffer();
  if (await sha256Hex(bytes, subtle) !== id) return false; // the id file names another build
  const cache = await cs.open(CACHE_NAME);
  const key = KEY_PREFIX + id + '.wasm';
  await cache.put(key, new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } }));
  for (const req of await cache.keys()) {
    if (req.url !== key) await cache.delete(req);
  }
  return true;
}

async function sha256Hex(bytes, subtle) {
  const d = new Uint8Array(await subtle.digest('SHA-256', bytes));
  let s = '';
  for (const b of d) s += b.toString(16).padStart(2, '0');
  return s;
}
