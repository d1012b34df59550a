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
	const chunk = 100
	for from := 0; from < entries; from += chunk {
		b.EvalBackground(bm, fmt.Sprintf(`(async () => {
		const s = globalThis.barg.store;
		const words = ['بودجه', 'مجلس', 'اقتصاد', 'فرهنگ', 'کتاب‌خانه', 'garden', 'compost', 'river', 'شهر', 'باران'];
		for (let i = %d; i < %d; i++) {
			const base = Array.from({length: 60}, (_, k) => Array.from({length: 10}, (_, w) => words[(i * 7 + k * 3 + w) %% words.length]).join(' ') + ' بند' + k + '.');
			let saved;
			for (let v = 0; v < %d; v++) {
				const paras = v ? [...base.slice(0, 30), 'ویرایش ' + v + ' از خبر ' + i, ...base.slice(30)] : base.slice();
				paras[0] = 'نشانه' + i + 'پایان ' + paras[0];
				const text = paras.join('\n\n');
				saved = await s.saveArticle({schema: 'barg.article/1', url: 'https://site' + (i %% 9) + '.example/a/' + i, title: 'مقالهٔ شمارهٔ ' + i,
					lang: i %% 4 ? 'fa' : 'en', dir: i %% 4 ? 'rtl' : 'ltr', site_name: 'سایت ' + (i %% 9),
					blocks: paras.map(text => ({type: 'paragraph', text})), text, word_count: 600 + v,
					captured_at: new Date(Date.UTC(2026, 0, 1) + i * 60000 + v * 1000).toISOString()});
			}
			if (i %% 10 === 0) await s.updateEntry(saved.entry.id, {tags: ['برچسب' + (i %% 7)]});
		}
		return true;
	})()`, from, min(from+chunk, entries), versions), nil)
	}
	b.EvalBackground(bm, `(async () => ({Entries: (await globalThis.barg.store.listEntries()).length,
		Records: await globalThis.barg.store.openDB().then((db) => new Promise((r) => { db.transaction('articles').objectStore('articles').count().onsuccess = (e) => r(e.target.result); }))}))()`, &seeded)
	if seeded.Entries != entries || seeded.Records != entries*versions {
		bm.Fatalf("seeded %+v, want %d entries of %d versions", seeded, entries, versions)
	}
	bm.Logf("seeded %d entries, %d captures in %s", seeded.Entries, seeded.Records, time.Since(start).Round(time.Second))

	for i := 0; i < bm.N; i++ {
		lib := b.OpenExtensionPage(bm, "extension/library/library.html")
		pagesWait(bm, lib, "ready")
		var list float64
		b.EvalPage(bm, lib, `performance.getEntriesByName('library.reload')[0].duration`, &list)
		var searches []float64
		for _, q := range []string{"نشانه1234پایان", "نشانه77پایان", "compost", "برچسب3"} {
			pagesSearchQuiet(bm, b, lib, q)
			var ms float64
			b.EvalPage(bm, lib, `performance.getEntriesByName('library.reload').at(-1).duration`, &ms)
			searches = append(searches, ms)
		}
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
		bm.ReportMetric(searches[len(searches)-2], "search-ms")
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
