package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fold reduces text for comparisons that must not depend on Persian
// normalization, which moves spaces and ZWNJs and unifies letters: ZWNJ and
// all white space removed, Arabic yeh and kaf as Persian.
func fold(s string) string {
	s = strings.NewReplacer("\u200c", "", "ي", "ی", "ى", "ی", "ك", "ک").Replace(s)
	return strings.Join(strings.Fields(s), "")
}

// clickAndWait clicks the toolbar button on the tab and returns the
// background's result for that capture.
func clickAndWait(t *testing.T, b *browser, tb *tab) captureResult {
	t.Helper()
	n := b.CaptureCount(t)
	b.ClickAction(t, tb)
	return b.WaitCapture(t, n+1)
}

// badgeText is the toolbar badge's text on the extension's tab id.
func badgeText(t *testing.T, b *browser, tabID int) string {
	t.Helper()
	var s string
	b.EvalBackground(t, `chrome.action.getBadgeText({tabId: `+itoa(tabID)+`})`, &s)
	return s
}

// noticeShown waits for Barg's notice in the page (a host element whose
// closed shadow root the page cannot read).
func noticeShown(t *testing.T, b *browser, tb *tab) bool {
	t.Helper()
	for i := 0; i < 50; i++ {
		var ok bool
		b.EvalPage(t, tb, `!!document.getElementById('barg-capture-notice')`, &ok)
		if ok {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestCaptureSeedPage captures the team's seed page (../shared) with a real
// toolbar click and checks the saved article against its gold answer.
func TestCaptureSeedPage(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "fixtures", "seed-alalam")
	var gold struct {
		Title                 string   `json:"title"`
		Published             string   `json:"published"`
		Lang                  string   `json:"lang"`
		Dir                   string   `json:"dir"`
		SiteName              string   `json:"site_name"`
		BodyRaw               []string `json:"body_raw"`
		MustNotContain        []string `json:"must_not_contain"`
		NormalizedMustContain []string `json:"normalized_must_contain"`
		NormalizedMustNot     []string `json:"normalized_must_not_contain"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &gold); err != nil {
		t.Fatal(err)
	}
	b := launch(t, "")
	srv := serveDir(t, dir)
	tb := b.OpenTab(t, srv.URL+"/page.html")
	res := clickAndWait(t, b, tb)
	if !res.OK {
		t.Fatalf("capture failed: %s (%s)", res.Error, res.Code)
	}
	rec, ok := b.SavedArticle(t, res.ID)
	if !ok {
		t.Fatalf("no article saved under %q", res.ID)
	}
	a := rec.Article
	if fold(a.Title) != fold(gold.Title) {
		t.Errorf("title = %q, want %q", a.Title, gold.Title)
	}
	if a.Published != gold.Published {
		t.Errorf("published = %q, want %q", a.Published, gold.Published)
	}
	if a.Lang != gold.Lang || a.Dir != gold.Dir {
		t.Errorf("lang, dir = %q, %q; want %q, %q", a.Lang, a.Dir, gold.Lang, gold.Dir)
	}
	text := fold(a.Text)
	for i, p := range gold.BodyRaw {
		if !strings.Contains(text, fold(p)) {
			t.Errorf("body paragraph %d missing: %.60s…", i+1, p)
		}
	}
	paragraphs := 0
	for _, bl := range a.Blocks {
		if bl.Type == "paragraph" {
			paragraphs++
		}
	}
	if paragraphs < len(gold.BodyRaw) {
		t.Errorf("%d paragraph blocks, want at least %d", paragraphs, len(gold.BodyRaw))
	}
	for _, s := range gold.MustNotContain {
		if strings.Contains(a.Text, s) {
			t.Errorf("text holds boilerplate %q", s)
		}
	}
	if !a.Normalization.Persian {
		t.Errorf("normalization.persian = false on a Persian page")
	}
	for _, w := range gold.NormalizedMustContain {
		if !strings.Contains(a.Text, w) {
			t.Errorf("normalized text lacks %q (ZWNJ restored)", w)
		}
	}
	for _, w := range gold.NormalizedMustNot {
		if strings.Contains(a.Text, w) {
			t.Errorf("normalized text still holds %q", w)
		}
	}
}

// TestCaptureOwnPage runs the whole click-to-saved flow on an original
// Persian page: the saved record, the badge, the notice in the page, and a
// second capture of the same text, which adds nothing and says so.
func TestCaptureOwnPage(t *testing.T) {
	b := launch(t, "")
	srv := serveDir(t, "testdata")
	tb := b.OpenTab(t, srv.URL+"/fa-article.html")
	res := clickAndWait(t, b, tb)
	if !res.OK {
		t.Fatalf("capture failed: %s (%s)", res.Error, res.Code)
	}
	if res.Updated {
		t.Error("first capture reported as an update")
	}
	if res.Upload.State == "" {
		t.Error("result has no upload state")
	}
	rec, ok := b.SavedArticle(t, res.ID)
	if !ok {
		t.Fatalf("no article saved under %q", res.ID)
	}
	a := rec.Article
	if a.Schema != "barg.article/1" {
		t.Errorf("schema = %q", a.Schema)
	}
	if want := "باغ‌های شهر در پاییز"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
	if want := "2025-10-23T09:15:00+03:30"; a.Published != want {
		t.Errorf("published = %q, want %q", a.Published, want)
	}
	if a.Lang != "fa" || a.Dir != "rtl" {
		t.Errorf("lang, dir = %q, %q; want fa, rtl", a.Lang, a.Dir)
	}
	if want := "http://barg.example/fa/gardens-in-autumn"; a.CanonicalURL != want {
		t.Errorf("canonical_url = %q, want %q", a.CanonicalURL, want)
	}
	var paras []string
	for _, bl := range a.Blocks {
		if bl.Type == "paragraph" {
			paras = append(paras, bl.Text)
		}
	}
	if len(paras) < 5 {
		t.Errorf("%d paragraphs, want the article's 5 (and the byline at most): %q", len(paras), paras)
	}
	for _, w := range []string{"می‌رسد", "باغ‌های قدیمی", "برگ‌های چنار", "شناسنامه‌ای", "«درخت هم مثل آدم است؛"} {
		if !strings.Contains(a.Text, w) {
			t.Errorf("text lacks %q (ZWNJ and punctuation must survive)", w)
		}
	}
	for _, w := range []string{"پربازدیدها", "بازار کتاب", "همهٔ حقوق محفوظ است", "خانه"} {
		if strings.Contains(a.Text, w) {
			t.Errorf("text holds page chrome %q", w)
		}
	}
	if a.WordCount < 150 || res.Words != a.WordCount {
		t.Errorf("word_count = %d, result says %d", a.WordCount, res.Words)
	}
	if got := badgeText(t, b, res.TabID); got != "✓" {
		t.Errorf("badge = %q, want ✓", got)
	}
	if !noticeShown(t, b, tb) {
		t.Error("no notice in the page")
	}

	// Capturing the unchanged page again adds nothing and says since when.
	res2 := clickAndWait(t, b, tb)
	if !res2.OK || !res2.Unchanged || res2.Updated || res2.ID != res.ID {
		t.Fatalf("second capture: ok %v unchanged %v updated %v id %q (first id %q) %s", res2.OK, res2.Unchanged, res2.Updated, res2.ID, res.ID, res2.Error)
	}
	if res2.Since != rec.CapturedAt {
		t.Errorf("unchanged since %q, want the first capture's time %q", res2.Since, rec.CapturedAt)
	}
	if n := b.ArticleCount(t); n != 1 {
		t.Errorf("%d articles in the library after two captures of one page, want 1", n)
	}
	var records int
	b.EvalBackground(t, `globalThis.barg.store.getArticles().then(r => r.length)`, &records)
	if records != 1 {
		t.Errorf("%d records after an identical re-capture, want 1", records)
	}
}

// TestCaptureSelection captures only the selected paragraph, with the
// page's metadata.
func TestCaptureSelection(t *testing.T) {
	b := launch(t, "")
	srv := serveDir(t, "testdata")
	tb := b.OpenTab(t, srv.URL+"/fa-article.html")
	// The click grants activeTab for the page, as the context menu does.
	first := clickAndWait(t, b, tb)
	if !first.OK {
		t.Fatalf("capture failed: %s", first.Error)
	}
	// Nothing selected: a plain refusal.
	var none captureResult
	b.EvalBackground(t, `barg.captureTab(`+itoa(first.TabID)+`, {selection: true})`, &none)
	if none.OK || none.Code != "no_selection" {
		t.Errorf("selection capture with nothing selected: ok %v code %q", none.OK, none.Code)
	}
	b.EvalPage(t, tb, `(() => {
		const p = document.querySelectorAll('article p')[4];
		const r = document.createRange();
		r.selectNodeContents(p);
		const s = getSelection();
		s.removeAllRanges();
		s.addRange(r);
		return s.toString().length;
	})()`, nil)
	var res captureResult
	b.EvalBackground(t, `barg.captureTab(`+itoa(first.TabID)+`, {selection: true})`, &res)
	if !res.OK || !res.Selection {
		t.Fatalf("selection capture: ok %v selection %v: %s", res.OK, res.Selection, res.Error)
	}
	rec, _ := b.SavedArticle(t, res.ID)
	a := rec.Article
	if want := "باغ‌های شهر در پاییز"; a.Title != want {
		t.Errorf("title = %q, want the page's %q", a.Title, want)
	}
	if want := "2025-10-23T09:15:00+03:30"; a.Published != want {
		t.Errorf("published = %q, want the page's %q", a.Published, want)
	}
	if len(a.Blocks) != 1 || !strings.HasPrefix(a.Blocks[0].Text, "یکی از باغبانان می‌گوید") {
		t.Errorf("blocks = %+v, want the one selected paragraph", a.Blocks)
	}
	if strings.Contains(a.Text, "پاییز که می‌رسد") {
		t.Error("text holds unselected paragraphs")
	}
	// The selection is kept beside the full article, not over it.
	if res.ID == first.ID {
		t.Errorf("selection saved under the page's own key %q", res.ID)
	}
	if full, ok := b.SavedArticle(t, first.ID); !ok || len(full.Article.Blocks) < 2 {
		t.Errorf("the full article was lost after a selection capture: ok %v, %d blocks", ok, len(full.Article.Blocks))
	}
	if n := b.ArticleCount(t); n != 2 {
		t.Errorf("library holds %d articles, want the page and the selection", n)
	}
}

// TestCaptureNoArticle: a page without an article fails in plain words,
// shows the failure, and saves nothing.
func TestCaptureNoArticle(t *testing.T) {
	b := launch(t, "")
	srv := servePages(t, map[string]string{
		"/empty.html": `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Log in</title></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav><h1>Sign in</h1>
<form><input name="user" aria-label="user name"><input type="password" aria-label="password"></form></body></html>`,
	})
	tb := b.OpenTab(t, srv.URL+"/empty.html")
	res := clickAndWait(t, b, tb)
	if res.OK {
		t.Fatalf("capture of a page without an article succeeded: %+v", res)
	}
	if res.Code != "no_article" || res.Error != "no article found on this page" {
		t.Errorf("code %q, error %q; want no_article, \"no article found on this page\"", res.Code, res.Error)
	}
	if n := b.ArticleCount(t); n != 0 {
		t.Errorf("%d articles saved, want none", n)
	}
	if got := badgeText(t, b, res.TabID); got != "!" {
		t.Errorf("badge = %q, want !", got)
	}
	if !noticeShown(t, b, tb) {
		t.Error("no notice in the page")
	}
}

// TestCaptureRefusesBrowserPages: the browser's own pages are refused
// before anything runs, in plain words.
func TestCaptureRefusesBrowserPages(t *testing.T) {
	b := launch(t, "")
	for _, url := range []string{"chrome://version/", b.ExtensionURL("manifest.json")} {
		tb := b.OpenTab(t, url)
		res := clickAndWait(t, b, tb)
		if res.OK || res.Code != "unsupported" || res.Error != "this kind of page cannot be captured" {
			t.Errorf("%s: ok %v code %q error %q; want unsupported, \"this kind of page cannot be captured\"", url, res.OK, res.Code, res.Error)
		}
	}
	if n := b.ArticleCount(t); n != 0 {
		t.Errorf("%d articles saved, want none", n)
	}
}

// TestCaptureSurvivesRestarts: the service worker is stopped (Go's memory
// goes with it) and later the whole browser restarts on the same profile;
// captures keep working and the library keeps what was saved.
func TestCaptureSurvivesRestarts(t *testing.T) {
	profile := t.TempDir()
	b := launch(t, profile)
	srv := serveDir(t, "testdata")
	tb := b.OpenTab(t, srv.URL+"/fa-article.html")
	first := clickAndWait(t, b, tb)
	if !first.OK {
		t.Fatalf("capture failed: %s", first.Error)
	}
	b.StopWorker(t)
	if b.WorkerRunning(t) {
		t.Fatal("the service worker still runs")
	}
	// A click wakes the worker, which starts Go again: this is its first capture.
	b.ClickAction(t, tb)
	again := b.WaitCapture(t, 1)
	if !again.OK || !again.Unchanged || again.ID != first.ID {
		t.Fatalf("capture after the worker stopped: ok %v unchanged %v id %q: %s", again.OK, again.Unchanged, again.ID, again.Error)
	}
	b.Close(t)

	b = launch(t, profile)
	rec, ok := b.SavedArticle(t, first.ID)
	if !ok || rec.Article.Title == "" {
		t.Fatalf("after a browser restart the library lost %q", first.ID)
	}
	if n := b.ArticleCount(t); n != 1 {
		t.Errorf("%d articles after restart, want 1", n)
	}
}

// TestCaptureMessage: the extension's pages ask the background for a
// capture with a runtime message ({type: 'capture', tabId}).
func TestCaptureMessage(t *testing.T) {
	b := launch(t, "")
	srv := serveDir(t, "testdata")
	tb := b.OpenTab(t, srv.URL+"/fa-article.html")
	first := clickAndWait(t, b, tb) // grants activeTab, as the user's click would
	if !first.OK {
		t.Fatalf("capture failed: %s", first.Error)
	}
	page := b.OpenExtensionPage(t, "extension/library/library.html")
	var res captureResult
	b.EvalPage(t, page, `chrome.runtime.sendMessage({type: 'capture', tabId: `+itoa(first.TabID)+`})`, &res)
	if !res.OK || !res.Unchanged || res.ID != first.ID {
		t.Errorf("capture by message: ok %v unchanged %v id %q: %s", res.OK, res.Unchanged, res.ID, res.Error)
	}
	var unknown any
	b.EvalPage(t, page, `chrome.runtime.sendMessage({type: 'no-such-message'}).then(r => r ?? null, e => String(e))`, &unknown)
	// Nobody answers a message the background does not know.
	if s, isErr := unknown.(string); unknown != nil && (!isErr || !strings.Contains(s, "Receiving end") && !strings.Contains(s, "port closed")) {
		t.Errorf("unknown message answered: %#v", unknown)
	}
}
