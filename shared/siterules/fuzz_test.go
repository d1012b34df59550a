package siterules

import (
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// FuzzSelector: a selector either is refused with a position inside it
// (or one past its end) or runs on a page without panicking.
func FuzzSelector(f *testing.F) {
	for _, s := range []string{"div[class", "h1:nope", ".a )", "p > > a", "article p:nth-of-type(3", ".خبر", "a, b c > d ~ e + f", "[x|=y]"} {
		f.Add(s)
	}
	doc, _ := html.Parse(strings.NewReader(page))
	f.Fuzz(func(t *testing.T, sel string) {
		if len(sel) > MaxSelectorLen {
			return
		}
		g, pos, err := parseSelector(sel)
		if err != nil {
			if pos < 1 || pos > len([]rune(sel))+1 {
				t.Errorf("position %d outside %q", pos, sel)
			}
			return
		}
		set := &Set{rules: []compiled{{Rule: Rule{Host: "news.example", Content: sel}, sel: nil}}}
		_ = g
		set.rules[0].sel = map[string]cascadia.Selector{"content": cascadia.Selector(g.Match)}
		set.Probe(doc, pageURL)
	})
}
