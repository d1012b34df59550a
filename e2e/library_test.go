package e2e

// The library an archivist can trust (issue 12), end to end in headless
// Chromium with real toolbar clicks: captures are versions and never
// replace one another, an identical re-capture adds nothing, the reader
// shows what changed, an export imported into a fresh profile gives back
// the library, and a profile written by the schema-1 store is upgraded
// without losing an article.

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/extensions"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// libPage is an article page: its title, canonical URL and paragraphs.
type libPage struct {
	Title, Canonical string
	Paras            []string
}

func (p libPage) html() string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>` + html.EscapeString(p.Title) + `</title>`)
	if p.Canonical != "" {
		b.WriteString(`<link rel="canonical" href="` + html.EscapeString(p.Canonical) + `">`)
	}
	b.WriteString(`</head><body><nav><a href="/">خانه</a> <a href="/a">سیاست</a> <a href="/b">اقتصاد</a></nav><article><h1>` + html.EscapeString(p.Title) + `</h1>`)
	for _, para := range p.Paras {
		b.WriteString("<p>" + html.EscapeString(para) + "</p>")
	}
	b.WriteString(`</article><footer>همهٔ حقوق محفوظ است</footer></body></html>`)
	return b.String()
}

// libServer serves pages that the test may change between captures.
type libServer struct {
	mu    sync.Mutex
	pages map[string]libPage
	*httptest.Server
}

func newLibServer(t *testing.T) *libServer {
	s := &libServer{pages: map[string]libPage{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		p, ok := s.pages[r.URL.Path]
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprint(w, p.html())
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *libServer) set(path string, p libPage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = p
}

// Two stories of a small site. Long enough to be read as articles.
var (
	libBudget = []string{
		"نمایندگان مجلس روز سه‌شنبه لایحهٔ بودجهٔ سال آینده را در جلسه‌ای طولانی بررسی کردند و دربارهٔ درآمدهای نفتی و مالیاتی پرسش‌های بسیاری مطرح شد.",
		"وزیر اقتصاد در پاسخ گفت کسری بودجه با فروش اوراق و صرفه‌جویی در هزینه‌های جاری جبران می‌شود و دولت برنامه‌ای برای افزایش مالیات‌ها ندارد.",
		"چند نماینده از شفاف نبودن ردیف‌های هزینه‌ای شرکت‌های دولتی انتقاد کردند و خواستار گزارش جداگانه‌ای در این باره شدند.",
		"جلسه تا ساعت هشت شب ادامه داشت و قرار شد بررسی جزئیات لایحه در کمیسیون تلفیق از هفتهٔ آینده آغاز شود.",
	}
	libGarden = []string{
		"باغ‌های قدیمی شهر در پاییز رنگ دیگری دارند؛ برگ‌های زرد و سرخ چنارها کوچه‌ها را می‌پوشانند و رهگذران برای دیدنشان از محله‌های دور می‌آیند.",
		"باغبانان پیر می‌گویند درختان کهن شناسنامه‌ای از تاریخ شهرند و هر کدام داستانی از خانواده‌هایی دارند که زمانی در این باغ‌ها زندگی می‌کردند.",
		"شهرداری امسال برنامه‌ای برای ثبت این درختان و مراقبت از آن‌ها آغاز کرده است و داوطلبان در شناسایی درختان بیمار کمک می‌کنند.",
		"به گفتهٔ کارشناسان، کم‌آبی و ساخت‌وساز بزرگ‌ترین خطرهایی است که این باغ‌ها را تهدید می‌کند.",
	}
)

// libEntry is what the tests compare of a library entry.
type libEntry struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Tags     []string `json:"tags"`
	Note     string   `json:"note"`
	Versions []struct {
		ID         string `json:"id"`
		CaptureID  string `json:"capture_id"`
		CapturedAt string `json:"captured_at"`
		Words      int    `json:"words"`
	} `json:"versions"`
}

func libEntries(t *testing.T, b *browser) []libEntry {
	t.Helper()
	var out []libEntry
	b.EvalBackground(t, `globalThis.barg.store.listEntries()`, &out)
	return out
}

func libRecordCount(t *testing.T, b *browser) int {
	t.Helper()
	var n int
	b.EvalBackground(t, `globalThis.barg.store.getArticles().then(r => r.length)`, &n)
	return n
}

// TestLibraryTwoArticlesOneCanonical: two different articles whose pages
// both name the site's home page as canonical are both kept.
func TestLibraryTwoArticlesOneCanonical(t *testing.T) {
	b := launch(t, "")
	srv := newLibServer(t)
	home := srv.URL + "/"
	srv.set("/news/1.html", libPage{Title: "بودجهٔ سال آینده در مجلس", Canonical: home, Paras: libBudget})
	srv.set("/news/2.html", libPage{Title: "باغ‌های شهر در پاییز", Canonical: home, Paras: libGarden})
	tb := b.OpenTab(t, srv.URL+"/news/1.html")
	one := clickAndWait(t, b, tb)
	tb2 := b.OpenTab(t, srv.URL+"/news/2.html")
	two := clickAndWait(t, b, tb2)
	if !one.OK || !two.OK {
		t.Fatalf("captures failed: %s / %s", one.Error, two.Error)
	}
	if two.Updated || two.Unchanged || two.EntryID == one.EntryID {
		t.Errorf("the second article was taken for the first: updated %v unchanged %v entry %s", two.Updated, two.Unchanged, two.EntryID)
	}
	entries := libEntries(t, b)
	var titles []string
	for _, e := range entries {
		titles = append(titles, e.Title)
	}
	slices.Sort(titles)
	if want := []string{"باغ‌های شهر در پاییز", "بودجهٔ سال آینده در مجلس"}; !slices.Equal(titles, want) {
		t.Errorf("library holds %q, want both articles %q", titles, want)
	}
	for _, id := range []string{one.ID, two.ID} {
		if rec, ok := b.SavedArticle(t, id); !ok || rec.Article.CanonicalURL != home {
			t.Errorf("record %s: found %v, canonical %q", id, ok, rec.Article.CanonicalURL)
		}
	}
}

// TestLibraryVersionsAndDiff: three captures of an article edited between
// them make three versions, newest first; the reader compares two and shows
// the edit; an identical re-capture adds nothing; the notice's Undo removes
// a capture.
func TestLibraryVersionsAndDiff(t *testing.T) {
	b := launch(t, "")
	srv := newLibServer(t)
	canonical := srv.URL + "/news/budget"
	page := libPage{Title: "بودجهٔ سال آینده در مجلس", Canonical: canonical, Paras: libBudget}
	srv.set("/news/budget.html", page)
	tb := b.OpenTab(t, srv.URL+"/news/budget.html")
	v1 := clickAndWait(t, b, tb)

	// Edited: a paragraph rewritten, one added at the end.
	edited := slices.Clone(libBudget)
	edited[1] = "وزیر اقتصاد در پاسخ گفت کسری بودجه با فروش اوراق جبران می‌شود، اما افزایش برخی مالیات‌ها هم در دستور کار است."
	edited = append(edited, "خبر تکمیلی: رأی‌گیری دربارهٔ کلیات لایحه به هفتهٔ بعد موکول شد.")
	srv.set("/news/budget.html", libPage{Title: page.Title, Canonical: canonical, Paras: edited})
	tb = b.OpenTab(t, srv.URL+"/news/budget.html")
	v2 := clickAndWait(t, b, tb)

	// Edited again: the title corrected and the third paragraph retracted.
	edited2 := append(slices.Clone(edited[:2]), edited[3:]...)
	srv.set("/news/budget.html", libPage{Title: page.Title + " (اصلاح شد)", Canonical: canonical, Paras: edited2})
	tb = b.OpenTab(t, srv.URL+"/news/budget.html")
	v3 := clickAndWait(t, b, tb)
	for i, r := range []captureResult{v1, v2, v3} {
		if !r.OK || r.Unchanged {
			t.Fatalf("capture %d: ok %v unchanged %v %s", i+1, r.OK, r.Unchanged, r.Error)
		}
	}
	if !v2.Updated || !v3.Updated || v2.EntryID != v1.EntryID || v3.EntryID != v1.EntryID || v3.Versions != 3 {
		t.Fatalf("edits were not grouped as versions: %+v / %+v", v2, v3)
	}
	entries := libEntries(t, b)
	if len(entries) != 1 || len(entries[0].Versions) != 3 {
		t.Fatalf("library: %d entries, want 1 of 3 versions: %+v", len(entries), entries)
	}
	var order []string
	for _, v := range entries[0].Versions {
		order = append(order, v.ID)
	}
	if want := []string{v3.ID, v2.ID, v1.ID}; !slices.Equal(order, want) {
		t.Errorf("versions %v, want newest first %v", order, want)
	}

	// The same text again: nothing added, and the notice says since when.
	tb = b.OpenTab(t, srv.URL+"/news/budget.html")
	same := clickAndWait(t, b, tb)
	if !same.OK || !same.Unchanged || same.ID != v3.ID {
		t.Errorf("identical re-capture: ok %v unchanged %v id %s (newest %s)", same.OK, same.Unchanged, same.ID, v3.ID)
	}
	if n := libRecordCount(t, b); n != 3 {
		t.Errorf("%d records after an identical re-capture, want 3", n)
	}

	// The reader opens the newest version and compares it with the first.
	rd := b.OpenExtensionPage(t, "extension/reader/reader.html?id="+v1.EntryID)
	pagesWait(t, rd, "ready")
	var shown struct {
		Title    string
		Version  string
		Options  int
		Compared string
	}
	b.EvalPage(t, rd, `({Title: document.querySelector('article.reader h1').textContent, Version: document.getElementById('version').value,
		Options: document.getElementById('version').options.length})`, &shown)
	if shown.Title != v3.Title || shown.Version != v3.ID || shown.Options != 3 {
		t.Errorf("reader shows %+v, want the newest of 3 versions (%s, %q)", shown, v3.ID, v3.Title)
	}
	pagesSelect(t, b, rd, "compare", v1.ID)
	pagesDo(t, rd, chromedp.WaitVisible(`.diff-summary`))
	var diff struct {
		Added, Removed []string
		Summary        string
	}
	b.EvalPage(t, rd, `({Added: [...document.querySelectorAll('.diff p[data-op="added"]')].map(p => p.textContent),
		Removed: [...document.querySelectorAll('.diff p[data-op="removed"]')].map(p => p.textContent),
		Summary: document.querySelector('.diff-summary').textContent})`, &diff)
	if !slices.Contains(diff.Added, edited[1]) || !slices.Contains(diff.Added, edited[4]) {
		t.Errorf("diff added %q, want the rewritten and the new paragraph", diff.Added)
	}
	if !slices.Contains(diff.Removed, libBudget[1]) || !slices.Contains(diff.Removed, libBudget[2]) {
		t.Errorf("diff removed %q, want the rewritten and the retracted paragraph", diff.Removed)
	}
	if slices.Contains(diff.Added, libBudget[0]) || slices.Contains(diff.Removed, libBudget[0]) {
		t.Error("an unchanged paragraph is marked as changed")
	}
	// Switching to the first version shows its text.
	pagesSelect(t, b, rd, "version", v1.ID)
	// The version is read from the database before the view changes from
	// the diff back to the article.
	pagesDo(t, rd, chromedp.WaitVisible(`body[data-view="article"] article.reader .reader-body`))
	var first string
	b.EvalPage(t, rd, `document.querySelector('article.reader .reader-body').textContent`, &first)
	if !strings.Contains(first, libBudget[2]) {
		t.Error("the first version does not show its retracted paragraph")
	}

	// Search finds the retracted paragraph, which only the older versions
	// have, and says which version matched: the newest that has it (v2).
	lib := b.OpenExtensionPage(t, "extension/library/library.html")
	pagesWait(t, lib, "ready")
	pagesSearch(t, b, lib, "انتقاد گزارش")
	var hit struct {
		Rows    []string
		Version string
		Href    string
	}
	b.EvalPage(t, lib, `({Rows: [...document.querySelectorAll('#rows tr')].map(r => r.dataset.id),
		Version: document.querySelector('#rows a.older-hit')?.dataset.version || '', Href: document.querySelector('#rows a.older-hit')?.href || ''})`, &hit)
	if !slices.Equal(hit.Rows, []string{v1.EntryID}) || hit.Version != v2.ID {
		t.Errorf("search for the retracted paragraph: %+v, want the entry, matched in version %s", hit, v2.ID)
	}
	pagesSearch(t, b, lib, "کلیات")
	b.EvalPage(t, lib, `({Rows: [...document.querySelectorAll('#rows tr')].map(r => r.dataset.id),
		Version: document.querySelector('#rows a.older-hit')?.dataset.version || ''})`, &hit)
	if !slices.Equal(hit.Rows, []string{v1.EntryID}) || hit.Version != "" {
		t.Errorf("search for a word of the newest version: %+v, want the entry and no older version named", hit)
	}
	if hit.Href != "" {
		rd2 := b.OpenTab(t, hit.Href)
		pagesWait(t, rd2, "ready")
		var v string
		b.EvalPage(t, rd2, `document.getElementById('version').value`, &v)
		if v != v2.ID {
			t.Errorf("the match's link opens version %s, want %s", v, v2.ID)
		}
	}

	// The notice's Undo (the message it sends) removes the newest capture.
	var undone struct{ OK bool }
	b.EvalPage(t, rd, `chrome.runtime.sendMessage({type: 'library.undoCapture', id: `+jsString(v3.ID)+`})`, &undone)
	if !undone.OK {
		t.Fatal("undo of the last capture failed")
	}
	entries = libEntries(t, b)
	if len(entries) != 1 || len(entries[0].Versions) != 2 || entries[0].Versions[0].ID != v2.ID || entries[0].Title != page.Title {
		t.Errorf("after undo: %+v", entries)
	}
	// The notice's Add tags.
	var tagged struct{ OK bool }
	b.EvalPage(t, rd, `chrome.runtime.sendMessage({type: 'library.addTags', id: `+jsString(v1.EntryID)+`, tags: ['بودجه', 'مجلس']})`, &tagged)
	if entries = libEntries(t, b); !tagged.OK || !slices.Equal(entries[0].Tags, []string{"بودجه", "مجلس"}) {
		t.Errorf("tags from the notice: ok %v, tags %q", tagged.OK, entries[0].Tags)
	}
}

// TestLibraryImportIntoFreshProfile: the library's JSON export, imported
// into another profile through the library page, gives back every entry
// with its versions, tags and notes; importing it again adds nothing.
func TestLibraryImportIntoFreshProfile(t *testing.T) {
	a := launch(t, "")
	seed := `(async () => {
		const s = globalThis.barg.store;
		const art = (url, title, paras, at) => ({schema: 'barg.article/1', url, canonical_url: url, title, lang: 'fa', dir: 'rtl',
			site_name: 'نمونه', blocks: paras.map(text => ({type: 'paragraph', text})), text: paras.join('\n\n'), word_count: 20, captured_at: at});
		const P = ['بند نخست خبر دربارهٔ بودجه و مجلس است.', 'بند دوم از پاسخ وزیر می‌گوید.', 'بند سوم پایان جلسه را گزارش می‌کند.'];
		const e1 = await s.saveArticle(art('https://n.example/1', 'بودجه', P, '2026-01-01T10:00:00Z'));
		await s.saveArticle(art('https://n.example/1', 'بودجه', P.slice(0, 2), '2026-01-02T10:00:00Z'));
		await s.saveArticle(art('https://n.example/1', 'بودجه', [...P, 'بند تازه'], '2026-01-03T10:00:00Z'));
		await s.updateEntry(e1.entry.id, {tags: ['اقتصاد', 'مجلس'], note: 'نسخهٔ نخست را نگه دار'});
		const e2 = await s.saveArticle(art('https://blog.example/go', 'Shipping Go', ['A post about compilers.'], '2026-01-04T10:00:00Z'));
		await s.updateEntry(e2.entry.id, {title: 'Shipping Go, corrected'});
		for (let i = 0; i < 5; i++) await s.saveArticle(art('https://n.example/x' + i, 'خبر ' + i, ['متن خبر شمارهٔ ' + i + ' دربارهٔ موضوعی دیگر.'], '2026-01-0' + (5 + i) + 'T00:00:00Z'));
		return true;
	})()`
	a.EvalBackground(t, seed, nil)
	want := libEntries(t, a)
	var exported string
	lib := a.OpenExtensionPage(t, "extension/library/library.html")
	pagesWait(t, lib, "ready")
	a.EvalPage(t, lib, `import('/extension/lib/transfer.js').then(m => m.exportText('json'))`, &exported)
	a.Close(t)
	file := filepath.Join(t.TempDir(), "barg-export.json")
	if err := os.WriteFile(file, []byte(exported), 0o644); err != nil {
		t.Fatal(err)
	}

	b := launch(t, "")
	page := b.OpenExtensionPage(t, "extension/library/library.html")
	pagesWait(t, page, "ready")
	importFile := func() string {
		b.EvalPage(t, page, `document.body.dataset.state = 'importing'`, nil)
		pagesDo(t, page, chromedp.SetUploadFiles("#import-file", []string{file}))
		pagesWait(t, page, "ready")
		var status string
		b.EvalPage(t, page, `document.getElementById('status').textContent`, &status)
		return status
	}
	status := importFile()
	got := libEntries(t, b)
	if len(got) != len(want) || len(got) != 7 {
		t.Fatalf("imported %d entries, want %d (%s)", len(got), len(want), status)
	}
	for i := range want {
		w, g := want[i], got[i]
		if g.ID != w.ID || g.Title != w.Title || !slices.Equal(g.Tags, w.Tags) || g.Note != w.Note || len(g.Versions) != len(w.Versions) {
			t.Errorf("entry %d: got %+v, want %+v", i, g, w)
			continue
		}
		for j := range w.Versions {
			if g.Versions[j] != w.Versions[j] {
				t.Errorf("entry %d version %d: got %+v, want %+v", i, j, g.Versions[j], w.Versions[j])
			}
		}
	}
	var rows int
	b.EvalPage(t, page, `document.querySelectorAll('#rows tr').length`, &rows)
	if rows != 7 {
		t.Errorf("the library page lists %d rows after import, want 7", rows)
	}
	if !strings.Contains(status, "9") {
		t.Errorf("import status %q does not count the 9 captures", status)
	}
	// The same file again: every capture is a duplicate.
	status = importFile()
	if n := libRecordCount(t, b); n != 9 {
		t.Errorf("%d records after importing twice, want 9", n)
	}
	if !strings.Contains(status, "0") || !strings.Contains(status, "9") {
		t.Errorf("second import status %q should say 0 added, 9 skipped", status)
	}
}

// TestLibraryMigratesSchema1Profile: a profile written by the schema-1
// store (today's release, kept in extension/lib/testdata/store-v1.js) with
// real captures is opened by this version: every article is still there,
// under its old id, listed and readable, and a new capture of one of them
// becomes its second version.
func TestLibraryMigratesSchema1Profile(t *testing.T) {
	testLibraryMigrates(t, "store-v1.js", 1)
}

// TestLibraryMigratesSchema5Profile: the same with a profile written by
// the schema-5 store (the search index as words in 16 shards, kept in
// extension/lib/testdata/store-v5.js): the upgrade rebuilds the index as
// word ids and the old captures are found by a search.
func TestLibraryMigratesSchema5Profile(t *testing.T) {
	testLibraryMigrates(t, "store-v5.js", 5)
}

func testLibraryMigrates(t *testing.T, oldStore string, oldSchema int) {
	profile := t.TempDir()
	dir := extensionCopy(t, nil)
	storeJS := filepath.Join(dir, "extension", "lib", "store.js")
	current, err := os.ReadFile(storeJS)
	if err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(filepath.Join(repoRoot(t), "extension", "lib", "testdata", oldStore))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(storeJS, old, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := newLibServer(t)
	srv.set("/news/budget.html", libPage{Title: "بودجهٔ سال آینده در مجلس", Canonical: srv.URL + "/news/budget", Paras: libBudget})
	srv.set("/news/garden.html", libPage{Title: "باغ‌های شهر در پاییز", Paras: libGarden})

	b := launch(t, profile, withExtensionDir(dir))
	var ids []string
	for _, p := range []string{"/news/budget.html", "/news/garden.html", "/news/budget.html"} {
		tb := b.OpenTab(t, srv.URL+p)
		r := clickAndWait(t, b, tb)
		if !r.OK {
			t.Fatalf("capture with the schema-%d store: %s", oldSchema, r.Error)
		}
		ids = append(ids, r.ID)
	}
	var version int
	b.EvalBackground(t, `globalThis.barg.store.openDB().then(db => db.version)`, &version)
	if version != oldSchema {
		t.Fatalf("the old store wrote schema %d, want %d", version, oldSchema)
	}
	var before []article
	b.EvalBackground(t, `globalThis.barg.store.getArticles()`, &before)
	// Schema 1 replaced the re-capture; later schemas found it unchanged.
	if len(before) != 2 || ids[0] != ids[2] {
		t.Fatalf("the schema-%d store holds %d records (ids %v), want 2 (the re-capture of an unchanged article adds none)", oldSchema, len(before), ids)
	}

	// The update: the same extension (same id, same database) gets the new
	// code and, as every update has, a new version number; the browser
	// reloads it as it does an update.
	if err := os.WriteFile(storeJS, current, 0o644); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(dir, "manifest.json")
	m, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	m2 := strings.Replace(string(m), `"version": "0.1.0"`, `"version": "0.1.1"`, 1)
	if m2 == string(m) {
		t.Fatal("cannot bump the copy's version")
	}
	if err := os.WriteFile(manifest, []byte(m2), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(b.ctx, callTimeout)
	res, err := chromedp.CallBrowser(ctx, extensions.LoadUnpacked, extensions.LoadUnpackedParams{Path: dir})
	cancel()
	if err != nil {
		t.Fatalf("Extensions.loadUnpacked (the update): %v", err)
	}
	if res.ID != b.extID {
		t.Fatalf("the update got id %s, want %s", res.ID, b.extID)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		time.Sleep(300 * time.Millisecond)
		if b.WorkerRunning(t) {
			var v string
			if err := b.evalBackground(t, `chrome.runtime.getManifest().version`, &v); err == nil && v == "0.1.1" {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the updated extension did not start")
		}
	}
	// And the browser restarts on the upgraded profile.
	b.Close(t)
	b = launch(t, profile, withExtensionDir(dir))
	b.EvalBackground(t, `globalThis.barg.store.openDB().then(db => db.version)`, &version)
	// Schema 7 (kept images' bytes by hash; 6 the search index as word ids) is the newest; the steps from the old schema on run in one upgrade.
	if version != 7 {
		t.Errorf("database version %d after the update, want 7 (lib/store.js DB_VERSION)", version)
	}
	for _, old := range before {
		rec, ok := b.SavedArticle(t, old.ID)
		if !ok {
			t.Errorf("record %s lost in the upgrade", old.ID)
			continue
		}
		if rec.CaptureID != old.CaptureID || rec.CapturedAt != old.CapturedAt || rec.Article.Title != old.Article.Title || rec.Article.Text != old.Article.Text {
			t.Errorf("record %s changed in the upgrade", old.ID)
		}
	}
	if n := b.ArticleCount(t); n != 2 {
		t.Errorf("%d entries after the upgrade, want 2", n)
	}
	lib := b.OpenExtensionPage(t, "extension/library/library.html")
	pagesWait(t, lib, "ready")
	rows, titles := pagesRows(t, b, lib)
	if len(rows) != 2 {
		t.Errorf("library lists %q after the upgrade", titles)
	}
	// The search index was built from the upgraded records.
	pagesSearch(t, b, lib, "کمیسیون تلفیق")
	if rows, titles := pagesRows(t, b, lib); len(rows) != 1 || rows[0] != ids[0] {
		t.Errorf("search after the upgrade lists %q, want the budget article", titles)
	}
	rd := b.OpenExtensionPage(t, "extension/reader/reader.html?id="+ids[0])
	pagesWait(t, rd, "ready")
	// The article edited since: its new capture is a second version of the old record.
	edited := append(slices.Clone(libBudget), "خبر تکمیلی: رأی‌گیری به هفتهٔ بعد موکول شد.")
	srv.set("/news/budget.html", libPage{Title: "بودجهٔ سال آینده در مجلس", Canonical: srv.URL + "/news/budget", Paras: edited})
	tb := b.OpenTab(t, srv.URL+"/news/budget.html")
	r := clickAndWait(t, b, tb)
	if !r.OK || !r.Updated || r.EntryID != ids[0] || r.Versions != 2 {
		t.Errorf("capture after the upgrade: ok %v updated %v entry %s versions %d; want a second version of %s", r.OK, r.Updated, r.EntryID, r.Versions, ids[0])
	}
}

// TestLibraryPreviewFirst: with "show a preview first", a click opens the
// preview instead of saving; Save there saves the article with the tags and
// note typed in it, and Cancel saves nothing.
func TestLibraryPreviewFirst(t *testing.T) {
	b := launch(t, "")
	b.EvalBackground(t, `chrome.storage.local.set({ui: {capture_mode: 'preview'}}).then(() => true)`, nil)
	srv := newLibServer(t)
	srv.set("/news/garden.html", libPage{Title: "باغ‌های شهر در پاییز", Paras: libGarden})
	srv.set("/news/budget.html", libPage{Title: "بودجهٔ سال آینده در مجلس", Paras: libBudget})

	preview := func(path string) (*tab, captureResult) {
		t.Helper()
		tb := b.OpenTab(t, srv.URL+path)
		res := clickAndWait(t, b, tb)
		if !res.OK || res.Preview == "" {
			t.Fatalf("click with preview first: %+v", res)
		}
		if n := b.ArticleCount(t); n != 0 && path == "/news/garden.html" {
			t.Errorf("%d articles saved before the preview's Save", n)
		}
		var pv *target.Info
		for i := 0; i < 100 && pv == nil; i++ {
			for _, ti := range b.targets(t, "page") {
				if strings.Contains(ti.URL, "/extension/preview/preview.html?id="+res.Preview) {
					pv = ti
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
		if pv == nil {
			t.Fatal("no preview window opened")
		}
		ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(pv.TargetID))
		t.Cleanup(cancel)
		if err := chromedp.Do(ctx); err != nil {
			t.Fatalf("attaching to the preview: %v", err)
		}
		p := &tab{PageID: pv.TargetID, Ctx: ctx, Cancel: cancel}
		pagesWait(t, p, "ready")
		return p, res
	}

	p, _ := preview("/news/garden.html")
	var shown struct{ Title, Facts string }
	b.EvalPage(t, p, `({Title: document.getElementById('title').textContent, Facts: document.getElementById('facts').textContent})`, &shown)
	if shown.Title != "باغ‌های شهر در پاییز" || shown.Facts == "" {
		t.Errorf("preview shows %+v", shown)
	}
	b.EvalPage(t, p, `(() => { document.getElementById('tags').value = 'باغ، پاییز'; document.getElementById('note').value = 'برای گزارش'; return true; })()`, nil)
	pagesDo(t, p, chromedp.Click("#save"))
	pagesWait(t, p, "saved")
	entries := libEntries(t, b)
	if len(entries) != 1 || !slices.Equal(entries[0].Tags, []string{"باغ", "پاییز"}) || entries[0].Note != "برای گزارش" {
		t.Errorf("after the preview's Save: %+v", entries)
	}

	p, _ = preview("/news/budget.html")
	b.EvalPage(t, p, `document.body.dataset.state = 'cancelling'`, nil)
	b.EvalPage(t, p, `(document.getElementById('cancel').click(), true)`, nil)
	time.Sleep(300 * time.Millisecond)
	if n := b.ArticleCount(t); n != 1 {
		t.Errorf("%d articles after the preview's Cancel, want 1", n)
	}
}

// TestLibraryInterfaceLanguage: Persian chosen in the settings on an
// English browser: the library is in Persian, right to left.
func TestLibraryInterfaceLanguage(t *testing.T) {
	b := launch(t, "", withFlag("lang", "en-US"))
	lib := b.OpenExtensionPage(t, "extension/library/library.html")
	pagesWait(t, lib, "ready")
	var page struct{ Lang, Dir, Heading string }
	read := `({Lang: document.documentElement.lang, Dir: document.documentElement.dir, Heading: document.querySelector('h1').textContent})`
	b.EvalPage(t, lib, read, &page)
	if page.Dir != "ltr" || page.Heading != "Library" {
		t.Fatalf("English browser, no choice: %+v", page)
	}
	opts := b.OpenExtensionPage(t, "extension/options/options.html")
	pagesWait(t, opts, "ready")
	pagesSelect(t, b, opts, "ui-lang", "fa")
	b.EvalBackground(t, `new Promise((r) => { const f = () => chrome.storage.local.get('ui').then((g) => (g.ui && g.ui.lang === 'fa' ? r(true) : setTimeout(f, 50))); f(); })`, nil)
	pagesDo(t, lib, chromedp.Reload())
	pagesWait(t, lib, "ready")
	b.EvalPage(t, lib, read, &page)
	if page.Lang != "fa" || page.Dir != "rtl" || page.Heading != "کتابخانه" {
		t.Errorf("Persian chosen: %+v, want fa, rtl, کتابخانه", page)
	}
}

// TestLibraryPurgedWithoutPage: an entry deleted in the library is removed
// for good after its undo time even though the library page was closed at
// once and the background had stopped: the alarm the delete set wakes it.
func TestLibraryPurgedWithoutPage(t *testing.T) {
	b := launch(t, "")
	kept := pagesFixture(t)
	gone := pagesFixture(t)
	gone["url"], gone["canonical_url"], gone["title"] = "https://example.org/gone", "https://example.org/gone", "مقاله‌ای که حذف می‌شود"
	ids := pagesSeed(t, b, kept, gone)

	lib := b.OpenExtensionPage(t, "extension/library/library.html")
	pagesWait(t, lib, "ready")
	b.EvalPage(t, lib, `document.body.dataset.state = 'deleting'`, nil)
	pagesClick(t, b, lib, `#rows tr[data-id="`+ids[1]+`"] input.select`)
	pagesDo(t, lib, chromedp.Click(`#delete`))
	pagesWait(t, lib, "ready")
	pagesDo(t, lib, chromedp.WaitVisible(`#status #undo`))
	deleted := time.Now()
	var alarm struct{ ScheduledTime float64 }
	b.EvalBackground(t, `chrome.alarms.get('barg-purge-deleted')`, &alarm)
	if wait := time.UnixMilli(int64(alarm.ScheduledTime)).Sub(deleted); wait < 14*time.Second || wait > 20*time.Second {
		t.Errorf("the purge alarm rings %s after the delete, want just after the 15 s undo time", wait)
	}
	lib.Cancel() // the page's own timer goes with it
	var still struct{ DeletedAt string }
	b.EvalBackground(t, `globalThis.barg.store.getEntry(`+jsString(ids[1])+`).then(e => ({DeletedAt: e ? e.deleted_at : ''}))`, &still)
	if still.DeletedAt == "" {
		t.Fatal("the deleted entry is gone (or not marked) before its undo time")
	}
	// Not before the undo time: the alarm rings after it (and the purge
	// itself takes only deletes older than it: lib/purge.test.js).
	if at, err := time.Parse(time.RFC3339Nano, still.DeletedAt); err != nil || time.UnixMilli(int64(alarm.ScheduledTime)).Sub(at) < 15*time.Second {
		t.Errorf("the purge alarm rings at %v, less than 15 s after the delete at %s (%v)", time.UnixMilli(int64(alarm.ScheduledTime)), still.DeletedAt, err)
	}
	b.StopWorker(t)

	// Nothing wakes the background but the alarm.
	deadline := time.Now().Add(45 * time.Second)
	for !b.WorkerRunning(t) {
		if time.Now().After(deadline) {
			t.Fatal("the alarm did not wake the background within 45 s of the delete")
		}
		time.Sleep(200 * time.Millisecond)
	}
	woke := time.Since(deleted)
	var left []string
	for {
		b.EvalBackground(t, `globalThis.barg.store.getArticles().then(rs => rs.map(r => r.entry_id))`, &left)
		if len(left) == 1 || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !slices.Equal(left, []string{ids[0]}) {
		t.Errorf("records left after the alarm: entries %v, want only the kept %s", left, ids[0])
	}
	t.Logf("the alarm woke the background %s after the delete and it purged the entry", woke.Round(100*time.Millisecond))
}

// TestLibraryNoticeOpenLink: the way to the library after a toolbar click.
// The capture's in-page notice has an Open button (in its closed shadow
// root, reached here through CDP, which pierces it) that opens the saved
// entry in the reader, whose header links to the library.
func TestLibraryNoticeOpenLink(t *testing.T) {
	b := launch(t, "")
	srv := newLibServer(t)
	srv.set("/news/garden.html", libPage{Title: "باغ‌های شهر در پاییز", Paras: libGarden})
	tb := b.OpenTab(t, srv.URL+"/news/garden.html")
	res := clickAndWait(t, b, tb)
	if !res.OK || !noticeShown(t, b, tb) {
		t.Fatalf("capture ok %v, notice shown: no (%s)", res.OK, res.Error)
	}
	var label string
	for deadline := time.Now().Add(10 * time.Second); label == "" && time.Now().Before(deadline); {
		label = libClickInNotice(t, tb, "barg-open")
		if label == "" {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if label == "" {
		t.Fatal("the notice has no Open button")
	}
	readerURL := b.ExtensionURL("extension/reader/reader.html")
	var opened []string
	for deadline := time.Now().Add(10 * time.Second); len(opened) == 0 && time.Now().Before(deadline); {
		for _, ti := range b.targets(t, "page") {
			if strings.HasPrefix(ti.URL, readerURL) {
				opened = append(opened, ti.URL)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(opened) != 1 || !strings.Contains(opened[0], "id="+res.EntryID) {
		t.Fatalf("the notice's %q button opened %v, want the reader on entry %s", label, opened, res.EntryID)
	}
	rd := b.OpenTab(t, opened[0])
	pagesWait(t, rd, "ready")
	var back string
	b.EvalPage(t, rd, `document.querySelector('a.back').href`, &back)
	if back != b.ExtensionURL("extension/library/library.html") {
		t.Errorf("the reader's link back is %q, want the library", back)
	}
}

// libClickInNotice clicks the button of class cls in Barg's notice (inside
// its closed shadow root) and returns its label, or "" when there is none.
func libClickInNotice(t *testing.T, tb *tab, cls string) string {
	t.Helper()
	var label string
	ctx, cancel := context.WithTimeout(tb.Ctx, callTimeout)
	defer cancel()
	depth, yes := int64(-1), true
	doc, err := chromedp.Call(ctx, dom.GetDocument, dom.GetDocumentParams{Depth: &depth, Pierce: &yes})
	if err != nil {
		t.Fatalf("reading the page's DOM: %v", err)
	}
	var find func(n *cdp.Node) *cdp.Node
	find = func(n *cdp.Node) *cdp.Node {
		if n.NodeName == "BUTTON" {
			for i := 0; i+1 < len(n.Attributes); i += 2 {
				if n.Attributes[i] == "class" && slices.Contains(strings.Fields(n.Attributes[i+1]), cls) {
					return n
				}
			}
		}
		for _, kids := range [][]*cdp.Node{n.Children, n.ShadowRoots} {
			for _, k := range kids {
				if f := find(k); f != nil {
					return f
				}
			}
		}
		return nil
	}
	n := find(doc.Root)
	if n == nil {
		return ""
	}
	obj, err := chromedp.Call(ctx, dom.ResolveNode, dom.ResolveNodeParams{BackendNodeID: n.BackendNodeID})
	if err != nil {
		t.Fatalf("the notice's %s button: %v", cls, err)
	}
	res, err := chromedp.Call(ctx, runtime.CallFunctionOn, runtime.CallFunctionOnParams{
		FunctionDeclaration: `function () { const l = this.textContent; this.click(); return l; }`, ObjectID: obj.Object.ObjectID, ReturnByValue: &yes})
	if err != nil || res.ExceptionDetails != nil {
		t.Fatalf("clicking the notice's %s button: %v %v", cls, err, res.ExceptionDetails)
	}
	if err := json.Unmarshal(res.Result.Value, &label); err != nil {
		t.Fatal(err)
	}
	return label
}
