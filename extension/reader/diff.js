// What changed between two versions of an article, paragraph by paragraph:
// the longest common subsequence of their paragraphs, the rest marked as
// removed (only in the older) or added (only in the newer). Pure, so it is
// tested in node.
//
// Work is bounded: past MAX_CELLS comparisons (two articles of thousands of
// paragraphs each) it falls back to comparing the paragraphs as sets,
// which still shows every added and removed paragraph, without the order.

const MAX_CELLS = 4_000_000;

/** The paragraphs of an article, in reading order: each block's text (list items one by one). */
export function paragraphsOf(article) {
  const out = [];
  const blocks = Array.isArray(article && article.blocks) ? article.blocks : [];
  for (const b of blocks) {
    if (!b || typeof b !== 'object') continue;
    if (b.type === 'list' && Array.isArray(b.items) && b.items.length) {
      for (const it of b.items) out.push(String(it));
    } else if (b.type === 'figure') {
      if (b.caption) out.push(String(b.caption));
    } else if (b.type === 'table' && Array.isArray(b.rows)) {
      for (const r of b.rows) out.push(r.map((c) => String(c ?? '')).join(' | '));
    } else if (b.text) {
      out.push(String(b.text));
    }
  }
  if (!out.length && article && article.text) out.push(...String(article.text).split(/\n{2,}/));
  return out.map((p) => p.trim()).filter(Boolean);
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();

/**
 * The paragraph diff from older to newer paragraphs.
 * @param {string[]} older
 * @param {string[]} newer
 * @returns {{op: 'same'|'added'|'removed', text: string}[]}
 */
export function diffParagraphs(older, newer) {
  const a = older.map(norm), b = newer.map(norm);
  // Common head and tail need no table.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out = a.slice(0, head).map((text) => ({ op: 'same', text }));
  const ma = a.slice(head, a.length - tail), mb = b.slice(head, b.length - tail);
  out.push(...(ma.length * mb.length > MAX_CELLS ? bySet(ma, mb) : byLCS(ma, mb)));
  out.push(...a.slice(a.length - tail).map((text) => ({ op: 'same', text })));
  return out;
}

function byLCS(a, b) {
  const n = a.length, m = b.length;
  const w = m + 1;
  const L = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i * w + j] = a[i] === b[j] ? L[(i + 1) * w + j + 1] + 1 : Math.max(L[(i + 1) * w + j], L[i * w + j + 1]);
    }
  }
  const out = [];
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { out.push({ op: 'same', text: a[i] }); i++; j++; }
    else if (L[(i + 1) * w + j] >= L[i * w + j + 1]) out.push({ op: 'removed', text: a[i++] });
    else out.push({ op: 'added', text: b[j++] });
  }
  while (i < n) out.push({ op: 'removed', text: a[i++] });
  while (j < m) out.push({ op: 'added', text: b[j++] });
  return out;
}

function bySet(a, b) {
  const inA = new Set(a), inB = new Set(b);
  return [
    ...a.map((text) => ({ op: inB.has(text) ? 'same' : 'removed', text })),
    ...b.filter((text) => !inA.has(text)).map((text) => ({ op: 'added', text })),
  ];
}

/** How many paragraphs were added and removed. */
export function diffCounts(ops) {
  let added = 0, removed = 0;
  for (const o of ops) {
    if (o.op === 'added') added++;
    else if (o.op === 'removed') removed++;
  }
  return { added, removed };
}
