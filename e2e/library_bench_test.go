package e2e

// The library at archive size (issue 12's target): 2,000 entries of three
// versions each. Listing and searching must take at most 200 ms, and
// opening an entry must not read the other entries' bodies.
//
//	cd e2e && go test -run '^$' -bench BenchmarkLibrary6000 -benchtime 1x -v .
//
// Not a test: seeding 6,000 captures takes a while. Figures in BENCHMARKS.md.

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

func BenchmarkLibrary6000Captures(bm *testing.B) {
	const entries, versions = 2000, 3
	b := launch(bm, "")
	var seeded struct{ Entries, Records int }
	start := time.Now()
	// Seeded in chunks: each background call stays within the harness's time bound.
	const chunk = 10
	for from := 0; from < entries; from += chunk {
		b.EvalBackground(bm, fmt.Sprintf(`(async () => {
		const s = globalThis.barg.store;
		// Words as a language has them: a vocabulary of 20,000 made-up words
		// drawn with Zipf's law (frequency ~ 1/rank), so that an article of
		// 600 words has some 300 distinct ones, as real articles do.
		const syl = ['با', 'ر', 'دا', 'نی', 'مه', 'س', 'تو', 'گا', 'ل', 'زی', 'فر', 'کو', 'ha', 'ri', 'to', 'men'];
		const vocab = Array.from({length: 20000}, (_, r) => { let w = '', n = r + 7; do { w += syl[n %% syl.length]; n = Math.floor(n / syl.length); } while (n); return w; });
		// A call the harness retries after its time bound skips what the first began.
		const begun = globalThis.__benchBegun = globalThis.__benchBegun || new Set();
		const done = globalThis.__benchDone = globalThis.__benchDone || new Set();
		for (let i = %d; i < %d; i++) {
			if (begun.has(i)) continue;
			begun.add(i);
			let seed = i + 1;
			const rand = () => { seed = (seed * 1103515245 + 12345) %% 2147483648; return seed / 2147483648; };
			const word = () => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(rand() * Math.log(vocab.length))) - 1)];
			const base = Array.from({length: 60}, (_, k) => Array.from({length: 10}, word).join(' ') + ' بند' + k + '.');
			let saved;
			for (let v = 0; v < %d; v++) {
				const paras = v ? [...base.slice(0, 30), 'ویرایش ' + v + ' از خبر ' + i, ...base.slice(30)] : [...base, 'جمله‌ای که حذف شد: حذفشده' + i + 'پایان'];
				paras[0] = 'نشانه' + i + 'پایان compost ' + paras[0];
				const text = paras.join('\n\n');
				saved = await s.saveArticle({schema: 'barg.article/1', url: 'https://site' + (i %% 9) + '.example/a/' + i, title: 'مقالهٔ شمارهٔ ' + i,
					lang: i %% 4 ? 'fa' : 'en', dir: i %% 4 ? 'rtl' : 'ltr', site_name: 'سایت ' + (i %% 9),
					blocks: paras.map(text => ({type: 'paragraph', text})), text, word_count: 600 + v,
					captured_at: new Date(Date.UTC(2026, 0, 1) + i * 60000 + v * 1000).toISOString()});
			}
			if (i %% 10 === 0) await s.updateEntry(saved.entry.id, {tags: ['برچسب' + (i %% 7)]});
			done.add(i);
		}
		for (let i = %[1]d; i < %[2]d; i++) while (!done.has(i)) await new Promise((r) => setTimeout(r, 100));
		return true;
	})()`, from, min(from+chunk, entries), versions), nil)
	}
	b.EvalBackground(bm, `(async () => ({Entries: (await globalThis.barg.store.listEntries()).length,
		Records: await globalThis.barg.store.openDB().then((db) => new Promise((r) => { db.transaction('articles').objectStore('articles').count().onsuccess = (e) => r(e.target.result); }))}))()`, &seeded)
	if seeded.Entries != entries || seeded.Records != entries*versions {
		bm.Fatalf("seeded %+v, want %d entries of %d versions", seeded, entries, versions)
	}
	bm.Logf("seeded %d entries, %d captures in %s", seeded.Entries, seeded.Records, time.Since(start).Round(time.Second))

	// The peer, measured in the same run: the index the library read before
	// schema 3, one record per entry holding its newest version's whole
	// folded title and text, in a database of its own.
	var peerChars int
	b.EvalBackground(bm, `(async () => {
		const s = globalThis.barg.store;
		const db = await new Promise((res, rej) => { const r = indexedDB.open('bench-texts', 1); r.onupgradeneeded = () => r.result.createObjectStore('texts', {keyPath: 'id'}); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
		let chars = 0;
		for (const e of await s.listEntries()) {
			const a = (await s.getArticle(e.newest)).article;
			const text = s.foldForSearch(a.title) + '\u0000' + s.foldForSearch(a.text);
			chars += text.length;
			await new Promise((res) => { const tx = db.transaction('texts', 'readwrite'); tx.objectStore('texts').put({id: e.id, text}); tx.oncomplete = res; });
		}
		db.close();
		return chars;
	})()`, &peerChars)
	var indexChars int
	b.EvalBackground(bm, `globalThis.barg.store.searchIndex().then((m) => { let n = 0; for (const r of m.values()) n += r.w.length + r.o.reduce((k, [, w]) => k + w.length, 0); return n; })`, &indexChars)
	bm.Logf("search index: %d chars (every version's distinct words); the old per-entry texts: %d chars (newest versions only)", indexChars, peerChars)

	for i := 0; i < bm.N; i++ {
		lib := b.OpenExtensionPage(bm, "extension/library/library.html")
		pagesWait(bm, lib, "ready")
		var list float64
		b.EvalPage(bm, lib, `performance.getEntriesByName('library.reload')[0].duration`, &list)
		var searches []float64
		for _, q := range []string{"نشانه1234پایان", "نشانه77پایان", "compost", "برچسب3", "حذفشده77پایان"} {
			pagesSearchQuiet(bm, b, lib, q)
			var ms float64
			b.EvalPage(bm, lib, `performance.getEntriesByName('library.reload').at(-1).duration`, &ms)
			searches = append(searches, ms)
		}
		var found struct{ Rows, Older int }
		b.EvalPage(bm, lib, `({Rows: document.querySelectorAll('#rows tr').length, Older: document.querySelectorAll('#rows a.older-hit').length})`, &found)
		if found.Rows != 1 || found.Older != 1 {
			bm.Errorf("search for a sentence of the oldest versions: %+v, want one row saying which version matched", found)
		}
		var index, peer float64
		b.EvalPage(bm, lib, `performance.getEntriesByName('library.index')[0].duration`, &index)
		b.EvalPage(bm, lib, `(async () => { const db = await new Promise((res) => { const r = indexedDB.open('bench-texts', 1); r.onsuccess = () => res(r.result); });
			const t0 = performance.now(); await new Promise((res) => { db.transaction('texts').objectStore('texts').getAll().onsuccess = res; }); const ms = performance.now() - t0; db.close(); return ms; })()`, &peer)
		bm.Logf("reading the search index: %.0f ms; reading the old per-entry texts (peer, same page): %.0f ms", index, peer)
		var filter float64
		b.EvalPage(bm, lib, `(() => { const s = document.getElementById('tag'); s.value = s.options[1].value; document.body.dataset.state = 'changing'; s.dispatchEvent(new Event('change')); return true; })()`, nil)
		pagesWait(bm, lib, "ready")
		b.EvalPage(bm, lib, `performance.getEntriesByName('library.reload').at(-1).duration`, &filter)

		// The reader, with IndexedDB reads of the "articles" store counted.
		var id string
		b.EvalBackground(bm, `globalThis.barg.store.listEntries().then(l => l[1000].id)`, &id)
		rd := b.OpenTab(bm, "about:blank")
		counter := `(() => { const n = globalThis.__reads = {get: 0, getAll: 0, cursor: 0};
			const wrap = (name, key) => { const f = IDBObjectStore.prototype[name]; IDBObjectStore.prototype[name] = function (...a) { if (this.name === 'articles') n[key]++; return f.apply(this, a); }; };
			wrap('get', 'get'); wrap('getAll', 'getAll'); wrap('openCursor', 'cursor'); })()`
		ctx, cancel := context.WithTimeout(rd.Ctx, callTimeout)
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: counter})
		cancel()
		if err != nil {
			bm.Fatalf("installing the read counter: %v", err)
		}
		t0 := time.Now()
		pagesDo(bm, rd, chromedp.Navigate(b.ExtensionURL("extension/reader/reader.html?id="+id)))
		pagesWait(bm, rd, "ready")
		open := time.Since(t0)
		var reads struct{ Get, GetAll, Cursor int }
		b.EvalPage(bm, rd, `({Get: __reads.get, GetAll: __reads.getAll, Cursor: __reads.cursor})`, &reads)
		bm.Logf("%d entries x %d versions: first list %.0f ms; searches %.0f ms (the first builds the index); tag filter %.0f ms; reader ready in %s reading %d article bodies (getAll %d, cursors %d)",
			entries, versions, list, searches, filter, open.Round(time.Millisecond), reads.Get, reads.GetAll, reads.Cursor)
		if reads.Get != 1 || reads.GetAll != 0 || reads.Cursor != 0 {
			bm.Errorf("the reader read %+v from the articles store, want one get", reads)
		}
		bm.ReportMetric(list, "list-ms")
		bm.ReportMetric(searches[0], "first-search-ms")
		bm.ReportMetric(index, "index-ms")
		bm.ReportMetric(peer, "peer-texts-ms")
	}
}

// pagesSearchQuiet sets the search box in one go (not key by key) and waits
// for the list, so the measure is of one search.
func pagesSearchQuiet(t testing.TB, b *browser, tb *tab, query string) {
	t.Helper()
	b.EvalPage(t, tb, `(() => { const q = document.getElementById('query'); q.value = `+jsString(query)+`; document.body.dataset.state = 'typing';
		q.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'})); return true; })()`, nil)
	pagesWait(t, tb, "ready")
}

// BenchmarkLibraryIndexLayout reads the same search words of 2,000 entries
// (distinct words of 600 drawn with Zipf's law, as in the benchmark above)
// from IndexedDB laid out in 2,000, 400, 200, 64 and 20 records: what
// decided SEARCH_SHARDS in lib/store.js. Three rounds, each in a new page.
//
//	cd e2e && go test -run '^$' -bench BenchmarkLibraryIndexLayout -benchtime 1x -v .
func BenchmarkLibraryIndexLayout(bm *testing.B) {
	b := launch(bm, "")
	p := b.OpenExtensionPage(bm, "extension/welcome/welcome.html")
	b.EvalPage(bm, p, `(async () => {
		const syl = ['با', 'ر', 'دا', 'نی', 'مه', 'س', 'تو', 'گا', 'ل', 'زی', 'فر', 'کو', 'ha', 'ri', 'to', 'men'];
		const vocab = Array.from({length: 20000}, (_, r) => { let w = '', n = r + 7; do { w += syl[n % syl.length]; n = Math.floor(n / syl.length); } while (n); return w; });
		let seed = 1; const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
		const word = () => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(rand() * Math.log(vocab.length))) - 1)];
		const texts = Array.from({length: 2000}, () => [...new Set(Array.from({length: 600}, word))].join(' '));
		const layouts = [2000, 400, 200, 64, 20];
		const db = await new Promise((res, rej) => { const r = indexedDB.open('bench-layout', 1); r.onupgradeneeded = () => { for (const n of layouts) r.result.createObjectStore('s' + n, {keyPath: 'id'}); }; r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
		const tx = db.transaction(layouts.map((n) => 's' + n), 'readwrite');
		for (const n of layouts) for (let s = 0; s < n; s++) { const e = {}; for (let i = s; i < 2000; i += n) e['id-' + i] = texts[i]; tx.objectStore('s' + n).put({id: s, entries: e}); }
		await new Promise((r, j) => { tx.oncomplete = r; tx.onerror = () => j(tx.error); });
		db.close();
		return true; })()`, nil)
	for round := 0; round < 3; round++ {
		p2 := b.OpenExtensionPage(bm, "extension/welcome/welcome.html")
		var ms map[string]float64
		b.EvalPage(bm, p2, `(async () => {
			const db = await new Promise((res) => { const r = indexedDB.open('bench-layout', 1); r.onsuccess = () => res(r.result); });
			const out = {};
			for (const n of [2000, 400, 200, 64, 20]) {
				const t0 = performance.now();
				await new Promise((res) => { db.transaction('s' + n).objectStore('s' + n).getAll().onsuccess = res; });
				out[n + ' records'] = Math.round(performance.now() - t0);
			}
			db.close();
			return out; })()`, &ms)
		bm.Logf("round %d: reading 2,000 entries' words: %v ms", round+1, ms)
	}
}
