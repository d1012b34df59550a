package persian

import (
	"bytes"
	"maps"
	"slices"
)

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
	classHehFirst                   // Xه: a fused Xهای is likelier Xه‌ای than X‌های (منطقه)
	classPluralFirst                // X: a fused Xهای is likelier X‌های than Xه‌ای (سال)
)

// lexicon is the decoded word list: decoded from the embedded lexicon.bin
// on first use natively, given as an image in WebAssembly (lexicon_js.go),
// and read-only afterwards.
//
// Words live in one arena and are found through an open-addressing table,
// not Go maps: a few large slices instead of ~100k strings and map
// entries, which can also be laid out once and loaded as they are (see
// lexicon_image.go).
type lexicon struct {
	words wordTable
	// firstParts is a bit set over hashes of the compounds' first parts,
	// which spares most lookups of two words divided by a space.
	firstParts [1 << 16 / 64]uint64
}

func decodeLexicon(data []byte) *lexicon {
	l := &lexicon{}
	if !bytes.HasPrefix(data, []byte("BARGLEX1")) {
		l.words.init(0, 0, 0)
		return l
	}
	data = data[8:]
	// Size the table once: growing it while words arrive would copy
	// megabytes, which costs most in WebAssembly, where the first capture
	// pays for this decoding.
	entries, wordBytes, compoundBytes := lexiconSizes(data)
	l.words.init(wordBytes, compoundBytes, entries+len(exceptions))
	buf := make([]byte, 0, 64)
	var fused []byte
	for len(data) >= 5 {
		tag := data[0]
		n := int(data[1]) | int(data[2])<<8 | int(data[3])<<16 | int(data[4])<<24
		data = data[5:]
		buf = buf[:0]
		for i := 0; i < n && len(data) >= 2; i++ {
			p, r := int(data[0]), int(data[1])
			if p > len(buf) || 2+r > len(data) {
				l.words.done()
				return l // corrupt data: keep what was read
			}
			buf = append(buf[:p], data[2:2+r]...)
			data = data[2+r:]
			switch tag {
			case 'C':
				fused = appendWithoutZWNJ(fused[:0], buf)
				l.words.addCompound(fused, buf)
				if i := bytes.Index(buf, zwnjBytes); i > 0 {
					h := partHash(buf[:i])
					l.firstParts[h/64] |= 1 << (h % 64)
				}
			default:
				if c := tagClass(tag); c != 0 {
					l.words.add(buf, c)
				}
			}
		}
	}
	// In sorted order, so the table (and build.sh's lexicon.img) is the same
	// on every run: map order would make each build's image differ.
	for _, w := range slices.Sorted(maps.Keys(exceptions)) {
		l.words.add([]byte(w), classException)
	}
	l.words.done()
	return l
}

// tagClass maps a word list's tag in lexicon.bin to its class bit; 0 for
// an unknown tag.
func tagClass(tag byte) uint16 {
	switch tag {
	case 'V':
		return classVerb
	case 'N':
		return classNoun
	case 'A':
		return classAdj
	case 'P':
		return classParticiple
	case 'H':
		return classHehNoun
	case 'F':
		return classJoined
	case 'M':
		return classNounNonJoining
	case 'W':
		return classPrefixed
	case 'E':
		return classHehFirst
	case 'L':
		return classPluralFirst
	}
	return 0
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

// lexiconSizes walks the sections of data without decoding them and
// returns upper bounds of the entry count, the bytes of all words and the
// bytes of the compounds as written.
func lexiconSizes(data []byte) (entries, wordBytes, compoundBytes int) {
	for len(data) >= 5 {
		tag := data[0]
		n := int(data[1]) | int(data[2])<<8 | int(data[3])<<16 | int(data[4])<<24
		data = data[5:]
		for i := 0; i < n && len(data) >= 2; i++ {
			p, r := int(data[0]), int(data[1])
			if 2+r > len(data) {
				return entries, wordBytes, compoundBytes
			}
			data = data[2+r:]
			entries++
			wordBytes += p + r
			if tag == 'C' {
				compoundBytes += p + r
			}
		}
	}
	return entries, wordBytes, compoundBytes
}

// classOf returns the class bits of word w (no ZWNJ, no diacritics); 0 for
// a word the lexicon does not know.
func (l *lexicon) classOf(w []byte) uint16 {
	if i, ok := l.words.find(w); ok {
		return l.words.ents[i].class
	}
	return 0
}

// compoundOf returns compound k (its ZWNJs deleted) as written.
func (l *lexicon) compoundOf(k []byte) (string, bool) {
	t := &l.words
	i, ok := t.find(k)
	if !ok || t.wN[i] == 0 {
		return "", false
	}
	return t.wArena[t.wOff[i] : t.wOff[i]+uint32(t.wN[i])], true
}

var zwnjBytes = []byte(zwnjStr)

// appendWithoutZWNJ appends w to dst with its ZWNJs left out.
func appendWithoutZWNJ(dst, w []byte) []byte {
	for {
		i := bytes.Index(w, zwnjBytes)
		if i < 0 {
			return append(dst, w...)
		}
		dst = append(dst, w[:i]...)
		w = w[i+len(zwnjBytes):]
	}
}

// wordTable is a set of words with their class bits: the words' bytes in
// one arena, found by hashing with linear probing.
//
// A slot holds an entry's index and a tag of its word's hash, so that most
// probes of a word that is not there (the common case: the morphology
// tries many stems) end at the slot without touching the entries or the
// arena; an entry keeps its offset, length and class together, one cache
// line for a hit.
type wordTable struct {
	arena  []byte
	ents   []wordEntry
	wOff   []uint32 // entry → start of the compound as written in wArena; wN 0: none
	wN     []uint16
	wBuf   []byte   // compounds as written, while decoding
	wArena string   // wBuf, once decoding is done
	slots  []uint32 // hash slot → (entry+1) | tag<<entryBits, 0 when empty
}

type wordEntry struct {
	off   uint32 // start of the word in arena
	n     uint16 // length of the word
	class uint16 // class bits
}

// A slot's low entryBits bits are the entry index plus one, the others a
// tag of the hash; the table holds fewer than 1<<entryBits words.
const (
	entryBits = 18
	entryMask = 1<<entryBits - 1
)

// init sizes the table for up to entries words of wordBytes bytes in all,
// compoundBytes of them compounds as written.
func (t *wordTable) init(wordBytes, compoundBytes, entries int) {
	t.arena = make([]byte, 0, wordBytes)
	t.ents = make([]wordEntry, 0, entries)
	t.wOff = make([]uint32, 0, entries)
	t.wN = make([]uint16, 0, entries)
	t.wBuf = make([]byte, 0, compoundBytes)
	size := 1024 // a power of two, at most half full
	for size < 2*(entries+1) {
		size *= 2
	}
	t.slots = make([]uint32, size)
}

// wordHash is FNV-1a with murmur3's finalizer: FNV's multiplications only
// carry bits upwards, and the table is indexed by the low bits.
func wordHash(w []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range w {
		h = (h ^ uint32(c)) * 16777619
	}
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	return h ^ h>>16
}

// slotTag is the part of a slot that hash h fixes.
func slotTag(h uint32) uint32 { return h &^ entryMask }

// find returns the entry of word w; when w is absent, the empty slot where
// it would go.
func (t *wordTable) find(w []byte) (int, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint32(len(t.slots) - 1)
	h := wordHash(w)
	tag := slotTag(h)
	for s := h & mask; ; s = (s + 1) & mask {
		e := t.slots[s]
		if e == 0 {
			return int(s), false
		}
		if e&^entryMask != tag {
			continue
		}
		i := e&entryMask - 1
		if en := t.ents[i]; int(en.n) == len(w) && string(t.arena[en.off:en.off+uint32(en.n)]) == string(w) {
			return int(i), true
		}
	}
}

// add gives word w the class bits c, adding w when it is new.
func (t *wordTable) add(w []byte, c uint16) int {
	if len(w) > 0xFFFF {
		return -1
	}
	if 2*(len(t.ents)+1) > len(t.slots) {
		t.grow()
	}
	slot, ok := t.find(w)
	if ok {
		t.ents[slot].class |= c
		return slot
	}
	i := len(t.ents)
	if i+1 > entryMask {
		return -1 // full: never for the lexicon's ~80k words
	}
	t.ents = append(t.ents, wordEntry{off: uint32(len(t.arena)), n: uint16(len(w)), class: c})
	t.wOff = append(t.wOff, 0)
	t.wN = append(t.wN, 0)
	t.arena = append(t.arena, w...)
	t.slots[slot] = uint32(i+1) | slotTag(wordHash(w))
	return i
}

// addCompound records compound written (with its ZWNJs) under its fused
// spelling.
func (t *wordTable) addCompound(fused, written []byte) {
	if i := t.add(fused, classCompound); i >= 0 && len(written) <= 0xFFFF {
		t.wOff[i], t.wN[i] = uint32(len(t.wBuf)), uint16(len(written))
		t.wBuf = append(t.wBuf, written...)
	}
}

// done ends decoding: the compounds' spellings become one string, of which
// compoundOf hands out substrings without allocating.
func (t *wordTable) done() {
	t.wArena, t.wBuf = string(t.wBuf), nil
}

// grow doubles the slot array and re-inserts every entry.
func (t *wordTable) grow() {
	size := 2 * len(t.slots)
	if size == 0 {
		size = 1024
	}
	t.slots = make([]uint32, size)
	mask := uint32(size - 1)
	for i, en := range t.ents {
		h := wordHash(t.arena[en.off : en.off+uint32(en.n)])
		s := h & mask
		for t.slots[s] != 0 {
			s = (s + 1) & mask
		}
		t.slots[s] = uint32(i+1) | slotTag(h)
	}
}
