package extract

import (
	"strings"
	"testing"
)

// commaForms are the commas Readability counts, and the ideographic one.
var commaForms = []string{",", "\u060C", "\uFE50", "\uFE10", "\uFE11", "\u2E41", "\u2E34", "\u2E32", "\uFF0C", "\u3001"}

func TestTextSizeCommas(t *testing.T) {
	for _, c := range commaForms {
		if _, n := textSize("a" + c + "b" + c); n != 2 {
			t.Errorf("%U: %d commas, want 2", []rune(c)[0], n)
		}
	}
	for _, s := range []string{"\u2E40", "\uFE51", "\uFF0D", "\u3002", ".", "\u061B"} {
		if _, n := textSize(s); n != 0 {
			t.Errorf("%U counted as a comma", []rune(s)[0])
		}
	}
}

// FuzzTextSize checks textSize, which tests the commonest bytes first,
// against the same count written case by case.
func FuzzTextSize(f *testing.F) {
	for _, s := range []string{"", "a, b", " \t\n x  y ", "کتاب، دفتر", "\xd8\x8c\xd8", "\xd8 \x8c", " \x80 ", "é\u060c,", "\x00 \x01\x0b\x1f!", "a，b、c\uFE50", "\xef\xbc", "\xe2\xb8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var chars, commas int32
		space := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case isSpaceByte(c):
				if !space {
					chars++
				}
				space = true
				continue
			case c&0xC0 == 0x80:
			case c == ',':
				commas++
				chars++
			case c >= 0xD8 && hasCommaPrefix(s[i:]):
				commas++
				chars++
			default:
				chars++
			}
			space = false
		}
		if gc, gm := textSize(s); gc != chars || gm != commas {
			t.Fatalf("textSize(%q) = %d, %d; want %d, %d", s, gc, gm, chars, commas)
		}
	})
}

func hasCommaPrefix(s string) bool {
	for _, c := range commaForms {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}
