package articleeval

import (
	"math"
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	got := Tokens("Hello, world_1! می‌شود ۱۲۳ x")
	want := []string{"Hello", "world_1", "می", "شود", "۱۲۳", "x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		truth, pred string
		p, r        float64
	}{
		{"a b c d e", "a b c d e", 1, 1},
		{"a b c d e", "", 0, 0},
		{"a b c d e", "a b c d", 1, 0.5}, // shingles abcd, bcde vs abcd
		{"a b", "a b", 1, 1},             // one short shingle
		{"a b c d", "x a b c d", 0.5, 1}, // xabc is extra
		{"", "a b c d", 0, 0},
	}
	for _, tt := range tests {
		c := Score(tt.truth, tt.pred)
		if math.Abs(c.Precision()-tt.p) > 1e-9 || math.Abs(c.Recall()-tt.r) > 1e-9 {
			t.Errorf("Score(%q, %q): P %v R %v, want %v %v", tt.truth, tt.pred, c.Precision(), c.Recall(), tt.p, tt.r)
		}
	}
}

func TestCorpus(t *testing.T) {
	cs := []Counts{Score("a b c d e", "a b c d e"), Score("a b c d e", "a b c d")}
	f1, p, r := Corpus(cs)
	if p != 1 || r != 0.75 || math.Abs(f1-2*0.75/1.75) > 1e-9 {
		t.Errorf("Corpus = %v %v %v", f1, p, r)
	}
}
