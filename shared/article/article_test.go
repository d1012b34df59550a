package article

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode"
	"unicode/utf8"
)

func stdJSON(t testing.TB, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func sample() *Article {
	a := &Article{
		Meta: Meta{
			URL: "https://example.com/a?x=1&y=<2>", Title: "دیدار «وزرا» \"quoted\" \\ back", Lang: "fa", Dir: "rtl",
			Authors: []string{"مریم", "Ali"}, Tags: []string{"سیاست"},
			Published: "2022-02-04T02:33:00+03:30", Image: &Image{Src: "https://example.com/i.jpg", Caption: "ک\u200cی"},
		},
		Blocks: []Block{
			{Type: Heading, Text: "H", Level: 2},
			{Type: Paragraph, Text: "line\nbreak\ttab \u2028 \x01 \u200c\u200f", Links: []Link{{Text: "l", Href: "https://e.com/"}}, Dir: "ltr"},
			{Type: List, Ordered: true, Items: []string{"a", "b"}},
			{Type: Table, Rows: [][]string{{"1", "2"}, {"3"}}},
			{Type: Figure, Src: "https://e.com/f.png", Alt: "alt", Caption: "cap"},
			{Type: Code, Text: "x := <y> & z", Lang: "go"},
			{Type: Embed, Src: "https://e.com/v"},
		},
		Normalization: Normalization{Persian: true, Digits: "persian", Changes: 3},
		Extractor:     Extractor{Name: "barg", Version: "0.1.0"},
		CapturedAt:    "2026-11-24T00:00:00Z",
	}
	a.Finalize()
	return a
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	for name, a := range map[string]*Article{
		"full":  sample(),
		"empty": {},
		"finalized-empty": func() *Article {
			a := &Article{}
			a.Finalize()
			return a
		}(),
		"invalid-utf8":    {Meta: Meta{Title: "bad \xff\xfe utf8 \xe2\x80"}},
		"canonical-hint":  {Meta: Meta{URL: "https://a.example/x", CanonicalHint: "https://b.example/y"}},
		"extractor-notes": {Extractor: Extractor{Name: "barg", Version: "1", Notes: []string{"site rule: \"a\" <b>", "دوم"}}},
	} {
		got, want := a.AppendJSON(nil), stdJSON(t, a)
		if !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "abc", "\"\\\n\r\t\x00\x1f", "می\u200cشود", "\u2028\u2029", "\xff", "<&>", utf8Edges} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendString(nil, s)
		want := stdJSON(t, s)
		if !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestFinalize(t *testing.T) {
	a := sample()
	want := "H\n\nline\nbreak\ttab \u2028 \x01 \u200c\u200f\n\na\nb\n\n1\t2\n3\n\nx := <y> & z"
	if a.Text != want {
		t.Errorf("Text = %q, want %q", a.Text, want)
	}
	if a.Schema != Schema {
		t.Errorf("Schema = %q", a.Schema)
	}
	e := &Article{}
	e.Finalize()
	if e.Authors == nil || e.Tags == nil || e.Blocks == nil || e.ReadingMinutes != 0 || e.WordCount != 0 {
		t.Errorf("empty article not normalized: %+v", e)
	}
}

func TestCountWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"one two  three", 3},
		{"می\u200cشود کتاب\u200cها", 2},
		{"don't stop", 2},
		{"۱۴۰۰ و 2022", 3},
		{"عمدتاً دروغ", 2},
		{"— , .", 0},
	} {
		if got := CountWords(tc.in); got != tc.want {
			t.Errorf("CountWords(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// utf8Edges holds the sequences next to the fast paths of CountWords and
// appendString: overlong, surrogate, truncated and stray bytes, and the
// first and last runes of two, three and four bytes.
const utf8Edges = "\xc0\x80 \xc1\xbf \xc2\x80 \xdf\xbf \xd8 \xd8\x20 \xe0\x9f\xbf \xe0\xa0\x80 " +
	"\xed\x9f\xbf \xed\xa0\x80 \xef\xbf\xbf \xe2\x80 \xe2\x80\xa7\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xaa " +
	"\xf0\x90\x80\x80 \xf4\x8f\xbf\xbf \xf4\x90\x80\x80 \x80\xbf \xe2"

// FuzzCountWords checks CountWords, which decodes short runes itself,
// against the same count over utf8.DecodeRuneInString.
func FuzzCountWords(f *testing.F) {
	for _, s := range []string{"", "one two", "می\u200cشود کتاب\u200cها", "don't", "۱۴۰۰ و 2022", "ü\u0301x", utf8Edges} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, in := 0, false
		for rest := s; len(rest) > 0; {
			r, size := utf8.DecodeRuneInString(rest)
			rest = rest[size:]
			word := isWordRune(r) || (in && (r == '\u200c' || r == '\u200d' || r == '\'' || r == '’'))
			if word && !in {
				want++
			}
			in = word
		}
		if got := CountWords(s); got != want {
			t.Fatalf("CountWords(%q) = %d, want %d", s, got, want)
		}
	})
}

func TestReadingMinutes(t *testing.T) {
	for _, tc := range []struct{ words, want int }{{0, 0}, {1, 1}, {200, 1}, {201, 2}, {1000, 5}} {
		a := &Article{}
		if tc.words > 0 {
			a.Blocks = []Block{{Type: Paragraph, Text: repeatWord(tc.words)}}
		}
		a.Finalize()
		if a.ReadingMinutes != tc.want {
			t.Errorf("%d words: %d minutes, want %d", tc.words, a.ReadingMinutes, tc.want)
		}
	}
}

func repeatWord(n int) string {
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		b.WriteString("word ")
	}
	return b.String()
}

func BenchmarkAppendJSON(b *testing.B) {
	a := sample()
	buf := make([]byte, 0, 4096)
	b.ReportAllocs()
	for b.Loop() {
		buf = a.AppendJSON(buf[:0])
	}
}

func BenchmarkEncodingJSON(b *testing.B) {
	a := sample()
	b.ReportAllocs()
	for b.Loop() {
		stdJSON(b, a)
	}
}

// TestIsWordRune checks the table of isWordRune against the unicode
// package for every rune.
func TestIsWordRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if got := isWordRune(r); got != want {
			t.Fatalf("isWordRune(%U) = %v, want %v", r, got, want)
		}
	}
}
