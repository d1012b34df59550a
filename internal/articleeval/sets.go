package articleeval

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A Page is one page of an evaluation set and the article text it holds.
type Page struct {
	ID, URL string
	// Raw is the page's bytes as the set stores them, in the page's own
	// charset: measurements decode them with rawpage.Extract, the
	// function the CLI runs, never with a decoder of their own.
	Raw []byte
	// ContentType is the HTTP Content-Type the page was served with, ""
	// when the set does not record it (all three sets today).
	ContentType string
	Truth       string // the article's text
}

// A Set is one of the team kit's evaluation sets.
type Set struct {
	Name string // "scrapinghub-dev"
	Dir  string // its folder under ../shared
	Read func(dir string) ([]Page, error)
}

// Sets are the evaluation sets, in the order reports list them.
var Sets = []Set{
	{"scrapinghub-dev", "eval/scrapinghub-dev", Scrapinghub},
	{"dragnet-dev", "eval/dragnet-dev", Dragnet},
	{"readability-test-pages", "eval/readability-test-pages", ReadabilityPages},
}

// Scrapinghub reads the article-extraction-benchmark set in dir
// (ground-truth.json and html/ID.html.gz), sorted by ID.
func Scrapinghub(dir string) ([]Page, error) { return groundTruthSet(dir) }

// Dragnet reads the Dragnet set in dir (same layout as Scrapinghub's:
// ground-truth.json and html/ID.html.gz), sorted by ID.
func Dragnet(dir string) ([]Page, error) { return groundTruthSet(dir) }

func groundTruthSet(dir string) ([]Page, error) {
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
		pages = append(pages, Page{ID: id, URL: u, Raw: b, Truth: t.Body})
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
		pages = append(pages, Page{ID: e.Name(), URL: "http://fakehost/test/page.html", Raw: src, Truth: truth})
	}
	return pages, nil
}

// The parts of a set: rules are tuned on one and confirmed on the other.
const (
	Tune    = "tune"
	Confirm = "confirm"
	All     = "all"
)

// Part is the part of its set a page belongs to, Tune or Confirm, by the
// parity of the FNV-1a hash of its ID: stable across runs, machines and
// set sizes, about half each.
func Part(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()&1 == 0 {
		return Tune
	}
	return Confirm
}

// Select returns the pages of one part (Tune, Confirm or All).
func Select(pages []Page, part string) ([]Page, error) {
	switch part {
	case All, "":
		return pages, nil
	case Tune, Confirm:
	default:
		return nil, errors.New("unknown part " + strconv.Quote(part) + " (tune, confirm or all)")
	}
	var out []Page
	for _, p := range pages {
		if Part(p.ID) == part {
			out = append(out, p)
		}
	}
	return out, nil
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
