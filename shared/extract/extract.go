// Package extract turns a web page into a Barg article: it finds the main
// content, reads the metadata, normalizes Persian text and returns the
// article model of package article.
//
// The phases, one file each: extract.go runs them in order; body.go finds
// the article's content; blocks.go turns it into blocks; normalize.go
// applies Persian normalization to the finished article.
package extract

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/dates"
	"github.com/barg-app/barg/shared/metadata"
	"github.com/barg-app/barg/shared/persian"
	"github.com/barg-app/barg/shared/weburl"
)

// Name and Version identify the extractor in every article.
const (
	Name    = "barg"
	Version = "0.1.0"
)

// DefaultMaxBytes is the largest page read unless Options.MaxBytes says otherwise.
const DefaultMaxBytes = 20 << 20

var (
	// ErrNoArticle means the page holds no article text.
	ErrNoArticle = errors.New("no article found on this page")
	// ErrTooLarge means the page is larger than Options.MaxBytes.
	ErrTooLarge = errors.New("page is too large")
)

// Options controls an extraction. The zero value is ready to use.
type Options struct {
	// CapturedAt is written as captured_at; zero means now.
	CapturedAt time.Time
	// MaxBytes limits the page size; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Raw switches text normalization off.
	Raw bool
	// Persian configures Persian normalization.
	Persian persian.Options
	// Deadline, when set, bounds the extraction: once it has passed, the
	// work stops with ErrTimeout. It is checked as the page is read and
	// parsed (every 2 KB) and between phases.
	Deadline time.Time
	// Pause, when set, is called at each of those checks, so that a caller
	// sharing its thread with other work (Go in a browser's event loop)
	// can let that work run.
	Pause func()
	// Rules are the user's site rules (site.go), or nil.
	Rules SiteRules
}

func (o *Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// FromHTML extracts the article of the UTF-8 page read from r, which was
// fetched from pageURL (used to resolve relative links).
func FromHTML(r io.Reader, pageURL string, opts Options) (*article.Article, error) {
	clk := newClock(&opts)
	doc, u, err := parse(r, pageURL, opts.maxBytes(), clk)
	if err != nil {
		return nil, err
	}
	var content []*html.Node
	var notes []string
	site := opts.site(pageURL)
	if site != nil {
		content, notes = site.Prepare(doc)
	}
	meta := metadata.Read(doc, u)
	if site != nil {
		notes = append(notes, site.Amend(doc, &meta)...)
	}
	if err := clk.check(); err != nil {
		return nil, err
	}
	base := linkBase(doc, u, &meta)
	blocks, more := siteBlocks(content, base)
	notes = append(notes, more...)
	if blocks == nil {
		if blocks, err = Body(doc, base); err != nil {
			return nil, err
		}
	}
	if err := clk.check(); err != nil {
		return nil, err
	}
	a := finish(meta, blocks, opts)
	a.Extractor.Notes = notes
	return a, nil
}

// FromSelection extracts an article whose body is the HTML fragment
// selection (what the user selected) and whose metadata is read from the
// whole page, read from r.
func FromSelection(r io.Reader, selection, pageURL string, opts Options) (*article.Article, error) {
	clk := newClock(&opts)
	doc, u, err := parse(r, pageURL, opts.maxBytes(), clk)
	if err != nil {
		return nil, err
	}
	if int64(len(selection)) > opts.maxBytes() {
		return nil, wrap(ErrTooLarge, "selection over "+strconv.FormatInt(opts.maxBytes(), 10)+" bytes")
	}
	meta := metadata.Read(doc, u)
	var notes []string
	if site := opts.site(pageURL); site != nil {
		// The user chose the body; the rule still reads the fields.
		notes = site.Amend(doc, &meta)
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	sel, err := flattenFormatting([]byte(selection), maxFormatting, clk)
	if err != nil {
		return nil, err
	}
	nodes, err := html.ParseFragment(clk.reader(sel), ctx)
	if err != nil {
		return nil, within("reading the selection", err)
	}
	for _, n := range nodes {
		ctx.AppendChild(n)
	}
	if err := clk.check(); err != nil {
		return nil, err
	}
	blocks := Blocks(ctx, linkBase(doc, u, &meta))
	if len(blocks) == 0 {
		return nil, wrap(ErrNoArticle, "the selection holds no text")
	}
	a := finish(meta, blocks, opts)
	a.Extractor.Notes = notes
	return a, nil
}

func parse(r io.Reader, pageURL string, max int64, clk *clock) (*html.Node, *weburl.URL, error) {
	u, err := weburl.Parse(pageURL)
	if err != nil || !u.IsAbs() {
		return nil, nil, errors.New("page URL " + strconv.Quote(pageURL) + " is not an absolute URL")
	}
	data, err := readAll(r, max+1)
	if err != nil {
		return nil, nil, within("reading the page", err)
	}
	if int64(len(data)) > max {
		return nil, nil, wrap(ErrTooLarge, "over "+strconv.FormatInt(max, 10)+" bytes")
	}
	doc, err := parsePage(data, clk)
	if errors.Is(err, ErrTimeout) {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, within("parsing the page", err)
	}
	return doc, u, nil
}

// linkBase is the URL that relative links resolve against: baseURL, or,
// for a page read from a file (a URL that is not http or https), the
// page's canonical URL when it gives one, so that its images and links
// point where they did when the page was saved.
func linkBase(doc *html.Node, page *weburl.URL, meta *article.Meta) *weburl.URL {
	base := baseURL(doc, page)
	if web(base) || meta.CanonicalURL == "" {
		return base
	}
	if c, err := weburl.Parse(meta.CanonicalURL); err == nil && web(c) {
		return c
	}
	return base
}

func web(u *weburl.URL) bool { return u.Scheme == "http" || u.Scheme == "https" }

// baseURL is the URL that relative links resolve against: the page's
// <base href> if it has one, else the page URL.
func baseURL(doc *html.Node, page *weburl.URL) *weburl.URL {
	var base *weburl.URL
	var find func(*html.Node) bool
	find = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.Base {
			for _, a := range n.Attr {
				if a.Key == "href" && a.Namespace == "" {
					if b, err := page.Parse(strings.TrimSpace(a.Val)); err == nil {
						base = b
					}
					return true
				}
			}
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return true // <base> belongs in <head>
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if find(c) {
				return true
			}
		}
		return false
	}
	find(doc)
	if base == nil {
		return page
	}
	return base
}

// finish assembles the article: drops a leading heading that repeats the
// title, settles language, normalizes and derives the plain text.
func finish(meta article.Meta, blocks []article.Block, opts Options) *article.Article {
	if len(blocks) > 0 && blocks[0].Type == article.Heading && sameText(blocks[0].Text, meta.Title) {
		blocks = blocks[1:]
	}
	a := &article.Article{Meta: meta, Blocks: blocks}
	metadata.Settle(&a.Meta, a.PlainText())
	markDirections(a)
	if !opts.Raw {
		normalize(a, opts.Persian)
	}
	a.Finalize()
	a.Extractor = article.Extractor{Name: Name, Version: Version}
	at := opts.CapturedAt
	if at.IsZero() {
		at = time.Now()
	}
	a.CapturedAt = dates.FormatRFC3339(at, false)
	return a
}

// contextError is an error with context that still matches its cause with
// errors.Is. (The package avoids fmt to keep the WebAssembly small.)
type contextError struct {
	text  string
	cause error
}

func (e *contextError) Error() string { return e.text }
func (e *contextError) Unwrap() error { return e.cause }

// wrap adds detail after a sentinel error: "page is too large: over N bytes".
func wrap(sentinel error, detail string) error {
	return &contextError{sentinel.Error() + ": " + detail, sentinel}
}

// within says what was being done when err happened: "reading the page: …".
func within(doing string, err error) error {
	return &contextError{doing + ": " + err.Error(), err}
}

func sameText(a, b string) bool {
	return a != "" && strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}
