package extract

import (
	"bytes"
	"io"
	"strconv"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/charset"
)

// ErrNotText means the input is not an HTML page (binary data, control
// characters, no markup); it is charset.ErrNotText.
var ErrNotText = charset.ErrNotText

// FromBytes extracts the article of a page given as the bytes it was
// served or saved as: bytes in, article out. contentType is the HTTP
// Content-Type the page came with ("" for a file); the encoding is chosen
// as a browser does (package charset) and input that is not text is
// refused with ErrNotText. pageURL is where the page was fetched from.
//
// The CLI and every quality measurement (the evaluation tests,
// bench/cmd/compare) read pages through this function, so the figures
// measure what a user gets.
func FromBytes(page []byte, contentType, pageURL string, opts Options) (*article.Article, error) {
	if max := opts.maxBytes(); int64(len(page)) > max {
		return nil, wrap(ErrTooLarge, "over "+strconv.FormatInt(max, 10)+" bytes")
	}
	text, _, err := charset.Decode(page, contentType)
	if err != nil {
		return nil, err
	}
	// A legacy page grows in UTF-8 (two bytes a letter for Arabic script):
	// the limit was checked on the bytes received.
	if n := int64(len(text)); n > opts.maxBytes() {
		opts.MaxBytes = n
	}
	return FromHTML(bytes.NewReader(text), pageURL, opts)
}

// readAll reads r up to limit bytes. A reader that knows its length (a
// bytes.Reader from FromBytes, the strings.Reader of the WebAssembly
// bridge) is read into one buffer of that size: io.ReadAll's doubling from
// 512 bytes cost a tenth of a whole CLI run in allocation and clearing.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	if l, ok := r.(interface{ Len() int }); ok {
		buf := make([]byte, 0, min(int64(l.Len())+1, limit))
		for {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				return buf, nil
			}
			if err != nil {
				return buf, err
			}
			if len(buf) == cap(buf) {
				// Longer than announced, or at the limit: read the rest
				// the ordinary way, still bounded.
				rest, err := io.ReadAll(io.LimitReader(r, limit-int64(len(buf))))
				return append(buf, rest...), err
			}
		}
	}
	return io.ReadAll(io.LimitReader(r, limit))
}
