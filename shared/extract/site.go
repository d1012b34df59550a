package extract

import (
	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/weburl"
)

// SiteRules finds the user's site rule for a page (package
// shared/siterules implements it): For returns nil when no rule applies.
type SiteRules interface {
	For(pageURL string) Site
}

func (o *Options) site(pageURL string) Site {
	if o.Rules == nil {
		return nil
	}
	return o.Rules.For(pageURL)
}

// Site is what a site rule may do to one page's extraction. Its methods never fail: what they cannot do they say in notes, which end
// up in the article's extractor.notes, and the heuristics decide instead.
type Site interface {
	// Prepare runs on the parsed page before anything is read from it. It
	// may remove nodes from doc, and returns the elements that hold the
	// article's content (none: the heuristics find it).
	Prepare(doc *html.Node) (content []*html.Node, notes []string)
	// Amend runs once the metadata is read, and may overwrite fields of m
	// with what the rule's selectors pick in doc.
	Amend(doc *html.Node, m *article.Meta) (notes []string)
}

// siteBlocks converts the content elements a site rule chose to blocks. It
// returns nil when they hold no text: the heuristics then run, and a note
// says so.
func siteBlocks(content []*html.Node, base *weburl.URL) ([]article.Block, []string) {
	if len(content) == 0 {
		return nil, nil
	}
	var blocks []article.Block
	for _, n := range content {
		blocks = append(blocks, Blocks(n, base)...)
	}
	if len(blocks) == 0 {
		return nil, []string{"site rule: the content it selected holds no text; the heuristics found the content"}
	}
	return blocks, nil
}
