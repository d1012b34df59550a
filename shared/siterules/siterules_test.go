package siterules

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/extract"
)

// page is a news page on which the heuristics keep a recurring box (a long
// "related" list without a class that names it) and read the title from
// <title>, the byline from nothing.
const page = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Site name | Generic headline</title></head><body>
<header><a href="/">Home</a></header><div class="ad-slot"></div>
<div class="wrap">
<h1 class="hl">The real headline</h1>
<p class="who"><span class="name">Ada Lovelace</span> and <span class="name">Charles Babbage</span></p>
<span class="when" data-x="1">Published 12 March 2024, 14:05</span>
<div class="story">
<p>The first paragraph of the story tells what happened in the valley, in some detail, with names and places and the time it began.</p>
<p>The second paragraph goes on with what the witnesses said, and what the officials answered when they were asked about the delay.</p>
<div class="box"><p>Subscribe to our newsletter to get every story of the day in your inbox, each morning before breakfast, at no cost at all.</p></div>
<p>The third paragraph ends the story with what comes next, and when the next report is expected from the commission.</p>
</div>
<div class="more"><p>Another story entirely, about the weather in the mountains this weekend and the roads that will close for the snow.</p></div>
</div></body></html>`

const pageURL = "https://www.news.example/world/2024/story.html"

func extractWith(t *testing.T, rules string, url string) *article.Article {
	t.Helper()
	set, err := Parse([]byte(rules))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	opts := extract.Options{CapturedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Rules: set}
	a, err := extract.FromHTML(strings.NewReader(page), url, opts)
	if err != nil {
		t.Fatalf("FromHTML: %v", err)
	}
	return a
}

func TestRulesOnExtraction(t *testing.T) {
	plain := extractWith(t, `[]`, pageURL)
	if !strings.Contains(plain.Text, "newsletter") {
		t.Fatalf("the test page no longer shows the point: the heuristics already drop the box:\n%s", plain.Text)
	}
	cases := []struct {
		name      string
		rules     string
		url       string
		has       []string // in the text
		hasNot    []string
		title     string
		authors   []string
		published string
		notes     []string // substrings, one note each, in order
	}{
		{name: "content and remove", rules: `[{"host":"news.example","content":".story","remove":".box"}]`,
			has: []string{"first paragraph", "third paragraph"}, hasNot: []string{"newsletter", "weather"}},
		{name: "fields", rules: `{"rules":[{"host":"news.example","title":"h1.hl","author":".who .name","published":".when"}]}`,
			title: "The real headline", authors: []string{"Ada Lovelace", "Charles Babbage"}, published: "2024-03-12T14:05:00Z"},
		{name: "content matching nothing falls back with a note", rules: `[{"host":"news.example","content":".gone"}]`,
			has: []string{"first paragraph"}, notes: []string{`site rule "news.example": content ".gone" matched nothing; the heuristics found the content`}},
		{name: "content without text falls back", rules: `[{"host":"news.example","content":".ad-slot"}]`,
			has: []string{"first paragraph"}, notes: []string{`content ".gone"`}},
		{name: "fields matching nothing keep the heuristics' values", rules: `[{"host":"news.example","title":".nope","author":".nope","published":".who"}]`,
			title: plain.Title, notes: []string{`title ".nope" matched no text`, `author ".nope" matched no text`, `published ".who" matched no date`}},
		{name: "remove matching nothing is said", rules: `[{"host":"news.example","remove":".nope"}]`,
			has: []string{"newsletter"}, notes: []string{`remove ".nope" matched nothing`}},
		{name: "other host: no effect", rules: `[{"host":"other.example","content":".more","title":"h1"}]`,
			has: []string{"first paragraph"}, title: plain.Title},
		{name: "lookalike host: no effect", rules: `[{"host":"ws.example","title":"h1"}]`, title: plain.Title},
		{name: "path prefix outside: no effect", rules: `[{"host":"news.example","path":"/wor","title":"h1"}]`, title: plain.Title},
		{name: "path prefix inside", rules: `[{"host":"news.example","path":"/world","title":"h1"}]`, title: "The real headline"},
		{name: "most specific rule wins", rules: `[{"host":"news.example","title":".who"},{"host":"www.news.example","path":"/world/","title":"h1"},{"host":"news.example","path":"/world","title":".when"}]`,
			title: "The real headline"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			url := c.url
			if url == "" {
				url = pageURL
			}
			a := extractWith(t, c.rules, url)
			for _, s := range c.has {
				if !strings.Contains(a.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, a.Text)
				}
			}
			for _, s := range c.hasNot {
				if strings.Contains(a.Text, s) {
					t.Errorf("text still has %q", s)
				}
			}
			if c.title != "" && a.Title != c.title {
				t.Errorf("title %q, want %q", a.Title, c.title)
			}
			if c.authors != nil && strings.Join(a.Authors, "|") != strings.Join(c.authors, "|") {
				t.Errorf("authors %q, want %q", a.Authors, c.authors)
			}
			if c.published != "" && a.Published != c.published {
				t.Errorf("published %q, want %q", a.Published, c.published)
			}
			if c.name == "content without text falls back" {
				if len(a.Extractor.Notes) != 1 || !strings.Contains(a.Extractor.Notes[0], "holds no text") {
					t.Errorf("notes %q", a.Extractor.Notes)
				}
				return
			}
			if len(a.Extractor.Notes) != len(c.notes) {
				t.Fatalf("notes %q, want %d", a.Extractor.Notes, len(c.notes))
			}
			for i, n := range c.notes {
				if !strings.Contains(a.Extractor.Notes[i], n) {
					t.Errorf("note %d %q lacks %q", i, a.Extractor.Notes[i], n)
				}
			}
		})
	}
}

func TestPersianDateIsIranTime(t *testing.T) {
	const fa = `<html lang="fa"><head><title>خبر</title></head><body><article><h1>عنوان</h1>
<span class="d">۲۲ اسفند ۱۴۰۲</span>
<p>این بند نخست خبر است که چند جمله دارد و به اندازهٔ کافی بلند است تا متن اصلی صفحه به شمار آید و خوانده شود.</p>
<p>بند دوم هم چند جملهٔ دیگر دارد تا نوشته کوتاه نباشد و استخراج‌گر آن را مقاله بداند، نه فهرست پیوندها.</p></article></body></html>`
	set, err := Parse([]byte(`[{"host":"fa.example","published":".d"}]`))
	if err != nil {
		t.Fatal(err)
	}
	a, err := extract.FromHTML(strings.NewReader(fa), "https://fa.example/x", extract.Options{Rules: set})
	if err != nil {
		t.Fatal(err)
	}
	if a.Published != "2024-03-12T00:00:00+03:30" || a.PublishedText != "۲۲ اسفند ۱۴۰۲" {
		t.Errorf("published %q (%q)", a.Published, a.PublishedText)
	}
}

func TestSelectionCaptureReadsFieldsOnly(t *testing.T) {
	set, err := Parse([]byte(`[{"host":"news.example","content":".more","title":"h1.hl"}]`))
	if err != nil {
		t.Fatal(err)
	}
	a, err := extract.FromSelection(strings.NewReader(page), "<p>Only what I selected, a sentence.</p>", pageURL, extract.Options{Rules: set})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "The real headline" || a.Text != "Only what I selected, a sentence." {
		t.Errorf("title %q text %q", a.Title, a.Text)
	}
}

func TestBadRules(t *testing.T) {
	cases := []struct {
		name, rules string
		field       string
		pos         int
		msg         string
	}{
		{"unclosed attribute", `[{"host":"a.example","content":"div[class"}]`, "content", 10, "unexpected EOF in attribute selector"},
		{"bad pseudo-class", `[{"host":"a.example","title":"h1:nope"}]`, "title", 7, "unknown pseudoclass"},
		{"garbage after a selector", `[{"host":"a.example","remove":".a )"}]`, "remove", 4, "left over"},
		{"bad character", `[{"host":"a.example","author":"p > > a"}]`, "author", 0, "invalid selector"},
		{"non-ASCII before the error counts as characters", `[{"host":"a.example","content":".خبر:x"}]`, "content", 6, "unknown pseudoclass"},
		{"no host", `[{"content":"p"}]`, "host", 0, "needs a host"},
		{"URL as host", `[{"host":"https://a.example/x","content":"p"}]`, "host", 0, "not a host name"},
		{"relative path", `[{"host":"a.example","path":"fa/","content":"p"}]`, "path", 0, `starts with "/"`},
		{"no selector", `[{"host":"a.example"}]`, "", 0, "no selector"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.rules))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v, want *Error", err)
			}
			if e.Field != c.field || (c.pos != 0 && e.Pos != c.pos) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("got field %q pos %d %q; want field %q pos %d, %q", e.Field, e.Pos, err, c.field, c.pos, c.msg)
			}
			if e.Field != "" && e.Field != "host" && e.Field != "path" && e.Pos == 0 {
				t.Errorf("a selector error without a position: %v", err)
			}
		})
	}
	for _, bad := range []string{``, `{`, `{"rules":3}`, `"x"`, `[3]`} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestMatch(t *testing.T) {
	set, err := Parse([]byte(`[{"host":"*.Example.COM","title":"h1"},{"host":"example.com","path":"/fa/","title":"h2"},{"host":"b.example.com:8080","title":"h3"}]`))
	if err == nil {
		t.Fatal("a host with a port was accepted")
	}
	set, err = Parse([]byte(`[{"host":"*.Example.COM","title":"h1"},{"host":"example.com","path":"/fa/","title":"h2"},{"host":"b.example.com","title":"h3"}]`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		url, want string
	}{
		{"https://example.com/", "h1"},
		{"https://EXAMPLE.com./x", "h1"},
		{"https://a.example.com:8443/fa/x", "h2"},
		{"https://example.com/fa", "h1"},
		{"https://b.example.com/fa/x", "h3"},
		{"https://notexample.com/", ""},
		{"https://example.org/", ""},
		{"not a url", ""},
	} {
		r, ok := set.Match(c.url)
		if got := r.Title; got != c.want || ok != (c.want != "") {
			t.Errorf("Match(%q) = %q %v, want %q", c.url, got, ok, c.want)
		}
	}
	var none *Set
	if none.For("https://example.com/") != nil || none.Len() != 0 {
		t.Error("a nil set matched")
	}
}

func TestProbe(t *testing.T) {
	set, err := Parse([]byte(`[{"host":"news.example","content":".story p","remove":".box, .more","title":".nope"}]`))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	r, counts, ok := set.Probe(doc, pageURL)
	if !ok || r.Host != "news.example" || counts["content"] != 4 || counts["remove"] != 2 || counts["title"] != 0 || len(counts) != 3 {
		t.Errorf("Probe = %v %v %v", r, counts, ok)
	}
	if _, _, ok := set.Probe(doc, "https://other.example/"); ok {
		t.Error("a rule matched another host")
	}
}
