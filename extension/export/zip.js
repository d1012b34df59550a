// A small ZIP writer for exports of many files (one Markdown file per
// article, an assets/ folder of images): plain JS, no dependency, runs in
// extension pages, workers and node alike.
//
// Each entry is deflated with CompressionStream('deflate-raw') where the
// platform has it (Chromium 103+, Firefox 113+, node 20) and stored when
// deflating does not make it smaller or is not available. File names are
// UTF-8 (flag bit 11), so Persian names stay Persian in every unzip tool
// that follows the spec. No ZIP64: an archive is refused (with an error
// that says why) past 65,535 entries or 4 GiB, far beyond an export.
//
// API: zipBytes(entries) → Uint8Array, zipBlob(entries) → Blob, where an
// entry is {name, bytes | text, date}: name a relative path with "/"
// between folders ("assets/fig-1.jpg"), bytes a Uint8Array or text a
// string (written as UTF-8), date a Date (default: now). uniqueName helps
// callers give several entries distinct names.

const MAX_ENTRIES = 0xffff;
const MAX_SIZE = 0xffffffff;

let crcTable = null;

/** The CRC-32 (ISO 3309, as ZIP and gzip use it) of bytes. */
export function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Checks an entry's name: a relative path, "/" between parts, no empty,
 * "." or ".." part (nothing an unzip tool could write outside its
 * folder), no control characters. Backslashes become "/". Returns the name
 * or throws.
 */
export function checkName(name) {
  const s = String(name ?? '').replace(/\\/g, '/');
  const parts = s.split('/');
  if (!s || s.startsWith('/') || /^[A-Za-z]:/.test(s) || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error('zip: not a relative file name: ' + JSON.stringify(name));
  }
  if (/[\u0000-\u001f\u007f]/.test(s)) throw new Error('zip: control character in file name: ' + JSON.stringify(name));
  if (new TextEncoder().encode(s).length > 0xffff) throw new Error('zip: file name too long');
  return s;
}

/**
 * A name not yet in taken (a Set of names, compared case-insensitively as
 * most file systems do), made by adding " (2)", " (3)"… before the
 * extension; the name returned is added to taken.
 */
export function uniqueName(name, taken) {
  const lower = (s) => s.toLowerCase();
  const seen = new Set([...taken].map(lower));
  let out = name;
  const dot = name.lastIndexOf('.');
  const [base, ext] = dot > 0 && !name.slice(dot).includes('/') ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let i = 2; seen.has(lower(out)); i++) out = base + ' (' + i + ')' + ext;
  taken.add(out);
  return out;
}

/** DOS date and time (local time, 2-second steps) of a Date, clamped to 1980–2107. */
function dosTime(date) {
  let d = date instanceof Date && !Number.isNaN(date.getTime()) ? date : new Date();
  if (d.getFullYear() < 1980) d = new Date(1980, 0, 1);
  if (d.getFullYear() > 2107) d = new Date(2107, 11, 31, 23, 59, 58);
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
  const day = ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return { time, day };
}

/** bytes deflated (raw, no header), or null where CompressionStream cannot. */
async function deflateRaw(bytes) {
  if (typeof CompressionStream !== 'function') return null;
  let cs;
  try {
    cs = new CompressionStream('deflate-raw');
  } catch {
    return null; // an older browser without deflate-raw
  }
  const stream = new Blob([bytes]).stream().pipeThrough(cs);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The bytes of an entry: bytes as given, text as UTF-8. */
function entryBytes(e) {
  if (e.bytes instanceof Uint8Array) return e.bytes;
  if (e.bytes instanceof ArrayBuffer) return new Uint8Array(e.bytes);
  if (typeof e.text === 'string') return new TextEncoder().encode(e.text);
  throw new Error('zip: entry ' + JSON.stringify(e.name) + ' has neither bytes nor text');
}

/**
 * The ZIP archive of entries ({name, bytes | text, date}), in their order.
 * Names must be distinct (uniqueName helps). compress: false stores every
 * entry as is.
 * @param {{name: string, bytes?: Uint8Array, text?: string, date?: Date}[]} entries
 * @param {{compress?: boolean}} [opts]
 * @returns {Promise<Uint8Array>}
 */
export async function zipBytes(entries, { compress = true } = {}) {
  if (entries.length > MAX_ENTRIES) throw new Error('zip: more than ' + MAX_ENTRIES + ' files');
  const enc = new TextEncoder();
  const names = new Set();
  const chunks = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const name = checkName(e.name);
    if (names.has(name)) throw new Error('zip: two files named ' + JSON.stringify(name));
    names.add(name);
    const nameBytes = enc.encode(name);
    const data = entryBytes(e);
    const crc = crc32(data);
    let body = data;
    let method = 0;
    if (compress && data.length > 0) {
      const z = await deflateRaw(data);
      if (z && z.length < data.length) {
        body = z;
        method = 8;
      }
    }
    if (data.length > MAX_SIZE || offset + body.length + 30 + nameBytes.length > MAX_SIZE) {
      throw new Error('zip: the archive would pass 4 GiB');
    }
    const { time, day } = dosTime(e.date);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed: 2.0
    local.setUint16(6, 0x0800, true); // UTF-8 names
    local.setUint16(8, method, true);
    local.setUint16(10, time, true);
    local.setUint16(12, day, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    local.setUint16(28, 0, true);
    chunks.push(new Uint8Array(local.buffer), nameBytes, body);

    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 0x0314, true); // made by: Unix, 2.0 (so the mode below is read)
    cd.setUint16(6, 20, true);
    cd.setUint16(8, 0x0800, true);
    cd.setUint16(10, method, true);
    cd.setUint16(12, time, true);
    cd.setUint16(14, day, true);
    cd.setUint32(16, crc, true);
    cd.setUint32(20, body.length, true);
    cd.setUint32(24, data.length, true);
    cd.setUint16(28, nameBytes.length, true);
    cd.setUint16(30, 0, true); // extra
    cd.setUint16(32, 0, true); // comment
    cd.setUint16(34, 0, true); // disk
    cd.setUint16(36, 0, true); // internal attributes
    cd.setUint32(38, (0o100644 << 16) >>> 0, true); // a regular file, rw-r--r--
    cd.setUint32(42, offset, true);
    central.push(new Uint8Array(cd.buffer), nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const cdStart = offset;
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  if (cdStart + cdSize > MAX_SIZE) throw new Error('zip: the archive would pass 4 GiB');
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, cdStart, true);
  const parts = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The archive as a Blob of type application/zip. */
export async function zipBlob(entries, opts) {
  return new Blob([await zipBytes(entries, opts)], { type: 'application/zip' });
}
