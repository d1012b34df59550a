// Package rawpage extracts the article of a page given as the bytes it
// was served or saved as: bytes in, article out. It is the path every
// user of the CLI takes, and every quality measurement (the evaluation
// tests, bench/cmd/compare) goes through it too, so the figures measure
// what a user gets.
//
// It lives apart from package extract so that the WebAssembly build,
// which receives the page as the browser already decoded it, links
// neither package charset nor the encodings' tables (+555 KB).
package rawpage

import (
	"bytes"
	"strconv"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/charset"
	"github.com/barg-app/barg/shared/extract"
)

// ErrNotText means the input is not an HTML page (binary data, control
// characters, no markup); it is charset.ErrNotText.
var ErrNotText = charset.ErrNotText

// Extract extracts the article of page. contentType is the HTTP
// Content-Type the page came with ("" for a file); the encoding is chosen
// as a browser does (package charset) and input that is not text is
// refused with ErrNotText. pageURL is where the page was fetched from;
// opts are extract.FromHTML's, whose size limit applies to page as given.
func Extract(page []byte, contentType, pageURL string, opts extract.Options) (*article.Article, error) {
	max := opts.MaxBytes
	if max <= 0 {
		max = extract.DefaultMaxBytes
	}
	if int64(len(page)) > max {
		return nil, &tooLarge{"page is too large: over " + strconv.FormatInt(max, 10) + " bytes"}
	}
	text, _, err := charset.Decode(page, contentType)
	if err != nil {
		return nil, err
	}
	// A legacy page grows in UTF-8 (two bytes a letter for Arabic script):
	// the limit was checked on the bytes received.
	if n := int64(len(text)); n > max {
		opts.MaxBytes = n
	}
	return extract.FromHTML(bytes.NewReader(text), pageURL, opts)
}

// tooLarge matches extract.ErrTooLarge.
type tooLarge struct{ text string }

func (e *tooLarge) Error() string { return e.text }
func (e *tooLarge) Unwrap() error { return extract.ErrTooLarge }
