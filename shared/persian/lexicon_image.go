package persian

import (
	"encoding/binary"
	"errors"
)

// A lexicon image is the decoded lexicon laid out as it is in memory: the
// hash table with its slots already filled, the entries and the two
// arenas. The WebAssembly build is given one instead of embedding
// lexicon.bin, and uses it where it lies (lexicon_js.go): decoding
// lexicon.bin hashes and inserts every word, which in a module the engine
// has only just compiled took a hundred milliseconds or more of the first
// capture after each start of the extension's background. Native builds
// decode lexicon.bin (2 ms).
//
// Layout, all integers little-endian, every section aligned to its
// element's size when the image itself is 8-byte aligned:
//
//	magic "BARGLXI1"
//	u32 arena bytes, u32 entries, u32 slots, u32 compound-spelling bytes
//	firstParts: 1024 × u64
//	slots:      slots × u32
//	entries:    entries × (u32 offset, u16 length, u16 class)
//	spellings:  entries × u32 offset, then entries × u16 length
//	arena, then the compounds' spellings
const imageMagic = "BARGLXI1"

var errBadImage = errors.New("persian: malformed lexicon image")

// appendImage appends the image of l to dst.
func appendImage(dst []byte, l *lexicon) []byte {
	t := &l.words
	slots := t.compactSlots()
	le := binary.LittleEndian
	dst = append(dst, imageMagic...)
	dst = le.AppendUint32(dst, uint32(len(t.arena)))
	dst = le.AppendUint32(dst, uint32(len(t.ents)))
	dst = le.AppendUint32(dst, uint32(len(slots)))
	dst = le.AppendUint32(dst, uint32(len(t.wArena)))
	for _, v := range l.firstParts {
		dst = le.AppendUint64(dst, v)
	}
	for _, v := range slots {
		dst = le.AppendUint32(dst, v)
	}
	for _, e := range t.ents {
		dst = le.AppendUint32(dst, e.off)
		dst = le.AppendUint16(dst, e.n)
		dst = le.AppendUint16(dst, e.class)
	}
	for _, v := range t.wOff {
		dst = le.AppendUint32(dst, v)
	}
	for _, v := range t.wN {
		dst = le.AppendUint16(dst, v)
	}
	dst = append(dst, t.arena...)
	return append(dst, t.wArena...)
}

// compactSlots returns the slots of t re-hashed into the smallest table
// that is at most half full: decoding sizes the table from an upper bound
// of the word count, often twice what it needs.
func (t *wordTable) compactSlots() []uint32 {
	size := 1024
	for size < 2*(len(t.ents)+1) {
		size *= 2
	}
	c := wordTable{arena: t.arena, ents: t.ents, slots: make([]uint32, size/2)}
	c.grow() // re-inserts every entry into size slots
	return c.slots
}

// imageSections are the parts of an image, as byte slices of it.
type imageSections struct {
	firstParts, slots, ents, wOff, wN, arena, wArena []byte
	nEnts, nSlots                                    int
}

// splitImage checks an image's header and sizes and cuts it into its
// sections. It does not look inside them: see decodeImage.
func splitImage(b []byte) (imageSections, error) {
	const head = len(imageMagic) + 16
	var s imageSections
	if len(b) < head || string(b[:len(imageMagic)]) != imageMagic {
		return s, errBadImage
	}
	le := binary.LittleEndian
	nArena := int(le.Uint32(b[8:]))
	nEnts := int(le.Uint32(b[12:]))
	nSlots := int(le.Uint32(b[16:]))
	nSpell := int(le.Uint32(b[20:]))
	if nSlots == 0 || nSlots&(nSlots-1) != 0 || nEnts >= nSlots || nEnts > entryMask ||
		nArena > len(b) || nSpell > len(b) {
		return s, errBadImage
	}
	fpBytes := len(lexicon{}.firstParts) * 8
	if len(b) != head+fpBytes+4*nSlots+8*nEnts+6*nEnts+nArena+nSpell {
		return s, errBadImage
	}
	cut := func(n int) []byte {
		p := b[:n:n]
		b = b[n:]
		return p
	}
	cut(head)
	s.firstParts = cut(fpBytes)
	s.slots = cut(4 * nSlots)
	s.ents = cut(8 * nEnts)
	s.wOff = cut(4 * nEnts)
	s.wN = cut(2 * nEnts)
	s.arena = cut(nArena)
	s.wArena = b
	s.nEnts, s.nSlots = nEnts, nSlots
	return s, nil
}

// decodeImage loads a copy of an image written by appendImage, checking
// every offset in it.
func decodeImage(b []byte) (*lexicon, error) {
	s, err := splitImage(b)
	if err != nil {
		return nil, err
	}
	le := binary.LittleEndian
	l := &lexicon{}
	for i := range l.firstParts {
		l.firstParts[i] = le.Uint64(s.firstParts[8*i:])
	}
	t := &l.words
	t.slots = make([]uint32, s.nSlots)
	for i := range t.slots {
		t.slots[i] = le.Uint32(s.slots[4*i:])
	}
	t.ents = make([]wordEntry, s.nEnts)
	t.wOff = make([]uint32, s.nEnts)
	t.wN = make([]uint16, s.nEnts)
	for i := range t.ents {
		q := s.ents[8*i:]
		t.ents[i] = wordEntry{off: le.Uint32(q), n: le.Uint16(q[4:]), class: le.Uint16(q[6:])}
		t.wOff[i], t.wN[i] = le.Uint32(s.wOff[4*i:]), le.Uint16(s.wN[2*i:])
	}
	t.arena = append([]byte(nil), s.arena...)
	t.wArena = string(s.wArena)
	if !t.inBounds() {
		return nil, errBadImage
	}
	return l, nil
}

// inBounds reports whether every slot, entry and spelling of t points
// inside t, and whether some slot is empty (find stops only at one).
func (t *wordTable) inBounds() bool {
	used := 0
	for _, v := range t.slots {
		if int(v&entryMask) > len(t.ents) {
			return false
		}
		if v != 0 {
			used++
		}
	}
	if used > len(t.ents) || used >= len(t.slots) {
		return false
	}
	for i, e := range t.ents {
		if int(e.off)+int(e.n) > len(t.arena) || int(t.wOff[i])+int(t.wN[i]) > len(t.wArena) {
			return false
		}
	}
	return true
}
