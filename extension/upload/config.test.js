import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEndpoint, checkHeaders, normalizeSettings, requestHeaders, DEFAULT_SETTINGS } from './config.js';

test('endpoints: https anywhere, http only on this machine', () => {
  const cases = [
    ['https://archive.example.org/captures', true, 'https://archive.example.org/*'],
    ['  https://archive.example.org:8443/in?x=1#frag ', true, 'https://archive.example.org/*'],
    ['http://localhost:8080/', true, 'http://localhost/*'],
    ['http://127.0.0.1:9/x', true, 'http://127.0.0.1/*'],
    ['http://example.org/', false, 'insecure'],
    ['http://127.0.0.2/', false, 'insecure'],
    ['http://[::1]:8080/', false, 'insecure'],
    ['http://localhost.evil.example/', false, 'insecure'],
    ['ftp://example.org/', false, 'scheme'],
    ['javascript:alert(1)', false, 'scheme'],
    ['https://user:pw@example.org/', false, 'userinfo'],
    ['example.org/captures', false, 'invalid'],
    ['', false, 'empty'],
  ];
  for (const [url, ok, want] of cases) {
    const r = checkEndpoint(url);
    assert.equal(r.ok, ok, url);
    if (ok) assert.equal(r.pattern, want, url);
    else {
      assert.equal(r.code, want, url);
      assert.ok(r.reason.length > 20, 'the reason explains');
    }
  }
  assert.equal(checkEndpoint(' https://a.example/x#frag').url, 'https://a.example/x');
});

test('custom headers', () => {
  assert.deepEqual(checkHeaders([{ name: ' Authorization ', value: 'Bearer abc ' }, { name: '', value: '' }, { name: 'X-API-Key', value: 'k' }]),
    { ok: true, headers: [{ name: 'Authorization', value: 'Bearer abc' }, { name: 'X-API-Key', value: 'k' }] });
  const bad = [
    [{ name: 'Bad Name', value: 'x' }, /not a valid header name/],
    [{ name: '', value: 'orphan' }, /not a valid header name/],
    [{ name: 'Content-Type', value: 'text/plain' }, /cannot be changed/],
    [{ name: 'idempotency-key', value: 'x' }, /cannot be changed/],
    [{ name: 'Cookie', value: 'a=b' }, /cannot be changed/],
    [{ name: 'Sec-Fetch-Mode', value: 'x' }, /cannot be changed/],
    [{ name: 'X-A', value: 'a\r\nX-B: b' }, /line breaks/],
  ];
  for (const [row, re] of bad) {
    const r = checkHeaders([row]);
    assert.equal(r.ok, false, JSON.stringify(row));
    assert.match(r.reason, re);
    assert.equal(r.row, 0);
  }
  assert.match(checkHeaders([{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }]).reason, /given twice/);
});

test('settings are normalized', () => {
  assert.deepEqual(normalizeSettings(undefined), { ...DEFAULT_SETTINGS });
  const s = normalizeSettings({ method: 'DELETE', format: 'xml', auto_send: 1, timeout_ms: -1, headers: [{ name: 'A', value: 2 }, null] });
  assert.equal(s.method, 'POST');
  assert.equal(s.format, 'single');
  assert.equal(s.auto_send, true);
  assert.equal(s.timeout_ms, 30000);
  assert.deepEqual(s.headers, [{ name: 'A', value: '2' }]);
});

test('Barg\'s own headers win over custom ones', () => {
  const h = requestHeaders({ headers: [{ name: 'X-API-Key', value: 'k' }] }, 'application/x-ndjson', 'key-1');
  assert.equal(h.get('X-API-Key'), 'k');
  assert.equal(h.get('Content-Type'), 'application/x-ndjson');
  assert.equal(h.get('Idempotency-Key'), 'key-1');
});

test('header values: visible ASCII and Latin-1 only, with a clear reason', () => {
  const bad = checkHeaders([{ name: 'Authorization', value: 'Bearer abc…' }]);
  assert.equal(bad.ok, false);
  assert.equal(bad.row, 0);
  assert.match(bad.reason, /"…" \(U\+2026\)/);
  assert.equal(checkHeaders([{ name: 'X-Key', value: 'کلید' }]).ok, false);
  assert.equal(checkHeaders([{ name: 'X-Key', value: 'a\u0085b' }]).ok, false);
  assert.equal(checkHeaders([{ name: 'X-Key', value: 'café naïve\tx' }]).ok, true);
  assert.equal(checkHeaders([{ name: 'Authorization', value: 'Bearer a-b_c.d~e+f/g=' }]).ok, true);
  // Whatever passes can be set on a Headers object.
  for (const v of ['café', 'x y', '\u00ff']) new Headers().set('X-A', v);
});
