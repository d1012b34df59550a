package extract

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// typicalPage is the news fixture grown to a typical article's size: the
// same furniture around twelve paragraphs more.
func typicalPage(tb testing.TB) string {
	page := readFixture(tb, "news.html")
	extra := strings.Repeat("<p>The harbour master said the new lights use a fraction of the power of the old ones, and that the council will maintain them, with help from volunteers, for at least the next twenty years.</p>\n", 12)
	return strings.Replace(page, "<p style=\"display:none\">", extra+"<p style=\"display:none\">", 1)
}

// bigPage is a page of about size bytes: a long article inside the
// furniture of the news fixture, with link lists between the paragraphs.
func bigPage(size int) string {
	var b strings.Builder
	b.WriteString("<html><head><title>Big</title></head><body><nav><a href=/>Home</a></nav><article>")
	for i := 0; b.Len() < size; i++ {
		b.WriteString("<p>Paragraph of a very long page, with commas, clauses, <a href=\"/l\">a link</a> and enough words to be read as text.</p>\n")
		if i%50 == 0 {
			b.WriteString("<div class=\"related\"><ul><li><a href=/a>One</a></li><li><a href=/b>Two</a></li></ul></div>\n")
		}
	}
	b.WriteString("</article><footer>Footer</footer></body></html>")
	return b.String()
}

func benchmarkFromHTML(b *testing.B, page string) {
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromHTML(strings.NewReader(page), "https://courier.example/news/x.html", Options{CapturedAt: time.Unix(0, 0)}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTypicalPage(b *testing.B) { benchmarkFromHTML(b, typicalPage(b)) }

func Benchmark10MBPage(b *testing.B) { benchmarkFromHTML(b, bigPage(10<<20)) }

// BenchmarkDeep100k is a page nested 100,000 levels deep, through
// limitDepth, parsing and extraction (x/net/html refuses it without
// limitDepth).
func BenchmarkDeep100k(b *testing.B) {
	data := deepPage(100000, "div")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		flat, _ := limitDepth(data, maxDepth, nil)
		if _, err := FromHTML(bytes.NewReader(flat), "https://example.org/", Options{CapturedAt: time.Unix(0, 0)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDeep100kRaw is the same page given to FromHTML as it is: it
// must fail fast, not hang.
func BenchmarkDeep100kRaw(b *testing.B) {
	data := deepPage(100000, "div")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		FromHTML(bytes.NewReader(data), "https://example.org/", Options{CapturedAt: time.Unix(0, 0)})
	}
}
