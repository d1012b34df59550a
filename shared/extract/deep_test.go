package extract

import (
	"bytes"
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
		doc, err := html.Parse(bytes.NewReader(limitDepth(data, maxDepth)))
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
	if got := string(limitDepth([]byte(src), maxDepth)); got != src {
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
