// Package persian normalizes Persian text: letters, digits, punctuation,
// spacing and zero-width non-joiners (U+200C, ZWNJ), which it also restores
// where they were deleted (میشود → می‌شود) or typed as spaces
// (می شود → می‌شود).
//
// Lines without Arabic-script letters are returned unchanged, and inside
// Persian lines URLs, e-mail addresses and Latin words are left alone.
// Normalize is idempotent and keeps the number of lines.
package persian

import (
	"sync"
	"unicode/utf8"
)

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
//
// ZWNJ restoration depends on the line: a line that holds no ZWNJ at all
// (what careless extraction leaves) gets the full restoration, from the
// lexicon and the morphology, unless it reads as text whose ZWNJs were
// typed as spaces (می شود), where its joined words get only the repairs
// that are wrong in any style (می‌ joined to a verb); a line whose author
// already wrote ZWNJs keeps its joined words. Spellings that are correct
// both ways (آنها and آن‌ها, بزرگترین and بزرگ‌ترین) stay as written.
//
// Normalize reuses the scratch state of earlier calls (a pool of
// normalizers), so that calling it once per line or per block costs about
// what one call over the whole text does. A caller that normalizes many
// strings in one goroutine can hold a Normalizer instead.
func Normalize(s string, opts Options) (string, int) {
	n := normalizerPool.Get().(*normalizer)
	n.opts = opts
	out, edits := n.normalize(s)
	normalizerPool.Put(n)
	return out, edits
}

// normalizerPool holds normalizers between Normalize calls: their buffers
// and word memo (see restoreDeleted) then serve the next call instead of
// being set up again. The memo depends on the lexicon only, not on the
// options, so a pooled normalizer serves any options.
var normalizerPool = sync.Pool{New: func() any { return new(normalizer) }}

// Normalizer normalizes Persian text with fixed options, as Normalize
// does, and keeps its buffers and its memo of restored words from one call
// to the next: the form for a caller that normalizes text line by line or
// block by block (the CLI, extraction). A Normalizer is not safe for
// concurrent use; its zero value is not ready, use NewNormalizer.
type Normalizer struct {
	n normalizer
}

// NewNormalizer returns a Normalizer with the given options.
func NewNormalizer(opts Options) *Normalizer {
	return &Normalizer{n: normalizer{opts: opts}}
}

// Normalize is Normalize with z's options, reusing z's state.
func (z *Normalizer) Normalize(s string) (string, int) {
	return z.n.normalize(s)
}

// Append appends s normalized to dst and returns the extended slice and
// the number of edits made, as Normalize does, without allocating once its
// buffers have grown: the form for a caller that reads lines into a buffer
// and writes them out (the CLI). s is not modified and may not overlap
// dst's spare capacity.
func (z *Normalizer) Append(dst, s []byte) ([]byte, int) {
	out, edits := appendNormalized(&z.n, dst, s)
	if edits == 0 {
		out = append(dst, s...)
	}
	return out, edits
}

// normalize is Normalize with n's options.
func (n *normalizer) normalize(s string) (string, int) {
	out, edits := appendNormalized(n, n.outBytes[:0], s)
	if edits == 0 {
		return s, 0
	}
	n.outBytes = out
	return string(out), edits
}

// appendNormalized appends s normalized to dst when it makes edits, and
// returns dst unchanged with 0 edits when s is already normal. It is
// generic so that the string and the byte forms share one code path
// without converting (and copying) their input.
func appendNormalized[T string | []byte](n *normalizer, dst []byte, s T) ([]byte, int) {
	edits := 0
	// Lines end at \n; a \r (of \r\n, or alone) also ends a segment, so
	// that line breaks of every style are kept as they are.
	start := 0
	for start <= len(s) {
		end, arabic := segment(s, start)
		seg := s[start:end]
		var out []rune
		e := 0
		if arabic {
			out, e = line(n, seg)
		}
		if e > 0 && edits == 0 {
			dst = append(dst, s[:start]...)
		}
		edits += e
		if edits > 0 {
			if e > 0 {
				dst = appendUTF8(dst, out)
			} else {
				dst = append(dst, seg...)
			}
			if end < len(s) {
				dst = append(dst, s[end])
			}
		}
		start = end + 1
	}
	return dst, edits
}

// segment returns the end of the line segment of s that starts at start
// (the index of the first \n or \r from there, or len(s)) and whether the
// segment holds an Arabic-script letter or digit (see hasArabic), in one
// pass over its bytes.
func segment[T string | []byte](s T, start int) (end int, arabic bool) {
	i := start
	for ; i < len(s) && !arabic; i++ {
		switch segmentByte[s[i]] {
		case segBreak:
			return i, false
		case segArabicLead:
			r, _ := decodeRune(s[i:])
			arabic = isArabicScript(r)
		}
	}
	// The rest of the segment only needs its end.
	for ; i < len(s); i++ {
		if c := s[i]; c <= '\r' && (c == '\n' || c == '\r') {
			return i, arabic
		}
	}
	return len(s), arabic
}

// segmentByte classifies bytes for segment: line breaks, and the lead
// bytes of the UTF-8 forms of Arabic-script runes (U+0600–U+06FF,
// U+FB50–U+FEFF); read-only after package initialization.
var segmentByte = func() (t [256]uint8) {
	t['\n'], t['\r'] = segBreak, segBreak
	for c := 0xD8; c <= 0xDB; c++ {
		t[c] = segArabicLead
	}
	t[0xEF] = segArabicLead
	return t
}()

const (
	segBreak = 1 + iota
	segArabicLead
)

// normalizer holds the options and the scratch buffers of Normalize, which
// outlive a call (see Normalizer).
type normalizer struct {
	opts  Options
	runes []rune
	out   []rune
	key   []byte
	head  []byte // keys of word pieces (see chunks)
	tail  []byte
	// headWhole: the piece keyed in head is all of its chunk
	headWhole bool
	cuts      []int
	chunkBuf  []chunk
	outBytes  []byte // normalize's output, before it becomes a string
	word      []rune // a chunk with restored ZWNJs (restoreChunk)
	rejoined  bool   // chunks joined words with no ZWNJ in a line not read as deleted-style
	strict    bool   // restoreChunk restores only words whose joined form is no word (hayStrict)
	punct     bool   // a chunk holds a closer before another rune, or « after one (see chunks)
	// checkPunct (tests only) runs punctSpaces where n.punct lets it
	// skip, and panics if it would have changed the line
	checkPunct bool
	words      int      // words restored, over all calls, until the memo is large
	memo       wordMemo // see restoreDeleted
	memoLex    *lexicon // the lexicon whose results memo holds
}

// appendUTF8 appends r to dst, UTF-8 encoded, with fast paths for the
// one- and two-byte runes that make up Persian text.
func appendUTF8(dst []byte, r []rune) []byte {
	for _, c := range r {
		switch {
		case c < 0x80:
			dst = append(dst, byte(c))
		case c < 0x800:
			dst = append(dst, byte(0xC0|c>>6), byte(0x80|c&0x3F))
		default:
			dst = utf8.AppendRune(dst, c)
		}
	}
	return dst
}

// line normalizes one line (without its line break). It returns the
// line's runes, which are valid only until the next call, when it made
// edits.
// The caller has checked that s holds an Arabic-script rune (hasArabic).
func line[T string | []byte](n *normalizer, s T) ([]rune, int) {
	r, edits, q := letters(n, s)
	// (quotes has nothing to do unless the line holds an even number of
	// straight double quotes, two or more, and chunks keeps their number)
	pairs := q >= 2 && q%2 == 0
	if pairs {
		r, edits = quotes(r, edits)
	}
	r, edits = n.chunks(r, edits)
	// Spacing may bring a quoted span into shape (" !ت" → "! ت"): quote
	// again, and space the new guillemets, so that a second run has
	// nothing left to do.
	e := edits
	if pairs {
		if r, edits = quotes(r, edits); edits != e {
			r, edits = n.chunks(r, edits)
		}
	}
	// Words joined without a ZWNJ (شو ها → شوها) take away the signs of
	// spaced ZWNJs that chose the line's restoration: run again until
	// the line is stable, as a second Normalize would.
	for i := 0; n.rejoined && i < 3; i++ {
		e := edits
		if r, edits = n.chunks(r, edits); edits == e {
			break
		}
	}
	n.runes = r
	return r, edits
}

// hasArabic reports whether s holds an Arabic-script letter or digit.
func hasArabic[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0xD8 && c <= 0xDB || c == 0xEF {
			r, _ := decodeRune(s[i:])
			if isArabicScript(r) {
				return true
			}
		}
	}
	return false
}

// letters decodes s, replacing invalid UTF-8 by U+FFFD (counted as an edit
// only when it changes bytes), and applies the per-character rules:
// Persian letters for Arabic ones and presentation forms, no kashida, no
// zero-width space, BOM or soft hyphen, one kind of space, Arabic-Indic
// digits as Persian, and optionally no vowel marks. It writes into n.runes,
// and counts the straight double quotes it writes (see quotes).
func letters[T string | []byte](n *normalizer, s T) (out []rune, edits, nq int) {
	// Every byte makes at most one rune, but for ﷲ (three bytes, four
	// runes) and the presentation forms of lam-alef (three bytes, two
	// runes): room for 4/3 of the bytes lets the loop write by index.
	if need := len(s) + len(s)/3 + 4; cap(n.runes) < need {
		n.runes = make([]rune, need)
	}
	out = n.runes[:cap(n.runes)]
	keep := &keepAsIs
	if n.opts.StripDiacritics {
		keep = &keepAsIsStripped
	}
	w := 0
	for i := 0; i < len(s); {
		// Fast paths: the letters of the Arabic block (two bytes, lead
		// D8–DB) and the printable ASCII that stay as they are.
		c0 := s[i]
		if c0-0xD8 <= 0xDB-0xD8 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			if x := uint(c0-0xD8)<<6 | uint(s[i+1]&0x3F); keep[x] {
				out[w] = rune(0x0600 + x)
				w++
				i += 2
				continue
			}
		} else if c0 >= ' ' && c0 < 0x80 {
			if c0 == '"' {
				nq++
			}
			out[w] = rune(c0)
			w++
			i++
			continue
		}
		c, size := rune(c0), 1
		if c >= 0x80 {
			if c&0xE0 == 0xC0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 && c >= 0xC2 {
				c, size = (c&0x1F)<<6|rune(s[i+1]&0x3F), 2
			} else if c, size = decodeRune(s[i:]); c == utf8.RuneError && size == 1 {
				edits++
			}
		}
		i += size
		// (the runes that stay as they are took the fast paths above)
		switch {
		case c == kashida, c == '\u200b', c == '\ufeff', c == '\u00ad':
			edits++
			continue
		case c == 0xFDF2: // ﷲ
			out[w], out[w+1], out[w+2], out[w+3] = 'ا', 'ل', 'ل', 'ه'
			w += 4
			edits++
			continue
		case c == '\t' || c != ' ' && isSpace(c):
			c = ' '
			edits++
		case c >= 0x0660 && c <= 0x0669:
			c += 0x06F0 - 0x0660
			edits++
		case n.opts.StripDiacritics && isVowelMark(c):
			edits++
			continue
		case c >= 0x0600:
			if a, b, ok := mapLetter(c); ok {
				edits++
				if n.opts.StripDiacritics && isVowelMark(a) {
					continue
				}
				out[w] = a
				w++
				if b != 0 {
					out[w] = b
					w++
				}
				continue
			}
		}
		out[w] = c
		w++
	}
	return out[:w], edits, nq
}

// decodeRune is utf8.DecodeRuneInString for a string or a byte slice.
func decodeRune[T string | []byte](s T) (rune, int) {
	// (a string of at most four bytes that does not escape: no allocation)
	return utf8.DecodeRuneInString(string(s[:min(len(s), utf8.UTFMax)]))
}

// keepAsIs marks the runes of the Arabic block that letters passes on
// unchanged (vowel marks aside, which depend on the options); read-only
// after package initialization.
var keepAsIs = func() (t [0x100]bool) {
	for i := range t {
		c := rune(0x0600 + i)
		_, _, mapped := mapLetter(c)
		t[i] = c != kashida && !(c >= 0x0660 && c <= 0x0669) && !mapped && c != 0xFDF2
	}
	return t
}()

// keepAsIsStripped is keepAsIs for StripDiacritics: without the vowel
// marks (read-only after package initialization).
var keepAsIsStripped = func() (t [0x100]bool) {
	for i := range t {
		t[i] = keepAsIs[i] && !isVowelMark(rune(0x0600+i))
	}
	return t
}()

// quotes turns pairs of straight double quotes around Persian text into
// guillemets: "سلام" → «سلام».
func quotes(r []rune, edits int) ([]rune, int) {
	count := 0
	for _, c := range r {
		if c == '"' {
			count++
		}
	}
	if count < 2 || count%2 != 0 {
		return r, edits
	}
	open := -1
	for i, c := range r {
		if c != '"' {
			continue
		}
		if open < 0 {
			open = i
			continue
		}
		if persianSpan(r[open+1 : i]) {
			r[open], r[i] = '«', '»'
			edits += 2
		}
		open = -1
	}
	return r, edits
}

// persianSpan reports whether r starts and ends (ignoring spaces and
// punctuation) with Arabic-script letters and holds no Latin letter.
func persianSpan(r []rune) bool {
	first, last := rune(0), rune(0)
	for _, c := range r {
		if isLatinLetter(c) {
			return false
		}
		if isLetter(c) {
			if first == 0 {
				first = c
			}
			last = c
		}
	}
	return first != 0 && last != 0 && len(r) > 0 && !isSpace(r[0]) && !isSpace(r[len(r)-1])
}
