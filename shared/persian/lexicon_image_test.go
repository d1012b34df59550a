package persian

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// TestLexiconImageRoundTrip checks that the image the WebAssembly build
// loads answers every lookup as the decoded lexicon.bin does: each word's
// classes, each compound's spelling, the compounds' first parts, and a
// miss for words that are not there.
func TestLexiconImageRoundTrip(t *testing.T) {
	want := getLexicon()
	img := LexiconImage()
	got, err := decodeImage(img)
	if err != nil {
		t.Fatal(err)
	}
	if got.firstParts != want.firstParts {
		t.Error("firstParts differ")
	}
	w := &want.words
	if len(w.ents) < 50000 {
		t.Fatalf("the lexicon has %d words; expected the full list", len(w.ents))
	}
	for _, e := range w.ents {
		word := w.arena[e.off : e.off+uint32(e.n)]
		if c := got.classOf(word); c != e.class {
			t.Fatalf("classOf(%s) = %b, want %b", word, c, e.class)
		}
		gs, gok := got.compoundOf(word)
		ws, wok := want.compoundOf(word)
		if gs != ws || gok != wok {
			t.Fatalf("compoundOf(%s) = %q %v, want %q %v", word, gs, gok, ws, wok)
		}
	}
	for _, absent := range []string{"", "x", "بربربربر", "کتابهاییییی"} {
		if c := got.classOf([]byte(absent)); c != 0 {
			t.Errorf("classOf(%q) = %b, want 0", absent, c)
		}
	}
	min := 1024
	for min < 2*(len(w.ents)+1) {
		min *= 2
	}
	if len(got.words.slots) != min {
		t.Errorf("image keeps %d slots for %d words, want %d: not compacted", len(got.words.slots), len(w.ents), min)
	}
	if !bytes.Equal(appendImage(nil, got), img) {
		t.Error("re-encoding the decoded image gives other bytes")
	}
}

// TestLexiconImageDamaged checks that a damaged image is an error, never a
// panic or a half-loaded lexicon.
func TestLexiconImageDamaged(t *testing.T) {
	img := LexiconImage()
	le := binary.LittleEndian
	damage := map[string]func(b []byte) []byte{
		"empty":       func(b []byte) []byte { return nil },
		"magic":       func(b []byte) []byte { b[0] = 'X'; return b },
		"truncated":   func(b []byte) []byte { return b[:len(b)-1] },
		"longer":      func(b []byte) []byte { return append(b, 0) },
		"slot count":  func(b []byte) []byte { le.PutUint32(b[16:], 3); return b },
		"entry count": func(b []byte) []byte { le.PutUint32(b[12:], le.Uint32(b[12:])+1); return b },
		"slot points past the entries": func(b []byte) []byte {
			s, _ := splitImage(b)
			le.PutUint32(s.slots, entryMask)
			return b
		},
		"entry points past the arena": func(b []byte) []byte {
			s, _ := splitImage(b)
			le.PutUint32(s.ents, uint32(len(s.arena)))
			return b
		},
		"no empty slot": func(b []byte) []byte {
			s, _ := splitImage(b)
			for i := 0; i < len(s.slots); i += 4 {
				le.PutUint32(s.slots[i:], 1|0xFF<<entryBits)
			}
			return b
		},
		"spelling points past its arena": func(b []byte) []byte {
			s, _ := splitImage(b)
			le.PutUint16(s.wN, 0xFFFF)
			le.PutUint32(s.wOff, uint32(len(s.wArena)))
			return b
		},
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			b := f(bytes.Clone(img))
			if l, err := decodeImage(b); err == nil {
				t.Fatalf("decodeImage accepted a damaged image (%d words)", len(l.words.ents))
			}
		})
	}
}

// FuzzDecodeImage feeds decodeImage damaged images: it must return an
// error or a lexicon whose every entry can be looked up, never panic.
func FuzzDecodeImage(f *testing.F) {
	l := &lexicon{}
	l.words.init(64, 32, 8)
	l.words.add([]byte("کتاب"), classNoun)
	l.words.add([]byte("نوشت"), classVerb)
	l.words.addCompound([]byte("بینالمللی"), []byte("بین‌المللی"))
	l.words.done()
	f.Add(appendImage(nil, l))
	f.Add([]byte(imageMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeImage(b)
		if err != nil {
			return
		}
		w := &got.words
		for _, e := range w.ents {
			word := w.arena[e.off : e.off+uint32(e.n)]
			got.classOf(word)
			got.compoundOf(word)
		}
		got.classOf([]byte("کتابها"))
	})
}

// TestLexiconImageReproducible checks that decoding the word list twice
// gives the same image byte for byte: build.sh ships the image, and a build
// must not change it unless the lexicon changed (map order once did).
func TestLexiconImageReproducible(t *testing.T) {
	data, err := inflate(lexiconData)
	if err != nil {
		t.Fatal(err)
	}
	first := appendImage(nil, decodeLexicon(data))
	for range 3 {
		if again := appendImage(nil, decodeLexicon(data)); !bytes.Equal(again, first) {
			t.Fatal("two decodings of the same word list give different images")
		}
	}
}
