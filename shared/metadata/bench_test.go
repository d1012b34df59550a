package metadata

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/net/html"

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
