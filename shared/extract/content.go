package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// content picks the elements that hold the article, in document order: the
// best-scoring candidate, adjusted as Readability adjusts it, widened to
// the <article> element that holds it, plus the siblings that belong to it.
func (s *scorer) content(body *html.Node) []*html.Node {
	top, topScore := s.top()
	if top == nil {
		return []*html.Node{body}
	}
	// A list of teasers is not the article: the best candidate outside
	// it is, and no step up takes the list back in.
	var list *html.Node
	if s.teasers(top) {
		if alt, v := s.bestOutside(top); alt != nil && v >= topScore/2 {
			list, top, topScore = top, alt, v
		}
	}
	around := func(up *html.Node) {
		if list == nil || !related(list, up) {
			top = up
		}
	}
	around(s.alternative(top, topScore, body))
	around(s.climb(top, body))
	for top != body && top.Parent != nil && top.Parent != body && onlyElementChild(top) {
		top = top.Parent
	}
	around(s.widen(top, body))
	top = s.semantic(top, body)
	if p := s.post(top); p != nil {
		return []*html.Node{p}
	}
	if top == body {
		return []*html.Node{body}
	}
	topSt := s.stat(top)
	topScore = topSt.score
	threshold := max(10, topScore*0.2)
	class := attr(top, "class")
	var roots []*html.Node
	for sib := top.Parent.FirstChild; sib != nil; sib = sib.NextSibling {
		if sib.Type != html.ElementNode {
			continue
		}
		if sib == top || s.sibling(sib, top, threshold, topScore, class) {
			roots = append(roots, sib)
		}
	}
	return roots
}

// post returns, when top is a list of posts that the page's <h1> heads
// one of, that post; else nil. A list of posts: three or more children of
// top with one tag and one class, that each hold less than half of its
// paragraph text, and whose others open with a heading linking to their
// own page.
func (s *scorer) post(top *html.Node) *html.Node {
	h1 := firstElement(top, atom.H1)
	if h1 == nil {
		return nil
	}
	var mine *html.Node
	for p := h1.Parent; p != nil && p != top; p = p.Parent {
		if p.Parent == top {
			mine = p
		}
	}
	if mine == nil || attr(mine, "class") == "" {
		return nil
	}
	total := s.stat(top)
	if total == nil {
		return nil
	}
	class := attr(mine, "class")
	others := 0
	for sib := top.FirstChild; sib != nil; sib = sib.NextSibling {
		if sib.Type != html.ElementNode || sib.DataAtom != mine.DataAtom || attr(sib, "class") != class {
			continue
		}
		st := s.stat(sib)
		if st == nil || st.ptext*2 >= total.ptext {
			return nil
		}
		if sib != mine {
			if !linkedHeading(sib) {
				return nil
			}
			others++
		}
	}
	if others < 2 {
		return nil
	}
	return mine
}

// teasers reports whether n is a list of teasers: three or more children
// of one tag and class, each opening with a heading that links to its own
// page, holding most of n's text. Such a box ("Recent posts") scores well
// by the many short paragraphs under it, but is not the article.
func (s *scorer) teasers(n *html.Node) bool {
	total := s.stat(n)
	if total == nil || total.chars == 0 {
		return false
	}
	type key struct {
		a     atom.Atom
		class string
	}
	count := map[key]int{}
	chars := map[key]int32{}
	best := key{}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		st := s.stat(c)
		if c.Type != html.ElementNode || st == nil || !opensWithLink(c) {
			continue
		}
		k := key{c.DataAtom, attr(c, "class")}
		count[k]++
		chars[k] += st.chars
		if count[k] > count[best] {
			best = k
		}
	}
	return count[best] >= 3 && float32(chars[best]) >= 0.6*float32(total.chars)
}

// opensWithLink reports whether n's first heading, of any level, holds a
// link.
func opensWithLink(n *html.Node) bool {
	var h *html.Node
	walk(n, func(m *html.Node) bool {
		if h != nil || m.Type != html.ElementNode {
			return false
		}
		if m != n && headingLevel(m.DataAtom) > 0 {
			h = m
			return false
		}
		return true
	}, nil)
	return h != nil && firstElement(h, atom.A) != nil
}

// bestOutside returns the best-scoring candidate that is neither inside
// nor around n, and its score.
func (s *scorer) bestOutside(n *html.Node) (*html.Node, float32) {
	var best *html.Node
	var bestScore float32
	for i := range s.st {
		st := &s.st[i]
		if !st.scored || s.nodes[i] == n || related(s.nodes[i], n) {
			continue
		}
		if best == nil || st.score > bestScore {
			best, bestScore = s.nodes[i], st.score
		}
	}
	return best, bestScore
}

// linkedHeading reports whether n's first heading holds a link.
func linkedHeading(n *html.Node) bool {
	for _, a := range [...]atom.Atom{atom.H1, atom.H2, atom.H3} {
		if h := firstElement(n, a); h != nil {
			return firstElement(h, atom.A) != nil
		}
	}
	return false
}

// alternative moves the candidate up to an ancestor that it shares with at
// least two other strong candidates: the article is then split over them.
func (s *scorer) alternative(top *html.Node, topScore float32, body *html.Node) *html.Node {
	var alts []int32
	for i := range s.st {
		st := &s.st[i]
		if st.scored && s.nodes[i] != top && st.score >= topScore*0.75 && !related(s.nodes[i], top) {
			alts = append(alts, int32(i))
		}
	}
	if len(alts) < 3 {
		return top
	}
	// Keep the five best, by a partial selection sort.
	for i := 0; i < len(alts) && i < 5; i++ {
		best := i
		for j := i + 1; j < len(alts); j++ {
			if s.st[alts[j]].score > s.st[alts[best]].score {
				best = j
			}
		}
		alts[i], alts[best] = alts[best], alts[i]
	}
	if len(alts) > 5 {
		alts = alts[:5]
	}
	// Count, for each ancestor of the alternatives, how many of them it
	// holds: one walk up from each, so the cost is linear in the depth.
	holds := make(map[*html.Node]int)
	for _, a := range alts {
		for p := s.nodes[a].Parent; p != nil && p != body; p = p.Parent {
			holds[p]++
		}
	}
	for p := top.Parent; p != nil && p != body; p = p.Parent {
		if holds[p] >= 3 {
			return p
		}
	}
	return top
}

// related reports whether a is an ancestor or a descendant of b: such a
// candidate holds the same text as b, not another part of the article.
func related(a, b *html.Node) bool {
	for p := a.Parent; p != nil; p = p.Parent {
		if p == b {
			return true
		}
	}
	for p := b.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// climb moves the candidate to its parent while the parent scores higher,
// as long as the scores do not drop below a third on the way.
func (s *scorer) climb(top, body *html.Node) *html.Node {
	last := s.stat(top).score
	threshold := last / 3
	for p := top.Parent; p != nil && p != body; p = p.Parent {
		st := s.stat(p)
		if st == nil || !st.scored {
			continue
		}
		if st.score < threshold {
			break
		}
		if st.score > last {
			return p
		}
		last = st.score
	}
	return top
}

// widen moves the candidate up while it holds less than 60% of its
// parent's paragraph text and the parent is not mostly links: an article
// split into sections, with figures or asides between them, is then taken
// whole, where Readability keeps only its largest section.
func (s *scorer) widen(top, body *html.Node) *html.Node {
	for top.Parent != nil && top.Parent != body {
		t, p := s.stat(top), s.stat(top.Parent)
		if p == nil || t == nil || float32(t.ptext) >= 0.6*float32(p.ptext) || p.linkDensity() > 0.3 {
			break
		}
		top = top.Parent
	}
	return top
}

// semantic widens the candidate to the <article> element (or the element
// marked itemprop="articleBody") that holds it, when that element is a
// single article rather than a list of them and is not mostly links: its
// lead, images and captions belong to the text.
func (s *scorer) semantic(top, body *html.Node) *html.Node {
	for p := top.Parent; p != nil && p != body; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		if p.DataAtom != atom.Article && !strings.EqualFold(attr(p, "itemprop"), "articleBody") {
			continue
		}
		st := s.stat(p)
		if st == nil || st.linkDensity() > 0.35 || hasNested(p, atom.Article) {
			return top
		}
		t := s.stat(top)
		if t.chars < st.chars/3 {
			return top
		}
		return p
	}
	return top
}

// sibling reports whether sib, a sibling of the candidate top, belongs to
// the article too.
func (s *scorer) sibling(sib, top *html.Node, threshold, topScore float32, class string) bool {
	st := s.stat(sib)
	if st == nil || s.byline(sib) {
		return false // the byline is metadata, as inside the content
	}
	bonus := float32(0)
	if class != "" && attr(sib, "class") == class {
		bonus = topScore * 0.2
	}
	if st.scored && st.score+bonus >= threshold {
		return true
	}
	switch sib.DataAtom {
	case atom.P:
		ld := st.linkDensity()
		if st.chars > 80 && ld < 0.25 {
			return true
		}
		if st.chars > 0 && st.chars <= 80 && ld == 0 {
			t := textOf(sib)
			return strings.Contains(t, ". ") || strings.HasSuffix(t, ".")
		}
	case atom.Figure, atom.Picture, atom.Img:
		return adjacent(sib, top)
	}
	if st.imgs == 1 && st.chars < 200 && st.linkChars == 0 && adjacent(sib, top) {
		return true // the article's picture, just before or after it
	}
	return false
}

// adjacent reports whether a and b are neighbouring elements.
func adjacent(a, b *html.Node) bool {
	return nextElement(a) == b || nextElement(b) == a
}

func nextElement(n *html.Node) *html.Node {
	for m := n.NextSibling; m != nil; m = m.NextSibling {
		if m.Type == html.ElementNode {
			return m
		}
	}
	return nil
}

func onlyElementChild(n *html.Node) bool {
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode {
			return false
		}
	}
	return true
}

func hasNested(n *html.Node, a atom.Atom) bool {
	found := false
	walk(n, func(m *html.Node) bool {
		if found || m.Type != html.ElementNode {
			return false
		}
		if m != n && m.DataAtom == a {
			found = true
			return false
		}
		return true
	}, nil)
	return found
}

// textOf is the text of n with its whitespace collapsed.
func textOf(n *html.Node) string {
	var t textBuf
	walk(n, func(m *html.Node) bool {
		if m.Type == html.TextNode {
			t.text(m.Data)
		}
		return m.Type == html.ElementNode && !skipElement(m)
	}, nil)
	s, _ := t.take()
	return s
}

// cleanConditionally detaches the boxes inside the content that look like
// furniture by their measures, after Readability: link lists, boxes of
// form fields, image strips without text, scraps of a few characters and
// elements with a bad class.
func (s *scorer) cleanConditionally(root *html.Node) []detached {
	var out []detached
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return false
		}
		if n == root {
			return true
		}
		if s.byline(n) {
			out = append(out, detached{n, n.Parent, n.NextSibling})
			return false
		}
		switch n.DataAtom {
		case atom.Pre, atom.Code:
			return false
		case atom.Table:
			if isDataTable(n) {
				return false
			}
		case atom.Form, atom.Fieldset, atom.Ul, atom.Ol, atom.Div, atom.Section,
			atom.Aside, atom.Header, atom.Footer, atom.Dl, atom.Nav:
		default:
			return true
		}
		if s.furniture(n) {
			out = append(out, detached{n, n.Parent, n.NextSibling})
			return false
		}
		return true
	}, nil)
	for _, d := range out {
		d.parent.RemoveChild(d.n)
	}
	return out
}

// byline reports short elements that carry the author's name or the date
// by their class, id, itemprop or rel: they belong in the metadata, not in
// the body.
func (s *scorer) byline(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Body, atom.Article, atom.Main, atom.Html, atom.Figure, atom.Img, atom.Picture:
		return false
	case atom.P:
		// A paragraph only by the plainest names.
		h := classHints(n)
		st := s.stat(n)
		return st != nil && st.chars <= 100 && (strings.Contains(h, "byline") || strings.Contains(h, "dateline"))
	}
	st := s.stat(n)
	if st == nil || st.chars > 150 || st.paras > 1 {
		return false
	}
	if rel := lowerASCII(attr(n, "rel")); rel == "author" {
		return true
	}
	switch lowerASCII(attr(n, "itemprop")) {
	case "author", "datepublished", "datemodified", "datecreated":
		return true
	}
	h := classHints(n)
	return h != "" && (hasWord(h, bylineHints) || hasToken(h, bylineTokens))
}

var (
	bylineHints  = []string{"byline", "dateline", "timestamp", "author", "publish", "posted-on", "postedon", "entry-date", "post-date", "article-date", "pubdate", "postmeta", "entrymeta"}
	bylineTokens = []string{"date", "time", "meta", "credit", "credits", "updated"}
)

// furniture applies Readability's conditional cleaning rules to n.
func (s *scorer) furniture(n *html.Node) bool {
	st := s.stat(n)
	if st == nil {
		return false
	}
	if h := classHints(n); strings.Contains(h, "embed") && !strings.Contains(h, "ad") {
		return false // an embedded post or tweet quoted by the article
	}
	weight := float32(0)
	if s.weights {
		weight = float32(classWeight(n))
	}
	list := n.DataAtom == atom.Ul || n.DataAtom == atom.Ol
	if !list && st.chars > 0 {
		list = st.listChars*10 > st.chars*9
	}
	ld := st.linkDensity()
	if weight < 0 {
		return true
	}
	if st.commas >= 10 {
		return false
	}
	p, img, li, input := st.paras, st.imgs, st.lis-100, st.inputs
	headingDensity := float32(0)
	if st.chars > 0 {
		headingDensity = float32(st.headChars) / float32(st.chars)
	}
	figure := st.inFigure
	remove := false
	switch {
	case img > 1 && float32(p)/float32(img) < 0.5 && !figure:
		remove = true
	case !list && li > p:
		remove = true
	case input > p/3:
		remove = true
	case !list && !figure && headingDensity < 0.9 && st.chars < 25 && (img == 0 || img > 2) && ld > 0:
		remove = true
	case !list && weight < 25 && ld > 0.2:
		remove = true
	case weight >= 25 && ld > 0.5:
		remove = true
	case list && ld > 0.6:
		remove = true
	}
	if remove && list && img > 0 && imageList(n) {
		return false // a gallery: one image per item
	}
	return remove
}

// imageList reports lists whose every item is an image.
func imageList(n *html.Node) bool {
	items := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		items++
		if findImg(c) == nil || !singleImage(c) {
			return false
		}
	}
	return items > 0
}
