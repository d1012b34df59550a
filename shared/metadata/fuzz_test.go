package metadata

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tidwall/gjson"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/shared/weburl"
)

// FuzzJSONLD feeds arbitrary script text to the JSON-LD reader: it must
// not panic, must finish quickly, and what it returns must be valid UTF-8.
func FuzzJSONLD(f *testing.F) {
	for _, s := range []string{
		`{"@context":"https://schema.org","@type":"NewsArticle","headline":"x","author":{"@id":"#a"},"@graph":[{"@id":"#a","name":"A"}]}`,
		`{"a":1,}{"b":[1,2,`, "{\"a\":\"x\ny\"}", `<![CDATA[{"@type":"Article"}]]>`,
		`{&quot;@type&quot;:&quot;Article&quot;}`, `[[[[[[[[[[[[[[[[[[[[`, `{"@graph":{"@graph":{"@graph":[]}}}`,
		`{"a":"\'\u00zz"}`, `/*`, `"`, `}}}]]]`, `{"a":undefined,"b":NaN}`, `{"d":"a "quote" b","e":1}`,
		`{"@type":["Article"],"author":[{"name":["A","B"]},"C",{"givenName":"D","familyName":"E"}],"datePublished":"1400/11/15"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		for _, v := range repairJSON(s) {
			if utf8.ValidString(s) && !utf8.ValidString(v) {
				t.Errorf("repairJSON(%q) gave invalid UTF-8 %q", s, v)
			}
			// gjson reads only JSON: what repair leaves broken is cut to JSON.
			if !gjson.Valid(v) {
				if w := salvageJSON(v); w != "" && !gjson.Valid(w) {
					t.Errorf("salvageJSON(%q) = %q: not JSON", v, w)
				}
			}
		}
		ld := readJSONLD([]string{s})
		if a := ld.article(); a != nil {
			_ = ld.names(a.get("author"))
			_, _ = ld.url(a.get("image"))
			_ = a.str1("headline")
		}
		if el := time.Since(start); el > time.Second {
			t.Errorf("reading %d bytes took %v", len(s), el)
		}
	})
}

// FuzzRead runs the whole reader over arbitrary pages.
func FuzzRead(f *testing.F) {
	f.Add(`<html lang="fa"><title>a | b</title><meta property="og:site_name" content="b"><div class="date">۱۵ بهمن ۱۴۰۰</div><p class="author">به قلم: x</p></html>`)
	f.Add(`<script type="application/ld+json">{"@type":"NewsArticle","headline":"h","author":"a","datePublished":"2022-02-04T02:33:00+03:30","image":[{"url":"/i.jpg"}]}</script>`)
	f.Add(`<nav class="breadcrumb"><a>Home</a> › <a>News</a></nav><figure><img data-src="x.jpg"><figcaption>c</figcaption></figure>`)
	f.Fuzz(func(t *testing.T, page string) {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			return
		}
		u, _ := weburl.Parse("https://example.com/a/b")
		start := time.Now()
		m := Read(doc, u)
		Settle(&m, page)
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("Read took %v", el)
		}
		if m.Published != "" {
			if _, err := time.Parse(time.RFC3339Nano, m.Published); err != nil {
				t.Errorf("published %q: %v", m.Published, err)
			}
		}
		if m.Dir != "" && m.Dir != "ltr" && m.Dir != "rtl" {
			t.Errorf("dir = %q", m.Dir)
		}
	})
}

// TestReadDeepAndLarge: a tree nested 100,000 levels deep (built by hand:
// x/net/html refuses to parse one) and a 10 MB page are read in bounded time.
func TestReadDeepAndLarge(t *testing.T) {
	large := "<html><head><title>Big page | Site</title></head><body>" +
		strings.Repeat(`<div class="item date"><p class="lead">Some words here, again and again.</p><span class="time">March 3, 2021</span></div>`, 80000) + "</body></html>"
	docLarge, err := html.Parse(strings.NewReader(large))
	if err != nil {
		t.Fatal(err)
	}
	docDeep, _ := html.Parse(strings.NewReader("<html><body></body></html>"))
	n := findBody(docDeep)
	for i := 0; i < 100000; i++ {
		c := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div,
			Attr: []html.Attribute{{Key: "class", Val: "author date lead breadcrumb"}}}
		n.AppendChild(c)
		n = c
	}
	n.AppendChild(&html.Node{Type: html.TextNode, Data: "By Someone 1400/11/15"})
	for name, doc := range map[string]*html.Node{"deep": docDeep, "large": docLarge} {
		u, _ := weburl.Parse("https://example.com/")
		start := time.Now()
		m := Read(doc, u)
		Settle(&m, "")
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("%s page: Read took %v", name, el)
		} else {
			t.Logf("%s page: Read took %v", name, el)
		}
	}
}
