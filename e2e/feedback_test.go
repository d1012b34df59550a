package e2e

// What the user sees while and after capturing (issue 17, "Capture
// feedback"), through the real extension and real toolbar clicks: work in
// progress from the click on a large page, a page over the size limit
// refused at once in words, the browser's own pages explained in the
// action's popup (or a small window), and the send buttons of the library
// off, with the reason, while no endpoint is configured.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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
	t.Logf("7 MB page: busy badge after %.0f ms (first poll that saw it), \"Capturing…\" notice in the page after %.0f ms, page read after %.0f ms; result after %.0f ms: ok %v %s",
		badgeMS, busyMS, tm["grab_ms"], res.Timings.TotalMS, res.OK, res.Error)
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
		var tm map[string]float64
		b.EvalBackground(t, `globalThis.barg.lastResult.timings`, &tm)
		t.Logf("round %d: the background had its answer %.0f ms after the click", i+1, tm["total_ms"])
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

// firefoxSession is a headless Firefox with the extension installed as a
// temporary add-on, driven over its remote debugging protocol as in
// TestFirefoxSmoke: bg evaluates in the background, chrome in the browser's
// privileged parent process.
type firefoxSession struct {
	c             *rdpClient
	ctx           context.Context
	addonID       string
	bg, chrome    string
	stderr        *strings.Builder
	extensionHost string
}

// startFirefoxWithPrefs starts Firefox with the extension and extra user.js prefs.
func startFirefoxWithPrefs(t *testing.T, ctx context.Context, extraPrefs string) *firefoxSession {
	t.Helper()
	requireExtension(t)
	if _, err := os.Stat(firefoxPath); err != nil {
		t.Skip("skipped: firefox-esr is not installed (apt-get install firefox-esr)")
	}
	profile := t.TempDir()
	prefs := firefoxBasePrefs + extraPrefs
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(prefs), 0o644); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	cmd := exec.CommandContext(ctx, firefoxPath, "--headless", "--no-remote", "--profile", profile,
		"--start-debugger-server", strconv.Itoa(port), "about:blank")
	cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1")
	s := &firefoxSession{ctx: ctx, stderr: &strings.Builder{}}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	dctx, dcancel := context.WithTimeout(ctx, time.Minute)
	c, err := dialRDP(dctx, "127.0.0.1:"+strconv.Itoa(port))
	dcancel()
	if err != nil {
		t.Fatalf("%v\nfirefox: %s", err, s.stderr.String())
	}
	t.Cleanup(func() { c.conn.Close() })
	s.c = c
	root, err := c.request(ctx, map[string]any{"to": "root", "type": "getRoot"})
	if err != nil {
		t.Fatal(err)
	}
	inst, err := c.request(ctx, map[string]any{"to": root["addonsActor"].(string), "type": "installTemporaryAddon", "addonPath": repoRoot(t)})
	if err != nil {
		t.Fatalf("installing the extension: %v", err)
	}
	s.addonID = inst["addon"].(map[string]any)["id"].(string)
	list, err := c.request(ctx, map[string]any{"to": "root", "type": "listAddons"})
	if err != nil {
		t.Fatal(err)
	}
	var descriptor string
	for _, a := range list["addons"].([]any) {
		if a := a.(map[string]any); a["id"] == s.addonID {
			descriptor, _ = a["actor"].(string)
		}
	}
	w, err := c.request(ctx, map[string]any{"to": descriptor, "type": "getWatcher"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.request(ctx, map[string]any{"to": w["actor"].(string), "type": "watchTargets", "targetType": "frame"}); err != nil {
		t.Fatal(err)
	}
	if s.bg, err = c.waitTarget(ctx, "background"); err != nil {
		t.Fatalf("no background target: %v\nfirefox: %s", err, s.stderr.String())
	}
	for deadline := time.Now().Add(time.Minute); ; {
		got, err := c.await(ctx, s.bg, `(async () => { if (typeof globalThis.barg !== "object") return "not yet"; await globalThis.barg.ready; return "ready"; })()`)
		if err == nil && got == "ready" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the background did not start: %q %v\nfirefox: %s", got, err, s.stderr.String())
		}
		time.Sleep(250 * time.Millisecond)
	}
	proc, err := c.request(ctx, map[string]any{"to": "root", "type": "getProcess", "id": 0})
	if err != nil {
		t.Fatal(err)
	}
	pt, err := c.request(ctx, map[string]any{"to": proc["processDescriptor"].(map[string]any)["actor"].(string), "type": "getTarget"})
	if err != nil {
		t.Fatal(err)
	}
	s.chrome, _ = pt["process"].(map[string]any)["consoleActor"].(string)
	if s.chrome == "" {
		t.Fatal("no console in Firefox's parent process")
	}
	return s
}

// openPage opens a page of the extension in a new selected tab and returns
// its console actor.
func (s *firefoxSession) openPage(t *testing.T, path string) string {
	t.Helper()
	if _, err := s.c.await(s.ctx, s.chrome, `(async () => {
		const win = Services.wm.getMostRecentWindow("navigator:browser");
		const host = WebExtensionPolicy.getByID(`+jsString(s.addonID)+`).mozExtensionHostname;
		const tab = win.gBrowser.addTab("moz-extension://" + host + "/" + `+jsString(path)+`,
			{ triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
		win.gBrowser.selectedTab = tab;
		return "opened";
	})()`); err != nil {
		t.Fatalf("opening %s in Firefox: %v", path, err)
	}
	console, err := s.c.waitTarget(s.ctx, path)
	if err != nil {
		t.Fatalf("%s did not open in Firefox: %v\nfirefox: %s", path, err, s.stderr.String())
	}
	return console
}

// clickElement clicks the element with the given id in the selected tab's
// page (whose console is page) as a user does: a mouse press and release
// sent from the browser's parent process at the element's place, which
// reaches the page as trusted input, the only kind permissions.request
// accepts.
func (s *firefoxSession) clickElement(t *testing.T, page, id string) {
	t.Helper()
	rect, err := s.c.await(s.ctx, page, `(async () => {
		const el = document.getElementById(`+jsString(id)+`);
		el.scrollIntoView({ block: "center" });
		await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
		const r = el.getBoundingClientRect();
		return JSON.stringify({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
	})()`)
	if err != nil {
		t.Fatalf("finding #%s: %v", id, err)
	}
	if out, err := s.c.await(s.ctx, s.chrome, `(async () => {
		const p = JSON.parse(`+jsString(rect)+`);
		const win = Services.wm.getMostRecentWindow("navigator:browser");
		const b = win.gBrowser.selectedBrowser.getBoundingClientRect();
		const x = b.left + p.x, y = b.top + p.y;
		// Native events through the (headless) widget: the page gets
		// trusted input, as from a mouse.
		const u = win.windowUtils, el = win.document.documentElement, ratio = win.devicePixelRatio;
		const sx = (win.mozInnerScreenX + x) * ratio, sy = (win.mozInnerScreenY + y) * ratio;
		const send = (msg) => { u.sendNativeMouseEvent(sx, sy, msg, 0, 0, el, null); return new Promise((r) => win.setTimeout(r, 50)); };
		await send(u.NATIVE_MOUSE_MESSAGE_MOVE);
		await send(u.NATIVE_MOUSE_MESSAGE_BUTTON_DOWN);
		await send(u.NATIVE_MOUSE_MESSAGE_BUTTON_UP);
		return "clicked";
	})()`); err != nil || out != "clicked" {
		t.Fatalf("clicking #%s: %s %v", id, out, err)
	}
}

// TestFirefoxEndpointPermissionPrompt saves an endpoint through the real
// settings page with a real click in Firefox, whose pref
// extensions.webextOptionalPermissionPrompts=false answers the host
// permission prompt with "allow" (Chromium has no such switch; see README).
// The page asks for the endpoint's host inside the click, the grant is
// recorded, and a "Send all" from the library then reaches the endpoint.
func TestFirefoxEndpointPermissionPrompt(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.Path+" "+r.Header.Get("Idempotency-Key")+" "+strconv.Itoa(len(body)))
		mu.Unlock()
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s := startFirefoxWithPrefs(t, ctx, `user_pref("extensions.webextOptionalPermissionPrompts", false);
`)
	// Before: no permission for the endpoint's host.
	has, err := s.c.await(ctx, s.bg, `browser.permissions.contains({ origins: ["http://127.0.0.1/*"] }).then(String)`)
	if err != nil || has != "false" {
		t.Fatalf("before saving, permission for 127.0.0.1: %q %v; want false", has, err)
	}
	opts := s.openPage(t, "extension/options/options.html")
	endpoint := srv.URL + "/in"
	for deadline := time.Now().Add(30 * time.Second); ; {
		ready, _ := s.c.evaluate(ctx, opts, `document.getElementById("upload-save") ? "yes" : ""`)
		if ready == "yes" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the settings page shows no endpoint form")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, err := s.c.evaluate(ctx, opts, `(document.getElementById("upload-endpoint").value = `+jsString(endpoint)+`, "set")`); err != nil {
		t.Fatal(err)
	}
	// A script's click() is refused ("permissions.request may only be
	// called from a user input handler"): first show that, then click as a user.
	if msg, _ := s.c.await(ctx, opts, `browser.permissions.request({ origins: ["http://127.0.0.1/*"] }).then(String, (e) => e.message)`); !strings.Contains(msg, "user input") {
		t.Errorf("a request outside a user's click answered %q, want a refusal", msg)
	}
	s.clickElement(t, opts, "upload-save")
	var status string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		status, _ = s.c.evaluate(ctx, opts, `document.getElementById("upload-status").textContent`)
		if status != "" {
			break
		}
	}
	origin := strings.TrimSuffix(srv.URL, "/")
	if status != "Saved. Barg may send to "+origin+"." {
		t.Fatalf("after saving in Firefox the settings page says %q, want the grant for %s", status, origin)
	}
	has, err = s.c.await(ctx, s.bg, `browser.permissions.contains({ origins: ["http://127.0.0.1/*"] }).then(String)`)
	if err != nil || has != "true" {
		t.Fatalf("after saving, permission for 127.0.0.1: %q %v; want true", has, err)
	}
	// A saved article, then "Send all" from an extension page: it arrives.
	page, err := os.ReadFile(filepath.Join("testdata", "fa-article.html"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.c.await(ctx, s.bg, `(async () => {
		const a = JSON.parse(await bargExtract(`+jsString(string(page))+`, "http://127.0.0.1/fa-article.html", "{}"));
		await barg.store.saveArticle(a);
		return "saved";
	})()`); err != nil {
		t.Fatal(err)
	}
	sent, err := s.c.await(ctx, opts, `browser.runtime.sendMessage({ type: "upload.send" }).then(JSON.stringify)`)
	if err != nil || !strings.Contains(sent, `"queued":1`) {
		t.Fatalf("send all: %s %v", sent, err)
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n > 0 {
			break
		}
	}
	mu.Lock()
	defer mu.Unlock()
	t.Logf("the endpoint received: %q", got)
	if len(got) != 1 || !strings.HasPrefix(got[0], "POST /in ") {
		t.Errorf("the endpoint received %q, want one POST /in", got)
	}
}

// TestFirefoxExplainsBrowserPages: in Firefox too, a click on one of the
// browser's pages opens Barg's explanation in words (the action's popup,
// or a small window where Firefox will not open the popup).
func TestFirefoxExplainsBrowserPages(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	s := startFirefoxWithPrefs(t, ctx, "")
	// The click as Firefox's keyboard shortcut makes it (see TestFirefoxSmoke).
	if _, err := s.c.await(ctx, s.chrome, `(async () => {
		const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
		const win = Services.wm.getMostRecentWindow("navigator:browser");
		const tab = win.gBrowser.addTab("about:robots", { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
		win.gBrowser.selectedTab = tab;
		for (let i = 0; i < 200 && tab.linkedBrowser.currentURI.spec !== "about:robots"; i++) await new Promise((r) => win.setTimeout(r, 50));
		ExtensionParent.apiManager.global.browserActionFor(WebExtensionPolicy.getByID(`+jsString(s.addonID)+`).extension).triggerAction(win);
		return "clicked";
	})()`); err != nil {
		t.Fatalf("clicking the toolbar button in Firefox: %v", err)
	}
	out, err := s.c.await(ctx, s.bg, `barg.waitCapture(1).then((r) => JSON.stringify({ ok: r.ok, code: r.code, kind: r.kind || "", explained: r.explained || "" }))`)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Firefox, about:robots: %s", out)
	if !strings.Contains(out, `"code":"unsupported"`) || !(strings.Contains(out, `"explained":"popup"`) || strings.Contains(out, `"explained":"window"`)) {
		t.Fatalf("about:robots in Firefox: %s; want unsupported, explained in the popup or a window", out)
	}
	page, err := s.c.waitTarget(ctx, "refused.html")
	if err != nil {
		t.Fatalf("no explanation opened in Firefox: %v", err)
	}
	var text string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if text, _ = s.c.evaluate(ctx, page, `document.getElementById("why") ? document.getElementById("why").textContent + " " + document.getElementById("instead").textContent : ""`); strings.TrimSpace(text) != "" {
			break
		}
	}
	t.Logf("Firefox's explanation: %q", text)
	if !strings.Contains(text, "browser’s own pages") || !strings.Contains(text, "Open an article on the web") {
		t.Errorf("Firefox's explanation says %q", text)
	}
}

// minimalPDF is a one-page PDF with a line of text.
const minimalPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n" +
	"4 0 obj<</Length 44>>stream\nBT /F1 18 Tf 20 100 Td (A report) Tj ET\nendstream endobj\n" +
	"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

// TestFeedbackExplainsPDF: a PDF in the browser's viewer is refused as a
// PDF, with what to do instead, in the popup.
func TestFeedbackExplainsPDF(t *testing.T) {
	b := launch(t, "")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, minimalPDF)
	}))
	defer srv.Close()
	tb := b.OpenTab(t, srv.URL+"/report.pdf")
	res := clickAndWait(t, b, tb)
	var got struct {
		Kind      string `json:"kind"`
		Explained string `json:"explained"`
	}
	b.EvalBackground(t, `globalThis.barg.lastResult`, &got)
	t.Logf("PDF: ok %v code %q kind %q explained %q: %s", res.OK, res.Code, got.Kind, got.Explained, res.Error)
	if res.OK || res.Code != "unsupported" || got.Kind != "pdf" {
		t.Fatalf("PDF: ok %v code %q kind %q; want unsupported, pdf", res.OK, res.Code, got.Kind)
	}
	text := refusedPageText(t, b)
	if !strings.Contains(text, "PDF viewer") || !strings.Contains(text, "Download") {
		t.Errorf("the PDF's explanation says %q", text)
	}
}
