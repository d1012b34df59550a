package extract

import (
	"strings"

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
// to blocks. A result with less prose than minArticle is retried without
// the class rules, and the retry with the most prose wins (see quality);
// a last attempt without conditional cleaning comes before giving up.
func Body(doc *html.Node, base *weburl.URL) ([]article.Block, error) {
	titles := pageTitles(doc)
	login := hasPassword(doc)
	pruneHard(doc)
	body := findBody(doc)
	if body == nil {
		return nil, ErrNoArticle
	}
	var s scorer
	var best []article.Block
	bestQ := -1
	pageProse := 0
	for attempt := 0; attempt < 4; attempt++ {
		if attempt == 3 && bestQ > 0 && hasBody(finishBlocks(best, titles)) {
			break // the last attempt is for pages where nothing was found
		}
		var taken []detached
		if attempt == 0 {
			s.measure(body)
			pageProse = int(s.stat(body).ptext)
			taken = pruneBoilerplate(body, &s)
		} else if attempt < 3 {
			taken = pruneComments(body)
		}
		s.weights = attempt < 2
		s.noClean = attempt == 3
		blocks := s.extract(body, base)
		restore(taken)
		// A looser attempt wins by a clear margin, since it finds more
		// because it keeps more, furniture included; and when the first
		// found some prose, or a short post under the page's headline,
		// only by holding it: a short article does not give way to a
		// longer box elsewhere (an author's bio, comments, the footer).
		if q := quality(blocks); bestQ < 0 || q > bestQ+bestQ/4 && (!prose(best) && !titledPost(best, titles) || holds(blocks, best)) {
			best, bestQ = blocks, q
		}
		if bestQ >= minArticle {
			break
		}
	}
	best = finishBlocks(best, titles)
	if !hasBody(best) {
		return nil, ErrNoArticle
	}
	if login && quality(best) < loginProse && pageProse < loginProse {
		return nil, wrap(ErrNoArticle, "the page is a login or sign-up form")
	}
	return best, nil
}

// prose reports whether blocks hold prose: two paragraphs of a sentence
// or more and minProse bytes of text in all, or one paragraph, list or
// quote of 250 bytes or more, not mostly links (a short post of one
// paragraph, or of one annotated list, is prose too).
func prose(blocks []article.Block) bool {
	paras := 0
	long := false
	for i := range blocks {
		b := &blocks[i]
		if !proseBlock(b) || len(b.Text) < 60 || linkShare(b) >= 0.5 {
			continue
		}
		if b.Type == article.Paragraph {
			paras++
		}
		long = long || len(b.Text) >= 250
	}
	return paras >= 2 && quality(blocks) >= minProse || long
}

// titledPost reports whether blocks are a short post under its own
// headline: a heading among the first blocks that repeats one of the
// page's titles, followed by a paragraph, list or quote of a sentence
// (60 bytes or more) that is not mostly links. Such a post is the page's
// article however short it is; a longer box elsewhere (a footer, a
// sidebar) found by a looser retry is not.
func titledPost(blocks []article.Block, titles []string) bool {
	for i := 0; i < len(blocks) && i < 4; i++ {
		b := &blocks[i]
		if b.Type != article.Heading || !isTitle(b.Text, titles) {
			continue
		}
		for j := i + 1; j < len(blocks); j++ {
			b := &blocks[j]
			if proseBlock(b) && len(b.Text) >= 60 && linkShare(b) < 0.5 && !isFurnitureLine(b) && !isTeaser(b) {
				return true
			}
		}
		return false
	}
	return false
}

// proseBlock reports the blocks that can hold a post's prose.
func proseBlock(b *article.Block) bool {
	return b.Type == article.Paragraph || b.Type == article.List || b.Type == article.Quote
}

// minProse is the prose, in bytes, under which a first attempt is taken
// to have found nothing.
const minProse = 200

// holds reports whether blocks hold the longest paragraph (list, quote)
// of prev.
func holds(blocks, prev []article.Block) bool {
	longest := ""
	for i := range prev {
		if proseBlock(&prev[i]) && len(prev[i].Text) > len(longest) {
			longest = prev[i].Text
		}
	}
	if longest == "" {
		return true
	}
	for i := range blocks {
		if strings.Contains(blocks[i].PlainText(), longest) {
			return true
		}
	}
	return false
}

// loginProse is the prose, in characters, that a page with a password
// field must hold, in the extraction or anywhere on the page, to be an
// article rather than a login or sign-up form.
const loginProse = 400

// finishBlocks drops from the blocks what the scoring let through: the
// repeated title, repeats, teasers, news furniture and trailers.
func finishBlocks(blocks []article.Block, titles []string) []article.Block {
	blocks = append([]article.Block(nil), blocks...)
	blocks = dropTitle(blocks, titles)
	blocks = dropRepeats(blocks)
	blocks = dropTeasers(blocks)
	blocks = dropFurniture(blocks)
	return dropTrailers(blocks)
}

// quality measures the prose of an extraction, in bytes: the text of its
// paragraphs, headings, quotes, lists and tables (only the part that is not link
// text in those mostly links), less the text of the blocks that are
// furniture (runs of links, teasers, widget
// labels, news lines). A looser retry that brings share boxes and related
// lists back gains little by them.
func quality(blocks []article.Block) int {
	q := 0
	for i := range blocks {
		b := &blocks[i]
		switch b.Type {
		case article.Paragraph, article.Heading, article.Quote, article.List, article.Table, article.Code:
		default:
			continue
		}
		n := len(b.PlainText())
		switch {
		case allLink(b) || isTeaser(b) || isUILabel(b) || isFurnitureLine(b):
			q -= n
		case linkShare(b) >= 0.5:
			q += int(float64(n) * (1 - linkShare(b)))
		default:
			q += n
		}
	}
	return q
}

// hasPassword reports whether the page has a password field: a login or
// sign-up form.
func hasPassword(doc *html.Node) bool {
	found := false
	walk(doc, func(n *html.Node) bool {
		if found {
			return false
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Input && lowerASCII(attr(n, "type")) == "password" {
			found = true
		}
		return n.Type == html.ElementNode || n.Type == html.DocumentNode
	}, nil)
	return found
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
	if !s.noClean {
		for _, r := range roots {
			taken = append(taken, s.cleanConditionally(r)...)
		}
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
