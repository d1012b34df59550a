package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// hostilePage is a page that is slow to parse without being too large or
// too deep to refuse: inside 500 nested spans, every paragraph start makes
// an HTML parser look through all of them for an open paragraph to close.
// Its script builds that tree with DOM calls (parsing it would keep the
// browser busy too), hidden so that the browser need not lay it out; the capture reads it back as markup (outerHTML) of
// about 7 bytes per paragraph. paras = 1,100,000 gives an 8 MB page that
// takes x/net/html about 7-9 s of CPU natively, several times that in wasm:
// far past the 10 s bound on any machine (50,000 paragraphs parsed in 0.26 s
// natively, so on an idle machine that page was captured and the test failed).
func hostilePage(paras int) string {
	return `<!DOCTYPE html><html><head><meta charset=utf-8><title>Hostile</title></head><body><script>
let n = document.body;
for (let i = 0; i < 500; i++) n = n.appendChild(document.createElement('span'));
document.body.firstElementChild.hidden = true; // spares the browser laying it out
const f = document.createDocumentFragment();
for (let i = 0; i < ` + strconv.Itoa(paras) + `; i++) f.appendChild(document.createElement('p'));
const last = document.createElement('p');
last.textContent = 'The article, at last, with commas, clauses, and words enough to count as one.';
f.appendChild(last);
n.appendChild(f);
</script></body></html>`
}

// TestCaptureHostilePage: while Go works on a page that would keep it busy
// for far longer than its bound, the background goes on answering other
// messages within a second (Go gives the event loop back every 25 ms), and
// the capture ends with a clear error ("the page took too long") within the
// bound (10 s, engine's EXTRACT_TIMEOUT_MS) plus a margin.
func TestCaptureHostilePage(t *testing.T) {
	b := launch(t, "")
	srv := servePages(t, map[string]string{"/hostile.html": hostilePage(700_000)})
	lib := b.OpenExtensionPage(t, "extension/library/library.html")
	// Building 700,000 elements takes the renderer seconds, and more than
	// one call's bound on a loaded machine (seen in CI at load 15).
	tb := b.OpenTabWithin(t, srv.URL+"/hostile.html", 2*time.Minute)

	// The library page pings the background every 100 ms until told to stop,
	// and keeps the slowest answer.
	b.EvalPage(t, lib, `(() => {
		globalThis.pings = { n: 0, max: 0, stop: false, errors: 0, slow: [] };
		(async () => {
			while (!globalThis.pings.stop) {
				const t0 = performance.now();
				try {
					const r = await chrome.runtime.sendMessage({ type: 'upload.status', ids: [] });
					if (!r || !r.ok) globalThis.pings.errors++;
				} catch { globalThis.pings.errors++; }
				const ms = performance.now() - t0;
				globalThis.pings.n++;
				globalThis.pings.max = Math.max(globalThis.pings.max, ms);
				if (ms > 300) globalThis.pings.slow.push([Date.now() - ms, Math.round(ms)]);
				await new Promise((r) => setTimeout(r, 100));
			}
		})();
		return true;
	})()`, nil)

	// The same pings with nothing to do, for comparison: on a loaded
	// machine they are slow too.
	time.Sleep(3 * time.Second)
	var idle struct {
		N   int     `json:"n"`
		Max float64 `json:"max"`
	}
	b.EvalPage(t, lib, `(() => { const p = { ...globalThis.pings }; globalThis.pings.n = 0; globalThis.pings.max = 0; globalThis.pings.slow = []; return p; })()`, &idle)
	t.Logf("idle: %d pings, slowest %.0f ms", idle.N, idle.Max)

	// The background's own event-loop lag: the longest gap between ticks
	// of a 10 ms interval.
	b.EvalBackground(t, `(() => {
		globalThis.lag = { max: 0, gaps: [] };
		let last = performance.now();
		globalThis.lagTimer = setInterval(() => {
			const now = performance.now();
			const g = now - last;
			last = now;
			if (g > 150) globalThis.lag.gaps.push([Math.round(performance.timeOrigin + now - g), Math.round(g)]);
			globalThis.lag.max = Math.max(globalThis.lag.max, g);
		}, 10);
		return true;
	})()`, nil)

	n := b.CaptureCount(t) + 1
	clicked := b.ClickAction(t, tb)
	res := b.WaitCapture(t, n)
	elapsed := time.Since(clicked)

	var pings struct {
		N      int         `json:"n"`
		Max    float64     `json:"max"`
		Errors int         `json:"errors"`
		Slow   [][]float64 `json:"slow"` // [epoch ms sent, ms to answer]
	}
	b.EvalPage(t, lib, `(() => { globalThis.pings.stop = true; return globalThis.pings; })()`, &pings)
	t.Logf("capture: ok %v code %q error %q after %v (extract %.0f ms); %d pings, slowest %.0f ms",
		res.OK, res.Code, res.Error, elapsed.Round(time.Millisecond), res.Timings.ExtractMS, pings.N, pings.Max)

	var lag struct {
		Max  float64     `json:"max"`
		Gaps [][]float64 `json:"gaps"`
	}
	b.EvalBackground(t, `(() => { clearInterval(globalThis.lagTimer); return globalThis.lag; })()`, &lag)
	t.Logf("background event loop: longest gap %.0f ms", lag.Max)
	for _, g := range lag.Gaps {
		t.Logf("a gap of %.0f ms from %.0f ms after the click", g[1], g[0]-float64(clicked.UnixMilli()))
	}
	for _, s := range pings.Slow {
		t.Logf("a ping sent %.0f ms after the click took %.0f ms", s[0]-float64(clicked.UnixMilli()), s[1])
	}
	if res.OK {
		t.Fatalf("the hostile page was captured in %v: it is no longer slow enough to test the bound", elapsed)
	}
	if res.Code != "timeout" || !strings.Contains(res.Error, "the page took too long") {
		t.Errorf("code %q, error %q; want timeout, \"the page took too long\"", res.Code, res.Error)
	}
	// The bound is on Go's work: reading an 8 MB page out of the tab and
	// waiting for Go to be ready come before it (6.6 s of the 17 s seen once
	// in CI), so they are taken off.
	before := time.Duration((res.Timings.GrabMS + res.Timings.GoWaitMS) * float64(time.Millisecond))
	t.Logf("grab %.0f ms, waiting for Go %.0f ms", res.Timings.GrabMS, res.Timings.GoWaitMS)
	if res.Timings.GrabMS == 0 || elapsed-before > 14*time.Second || elapsed > 45*time.Second {
		t.Errorf("the capture ended after %v, %v of it after the page was read; the bound is 10 s", elapsed, elapsed-before)
	}
	if pings.N < 20 || pings.Errors > 0 {
		t.Errorf("%d pings answered (%d errors) during %v", pings.N, pings.Errors, elapsed)
	}
	// While Go works: a second, plus what the same pings took with the
	// background idle (on a loaded machine they are slow too). Pings sent
	// before the page was read wait on the grab (the background receiving
	// an 8 MB string, ~0.5 s of its event loop at rest), not on Go: they
	// are logged above, not held to the bound.
	goStart := float64(clicked.UnixMilli()) + res.Timings.GrabMS + res.Timings.GoWaitMS
	for _, s := range pings.Slow {
		if s[0] >= goStart && s[1] > 1000+idle.Max {
			t.Errorf("the background took %.0f ms to answer a message sent %.0f ms after the click, while Go worked (%.0f ms idle)", s[1], s[0]-float64(clicked.UnixMilli()), idle.Max)
		}
	}
	if n := b.ArticleCount(t); n != 0 {
		t.Errorf("%d articles saved, want none", n)
	}
	// Go still works afterwards.
	var title string
	b.EvalBackground(t, `globalThis.bargExtract('<title>After</title><article><p>A page after the hostile one, with commas, and words enough to be read.</p></article>', 'https://example.org/', '{}').then((j) => JSON.parse(j).title)`, &title)
	if title != "After" {
		t.Errorf("after the hostile page, Go extracted the title %q", title)
	}
}
