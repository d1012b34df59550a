package e2e

// Images kept with the article (extension/lib/assets.js): the setting turned
// on through the real settings page, a toolbar capture of the seed page
// keeping its images, the reader showing them from the library after the
// page's server is gone, and the reader's "Markdown and images (zip)" export.
//
// The permission prompt: the extension copy grants http(s)://*/* up front,
// as the upload tests grant their endpoint, because headless Chromium cannot
// answer an extension's permission prompt. With the hosts granted,
// permissions.request in the settings page resolves at once, so the click
// runs the whole path of the real page (request inside the click, then the
// stored setting) except the dialog itself; README.md says how the dialog
// was checked by hand.

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// testJPEG is a w×h JPEG of one colour.
func testJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{R: uint8(x), G: 120, B: uint8(y), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImagesKeptReaderOffline(t *testing.T) {
	root := repoRoot(t)
	seed, err := os.ReadFile(filepath.Join(root, "testdata", "pages", "persian-news.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The seed page refers to /images/library-isfahan.jpg (og:image, the
	// lead) and /images/library-isfahan-large.jpg (the body's figure, with
	// its caption): two sizes of one picture. A second page adds a figure
	// whose image is missing and one in SVG, which must be listed as not kept.
	lead, large := testJPEG(t, 64, 40), testJPEG(t, 320, 200)
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`
	extra := strings.Replace(string(seed), "</article>",
		`<figure><img src="/images/gone.jpg" alt=""><figcaption>تصویر گم‌شده</figcaption></figure>
<figure><img src="/images/logo.svg" alt=""><figcaption>نشان</figcaption></figure></article>`, 1)
	extra = strings.Replace(extra, "https://news.example.ir/culture/1402", "https://news.example.ir/culture/1403", 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/persian-news.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(seed)
		case "/with-missing.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(extra))
		case "/images/library-isfahan.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(lead)
		case "/images/library-isfahan-large.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(large)
		case "/images/logo.svg":
			w.Header().Set("Content-Type", "image/svg+xml")
			w.Write([]byte(svg))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	dir := extensionCopy(t, func(m map[string]any) {
		m["host_permissions"] = []any{"https://*/*", "http://*/*"}
	})
	b := launch(t, "", withExtensionDir(dir))

	// Off by default: the setting is turned on by a click on the real page.
	opt := b.OpenExtensionPage(t, "extension/options/options.html")
	pagesWait(t, opt, "ready")
	var before bool
	b.EvalPage(t, opt, `document.getElementById('keep-images').checked`, &before)
	if before {
		t.Fatal("Keep images is on in a fresh profile")
	}
	pagesDo(t, opt, chromedp.Click("#keep-images"))
	var status string
	for i := 0; i < 100 && status == ""; i++ {
		time.Sleep(50 * time.Millisecond)
		b.EvalPage(t, opt, `document.getElementById('keep-images-status').textContent`, &status)
	}
	var stored struct {
		Images struct {
			Keep bool `json:"keep"`
		} `json:"images"`
	}
	b.EvalBackground(t, `chrome.storage.local.get('images')`, &stored)
	if !stored.Images.Keep || status != "Images are kept with new captures." {
		t.Fatalf("after the click: stored %+v, status %q", stored, status)
	}
	pagesScreenshot(t, opt, "options-images.png", true)

	capture := func(path string) (captureResult, article, assetsOf) {
		tb := b.OpenTab(t, srv.URL+path)
		res := clickAndWait(t, b, tb)
		if !res.OK {
			t.Fatalf("capturing %s: %s", path, res.Error)
		}
		var kept assetsOf
		b.EvalBackground(t, `globalThis.barg.imagesKept(`+jsString(res.ID)+`).then(() => globalThis.barg.store.getArticle(`+jsString(res.ID)+`)).then(r => r.assets || null)`, &kept)
		rec, _ := b.SavedArticle(t, res.ID)
		return res, rec, kept
	}
	res, _, kept := capture("/persian-news.html")
	if len(kept.Kept) != 2 || len(kept.Failed) != 0 {
		t.Fatalf("seed page: kept %+v, failed %+v; want the lead and the figure kept", kept.Kept, kept.Failed)
	}
	for _, k := range kept.Kept {
		if k.Type != "image/jpeg" || k.Bytes == 0 {
			t.Errorf("kept %+v", k)
		}
	}
	res2, _, kept2 := capture("/with-missing.html")
	reasons := map[string]string{}
	for _, f := range kept2.Failed {
		reasons[strings.TrimPrefix(f.Src, srv.URL)] = f.Reason
	}
	if len(kept2.Kept) != 2 || reasons["/images/gone.jpg"] != "http_404" || reasons["/images/logo.svg"] != "svg" || len(reasons) != 2 {
		t.Fatalf("page with a missing and an SVG image: kept %d, not kept %v", len(kept2.Kept), reasons)
	}

	// The page's server is gone: the reader shows the library's copies.
	srv.Close()
	rd := b.OpenExtensionPage(t, "extension/reader/reader.html?id="+url.QueryEscape(res.EntryID))
	pagesWait(t, rd, "ready")
	var shown struct {
		Count    int
		Src      string
		Kept     string
		Width    int
		Caption  string
		Failed   int
		Overflow bool
	}
	b.EvalPage(t, rd, `(async () => {
		const imgs = [...document.querySelectorAll('#view img')];
		const img = imgs[0];
		if (img && !img.complete) await new Promise((r) => { img.onload = r; img.onerror = r; });
		const fig = img && img.closest('figure');
		return {Count: imgs.length, Src: img ? img.getAttribute('src') : '', Kept: img ? img.dataset.kept || '' : '',
			Width: img ? img.naturalWidth : 0, Caption: fig && fig.querySelector('figcaption') ? fig.querySelector('figcaption').textContent : '',
			Failed: document.querySelectorAll('.images-failed li').length,
			Overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth};
	})()`, &shown)
	if shown.Count != 1 {
		t.Errorf("the reader shows %d images; want the lead and the figure (one picture at two sizes) once", shown.Count)
	}
	if !strings.HasPrefix(shown.Src, "blob:chrome-extension://") || shown.Kept != "true" {
		t.Errorf("the image's src is %q (kept %q); want the library's copy", shown.Src, shown.Kept)
	}
	if shown.Width != 320 {
		t.Errorf("the image shown is %d px wide; want the figure's 320 px copy, loaded with the server stopped", shown.Width)
	}
	if fold(shown.Caption) != fold("سالن مطالعه کتابخانه تازه جلفا") {
		t.Errorf("caption %q", shown.Caption)
	}
	if shown.Failed != 0 || shown.Overflow {
		t.Errorf("seed page: %d images listed as not kept, page-wide overflow %v", shown.Failed, shown.Overflow)
	}
	pagesScreenshot(t, rd, "reader-images-kept.png", true)

	// "Markdown and images (zip)": the Markdown file points at assets/, whose
	// files are the kept images, and articles.json's manifest names them.
	dl := pagesDownloads(t, b)
	pagesDo(t, rd, chromedp.SetValue("#export-format", "zip-images"), chromedp.Click("#export"))
	seen := map[string]bool{}
	name, data := pagesWaitFile(t, dl, ".zip", seen)
	files := unzipAll(t, name, data)
	var envs []struct {
		Assets assetsManifest `json:"assets"`
	}
	if err := json.Unmarshal(files["articles.json"], &envs); err != nil || len(envs) != 1 {
		t.Fatalf("articles.json in %s: %v (%d envelopes)", name, err, len(envs))
	}
	var md string
	for n, body := range files {
		if strings.HasSuffix(n, ".md") {
			md = string(body)
		}
	}
	if len(envs[0].Assets.Files) != 2 {
		t.Fatalf("manifest %+v, want the two kept images", envs[0].Assets)
	}
	for _, f := range envs[0].Assets.Files {
		if got := files[f.File]; len(got) != f.Bytes || !bytes.HasPrefix(got, []byte{0xff, 0xd8, 0xff}) {
			t.Errorf("%s in the zip: %d bytes, want the %d-byte JPEG", f.File, len(got), f.Bytes)
		}
		if strings.HasSuffix(f.Src, "-large.jpg") && !strings.Contains(md, "]("+f.File+")") {
			t.Errorf("the Markdown does not point at %s:\n%s", f.File, md)
		}
		// The lead image: the front matter's image names its copy.
		if strings.HasSuffix(f.Src, "/library-isfahan.jpg") && !strings.Contains(md, "\nimage: \""+f.File+"\"\n") {
			t.Errorf("the front matter's image does not name %s:\n%s", f.File, md)
		}
	}

	// The library's "Export all" as Markdown: a zip of one .md per entry,
	// with both captures' kept images (2 each) under assets/.
	lib := b.OpenExtensionPage(t, "extension/library/library.html")
	pagesWait(t, lib, "ready")
	pagesSelect(t, b, lib, "export-format", "markdown")
	pagesDo(t, lib, chromedp.Click("#export-all"))
	libName, libData := pagesWaitFile(t, dl, ".zip", seen)
	libFiles := unzipAll(t, libName, libData)
	var mds, jpegs int
	for n, body := range libFiles {
		switch {
		case strings.HasSuffix(n, ".md"):
			mds++
			if !strings.Contains(string(body), "](assets/") {
				t.Errorf("%s in %s points at no kept image", n, libName)
			}
		case strings.HasPrefix(n, "assets/") && bytes.HasPrefix(body, []byte{0xff, 0xd8, 0xff}):
			jpegs++
		}
	}
	if mds != 2 || jpegs != 4 {
		t.Errorf("%s holds %d Markdown files and %d JPEGs under assets/, want 2 and 4", libName, mds, jpegs)
	}

	// The second capture lists its two images not kept, with the reasons in words.
	rd2 := b.OpenExtensionPage(t, "extension/reader/reader.html?id="+url.QueryEscape(res2.EntryID))
	pagesWait(t, rd2, "ready")
	var listed []string
	b.EvalPage(t, rd2, `[...document.querySelectorAll('.images-failed li')].map((li) => li.textContent)`, &listed)
	pagesScreenshot(t, rd2, "reader-images-not-kept.png", true)
	want := []string{"/images/gone.jpg the site answered 404", "/images/logo.svg SVG images are not kept (they can carry scripts)"}
	if len(listed) != len(want) {
		t.Fatalf("listed as not kept: %q", listed)
	}
	for i, w := range want {
		if !strings.HasSuffix(listed[i], w) {
			t.Errorf("listed %q, want it to end in %q", listed[i], w)
		}
	}

	// Wide content scrolls in its own box: a one-line 20,000-character <pre>
	// and a 40-column table leave the page without horizontal scrolling.
	wide := map[string]any{
		"schema": "barg.article/1", "url": "https://wide.example/a", "title": "Wide", "lang": "en", "dir": "ltr",
		"text": "wide", "word_count": 1,
		"blocks": []map[string]any{
			{"type": "paragraph", "text": "before " + strings.Repeat("x", 3000)},
			{"type": "code", "text": strings.Repeat("0123456789", 2000)},
			{"type": "table", "rows": [][]string{wideRow(40, "header"), wideRow(40, "cell")}},
		},
	}
	ids := pagesSeed(t, b, wide)
	rd3 := b.OpenExtensionPage(t, "extension/reader/reader.html?id="+url.QueryEscape(ids[0]))
	pagesWait(t, rd3, "ready")
	var boxes struct {
		Page, Pre, Table bool
	}
	b.EvalPage(t, rd3, `(() => {
		const de = document.documentElement, pre = document.querySelector('#view pre'), tw = document.querySelector('#view .table-wrap');
		return {Page: de.scrollWidth > de.clientWidth, Pre: pre.scrollWidth > pre.clientWidth, Table: tw.scrollWidth > tw.clientWidth};
	})()`, &boxes)
	if boxes.Page || !boxes.Pre || !boxes.Table {
		t.Errorf("wide content: page scrolls sideways %v (want false); the <pre> scrolls in its box %v, the table %v (want true)", boxes.Page, boxes.Pre, boxes.Table)
	}
}

// assetsManifest is the "assets" manifest of an exported capture (extension/lib/assets.js assetManifest).
type assetsManifest struct {
	Files []struct {
		File  string `json:"file"`
		Src   string `json:"src"`
		Type  string `json:"type"`
		Bytes int    `json:"bytes"`
	} `json:"files"`
	Failed []struct {
		Src    string `json:"src"`
		Reason string `json:"reason"`
	} `json:"failed"`
}

// assetsOf is a capture record's "assets" (extension/lib/store.js attachAssets).
type assetsOf struct {
	Kept []struct {
		ID    string `json:"id"`
		Src   string `json:"src"`
		Type  string `json:"type"`
		Bytes int    `json:"bytes"`
	} `json:"kept"`
	Failed []struct {
		Src    string `json:"src"`
		Reason string `json:"reason"`
	} `json:"failed"`
}

// unzipAll reads every file of a zip archive, failing the test on any error (a CRC mismatch included).
func unzipAll(t *testing.T, name string, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s in %s: %v", f.Name, name, err)
		}
		files[f.Name] = body
	}
	return files
}

func wideRow(n int, word string) []string {
	row := make([]string, n)
	for i := range row {
		row[i] = word + "-" + strings.Repeat("w", 12)
	}
	return row
}

// TestImagesBackupRestoreOffline: with images kept, two versions of the seed
// page are captured (the second re-downloads the same two images, which are
// stored once); the library's Backup button writes one JSON Lines file with
// the images; a fresh profile restores it through the library's Import with
// the page's server stopped, and the reader shows the kept figure from the
// restored library. A backup of the restored library is the same file.
func TestImagesBackupRestoreOffline(t *testing.T) {
	root := repoRoot(t)
	seed, err := os.ReadFile(filepath.Join(root, "testdata", "pages", "persian-news.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The same article, edited: a paragraph added after publication.
	edited := strings.Replace(string(seed), "</article>", "<p>این بند پس از انتشار خبر به آن افزوده شد تا ساعت‌های کار کتابخانه را بگوید.</p></article>", 1)
	lead, large := testJPEG(t, 64, 40), testJPEG(t, 320, 200)
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/v1.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(seed)
		case "/v2.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(edited))
		case "/images/library-isfahan.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(lead)
		case "/images/library-isfahan-large.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(large)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	dir := extensionCopy(t, func(m map[string]any) {
		m["host_permissions"] = []any{"https://*/*", "http://*/*"}
	})
	a := launch(t, "", withExtensionDir(dir))
	a.EvalBackground(t, `chrome.storage.local.set({images: {keep: true}}).then(() => true)`, nil)
	capture := func(path string) captureResult {
		res := clickAndWait(t, a, a.OpenTab(t, srv.URL+path))
		if !res.OK {
			t.Fatalf("capturing %s: %s", path, res.Error)
		}
		var kept assetsOf
		a.EvalBackground(t, `globalThis.barg.imagesKept(`+jsString(res.ID)+`).then(() => globalThis.barg.store.getArticle(`+jsString(res.ID)+`)).then(r => r.assets || null)`, &kept)
		if len(kept.Kept) != 2 {
			t.Fatalf("%s: kept %+v, want the lead and the figure", path, kept)
		}
		return res
	}
	v1, v2 := capture("/v1.html"), capture("/v2.html")
	if v1.EntryID != v2.EntryID || v1.ID == v2.ID {
		t.Fatalf("the edited page is not a second version of the first: %+v, %+v", v1, v2)
	}
	type usage struct{ Blobs, Bytes, Records int }
	var used usage
	a.EvalBackground(t, `globalThis.barg.store.assetUsage()`, &used)
	mu.Lock()
	leadHits, largeHits := hits["/images/library-isfahan.jpg"], hits["/images/library-isfahan-large.jpg"]
	mu.Unlock()
	t.Logf("image downloads: lead %d, figure %d; stored: %+v", leadHits, largeHits, used)
	if want := (usage{Blobs: 2, Bytes: len(lead) + len(large), Records: 4}); used != want {
		t.Errorf("two versions keeping the same two images store %+v, want %+v (each image's bytes once)", used, want)
	}

	// The Backup button: one .jsonl file, the images in it.
	lib := a.OpenExtensionPage(t, "extension/library/library.html")
	pagesWait(t, lib, "ready")
	dl := pagesDownloads(t, a)
	pagesDo(t, lib, chromedp.Click("#backup"))
	name, data := pagesWaitFile(t, dl, ".jsonl", map[string]bool{})
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	var header struct {
		Schema                    string
		Entries, Captures, Images int
	}
	if err := json.Unmarshal([]byte(lines[0]), &header); err != nil || header.Schema != "barg.backup/1" || header.Entries != 1 || header.Captures != 2 || header.Images != 4 || len(lines) != 7 {
		t.Fatalf("%s: header %+v (%v), %d lines; want 1 entry, 2 captures, 4 images in 7 lines", name, header, err, len(lines))
	}
	var status string
	a.EvalPage(t, lib, `document.getElementById('status').textContent`, &status)
	if !strings.Contains(status, name) || !strings.Contains(status, "4 kept images") {
		t.Errorf("after Backup the page says %q", status)
	}
	const fixed = `import('/extension/lib/transfer.js').then(m => m.backupBlob({now: new Date('2026-06-01T00:00:00Z')})).then(r => r.blob.text())`
	var before string
	a.EvalPage(t, lib, fixed, &before)
	a.Close(t)
	srv.Close()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}

	// A fresh profile, the page's server gone: Import the backup.
	b := launch(t, "", withExtensionDir(dir))
	page := b.OpenExtensionPage(t, "extension/library/library.html")
	pagesWait(t, page, "ready")
	b.EvalPage(t, page, `document.body.dataset.state = 'importing'`, nil)
	pagesDo(t, page, chromedp.SetUploadFiles("#import-file", []string{file}))
	pagesWait(t, page, "ready")
	b.EvalPage(t, page, `document.getElementById('status').textContent`, &status)
	if status != "Imported 2 captures with 4 kept images; skipped 0 already in the library." {
		t.Errorf("after Import the page says %q", status)
	}
	var after string
	b.EvalPage(t, page, fixed, &after)
	if after != before {
		t.Errorf("the restored library's backup differs from the first:\n%s\n---\n%s", shorten(before), shorten(after))
	}
	b.EvalBackground(t, `globalThis.barg.store.assetUsage()`, &used)
	if want := (usage{Blobs: 2, Bytes: len(lead) + len(large), Records: 4}); used != want {
		t.Errorf("restored images %+v, want %+v", used, want)
	}

	// The reader shows the figure from the restored copy, for the newest version and the first.
	shown := func(query string) (src string, width int) {
		rd := b.OpenExtensionPage(t, "extension/reader/reader.html?"+query)
		pagesWait(t, rd, "ready")
		var got struct {
			Src   string
			Width int
		}
		b.EvalPage(t, rd, `(async () => {
			const img = document.querySelector('#view img');
			if (img && !img.complete) await new Promise((r) => { img.onload = r; img.onerror = r; });
			return {Src: img ? img.getAttribute('src') : '', Width: img ? img.naturalWidth : 0};
		})()`, &got)
		pagesScreenshot(t, rd, "reader-images-restored.png", true)
		return got.Src, got.Width
	}
	if src, w := shown("id=" + url.QueryEscape(v1.EntryID)); !strings.HasPrefix(src, "blob:chrome-extension://") || w != 320 {
		t.Errorf("newest version after restore: image %q, %d px wide; want the restored 320 px copy", src, w)
	}
	if src, w := shown("id=" + url.QueryEscape(v1.EntryID) + "&v=" + url.QueryEscape(v1.ID)); !strings.HasPrefix(src, "blob:chrome-extension://") || w != 320 {
		t.Errorf("first version after restore: image %q, %d px wide; want the restored 320 px copy", src, w)
	}
}
