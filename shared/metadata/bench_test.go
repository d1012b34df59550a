package metadata

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/net/html"
)

// BenchmarkRead measures Read alone (parsing excluded) over the project's
// fixtures and, when ../shared is present, Readability's 130 test pages.
func BenchmarkRead(b *testing.B) {
	files, _ := filepath.Glob("testdata/*.html")
	more, _ := filepath.Glob(filepath.Join(sharedDir, "eval/readability-test-pages/*/source.html"))
	files = append(files, more...)
	files = append(files, filepath.Join(sharedDir, "fixtures/seed-alalam/page.html"))
	var docs []*html.Node
	bytesIn := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		bytesIn += len(data)
	}
	u, _ := url.Parse("http://fakehost/test/page.html")
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
