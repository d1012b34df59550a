package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkFirefoxLatency measures the same path as
// BenchmarkCaptureLatency in headless firefox-esr, driven as
// TestFirefoxSmoke drives it (Firefox's remote debugging protocol; the
// toolbar click is the action's triggerAction from the parent process):
// click → saved on the benchmark's pages, cold (the event page terminated
// first, as Firefox does after its idle timeout) and warm, with the start's
// breakdown, and the first start after install beside the later ones:
//
//	cd e2e && go test -run '^$' -bench FirefoxLatency -benchtime 1x -timeout 30m .
func BenchmarkFirefoxLatency(b *testing.B) {
	if _, err := os.Stat(firefoxPath); err != nil {
		b.Skip("skipped: firefox-esr is not installed (apt-get install firefox-esr)")
	}
	requireExtension(b)
	rounds := envInt("BARG_LATENCY_N", 5)
	var pages []benchPage
	for _, p := range benchPages(b) {
		// fa-20k stands for the small pages; 5 MB pages take minutes here.
		if p.name != "en-20k" && p.size < 5<<20 {
			pages = append(pages, p)
		}
	}
	srvPages := map[string]string{}
	for _, p := range pages {
		srvPages["/"+p.name+".html"] = p.html
	}
	srv := servePages(b, srvPages)
	ff := startFirefox(b)
	ctx := ff.ctx
	c := ff.c
	report := &latencyReport{}
	report.mark("start")

	engine := func(console string) sample {
		out, err := c.await(ctx, console, afterBarg(`(async () => { await barg.ready; return JSON.stringify({...barg.engine, origin: performance.timeOrigin}); })()`))
		if err != nil {
			b.Fatal(err)
		}
		var raw map[string]any
		_ = json.Unmarshal([]byte(out), &raw)
		f := func(k string) float64 { v, _ := raw[k].(float64); return v }
		s := sample{"modules": f("started_at") - f("origin"), "compile": f("compile_ms"), "lexicon": f("lexicon_ms"), "goinit": f("init_ms"), "warmup": f("warmup_ms"), "origin": f("origin")}
		if src, _ := raw["source"].(string); src != "streaming" {
			b.Logf("Firefox compiled the module from %q", src)
		}
		return s
	}
	// The first start, at install (nothing cached, priming not yet run).
	first := engine(ff.console)
	delete(first, "origin")
	report.add("install-start", "-", first)
	var st primeState
	out, err := c.await(ctx, ff.console, `barg.primed().then(JSON.stringify)`)
	if err != nil {
		b.Fatal(err)
	}
	_ = json.Unmarshal([]byte(out), &st)
	report.prime = fmt.Sprintf("priming in Firefox: %s %s, %d extractions, %.0f ms", st.State, st.Reason, st.Runs, st.MS)

	// click selects the page's tab (opening it once) and clicks the toolbar
	// button; it returns the epoch ms just before the click.
	click := func(url string) float64 {
		out, err := c.await(ctx, ff.chrome, `(async () => {
			const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
			const win = Services.wm.getMostRecentWindow("navigator:browser");
			let tab = win.gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === `+jsString(url)+`);
			if (!tab) {
				tab = win.gBrowser.addTab(`+jsString(url)+`, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
				for (let i = 0; i < 600 && (tab.linkedBrowser.currentURI.spec !== `+jsString(url)+` || tab.linkedBrowser.webProgress.isLoadingDocument); i++) {
					await new Promise((r) => win.setTimeout(r, 50));
				}
			}
			win.gBrowser.selectedTab = tab;
			const ext = WebExtensionPolicy.getByID("barg@barg.app").extension;
			const t0 = Date.now();
			ExtensionParent.apiManager.global.browserActionFor(ext).triggerAction(win);
			return String(t0);
		})()`)
		if err != nil {
			b.Fatalf("clicking in Firefox: %v", err)
		}
		t0, _ := strconv.ParseFloat(out, 64)
		return t0
	}
	result := func(console string, n int, clicked float64) sample {
		out, err := c.await(ctx, console, afterBarg(`barg.waitCapture(`+strconv.Itoa(n)+`).then(JSON.stringify)`))
		if err != nil {
			b.Fatal(err)
		}
		var res captureResult
		if err := json.Unmarshal([]byte(out), &res); err != nil || !res.OK {
			b.Fatalf("capture in Firefox: %v %s", err, out)
		}
		tm := res.Timings
		return sample{"saved": tm.SavedAt - clicked, "grab": tm.GrabMS, "wait": tm.GoWaitMS, "extract": tm.ExtractMS, "save": tm.SaveMS}
	}
	terminate := func() {
		if _, err := c.await(ctx, ff.chrome, `WebExtensionPolicy.getByID("barg@barg.app").extension.terminateBackground({ ignoreDevToolsAttached: true }).then(() => "ok")`); err != nil {
			b.Fatalf("terminating the background: %v", err)
		}
	}
	console := ff.console
	count := 0
	for r := 0; r < rounds; r++ {
		for _, p := range pages {
			terminate()
			drain(c.targets)
			clicked := click(srv.URL + "/" + p.name + ".html")
			wctx, cancel := context.WithTimeout(ctx, time.Minute)
			console, err = c.waitTarget(wctx, "background")
			cancel()
			if err != nil {
				b.Fatalf("the background did not start after the click: %v", err)
			}
			s := result(console, 1, clicked)
			eng := engine(console)
			s["worker"] = eng["origin"] - clicked
			delete(eng, "origin")
			for k, v := range eng {
				s[k] = v
			}
			report.add("cold", p.name, s)
			count = 1
		}
	}
	report.mark("warm")
	for _, p := range pages {
		url := srv.URL + "/" + p.name + ".html"
		count++
		result(console, count, click(url))
		for i := 0; i < 2*rounds; i++ {
			count++
			report.add("warm", p.name, result(console, count, click(url)))
		}
	}
	report.mark("end")
	b.StopTimer()
	text := strings.Replace(report.String(pages), "headless Chromium", "headless firefox-esr", 1)
	var sb strings.Builder
	sb.WriteString(text)
	sb.WriteString("\nfirst start at install (before priming): ")
	for _, row := range latencyRows {
		if v := report.values("install-start", "-", row.key); len(v) > 0 {
			fmt.Fprintf(&sb, "%s %.0f; ", strings.TrimPrefix(row.label, "· "), v[0])
		}
	}
	sb.WriteString("\n")
	b.Log(sb.String())
	fmt.Fprint(os.Stdout, sb.String())
}

// afterBarg evaluates expr once the background's module has defined
// globalThis.barg (a restarted background's console exists before its
// module ran).
func afterBarg(expr string) string {
	return `(async () => { for (let i = 0; i < 3000 && typeof globalThis.barg !== "object"; i++) await new Promise((r) => setTimeout(r, 10)); })().then(() => ` + expr + `)`
}

func drain(ch chan map[string]any) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

// firefox is a headless firefox-esr with the extension installed as a
// temporary add-on, and the consoles of its background and parent process.
type firefox struct {
	ctx              context.Context
	c                *rdpClient
	console, chrome  string // consoles: the background's, the parent process's
	addonID, profile string
}

// startFirefox starts firefox-esr, installs the repository as a temporary
// add-on and waits until its background has started Go. Everything stops
// when the test ends.
func startFirefox(t testing.TB) *firefox {
	t.Helper()
	profile := t.TempDir()
	prefs := firefoxBasePrefs
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(prefs), 0o644); err != nil {
		t.Fatal(err)
	}
	port, err := netListen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, firefoxPath, "--headless", "--no-remote", "--profile", profile,
		"--start-debugger-server", strconv.Itoa(port), "about:blank")
	cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	dctx, dcancel := context.WithTimeout(ctx, time.Minute)
	c, err := dialRDP(dctx, "127.0.0.1:"+strconv.Itoa(port))
	dcancel()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.conn.Close() })
	root, err := c.request(ctx, map[string]any{"to": "root", "type": "getRoot"})
	if err != nil {
		t.Fatal(err)
	}
	inst, err := c.request(ctx, map[string]any{"to": root["addonsActor"], "type": "installTemporaryAddon", "addonPath": repoRoot(t)})
	if err != nil {
		t.Fatalf("installing the extension: %v", err)
	}
	id := inst["addon"].(map[string]any)["id"].(string)
	list, err := c.request(ctx, map[string]any{"to": "root", "type": "listAddons"})
	if err != nil {
		t.Fatal(err)
	}
	var descriptor string
	for _, a := range list["addons"].([]any) {
		if a := a.(map[string]any); a["id"] == id {
			descriptor, _ = a["actor"].(string)
		}
	}
	w, err := c.request(ctx, map[string]any{"to": descriptor, "type": "getWatcher"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.request(ctx, map[string]any{"to": w["actor"], "type": "watchTargets", "targetType": "frame"}); err != nil {
		t.Fatal(err)
	}
	console, err := c.waitTarget(ctx, "background")
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(250 * time.Millisecond) {
		got, err := c.await(ctx, console, `(async () => { if (typeof globalThis.barg !== "object") return "not yet"; await globalThis.barg.ready; return "ready"; })()`)
		if err == nil && got == "ready" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the background did not start Go: %q %v", got, err)
		}
	}
	proc, err := c.request(ctx, map[string]any{"to": "root", "type": "getProcess", "id": 0})
	if err != nil {
		t.Fatal(err)
	}
	pd, _ := proc["processDescriptor"].(map[string]any)
	pt, err := c.request(ctx, map[string]any{"to": pd["actor"], "type": "getTarget"})
	if err != nil {
		t.Fatal(err)
	}
	form, _ := pt["process"].(map[string]any)
	chrome, _ := form["consoleActor"].(string)
	return &firefox{ctx: ctx, c: c, console: console, chrome: chrome, addonID: id, profile: profile}
}

// netListen returns a free TCP port on 127.0.0.1.
func netListen() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
