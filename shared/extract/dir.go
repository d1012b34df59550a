package extract

import (
	"unicode"

	"github.com/barg-app/barg/shared/article"
)

// markDirections sets Block.Dir on blocks whose direction differs from the
// article's: the direction the page declared for the block (its dir
// attribute, kept in Dir by the converter), else the direction of the
// block's first strong character. Blocks that read like the article carry
// no Dir.
func markDirections(a *article.Article) {
	want := a.Dir
	if want != "rtl" {
		want = "ltr"
	}
	for i := range a.Blocks {
		b := &a.Blocks[i]
		d := b.Dir
		if d != "ltr" && d != "rtl" {
			d = textDir(b)
		}
		if d == "" || d == want {
			b.Dir = ""
		} else {
			b.Dir = d
		}
	}
}

// textDir is the direction of the first strong character of the block's
// text: "rtl", "ltr", or "" when it has none.
func textDir(b *article.Block) string {
	texts := []string{b.Text, b.Caption, b.Alt}
	texts = append(texts, b.Items...)
	for _, r := range b.Rows {
		texts = append(texts, r...)
	}
	for _, t := range texts {
		if d := firstStrong(t); d != "" {
			return d
		}
	}
	return ""
}

// firstStrong returns the direction of the first strongly directional
// character of s, as the Unicode bidi algorithm's P2 rule finds it
// (explicit marks included): "rtl", "ltr" or "".
func firstStrong(s string) string {
	for _, r := range s {
		switch {
		case r == '\u200f' || r == '\u061c': // RLM, ALM
			return "rtl"
		case r == '\u200e': // LRM
			return "ltr"
		case isRTL(r):
			return "rtl"
		case unicode.IsLetter(r):
			return "ltr"
		}
	}
	return ""
}

func isRTL(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic
		r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF || // presentation forms
		r >= 0x10800 && r <= 0x10FFF || r >= 0x1E800 && r <= 0x1EFFF
}
