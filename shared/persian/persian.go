// Package persian normalizes Persian text: letters, digits, punctuation,
// spacing and zero-width non-joiners (U+200C), which it also restores.
package persian

// Digits chooses how digits inside Persian text are written.
type Digits int

const (
	// PersianDigits writes ۰۱۲۳۴۵۶۷۸۹ (the default).
	PersianDigits Digits = iota
	// LatinDigits writes 0123456789, for data pipelines.
	LatinDigits
)

// String names the digit style as the article JSON does.
func (d Digits) String() string {
	if d == LatinDigits {
		return "latin"
	}
	return "persian"
}

// Options controls Normalize. The zero value is the recommended setting.
type Options struct {
	Digits          Digits
	StripDiacritics bool // remove vowel marks and tanwin the author wrote
}

// Normalize returns s normalized as Persian text and the number of edits
// made. It keeps the number of lines of s.
func Normalize(s string, opts Options) (string, int) {
	// Placeholder until the normalizer lands (issue 4).
	return s, 0
}
