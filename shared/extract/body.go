package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/weburl"
)

// minArticle is the length of text, in bytes, below which an extraction is
// tried again with looser rules, as Readability retries short results.
const minArticle = 500

// Body finds the main content of the page doc and returns it as blocks.
// It may modify doc. It returns ErrNoArticle when the page has no article.
//
// It removes what no reader sees (scripts, styles, hidden elements), takes
// out page furniture by tag, role and class (navigation, headers, footers,
// share bars, related boxes, comments, ads), scores the remaining elements
// by the paragraphs they hold, picks the best with the siblings that belong
// to it, cleans boxes of links and furniture from inside it and converts it
// to blocks. A result shorter than minArticle is retried without the class
// rules, and the longest result wins.
func Body(doc *html.Node, base *weburl.URL) ([]article.Block, error) {
	titles := pageTitles(doc)
	pruneHard(doc)
	body := findBody(doc)
	if body == nil {
		return nil, ErrNoArticle
	}
	var s scorer
	var best []article.Block
	bestLen := 0
	for attempt := 0; attempt < 3; attempt++ {
		var taken []detached
		if attempt == 0 {
			s.measure(body)
			taken = pruneBoilerplate(body, &s)
		}
		s.weights = attempt < 2
		blocks := s.extract(body, base)
		restore(taken)
		if n := textLength(blocks); n > bestLen {
			best, bestLen = blocks, n
		}
		if bestLen >= minArticle {
			break
		}
	}
	best = dropTitle(best, titles)
	best = dropRepeats(best)
	best = dropTeasers(best)
	best = dropFurniture(best)
	best = dropTrailers(best)
	if !hasBody(best) {
		return nil, ErrNoArticle
	}
	return best, nil
}

// hasBody reports whether blocks hold more than headings: a page of
// headlines alone holds no article.
func hasBody(blocks []article.Block) bool {
	for i := range blocks {
		if blocks[i].Type != article.Heading {
			return true
		}
	}
	return false
}

// findBody returns the <body> of doc, or the root element when it has
// none.
func findBody(doc *html.Node) *html.Node {
	var root *html.Node
	for n := doc.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode {
			root = n
			break
		}
	}
	if root == nil {
		if doc.Type == html.ElementNode {
			return doc
		}
		return nil
	}
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
	}
	return root
}

// textLength is the length of the blocks' plain text.
func textLength(blocks []article.Block) int {
	n := 0
	for i := range blocks {
		n += len(blocks[i].PlainText())
	}
	return n
}

// extract finds the content under body and converts it. The tree is left
// as it was found.
func (s *scorer) extract(body *html.Node, base *weburl.URL) []article.Block {
	s.measure(body)
	s.score()
	roots := s.content(body)
	var taken []detached
	for _, r := range roots {
		taken = append(taken, s.cleanConditionally(r)...)
	}
	c := converter{base: base}
	n := 16
	for _, r := range roots {
		if st := s.stat(r); st != nil {
			n += int(st.paras)
		}
	}
	c.blocks = make([]article.Block, 0, n)
	for _, r := range roots {
		c.convert(r)
	}
	restore(taken)
	return tidy(c.blocks)
}

// Blocks converts the subtree root to blocks as it is, without looking for
// boilerplate; scripts, styles and hidden elements are still dropped.
func Blocks(root *html.Node, base *weburl.URL) []article.Block {
	pruneHard(root)
	c := converter{base: base}
	c.convert(root)
	return tidy(c.blocks)
}
