package metadata

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/weburl"
)

func TestCanonical(t *testing.T) {
	tests := []struct {
		page, claimed string
		url, hint     string
	}{
		{"https://www.bbc.co.uk/news/1", "https://www.bbc.co.uk/news/1", "https://www.bbc.co.uk/news/1", ""},
		{"https://m.bbc.co.uk/news/1", "https://www.bbc.co.uk/news/1", "https://www.bbc.co.uk/news/1", ""},
		{"https://amp.example.com/a", "https://example.com/a", "https://example.com/a", ""},
		{"https://news.example.ir/a", "https://www.example.ir/a", "https://www.example.ir/a", ""},
		{"https://evil.example/a", "https://victim.example/a", "", "https://victim.example/a"},
		{"https://bbc.co.uk.evil.example/a", "https://www.bbc.co.uk/news/1", "", "https://www.bbc.co.uk/news/1"},
		{"https://evil.co.uk/a", "https://victim.co.uk/a", "", "https://victim.co.uk/a"},
		{"https://alice.blogspot.com/p", "https://bob.blogspot.com/p", "", "https://bob.blogspot.com/p"},
		{"https://alice.blogfa.com/p", "https://alice.blogfa.com/post/1", "https://alice.blogfa.com/post/1", ""},
		{"http://10.0.0.1/a", "http://10.0.0.2/a", "", "http://10.0.0.2/a"},
		{"file:///home/u/page.html", "https://news.example/a", "https://news.example/a", ""},
		{"http://127.0.0.1:8080/saved.html", "https://news.example/a", "https://news.example/a", ""},
		{"http://localhost/saved.html", "https://news.example/a", "https://news.example/a", ""},
		{"http://[::1]:9000/saved.html", "https://news.example/a", "https://news.example/a", ""},
		{"http://127.0.0.1.evil.example/a", "https://news.example/a", "", "https://news.example/a"},
		{"https://a.example/x", "", "", ""},
	}
	for _, tt := range tests {
		u, err := weburl.Parse(tt.page)
		if err != nil {
			t.Fatal(err)
		}
		url, hint := canonical(u, tt.claimed)
		if url != tt.url || hint != tt.hint {
			t.Errorf("canonical(%s, %s) = %q, %q; want %q, %q", tt.page, tt.claimed, url, hint, tt.url, tt.hint)
		}
	}
}

// TestReadCanonicalOfAnotherSite reads a page that names another site's
// article as its canonical (issue 13): the claim is only a hint.
func TestReadCanonicalOfAnotherSite(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<link rel="canonical" href="https://victim.example/story/1"><title>T</title><p>x</p>`))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := weburl.Parse("https://attacker.example/copy")
	m := Read(doc, u)
	if m.CanonicalURL != "" || m.CanonicalHint != "https://victim.example/story/1" {
		t.Errorf("canonical_url %q, canonical_hint %q", m.CanonicalURL, m.CanonicalHint)
	}
}
