package metadata

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/shared/weburl"
)

// page holds what one read-only pass over the document found: the raw
// material every field is chosen from.
type page struct {
	url  *weburl.URL
	base *weburl.URL

	htmlLang string // <html lang> or xml:lang
	title    string // <title>

	metas     []metaTag
	canonical string
	relAuthor []string // text of rel=author links
	jsonld    []string // contents of JSON-LD scripts

	headings  []*html.Node // visible h1 and h2, in order
	byline    *html.Node   // the first element that looks like a byline
	itemprops []*html.Node // elements with itemprop
	times     []*html.Node // <time> elements
	dateNodes []*html.Node // elements whose class or id speaks of dates
	leadNodes []*html.Node // elements whose class or id speaks of a standfirst
	crumbs    []*html.Node // breadcrumb containers
	sections  []*html.Node // elements marked as the section, category or source line
	sectionAt []int        // their document positions
	figures   []*html.Node // <figure> and <img>, the first few
	h1At      int          // document position of the first visible h1
	leadAt    []int        // document positions of leadNodes
	idx       int          // position of the element being scanned
	buf       []byte       // scratch space for class and id
}

// metaTag is one <meta>, keyed by its property, name, itemprop or
// http-equiv, lower case with spaces removed.
type metaTag struct {
	keys    []string // a property attribute may hold several
	prop    bool     // the keys came from property=
	content string
}

const (
	maxCandidates = 64 // per kind; bounds the work on huge pages
	maxFigures    = 8
)

// scan walks doc once, without changing it.
func scan(doc *html.Node, pageURL *weburl.URL) *page {
	p := &page{url: pageURL, base: pageURL}
	for n := doc; n != nil; n = next(n, false) {
		if n.Type != html.ElementNode {
			continue
		}
		p.idx++
		p.element(n)
	}
	p.byline = findByline(doc)
	return p
}

// next is the node after n in document order; skip leaves n's subtree out.
func next(n *html.Node, skip bool) *html.Node {
	if !skip && n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

func add(list []*html.Node, n *html.Node) []*html.Node {
	if len(list) < maxCandidates {
		list = append(list, n)
	}
	return list
}

func (p *page) element(n *html.Node) {
	switch n.DataAtom {
	case atom.Html:
		p.htmlLang = attr(n, "lang")
		if p.htmlLang == "" {
			for _, a := range n.Attr {
				if a.Key == "lang" || a.Key == "xml:lang" {
					p.htmlLang = a.Val
				}
			}
		}
	case atom.Base:
		if b, err := p.url.Parse(strings.TrimSpace(attr(n, "href"))); err == nil && hasAttr(n, "href") && p.base == p.url {
			p.base = b
		}
	case atom.Title:
		if p.title == "" && !inSVG(n) {
			p.title = collapse(rawText(n))
		}
	case atom.Meta:
		p.meta(n)
	case atom.Link:
		rel := " " + strings.ToLower(attr(n, "rel")) + " "
		if strings.Contains(rel, " canonical ") && p.canonical == "" {
			p.canonical = strings.TrimSpace(attr(n, "href"))
		}
		if strings.Contains(rel, " image_src ") {
			p.metas = append(p.metas, metaTag{keys: []string{"image_src"}, content: attr(n, "href")})
		}
	case atom.Script:
		if t := strings.ToLower(strings.TrimSpace(attr(n, "type"))); strings.HasPrefix(t, "application/ld+json") && len(p.jsonld) < maxCandidates {
			p.jsonld = append(p.jsonld, rawText(n))
		}
	case atom.H1, atom.H2:
		p.headings = add(p.headings, n)
		if n.DataAtom == atom.H1 && p.h1At == 0 && !hidden(n) {
			p.h1At = p.idx
		}
	case atom.Time:
		p.times = add(p.times, n)
	case atom.A:
		if strings.Contains(" "+strings.ToLower(attr(n, "rel"))+" ", " author ") {
			if t := textOf(n); t != "" && len(p.relAuthor) < maxCandidates {
				p.relAuthor = append(p.relAuthor, t)
			}
		}
	case atom.Figure, atom.Img:
		if len(p.figures) < maxFigures {
			p.figures = append(p.figures, n)
		}
	}
	if hasAttr(n, "itemprop") && n.DataAtom != atom.Meta {
		p.itemprops = add(p.itemprops, n)
	}
	p.buf = classIDBytes(p.buf, n)
	ci := p.buf
	if len(ci) == 0 {
		if n.DataAtom == atom.Nav && containsAny(strings.ToLower(attr(n, "aria-label")), "breadcrumb") {
			p.crumbs = add(p.crumbs, n)
		}
		return
	}
	g := hintGroups(ci)
	if g&hintDate != 0 && n.DataAtom != atom.Body && n.DataAtom != atom.Html {
		p.dateNodes = add(p.dateNodes, n)
	}
	if g&hintLead != 0 && g&hintNotLead == 0 && len(p.leadNodes) < maxCandidates {
		p.leadNodes = append(p.leadNodes, n)
		p.leadAt = append(p.leadAt, p.idx)
	}
	if g&hintCrumb != 0 {
		p.crumbs = add(p.crumbs, n)
	}
	if g&(hintSection|hintSource) != 0 && len(p.sections) < maxCandidates {
		p.sections = append(p.sections, n)
		p.sectionAt = append(p.sectionAt, p.idx)
	}
}

func inSVG(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.Namespace == "svg" {
			return true
		}
	}
	return false
}

func (p *page) meta(n *html.Node) {
	content := attr(n, "content")
	if content == "" {
		content = attr(n, "value")
	}
	if strings.TrimSpace(content) == "" {
		return
	}
	var t metaTag
	t.content = strings.TrimSpace(content)
	if prop := attr(n, "property"); prop != "" {
		for _, f := range strings.Fields(strings.ToLower(prop)) {
			t.keys = append(t.keys, f)
			// "og:article:author" is also "article:author".
			for i := strings.IndexByte(f, ':'); i >= 0 && strings.Contains(f[i+1:], ":"); i = strings.IndexByte(f, ':') {
				f = f[i+1:]
				t.keys = append(t.keys, f)
			}
		}
		t.prop = len(t.keys) > 0
	}
	if len(t.keys) == 0 {
		if v := attr(n, "name"); v != "" {
			// "DC.Title" and "dc:title" are the same key.
			t.keys = []string{strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(v), "")), ".", ":")}
		} else if v := attr(n, "itemprop"); v != "" {
			t.keys = []string{"itemprop:" + strings.ToLower(strings.TrimSpace(v))}
		} else if v := attr(n, "http-equiv"); v != "" {
			t.keys = []string{"http-equiv:" + strings.ToLower(strings.TrimSpace(v))}
		}
	}
	if len(t.keys) > 0 && len(p.metas) < 512 {
		p.metas = append(p.metas, t)
	}
}

// metaValue returns the content of the meta tag with the first of keys
// that the page has; of several tags with one key, the last counts (as in
// browsers' reader views).
func (p *page) metaValue(keys ...string) string {
	for _, k := range keys {
		for i := len(p.metas) - 1; i >= 0; i-- {
			for _, mk := range p.metas[i].keys {
				if mk == k {
					return unescape(p.metas[i].content)
				}
			}
		}
	}
	return ""
}

// propValue is metaValue for tags that set key with property= only.
func (p *page) propValue(key string) string {
	for i := len(p.metas) - 1; i >= 0; i-- {
		if !p.metas[i].prop {
			continue
		}
		for _, mk := range p.metas[i].keys {
			if mk == key {
				return unescape(p.metas[i].content)
			}
		}
	}
	return ""
}

// metaValues returns the contents of every meta tag with key k.
func (p *page) metaValues(k string) []string {
	var out []string
	for _, m := range p.metas {
		for _, mk := range m.keys {
			if mk == k {
				out = append(out, unescape(m.content))
			}
		}
	}
	return out
}

// resolve makes ref absolute against the page's base URL.
func (p *page) resolve(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := p.base.Parse(ref)
	if err != nil {
		return ""
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}
