package e2e

// What the user sees while and after capturing (issue 17, "Capture
// feedback"), through the real extension and real toolbar clicks: work in
// progress from the click on a large page, a page over the size limit
// refused at once in words, the browser's own pages explained in the
// action's popup (or a small window), and the send buttons of the library
// off, with the reason, while no endpoint is configured.

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// bigArticlePage is an English article of n bytes or a little more: an
// h1 and the same paragraph over and over, as a long results page would be.
func bigArticlePage(n int) string {
	var sb strings.Builder
	sb.Grow(n + 256)
	sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The long report</title></head><body><article><h1>The long report</h1>`)
	p := `<p>The committee met again on Tuesday to weigh the plan, and its members argued for hours about roads, schools and water.</p>`
	for sb.Len() < n {
		sb.WriteString(p)
	}
	sb.WriteString(`</article></body></html>`)
	return sb.String()
}

// bigStatePage is a short article carrying n bytes of inline JSON state,
// the way many large pages are large; the browser opens it quickly since
// nothing in the JSON is laid out.
func bigStatePage(n int) string {
	var sb strings.Builder
	sb.Grow(n + 4096)
	sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>State</title><script type="application/json" id="state">[`)
	for sb.Len() < n {
		sb.WriteString(`{"id":12345,"text":"The committee met again on Tuesday to weigh the plan"},`)
	}
	sb.WriteString(`{}]</script></head><body><article><h1>State</h1>`)
	for i := 0; i < 20; i++ {
		sb.WriteString(`<p>The committee met again on Tuesday to weigh the plan, and its members argued for hours about roads, schools and water.</p>`)
	}
	sb.WriteString(`</article></body></html>`)
	return sb.String()
}

// watchNotice makes the page record, in globalThis.bargSeen, the epoch ms
// at which Barg's notice first appeared in each state ("busy", "ok",
// "failed"), so that the test learns when it showed even while the page's
// main thread is busy being read.
func watchNotice(t *testing.T, b *browser, tb *tab) {
	t.Helper()
	b.EvalPage(t, tb, `(() => {
		globalThis.bargSeen = {};
		const look = () => {
			const n = document.getElementById('barg-capture-notice');
			const st = n && n.dataset.state;
			if (st && !globalThis.bargSeen[st]) globalThis.bargSeen[st] = performance.timeOrigin + performance.now();
		};
		new MutationObserver(look).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
		return true;
	})()`, nil)
}

// noticeSeen reads what watchNotice recorded.
func noticeSeen(t *testing.T, b *browser, tb *tab) map[string]float64 {
	t.Helper()
	var seen map[string]float64
	b.EvalPage(t, tb, `globalThis.bargSeen`, &seen)
	return seen
}

func epochMS(tm time.Time) float64 { return float64(tm.UnixNano()) / 1e6 }

// TestFeedbackProgressOnLargePage: on a 7 MB page the badge shows work in
// progress within 300 ms of the click, the page shows "Capturing… N MB"
// before it is read, and the result replaces both when done.
func TestFeedbackProgressOnLargePage(t *testing.T) {
	b := launch(t, "")
	srv := servePages(t, map[string]string{"/long.html": bigArticlePage(7 << 20)})
	tb := openLarge(t, b, srv.URL+"/long.html")
	watchNotice(t, b, tb)

	n := b.CaptureCount(t)
	clicked := b.ClickAction(t, tb)
	// The badge, polled from the background.
	var badgeAt time.Time
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		if anyBadge(t, b) == "…" {
			badgeAt = time.Now()
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	res := b.WaitCapture(t, n+1)
	if badgeAt.IsZero() {
		t.Fatal("the badge never showed work in progress")
	}
	badgeMS := badgeAt.Sub(clicked).Seconds() * 1000
	seen := noticeSeen(t, b, tb)
	busyMS := seen["busy"] - epochMS(clicked)
	var tm map[string]float64
	b.EvalBackground(t, `globalThis.barg.lastResult.timings`, &tm)
	t.Logf("7 MB page: busy badge after %.0f ms (first poll that saw it), \"Capturing…\" notice in the page after %.0f ms (probe answered %.0f ms, notice answered %.0f ms after the click); result after %.0f ms: ok %v %s",
		badgeMS, busyMS, tm["probe_ms"], tm["notice_ms"], res.Timings.TotalMS, res.OK, res.Error)
	if badgeMS > 300 {
		t.Errorf("the busy badge showed %.0f ms after the click, want within 300 ms", badgeMS)
	}
	if seen["busy"] == 0 {
		t.Fatal("no \"Capturing…\" notice in the page")
	}
	// The in-page notice costs one script injection into the page, which
	// took 390-520 ms at a load average of 20 on 2 cores (BENCHMARKS.md).
	// The badge above is the 300 ms promise; the notice is held to a second.
	if busyMS > 1000 {
		t.Errorf("the \"Capturing…\" notice showed %.0f ms after the click, want within 1 s", busyMS)
	}
	// The notice came before the page was read, not after.
	if res.Timings.GrabMS > 0 && busyMS > res.Timings.GrabMS {
		t.Errorf("the notice (%.0f ms) came after the page was read (%.0f ms)", busyMS, res.Timings.GrabMS)
	}
	// The result, whatever it is (a loaded machine may hit Go's 10 s bound), replaces both.
	want := map[bool]string{true: "ok", false: "failed"}[res.OK]
	var state string
	for i := 0; i < 100 && state != want; i++ {
		b.EvalPage(t, tb, `(document.getElementById('barg-capture-notice') || {dataset: {}}).dataset.state || ''`, &state)
		time.Sleep(20 * time.Millisecond)
	}
	if state != want {
		t.Errorf("after the capture the notice is %q, want %q", state, want)
	}
	if got := badgeText(t, b, res.TabID); got == "…" {
		t.Errorf("the badge still shows work in progress after the capture")
	}
}

// TestFeedbackRefusesTooLargePage: a 25 MB page is refused in well under a
// second, before it is read, with its size and the limit in words, in the
// page and on the badge; nothing is saved.
func TestFeedbackRefusesTooLargePage(t *testing.T) {
	b := launch(t, "")
	srv := servePages(t, map[string]string{"/huge.html": bigStatePage(25 << 20)})
	tb := openLarge(t, b, srv.URL+"/huge.html")
	var rounds []float64
	var res captureResult
	for i := 0; i < 3; i++ {
		n := b.CaptureCount(t)
		clicked := b.ClickAction(t, tb)
		res = b.WaitCapture(t, n+1)
		wall := time.Since(clicked)
		rounds = append(rounds, wall.Seconds()*1000)
		if res.OK || res.Code != "too_large" {
			t.Fatalf("25 MB page: ok %v code %q error %q; want too_large", res.OK, res.Code, res.Error)
		}
		if !strings.Contains(res.Error, "25 MB") || !strings.Contains(res.Error, "20 MB") || !strings.Contains(res.Error, "Capture selection") {
			t.Errorf("the refusal does not give the size, the limit and what to do: %q", res.Error)
		}
		if wall > time.Second {
			t.Errorf("round %d: refused %v after the click, want under 1 s", i+1, wall)
		}
		if res.Timings.GrabMS != 0 {
			t.Errorf("the page was read (grab_ms %.0f) before it was refused", res.Timings.GrabMS)
		}
	}
	t.Logf("25 MB page refused after %.0f ms (three clicks, click to result)", rounds)
	var state string
	for i := 0; i < 100 && state != "failed"; i++ {
		b.EvalPage(t, tb, `(document.getElementById('barg-capture-notice') || {dataset: {}}).dataset.state || ''`, &state)
		time.Sleep(20 * time.Millisecond)
	}
	if state != "failed" {
		t.Errorf("no refusal notice in the page (state %q)", state)
	}
	if got := badgeText(t, b, res.TabID); got != "!" {
		t.Errorf("badge = %q, want !", got)
	}
	if n := b.ArticleCount(t); n != 0 {
		t.Errorf("%d articles saved, want none", n)
	}
}

// TestFeedbackExplainsBrowserPages: a click on a browser page opens Barg's
// explanation (the action's popup, or a small window where the popup
// cannot open) saying in words why and what to do instead; a later click
// on a web page in the same tab captures again.
func TestFeedbackExplainsBrowserPages(t *testing.T) {
	b := launch(t, "")
	tb := b.OpenTab(t, "chrome://version/")
	n := b.CaptureCount(t)
	b.ClickAction(t, tb)
	res := b.WaitCapture(t, n+1)
	var explained string
	b.EvalBackground(t, `globalThis.barg.lastResult.explained || ''`, &explained)
	if res.OK || res.Code != "unsupported" {
		t.Fatalf("chrome://version: ok %v code %q", res.OK, res.Code)
	}
	if explained != "popup" && explained != "window" {
		t.Fatalf("the refusal was explained in %q, want the popup or a window", explained)
	}
	text := refusedPageText(t, b)
	t.Logf("explained in the %s: %q", explained, text)
	for _, w := range []string{"Barg cannot capture this page", "browser’s own pages", "Open an article on the web"} {
		if !strings.Contains(text, w) {
			t.Errorf("the explanation lacks %q: %q", w, text)
		}
	}

	// The same tab, now on a web page: the click captures again.
	srv := serveDir(t, "testdata")
	ctx, cancel := context.WithTimeout(tb.Ctx, callTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/fa-article.html")); err != nil {
		t.Fatal(err)
	}
	again := clickAndWait(t, b, tb)
	if !again.OK {
		t.Errorf("after the explanation, a web page in the same tab: ok %v %s", again.OK, again.Error)
	}
}

// refusedPageText waits for Barg's refusal page (popup or window) and
// returns its visible text once filled in.
func refusedPageText(t *testing.T, b *browser) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, ti := range b.targets(t, "") {
			if !strings.Contains(ti.URL, "/extension/refused/refused.html") {
				continue
			}
			ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(ti.TargetID))
			tctx, tcancel := context.WithTimeout(ctx, callTimeout)
			text, err := chromedp.Run(tctx, chromedp.Poll[string](`document.getElementById('why') && document.getElementById('why').textContent ? document.body.innerText : ''`, chromedp.WithPollingTimeout(5*time.Second)))
			tcancel()
			cancel()
			if err == nil && text != "" {
				return text
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("no refusal page opened")
	return ""
}

// TestFeedbackSendButtonsNeedEndpoint: with no endpoint configured, the
// library's send buttons are off with the reason beside them, a message
// asking to send anyway queues nothing, and setting an endpoint turns them on.
func TestFeedbackSendButtonsNeedEndpoint(t *testing.T) {
	b := launch(t, "")
	srv := serveDir(t, "testdata")
	tb := b.OpenTab(t, srv.URL+"/fa-article.html")
	if res := clickAndWait(t, b, tb); !res.OK {
		t.Fatalf("capture failed: %s", res.Error)
	} else if res.Upload.State != "none" {
		t.Errorf("upload state %q without an endpoint, want none", res.Upload.State)
	}
	lib := b.OpenExtensionPage(t, "extension/library/library.html")
	type sendState struct {
		Selected, All, Retry bool
		Note                 string
		NoteHidden           bool
		Described            string
	}
	read := func() sendState {
		var s sendState
		b.EvalPage(t, lib, `(() => {
			const $ = (id) => document.getElementById(id);
			const note = $('send-note');
			return { Selected: $('send-selected').disabled, All: $('send-all').disabled, Retry: $('retry').disabled,
				Note: note ? note.textContent : '', NoteHidden: !note || note.hidden,
				Described: $('send-all').getAttribute('aria-describedby') || '' };
		})()`, &s)
		return s
	}
	waitFor := func(ok func(sendState) bool) sendState {
		var s sendState
		for i := 0; i < 150; i++ {
			if s = read(); ok(s) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		return s
	}
	s := waitFor(func(s sendState) bool { return s.All && !s.NoteHidden })
	if !s.Selected || !s.All || !s.Retry {
		t.Errorf("without an endpoint: send selected off %v, send all off %v, retry off %v; want all off", s.Selected, s.All, s.Retry)
	}
	if s.NoteHidden || !strings.Contains(s.Note, "Sending needs the address of your server") || s.Described != "send-note" {
		t.Errorf("the reason is not shown beside the buttons: hidden %v, %q, described by %q", s.NoteHidden, s.Note, s.Described)
	}
	// Selecting a row does not turn "Send selected" on.
	b.EvalPage(t, lib, `new Promise((r) => { const go = () => { const c = document.querySelector('#rows input.select'); if (!c) return setTimeout(go, 20); c.click(); r(true); }; go(); })`, nil)
	if s = read(); !s.Selected {
		t.Error("\"Send selected\" turned on with a row selected and no endpoint")
	}
	// Asked anyway (a message from the page), the outbox queues nothing.
	var answer struct {
		OK    bool   `json:"ok"`
		Code  string `json:"code"`
		Error string `json:"error"`
	}
	b.EvalPage(t, lib, `chrome.runtime.sendMessage({type: 'upload.send'})`, &answer)
	if answer.OK || answer.Code != "no_endpoint" {
		t.Errorf("upload.send without an endpoint answered %+v, want no_endpoint", answer)
	}
	var items int
	b.EvalPage(t, lib, `chrome.storage.local.get(null).then((all) => Object.keys(all).filter((k) => k.startsWith('upload.item.')).length)`, &items)
	if items != 0 {
		t.Errorf("%d items in the outbox without an endpoint, want none", items)
	}

	// An endpoint set (as the settings page saves it): the buttons come on.
	b.EvalPage(t, lib, `chrome.storage.local.set({'upload.settings': {endpoint: 'http://127.0.0.1:9/in'}}).then(() => true)`, nil)
	s = waitFor(func(s sendState) bool { return !s.All })
	if s.All || s.Retry || s.Selected || !s.NoteHidden || s.Described != "" {
		t.Errorf("with an endpoint: send selected off %v, send all off %v, retry off %v, note hidden %v; want all on, the note gone", s.Selected, s.All, s.Retry, s.NoteHidden)
	}
}

// anyBadge is the badge text of the first tab that has one ("" when none
// has): before the click the extension may not know which tab shows the page.
func anyBadge(t testing.TB, b *browser) string {
	t.Helper()
	var s string
	b.EvalBackground(t, `chrome.tabs.query({}).then(ts => Promise.all(ts.map(x => chrome.action.getBadgeText({tabId: x.id})))).then(bs => bs.find(Boolean) || '')`, &s)
	return s
}

// openLarge is OpenTab for a page of many megabytes, which a loaded
// machine may take longer than callTimeout to parse and lay out.
func openLarge(t testing.TB, b *browser, url string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	tabID := b.tabTargetOf(t, ctx)
	nctx, ncancel := context.WithTimeout(ctx, 3*time.Minute)
	defer ncancel()
	start := time.Now()
	if err := chromedp.Do(nctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	t.Logf("opened %s in %v", url, time.Since(start).Round(time.Millisecond))
	// A user clicks once the page shows: wait for its first frame after load.
	if _, err := chromedp.Run(nctx, chromedp.Evaluate[bool](`new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(true), 0)))`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("waiting for the page's first frame: %v", err)
	}
	t.Logf("%s shown after %v", url, time.Since(start).Round(time.Millisecond))
	return &tab{TabID: tabID, PageID: chromedp.FromContext(ctx).Target.TargetID, Ctx: ctx, Cancel: cancel}
}
