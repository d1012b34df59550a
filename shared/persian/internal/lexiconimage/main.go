// Command lexiconimage writes the Persian lexicon as the WebAssembly build
// loads it: decoded and laid out (persian.LexiconImage), then compressed
// with raw DEFLATE, which the extension undoes with the browser's own
// DecompressionStream("deflate-raw"). build.sh runs it beside the module:
//
//	go run ./shared/persian/internal/lexiconimage -o extension/wasm/lexicon.img
package main

import (
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"os"

	"github.com/barg-app/barg/shared/persian"
)

func main() {
	out := flag.String("o", "lexicon.img", "output file")
	flag.Parse()
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "lexiconimage:", err)
		os.Exit(1)
	}
}

func write(path string) error {
	var buf bytes.Buffer
	zw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(persian.LexiconImage()); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
