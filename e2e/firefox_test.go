package e2e

// A Firefox smoke test. WebDriver BiDi cannot click the toolbar button or
// open moz-extension:// pages, so this test speaks Firefox's own remote
// debugging protocol (what about:debugging and web-ext use): it installs the
// repository as a temporary add-on, then evaluates code in the extension's
// background (the event page Firefox runs from background.scripts) to check
// that the module loads, Go starts under the manifest's CSP, extraction runs
// and the library store saves in Firefox's IndexedDB; then it clicks the
// toolbar button on a served page (see below) and checks the saved capture.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const firefoxPath = "/usr/bin/firefox-esr"

// rdpClient is a minimal client of Firefox's remote debugging protocol:
// packets are LENGTH:JSON; each request names the actor it goes to, and the
// actor answers in order.
type rdpClient struct {
	conn net.Conn
	r    *bufio.Reader
	mu   sync.Mutex
	// events receives unsolicited packets (those with a "type" that answer
	// nothing, like evaluationResult); targets receives the watcher's
	// target-available-form packets, apart, so that waiting for an
	// evaluation's result never drops the news of a page that opened.
	events, targets chan map[string]any
	// replies receives answers, per actor, in order.
	replies map[string]chan map[string]any
}

func dialRDP(ctx context.Context, addr string) (*rdpClient, error) {
	var conn net.Conn
	var err error
	for ctx.Err() == nil {
		conn, err = net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if conn == nil {
		return nil, fmt.Errorf("connecting to Firefox's debugger server: %w", err)
	}
	c := &rdpClient{conn: conn, r: bufio.NewReader(conn), events: make(chan map[string]any, 64), targets: make(chan map[string]any, 64), replies: map[string]chan map[string]any{}}
	if _, err := c.read(); err != nil { // the root actor's greeting
		return nil, err
	}
	go c.loop()
	return c, nil
}

func (c *rdpClient) read() (map[string]any, error) {
	head, err := c.r.ReadString(':')
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(strings.TrimSuffix(head, ":"))
	if err != nil {
		return nil, fmt.Errorf("bad packet length %q", head)
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(c.r, buf); err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(buf, &m)
}

func (c *rdpClient) loop() {
	for {
		m, err := c.read()
		if err != nil {
			close(c.events)
			close(c.targets)
			return
		}
		if typ, _ := m["type"].(string); typ != "" && typ != "error" {
			ch := c.events
			if typ == "target-available-form" {
				ch = c.targets
			}
			select {
			case ch <- m:
			default:
			}
			continue
		}
		from, _ := m["from"].(string)
		c.mu.Lock()
		ch := c.replies[from]
		c.mu.Unlock()
		if ch != nil {
			ch <- m
		}
	}
}

// request sends packet to its actor ("to") and returns the answer.
func (c *rdpClient) request(ctx context.Context, packet map[string]any) (map[string]any, error) {
	to := packet["to"].(string)
	c.mu.Lock()
	ch := c.replies[to]
	if ch == nil {
		ch = make(chan map[string]any, 8)
		c.replies[to] = ch
	}
	c.mu.Unlock()
	data, _ := json.Marshal(packet)
	if _, err := fmt.Fprintf(c.conn, "%d:%s", len(data), data); err != nil {
		return nil, err
	}
	select {
	case m := <-ch:
		if e, ok := m["error"].(string); ok {
			return nil, fmt.Errorf("%s: %s: %v", packet["type"], e, m["message"])
		}
		return m, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: %w", packet["type"], ctx.Err())
	}
}

// await evaluates promiseExpr, an expression giving a Promise of a string,
// in the console's global and returns the settled string. The console does
// not await, so the result is parked in a global and polled.
func (c *rdpClient) await(ctx context.Context, console, promiseExpr string) (string, error) {
	slot := fmt.Sprintf("__bargE2E%d", time.Now().UnixNano())
	start := `(globalThis.` + slot + ` = null, Promise.resolve().then(() => (` + promiseExpr + `)).then(
		v => { globalThis.` + slot + ` = {v: String(v)}; }, e => { globalThis.` + slot + ` = {e: String(e && e.stack || e)}; }), "started")`
	if _, err := c.evaluate(ctx, console, start); err != nil {
		return "", err
	}
	for {
		out, err := c.evaluate(ctx, console, `globalThis.`+slot+` ? JSON.stringify(globalThis.`+slot+`) : ""`)
		if err != nil {
			return "", err
		}
		if out != "" {
			var r struct{ V, E *string }
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				return "", err
			}
			if r.E != nil {
				return "", errors.New(*r.E)
			}
			return *r.V, nil
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// waitTarget waits for the watcher to announce a document of the add-on
// whose URL contains urlPart, and returns its console actor.
func (c *rdpClient) waitTarget(ctx context.Context, urlPart string) (string, error) {
	for {
		select {
		case m, ok := <-c.targets:
			if !ok {
				return "", errors.New("Firefox closed the connection")
			}
			form, _ := m["target"].(map[string]any)
			if url, _ := form["url"].(string); strings.Contains(url, urlPart) {
				if console, _ := form["consoleActor"].(string); console != "" {
					return console, nil
				}
			}
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

// evaluate runs a JavaScript expression through a console actor and
// returns its result when it is a string.
func (c *rdpClient) evaluate(ctx context.Context, console, expr string) (string, error) {
	res, err := c.request(ctx, map[string]any{"to": console, "type": "evaluateJSAsync", "text": expr})
	if err != nil {
		return "", err
	}
	id := res["resultID"]
	for {
		select {
		case m, ok := <-c.events:
			if !ok {
				return "", errors.New("Firefox closed the connection")
			}
			if m["type"] != "evaluationResult" || m["resultID"] != id {
				continue
			}
			if m["exceptionMessage"] != nil {
				return "", fmt.Errorf("exception: %v", m["exceptionMessage"])
			}
			switch r := m["result"].(type) {
			case string:
				return r, nil
			case map[string]any:
				if r["type"] == "longString" {
					return "", errors.New("result too long: return less")
				}
				return "", fmt.Errorf("result is not a string: %v", r["type"])
			default:
				return fmt.Sprint(r), nil
			}
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// firefoxBasePrefs are the user.js prefs of every Firefox the tests start:
// remote debugging on, no prompts, updates or telemetry, and the
// temporary add-on enabled.
const firefoxBasePrefs = `user_pref("devtools.debugger.remote-enabled", true);
user_pref("devtools.chrome.enabled", true);
user_pref("devtools.debugger.prompt-connection", false);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("app.update.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("extensions.autoDisableScopes", 0);
`

// TestFirefoxSmoke installs the extension in headless firefox-esr and
// extracts and saves an article in its background.
func TestFirefoxSmoke(t *testing.T) {
	requireExtension(t)
	if _, err := os.Stat(firefoxPath); err != nil {
		t.Skip("skipped: firefox-esr is not installed (apt-get install firefox-esr)")
	}
	profile := t.TempDir()
	prefs := firefoxBasePrefs
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(prefs), 0o644); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, firefoxPath, "--headless", "--no-remote", "--profile", profile,
		"--start-debugger-server", strconv.Itoa(port), "about:blank")
	cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	dctx, dcancel := context.WithTimeout(ctx, time.Minute)
	c, err := dialRDP(dctx, "127.0.0.1:"+strconv.Itoa(port))
	dcancel()
	if err != nil {
		t.Fatalf("%v\nfirefox: %s", err, stderr.String())
	}
	defer c.conn.Close()

	root, err := c.request(ctx, map[string]any{"to": "root", "type": "getRoot"})
	if err != nil {
		t.Fatal(err)
	}
	addons, _ := root["addonsActor"].(string)
	inst, err := c.request(ctx, map[string]any{"to": addons, "type": "installTemporaryAddon", "addonPath": repoRoot(t)})
	if err != nil {
		t.Fatalf("installing the extension: %v", err)
	}
	addonID := inst["addon"].(map[string]any)["id"].(string)
	if addonID != "barg@barg.app" {
		t.Errorf("add-on id = %q, want barg@barg.app (browser_specific_settings.gecko.id)", addonID)
	}
	list, err := c.request(ctx, map[string]any{"to": "root", "type": "listAddons"})
	if err != nil {
		t.Fatal(err)
	}
	var descriptor string
	for _, a := range list["addons"].([]any) {
		a := a.(map[string]any)
		if a["id"] == addonID {
			descriptor, _ = a["actor"].(string)
		}
	}
	if descriptor == "" {
		t.Fatal("the installed add-on is not listed")
	}
	// The descriptor's watcher announces the add-on's documents as targets;
	// the background page is the one whose URL is the generated background.
	w, err := c.request(ctx, map[string]any{"to": descriptor, "type": "getWatcher"})
	if err != nil {
		t.Fatal(err)
	}
	watcher, _ := w["actor"].(string)
	if _, err := c.request(ctx, map[string]any{"to": watcher, "type": "watchTargets", "targetType": "frame"}); err != nil {
		t.Fatal(err)
	}
	console, err := c.waitTarget(ctx, "background")
	if err != nil {
		t.Fatalf("no background target: %v\nfirefox: %s", err, stderr.String())
	}
	// The background may still be starting: retry until barg exists.
	var got string
	deadline := time.Now().Add(time.Minute)
	for {
		got, err = c.await(ctx, console, `(async () => { if (typeof globalThis.barg !== "object") return "not yet"; await globalThis.barg.ready; return typeof globalThis.bargExtract; })()`)
		if err == nil && got != "not yet" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the background did not start Go: %q %v\nfirefox: %s", got, err, stderr.String())
		}
		time.Sleep(250 * time.Millisecond)
	}
	if got != "function" {
		t.Fatalf("after barg.ready, typeof bargExtract = %q", got)
	}

	page, err := os.ReadFile(filepath.Join("testdata", "fa-article.html"))
	if err != nil {
		t.Fatal(err)
	}
	expr := `(async () => JSON.stringify(await (async () => {
		const a = JSON.parse(await bargExtract(` + jsString(string(page)) + `, "http://127.0.0.1/fa-article.html", "{}"));
		const saved = await barg.store.saveArticle(a);
		const back = await barg.store.getArticle(saved.record.id);
		let noArticle = "";
		try { await bargExtract("<html><body><h1>x</h1></body></html>", "http://127.0.0.1/", "{}"); } catch (e) { noArticle = e.code + ": " + e.message; }
		// Text with its ZWNJs deleted: restoring them needs the lexicon image
		// that the background inflates with DecompressionStream and hands to Go.
		const fused = JSON.parse(await bargExtract(` + jsString(strings.ReplaceAll(string(page), "\u200c", "")) + `, "http://127.0.0.1/fused.html", "{}"));
		const listed = (await barg.store.listArticles()).length;
		// The search index (word ids against a vocabulary kept under array
		// keys, lib/wordindex.js) in Firefox's IndexedDB: a word as part of
		// a word, typed without its ZWNJ.
		const searched = (await barg.store.listEntries({ query: "میشوند پاییز" })).length + (await barg.store.listEntries({ query: "zzzz" })).length;
		// Gone again, so that the toolbar capture below of the same text is
		// a new capture, not "unchanged".
		await barg.store.removeCapture(saved.record.id);
		return { title: back.article.title, published: back.article.published, lang: back.article.lang,
			restored: fused.text.includes("می‌شوند") && fused.text.includes("برنامه‌ای"), lexicon: barg.engine.lexicon,
			paragraphs: back.article.blocks.filter(b => b.type === "paragraph").length, noArticle, listed, searched };
	})()))()`
	out, err := c.await(ctx, console, expr)
	if err != nil {
		t.Fatalf("extracting in Firefox: %v", err)
	}
	var res struct {
		Title, Published, Lang, NoArticle, Lexicon string
		Paragraphs, Listed, Searched               int
		Restored                                   bool
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Title != "باغ‌های شهر در پاییز" || res.Published != "2025-10-23T09:15:00+03:30" || res.Lang != "fa" {
		t.Errorf("saved article in Firefox: title %q published %q lang %q", res.Title, res.Published, res.Lang)
	}
	if !res.Restored || res.Lexicon != "loaded" {
		t.Errorf("ZWNJ restoration in Firefox: restored %v, lexicon %q", res.Restored, res.Lexicon)
	}
	if res.Paragraphs < 5 || res.Listed != 1 {
		t.Errorf("paragraphs %d, library holds %d; want ≥ 5 and 1", res.Paragraphs, res.Listed)
	}
	if res.Searched != 1 {
		t.Errorf("searching the library in Firefox found %d entries for two queries, want 1", res.Searched)
	}
	if res.NoArticle != "no_article: no article found on this page" {
		t.Errorf("page without an article: %q", res.NoArticle)
	}

	// Capture a real tab through the toolbar button. Firefox grants
	// activeTab only on a user's gesture, so the click is made the way
	// Firefox's own keyboard shortcut for the action makes it: from the
	// browser's privileged parent process, through the action's
	// triggerAction. The page then goes through scripting.executeScript,
	// Go, normalization and the store, as on a click.
	srv := serveDir(t, "testdata")
	pageURL := srv.URL + "/fa-article.html"
	proc, err := c.request(ctx, map[string]any{"to": "root", "type": "getProcess", "id": 0})
	if err != nil {
		t.Fatal(err)
	}
	pd, _ := proc["processDescriptor"].(map[string]any)
	pdActor, _ := pd["actor"].(string)
	pt, err := c.request(ctx, map[string]any{"to": pdActor, "type": "getTarget"})
	if err != nil {
		t.Fatal(err)
	}
	form, _ := pt["process"].(map[string]any)
	chromeConsole, _ := form["consoleActor"].(string)
	if chromeConsole == "" {
		t.Fatalf("no console in the parent process: %v", pt)
	}
	click := `(async () => {
		const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
		const win = Services.wm.getMostRecentWindow("navigator:browser");
		const tab = win.gBrowser.addTab(` + jsString(pageURL) + `, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
		win.gBrowser.selectedTab = tab;
		const browser = tab.linkedBrowser;
		for (let i = 0; i < 200; i++) {
			if (browser.currentURI.spec === ` + jsString(pageURL) + ` && !browser.webProgress.isLoadingDocument) break;
			await new Promise((r) => win.setTimeout(r, 50));
		}
		const ext = WebExtensionPolicy.getByID(` + jsString(addonID) + `).extension;
		ExtensionParent.apiManager.global.browserActionFor(ext).triggerAction(win);
		return browser.currentURI.spec;
	})()`
	loaded, err := c.await(ctx, chromeConsole, click)
	if err != nil {
		t.Fatalf("clicking the toolbar button in Firefox: %v", err)
	}
	if loaded != pageURL {
		t.Fatalf("the tab shows %q, want %q", loaded, pageURL)
	}
	out, err = c.await(ctx, console, `(async () => {
		const r = await barg.waitCapture(1);
		const rec = r.ok ? await barg.store.getArticle(r.id) : null;
		return JSON.stringify({ ok: r.ok, error: r.error || "", title: r.title, url: rec ? rec.article.url : "",
			zwnj: rec ? rec.article.text.includes("باغ‌های") : false });
	})()`)
	if err != nil {
		t.Fatalf("waiting for the capture in Firefox: %v", err)
	}
	var cap struct {
		OK         bool
		Error      string
		Title, URL string
		ZWNJ       bool
	}
	if err := json.Unmarshal([]byte(out), &cap); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !cap.OK || cap.Title != "باغ‌های شهر در پاییز" || cap.URL != pageURL || !cap.ZWNJ {
		t.Errorf("toolbar capture in Firefox: %+v; want ok, title %q, url %q, ZWNJ kept", cap, "باغ‌های شهر در پاییز", pageURL)
	}

	// The library page runs in Firefox too (its modules, CSP and IndexedDB)
	// and lists what was saved.
	if _, err := c.await(ctx, chromeConsole, `(async () => {
		const win = Services.wm.getMostRecentWindow("navigator:browser");
		const host = WebExtensionPolicy.getByID(`+jsString(addonID)+`).mozExtensionHostname;
		const tab = win.gBrowser.addTab("moz-extension://" + host + "/extension/library/library.html",
			{ triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
		win.gBrowser.selectedTab = tab;
		return "opened";
	})()`); err != nil {
		t.Fatalf("opening the library in Firefox: %v", err)
	}
	libConsole, err := c.waitTarget(ctx, "library.html")
	if err != nil {
		t.Fatalf("the library page did not open in Firefox: %v\nfirefox: %s", err, stderr.String())
	}
	var rows string
	for deadline := time.Now().Add(30 * time.Second); ; {
		rows, err = c.evaluate(ctx, libConsole, `document.body.dataset.state === "ready" ? JSON.stringify([...document.querySelectorAll("#rows tr")].map((tr) => tr.textContent)) : ""`)
		if err == nil && rows != "" || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("library rows in Firefox: %s", rows)
	if !strings.Contains(rows, "باغ‌های شهر در پاییز") {
		t.Errorf("the library in Firefox lists %s (err %v); want the captured article", rows, err)
	}
	var captured struct{ ID string }
	if out, err := c.await(ctx, console, `barg.waitCapture(1).then((r) => JSON.stringify({ ID: r.id }))`); err != nil || json.Unmarshal([]byte(out), &captured) != nil || !cap.OK {
		t.Fatalf("no capture to go on with in Firefox: %v", err)
	}
	firefoxLibrary(t, ctx, c, console, chromeConsole, addonID, captured.ID)
}

// firefoxLibrary drives the library's new features in Firefox after the
// smoke test's toolbar capture (record id captured): a second version of
// the article (an edit: a paragraph dropped, one added), tags, a search
// that finds the dropped paragraph in the older version and links to it,
// the reader showing that version, and a delete purged by the background's
// alarm after the library page is closed.
func firefoxLibrary(t *testing.T, ctx context.Context, c *rdpClient, console, chromeConsole, addonID, captured string) {
	t.Helper()
	out, err := c.await(ctx, console, `(async () => {
		const first = await barg.store.getArticle(`+jsString(captured)+`);
		const paras = first.article.text.split('\n\n');
		const dropped = paras[1];
		const text = [paras[0], ...paras.slice(2), 'پاراگراف تازه‌ای که پس از ویرایش افزوده شد.'].join('\n\n');
		const rest = new Set(barg.store.words(text));
		const unique = barg.store.words(dropped).filter((w) => w.length > 3 && !rest.has(w)).slice(0, 2).join(' ');
		const saved = await barg.store.saveArticle({ ...first.article, text, blocks: text.split('\n\n').map((p) => ({ type: 'paragraph', text: p })) },
			{ capturedAt: new Date(Date.parse(first.captured_at) + 1000).toISOString() });
		await barg.store.updateEntry(saved.entry.id, { tags: 'باغ، پاییز' });
		return JSON.stringify({ entry: saved.entry.id, updated: saved.updated, versions: saved.entry.versions.length, first: first.id, unique, dropped });
	})()`)
	if err != nil {
		t.Fatalf("a second version in Firefox: %v", err)
	}
	var v struct {
		Entry, First, Unique, Dropped string
		Updated                       bool
		Versions                      int
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !v.Updated || v.Versions != 2 || v.Unique == "" {
		t.Fatalf("second version in Firefox: %+v, want an update making 2 versions and words only the first has", v)
	}

	openTab := func(path, urlPart string) string {
		t.Helper()
		if _, err := c.await(ctx, chromeConsole, `(async () => {
			const win = Services.wm.getMostRecentWindow("navigator:browser");
			const host = WebExtensionPolicy.getByID(`+jsString(addonID)+`).mozExtensionHostname;
			win.gBrowser.selectedTab = win.gBrowser.addTab("moz-extension://" + host + "/" + `+jsString(path)+`,
				{ triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
			return "opened";
		})()`); err != nil {
			t.Fatalf("opening %s in Firefox: %v", path, err)
		}
		pc, err := c.waitTarget(ctx, urlPart)
		if err != nil {
			t.Fatalf("%s did not open in Firefox: %v", path, err)
		}
		return pc
	}
	// poll evaluates expr in a page until it gives a non-empty string.
	poll := func(pc, expr string) string {
		t.Helper()
		var got string
		var err error
		for deadline := time.Now().Add(30 * time.Second); ; {
			got, err = c.evaluate(ctx, pc, expr)
			if err == nil && got != "" || time.Now().After(deadline) {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if got == "" {
			t.Fatalf("in Firefox, waiting for %s: %v", shorten(expr), err)
		}
		return got
	}

	lib := openTab("extension/library/library.html?firefox=versions", "firefox=versions")
	poll(lib, `document.body.dataset.state === "ready" ? "ready" : ""`)
	if _, err := c.evaluate(ctx, lib, `(() => { const q = document.getElementById("query"); q.value = `+jsString(v.Unique)+`;
		document.body.dataset.state = "typing"; q.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" })); return "typed"; })()`); err != nil {
		t.Fatal(err)
	}
	got := poll(lib, `document.body.dataset.state === "ready" ? JSON.stringify({ rows: [...document.querySelectorAll("#rows tr")].map((tr) => tr.dataset.id),
		older: document.querySelector("#rows a.older-hit")?.dataset.version || "", href: document.querySelector("#rows a.older-hit")?.getAttribute("href") || "",
		tags: [...document.querySelectorAll("#rows button.tag")].map((b) => b.textContent), versions: document.querySelector("#rows td.versions")?.textContent || "" }) : ""`)
	var found struct {
		Rows, Tags            []string
		Older, Href, Versions string
	}
	if err := json.Unmarshal([]byte(got), &found); err != nil {
		t.Fatalf("%v: %s", err, got)
	}
	if len(found.Rows) != 1 || found.Rows[0] != v.Entry || found.Older != v.First || strings.Join(found.Tags, ",") != "باغ,پاییز" {
		t.Errorf("library search in Firefox for %q (only in the first version): %+v; want entry %s matched in version %s, tags باغ,پاییز", v.Unique, found, v.Entry, v.First)
	}

	// The match's link opens the reader on the version that matched.
	if found.Href != "" {
		rd := openTab("extension/library/"+found.Href, "reader.html")
		shown := poll(rd, `document.body.dataset.state === "ready" ? JSON.stringify({ version: document.getElementById("version").value,
			options: document.getElementById("version").options.length, body: document.querySelector("article.reader .reader-body").textContent }) : ""`)
		var r struct {
			Version, Body string
			Options       int
		}
		if err := json.Unmarshal([]byte(shown), &r); err != nil {
			t.Fatalf("%v: %s", err, shown)
		}
		if r.Version != v.First || r.Options != 2 || !strings.Contains(r.Body, v.Dropped) {
			t.Errorf("reader in Firefox shows version %s of %d (dropped paragraph shown: %v); want %s of 2 with it", r.Version, r.Options, strings.Contains(r.Body, v.Dropped), v.First)
		}
	}

	// Delete in the library, close it at once: the background's alarm purges after the undo time.
	if _, err := c.evaluate(ctx, lib, `(() => { document.body.dataset.state = "deleting"; document.querySelector("#rows tr input.select").click();
		document.getElementById("delete").click(); return "deleted"; })()`); err != nil {
		t.Fatal(err)
	}
	poll(lib, `document.querySelector("#status #undo") ? "undo" : ""`)
	deleted := time.Now()
	alarm, err := c.await(ctx, console, `browser.alarms.get("barg-purge-deleted").then((a) => String(a ? a.scheduledTime - Date.now() : -1))`)
	if err != nil || alarm == "-1" {
		t.Fatalf("no purge alarm in Firefox after a delete: %q %v", alarm, err)
	}
	if _, err := c.await(ctx, chromeConsole, `(async () => {
		const win = Services.wm.getMostRecentWindow("navigator:browser");
		for (const tab of [...win.gBrowser.tabs]) if (tab.linkedBrowser.currentURI.spec.includes("library.html")) win.gBrowser.removeTab(tab);
		return "closed";
	})()`); err != nil {
		t.Fatalf("closing the library in Firefox: %v", err)
	}
	var left string
	for deadline := time.Now().Add(45 * time.Second); ; {
		left, err = c.await(ctx, console, `barg.store.getArticles().then((rs) => String(rs.length))`)
		if err == nil && left == "0" || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if left != "0" {
		t.Errorf("in Firefox, %s records left 45 s after the delete, want the entry purged by the alarm (%v)", left, err)
	} else {
		t.Logf("Firefox purged the deleted entry %s after the delete (alarm set for %s ms later)", time.Since(deleted).Round(time.Second), alarm)
	}
}
