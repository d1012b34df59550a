package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/shared/article"
)

// pageTitles returns the titles the page gives itself in its <head>: the
// <title> and the og:title and twitter:title meta tags.
func pageTitles(doc *html.Node) []string {
	var out []string
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		switch n.DataAtom {
		case atom.Html, atom.Head:
			return true
		case atom.Title:
			if c := n.FirstChild; c != nil && c.Type == html.TextNode {
				if t := strings.Join(strings.Fields(c.Data), " "); t != "" {
					out = append(out, t)
				}
			}
		case atom.Meta:
			switch lowerASCII(attr(n, "property") + attr(n, "name")) {
			case "og:title", "twitter:title":
				if t := strings.Join(strings.Fields(attr(n, "content")), " "); t != "" {
					out = append(out, t)
				}
			}
		}
		return false
	}, nil)
	return out
}

// dropTitle removes the article's headline from the first blocks: a
// heading that repeats one of the page's titles, or is the part of a
// "Headline | Site" title before the site's name. The title is metadata.
func dropTitle(blocks []article.Block, titles []string) []article.Block {
	if len(titles) == 0 {
		return blocks
	}
	for i := 0; i < len(blocks) && i < 4; i++ {
		b := blocks[i]
		if b.Type != article.Heading || b.Level > 2 {
			continue
		}
		h := strings.Join(strings.Fields(b.Text), " ")
		for _, t := range titles {
			if len(h) >= 10 && strings.Contains(t, h) || h == t {
				return append(blocks[:i:i], blocks[i+1:]...)
			}
		}
	}
	return blocks
}

// dropRepeats removes figure captions, and paragraphs, that repeat an
// earlier figure's caption word for word: slideshows print the same caption
// several times.
func dropRepeats(blocks []article.Block) []article.Block {
	seen := make(map[string]bool, len(blocks))
	out := blocks[:0]
	for _, b := range blocks {
		switch b.Type {
		case article.Paragraph:
			if seen[b.Text] {
				continue
			}
		case article.Figure:
			if b.Caption != "" {
				if seen[b.Caption] {
					b.Caption = ""
				} else {
					seen[b.Caption] = true
				}
			}
		}
		out = append(out, b)
	}
	return out
}
