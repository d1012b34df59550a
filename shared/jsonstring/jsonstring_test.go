package jsonstring

import (
	"encoding/json"
	"errors"
	"testing"
	"unicode/utf8"
)

func TestDecodeStrict(t *testing.T) {
	tests := []struct {
		in   string // the literal without its opening quote
		want string
		next int
		err  error
	}{
		{`plain" tail`, "plain", 6, nil},
		{`"`, "", 1, nil},
		{`a\"b\\c\/d"`, `a"b\c/d`, 11, nil},
		{`\b\f\n\r\t"`, "\b\f\n\r\t", 11, nil},
		{`\u0628\u0631\u06AF"`, "برگ", 19, nil},
		{`\u200c"`, "\u200c", 7, nil},
		{`\ud83d\ude00"`, "😀", 13, nil},
		{`\ud83dx"`, "\uFFFDx", 8, nil},
		{`\ud83d\u0041"`, "\uFFFDA", 13, nil},
		{`\ude00\ud83d"`, "\uFFFD\uFFFD", 13, nil},
		{"bad \xff byte\"", "bad \uFFFD byte", 11, nil},
		{"raw\nnewline\"", "", 3, ErrControl},
		{`\x"`, "", 0, ErrEscape},
		{`\u12g4"`, "", 0, ErrEscape},
		{`no end`, "", 6, ErrUnterminated},
		{`trailing \`, "", 9, ErrUnterminated},
	}
	for _, tt := range tests {
		got, next, err := Decode(tt.in, 0, Strict)
		if !errors.Is(err, tt.err) || got != tt.want || next != tt.next {
			t.Errorf("Decode(%q, Strict) = %q, %d, %v; want %q, %d, %v", tt.in, got, next, err, tt.want, tt.next, tt.err)
		}
	}
}

func TestDecodeTolerant(t *testing.T) {
	tests := []struct {
		in   string
		want string
		next int
	}{
		{"raw\nnewline\" x", "raw\nnewline", 12},
		{`a\xb"`, "axb", 5},
		{`\u12g4"`, "\uFFFD12g4", 7},
		{`cut off`, "cut off", 7},
		{`cut \`, `cut \`, 5},
		{`\u06`, "\uFFFD06", 4},
		{`ok\u0020"`, "ok ", 9},
	}
	for _, tt := range tests {
		got, next, err := Decode(tt.in, 0, Tolerant)
		if err != nil || got != tt.want || next != tt.next {
			t.Errorf("Decode(%q, Tolerant) = %q, %d, %v; want %q, %d", tt.in, got, next, err, tt.want, tt.next)
		}
	}
}

func TestSkipSpace(t *testing.T) {
	for _, tt := range []struct {
		s    string
		i    int
		want int
	}{
		{" \t\r\n{", 0, 4}, {"{", 0, 0}, {"a  ", 1, 3}, {"", 0, 0}, {"\u00a0x", 0, 0},
	} {
		if got := SkipSpace(tt.s, tt.i); got != tt.want {
			t.Errorf("SkipSpace(%q, %d) = %d, want %d", tt.s, tt.i, got, tt.want)
		}
	}
}

// FuzzDecode checks Strict against encoding/json on the same literal, and
// that Tolerant never fails and always returns valid UTF-8.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`"a"`, `"\u00e9\n"`, `"\ud83d\ude00"`, `"\ud800"`, "\"\xff\"", `"\q"`, `"`, `"x\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, lit string) {
		if len(lit) == 0 || lit[0] != '"' {
			lit = `"` + lit
		}
		got, next, err := Decode(lit, 1, Strict)
		var want string
		jerr := json.Unmarshal([]byte(lit[:max(next, 1)]), &want)
		if err == nil {
			if jerr != nil || got != want {
				t.Fatalf("Decode(%q) = %q, encoding/json: %q, %v", lit, got, want, jerr)
			}
		} else if json.Unmarshal([]byte(lit), &want) == nil {
			t.Fatalf("Decode(%q) failed (%v) where encoding/json reads %q", lit, err, want)
		}
		tol, tnext, terr := Decode(lit, 1, Tolerant)
		if terr != nil || !utf8.ValidString(tol) || tnext > len(lit) || tnext < 1 {
			t.Fatalf("Decode(%q, Tolerant) = %q, %d, %v", lit, tol, tnext, terr)
		}
		if err == nil && (tol != got || tnext != next) {
			t.Fatalf("Tolerant %q, %d differs from Strict %q, %d on %q", tol, tnext, got, next, lit)
		}
	})
}
