package extract

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzFromHTML feeds arbitrary pages to the extractor: it must not panic,
// must return an article or an error (never both, never neither), its JSON
// must be valid UTF-8, and it must finish in bounded time.
func FuzzFromHTML(f *testing.F) {
	for _, seed := range []string{
		"",
		"<p>hello</p>",
		"<html><body><article><h1>T</h1><p>Text, with commas, and words enough to be an article.</p></article></body></html>",
		"<ul><li>a<ul><li>b</li></ul></li></ul><ol><li></li></ol>",
		"<table><tr><th>a</th></tr><tr><td>b<table><tr><td>c</td></tr></table></td></tr></table>",
		"<figure><img srcset=\", , 1x,\" data-src=\"::\"><noscript><img src=/x.jpg></noscript><figcaption>c</figcaption></figure>",
		"<pre>\x00\xff\xfe code</pre><p dir=rtl>\u200cمی\u200fشود</p>",
		"<a href=\"javascript:alert(1)\">x</a><a href=\"http://[::1\">y</a><base href=\"%zz\">",
		"<div hidden><p>h</p></div><p style=\"display:none;;:\">s</p><p aria-hidden=TRUE>a</p>",
		"<svg><title>t</title><foreignObject><p>in svg</p></foreignObject></svg><math><mi>x</mi></math>",
		strings.Repeat("<div>", 600) + "<p>deep</p>",
		strings.Repeat("<li>", 300) + strings.Repeat("<a href=/>", 300) + "x",
		"<video><source src=/v.mp4></video><iframe src=//yt.example/e></iframe><br><br><br>",
		"<p>" + strings.Repeat("word, ", 5000) + "</p>",
		"\xef\xbb\xbf<html><body>\xc0\x80 invalid utf-8 \xed\xa0\x80</body>",
		"<blockquote><p>q</p><table><tr><th colspan=99999999999>t</th></tr><tr><td>a</td><td>b</td></tr></table><pre>c</pre></blockquote>",
		"<pre>r\n<table><thead><tr><th>h</th></tr></thead><tr><td><pre><table><tr><td>x</td></tr></table></pre></td></tr></table>\n\n</pre>",
		"<pre>" + strings.Repeat("A sentence of prose. Another one here!\n", 30) + "\n\n<b>x</b>\n</pre><pre><div>a</div>\r\n<div>b</div></pre>",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, page string) {
		start := time.Now()
		a, err := FromHTML(strings.NewReader(page), "https://example.org/a/b.html", Options{CapturedAt: time.Unix(0, 0)})
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("took %v on %d bytes", d, len(page))
		}
		if err != nil {
			if a != nil {
				t.Fatalf("both an article and an error: %v", err)
			}
			if errors.Is(err, ErrNoArticle) || strings.Contains(err.Error(), "parsing the page") {
				return
			}
			t.Fatalf("unexpected error: %v", err)
		}
		if a == nil {
			t.Fatal("neither an article nor an error")
		}
		js, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(js) || !json.Valid(js) {
			t.Fatalf("invalid JSON: %q", js)
		}
		if len(a.Blocks) == 0 {
			t.Fatal("an article without blocks")
		}
		for _, b := range a.Blocks {
			for _, u := range []string{b.Src} {
				if u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
					t.Fatalf("non-absolute src %q", u)
				}
			}
			for _, l := range b.Links {
				if !strings.HasPrefix(l.Href, "http") && !strings.HasPrefix(l.Href, "mailto:") {
					t.Fatalf("bad link %q", l.Href)
				}
			}
		}
	})
}
