package pagegen

import (
	"os"
	"strings"
	"testing"

	"github.com/barg-app/barg/shared/extract"
)

func TestGrow(t *testing.T) {
	seeds := []struct {
		file, lang, word string
	}{
		{"../../testdata/pages/persian-news.html", "fa", "کتابخانه"},
		{"../../testdata/pages/english-blog.html", "en", "notebooks"},
	}
	for _, s := range seeds {
		seed, err := os.ReadFile(s.file)
		if err != nil {
			t.Fatal(err)
		}
		small, err := extract.FromHTML(strings.NewReader(string(seed)), "https://example.com/a", extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		prev := small.WordCount
		for _, size := range []int{20 << 10, 200 << 10, 1 << 20} {
			page, err := Grow(string(seed), size)
			if err != nil {
				t.Fatalf("%s %d: %v", s.file, size, err)
			}
			if len(page) < size || len(page) > size+size/20 {
				t.Errorf("%s: asked %d bytes, got %d", s.file, size, len(page))
			}
			a, err := extract.FromHTML(strings.NewReader(page), "https://example.com/a", extract.Options{})
			if err != nil {
				t.Fatalf("%s %d: %v", s.file, size, err)
			}
			// The article grows with the page (up to MaxArticle) and stays the
			// seed's: same title, same language, none of the teasers.
			if a.Title != small.Title || a.Lang != s.lang || a.WordCount <= prev && size <= 5*MaxArticle {
				t.Errorf("%s %d: title %q lang %q words %d (seed %d, previous size %d)", s.file, size, a.Title, a.Lang, a.WordCount, small.WordCount, prev)
			}
			if !strings.Contains(a.Text, s.word) || strings.Contains(a.Text, "/img/") {
				t.Errorf("%s %d: text lacks %q or holds the teasers", s.file, size, s.word)
			}
			prev = a.WordCount
		}
	}
	if _, err := Grow("<html><body><p>x</p></body></html>", 1000); err == nil {
		t.Error("a seed without <h1> was grown")
	}
}
