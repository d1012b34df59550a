package persian

import (
	"compress/flate"
	_ "embed"
	"io"
	"strings"
	"sync"
)

//go:generate go run ./internal/genlexicon -o lexicon.bin

// lexiconData is the word list built by internal/genlexicon from Debian's
// myspell-fa (GPL-2.0-or-later), filtered with npm's @cspell/dict-fa-ir
// (Apache-2.0). It is DEFLATE-compressed; inside, after the magic
// "BARGLEX1", it is front-coded: per class a tag byte, a little-endian
// uint32 count, then entries of [shared prefix length][rest length][rest].
//
//go:embed lexicon.bin
var lexiconData string

// Word classes, as bits of lexicon.class.
const (
	classVerb           = 1 << iota // a verb form written after می‌ / نمی‌
	classNoun                       // takes the plural ‌ها / ‌های…
	classAdj                        // takes ‌تر / ‌ترین
	classParticiple                 // a past participle: takes ‌اند / ‌است…
	classHehNoun                    // ends in ه and takes ‌ای
	classJoined                     // written joined in common use (زندگینامه): never split whole
	classPrefixed                   // a word in به، بی، هم written joined (بهار، همکاری)
	classException                  // never split (تنها، بیشتر): see exceptions
	classCompound                   // a key of lexicon.compound (saves a lookup)
	classNounNonJoining             // ends in ا د ر…, takes ها with no ZWNJ (کارها)
)

// lexicon is the decoded word list. It is built once, on first use, and is
// read-only afterwards.
type lexicon struct {
	class    map[string]uint16 // word (no ZWNJ) → class bits
	compound map[string]string // compound with its ZWNJs deleted → as written
	// firstParts is a bit set over hashes of the compounds' first parts,
	// which spares most lookups of two words divided by a space.
	firstParts [1 << 16 / 64]uint64
}

var (
	lexOnce sync.Once
	lex     *lexicon
)

// getLexicon returns the decoded lexicon, decoding it on first use.
func getLexicon() *lexicon {
	lexOnce.Do(func() {
		data, err := io.ReadAll(flate.NewReader(strings.NewReader(lexiconData)))
		if err != nil {
			data = nil // a broken build: normalize without the lexicon
		}
		lex = decodeLexicon(string(data))
	})
	return lex
}

func decodeLexicon(data string) *lexicon {
	l := &lexicon{class: make(map[string]uint16, 60000), compound: make(map[string]string, 36000)}
	if !strings.HasPrefix(data, "BARGLEX1") {
		return l
	}
	data = data[8:]
	buf := make([]byte, 0, 64)
	for len(data) >= 5 {
		tag := data[0]
		n := int(data[1]) | int(data[2])<<8 | int(data[3])<<16 | int(data[4])<<24
		data = data[5:]
		buf = buf[:0]
		for i := 0; i < n && len(data) >= 2; i++ {
			p, r := int(data[0]), int(data[1])
			if p > len(buf) || 2+r > len(data) {
				return l // corrupt data: keep what was read
			}
			buf = append(buf[:p], data[2:2+r]...)
			data = data[2+r:]
			w := string(buf)
			switch tag {
			case 'C':
				f := strings.ReplaceAll(w, zwnjStr, "")
				l.compound[f] = w
				l.class[f] |= classCompound
				if i := strings.Index(w, zwnjStr); i > 0 {
					h := partHash([]byte(w[:i]))
					l.firstParts[h/64] |= 1 << (h % 64)
				}
			case 'V':
				l.class[w] |= classVerb
			case 'N':
				l.class[w] |= classNoun
			case 'A':
				l.class[w] |= classAdj
			case 'P':
				l.class[w] |= classParticiple
			case 'H':
				l.class[w] |= classHehNoun
			case 'F':
				l.class[w] |= classJoined
			case 'M':
				l.class[w] |= classNounNonJoining
			case 'W':
				l.class[w] |= classPrefixed
			}
		}
	}
	for w := range exceptions {
		l.class[w] |= classException
	}
	return l
}

// mayStartCompound reports whether some compound may start with part a
// (false positives possible, no false negatives).
func (l *lexicon) mayStartCompound(a []byte) bool {
	h := partHash(a)
	return l.firstParts[h/64]&(1<<(h%64)) != 0
}

// partHash is FNV-1a folded to 16 bits.
func partHash(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return (h ^ h>>16) & 0xFFFF
}

// is reports whether word w (no ZWNJ, no diacritics) has any of the class
// bits c.
func (l *lexicon) is(w []byte, c uint16) bool {
	return l.class[string(w)]&c != 0
}
