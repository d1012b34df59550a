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

	"golang.org/x/net/html/charset"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/extract"
)

// extractInput reads one input (a file, "-" for standard input, or an
// http(s) URL), decodes it to UTF-8 and extracts its article.
func extractInput(in, pageURL string, stdin io.Reader, opts extract.Options, timeout time.Duration) (*article.Article, error) {
	var (
		body        []byte
		contentType string
		err         error
	)
	limit := opts.MaxBytes
	switch {
	case in == "-":
		body, err = readLimited(stdin, limit)
		if pageURL == "" {
			pageURL = "file:///dev/stdin"
		}
	case strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://"):
		body, contentType, err = fetch(in, limit, timeout)
		if pageURL == "" {
			pageURL = in
		}
	default:
		var f *os.File
		if f, err = os.Open(in); err == nil {
			body, err = readLimited(f, limit)
			f.Close()
		}
		if pageURL == "" {
			abs, _ := filepath.Abs(in)
			pageURL = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
		}
	}
	if err != nil {
		return nil, err
	}
	utf8, err := toUTF8(body, contentType)
	if err != nil {
		return nil, err
	}
	return extract.FromHTML(bytes.NewReader(utf8), pageURL, opts)
}

// readLimited reads all of r, failing with extract.ErrTooLarge past limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
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
	b, err := readLimited(resp.Body, limit)
	return b, resp.Header.Get("Content-Type"), err
}

// toUTF8 decodes a page by its declared or sniffed charset (BOM, HTTP
// Content-Type, <meta charset>, then a guess), as browsers do.
func toUTF8(b []byte, contentType string) ([]byte, error) {
	enc, name, _ := charset.DetermineEncoding(b, contentType)
	if name == "utf-8" {
		return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), nil
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("decoding the page as %s: %w", name, err)
	}
	return out, nil
}
