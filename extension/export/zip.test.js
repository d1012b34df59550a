// zip.js, read back by independent readers: Python's zipfile (which checks
// every CRC when it reads) and Info-ZIP's unzip -t. A reader that is not
// installed skips its test, saying so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipBytes, crc32, checkName, uniqueName } from './zip.js';


// The system's Python starts in a tenth of the time a version manager's shim takes.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function has(cmd, arg = '--version') {
  return spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
}

function withFile(bytes, f) {
  const dir = mkdtempSync(join(tmpdir(), 'barg-zip-'));
  try {
    const p = join(dir, 'out.zip');
    writeFileSync(p, bytes);
    return f(p);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every entry as Python's zipfile reads it: name, size, method, date, base64 content. */
function readWithPython(bytes) {
  const script = `
import base64, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None
    print(json.dumps([{"name": i.filename, "size": i.file_size, "method": i.compress_type,
        "date": list(i.date_time), "data": base64.b64encode(z.read(i)).decode()} for i in z.infolist()]))`;
  return withFile(bytes, (p) => {
    const r = spawnSync(PYTHON, ['-c', script, p], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  });
}

const pythonMissing = has(PYTHON) ? false : 'python3 is not installed: no independent reader';

const text = (s) => new TextEncoder().encode(s);
const repeated = 'بودجهٔ سال آینده — نگرانی‌ها و پاسخ‌ها\n'.repeat(200);
const entries = [
  { name: '2026-03-10 بودجهٔ سال آینده.md', text: repeated, date: new Date(2026, 2, 10, 9, 30, 14) },
  { name: 'assets/fig-1.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), date: new Date(2026, 0, 2, 3, 4, 6) },
  { name: 'empty.md', text: '' },
];

test('crc32 of known inputs', () => {
  assert.equal(crc32(text('')), 0);
  assert.equal(crc32(text('123456789')), 0xcbf43926);
  assert.equal(crc32(text('The quick brown fox jumps over the lazy dog')), 0x414fa339);
});

test('Python\'s zipfile reads every entry back, names, bytes and dates intact', { skip: pythonMissing }, async () => {
  const got = readWithPython(await zipBytes(entries));
  assert.deepEqual(got.map((e) => e.name), entries.map((e) => e.name));
  assert.equal(Buffer.from(got[0].data, 'base64').toString('utf8'), repeated);
  assert.equal(got[0].method, 8, 'repetitive text is deflated');
  assert.deepEqual(got[0].date, [2026, 3, 10, 9, 30, 14]);
  assert.deepEqual([...Buffer.from(got[1].data, 'base64')], [...entries[1].bytes]);
  assert.equal(got[1].method, 0, 'bytes that do not shrink are stored');
  assert.deepEqual(got[1].date, [2026, 1, 2, 3, 4, 6]);
  assert.equal(got[2].size, 0);
});

test('stored only, when asked', { skip: pythonMissing }, async () => {
  const got = readWithPython(await zipBytes(entries, { compress: false }));
  assert.deepEqual(got.map((e) => e.method), [0, 0, 0]);
  assert.equal(Buffer.from(got[0].data, 'base64').toString('utf8'), repeated);
});

test('without CompressionStream every entry is stored and still reads', { skip: pythonMissing }, async () => {
  const saved = globalThis.CompressionStream;
  globalThis.CompressionStream = undefined;
  try {
    const got = readWithPython(await zipBytes(entries));
    assert.deepEqual(got.map((e) => e.method), [0, 0, 0]);
  } finally {
    globalThis.CompressionStream = saved;
  }
});

test('unzip -t finds no error', { skip: has('unzip', '-v') ? false : 'unzip is not installed' }, async () => {
  const bytes = await zipBytes(entries);
  withFile(bytes, (p) => {
    const r = spawnSync('unzip', ['-t', p], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No errors detected/);
  });
});

test('a corrupted byte is caught by the CRC', { skip: pythonMissing }, async () => {
  const bytes = await zipBytes([{ name: 'a.txt', text: 'hello, world' }], { compress: false });
  bytes[30 + 'a.txt'.length] ^= 1; // the first byte of the data
  withFile(bytes, (p) => {
    const r = spawnSync(PYTHON, ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip())', p], { encoding: 'utf8' });
    assert.equal(r.stdout.trim(), 'a.txt');
  });
});

test('names that could escape the folder, and duplicates, are refused', async () => {
  for (const bad of ['', '/etc/passwd', '../up.md', 'a/../../b', 'a//b', 'C:/x', './a', 'a\u0000b']) {
    assert.throws(() => checkName(bad), /zip:/, bad);
  }
  assert.equal(checkName('assets\\x.png'), 'assets/x.png');
  await assert.rejects(zipBytes([{ name: 'a.md', text: '1' }, { name: 'a.md', text: '2' }]), /two files named/);
  await assert.rejects(zipBytes([{ name: 'a.md' }]), /neither bytes nor text/);
});

test('uniqueName numbers repeats before the extension, ignoring case', () => {
  const taken = new Set();
  assert.equal(uniqueName('عنوان.md', taken), 'عنوان.md');
  assert.equal(uniqueName('عنوان.md', taken), 'عنوان (2).md');
  assert.equal(uniqueName('عنوان.md', taken), 'عنوان (3).md');
  assert.equal(uniqueName('Title.md', taken), 'Title.md');
  assert.equal(uniqueName('title.MD', taken), 'title (2).MD');
  assert.equal(uniqueName('no-extension', taken), 'no-extension');
  assert.equal(uniqueName('no-extension', taken), 'no-extension (2)');
});
