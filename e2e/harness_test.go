package e2e

// The browser harness every end-to-end test uses: it starts Debian's
// headless Chromium with the unpacked extension, finds the extension and its
// service worker, evaluates code in the background, opens tabs and extension
// pages, clicks the toolbar button for real (CDP Extensions.triggerAction on
// the tab target) and serves local fixture pages.
//
// Typical use:
//
//	b := launch(t, "")                       // fresh profile, repo root as the extension
//	srv := serveDir(t, "testdata")           // http://127.0.0.1:PORT/...
//	tab := b.OpenTab(t, srv.URL+"/page.html")
//	n := b.CaptureCount(t)
//	b.ClickAction(t, tab)
//	res := b.WaitCapture(t, n+1)             // the background's capture result
//	var rec map[string]any
//	b.EvalBackground(t, `barg.store.getArticle(`+jsString(res.ID)+`)`, &rec)
//
// Facts behind the choices are in ../shared/notes/browser-extension.md.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/extensions"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's Chromium binary. /usr/bin/chromium is a wrapper
// that adds flags of its own; the binary itself is cleaner to drive.
const chromiumPath = "/usr/lib/chromium/chromium"

// callTimeout bounds every single browser call of the harness, so that a
// wedged browser fails the test with a message instead of hanging it.
const callTimeout = 30 * time.Second

// repoRoot is the repository root, which is the unpacked extension.
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the e2e sources")
	}
	return filepath.Dir(filepath.Dir(file))
}

// requireExtension skips the test, saying why, when the extension has not
// been built (./build.sh writes extension/wasm/barg.wasm) or when Chromium is
// not installed. ./build.sh test builds and installs both first, so in CI the
// suite always runs.
func requireExtension(t testing.TB) {
	t.Helper()
	root := repoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "extension", "wasm", "barg.wasm")); err != nil {
		t.Skip("skipped: the extension is not built (no extension/wasm/barg.wasm); run ./build.sh or ./build.sh test")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skip("skipped: Chromium is not installed at " + chromiumPath + "; run ./build.sh deps (apt-get install chromium)")
	}
}

// browser is one headless Chromium with the extension loaded.
type browser struct {
	ctx         context.Context // chromedp context of the browser's first tab
	cancel      context.CancelFunc
	allocCancel context.CancelFunc
	// Profile is the user data directory; launch(t, b.Profile) after Close
	// starts the browser again on the same profile.
	Profile string
	// ExtDir is the folder loaded as the unpacked extension.
	ExtDir string
	extID  string

	mu     sync.Mutex
	swID   target.ID       // service worker target the cached context is attached to
	swCtx  context.Context // chromedp context attached to the service worker
	swStop context.CancelFunc
	closed bool
}

// launchConfig collects the launch options.
type launchConfig struct {
	extDir string
	flags  map[string]any
}

// launchOption changes how launch starts the browser.
type launchOption func(*launchConfig)

// withExtensionDir loads dir as the extension instead of the repository root;
// see extensionCopy.
func withExtensionDir(dir string) launchOption {
	return func(c *launchConfig) { c.extDir = dir }
}

// withFlag adds a Chromium command-line flag (value true for a bare switch).
func withFlag(name string, value any) launchOption {
	return func(c *launchConfig) { c.flags[name] = value }
}

// launch starts headless Chromium with the extension and waits until its
// background has started Go (globalThis.barg.ready). profileDir "" means a
// fresh temporary profile, removed when the test ends; an existing directory
// reuses that profile, which is how a test restarts the browser:
//
//	b := launch(t, dir); ...; b.Close(t); b = launch(t, dir)
//
// The browser is closed when the test ends (Close may be called earlier).
func launch(t testing.TB, profileDir string, opts ...launchOption) *browser {
	t.Helper()
	requireExtension(t)
	cfg := launchConfig{extDir: repoRoot(t), flags: map[string]any{}}
	for _, o := range opts {
		o(&cfg)
	}
	if profileDir == "" {
		profileDir = t.TempDir()
	}
	ext, err := filepath.Abs(cfg.extDir)
	if err != nil {
		t.Fatal(err)
	}
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.UserDataDir(profileDir),
		chromedp.Flag("headless", "new"),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-extensions", false),
		chromedp.Flag("load-extension", ext),
		chromedp.Flag("disable-extensions-except", ext),
		chromedp.Flag("enable-unsafe-extension-debugging", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.WindowSize(1280, 900),
	)
	for name, v := range cfg.flags {
		flags = append(flags, chromedp.Flag(name, v))
	}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), flags...)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(func(string, ...any) {}), chromedp.WithDebugf(func(f string, a ...any) {
		if debugCDP {
			t.Logf(f, a...)
		}
	}))
	b := &browser{ctx: ctx, cancel: cancel, allocCancel: allocCancel, Profile: profileDir, ExtDir: ext}
	t.Cleanup(func() { b.Close(t) })
	if err := chromedp.Do(ctx); err != nil { // starts the browser, no timeout
		t.Fatalf("starting Chromium: %v", err)
	}
	b.extID = b.waitExtensionID(t)
	b.waitBackground(t)
	return b
}

// waitBackground waits until the background module has run (its test hooks
// exist) and Go is ready.
func (b *browser) waitBackground(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(callTimeout)
	for {
		var ok bool
		b.EvalBackground(t, `globalThis.barg ? globalThis.barg.ready.then(() => true) : false`, &ok)
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the background did not define globalThis.barg: see its console for a load error")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Close closes the browser gracefully, so that the profile is flushed to
// disk and can be reused by launch. Calling it twice is harmless.
func (b *browser) Close(t testing.TB) {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return
	}
	b.closed = true
	if b.swStop != nil {
		b.swStop()
	}
	b.mu.Unlock()
	if err := chromedp.Cancel(b.ctx); err != nil && !errors.Is(err, context.Canceled) {
		t.Logf("closing Chromium: %v", err)
	}
	b.cancel()
	b.allocCancel()
}

// ExtensionID is the id Chromium gave the unpacked extension (it derives it
// from the folder's path).
func (b *browser) ExtensionID() string { return b.extID }

// ExtensionURL is the chrome-extension:// URL of a file of the extension,
// path relative to the extension's root ("extension/library/library.html").
func (b *browser) ExtensionURL(path string) string {
	return "chrome-extension://" + b.extID + "/" + strings.TrimPrefix(path, "/")
}

// waitExtensionID finds the extension's service worker target and returns
// the id from its URL.
func (b *browser) waitExtensionID(t testing.TB) string {
	t.Helper()
	deadline := time.Now().Add(callTimeout)
	for time.Now().Before(deadline) {
		if sw := b.findWorker(t, ""); sw != nil {
			return strings.SplitN(strings.TrimPrefix(sw.URL, "chrome-extension://"), "/", 2)[0]
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the extension's service worker did not start within %v: is %s a loadable extension?", callTimeout, b.ExtDir)
	return ""
}

// targets lists the browser's targets of the given type ("page", "tab",
// "service_worker"; "" for every type but browser and tab).
func (b *browser) targets(t testing.TB, typ string) []*target.Info {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, callTimeout)
	defer cancel()
	p := target.GetTargetsParams{}
	if typ != "" {
		p.Filter = target.Filter{{Type: typ}}
	}
	res, err := chromedp.CallBrowser(ctx, target.GetTargets, p)
	if err != nil {
		t.Fatalf("Target.getTargets: %v", err)
	}
	return res.TargetInfos
}

// findWorker returns the extension's service worker target, or nil when the
// worker is stopped. extID "" matches any extension's worker.
func (b *browser) findWorker(t testing.TB, extID string) *target.Info {
	for _, ti := range b.targets(t, "service_worker") {
		if strings.HasPrefix(ti.URL, "chrome-extension://"+extID) && strings.HasSuffix(ti.URL, "/extension/background/background.js") {
			return ti
		}
	}
	return nil
}

// WorkerRunning reports whether the extension's service worker is running.
func (b *browser) WorkerRunning(t testing.TB) bool {
	return b.findWorker(t, b.extID) != nil
}

// worker returns a chromedp context attached to the running service worker,
// starting the worker first when it is stopped.
func (b *browser) worker(t testing.TB) context.Context {
	t.Helper()
	sw := b.findWorker(t, b.extID)
	if sw == nil {
		b.StartWorker(t)
		sw = b.findWorker(t, b.extID)
		if sw == nil {
			t.Fatal("the service worker did not start")
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.swCtx != nil && b.swID == sw.TargetID && b.swCtx.Err() == nil {
		return b.swCtx
	}
	if b.swStop != nil {
		b.swStop()
	}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(sw.TargetID), chromedp.WithDetachOnCancel())
	// The first Do binds the attachment's life to its context: no timeout here.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatalf("attaching to the service worker: %v", err)
	}
	b.swID, b.swCtx, b.swStop = sw.TargetID, ctx, cancel
	return ctx
}

// EvalBackground evaluates the JavaScript expression in the extension's
// background (the service worker), awaits it when it is a Promise, and
// decodes its JSON value into out (nil to ignore it). An exception or a
// rejected Promise fails the test. The background exposes test hooks on
// globalThis.barg (see extension/background/background.js): ready,
// captureTab(tabId, opts), lastResult, results, timings, waitCapture(n),
// store (lib/store.js).
func (b *browser) EvalBackground(t testing.TB, expr string, out any) {
	t.Helper()
	if err := b.evalBackground(t, expr, out); err != nil {
		t.Fatalf("in the background: %s: %v", shorten(expr), err)
	}
}

// evalBackground is EvalBackground returning the error. It retries once on
// a fresh attachment when the worker went away between lookup and call.
func (b *browser) evalBackground(t testing.TB, expr string, out any) error {
	t.Helper()
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		ctx, cancel := context.WithTimeout(b.worker(t), callTimeout)
		var raw []byte
		raw, err = chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
		cancel()
		if err == nil {
			if out == nil || len(raw) == 0 {
				return nil
			}
			return json.Unmarshal(raw, out)
		}
		var exc *chromedp.ExceptionError
		if errors.As(err, &exc) {
			return err
		}
		b.mu.Lock()
		b.swCtx = nil
		b.mu.Unlock()
	}
	return err
}

// StopWorker stops the extension's service worker, as the browser does
// when it is idle, and waits until its target is gone. Go's memory goes with
// it; the next event (a click) starts it again from scratch.
func (b *browser) StopWorker(t testing.TB) {
	t.Helper()
	b.mu.Lock()
	if b.swStop != nil {
		b.swStop()
		b.swCtx, b.swStop = nil, nil
	}
	b.mu.Unlock()
	ctx, cancel := context.WithTimeout(b.ctx, callTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tt, serviceworker.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tt, serviceworker.StopAllWorkers, cdp.Empty{})
		return err
	})); err != nil {
		t.Fatalf("stopping the service worker: %v", err)
	}
	for b.WorkerRunning(t) {
		if ctx.Err() != nil {
			t.Fatal("the service worker did not stop")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// StartWorker starts the stopped service worker (ServiceWorker.startWorker
// on its scope) and waits for its target.
func (b *browser) StartWorker(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, callTimeout)
	defer cancel()
	scope := "chrome-extension://" + b.extID + "/"
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tt, serviceworker.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tt, serviceworker.StartWorker, serviceworker.StartWorkerParams{ScopeURL: scope})
		return err
	})); err != nil {
		t.Fatalf("starting the service worker: %v", err)
	}
	for !b.WorkerRunning(t) {
		if ctx.Err() != nil {
			t.Fatal("the service worker did not start")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// tab is a browser tab opened by OpenTab or OpenExtensionPage.
type tab struct {
	// TabID is the CDP target id of the tab (type "tab"): what
	// Extensions.triggerAction wants. A page's target id is refused there.
	TabID target.ID
	// PageID is the CDP target id of the page shown in the tab.
	PageID target.ID
	// Ctx is a chromedp context for the page: run chromedp actions on it.
	Ctx context.Context
	// Cancel closes the tab.
	Cancel context.CancelFunc
}

// ExtTabID is the tab's id in the extension APIs (chrome.tabs), found by
// asking the background for the tab showing the page's URL. The extension
// sees a tab's URL only with access to it (after ClickAction, or with a host
// permission); a capture result also carries its tab id (TabID).
func (b *browser) ExtTabID(t testing.TB, tb *tab) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.Ctx, callTimeout)
	defer cancel()
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("reading the tab's URL: %v", err)
	}
	var id int
	b.EvalBackground(t, `chrome.tabs.query({}).then(ts => { const m = ts.filter(x => x.url === `+jsString(url)+`); if (m.length !== 1) throw new Error(m.length + " tabs show the URL"); return m[0].id; })`, &id)
	return id
}

// OpenTab opens url in a new tab, waits for its load event, and returns the
// tab. The tab closes when the test ends.
func (b *browser) OpenTab(t testing.TB, url string) *tab {
	t.Helper()
	return b.OpenTabWithin(t, url, callTimeout)
}

// OpenTabWithin is OpenTab for a page whose load may take longer than one
// call's bound (a page that builds a huge DOM by script, on a loaded machine).
func (b *browser) OpenTabWithin(t testing.TB, url string, load time.Duration) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	// The first Do opens the tab and binds its life to ctx: no timeout here.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	tabID := b.tabTargetOf(t, ctx)
	nctx, ncancel := context.WithTimeout(ctx, load)
	defer ncancel()
	if err := chromedp.Do(nctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	pageID := chromedp.FromContext(ctx).Target.TargetID
	return &tab{TabID: tabID, PageID: pageID, Ctx: ctx, Cancel: cancel}
}

// OpenExtensionPage opens a page of the extension in a new tab; path is
// relative to the extension's root, with an optional query
// ("extension/library/library.html?q=x").
func (b *browser) OpenExtensionPage(t testing.TB, path string) *tab {
	t.Helper()
	return b.OpenTab(t, b.ExtensionURL(path))
}

// tabTargetOf finds the tab target of the page in ctx. Chromium gives
// pages no parentId, so the page is first sent to a unique about:blank URL
// and the tab target showing that URL is the one.
func (b *browser) tabTargetOf(t testing.TB, ctx context.Context) target.ID {
	t.Helper()
	marker := fmt.Sprintf("about:blank#barg-tab-%d", tabSeq.Add(1))
	nctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	if err := chromedp.Do(nctx, chromedp.Evaluate[chromedp.Void](`location.href = `+jsString(marker))); err != nil {
		t.Fatalf("marking the tab: %v", err)
	}
	for nctx.Err() == nil {
		for _, ti := range b.targets(t, "tab") {
			if ti.URL == marker {
				return ti.TargetID
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("no tab target shows the new tab's page")
	return ""
}

var tabSeq atomic.Int64

// ClickAction clicks the extension's toolbar button on the tab, as a user
// does: CDP Extensions.triggerAction on the tab target. It grants activeTab
// like a real click and fires action.onClicked in the background. It
// returns the time just before the click, for latency measurements.
func (b *browser) ClickAction(t testing.TB, tb *tab) time.Time {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, callTimeout)
	defer cancel()
	start := time.Now()
	if _, err := chromedp.CallBrowser(ctx, extensions.TriggerAction,
		extensions.TriggerActionParams{ID: b.extID, TargetID: string(tb.TabID)}); err != nil {
		t.Fatalf("Extensions.triggerAction: %v", err)
	}
	return start
}

// captureResult is what the background reports for one capture
// (extension/background/capture.js).
type captureResult struct {
	OK        bool   `json:"ok"`
	TabID     int    `json:"tab_id"`
	ID        string `json:"id"`
	EntryID   string `json:"entry_id"`
	CaptureID string `json:"capture_id"`
	Updated   bool   `json:"updated"`   // saved as a new version of an entry
	Unchanged bool   `json:"unchanged"` // identical to the entry's newest version: nothing added
	Since     string `json:"since"`     // when unchanged, that version's capture time
	Versions  int    `json:"versions"`
	Preview   string `json:"preview"` // set when the capture waits in the preview (its pending id)
	Selection bool   `json:"selection"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Lang      string `json:"lang"`
	Words     int    `json:"words"`
	Bytes     int    `json:"bytes"`
	Code      string `json:"code"`
	Error     string `json:"error"`
	Kind      string `json:"kind"`   // why a page cannot be captured
	Detail    string `json:"detail"` // what the browser said then
	Upload    struct {
		State string `json:"state"`
		Error string `json:"error"`
	} `json:"upload"`
	Timings struct {
		ClickedAt float64 `json:"clicked_at"` // epoch ms
		SavedAt   float64 `json:"saved_at"`   // epoch ms
		DoneAt    float64 `json:"done_at"`    // epoch ms
		GoWaitMS  float64 `json:"go_wait_ms"`
		GrabMS    float64 `json:"grab_ms"`
		ExtractMS float64 `json:"extract_ms"`
		// SettingsMS is how long the capture waited for the settings after
		// the grab (part of ExtractMS).
		SettingsMS float64 `json:"settings_wait_ms"`
		SaveMS     float64 `json:"save_ms"`
		ToSavedMS  float64 `json:"to_saved_ms"`
		TotalMS    float64 `json:"total_ms"`
	} `json:"timings"`
}

// CaptureCount is the number of captures the background finished in its
// current lifetime; pass CaptureCount+1 to WaitCapture before clicking.
func (b *browser) CaptureCount(t testing.TB) int {
	t.Helper()
	var n int
	b.EvalBackground(t, `globalThis.barg.results.length`, &n)
	return n
}

// WaitCapture waits for the n-th capture of the background's lifetime
// (1-based) and returns its result.
func (b *browser) WaitCapture(t testing.TB, n int) captureResult {
	t.Helper()
	var res captureResult
	b.EvalBackground(t, fmt.Sprintf(`globalThis.barg.waitCapture(%d)`, n), &res)
	if !res.OK && res.Code == "unsupported" {
		// Logged for every test: most print only the message.
		t.Logf("capture %d refused: kind %q, detail %q", n, res.Kind, res.Detail)
	}
	return res
}

// article is the saved record of an article as lib/store.js keeps it, with
// the article's fields the tests look at.
type article struct {
	ID              string `json:"id"`
	CaptureID       string `json:"capture_id"`
	FirstCapturedAt string `json:"first_captured_at"`
	CapturedAt      string `json:"captured_at"`
	Article         struct {
		Schema       string   `json:"schema"`
		URL          string   `json:"url"`
		CanonicalURL string   `json:"canonical_url"`
		Title        string   `json:"title"`
		Lang         string   `json:"lang"`
		Dir          string   `json:"dir"`
		SiteName     string   `json:"site_name"`
		Authors      []string `json:"authors"`
		Published    string   `json:"published"`
		Text         string   `json:"text"`
		WordCount    int      `json:"word_count"`
		Blocks       []struct {
			Type  string   `json:"type"`
			Text  string   `json:"text"`
			Items []string `json:"items"`
		} `json:"blocks"`
		Normalization struct {
			Persian bool   `json:"persian"`
			Digits  string `json:"digits"`
			Changes int    `json:"changes"`
		} `json:"normalization"`
	} `json:"article"`
}

// SavedArticle reads a record back from the library store by id; ok is
// false when there is none.
func (b *browser) SavedArticle(t testing.TB, id string) (rec article, ok bool) {
	t.Helper()
	var got *article
	b.EvalBackground(t, `globalThis.barg.store.getArticle(`+jsString(id)+`).then(r => r ?? null)`, &got)
	if got == nil {
		return article{}, false
	}
	return *got, true
}

// ArticleCount is the number of entries in the library (an article and its versions count once).
func (b *browser) ArticleCount(t testing.TB) int {
	t.Helper()
	var n int
	b.EvalBackground(t, `globalThis.barg.store.listArticles().then(r => r.length)`, &n)
	return n
}

// EvalPage evaluates the expression in the tab's page (awaiting a Promise)
// and decodes its JSON value into out (nil to ignore it).
func (b *browser) EvalPage(t testing.TB, tb *tab, expr string, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.Ctx, callTimeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("in the page: %s: %v", shorten(expr), err)
	}
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("decoding %s: %v", shorten(expr), err)
		}
	}
}

// serveDir serves the files of dir over HTTP on 127.0.0.1 until the test
// ends. Pages are served as UTF-8 HTML.
func serveDir(t testing.TB, dir string) *httptest.Server {
	t.Helper()
	fs := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".html") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		fs.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// servePages serves the given pages (path → HTML, path starting with "/")
// as UTF-8 HTML on 127.0.0.1 until the test ends; other paths are 404.
func servePages(t testing.TB, pages map[string]string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// sharedDir returns ../shared (the team's read-only kit), or skips the test
// saying that it was skipped because ../shared is missing.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("skipped because ../shared is missing")
	}
	return dir
}

// extensionCopy copies the built extension (manifest.json, extension/,
// _locales/) into a temporary folder, lets patch change the manifest, and
// returns the folder, to pass to launch with withExtensionDir. Use it for
// what tests cannot click through, e.g. granting the upload endpoint's
// origin up front:
//
//	dir := extensionCopy(t, func(m map[string]any) {
//		m["host_permissions"] = []any{"http://127.0.0.1/*"}
//	})
//	b := launch(t, "", withExtensionDir(dir))
//
// The copy gets its own extension id (Chromium derives it from the path).
func extensionCopy(t testing.TB, patch func(manifest map[string]any)) string {
	t.Helper()
	requireExtension(t)
	root := repoRoot(t)
	dst := filepath.Join(t.TempDir(), "barg")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"extension", "_locales"} {
		if _, err := os.Stat(filepath.Join(root, name)); err != nil {
			continue
		}
		if out, err := exec.Command("cp", "-r", filepath.Join(root, name), dst).CombinedOutput(); err != nil {
			t.Fatalf("copying %s: %v: %s", name, err, out)
		}
	}
	data, err := os.ReadFile(filepath.Join(root, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if patch != nil {
		patch(m)
	}
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, "manifest.json"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func shorten(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// debugCDP logs every protocol message of the browser (set it while debugging the harness).
var debugCDP = false
