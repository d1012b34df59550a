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
		if isTitle(b.Text, titles) {
			return append(blocks[:i:i], blocks[i+1:]...)
		}
	}
	return blocks
}

// isTitle reports whether the heading text h repeats one of the page's
// titles, or the part of a "Headline | Site" title before the site's name.
func isTitle(h string, titles []string) bool {
	h = strings.Join(strings.Fields(h), " ")
	for _, t := range titles {
		if len(h) >= 10 && strings.Contains(t, h) || h == t {
			return true
		}
	}
	return false
}

// dropRepeats removes what slideshows print several times: a figure
// caption that repeats an earlier caption or paragraph is cleared, and a
// paragraph that repeats an earlier caption is dropped. Paragraphs that
// repeat paragraphs stay: an article may quote itself.
func dropRepeats(blocks []article.Block) []article.Block {
	captions := make(map[string]bool)
	paras := make(map[string]bool)
	out := blocks[:0]
	for _, b := range blocks {
		switch b.Type {
		case article.Paragraph:
			if captions[b.Text] {
				continue
			}
			paras[b.Text] = true
		case article.Figure:
			if c := b.Caption; c != "" {
				if captions[c] || paras[c] {
					b.Caption = ""
				} else {
					captions[c] = true
				}
			}
		}
		out = append(out, b)
	}
	return out
}
