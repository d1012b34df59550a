// Package articleeval loads the team kit's article-extraction sets and
// scores extracted text with the metric of ../shared/tools/article_score.py:
// \w+ tokens, 4-token shingles, per-page precision and recall over shingle
// multisets, corpus precision and recall as means over pages, F1 their
// harmonic mean. The extractor's tests (shared/extract) and the peer
// comparison (bench/cmd/compare) both use it, so their figures agree.
package articleeval

import (
	"unicode"
)

// Tokens splits s into runs of word characters as Python's \w matches them
// (letters, numbers, underscore).
func Tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		w := unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_'
		switch {
		case w && start < 0:
			start = i
		case !w && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func shingles(tokens []string) map[string]int {
	m := map[string]int{}
	const n = 4
	if len(tokens) == 0 {
		return m
	}
	if len(tokens) < n {
		m[join(tokens)]++
		return m
	}
	for i := 0; i+n <= len(tokens); i++ {
		m[join(tokens[i:i+n])]++
	}
	return m
}

func join(t []string) string {
	s := ""
	for i, x := range t {
		if i > 0 {
			s += "\x00"
		}
		s += x
	}
	return s
}

// Counts are one page's true positives, false positives and false
// negatives, scaled to sum to 1.
type Counts struct{ TP, FP, FN float64 }

// Score scores one prediction against its truth.
func Score(truth, pred string) Counts {
	t, p := shingles(Tokens(truth)), shingles(Tokens(pred))
	var tp, fp, fn float64
	for k, a := range t {
		b := p[k]
		tp += float64(min(a, b))
		fn += float64(max(0, a-b))
	}
	for k, b := range p {
		a := t[k]
		fp += float64(max(0, b-a))
	}
	s := tp + fp + fn
	if s == 0 {
		return Counts{}
	}
	return Counts{tp / s, fp / s, fn / s}
}

// Precision of one page.
func (c Counts) Precision() float64 {
	if c.FP == 0 && c.FN == 0 {
		return 1
	}
	if c.TP == 0 && c.FP == 0 {
		return 0
	}
	return c.TP / (c.TP + c.FP)
}

// Recall of one page.
func (c Counts) Recall() float64 {
	if c.FP == 0 && c.FN == 0 {
		return 1
	}
	if c.TP == 0 && c.FN == 0 {
		return 0
	}
	return c.TP / (c.TP + c.FN)
}

// Corpus returns F1, precision and recall over pages.
func Corpus(cs []Counts) (f1, precision, recall float64) {
	var ps, rs []float64
	for _, c := range cs {
		if c.TP+c.FP > 0 {
			ps = append(ps, c.Precision())
		}
		if c.TP+c.FN > 0 {
			rs = append(rs, c.Recall())
		}
	}
	precision, recall = mean(ps), mean(rs)
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return f1, precision, recall
}

func mean(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
