package persian

import (
	"strings"
)

// Line-level rules: chunks (runs of non-space characters), digits,
// punctuation, spacing, zero-width clean-up and ZWNJ restoration.

// chunk is a run of non-space runes of a line, r[start:end].
type chunk struct {
	start, end int
	latin      bool // holds Latin letters, a URL or an e-mail address: left alone
	// word: one word, a letter and then letters and marks only (set by
	// cleanChunk), which spares the scans for word boundaries
	word bool
}

// closers take no space before them and one after; openers the reverse.
func isCloser(c rune) bool {
	if c >= 0x0620 { // past the last of them, ؟: the letters
		return false
	}
	switch c {
	case '.', '،', '؛', ':', '!', '؟', '»', ')':
		return true
	}
	return false
}

// closerAt is isCloser of the runes up to U+0620, past which it is false
// (read-only after package initialization).
var closerAt = func() (t [0x0621]bool) {
	for c := range t {
		t[c] = isCloser(rune(c))
	}
	return t
}()

func isOpener(c rune) bool { return c == '«' || c == '(' }

// chunks applies the rules that need to see words and the spaces between
// them, and returns the finished line.
func (n *normalizer) chunks(r []rune, edits int) ([]rune, int) {
	// Split at spaces, collapsing runs and trimming the ends.
	cs := n.chunkBuf[:0]
	for i := 0; i < len(r); {
		if r[i] == ' ' {
			j := i
			for j < len(r) && r[j] == ' ' {
				j++
			}
			if i == 0 || j == len(r) || j-i > 1 {
				edits++
			}
			i = j
			continue
		}
		j, latin := i, false
		for j < len(r) && r[j] != ' ' {
			// (isLatinChunk, in the same pass)
			latin = latin || r[j] < 0x250 && latinAt(r, j)
			j++
		}
		cs = append(cs, chunk{start: i, end: j, latin: latin})
		i = j
	}
	n.chunkBuf = cs
	// Digits, punctuation marks and ZWNJ clean-up, in place (a chunk only
	// shrinks).
	hasZWNJ := false
	n.punct = false
	prev := rune(0) // the last rune of the chunk before
	for ci := range cs {
		c := &cs[ci]
		if c.latin {
			prev = r[c.end-1]
			continue
		}
		var z bool
		next := rune(0) // the first rune of the chunk after
		if ci+1 < len(cs) {
			next = r[cs[ci+1].start]
		}
		edits, z = n.cleanChunk(r, c, prev, next, edits)
		if c.end > c.start {
			prev = r[c.end-1]
		}
		hasZWNJ = hasZWNJ || z
	}
	// Drop chunks that were only zero-width characters.
	k := 0
	for _, c := range cs {
		if c.end > c.start {
			cs[k] = c
			k++
		}
	}
	cs = cs[:k]
	lx := getLexicon()
	if n.key == nil {
		// the three key buffers (see joinSpaced), in one allocation
		buf := make([]byte, 3*64)
		n.key, n.head, n.tail = buf[:0:64], buf[64:64:128], buf[128:128:192]
	}
	// Which restorations run depends on how the line was written (see
	// lineStyle): a line whose author writes ZWNJs gets none.
	deleted, spaced := false, false
	if !hasZWNJ {
		deleted, spaced = n.lineStyle(lx, r, cs)
	}
	n.rejoined = false
	// Build the output: restore deleted ZWNJs in each chunk, then decide
	// what separates it from the chunk before.
	out := n.out[:0]
	// Each word's pieces are keyed once: n.head holds the key of the head
	// piece of word when headOK is set, n.tail that of the tail piece of
	// out when tailOK is set (see joinSpaced).
	tailOK := false
	for ci, c := range cs {
		word := r[c.start:c.end]
		headOK := false
		if !c.latin {
			// A line read as spaced-style (its author types ZWNJs as
			// spaces) still gets, word by word, the restorations of words
			// whose joined form is wrong in any style (see hayStrict); a
			// line whose author writes ZWNJs keeps its joined words.
			if deleted || !hasZWNJ {
				n.strict = !deleted
				word, edits, headOK = n.restoreChunk(lx, word, c.word, func(first, last bool) hayContext { return n.hayContext(r, cs, ci, first, last) }, edits)
			}
		}
		if ci > 0 {
			prevC := cs[ci-1]
			last, first := out[len(out)-1], word[0]
			switch {
			case !c.latin && isCloser(first) && !isCloser(last) || isOpener(last) && !prevC.latin:
				edits++ // no space before a closer, none after an opener
			case !hasZWNJ && !c.latin && !prevC.latin && (isLetterOrMark(last)) && isLetter(first):
				// (restoreChunk only adds ZWNJs: a word of the same
				// length is the chunk as it was)
				oneWord := c.word && len(word) == c.end-c.start
				switch n.joinSpaced(lx, out, word, oneWord, spaced, &headOK, tailOK) {
				case sepZWNJ:
					out = append(out, zwnj)
					edits++
				case sepNone:
					edits++
					// joined with no ZWNJ: the line may read as another
					// style now (see normalizer.line)
					n.rejoined = n.rejoined || !deleted
				default:
					out = append(out, ' ')
				}
			default:
				out = append(out, ' ')
			}
		}
		// The tail piece of out is now word when word is all letters and
		// marks and no letter or mark comes before it.
		tailOK = headOK && n.headWhole && (len(out) == 0 || !isLetterOrMark(out[len(out)-1]))
		if tailOK {
			n.head, n.tail = n.tail, n.head
		}
		out = append(out, word...)
	}
	// Spaces after closing marks and before opening ones, over the whole
	// line, since removing spaces above joins chunks. Only a chunk can
	// hold what needs one (joining chunks puts no letter after a closer
	// nor before a guillemet), and cleanChunk saw every chunk but the
	// Latin ones, where punctSpaces leaves all as it is.
	if n.punct {
		out, edits = n.punctSpaces(out, edits)
	} else if n.checkPunct {
		if _, e := n.punctSpaces(out, 0); e != 0 {
			panic("persian: punctSpaces skipped a line it changes")
		}
	}
	n.out = r
	return out, edits
}

// joinSpaced is lexicon.joinSpaced for the word pieces around the space
// between out (the line so far) and word. The key of word's head piece is
// n.head if *headOK is set, and is left there; that of out's tail piece is
// n.tail if tailOK is set. Where spaced is not set, only a bound part after
// the space (see isBoundPart) can change the space, so the piece before it
// is keyed only then. (n.headWhole tells whether the head piece is all of
// word; oneWord says that word is one word, see chunk.word.)
func (n *normalizer) joinSpaced(lx *lexicon, out, word []rune, oneWord, spaced bool, headOK *bool, tailOK bool) int {
	if !*headOK {
		h := word
		if !oneWord {
			h = headPiece(word)
		}
		if !spaced && len(h) < 3 {
			return sepSpace // no bound part has fewer than three letters
		}
		n.head = n.keyOf(h, n.head[:0])
		n.headWhole = len(h) == len(word)
		*headOK = true
	}
	b := n.head
	if !spaced && !isBoundPart(b) {
		return sepSpace
	}
	if !tailOK {
		n.tail = n.keyOf(tailPiece(out), n.tail[:0])
	}
	return lx.joinSpaced(n.tail, b, spaced)
}

// lineStyle decides which ZWNJ restorations to run on a line that holds
// no ZWNJ. Text whose ZWNJs were typed as spaces shows it by free-standing
// bound parts (می شود، کتاب ها، بزرگ ترین), and there a joined word was
// written joined on purpose; text whose ZWNJs were deleted shows it by
// joined ones (میشود), and there a space is a real space. A line with
// signs of deleted ZWNJs gets the deleted-style restoration, and the
// spaced-style one too only where the signs of spaces outnumber them more
// than twice; a line with no sign of either gets both.
func (n *normalizer) lineStyle(lx *lexicon, r []rune, cs []chunk) (deleted, spaced bool) {
	spacedEv, joinedEv := 0, 0
	for ci, c := range cs {
		if c.latin {
			continue
		}
		s := r[c.start:c.end]
		if ci > 0 && !cs[ci-1].latin {
			p := r[cs[ci-1].start:cs[ci-1].end]
			// (spacedEvidence needs می or نمی before the space, of three
			// letters or fewer, or a suffix after it, of six or fewer,
			// starting with ه or ت, or ای after a word in ه: the pieces
			// are keyed only then)
			if last := p[len(p)-1]; isLetterOrMark(last) && isLetter(s[0]) && (s[0] == 'ه' || s[0] == 'ت' || last == 'ی' || last == 'ه' && isAy(s)) &&
				(fewLetters(tailPiece(p), 3) || (s[0] == 'ه' || s[0] == 'ت' || last == 'ه') && fewLetters(headPiece(s), 6)) {
				a := n.keyOf(tailPiece(p), n.key[:0])
				b := n.keyOf(headPiece(s), a)
				if lx.spacedEvidence(b[:len(a)], b[len(a):]) {
					spacedEv++
				}
				n.key = b
			}
		}
		for i := 0; i < len(s); {
			if !isLetter(s[i]) {
				i++
				continue
			}
			j := len(s)
			if !c.word {
				for j = i; j < len(s) && isLetterOrMark(s[j]); j++ {
				}
			}
			if j-i >= 4 && (s[i] == 'م' && s[i+1] == 'ی' || s[i] == 'ن' && s[i+1] == 'م') {
				n.key = n.keyOf(s[i:j], n.key[:0])
				if lx.joinedEvidence(n.key) {
					joinedEv++
				}
			}
			i = j
		}
	}
	if joinedEv > 0 {
		return true, spacedEv > 2*joinedEv
	}
	return spacedEv == 0, true
}

// isAy reports whether the head piece of r is ای.
func isAy(r []rune) bool {
	return len(r) >= 2 && r[0] == 'ا' && r[1] == 'ی' && (len(r) == 2 || !isLetterOrMark(r[2]))
}

// fewLetters reports whether r holds at most k letters.
func fewLetters(r []rune, k int) bool {
	for _, x := range r {
		if isLetter(x) {
			if k--; k < 0 {
				return false
			}
		}
	}
	return true
}

// isLatinChunk reports whether a chunk is Latin text, a URL, an e-mail
// address or similar machine text that Persian rules must not touch.
func isLatinChunk(r []rune) bool {
	for i := range r {
		if latinAt(r, i) {
			return true
		}
	}
	return false
}

// latinAt reports whether r[i] marks its chunk as Latin (see
// isLatinChunk); all such runes are below U+0250.
func latinAt(r []rune, i int) bool {
	c := r[i]
	return isLatinLetter(c) || c == '@' || c == '/' && i+1 < len(r) && r[i+1] == '/' || c == '\\' || c == '_' || c == '<' || c == '>' || c == '=' || c == '{' || c == '}'
}

// cleanChunk converts digits and punctuation and cleans zero-width
// characters inside chunk c of r; prev is the last rune of the chunk
// before and next the first rune of the chunk after (0 if none). It
// reports whether the chunk keeps a ZWNJ.
func (n *normalizer) cleanChunk(r []rune, c *chunk, prev, next rune, edits int) (int, bool) {
	s := r[c.start:c.end]
	// ISO dates keep their digits wherever a run of digits starts one, not
	// only at the chunk's start: removing a space after an opening mark
	// joins chunks (خ( 2022-02-04 → خ(2022-02-04), and a second run must
	// see the date too.
	// (s[i:] is as it was at step i: the loop writes only at w ≤ i.)
	isoEnd := 0
	kept := false   // a ZWNJ stays
	last := rune(0) // the rune before x, as it was
	w := 0
	other := false // a rune other than a letter or mark is kept
	for i, x := range s {
		// Letters and marks, most of a chunk, stay as they are.
		if isLetterOrMark(x) {
			last = x
			s[w] = x
			w++
			continue
		}
		if i >= isoEnd && digitValue(x) >= 0 && digitValue(last) < 0 {
			isoEnd = i + isoLength(s[i:])
		}
		last = x
		before := prev
		if w > 0 {
			before = s[w-1]
		}
		switch {
		case digitValue(x) >= 0 && i >= isoEnd:
			d := rune(digitValue(x))
			y := '۰' + d
			if n.opts.Digits == LatinDigits {
				y = '0' + d
			}
			if y != x {
				x = y
				edits++
			}
		case x == ',' || x == ';' || x == '?':
			if isLetterOrMark(before) || before == '»' {
				switch x {
				case ',':
					x = '،'
				case ';':
					x = '؛'
				default:
					x = '؟'
				}
				edits++
			}
		case x == '«':
			// (punctSpaces may have to space it from a letter before)
			n.punct = n.punct || w > 0
		case x == zwnj:
			// A ZWNJ stays only between a letter (or mark) and a letter,
			// and only once; a space between them leaves it as the writer
			// typed it (تازه‌ تأسیس، مطالعه ‌است): beside a space it
			// changes nothing on screen, so it is not wrong to a reader.
			after := next
			if i+1 < len(s) {
				after = s[i+1]
			}
			if !isLetterOrMark(before) || w > 0 && !isLetterOrMark(s[w-1]) || !isLetter(after) ||
				w == 0 && i+1 == len(s) {
				edits++
				continue
			}
			kept = true
		}
		if closerAt[min(uint32(x), uint32(len(closerAt)-1))] && i+1 < len(s) {
			n.punct = true // a closer inside the chunk: punctSpaces looks
		}
		s[w] = x
		w++
		other = true
	}
	c.end = c.start + w
	c.word = !other && w > 0 && isLetter(s[0])
	return edits, kept
}

// isISODate reports a chunk that starts like an ISO 8601 date, 2022-02-04.
func isISODate(s []rune) bool {
	if len(s) < 10 {
		return false
	}
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
		} else if digitValue(s[i]) < 0 {
			return false
		}
	}
	return true
}

// isoLength returns how many runes at the start of s are an ISO 8601 date
// or date-time (2022-02-04, 2022-02-04T02:33:00+03:30), whose digits stay
// Latin; 0 when s does not start with one. Digits after it are text.
func isoLength(s []rune) int {
	if !isISODate(s) {
		return 0
	}
	n := 10
	for n < len(s) && (digitValue(s[n]) >= 0 || strings.ContainsRune("T:+-.Z", s[n])) {
		n++
	}
	return n
}

// restoreChunk puts back deleted ZWNJs into the words of a chunk. The
// runes it returns are valid until its next call.
// ctx (see hayContext) gives the context of a word that starts or ends
// the chunk; oneWord says the chunk is one word (see chunk.word).
//
// When s is one word of letters and marks that it leaves as it is, it
// also puts the word's key in n.head and reports so (keyed).
func (n *normalizer) restoreChunk(lx *lexicon, s []rune, oneWord bool, ctx func(first, last bool) hayContext, edits int) (_ []rune, _ int, keyed bool) {
	var out []rune // allocated on the first change
	for i := 0; i < len(s); {
		if !isLetter(s[i]) {
			if out != nil {
				out = append(out, s[i])
			}
			i++
			continue
		}
		j, z := len(s), false
		if !oneWord {
			for j = i; j < len(s) && (isLetterOrMark(s[j]) || s[j] == zwnj); j++ {
				z = z || s[j] == zwnj
			}
		}
		word := s[i:j]
		if !z && j-i >= 4 { // restoreDeleted needs four letters
			n.key = n.keyOf(word, n.key[:0])
			ind := hayNoCue
			if n.strict {
				ind = hayStrict
			} else if hasSuffix(n.key, "های") { // only there does it matter
				if j < len(s) && isCloser(s[j]) {
					ind = hayIndef
				} else {
					ind = ctx(i == 0, j == len(s))
				}
			}
			n.cuts = n.restoreDeleted(lx, n.key, ind)
			if len(n.cuts) == 0 && i == 0 && j == len(s) {
				n.head, n.key = n.key, n.head
				n.headWhole = true
				return s, edits, true
			}
			if len(n.cuts) > 0 {
				if out == nil {
					out = append(n.word[:0], s[:i]...)
				}
				k, ci, last := 0, 0, rune(0)
				for _, x := range word {
					if isLetter(x) {
						for ci < len(n.cuts) && n.cuts[ci] < 2*k {
							ci++
						}
						if ci < len(n.cuts) && n.cuts[ci] == 2*k && k > 0 && joinsLeft(last) {
							out = append(out, zwnj)
							edits++
						}
						last = x
						k++
					}
					out = append(out, x)
				}
				i = j
				continue
			}
		}
		if out != nil {
			out = append(out, word...)
		}
		i = j
	}
	if out == nil {
		return s, edits, false
	}
	n.word = out // reused: the caller copies the word before the next call
	return out, edits, false
}

// restoreDeleted is lexicon.restoreDeleted through the normalizer's memo
// of recent words: running text repeats its words, and a repeated word is
// then found at the cost of one hash instead of the morphology's dozens of
// lookups. The memo is made once the normalizer has seen enough words to
// pay for it, and lives as long as the normalizer (across Normalize calls),
// for as long as the lexicon stays the same one (in WebAssembly it is set
// once, after start).
func (n *normalizer) restoreDeleted(lx *lexicon, key []byte, indef hayContext) []int {
	if n.memoLex != lx {
		n.memo, n.words, n.memoLex = nil, 0, lx
	}
	if len(n.memo) < memoLargeSets {
		switch n.words++; {
		case n.words < memoAfter:
			return lx.restoreDeleted(key, indef, n.cuts[:0])
		case n.memo == nil:
			n.memo = make(wordMemo, memoSmallSets)
		case n.words >= memoGrowAfter:
			n.memo = make(wordMemo, memoLargeSets)
		}
	}
	return n.memo.restore(lx, key, indef, n.cuts[:0])
}

// The memo's sizes, in sets of two words, and when each is made: after
// memoAfter words a normalizer makes a small memo (8,192 words, 256 KiB:
// short fields never need one, and an article's vocabulary mostly fits),
// and after memoGrowAfter words a large one (32,768 words, 1 MiB): a
// long stream of news (the CLI) runs to more words of four letters or
// more than the small one holds, and with it 15% of the CLI benchmark's
// lookups missed as a set's third word pushed out ones still in use.
const (
	memoAfter     = 512
	memoGrowAfter = 1 << 16
	memoSmallSets = 8192 / 2
	memoLargeSets = 32768 / 2
)

// wordMemo is a two-way set-associative cache of restoreDeleted's results
// for keys of up to memoKey bytes: a word found in the second way moves to
// the first, and a new word pushes the first way's into the second, so
// that two frequent words whose hashes meet both stay. Its length is a
// power of two.
type wordMemo [][2]memoEntry

const memoKey = 24 // 12 letters: longer words are rare and go past the memo

type memoEntry struct {
	n     uint8 // key length; 0: empty
	indef hayContext
	ncuts uint8
	cuts  [5]uint8
	key   [memoKey]byte
}

func (e *memoEntry) holds(key []byte, indef hayContext) bool {
	return int(e.n) == len(key) && e.indef == indef && string(e.key[:e.n]) == string(key)
}

func (m wordMemo) restore(lx *lexicon, key []byte, indef hayContext, cuts []int) []int {
	if len(key) > memoKey {
		return lx.restoreDeleted(key, indef, cuts)
	}
	h := wordHash(key) + uint32(indef)
	set := &m[h&uint32(len(m)-1)]
	e := &set[0]
	if !e.holds(key, indef) {
		if !set[1].holds(key, indef) {
			cuts = lx.restoreDeleted(key, indef, cuts)
			if len(cuts) <= len(e.cuts) {
				set[1] = set[0]
				e.n, e.indef, e.ncuts = uint8(len(key)), indef, uint8(len(cuts))
				copy(e.key[:], key)
				for i, c := range cuts {
					e.cuts[i] = uint8(c)
				}
			}
			return cuts
		}
		set[0], set[1] = set[1], set[0]
	}
	for _, c := range e.cuts[:e.ncuts] {
		cuts = append(cuts, int(c))
	}
	return cuts
}

// hayContext returns the context of a word in های that starts (first) or
// ends (last) chunk cs[ci]: indefinite when the next chunk starts with a
// word in noEzafe or there is none, or when a singular determiner comes
// before; plural when a plural determiner or a preposition comes before.
func (n *normalizer) hayContext(r []rune, cs []chunk, ci int, first, last bool) hayContext {
	var buf [32]byte
	if last {
		if ci+1 >= len(cs) {
			return hayIndef
		}
		next := r[cs[ci+1].start:cs[ci+1].end]
		if !isLetter(next[0]) {
			if isCloser(next[0]) {
				return hayIndef
			}
		} else if noEzafe[string(n.keyOf(headPiece(next), buf[:0]))] {
			return hayIndef
		}
	}
	if first && ci > 0 {
		prev := r[cs[ci-1].start:cs[ci-1].end]
		if p := tailPiece(prev); len(p) == len(prev) && len(p) <= 8 {
			k := n.keyOf(p, buf[:0])
			if singularDets[string(k)] {
				return hayIndef
			}
			if c, ok := pluralCues[string(k)]; ok {
				return c
			}
		}
	}
	return hayNoCue
}

// keyOf appends the letters of word (no marks, no ZWNJ) as UTF-8 to dst.
// Yeh with hamza is written as yeh, as the lexicon writes it (پروتئین →
// پروتیین); both take two bytes, so offsets still count letters.
func (n *normalizer) keyOf(word []rune, dst []byte) []byte {
	for _, x := range word {
		if isLetter(x) {
			if x == 'ئ' {
				x = 'ی'
			}
			dst = append(dst, byte(0xC0|x>>6), byte(0x80|x&0x3F))
		}
	}
	return dst
}

// tailPiece returns the letters and marks at the end of s, back to the
// last ZWNJ or other non-letter.
func tailPiece(s []rune) []rune {
	i := len(s)
	for i > 0 && (isLetterOrMark(s[i-1])) {
		i--
	}
	return s[i:]
}

// headPiece returns the letters and marks at the start of s, up to the
// first ZWNJ or other non-letter.
func headPiece(s []rune) []rune {
	i := 0
	for i < len(s) && (isLetterOrMark(s[i])) {
		i++
	}
	return s[:i]
}

// initials reports whether the period at s[i] is inside initials, runs
// of one or two letters each ended by a period: جی.کی. رولینگ.
func initials(s []rune, i int) bool {
	run := func(j, step int) int { // letters from j on, going by step
		n := 0
		for ; j >= 0 && j < len(s) && isLetter(s[j]); j += step {
			n++
		}
		return n
	}
	before, after := run(i-1, -1), run(i+1, 1)
	if before == 0 || before > 2 || after == 0 || after > 2 || i+1+after >= len(s) || s[i+1+after] != '.' {
		return false
	}
	b := i - 1 - before // the rune before the letters: none, a space or another period
	return b < 0 || s[b] == ' ' || s[b] == '.'
}

// latinAround reports whether the run of non-space runes of s around
// index i is a Latin chunk (see isLatinChunk).
func latinAround(s []rune, i int) bool {
	a, b := i, i
	for a > 0 && s[a-1] != ' ' {
		a--
	}
	for b < len(s) && s[b] != ' ' {
		b++
	}
	return isLatinChunk(s[a:b])
}

// punctSpaces puts a space after a closing mark and before an opening
// guillemet where a Persian letter touches them inside a chunk: «الف»ب →
// «الف» ب. An opening parenthesis is left as written (دعات(مبلغین)): the
// rules ask for no space inside brackets, and nothing more of one that
// opens.
func (n *normalizer) punctSpaces(s []rune, edits int) ([]rune, int) {
	var out []rune
	done := 0 // s[:done] is in out
	for i := 1; i < len(s); i++ {
		p, x := s[i-1], s[i]
		// (a table lookup, not a test of p's range, which a space after
		// every word would make a branch mispredicted once per word)
		if !closerAt[min(uint32(p), uint32(len(closerAt)-1))] && x != '«' {
			continue // nothing to do: the common case
		}
		need := false
		if x == '«' {
			need = isLetterOrMark(p)
		} else {
			need = isCloser(p) && isLetter(x) && (p != '.' || i >= 3 && isLetter(s[i-2]) && isLetter(s[i-3]) && !initials(s, i-1))
		}
		if need && latinAround(s, i) {
			need = false // Latin text, a URL: left alone
		}
		if need {
			if out == nil {
				out = make([]rune, 0, len(s)+2)
			}
			out = append(append(out, s[done:i]...), ' ')
			done = i
			edits++
		}
	}
	if out == nil {
		return s, edits
	}
	return append(out, s[done:]...), edits
}
