package metadata

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/internal/articleeval"
	"github.com/barg-app/barg/shared/charset"
	"github.com/barg-app/barg/shared/weburl"
)

// benchPages are the project's fixtures and, when ../shared is present,
// Readability's 130 test pages and the seed page.
func benchPages(b *testing.B) (pages [][]byte, size int) {
	files, _ := filepath.Glob("testdata/*.html")
	more, _ := filepath.Glob(filepath.Join(sharedDir, "eval/readability-test-pages/*/source.html"))
	files = append(files, more...)
	files = append(files, filepath.Join(sharedDir, "fixtures/seed-alalam/page.html"))
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			pages = append(pages, data)
			size += len(data)
		}
	}
	return pages, size
}

// BenchmarkParse is the yardstick for BenchmarkRead: parsing the same
// pages with x/net/html, which every capture does before Read.
func BenchmarkParse(b *testing.B) {
	pages, size := benchPages(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			if _, err := html.Parse(bytes.NewReader(p)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages)), "µs/page")
}

// BenchmarkRead measures Read and Settle alone (parsing excluded).
func BenchmarkRead(b *testing.B) {
	pages, bytesIn := benchPages(b)
	var docs []*html.Node
	for _, p := range pages {
		doc, err := html.Parse(bytes.NewReader(p))
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
	}
	u, _ := weburl.Parse("http://fakehost/test/page.html")
	b.SetBytes(int64(bytesIn))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			m := Read(d, u)
			Settle(&m, m.Title)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs)), "µs/page")
}

// BenchmarkReadJSONLD measures Read and Settle (parsing excluded) on the
// pages of the three dev sets that carry JSON-LD, decoded as the CLI
// decodes them: the pages where the JSON-LD reader's speed shows. It
// reports CPU time (user + system, GC included) beside wall time.
//
//	go test -run '^$' -bench ReadJSONLD -count 5 ./shared/metadata
func BenchmarkReadJSONLD(b *testing.B) {
	type ldPage struct {
		doc *html.Node
		url *weburl.URL
	}
	var pages []ldPage
	size := 0
	for _, d := range devDocs(b) {
		if !bytes.Contains(bytes.ToLower(d.text), []byte("application/ld+json")) {
			continue
		}
		pages = append(pages, ldPage{d.doc, d.url})
		size += len(d.text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			m := Read(p.doc, p.url)
			Settle(&m, m.Title)
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages)), "µs/page")
	b.ReportMetric(float64(cpu/time.Microsecond)/float64(b.N*len(pages)), "cpu-µs/page")
	b.ReportMetric(float64(len(pages)), "pages")
}

// devDoc is a page of a dev set, decoded as the CLI decodes it and parsed.
type devDoc struct {
	text []byte
	doc  *html.Node
	url  *weburl.URL
}

// devDocs reads, decodes and parses every page of the three dev sets (a
// page no charset decodes is left out); it skips b when ../shared is
// missing.
func devDocs(b *testing.B) []devDoc {
	var out []devDoc
	for _, set := range articleeval.Sets {
		dir := filepath.Join(sharedDir, set.Dir)
		if _, err := os.Stat(dir); err != nil {
			b.Skipf("skipped: ../shared is missing (%s not found)", dir)
		}
		ps, err := set.Read(dir)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range ps {
			text, _, err := charset.Decode(p.Raw, p.ContentType)
			if err != nil {
				continue
			}
			doc, err := html.Parse(bytes.NewReader(text))
			if err != nil {
				b.Fatal(err)
			}
			u, _ := weburl.Parse(p.URL)
			out = append(out, devDoc{text, doc, u})
		}
	}
	return out
}
