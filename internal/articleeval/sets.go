package articleeval

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// A Page is one page of an evaluation set and the article text it holds.
type Page struct {
	ID, URL string
	HTML    string // the page, as UTF-8
	Truth   string // the article's text
}

// Scrapinghub reads the article-extraction-benchmark set in dir
// (ground-truth.json and html/ID.html.gz), sorted by ID.
func Scrapinghub(dir string) ([]Page, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var truth map[string]struct {
		Body string `json:"articleBody"`
		URL  string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, err
	}
	pages := make([]Page, 0, len(truth))
	for id, t := range truth {
		b, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		u := t.URL
		if u == "" {
			u = "http://example.com/" + id
		}
		pages = append(pages, Page{ID: id, URL: u, HTML: decode(b), Truth: t.Body})
	}
	sort.Slice(pages, func(a, b int) bool { return pages[a].ID < pages[b].ID })
	return pages, nil
}

// ReadabilityPages reads Readability's test pages in dir (one folder a
// page with source.html and expected.html), sorted by name. The truth is
// the text of expected.html.
func ReadabilityPages(dir string) ([]Page, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var pages []Page
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		if err != nil {
			return nil, err
		}
		exp, err := os.ReadFile(filepath.Join(dir, e.Name(), "expected.html"))
		if err != nil {
			return nil, err
		}
		truth, err := HTMLText(string(exp))
		if err != nil {
			return nil, err
		}
		pages = append(pages, Page{ID: e.Name(), URL: "http://fakehost/test/page.html", HTML: decode(src), Truth: truth})
	}
	return pages, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// decode returns a page as UTF-8, by its declared or sniffed charset.
func decode(raw []byte) string {
	if utf8.Valid(raw) {
		return string(raw) // the sets store their pages as UTF-8
	}
	r, err := charset.NewReader(bytes.NewReader(raw), "text/html")
	if err != nil {
		return string(raw)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return string(raw)
	}
	return string(b)
}

// HTMLText is the text of an HTML document, a line break after every
// element but the inline ones; scripts, styles and templates are skipped.
func HTMLText(s string) (string, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Noscript:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.A, atom.B, atom.I, atom.Em, atom.Strong, atom.Span, atom.Code, atom.Sup, atom.Sub,
				atom.Small, atom.U, atom.S, atom.Abbr, atom.Cite, atom.Q, atom.Mark, atom.Time, atom.Font:
			default:
				b.WriteByte('\n')
			}
		}
	}
	visit(doc)
	return b.String(), nil
}
