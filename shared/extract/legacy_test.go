package extract

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// fontPage is the markup of old Persian and Arabic sites: every paragraph
// opens a font of its own color and never closes it.
func fontPage(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<html><head><meta charset=utf-8><title>قدیمی</title></head><body>")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<p><font color=\"#%06x\">بند %d از صفحه‌ای قدیمی، با واژه‌هایی چند، و باز هم واژه‌هایی دیگر.\n", i*97, i)
	}
	b.WriteString("</body></html>")
	return b.Bytes()
}

// The 600-<font> page: every paragraph is captured as a paragraph of its
// own (before, x/net/html refused it, and the fallback that limited its
// depth merged the paragraphs past the 400th), and in linear time (the
// parser reopened every font in every paragraph: 0.4 s for 23 KB, growing
// with the square of the page).
func TestLegacyFontPage(t *testing.T) {
	for _, n := range []int{600, 3000} {
		data := fontPage(n)
		start := time.Now()
		a, err := FromHTML(bytes.NewReader(data), "https://old.example/page.htm", Options{})
		if err != nil {
			t.Fatalf("%d fonts: %v", n, err)
		}
		if d := time.Since(start); d > 10*time.Second { // quadratic, 3000 took tens of seconds
			t.Errorf("%d fonts: took %v", n, d)
		}
		paras := 0
		for _, b := range a.Blocks {
			if strings.Contains(b.PlainText(), "از صفحه‌ای قدیمی") {
				paras++
			}
		}
		if paras != n {
			t.Errorf("%d fonts: %d paragraphs, want %d", n, paras, n)
		}
		last := strings.Map(func(r rune) rune {
			if '0' <= r && r <= '9' {
				return '۰' + r - '0' // the normalizer writes Persian digits
			}
			return r
		}, fmt.Sprintf("بند %d از", n-1))
		if !strings.Contains(a.PlainText(), last) {
			t.Errorf("%d fonts: the last paragraph is missing", n)
		}
	}
}

func TestFlattenFormatting(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// Within the limit (2 here): unchanged.
		{`<p><b>a</b><i>b<u>c</u></i></p>`, `<p><b>a</b><i>b<u>c</u></i></p>`},
		// The third open one goes, with its end tag; its text stays.
		{`<b>1<i>2<u>3</u>4</i></b>`, `<b>1<i>2<!---->3<!---->4</i></b>`},
		{`<p><font>a<p><font>b<p><font>c</font>`, `<p><font>a<p><font>b<p><!---->c<!---->`},
		// Text on either side of a removed tag does not join.
		{`<b><i>x<<u>b>&am<u>p;`, `<b><i>x<<!---->b>&am<!---->p;`},
		// A closed one frees its place.
		{`<b>1</b><i>2<u>3</u></i>`, `<b>1</b><i>2<u>3</u></i>`},
		// The end of a cell closes what was opened in it.
		{`<table><tr><td><b><i>x</td><td><b><i>y</td></tr></table>`, `<table><tr><td><b><i>x</td><td><b><i>y</td></tr></table>`},
		// Links are never removed.
		{`<b><i><a href=/x>l</a><a href=/y>m`, `<b><i><a href=/x>l</a><a href=/y>m`},
		// Text that looks like tags inside script stays.
		{`<b><i><script>"<u>"</script><u>x`, `<b><i><script>"<u>"</script><!---->x`},
	} {
		got, err := flattenFormatting([]byte(tc.in), 2, nil)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("flattenFormatting(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// A page with at most maxFormatting open comes back as the same bytes,
// not a copy.
func TestFlattenFormattingNoCopy(t *testing.T) {
	data := []byte(typicalPage(t))
	got, err := flattenFormatting(data, maxFormatting, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(data) || &got[0] != &data[0] {
		t.Error("an ordinary page was copied or changed")
	}
}

// After flattening, the parser's stack stays far below its 512 limit
// whatever formatting the page leaves open.
func TestFlattenFormattingParses(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "<div><b class=c%d><i id=i%d>x<p>y", i, i)
	}
	data, err := flattenFormatting([]byte(b.String()), maxFormatting, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := html.Parse(bytes.NewReader(mustLimit(t, data))); err != nil {
		t.Fatal(err)
	}
}

// tokenText is the text a tokenizer reads from data, all of it, in order.
func tokenText(data []byte) string {
	var b strings.Builder
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
		}
	}
}

// FuzzMarkupPasses: flattenFormatting and limitDepth only ever remove tags:
// the page's text comes out whole and in order, and after both the parser
// accepts the page.
func FuzzMarkupPasses(f *testing.F) {
	for _, seed := range []string{
		"<p><b>a</b><i>b<u>c</u></i></p>",
		"<table><tr><td><b><i>x</td><td><b>y</td></tr></table>",
		"<b><i><script>\"<u>\"</script><u>x</u></i></b>",
		strings.Repeat("<p><font color=red>x", 50),
		strings.Repeat("<div><span>", 300) + "t" + strings.Repeat("</i>", 10),
		"<svg><b>x</b></svg><textarea><b></textarea><plaintext><b>",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, page string) {
		data := []byte(page)
		if n := formattingStarts(data); fewFormatting(data, 2) && n > 2 {
			t.Fatalf("fewFormatting(%q, 2) = true, but the tokenizer finds %d formatting start tags", page, n)
		}
		flat, err := flattenFormatting(data, 2, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tokenText(flat) != tokenText(data) {
			t.Fatalf("flattenFormatting changed the text of %q: %q", page, flat)
		}
		deep, err := limitDepth(flat, 8, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tokenText(deep) != tokenText(data) {
			t.Fatalf("limitDepth changed the text of %q: %q", flat, deep)
		}
		if _, err := parsePage(data, nil); err != nil {
			t.Fatalf("parsePage(%q): %v", page, err)
		}
		last, err := paragraphsOnly(data, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tokenText(last) != tokenText(data) {
			t.Fatalf("paragraphsOnly changed the text of %q: %q", page, last)
		}
		doc, err := html.Parse(bytes.NewReader(last))
		if err != nil {
			t.Fatalf("paragraphsOnly(%q) does not parse: %v", page, err)
		}
		if d := treeDepth(doc); d > 6 {
			t.Fatalf("paragraphsOnly(%q) = %q parses %d deep", page, last, d)
		}
	})
}

// FuzzLimitDepthRepeated repeats a fragment 60 times, so that any drift
// between limitDepth's count and the parser's stack adds up: passed through
// flattenFormatting (2 open formatting elements at most) and limitDepth (8
// levels), the page must parse no deeper than 8 levels and a margin (html,
// body, the formatting elements the parser reopens, the tbody and tr it
// adds). The fragments that found the drifts it fixed are its seeds.
func FuzzLimitDepthRepeated(f *testing.F) {
	for _, unit := range []string{
		"<n><div></n>",        // an end tag the parser ignores past a block
		"<table><td>",         // the tbody and tr the parser adds
		"<b><p>x</b>",         // adoption agency
		"<h2><span><h3></h2>", // any heading's end tag closes the nearest heading
		"<svg><g/>",           // self-closing in SVG, not in HTML
		"<div/>",              // self-closing ignored in HTML
		"<form><div></form>",  // the form alone leaves the stack
		"<ul><li><ol></li>",   // list item scope
		"<a><a></a><a0></a>",  // a link closes an open link
		"<svg><a <svg><a ",    // but not in SVG
		"<body><div></body>",  // the end of body closes nothing
		"<math><mi><input><svg><p>", "<mi><input><svg>",
	} {
		f.Add(unit)
	}
	f.Fuzz(func(t *testing.T, unit string) {
		if len(unit) > 64 {
			return
		}
		page := strings.Repeat(unit, 60)
		flat, err := flattenFormatting([]byte(page), 2, nil)
		if err != nil {
			t.Fatal(err)
		}
		deep, err := limitDepth(flat, 8, nil)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(deep))
		if err != nil {
			t.Fatal(err)
		}
		if d := treeDepth(doc); d > 8+8 {
			t.Fatalf("%q parses %d deep after limitDepth:\n%q", page, d, deep)
		}
	})
}

// treeDepth is the depth of the deepest node under n (n's children are 1).
func treeDepth(n *html.Node) int {
	type item struct {
		n *html.Node
		d int
	}
	max := 0
	stack := []item{{n, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.d > max {
			max = it.d
		}
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, item{c, it.d + 1})
		}
	}
	return max
}

// formattingStarts counts the start tags of formatting elements as the
// tokenizer sees them: the truth fewFormatting's byte scan must not undercut.
func formattingStarts(data []byte) int {
	n := 0
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return n
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			if name, _ := z.TagName(); formatting(atom.Lookup(name)) {
				n++
			}
		}
	}
}

func TestFewFormatting(t *testing.T) {
	for _, c := range []struct {
		page string
		max  int
		want bool
	}{
		{"<p>plain</p>", 0, true},
		{"<p><b>a</b> <bdi>b</bdi> <body><br><strike-x></p>", 1, true},
		{"<B>a</B><FONT\ncolor=red>b", 1, false},
		{"<i/><u>", 1, false},
		{"<small>a<strong>b", 2, true},
		{"<script>'<b>'</script><b>", 1, false}, // counted in scripts too: never "few" wrongly
		{"<b", 0, false},
		{string(fontPage(40)), maxFormatting, false},
	} {
		if got := fewFormatting([]byte(c.page), c.max); got != c.want {
			t.Errorf("fewFormatting(%.40q, %d) = %v, want %v", c.page, c.max, got, c.want)
		}
		if n := formattingStarts([]byte(c.page)); c.want && n > c.max {
			t.Errorf("%.40q: the tokenizer finds %d formatting start tags, over %d", c.page, n, c.max)
		}
	}
}
