package lang

import (
	"testing"
	"unicode"
)

// FuzzDecodeLoops checks Measure and arabicScript, which decode short runes
// themselves, against the same counts over a range loop.
func FuzzDecodeLoops(f *testing.F) {
	for _, s := range []string{
		"", "abc", "وزیر امور خارجه چین", "قال وزير الخارجية", "پاکستان کے وزیر اعظم",
		"Министры иностранных", "人工智能 日本語", "ü\u0301 ß",
		"\xc0\x80 \xc1\xbf \xc2\x80 \xdf\xbf \xd8 \xd8\x20 \xdb\xbf\xdc\x80 \xed\xa0\x80 \xf0\x90\x80\x80 \x80\xbf \xd9",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Measure(s), measureRange(s); got != want {
			t.Fatalf("Measure(%q) = %v, want %v", s, got, want)
		}
		if got, want := arabicScript(s), arabicScriptRange(s); got != want {
			t.Fatalf("arabicScript(%q) = %q, want %q", s, got, want)
		}
	})
}

// measureRange is Measure written with a range loop.
func measureRange(text string) Profile {
	var p Profile
	for _, r := range text {
		if isArabicBlock(r) && isArabicLetter(r) {
			p.ByScript[Arabic]++
		} else if !unicode.IsLetter(r) {
			continue
		} else {
			p.ByScript[ScriptOf(r)]++
		}
		p.Letters++
		if p.Letters >= MaxSample {
			break
		}
	}
	return p
}

// arabicScriptRange is arabicScript's letter count written with a range
// loop, judged by arabicScript's own thresholds: it returns what
// arabicScript returns for the Arabic-script letters alone.
func arabicScriptRange(text string) string {
	var b []rune
	for _, r := range text {
		if isArabicBlock(r) {
			if !isArabicLetter(r) {
				continue
			}
		} else if !unicode.IsLetter(r) || !unicode.Is(unicode.Arabic, r) {
			continue
		}
		b = append(b, r)
	}
	return arabicScript(string(b))
}
