//go:build !js

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
// (Apache-2.0), and from Lilak (npm's dictionary-fa, Apache-2.0). It is DEFLATE-compressed; inside, after the magic
// "BARGLEX1", it is front-coded: per class a tag byte, a little-endian
// uint32 count, then entries of [shared prefix length][rest length][rest].
//
// Only native builds embed it: the WebAssembly module is given the decoded
// lexicon as an image (see lexicon_js.go), which keeps 120 KB out of the
// module and the decoding out of the browser.
//
//go:embed lexicon.bin
var lexiconData string

var (
	lexOnce sync.Once
	lex     *lexicon
)

// getLexicon returns the decoded lexicon, decoding it on first use.
func getLexicon() *lexicon {
	lexOnce.Do(func() {
		data, err := inflate(lexiconData)
		if err != nil {
			data = nil // a broken build: normalize without the lexicon
		}
		lex = decodeLexicon(data)
	})
	return lex
}

// LexiconImage returns the embedded lexicon decoded and laid out as the
// WebAssembly build loads it with LoadLexiconImage. build.sh writes it
// beside the module (see internal/lexiconimage).
func LexiconImage() []byte {
	return appendImage(nil, getLexicon())
}

// inflate decompresses DEFLATE data into one buffer sized up front (the
// lexicon compresses about 3.9 to 1), instead of io.ReadAll's growing one.
func inflate(z string) ([]byte, error) {
	r := flate.NewReader(strings.NewReader(z))
	buf := make([]byte, 0, 4*len(z)+512)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
