package e2e

// End-to-end tests of site rules and templates (issue 15), in headless
// Chromium: rules and templates written in the settings page change the
// next capture, what the upload endpoint receives and the library's
// Markdown export, and the export's bytes are what Go's template package
// writes for the same article (the CLI's `barg extract -template`).

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/extract"
	"github.com/barg-app/barg/shared/siterules"
	"github.com/barg-app/barg/shared/template"
)

func TestRulesAndTemplatesFromTheSettingsPage(t *testing.T) {
	e := newEndpoint(t, uploadToken)
	b, _ := uploadBrowser(t, "", "")
	site := articlePages(t, 2)

	opts := b.OpenExtensionPage(t, "extension/options/options.html")
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		ctx, cancel := context.WithTimeout(opts.Ctx, callTimeout)
		defer cancel()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("settings page: %s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(opts.Ctx, callTimeout)
		defer cancel()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("settings page: reading %s: %v", sel, err)
		}
		return s
	}
	waitText := func(sel, want string) string {
		t.Helper()
		var s string
		waitFor(t, 15*time.Second, sel+" saying "+want, func() bool {
			s = text(sel)
			return strings.Contains(s, want)
		})
		return s
	}

	// A rule with a bad selector is refused with the error's position,
	// and nothing is stored.
	run("write a rule",
		chromedp.WaitVisible(chromedp.CSS("#rules-add")),
		chromedp.Click(chromedp.CSS("#rules-add")),
		chromedp.SendKeys(chromedp.CSS("#rule-0-host"), "127.0.0.1"),
		chromedp.SendKeys(chromedp.CSS("#rule-0-title"), "p.byline"),
		chromedp.SendKeys(chromedp.CSS("#rule-0-author"), ".no-such-byline"),
		chromedp.SendKeys(chromedp.CSS("#rule-0-remove"), "article p:nth-of-type(3"),
		chromedp.Click(chromedp.CSS("#rules-save")),
	)
	msg := waitText("#rules-status", "Not saved")
	if !strings.Contains(msg, "remove") || !strings.Contains(msg, "at character 24") {
		t.Errorf("bad selector: %q, want the field and the position", msg)
	}
	var invalid bool
	b.EvalPage(t, opts, `document.getElementById('rule-0-remove').getAttribute('aria-invalid') === 'true'`, &invalid)
	var stored any
	b.EvalBackground(t, `chrome.storage.local.get('rules').then(r => r.rules || null)`, &stored)
	if !invalid || stored != nil {
		t.Errorf("field marked %v, stored %v", invalid, stored)
	}
	run("fix and save", chromedp.SendKeys(chromedp.CSS("#rule-0-remove"), ")"), chromedp.Click(chromedp.CSS("#rules-save")))
	waitText("#rules-status", "Saved 1 rules")

	// "Test on this site's tab" shows what the rule picks on an open tab of
	// the site, as Go reads it there. The permission prompt cannot be
	// answered headless: this browser's manifest grants http://127.0.0.1/*
	// at install (uploadBrowser, as the upload tests do), so the request
	// the click makes resolves without a prompt. A spy on
	// chrome.permissions.request records what was asked and that it was
	// asked within the click's user activation, the one moment a browser
	// shows the prompt.
	siteTab := b.OpenTab(t, site+"/report-1.html")
	b.EvalPage(t, opts, `globalThis.__asked = [];
		globalThis.__request = chrome.permissions.request.bind(chrome.permissions);
		chrome.permissions.request = (p) => { __asked.push({ origins: p.origins, active: navigator.userActivation.isActive }); return __request(p); };
		true`, nil)
	run("test the rule on the tab", chromedp.Click(chromedp.CSS("#rules-list .rule-test")))
	shown := waitText("#rules-list .rule-result", "By Sam Rowe")
	var asked []struct {
		Origins []string
		Active  bool
	}
	b.EvalPage(t, opts, `globalThis.__asked`, &asked)
	if len(asked) != 1 || !asked[0].Active || strings.Join(asked[0].Origins, " ") != "http://127.0.0.1/*" {
		t.Errorf("permission asked %+v, want http://127.0.0.1/* once, during the click", asked)
	}
	// What it shows is what Go picks natively on the same page with the same rule.
	set, err := siterules.Parse([]byte(`[{"host":"127.0.0.1","title":"p.byline","author":".no-such-byline","remove":"article p:nth-of-type(3)"}]`))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(articlePage(1)))
	if err != nil {
		t.Fatal(err)
	}
	_, counts, matched := set.Probe(doc, site+"/report-1.html")
	if !matched || counts["author"] != 0 || counts["title"] == 0 {
		t.Fatalf("native probe: matched %v, counts %v", matched, counts)
	}
	native, err := extract.FromHTML(strings.NewReader(articlePage(1)), site+"/report-1.html", extract.Options{Rules: set})
	if err != nil {
		t.Fatal(err)
	}
	wants := []string{site + "/report-1.html", "By Sam Rowe", native.Meta.Title, `matched no text`}
	for _, f := range []struct{ key, label string }{{"remove", "Remove"}, {"title", "Title"}, {"author", "Authors"}} {
		wants = append(wants, fmt.Sprintf("%s — %d elements", f.label, counts[f.key]))
	}
	if len([]rune(native.Text)) > 400 {
		wants = append(wants, string([]rune(native.Text)[:400])+"…")
	}
	// The page shows the text's paragraph breaks as spaces.
	collapse := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, w := range wants {
		if !strings.Contains(collapse(shown), collapse(w)) {
			t.Errorf("the rule's test shows %q, missing %q", shown, w)
		}
	}
	if strings.Contains(shown, "Entry 2 of report 1") || !strings.Contains(shown, "Entry 3 of report 1") {
		t.Errorf("the test shows the content without the rule's removal: %q", shown)
	}
	// Answered "no" (the spy stands for the user's answer to the prompt),
	// the test says it was not allowed and reads nothing.
	b.EvalPage(t, opts, `chrome.permissions.request = () => Promise.resolve(false); true`, nil)
	run("test the rule, permission refused", chromedp.Click(chromedp.CSS("#rules-list .rule-test")))
	if s := waitText("#rules-list .rule-result", "not allowed"); s != "Barg was not allowed to read 127.0.0.1." {
		t.Errorf("refused: %q", s)
	}
	siteTab.Cancel()

	// A payload template that does not build JSON is refused; a good one is saved.
	b.EvalPage(t, opts, `document.getElementById('template-payload').value = '{"headline": "{{title}}"}'; true`, nil)
	run("save a bad payload template", chromedp.Click(chromedp.CSS("#templates-save")))
	waitText("#templates-status", "not valid JSON")
	const payload = "{\n  \"headline\": {{title|json}},\n  \"by\": {{authors|json}},\n  \"day\": {{published|date:YYYY-MM-DD|json}},\n  \"notes\": {{extractor.notes|json}}\n}"
	const markdown = "# {{title|md}}\n\n{{authors|join:\" و \"}} — {{published|date:jYYYY/jMM/jDD}}\n{{lead}}\n\n{{blocks|markdown}}\n"
	b.EvalPage(t, opts, `document.getElementById('template-payload').value = `+jsString(payload)+`;
		document.getElementById('template-markdown').value = `+jsString(markdown)+`;
		document.getElementById('template-filename').value = '{{published|date:YYYY-MM-DD}} {{title|slug}}'; true`, nil)
	run("save the templates", chromedp.Click(chromedp.CSS("#templates-save")))
	waitText("#templates-status", "Templates saved")

	// The next capture of that site follows the rule.
	setUploadSettings(t, b, fastSettings(e, uploadToken))
	e.Script(func(e *endpoint, w http.ResponseWriter, r *http.Request, body []byte) int {
		w.WriteHeader(http.StatusCreated)
		return http.StatusCreated
	})
	res := capturePage(t, b, site+"/report-1.html")
	var art struct {
		Title     string
		Text      string
		Extractor struct{ Notes []string }
	}
	raw, _ := json.Marshal(savedArticleJSON(t, b, res.ID))
	json.Unmarshal(raw, &art)
	if art.Title != "By Sam Rowe" || strings.Contains(art.Text, "Entry 2 of report 1") || !strings.Contains(art.Text, "Entry 3 of report 1") {
		t.Errorf("the rule did not apply: title %q, text %.300q", art.Title, art.Text)
	}
	if len(art.Extractor.Notes) != 1 || !strings.Contains(art.Extractor.Notes[0], `author ".no-such-byline" matched no text`) {
		t.Errorf("notes %q", art.Extractor.Notes)
	}

	// The endpoint receives the payload template's JSON, compact.
	waitFor(t, 15*time.Second, "the upload", func() bool { return len(e.Uploads()) > 0 })
	got := string(e.Uploads()[0].Body)
	want := `{"headline":"By Sam Rowe","by":["Sam Rowe"],"day":"2026-11-21","notes":["site rule \"127.0.0.1\": author \".no-such-byline\" matched no text; kept the authors the heuristics read"]}`
	if got != want {
		t.Errorf("payload\n got %s\nwant %s", got, want)
	}

	// The library's Markdown export uses the user's templates, and its
	// bytes are Go's for the same article.
	md, name := exportFromLibrary(t, b, "markdown")
	var articleJSON string
	b.EvalBackground(t, `globalThis.barg.store.getArticle(`+jsString(res.ID)+`).then(r => JSON.stringify(r.article))`, &articleJSON)
	wantMD, err := template.Render(markdown, []byte(articleJSON))
	if err != nil {
		t.Fatal(err)
	}
	if md != string(wantMD) || !strings.HasPrefix(md, "# By Sam Rowe\n\nSam Rowe — 1405/08/30\n\n") {
		t.Errorf("Markdown export\n got %q\nwant %q", md, wantMD)
	}
	if name != "2026-11-21 by-sam-rowe.md" {
		t.Errorf("file name %q", name)
	}

	// With the templates emptied, the export is the default one, still Go's bytes.
	b.EvalBackground(t, `chrome.storage.local.set({templates: {}}).then(() => true)`, nil)
	md, name = exportFromLibrary(t, b, "markdown")
	wantMD, _ = template.Render(template.DefaultMarkdown, []byte(articleJSON))
	if md != string(wantMD) || name != "2026-11-21 By Sam Rowe.md" {
		t.Errorf("default Markdown export (%s)\n got %q\nwant %q", name, md, wantMD)
	}

	// Last (the prompt it opens stays open): for a host the browser has not
	// granted, the click's request neither resolves nor fails: Chromium
	// shows its prompt and waits for the user. A request made outside a
	// user gesture, or for an origin the manifest does not list as
	// optional, would fail at once instead.
	b.EvalPage(t, opts, `globalThis.__asked = []; globalThis.__settled = undefined;
		chrome.permissions.request = (p) => {
			__asked.push({ origins: p.origins, active: navigator.userActivation.isActive });
			const r = __request(p);
			r.then((v) => { __settled = 'resolved ' + v; }, (e) => { __settled = 'failed ' + e; });
			return r;
		};
		const host = document.getElementById('rule-0-host');
		host.value = 'localhost'; host.dispatchEvent(new Event('input')); true`, nil)
	run("test a rule for a host not granted", chromedp.Click(chromedp.CSS("#rules-list .rule-test")))
	time.Sleep(3 * time.Second)
	var pending struct {
		Asked []struct {
			Origins []string
			Active  bool
		}
		Settled *string
		Shown   string
	}
	b.EvalPage(t, opts, `({ asked: __asked, settled: __settled ?? null, shown: document.querySelector('#rules-list .rule-result').textContent })`, &pending)
	if len(pending.Asked) != 1 || !pending.Asked[0].Active || strings.Join(pending.Asked[0].Origins, " ") != "http://localhost/*" ||
		pending.Settled != nil || pending.Shown != "Testing…" {
		settled := "<pending>"
		if pending.Settled != nil {
			settled = *pending.Settled
		}
		t.Errorf("request for a host not granted: asked %+v, %s, shows %q; want http://localhost/* asked in the click and the prompt waiting", pending.Asked, settled, pending.Shown)
	}
}

// exportFromLibrary exports every article of the library in format and
// returns the file's text and name, caught before the download starts.
func exportFromLibrary(t *testing.T, b *browser, format string) (text, name string) {
	t.Helper()
	lib := b.OpenExtensionPage(t, "extension/library/library.html")
	defer lib.Cancel()
	ctx, cancel := context.WithTimeout(lib.Ctx, callTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#export-all"))); err != nil {
		t.Fatal(err)
	}
	b.EvalPage(t, lib, `globalThis.__export = null;
		HTMLAnchorElement.prototype.click = function () {
			const name = this.download;
			fetch(this.href).then(r => r.text()).then(text => { globalThis.__export = { name, text }; });
		};
		document.getElementById('export-format').value = `+jsString(format)+`;
		document.getElementById('export-all').click(); true`, nil)
	var out struct{ Name, Text string }
	waitFor(t, 15*time.Second, "the export", func() bool {
		b.EvalPage(t, lib, `globalThis.__export`, &out)
		return out.Name != ""
	})
	return out.Text, out.Name
}

// TestCoreDependenciesLinked checks issue 15's target: the WebAssembly
// module and the CLI both link goquery, x/net/html and gjson, each
// imported by Barg's own product code (go list -deps leaves test imports
// out), not only by another dependency or by tests.
func TestCoreDependenciesLinked(t *testing.T) {
	core := []string{"github.com/PuerkitoBio/goquery", "golang.org/x/net/html", "github.com/tidwall/gjson"}
	for _, build := range []struct {
		pkg string
		env []string
	}{{"./wasm", []string{"GOOS=js", "GOARCH=wasm"}}, {"./cmd/barg", nil}} {
		cmd := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, build.pkg)
		cmd.Dir = repoRoot(t)
		cmd.Env = append(os.Environ(), build.env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", build.pkg, err)
		}
		importers := map[string][]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Fields(line)
			for _, imp := range f[1:] {
				if strings.HasPrefix(f[0], "github.com/barg-app/barg/") {
					importers[imp] = append(importers[imp], f[0])
				}
			}
		}
		for _, c := range core {
			if len(importers[c]) == 0 {
				t.Errorf("%s %v: %s is not imported by Barg's code", build.pkg, build.env, c)
			} else {
				t.Logf("%s: %s imported by %v", build.pkg, c, importers[c])
			}
		}
	}
}
