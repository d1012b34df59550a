package extract

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/weburl"
)

func parseBody(t *testing.T, src string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><html><head></head><body>" + src + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	return findBody(doc)
}

func mustURL(t *testing.T, s string) *weburl.URL {
	t.Helper()
	u, err := weburl.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestBlocks(t *testing.T) {
	const base = "https://example.org/dir/page.html"
	tests := []struct {
		name string
		html string
		want []article.Block
	}{
		{
			name: "paragraph whitespace collapses as HTML renders it",
			html: "<p>  one \n\t two   <b>three</b>\n four  </p>",
			want: []article.Block{{Type: article.Paragraph, Text: "one two three four"}},
		},
		{
			name: "br is a newline inside the paragraph, br br a new paragraph",
			html: "<p>first line <br>  second line<br><br>after a blank</p>",
			want: []article.Block{{Type: article.Paragraph, Text: "first line\nsecond line"}, {Type: article.Paragraph, Text: "after a blank"}},
		},
		{
			name: "ZWNJ, ZWJ, bidi marks and no-break spaces are kept",
			html: "<p>می\u200cشود \u200fسلام\u200e a\u00a0b x\u200dy</p>",
			want: []article.Block{{Type: article.Paragraph, Text: "می\u200cشود \u200fسلام\u200e a\u00a0b x\u200dy"}},
		},
		{
			name: "text directly in divs splits at block boundaries",
			html: "<div>alpha<div>beta</div>gamma</div>",
			want: []article.Block{
				{Type: article.Paragraph, Text: "alpha"},
				{Type: article.Paragraph, Text: "beta"},
				{Type: article.Paragraph, Text: "gamma"},
			},
		},
		{
			name: "headings keep their level",
			html: "<h2>Second <i>level</i></h2><h4>Fourth</h4>",
			want: []article.Block{
				{Type: article.Heading, Level: 2, Text: "Second level"},
				{Type: article.Heading, Level: 4, Text: "Fourth"},
			},
		},
		{
			name: "lists, ordered and nested",
			html: "<ol><li>one</li><li>two<ul><li>two a</li></ul></li></ol><ul><li> x </li></ul>",
			want: []article.Block{
				{Type: article.List, Ordered: true, Items: []string{"one", "two", "two a"}, Text: "one\ntwo\ntwo a"},
				{Type: article.List, Items: []string{"x"}, Text: "x"},
			},
		},
		{
			name: "a list of images is a gallery of figures",
			html: `<ul><li><img src="/1.jpg" alt="one"><span>First <b>photo</b></span></li><li><img data-src="/2.jpg"></li></ul>`,
			want: []article.Block{
				{Type: article.Figure, Src: "https://example.org/1.jpg", Alt: "one", Caption: "First photo"},
				{Type: article.Figure, Src: "https://example.org/2.jpg"},
			},
		},
		{
			name: "a list of cards, each with a picture and a heading of its own, is read as blocks",
			html: `<ul class="features"><li><a href="/v1"><img src="/inspector.jpg" alt="Screenshot"></a><h2>Page Inspector</h2><p>Examine the HTML and CSS of any page.</p></li>` +
				`<li><img src="/console.jpg"><h2>Web Console</h2><p>See what the page logs.</p></li></ul>`,
			want: []article.Block{
				{Type: article.Figure, Src: "https://example.org/inspector.jpg", Alt: "Screenshot"},
				{Type: article.Heading, Level: 2, Text: "Page Inspector"},
				{Type: article.Paragraph, Text: "Examine the HTML and CSS of any page."},
				{Type: article.Figure, Src: "https://example.org/console.jpg"},
				{Type: article.Heading, Level: 2, Text: "Web Console"},
				{Type: article.Paragraph, Text: "See what the page logs."},
			},
		},
		{
			name: "a list of teasers whose headings link to other stories stays a gallery",
			html: `<ul><li><img src="/a.jpg"><h3><a href="/storm">Storm hits the coast</a></h3></li><li><img src="/b.jpg"><h3><a href="/vote">Council votes</a></h3></li></ul>`,
			want: []article.Block{
				{Type: article.Figure, Src: "https://example.org/a.jpg", Caption: "Storm hits the coast", Links: []article.Link{{Text: "Storm hits the coast", Href: "https://example.org/storm"}}},
				{Type: article.Figure, Src: "https://example.org/b.jpg", Caption: "Council votes", Links: []article.Link{{Text: "Council votes", Href: "https://example.org/vote"}}},
			},
		},
		{
			name: "quote",
			html: "<blockquote><p>To be</p><p>or not</p></blockquote>",
			want: []article.Block{{Type: article.Quote, Text: "To be\nor not"}},
		},
		{
			name: "figure with caption and absolute src",
			html: `<figure><img src="../img/a.jpg" alt=" An alt "><figcaption>The <em>caption</em></figcaption></figure>`,
			want: []article.Block{{Type: article.Figure, Src: "https://example.org/img/a.jpg", Alt: "An alt", Caption: "The caption"}},
		},
		{
			name: "lazy image: data-src wins over a placeholder src",
			html: `<img src="data:image/gif;base64,R0lGOD" data-src="/real.jpg">`,
			want: []article.Block{{Type: article.Figure, Src: "https://example.org/real.jpg"}},
		},
		{
			name: "lazy image: data-original and data-lazy-src",
			html: `<img data-original="o.jpg"><img data-lazy-src="l.jpg">`,
			want: []article.Block{
				{Type: article.Figure, Src: "https://example.org/dir/o.jpg"},
				{Type: article.Figure, Src: "https://example.org/dir/l.jpg"},
			},
		},
		{
			name: "srcset: the largest candidate",
			html: `<img src="small.jpg" srcset="small.jpg 320w, big.jpg 1280w, mid.jpg 640w">`,
			want: []article.Block{{Type: article.Figure, Src: "https://example.org/dir/big.jpg"}},
		},
		{
			name: "picture sources",
			html: `<picture><source srcset="p1.webp 1x, p2.webp 2x"><img src="fallback.jpg"></picture>`,
			want: []article.Block{{Type: article.Figure, Src: "https://example.org/dir/p2.webp"}},
		},
		{
			name: "noscript copy replaces the placeholder",
			html: `<figure><img src="data:image/png;base64,AAAA" class="lazy"><noscript><img src="/full.jpg" alt="full"></noscript><figcaption>cap</figcaption></figure>`,
			want: []article.Block{{Type: article.Figure, Src: "https://example.org/full.jpg", Alt: "full", Caption: "cap"}},
		},
		{
			name: "an image inside a paragraph follows it",
			html: `<p>before <img src="/i.png"> after</p>`,
			want: []article.Block{
				{Type: article.Paragraph, Text: "before after"},
				{Type: article.Figure, Src: "https://example.org/i.png"},
			},
		},
		{
			name: "tracking pixels are dropped",
			html: `<p>text</p><img src="/px.gif" width="1" height="1">`,
			want: []article.Block{{Type: article.Paragraph, Text: "text"}},
		},
		{
			name: "data table",
			html: `<table><tr><th>City</th><th>Pop.</th></tr><tr><td>Tabriz</td><td>1.6 M</td></tr></table>`,
			want: []article.Block{{Type: article.Table, Rows: [][]string{{"City", "Pop."}, {"Tabriz", "1.6 M"}}}},
		},
		{
			name: "layout table is read as content",
			html: `<table><tr><td><p>Only a layout cell with a paragraph.</p></td></tr></table>`,
			want: []article.Block{{Type: article.Paragraph, Text: "Only a layout cell with a paragraph."}},
		},
		{
			name: "code is untouched",
			html: "<pre class=\"language-go\">func f() {\n\tif  x  {\n\t\treturn\n\t}\n}</pre>",
			want: []article.Block{{Type: article.Code, Lang: "go", Text: "func f() {\n\tif  x  {\n\t\treturn\n\t}\n}"}},
		},
		{
			name: "code language from the inner code element",
			html: "<pre><code class=\"lang-python\">print( 1 )</code></pre>",
			want: []article.Block{{Type: article.Code, Lang: "python", Text: "print( 1 )"}},
		},
		{
			name: "embeds",
			html: `<iframe src="//www.youtube.com/embed/xyz"></iframe><video><source src="/v.mp4"></video>`,
			want: []article.Block{
				{Type: article.Embed, Src: "https://www.youtube.com/embed/xyz"},
				{Type: article.Embed, Src: "https://example.org/v.mp4"},
			},
		},
		{
			name: "links are absolute; javascript: is skipped, mailto kept",
			html: `<p>See <a href="/a">the first</a>, <a href="javascript:void(0)">not this</a> and <a href="mailto:x@example.org">mail</a>.</p>`,
			want: []article.Block{{Type: article.Paragraph, Text: "See the first, not this and mail.", Links: []article.Link{
				{Text: "the first", Href: "https://example.org/a"},
				{Text: "mail", Href: "mailto:x@example.org"},
			}}},
		},
		{
			name: "hidden elements, scripts and styles are dropped",
			html: `<p>shown</p><p hidden>h1</p><p aria-hidden="true">h2</p><p style="color: red; DISPLAY : none">h3</p>` +
				`<p style="visibility:hidden">h4</p><script>var x = "h5"</script><style>p{}</style><template><p>h6</p></template>`,
			want: []article.Block{{Type: article.Paragraph, Text: "shown"}},
		},
		{
			name: "dir attributes are noted for markDirections",
			html: `<p dir="ltr">English</p>`,
			want: []article.Block{{Type: article.Paragraph, Text: "English", Dir: "ltr"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Blocks(parseBody(t, tt.html), mustURL(t, base))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestLargestSrcset(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a.jpg 100w, b.jpg 300w, c.jpg 200w", "b.jpg"},
		{"a.jpg, b.jpg 2x", "b.jpg"},
		{"  a.jpg 1.5x ,b.jpg 1x", "a.jpg"},
		{"https://cdn.example/x.jpg?w=1,2 800w", "https://cdn.example/x.jpg?w=1,2"},
		{"", ""},
		{"data:image/gif;base64,AAA 1x", ""},
	}
	for _, tt := range tests {
		if got := largestSrcset(tt.in); got != tt.want {
			t.Errorf("largestSrcset(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHiddenStyle(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"display:none", true},
		{"color:red; display: none !important", true},
		{"visibility : hidden", true},
		{"display:block", false},
		{"font-family: none", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := hiddenStyle(tt.in); got != tt.want {
			t.Errorf("hiddenStyle(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestHiddenClass(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"hidden", true},
		{"article story artSnippetTop recipeCShopAndBuy hidden", true},
		{"  d-none col-md-4", true},
		{"Hidden", true},
		{"hidden-xs", false}, // hidden on small screens only
		{"visible-hidden-print", false},
		{"unhidden", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := hiddenClass(tt.in); got != tt.want {
			t.Errorf("hiddenClass(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// A copy of the article's opening kept hidden by its class (a paywall's
// variant shown to other readers) does not double the text.
func TestHiddenCopyLeftOut(t *testing.T) {
	lead := `<p>Treasury officials warned on Monday that leaving the region on the edge of financial disaster would cost more, in money and in politics, than acting now.</p>` +
		`<p>"If you leave the region on the edge of the abyss as your source of leverage, your strategy will cost you more," the secretary said, according to two officials.</p>`
	page := `<html><body><article><h1>Officials urge quick action</h1>` +
		`<div class="story snippet hidden"><h3 class="byline">By A Reporter</h3>` + lead + `</div>` +
		`<div class="story snippet"><h3 class="byline">By A Reporter</h3>` + lead + `</div>` +
		`</article></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://news.example/a", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(a.Text, "Treasury officials warned"); n != 1 {
		t.Errorf("the paragraph appears %d times, want 1; text:\n%s", n, a.Text)
	}
}

func TestMarkDirections(t *testing.T) {
	a := &article.Article{Meta: article.Meta{Dir: "rtl"}, Blocks: []article.Block{
		{Type: article.Paragraph, Text: "«سلام» دنیا"},
		{Type: article.Paragraph, Text: "123 Hello"},
		{Type: article.Paragraph, Text: "سلام", Dir: "ltr"},
		{Type: article.List, Items: []string{"", "- English item"}},
		{Type: article.Figure, Src: "https://x.example/a.jpg", Caption: "عکس"},
		{Type: article.Paragraph, Text: "\u200eنام"},
		{Type: article.Paragraph, Text: "123"},
	}}
	markDirections(a)
	want := []string{"", "ltr", "ltr", "ltr", "", "ltr", ""}
	for i, b := range a.Blocks {
		if b.Dir != want[i] {
			t.Errorf("block %d (%q): dir %q, want %q", i, b.PlainText(), b.Dir, want[i])
		}
	}
	a = &article.Article{Blocks: []article.Block{{Type: article.Paragraph, Text: "שלום"}, {Type: article.Paragraph, Text: "hi"}}}
	markDirections(a)
	if a.Blocks[0].Dir != "rtl" || a.Blocks[1].Dir != "" {
		t.Errorf("ltr article: dirs %q %q, want rtl and none", a.Blocks[0].Dir, a.Blocks[1].Dir)
	}
}

func mustParse(t testing.TB, src string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
