package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Script is a writing system, as Detect sees it.
type Script uint8

// Scripts that Detect tells apart.
const (
	Other Script = iota
	Latin
	Arabic
	Hebrew
	Cyrillic
	Greek
	Han
	Kana
	Hangul
	Thai
	Devanagari
)

// ScriptOf returns the script of letter r.
func ScriptOf(r rune) Script {
	switch {
	case r < 0x80:
		if r|0x20 >= 'a' && r|0x20 <= 'z' {
			return Latin
		}
		return Other
	case unicode.Is(unicode.Latin, r):
		return Latin
	case unicode.Is(unicode.Arabic, r):
		return Arabic
	case unicode.Is(unicode.Hebrew, r):
		return Hebrew
	case unicode.Is(unicode.Cyrillic, r):
		return Cyrillic
	case unicode.Is(unicode.Greek, r):
		return Greek
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return Kana
	case unicode.Is(unicode.Han, r):
		return Han
	case unicode.Is(unicode.Hangul, r):
		return Hangul
	case unicode.Is(unicode.Thai, r):
		return Thai
	case unicode.Is(unicode.Devanagari, r):
		return Devanagari
	}
	return Other
}

// Profile counts the letters of a text by script.
type Profile struct {
	Letters  int // all letters counted
	ByScript [Devanagari + 1]int
}

// MaxSample is how many letters Detect and Measure read at most.
const MaxSample = 20000

// Measure counts the letters of text by script, up to MaxSample letters.
func Measure(text string) Profile {
	var p Profile
	for i := 0; i < len(text); {
		// Runes of one and two bytes (ASCII, the Arabic block) are decoded
		// here: in WebAssembly a call per rune (as a range loop makes) cost
		// more than the counting.
		r := rune(text[i])
		switch {
		case r < utf8.RuneSelf:
			i++
		case r >= 0xC2 && r < 0xE0 && i+1 < len(text) && text[i+1]&0xC0 == 0x80:
			r = (r&0x1F)<<6 | rune(text[i+1]&0x3F)
			i += 2
		default:
			var size int
			r, size = utf8.DecodeRuneInString(text[i:])
			i += size
		}
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

// Share is the fraction of the profile's letters written in script s.
func (p Profile) Share(s Script) float64 {
	if p.Letters == 0 {
		return 0
	}
	return float64(p.ByScript[s]) / float64(p.Letters)
}

// Dominant returns the script most letters are written in and its share.
// Japanese counts its kanji with its kana.
func (p Profile) Dominant() (Script, float64) {
	best, n := Other, 0
	for s := Latin; s <= Devanagari; s++ {
		c := p.ByScript[s]
		if s == Kana && c > 0 {
			c += p.ByScript[Han]
		}
		if c > n {
			best, n = s, c
		}
	}
	if p.Letters == 0 {
		return Other, 0
	}
	return best, float64(n) / float64(p.Letters)
}

// ScriptOfLang is the script language tag code is usually written in, or
// Other when Detect does not know it.
func ScriptOfLang(code string) Script {
	switch Base(code) {
	case "fa", "ar", "ur", "ps", "ckb", "sd", "ug", "ku", "prs", "pes", "pnb", "azb":
		return Arabic
	case "he", "iw", "yi":
		return Hebrew
	case "ru", "uk", "bg", "sr", "mk", "be", "kk", "ky", "mn", "tg":
		return Cyrillic
	case "el":
		return Greek
	case "zh":
		return Han
	case "ja":
		return Kana
	case "ko":
		return Hangul
	case "th":
		return Thai
	case "hi", "mr", "ne":
		return Devanagari
	case "":
		return Other
	}
	if len(Base(code)) == 2 {
		return Latin // the remaining two-letter codes Barg meets are Latin-script languages
	}
	return Other
}

// Detect guesses the language of text from its letters; "" when unsure.
// Within the Arabic script it tells Persian (پ چ ژ گ, Persian yeh and kaf)
// from Arabic (ة, Arabic yeh and kaf), Urdu (ٹ ڈ ڑ ں ے) and Pashto
// (ټ ډ ړ ښ ځ څ ڼ ې ۍ); among Latin-script languages it counts common words.
func Detect(text string) string {
	p := Measure(text)
	if p.Letters < 8 {
		return ""
	}
	s, share := p.Dominant()
	if share < 0.5 {
		return ""
	}
	switch s {
	case Arabic:
		return arabicScript(text)
	case Hebrew:
		if strings.ContainsAny(text, "ײױװ") {
			return "yi"
		}
		return "he"
	case Cyrillic:
		if strings.ContainsAny(text, "іїєґІЇЄҐ") {
			return "uk"
		}
		return "ru"
	case Greek:
		return "el"
	case Han:
		return "zh"
	case Kana:
		return "ja"
	case Hangul:
		return "ko"
	case Thai:
		return "th"
	case Devanagari:
		return "hi"
	case Latin:
		return latinScript(text)
	}
	return ""
}

// arabicScript tells the languages written in the Arabic script apart by
// the letters only one of them uses.
func arabicScript(text string) string {
	var letters, persian, persianYK, arabicYK, taMarbuta, urdu, pashto, sorani int
	for i := 0; i < len(text); {
		r := rune(text[i]) // decoded as in Measure
		switch {
		case r < utf8.RuneSelf:
			i++
			continue // no ASCII letter is Arabic
		case r >= 0xC2 && r < 0xE0 && i+1 < len(text) && text[i+1]&0xC0 == 0x80:
			r = (r&0x1F)<<6 | rune(text[i+1]&0x3F)
			i += 2
		default:
			var size int
			r, size = utf8.DecodeRuneInString(text[i:])
			i += size
		}
		if isArabicBlock(r) {
			if !isArabicLetter(r) {
				continue
			}
		} else if !unicode.IsLetter(r) || !unicode.Is(unicode.Arabic, r) {
			continue
		}
		letters++
		switch r {
		case 'پ', 'چ', 'ژ', 'گ':
			persian++
		case 'ی', 'ک':
			persianYK++
		case 'ي', 'ك', 'ى':
			arabicYK++
		case 'ة':
			taMarbuta++
		case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے', 'ہ', 'ھ':
			urdu++
		case 'ټ', 'ډ', 'ړ', 'ږ', 'ښ', 'ځ', 'څ', 'ڼ', 'ې', 'ۍ':
			pashto++
		case 'ە', 'ێ', 'ۆ', 'ڵ', 'ڕ':
			sorani++
		}
		if letters >= MaxSample {
			break
		}
	}
	frac := func(n int) float64 { return float64(n) / float64(letters) }
	switch {
	case frac(pashto) >= 0.01:
		return "ps"
	case frac(sorani) >= 0.01:
		return "ckb"
	case frac(urdu) >= 0.02:
		return "ur"
	case frac(persian) >= 0.004 && persian > taMarbuta:
		return "fa"
	case frac(taMarbuta) >= 0.004:
		return "ar"
	case persianYK > arabicYK:
		return "fa"
	case arabicYK > 0:
		return "ar"
	}
	return ""
}

// stopwords are a few of the commonest words of each Latin-script language.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "is", "that", "it", "for", "with", "was", "on", "this", "are", "be"},
	"fr": {"le", "la", "les", "et", "des", "est", "une", "du", "dans", "pour", "pas", "qui", "sur", "au"},
	"de": {"der", "die", "und", "das", "ist", "nicht", "mit", "ein", "eine", "den", "zu", "sich", "auf", "auch"},
	"es": {"el", "los", "las", "del", "y", "por", "una", "con", "para", "es", "lo", "como", "más", "pero"},
	"pt": {"o", "os", "do", "da", "não", "em", "um", "uma", "com", "para", "dos", "das", "mais", "foi"},
	"it": {"il", "di", "che", "per", "non", "un", "una", "sono", "della", "gli", "nel", "alla", "anche", "è"},
	"nl": {"het", "een", "van", "en", "niet", "op", "te", "zijn", "voor", "dat", "ook", "met", "aan", "wordt"},
	"cs": {"a", "je", "se", "na", "že", "to", "jsou", "ale", "jako", "pro", "by", "jsem", "které", "také"},
	"pl": {"i", "w", "nie", "się", "na", "jest", "że", "do", "to", "z", "jak", "ale", "po", "tak"},
}

var stopwordLang map[string][]string

func init() {
	stopwordLang = make(map[string][]string)
	for l, ws := range stopwords {
		for _, w := range ws {
			stopwordLang[w] = append(stopwordLang[w], l)
		}
	}
}

// latinScript picks the Latin-script language whose common words occur
// most, if one clearly leads.
func latinScript(text string) string {
	counts := map[string]int{}
	words := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if words++; words > 5000 {
			break
		}
		for _, l := range stopwordLang[strings.ToLower(w)] {
			counts[l]++
		}
	}
	best, second := "", 0
	for l, n := range counts {
		if best == "" || n > counts[best] || n == counts[best] && l < best {
			if best != "" {
				second = max(second, counts[best])
			}
			best = l
		} else {
			second = max(second, n)
		}
	}
	if best == "" || counts[best] < 3 || float64(counts[best]) < 1.3*float64(second) {
		return ""
	}
	return best
}

// isArabicBlock reports whether r is in U+0600–U+06FF, the block of nearly
// every letter of Persian and Arabic text.
func isArabicBlock(r rune) bool { return r >= 0x600 && r < 0x700 }

// isArabicLetter reports whether r, in the Arabic block, is a letter of the
// Arabic script. A table answers what the unicode package's range searches
// did, which were slow in WebAssembly (see article.isWordRune).
func isArabicLetter(r rune) bool {
	return arabicLetters[(r-0x600)/64]&(1<<((r-0x600)%64)) != 0
}

// arabicLetters is the set of U+0600–U+06FF that are letters of the Arabic
// script, taken from the unicode package once.
var arabicLetters = func() (set [4]uint64) {
	for r := rune(0x600); r < 0x700; r++ {
		if unicode.IsLetter(r) && unicode.Is(unicode.Arabic, r) {
			set[(r-0x600)/64] |= 1 << ((r - 0x600) % 64)
		}
	}
	return set
}()
