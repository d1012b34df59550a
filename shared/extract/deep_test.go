package extract

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/weburl"
)

// deepPage is a page whose article sits under n nested elements.
func deepPage(n int, tag string) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><head><title>Deep</title></head><body>")
	for i := 0; i < n; i++ {
		b.WriteString("<" + tag + ">")
	}
	for i := 0; i < 5; i++ {
		b.WriteString("<p>A paragraph of the deeply nested article, with commas, clauses, and words enough to count.</p>")
	}
	for i := 0; i < n; i++ {
		b.WriteString("</" + tag + ">")
	}
	b.WriteString("</body></html>")
	return b.Bytes()
}

func TestLimitDepth(t *testing.T) {
	for _, tag := range []string{"div", "span", "section", "b"} {
		data := deepPage(100000, tag)
		if _, err := html.Parse(bytes.NewReader(data)); err == nil && tag == "div" {
			t.Log("x/net/html now parses 100,000 nested divs; limitDepth may be no longer needed")
		}
		start := time.Now()
		doc, err := html.Parse(bytes.NewReader(mustLimit(t, data)))
		if err != nil {
			t.Fatalf("%s: after limitDepth: %v", tag, err)
		}
		blocks, err := Body(doc, &weburl.URL{Scheme: "https", Host: "example.org"})
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		text := textOfBlocks(blocks)
		if n := strings.Count(text, "A paragraph of the deeply nested article"); n != 5 {
			t.Errorf("%s: %d of 5 paragraphs survived:\n%s", tag, n, text)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: took %v", tag, d)
		}
	}
}

func TestLimitDepthKeepsShallowPages(t *testing.T) {
	src := `<p>a <b>b</b> <br> <img src=x.jpg> c</p><div><span>d</span></div></dl></p>`
	if got := string(mustLimit(t, []byte(src))); got != src {
		t.Errorf("limitDepth changed a shallow page:\n got %s\nwant %s", got, src)
	}
}

// Body and Blocks walk without recursion: a tree 100,000 levels deep,
// built directly (x/net/html would refuse to parse it), costs them no stack.
func TestBodyOnDeepTree(t *testing.T) {
	doc := mustParse(t, "<html><body></body></html>")
	n := findBody(doc)
	for i := 0; i < 100000; i++ {
		c := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		n.AppendChild(c)
		n = c
	}
	for i := 0; i < 3; i++ {
		p := mustParse(t, "<p>Deep paragraph, with commas, and enough words to be an article of its own.</p>")
		para := findBody(p).FirstChild
		para.Parent.RemoveChild(para)
		n.AppendChild(para)
	}
	blocks, err := Body(doc, &weburl.URL{Scheme: "https", Host: "example.org"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(textOfBlocks(blocks), "Deep paragraph"); got != 3 {
		t.Errorf("%d of 3 paragraphs", got)
	}
}

func textOfBlocks(blocks []article.Block) string {
	var parts []string
	for _, b := range blocks {
		parts = append(parts, b.PlainText())
	}
	return strings.Join(parts, "\n")
}

func mustLimit(tb testing.TB, data []byte) []byte {
	tb.Helper()
	out, err := limitDepth(data, maxDepth, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// strayPage is the shape that made limitDepth quadratic: n open elements,
// then n end tags that match none of them, then the article.
func strayPage(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><head><title>Stray</title></head><body>")
	b.WriteString(strings.Repeat("<div>", n))
	b.WriteString(strings.Repeat("</i>", n))
	for i := 0; i < 5; i++ {
		b.WriteString("<p>A paragraph after the stray end tags, with commas, clauses, and words enough to count.</p>")
	}
	return b.Bytes()
}

// 100,000 open elements and 100,000 end tags that match none of them (a
// 900 KB page) took limitDepth 9.9 s when it scanned the stack for every
// end tag; linear, it takes a few tens of milliseconds.
func TestLimitDepthStrayEndTags(t *testing.T) {
	data := strayPage(100000)
	start := time.Now()
	flat := mustLimit(t, data)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("limitDepth took %v on a %d-byte page", d, len(data))
	}
	a, err := FromHTML(bytes.NewReader(data), "https://example.org/", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(a.PlainText(), "A paragraph after the stray end tags"); n != 5 {
		t.Errorf("%d of 5 paragraphs", n)
	}
	if !bytes.Contains(flat, []byte("</i></i>")) {
		t.Error("the stray end tags should be kept (the parser ignores them)")
	}
}

// BenchmarkLimitDepth reports limitDepth's cost per byte of page on the
// stray-end-tag shape from 100 KB to 20 MB: linear work keeps ns/B flat.
// Beside it, the bare tokenizer over the same bytes ("tokenize"), the floor
// of any pass over the page, as a reference measured in the same run.
//
//	go test ./shared/extract -run XXX -bench 'LimitDepth' -benchtime 3x -count 2
func BenchmarkLimitDepth(b *testing.B) {
	for _, size := range []int{100 << 10, 1 << 20, 5 << 20, 20 << 20} {
		n := size / 9 // "<div>" + "</i>" per level
		data := strayPage(n)
		b.Run(strconv.Itoa(size>>10)+"KB", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			cpu := cpuTime()
			for b.Loop() {
				if _, err := limitDepth(data, maxDepth, nil); err != nil {
					b.Fatal(err)
				}
			}
			reportPerByte(b, cpuTime()-cpu, len(data))
		})
		b.Run(strconv.Itoa(size>>10)+"KB/tokenize", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			cpu := cpuTime()
			for b.Loop() {
				z := html.NewTokenizer(bytes.NewReader(data))
				for z.Next() != html.ErrorToken {
				}
			}
			reportPerByte(b, cpuTime()-cpu, len(data))
		})
	}
}

// reportPerByte reports wall and CPU nanoseconds per byte of page.
func reportPerByte(b *testing.B, cpu time.Duration, size int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(size), "ns/B")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/float64(size), "cpu-ns/B")
	}
}
