// Command peercli is a peer extractor run the way `barg extract` runs:
// one process, files given as arguments, each read from disk, extracted
// and printed as one JSON object a line. It exists to time the CLI path
// of Barg against the same path of a peer (BENCHMARKS.md, issue 11):
//
//	GOMAXPROCS=1 /usr/bin/time go-built-peercli -peer readability FILE...
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// result is what each peer prints per page: its article's main fields.
type result struct {
	URL      string `json:"url"`
	Title    string `json:"title"`
	Byline   string `json:"byline"`
	SiteName string `json:"site_name"`
	Lang     string `json:"lang"`
	Text     string `json:"text"`
	Error    string `json:"error,omitempty"`
}

func main() {
	peer := flag.String("peer", "readability", "readability, readability-html (x/net/html.Parse instead of its charset detection) or trafilatura")
	flag.Parse()
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	failed := false
	for _, path := range flag.Args() {
		abs, _ := filepath.Abs(path)
		u := &url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
		r := result{URL: u.String()}
		b, err := os.ReadFile(path)
		if err == nil {
			err = extract(*peer, b, u, &r)
		}
		if err != nil {
			r.Error, failed = err.Error(), true
		}
		if err := enc.Encode(r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if failed {
		os.Exit(1)
	}
}

func extract(peer string, page []byte, u *url.URL, r *result) error {
	switch peer {
	case "readability":
		a, err := readability.FromReader(bytes.NewReader(page), u)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if a.Node != nil {
			a.RenderText(&b)
		}
		r.Title, r.Byline, r.SiteName, r.Lang, r.Text = a.Title(), a.Byline(), a.SiteName(), a.Language(), b.String()
	case "readability-html":
		// The cheapest way to call it: no charset detection (go-shiori/dom
		// runs chardet over the page), the bytes parsed as they are.
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			return err
		}
		a, err := readability.FromDocument(doc, u)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if a.Node != nil {
			a.RenderText(&b)
		}
		r.Title, r.Byline, r.SiteName, r.Lang, r.Text = a.Title(), a.Byline(), a.SiteName(), a.Language(), b.String()
	case "trafilatura":
		res, err := trafilatura.Extract(bytes.NewReader(page), trafilatura.Options{OriginalURL: u, Focus: trafilatura.Balanced})
		if err != nil {
			return err
		}
		r.Title, r.Byline, r.SiteName, r.Lang, r.Text = res.Metadata.Title, res.Metadata.Author, res.Metadata.Sitename, res.Metadata.Language, res.ContentText
	default:
		return fmt.Errorf("unknown peer %q", peer)
	}
	return nil
}
