package metadata

import (
	"testing"
	"time"
)

// BenchmarkJSONLDReader times the JSON-LD reader alone on the scripts of
// the dev pages that carry JSON-LD: repair, parse, find the article, and
// the lookups Read makes of it. (It is written against what the reader
// had before gjson too, readJSONLD, mainArticle, get, str1, names and url,
// so that the two can be timed by the same code.)
//
//	go test -run '^$' -bench JSONLDReader -count 5 ./shared/metadata
func BenchmarkJSONLDReader(b *testing.B) {
	type ldPage struct {
		scripts    []string
		url, title string
	}
	var pages []ldPage
	size := 0
	for _, d := range devDocs(b) {
		pg := scan(d.doc, d.url)
		if len(pg.jsonld) == 0 {
			continue
		}
		pages = append(pages, ldPage{pg.jsonld, d.url.String(), pg.title})
		for _, s := range pg.jsonld {
			size += len(s)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			d := readJSONLD(p.scripts)
			a := d.mainArticle(p.url, p.title)
			if a == nil {
				continue
			}
			for _, k := range []string{"headline", "name", "description", "datePublished", "dateModified", "inLanguage", "articleSection"} {
				_ = a.str1(k)
			}
			_ = d.names(a.get("author"))
			_ = d.names(a.get("publisher"))
			_, _ = d.url(a.get("image"))
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages)), "µs/page")
	b.ReportMetric(float64(cpu/time.Microsecond)/float64(b.N*len(pages)), "cpu-µs/page")
	b.ReportMetric(float64(len(pages)), "pages")
}
