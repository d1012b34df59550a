//go:build js

package persian

import "unsafe"

// lex is the lexicon given by LoadLexiconImage. It is set once, by the
// WebAssembly bridge before it answers any call, and only read afterwards.
var lex *lexicon

// emptyLexicon is used until an image is loaded: normalization then runs
// every rule but the lexicon's, and restores no ZWNJ.
var emptyLexicon = func() *lexicon {
	l := &lexicon{}
	l.words.init(0, 0, 0)
	return l
}()

// LoadLexiconImage makes img, an image written by LexiconImage in a native
// build, the lexicon of every later normalization. The WebAssembly build
// does not embed the lexicon: the extension fetches the image beside the
// module and hands it over before the first capture.
//
// The lexicon then lives in img, which the caller must not change
// afterwards, and img must be 8-byte aligned (as make returns it). Its
// sections are used where they lie: copying or checking the 3.7 MB, in code
// the engine has only just compiled, would cost the first capture after
// each start tens of milliseconds. A damaged image is caught by Go's bounds
// checks when a word is looked up (the bridge turns that panic into an
// error for the one capture); the extension's package is its only source.
func LoadLexiconImage(img []byte) error {
	s, err := splitImage(img)
	if err != nil {
		return err
	}
	if uintptr(unsafe.Pointer(unsafe.SliceData(img)))%8 != 0 {
		return errBadImage
	}
	l := &lexicon{}
	l.firstParts = *(*[len(l.firstParts)]uint64)(unsafe.Pointer(unsafe.SliceData(s.firstParts)))
	t := &l.words
	t.slots = unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(s.slots))), s.nSlots)
	t.ents = unsafe.Slice((*wordEntry)(unsafe.Pointer(unsafe.SliceData(s.ents))), s.nEnts)
	t.wOff = unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(s.wOff))), s.nEnts)
	t.wN = unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(s.wN))), s.nEnts)
	t.arena = s.arena
	t.wArena = unsafe.String(unsafe.SliceData(s.wArena), len(s.wArena))
	lex = l
	return nil
}

func getLexicon() *lexicon {
	if lex == nil {
		return emptyLexicon
	}
	return lex
}
