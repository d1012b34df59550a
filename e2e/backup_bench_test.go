package e2e

// A backup with images at library size, in headless Chromium: entries each
// keeping one 1 MB image of random bytes (no two alike, so nothing is
// shared), backed up with the library's Backup button and restored into a
// fresh profile with its Import. Reports the time of each, the file's size
// and the extension page's peak JS heap while it works (polled every 50 ms,
// precise memory info on), which stays far below the library's size when
// both stream.
//
//	cd e2e && go test -run '^$' -bench BenchmarkBackupWithImages -benchtime 1x -v .
//
// BARG_BENCH_BACKUP_N sets the number of entries (default 200). Not a test:
// it writes a few hundred megabytes. Figures in BENCHMARKS.md.

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func BenchmarkBackupWithImages(bm *testing.B) {
	n := 200
	if s := os.Getenv("BARG_BENCH_BACKUP_N"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v > 0 {
			n = v
		}
	}
	const imageBytes = 1 << 20
	precise := withFlag("enable-precise-memory-info", true)
	a := launch(bm, "", precise)
	start := time.Now()
	const chunk = 10
	for from := 0; from < n; from += chunk {
		a.EvalBackground(bm, fmt.Sprintf(`(async () => {
			const s = globalThis.barg.store;
			const done = globalThis.__benchDone = globalThis.__benchDone || new Set();
			for (let i = %d; i < %d; i++) {
				if (done.has(i)) continue;
				done.add(i);
				const paras = Array.from({length: 40}, (_, k) => 'بند ' + k + ' از مقالهٔ ' + i + ' که متنی به اندازهٔ یک خبر دارد و واژه‌هایی چند.');
				const text = paras.join('\n\n');
				const saved = await s.saveArticle({schema: 'barg.article/1', url: 'https://site.example/a/' + i, title: 'مقالهٔ ' + i, lang: 'fa', dir: 'rtl',
					image: {src: 'https://img.example/' + i + '.jpg'}, blocks: paras.map(text => ({type: 'paragraph', text})), text, word_count: 600,
					captured_at: new Date(Date.UTC(2026, 0, 1) + i * 60000).toISOString()});
				const data = new Uint8Array(%d);
				for (let o = 0; o < data.length; o += 65536) crypto.getRandomValues(data.subarray(o, o + 65536));
				data.set([0xff, 0xd8, 0xff, 0xe0]);
				await s.attachAssets(saved.record.id, {kept: [{src: 'https://img.example/' + i + '.jpg', type: 'image/jpeg', data: data.buffer}]});
			}
			return true;
		})()`, from, min(from+chunk, n), imageBytes), nil)
	}
	var used struct{ Blobs, Bytes, Records int }
	a.EvalBackground(bm, `globalThis.barg.store.assetUsage()`, &used)
	if used.Blobs != n {
		bm.Fatalf("seeded %+v, want %d images", used, n)
	}
	bm.Logf("seeded %d entries with %d MB of images in %s", n, used.Bytes>>20, time.Since(start).Round(time.Second))

	// The heap's peak while the page works, polled in the page itself.
	const watch = `(() => { globalThis.__peak = performance.memory.usedJSHeapSize; globalThis.__base = globalThis.__peak;
		globalThis.__poll = setInterval(() => { globalThis.__peak = Math.max(globalThis.__peak, performance.memory.usedJSHeapSize); }, 50); return true; })()`
	const peak = `(() => { clearInterval(globalThis.__poll); return {Base: globalThis.__base, Peak: globalThis.__peak}; })()`
	type heap struct{ Base, Peak int }

	lib := a.OpenExtensionPage(bm, "extension/library/library.html")
	pagesWait(bm, lib, "ready")
	dl := pagesDownloads(bm, a)
	a.EvalPage(bm, lib, watch, nil)
	t0 := time.Now()
	pagesDo(bm, lib, chromedp.Click("#backup"))
	// The button is disabled while the backup is written; then the download is offered.
	for deadline := time.Now().Add(20 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		var busy bool
		a.EvalPage(bm, lib, `document.getElementById('backup').disabled`, &busy)
		if !busy {
			break
		}
		if time.Now().After(deadline) {
			bm.Fatal("the backup did not end in 20 minutes")
		}
	}
	built := time.Since(t0)
	var status string
	a.EvalPage(bm, lib, `document.getElementById('status').textContent`, &status)
	bm.Logf("backup built in %s: %q", built.Round(time.Millisecond), status)
	name, data := pagesWaitFile(bm, dl, ".jsonl", map[string]bool{})
	took := time.Since(t0)
	var h heap
	a.EvalPage(bm, lib, peak, &h)
	bm.Logf("backup: %s, %d MB in %s; page JS heap %d MB before, peak %d MB", name, len(data)>>20, took.Round(time.Millisecond), h.Base>>20, h.Peak>>20)
	a.Close(bm)
	file := filepath.Join(bm.TempDir(), name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		bm.Fatal(err)
	}
	data = nil

	b := launch(bm, "", precise)
	page := b.OpenExtensionPage(bm, "extension/library/library.html")
	pagesWait(bm, page, "ready")
	b.EvalPage(bm, page, watch, nil)
	b.EvalPage(bm, page, `document.body.dataset.state = 'importing'`, nil)
	t0 = time.Now()
	pagesDo(bm, page, chromedp.SetUploadFiles("#import-file", []string{file}))
	status = ""
	for deadline := time.Now().Add(20 * time.Minute); status == ""; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			bm.Fatal("the restore did not end in 20 minutes")
		}
		b.EvalPage(bm, page, `document.body.dataset.state === 'ready' ? document.getElementById('status').textContent : ''`, &status)
	}
	took = time.Since(t0)
	b.EvalPage(bm, page, peak, &h)
	bm.Logf("restore: %q in %s; page JS heap %d MB before, peak %d MB", status, took.Round(time.Millisecond), h.Base>>20, h.Peak>>20)
	b.EvalBackground(bm, `globalThis.barg.store.assetUsage()`, &used)
	if used.Blobs != n || !strings.Contains(status, fmt.Sprintf("with %d kept images", n)) {
		bm.Fatalf("restored %+v (%s), want %d images", used, status, n)
	}
}
