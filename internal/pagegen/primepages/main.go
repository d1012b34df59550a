// Command primepages writes the pages the extension extracts on install to
// prime V8's code cache for its module (extension/background/prime.js): the
// repository's own Persian and English test pages grown to a few sizes by
// pagegen, as a JSON list of {url, html}. build.sh runs it from the
// repository's root:
//
//	go run ./internal/pagegen/primepages -o extension/wasm/prime.json
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/barg-app/barg/internal/pagegen"
)

// pages: seed file in testdata/pages and size. Both languages, a large and
// a small page each, so that priming runs the paths captures run (Persian
// normalization, English, metadata): about 300 KB in all.
var pages = []struct {
	seed string
	size int
}{
	{"persian-news.html", 150 << 10},
	{"english-blog.html", 100 << 10},
	{"persian-news.html", 20 << 10},
	{"english-blog.html", 20 << 10},
}

type page struct {
	URL  string `json:"url"`
	HTML string `json:"html"`
}

func main() {
	out := flag.String("o", "prime.json", "output file")
	dir := flag.String("seeds", "testdata/pages", "folder of the seed pages")
	flag.Parse()
	if err := write(*out, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "primepages:", err)
		os.Exit(1)
	}
}

func write(out, dir string) error {
	var list []page
	for i, p := range pages {
		seed, err := os.ReadFile(filepath.Join(dir, p.seed))
		if err != nil {
			return err
		}
		html, err := pagegen.Grow(string(seed), p.size)
		if err != nil {
			return fmt.Errorf("%s: %w", p.seed, err)
		}
		list = append(list, page{URL: fmt.Sprintf("https://barg.invalid/prime/%d.html", i), HTML: html})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // the file is read by JSON.parse only
	if err := enc.Encode(list); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}
