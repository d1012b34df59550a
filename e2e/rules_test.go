package e2e

// End-to-end tests of site rules and templates (issue 15), in headless
// Chromium: rules and templates written in the settings page change the
// next capture, what the upload endpoint receives and the library's
// Markdown export, and the export's bytes are what Go's template package
// writes for the same article (the CLI's `barg extract -template`).

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

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
