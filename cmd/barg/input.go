package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/extract"
	"github.com/barg-app/barg/shared/rawpage"
)

// limits bounds the work on one input: fetching a URL, and extracting the
// page (extract.Options.Deadline, so that no page keeps the CLI for ever).
type limits struct{ fetch, extract time.Duration }

// extractInput reads one input (a file, "-" for standard input, or an
// http(s) URL) and extracts its article with rawpage.Extract, which
// decodes it as a browser would (with the HTTP Content-Type of a fetched
// page) and refuses input that is not an HTML page.
func extractInput(in, pageURL string, stdin io.Reader, opts extract.Options, lim limits) (*article.Article, error) {
	var (
		body        []byte
		contentType string
		err         error
	)
	limit := opts.MaxBytes
	switch {
	case in == "-":
		body, err = readLimited(stdin, limit, 512)
		if pageURL == "" {
			pageURL = "file:///dev/stdin"
		}
	case strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://"):
		body, contentType, err = fetch(in, limit, lim.fetch)
		if pageURL == "" {
			pageURL = in
		}
	default:
		body, err = readFile(in, limit)
		if pageURL == "" {
			abs, _ := filepath.Abs(in)
			pageURL = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
		}
	}
	if err != nil {
		return nil, err
	}
	if lim.extract > 0 {
		opts.Deadline = time.Now().Add(lim.extract)
	}
	return rawpage.Extract(body, contentType, pageURL, opts)
}

// readFile reads a file whole, failing with extract.ErrTooLarge past
// limit bytes, into one buffer of the file's size (io.ReadAll grows its
// buffer from 512 bytes: a tenth of the CLI's time went to that growth).
func readFile(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return readLimited(f, limit, size)
}

// readLimited reads all of r, failing with extract.ErrTooLarge past limit
// bytes; size is the expected length.
func readLimited(r io.Reader, limit, size int64) ([]byte, error) {
	var buf bytes.Buffer
	// ReadFrom wants bytes.MinRead free bytes before each read, the last
	// one (which sees the end) included.
	buf.Grow(int(min(max(size, 0), limit) + bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: over %d bytes", extract.ErrTooLarge, limit)
	}
	return b, nil
}

// fetch downloads an http(s) page.
func fetch(u string, limit int64, timeout time.Duration) ([]byte, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("User-Agent", "Barg/"+extract.Version+" (article capture)")
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return nil, "", fmt.Errorf("fetching %s: %s", u, resp.Status)
	}
	b, err := readLimited(resp.Body, limit, resp.ContentLength)
	return b, resp.Header.Get("Content-Type"), err
}
