package persian

// Characters and their classes. Everything here is a pure function of one
// rune, so the tables are constants or read-only arrays.

const (
	zwnj    = '\u200c'
	zwnjStr = "\u200c"
	kashida = '\u0640'
)

// isArabicScript reports whether r belongs to the Arabic script blocks whose
// presence makes a line subject to Persian normalization.
func isArabicScript(r rune) bool {
	return r >= 0x0600 && r <= 0x06FF || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF && r != 0xFEFF
}

// isLetter reports whether r is an Arabic-script letter (not a mark, digit
// or punctuation sign).
func isLetter(r rune) bool {
	if r >= 0x0600 && r <= 0x06FF {
		return arabicBlock[r-0x0600]&kindLetter != 0
	}
	return false
}

// isLetterOrMark reports whether r is an Arabic-block letter or combining
// mark, with one table lookup (every kind in arabicBlock implies one of the
// two: a rune that joins left is a letter).
func isLetterOrMark(r rune) bool {
	return uint32(r-0x0600) < 0x100 && arabicBlock[r-0x0600] != 0
}

// Kinds of the runes of the Arabic block U+0600…U+06FF, precomputed in
// arabicBlock (read-only after package initialization).
const (
	kindLetter = 1 << iota
	kindMark
	kindJoinsLeft // see joinsLeft
)

var arabicBlock = func() (t [256]uint8) {
	for i := range t {
		r := rune(0x0600 + i)
		if letterSlow(r) {
			t[i] |= kindLetter
		}
		if markSlow(r) {
			t[i] |= kindMark
		}
		if joinsLeftSlow(r) {
			t[i] |= kindJoinsLeft
		}
	}
	return t
}()

func letterSlow(r rune) bool {
	switch {
	case r >= 0x0620 && r <= 0x063F, r >= 0x0641 && r <= 0x064A:
		return true
	case r == 0x066E || r == 0x066F, r >= 0x0671 && r <= 0x06D3, r == 0x06D5:
		return true
	case r == 0x06EE || r == 0x06EF, r >= 0x06FA && r <= 0x06FC, r == 0x06FF:
		return true
	}
	return false
}

func markSlow(r rune) bool {
	switch {
	case r >= 0x0610 && r <= 0x061A, r >= 0x064B && r <= 0x065F, r == 0x0670:
		return true
	case r >= 0x06D6 && r <= 0x06DC, r >= 0x06DF && r <= 0x06E4, r == 0x06E7 || r == 0x06E8, r >= 0x06EA && r <= 0x06ED:
		return true
	}
	return false
}

// isVowelMark reports whether r is one of the marks that the
// StripDiacritics option removes: short vowels, tanwin, shadda, sukun,
// superscript alef. Hamza above and below are letters' parts and stay.
func isVowelMark(r rune) bool {
	return r >= 0x064B && r <= 0x0653 || r >= 0x0656 && r <= 0x065F || r == 0x0670
}

// joinsLeft reports whether letter r connects to the letter after it, which
// is when a ZWNJ after it changes the rendering. Persian style writes no
// ZWNJ after the others (ا د ذ ر ز ژ و …).
func joinsLeft(r rune) bool {
	// (a table: the morphology asks it of every stem it tries)
	return uint32(r-0x0600) < 0x100 && arabicBlock[r-0x0600]&kindJoinsLeft != 0
}

func joinsLeftSlow(r rune) bool {
	switch r {
	case 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0627, 0x0629, 0x062F, 0x0630, 0x0631, 0x0632,
		0x0648, 0x0671, 0x0672, 0x0673, 0x0675, 0x0676, 0x0677, 0x06C0, 0x06CD, 0x06CF,
		0x06D2, 0x06D3, 0x06D5, 0x06EE, 0x06EF:
		return false
	}
	if r >= 0x0688 && r <= 0x0699 || r >= 0x06C3 && r <= 0x06CB {
		return false
	}
	return letterSlow(r)
}

// isSpace reports the horizontal spaces that collapse to one U+0020.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\u00a0', '\u1680', '\u202f', '\u205f', '\u3000':
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// isLatinLetter reports ASCII and Latin-1/Extended letters, whose presence
// marks a chunk as Latin (left alone).
func isLatinLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7
}

// digitValue returns the value of an ASCII, Arabic-Indic or Persian digit,
// or -1.
func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 0x0660 && r <= 0x0669:
		return int(r - 0x0660)
	case r >= 0x06F0 && r <= 0x06F9:
		return int(r - 0x06F0)
	}
	return -1
}

// presentationB maps U+FE80…U+FEF4 (Arabic Presentation Forms-B letters)
// to base letters: each entry is a base letter and how many contextual
// forms follow in the block.
var presentationB = [...]struct {
	base  rune
	forms uint8
}{
	{0x0621, 1}, {0x0622, 2}, {0x0623, 2}, {0x0624, 2}, {0x0625, 2}, {0x0626, 4},
	{0x0627, 2}, {0x0628, 4}, {0x0629, 2}, {0x062A, 4}, {0x062B, 4}, {0x062C, 4}, {0x062D, 4},
	{0x062E, 4}, {0x062F, 2}, {0x0630, 2}, {0x0631, 2}, {0x0632, 2}, {0x0633, 4}, {0x0634, 4},
	{0x0635, 4}, {0x0636, 4}, {0x0637, 4}, {0x0638, 4}, {0x0639, 4}, {0x063A, 4}, {0x0641, 4},
	{0x0642, 4}, {0x06A9, 4}, {0x0644, 4}, {0x0645, 4}, {0x0646, 4}, {0x0647, 4}, {0x0648, 2},
	{0x06CC, 2}, {0x06CC, 4},
}

// mapLetter returns the Persian form of letter or presentation form r, and
// a second rune when r is a ligature of two letters (0 otherwise). ok is
// false when r is not changed.
func mapLetter(r rune) (a, b rune, ok bool) {
	switch r {
	case 'ي', 'ى': // Arabic yeh, alef maksura
		return 'ی', 0, true
	case 'ك':
		return 'ک', 0, true
	case 'ھ', 'ە', 'ہ': // heh doachashmee, ae, heh goal
		return 'ه', 0, true
	case 0xFDF2:
		return 0, 0, false // ﷲ is expanded by the caller
	}
	switch {
	case r >= 0xFE80 && r <= 0xFEF4:
		i := rune(0xFE80)
		for _, e := range presentationB {
			if r < i+rune(e.forms) {
				return e.base, 0, true
			}
			i += rune(e.forms)
		}
	case r >= 0xFEF5 && r <= 0xFEFC: // lam-alef ligatures
		return 'ل', [...]rune{'آ', 'أ', 'إ', 'ا'}[(r-0xFEF5)/2], true
	case r >= 0xFE70 && r <= 0xFE7F:
		m := [...]rune{0x064B, 0x064B, 0x064C, 0, 0x064D, 0, 0x064E, 0x064E, 0x064F, 0x064F, 0x0650, 0x0650, 0x0651, 0x0651, 0x0652, 0x0652}[r-0xFE70]
		return m, 0, m != 0
	case r >= 0xFB50 && r <= 0xFBFF:
		switch {
		case r <= 0xFB51:
			return 'ٱ', 0, true
		case r >= 0xFB56 && r <= 0xFB59:
			return 'پ', 0, true
		case r >= 0xFB7A && r <= 0xFB7D:
			return 'چ', 0, true
		case r == 0xFB8A || r == 0xFB8B:
			return 'ژ', 0, true
		case r >= 0xFB8E && r <= 0xFB91:
			return 'ک', 0, true
		case r >= 0xFB92 && r <= 0xFB95:
			return 'گ', 0, true
		case r == 0xFBA4 || r == 0xFBA5:
			return 'ۀ', 0, true
		case r >= 0xFBA6 && r <= 0xFBAD:
			return 'ه', 0, true
		case r >= 0xFBFC && r <= 0xFBFF, r == 0xFBE8 || r == 0xFBE9:
			return 'ی', 0, true
		}
	}
	return r, 0, false
}
