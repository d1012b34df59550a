package metadata

import (
	"strings"
	"testing"
)

// FuzzHintGroups checks hintGroups, which looks words up by their first
// bytes, against a substring search per word.
func FuzzHintGroups(f *testing.F) {
	for _, s := range []string{"", "post-date ", "byline author ", "c12 nav ", "leader lead ", "d", "de", "dek ", "-ad", "x-ad- "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := 0
		for g, ws := range hintWords {
			for _, w := range ws {
				if strings.Contains(s, w) {
					want |= g
				}
			}
		}
		if got := hintGroups([]byte(s)); got != want {
			t.Fatalf("hintGroups(%q) = %b, want %b", s, got, want)
		}
	})
}

// TestHintWordLengths guards hintGroups' second-byte test, which needs
// words of two bytes or more.
func TestHintWordLengths(t *testing.T) {
	for _, ws := range hintWords {
		for _, w := range ws {
			if len(w) < 2 {
				t.Errorf("hint word %q is shorter than two bytes", w)
			}
		}
	}
}
