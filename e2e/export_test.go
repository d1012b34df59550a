package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gopkg.in/yaml.v3"

	"github.com/barg-app/barg/shared/template"
)

// exportFrontMatterKeys are the keys the Markdown export writes, in order
// (extension/export/markdown.js, shared/template DefaultMarkdown).
var exportFrontMatterKeys = []string{"title", "author", "published", "source", "site", "lang", "tags", "captured", "image", "description", "note"}

// TestExportMarkdownZipAndCitations: "Export all" as Markdown of three
// entries in the library downloads a ZIP (read back with Go's archive/zip)
// of three Markdown files, each with one front matter that parses as YAML
// (yaml.v3) with the flat keys Obsidian reads; the user's words are in it.
// The same three as CSL-JSON give three items with the citation fields.
func TestExportMarkdownZipAndCitations(t *testing.T) {
	requireExtension(t)
	b := launch(t, "")
	fa := pagesFixture(t)
	en := map[string]any{
		"schema": "barg.article/1", "url": "https://blog.example.org/posts/x", "canonical_url": "", "title": `A "quoted" title: part 2`,
		"lang": "en", "dir": "ltr", "site_name": "Example Blog", "authors": []string{"Jane Doe"}, "tags": []string{"Go lang", "@go"},
		"published": "2026-02-01T10:00:00Z", "image": map[string]any{"src": "https://blog.example.org/i.png", "alt": ""},
		"blocks": []map[string]any{
			{"type": "paragraph", "text": "Plain English text."},
			{"type": "table", "text": "", "rows": [][]string{{"Release", "Date"}, {"4.2.3", "April 2014"}},
				"links": []map[string]any{{"text": "4.2.3", "href": "https://blog.example.org/r/423"}}},
		},
		"text": "Plain English text.", "captured_at": "2026-03-12T08:00:00Z",
	}
	third := map[string]any{
		"schema": "barg.article/1", "url": "https://news.example/fa/3", "title": "سومین مقاله", "lang": "fa", "dir": "rtl",
		"authors": []string{}, "tags": []string{}, "image": nil,
		"blocks": []map[string]any{{"type": "paragraph", "text": "متن سوم."}}, "text": "متن سوم.", "captured_at": "2026-03-13T08:00:00Z",
	}
	data, err := json.Marshal([]map[string]any{fa, en, third})
	if err != nil {
		t.Fatal(err)
	}
	var entries []string
	b.EvalBackground(t, `(async (list) => { const ids = []; for (const a of list) ids.push((await globalThis.barg.store.saveArticle(a)).record.entry_id); return ids; })(`+string(data)+`)`, &entries)
	if len(entries) != 3 {
		t.Fatalf("seeded %v", entries)
	}
	// The user's own words on the Persian entry.
	b.EvalBackground(t, `globalThis.barg.store.updateEntry(`+jsString(entries[0])+`, {title: 'عنوان من', tags: 'یادداشت‌ها, my tag', note: 'خط یک\nخط دو'}).then(() => true)`, nil)

	dir := pagesDownloads(t, b)
	seen := map[string]bool{}
	lib := b.OpenExtensionPage(t, "extension/library/library.html")
	pagesWait(t, lib, "ready")
	pagesSelect(t, b, lib, "export-format", "markdown")
	pagesDo(t, lib, chromedp.Click("#export-all"))
	name, zipped := pagesWaitFile(t, dir, ".zip", seen)
	if !strings.HasPrefix(name, "barg-export-") {
		t.Errorf("zip named %q", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatalf("the export is not a ZIP: %v", err)
	}
	if len(zr.File) != 3 {
		t.Fatalf("%d files in the ZIP, want 3", len(zr.File))
	}
	datePrefix := regexp.MustCompile(`^\d{4}-\d{2}-\d{2} `)
	byTitle := map[string]map[string]any{}
	bodies := map[string]string{}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".md") || strings.Contains(f.Name, "/") {
			t.Errorf("file %q in the ZIP", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		md, err := io.ReadAll(rc) // checks the CRC-32 at the end
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		text := string(md)
		if !strings.HasPrefix(text, "---\n") || strings.Count(text, "\n---\n") != 1 {
			t.Fatalf("%s: not one front matter:\n%s", f.Name, shorten(text))
		}
		fm := text[4:strings.Index(text, "\n---\n")]
		var node yaml.Node
		if err := yaml.Unmarshal([]byte(fm), &node); err != nil {
			t.Fatalf("%s: front matter is not YAML: %v\n%s", f.Name, err, fm)
		}
		var keys []string
		for i := 0; i+1 < len(node.Content[0].Content); i += 2 {
			keys = append(keys, node.Content[0].Content[i].Value)
		}
		if !slices.IsSortedFunc(keys, func(a, b string) int {
			return slices.Index(exportFrontMatterKeys, a) - slices.Index(exportFrontMatterKeys, b)
		}) {
			t.Errorf("%s: keys %v out of order", f.Name, keys)
		}
		var m map[string]any
		if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			if !slices.Contains(exportFrontMatterKeys, k) {
				t.Errorf("%s: unexpected key %q", f.Name, k)
			}
			switch k {
			case "author", "tags":
				list, ok := v.([]any)
				if !ok {
					t.Errorf("%s: %s is %T, want a list", f.Name, k, v)
				}
				for _, x := range list {
					if s, ok := x.(string); !ok || k == "tags" && strings.ContainsAny(s, " @") {
						t.Errorf("%s: %s item %#v", f.Name, k, x)
					}
				}
			default:
				if _, ok := v.(string); !ok {
					t.Errorf("%s: %s is %T, want a string", f.Name, k, v)
				}
			}
		}
		for _, k := range []string{"title", "source", "lang", "captured"} {
			if m[k] == nil {
				t.Errorf("%s: no %s", f.Name, k)
			}
		}
		title, _ := m["title"].(string)
		byTitle[title] = m
		bodies[title] = text
		if pub, _ := m["published"].(string); pub != "" && !datePrefix.MatchString(f.Name) {
			t.Errorf("%s: named without its date", f.Name)
		}
	}
	mine := byTitle["عنوان من"]
	if mine == nil {
		t.Fatalf("no file with the user's title; titles %v", slices.Collect(maps.Keys(byTitle)))
	}
	if got := mine["tags"]; !slices.Equal(anyStrings(got), []string{"یادداشت‌ها", "my-tag", "بودجه", "مجلس"}) {
		t.Errorf("tags %v", got)
	}
	if mine["note"] != "خط یک\nخط دو" || mine["source"] != "https://news.example/fa/story/42" || mine["image"] != "https://news.example/img/lead.jpg" {
		t.Errorf("front matter %v", mine)
	}
	if !slices.Equal(anyStrings(mine["author"]), []string{"مریم احمدی", `Sam "Q" Lee`}) {
		t.Errorf("author %v", mine["author"])
	}
	enMD := bodies[`A "quoted" title: part 2`]
	if !strings.Contains(enMD, "\n| Release | Date |\n| --- | --- |\n| [4\\.2.3](https://blog.example.org/r/423) | April 2014 |\n") {
		t.Errorf("the table lost its header or its link:\n%s", enMD)
	}
	if got := anyStrings(byTitle[`A "quoted" title: part 2`]["tags"]); !slices.Equal(got, []string{"Go-lang", "go"}) {
		t.Errorf("English tags %v", got)
	}

	// The same entries as citations (CSL-JSON).
	pagesSelect(t, b, lib, "export-format", "csl")
	pagesDo(t, lib, chromedp.Click("#export-all"))
	_, cslData := pagesWaitFile(t, dir, ".csl.json", seen)
	var items []map[string]any
	if err := json.Unmarshal(cslData, &items); err != nil {
		t.Fatalf("CSL-JSON: %v", err)
	}
	if len(items) != 3 {
		t.Fatalf("%d CSL items", len(items))
	}
	for _, it := range items {
		if it["type"] != "webpage" || it["URL"] == nil || it["accessed"] == nil {
			t.Errorf("CSL item %v", it)
		}
	}
}

func anyStrings(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// TestReaderCopyMarkdown: the reader's "Copy as Markdown" puts on the
// clipboard what the Markdown export writes for the entry shown: Go's
// default template filled with the article and the user's words (the
// clipboard's writeText is caught in the page, as headless Chromium has no
// clipboard to read back).
func TestReaderCopyMarkdown(t *testing.T) {
	requireExtension(t)
	b := launch(t, "")
	fa := pagesFixture(t)
	data, _ := json.Marshal(fa)
	var ids struct{ Entry, Record string }
	b.EvalBackground(t, `globalThis.barg.store.saveArticle(`+string(data)+`).then(r => ({Entry: r.record.entry_id, Record: r.record.id}))`, &ids)
	b.EvalBackground(t, `globalThis.barg.store.updateEntry(`+jsString(ids.Entry)+`, {title: 'عنوان من', tags: 'برچسب من', note: ''}).then(() => true)`, nil)
	rd := b.OpenExtensionPage(t, "extension/reader/reader.html?id="+url.QueryEscape(ids.Entry))
	pagesWait(t, rd, "ready")
	b.EvalPage(t, rd, `globalThis.__copied = null;
		Object.defineProperty(navigator.clipboard, 'writeText', {value: async (text) => { globalThis.__copied = text; }});
		document.getElementById('copy-markdown').click(); true`, nil)
	var copied string
	waitFor(t, 15*time.Second, "the copy", func() bool {
		b.EvalPage(t, rd, `globalThis.__copied || ''`, &copied)
		return copied != ""
	})
	var status string
	b.EvalPage(t, rd, `document.getElementById('copy-status').textContent`, &status)
	if status == "" {
		t.Error("no status after copying")
	}
	var articleJSON string
	b.EvalBackground(t, `globalThis.barg.store.getArticle(`+jsString(ids.Record)+`).then(r => JSON.stringify({...r.article, user: {title: 'عنوان من', tags: ['برچسب من'], note: ''}}))`, &articleJSON)
	want, err := template.Render(template.DefaultMarkdown, []byte(articleJSON))
	if err != nil {
		t.Fatal(err)
	}
	if copied != string(want) {
		t.Errorf("copied\n%s\nwant\n%s", shorten(copied), shorten(string(want)))
	}
	if !strings.HasPrefix(copied, "---\ntitle: \"عنوان من\"\n") || !strings.Contains(copied, "\ntags:\n  - \"برچسب-من\"\n") {
		t.Errorf("the user's words are not in the copied front matter:\n%s", shorten(copied))
	}
}
