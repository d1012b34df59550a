// Compares the extraction speed of two builds of the WebAssembly bridge in
// node (the V8 of Chromium), fairly on a machine shared with other jobs:
// both Go instances live in one process and their calls alternate, so that
// load that comes and goes slows both alike.
//
//   ./build.sh && cp extension/wasm/barg.wasm /tmp/a.wasm
//   (change something) ./build.sh
//   node bench/wasm/pairs.cjs /tmp/a.wasm extension/wasm/barg.wasm [rounds]
//
// The page is testdata/pages/persian-news.html with its paragraphs repeated
// to about 200 KB, like the browser latency benchmark's. The first 20
// rounds let V8 optimize and are not counted. It prints each build's median
// time per extraction, B's as a ratio to A's, and in how many rounds B was
// the faster.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { performance } = require('perf_hooks');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '../..');
const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
require(path.join(goroot, 'lib/wasm/wasm_exec.js'));

const [a, b, roundsArg] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node bench/wasm/pairs.cjs A.wasm B.wasm [rounds]');
  process.exit(2);
}
const rounds = Number(roundsArg || 60);
const warm = 20;
if (!(rounds > warm)) {
  console.error(`rounds must be more than the ${warm} warm-up rounds`);
  process.exit(2);
}
const lexicon = fs.readFileSync(path.join(root, 'extension/wasm/lexicon.img'));
const page = bigPage(fs.readFileSync(path.join(root, 'testdata/pages/persian-news.html'), 'utf8'), 200_000);

function bigPage(html, size) {
  const paras = html.match(/<p>[^]*?<\/p>/g) || [];
  const end = html.lastIndexOf('</article>');
  if (!paras.length || end < 0) throw new Error('persian-news.html has no paragraphs in an <article>');
  let extra = '';
  while (html.length + extra.length < size) extra += paras.join('\n');
  return html.slice(0, end) + extra + html.slice(end);
}

async function start(file) {
  globalThis.bargLexicon = new Uint8Array(zlib.inflateRawSync(lexicon));
  const go = new globalThis.Go();
  const ready = new Promise((resolve, reject) => {
    globalThis.bargReady = (warning) => (warning ? reject(new Error(warning)) : resolve());
  });
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(file), go.importObject);
  go.run(instance);
  await ready;
  return globalThis.bargExtract;
}

function median(t) {
  const s = t.slice(warm).sort((x, y) => x - y);
  return s[s.length >> 1];
}

(async () => {
  const fa = await start(a);
  const fb = await start(b);
  const ta = [];
  const tb = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? [[fa, ta], [fb, tb]] : [[fb, tb], [fa, ta]];
    for (const [f, t] of order) {
      const t0 = performance.now();
      await f(page, 'https://news.example.ir/culture/1402', '{}');
      t.push(performance.now() - t0);
    }
    if (i < 10) await new Promise((r) => setTimeout(r, 100)); // room for V8's optimizing compiles
  }
  let wins = 0;
  for (let i = warm; i < rounds; i++) if (tb[i] < ta[i]) wins++;
  const ma = median(ta);
  const mb = median(tb);
  console.log(`page ${page.length} bytes, ${rounds - warm} rounds counted`);
  console.log(`A ${a}: ${ma.toFixed(1)} ms per extraction (median)`);
  console.log(`B ${b}: ${mb.toFixed(1)} ms per extraction (median)`);
  console.log(`B/A ${(mb / ma).toFixed(3)}; B faster in ${wins} of ${rounds - warm} rounds`);
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
