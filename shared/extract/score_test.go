package extract

import "testing"

// FuzzTextSize checks textSize, which tests the commonest bytes first,
// against the same count written case by case.
func FuzzTextSize(f *testing.F) {
	for _, s := range []string{"", "a, b", " \t\n x  y ", "کتاب، دفتر", "\xd8\x8c\xd8", "\xd8 \x8c", " \x80 ", "é\u060c,", "\x00 \x01\x0b\x1f!"} {
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
			case c == 0xD8 && i+1 < len(s) && s[i+1] == 0x8C:
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
