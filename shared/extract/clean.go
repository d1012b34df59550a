package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pruneHard removes what no reader ever sees: scripts, styles, templates,
// form controls and hidden elements. Images that a page hides in <noscript>
// for browsers without JavaScript replace their lazy placeholders first.
func pruneHard(root *html.Node) {
	var drop []*html.Node
	walk(root, func(n *html.Node) bool {
		switch n.Type {
		case html.CommentNode:
			drop = append(drop, n)
			return false
		case html.ElementNode:
		default:
			return true
		}
		if n.DataAtom == atom.Noscript {
			unwrapNoscript(n)
			drop = append(drop, n)
			return false
		}
		if skipElement(n) || isHidden(n) {
			drop = append(drop, n)
			return false
		}
		return true
	}, nil)
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// isHidden reports elements hidden by the hidden attribute, aria-hidden or
// an inline display:none or visibility:hidden.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			// Readability keeps aria-hidden fallback images of
			// client-side widgets; so do we.
			if strings.TrimSpace(lowerASCII(a.Val)) == "true" && !strings.Contains(attr(n, "class"), "fallback-image") {
				return true
			}
		case "type":
			if n.DataAtom == atom.Input && lowerASCII(a.Val) == "hidden" {
				return true
			}
		case "style":
			if hiddenStyle(a.Val) {
				return true
			}
		case "class":
			if hiddenClass(a.Val) {
				return true
			}
		}
	}
	return false
}

// hiddenClass reports a class attribute holding the class that style
// sheets everywhere use to hide an element ("hidden", Bootstrap's "d-none"),
// as a whole class name: "hidden-xs" hides on small screens only.
func hiddenClass(s string) bool {
	for s != "" {
		s = strings.TrimLeft(s, " \t\n\f\r")
		i := strings.IndexAny(s, " \t\n\f\r")
		if i < 0 {
			i = len(s)
		}
		if c := s[:i]; strings.EqualFold(c, "hidden") || strings.EqualFold(c, "d-none") {
			return true
		}
		s = s[i:]
	}
	return false
}

// hiddenStyle reports whether an inline style declares display:none or
// visibility:hidden.
func hiddenStyle(s string) bool {
	for s != "" {
		var decl string
		if i := strings.IndexByte(s, ';'); i >= 0 {
			decl, s = s[:i], s[i+1:]
		} else {
			decl, s = s, ""
		}
		c := strings.IndexByte(decl, ':')
		if c < 0 {
			continue
		}
		prop := lowerASCII(strings.TrimSpace(decl[:c]))
		val := lowerASCII(strings.TrimSpace(decl[c+1:]))
		val = strings.TrimSpace(strings.TrimSuffix(val, "!important"))
		if prop == "display" && val == "none" || prop == "visibility" && (val == "hidden" || val == "collapse") {
			return true
		}
	}
	return false
}

// unwrapNoscript moves the image of a <noscript> into the page: it replaces
// the attributes of the placeholder image just before it, or, when there is
// none, is inserted in the noscript's place.
func unwrapNoscript(n *html.Node) {
	if n.FirstChild == nil || n.FirstChild.Type != html.TextNode || !strings.Contains(n.FirstChild.Data, "<img") {
		return
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(n.FirstChild.Data), ctx)
	if err != nil {
		return
	}
	var img *html.Node
	for _, m := range nodes {
		if img = findImg(m); img != nil {
			break
		}
	}
	if img == nil {
		return
	}
	prev := n.PrevSibling
	for prev != nil && prev.Type == html.TextNode && strings.TrimSpace(prev.Data) == "" {
		prev = prev.PrevSibling
	}
	if prev != nil && prev.Type == html.ElementNode {
		if old := findImg(prev); old != nil && singleImage(prev) {
			attrs := append([]html.Attribute(nil), img.Attr...)
			for _, a := range old.Attr {
				if !hasAttr(img, a.Key) && !strings.HasPrefix(a.Key, "data-") && a.Key != "src" && a.Key != "srcset" {
					attrs = append(attrs, a)
				}
			}
			old.Attr = attrs
			return
		}
	}
	if img.Parent != nil {
		img.Parent.RemoveChild(img)
	}
	n.Parent.InsertBefore(img, n)
}

func findImg(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Img {
		return n
	}
	var img *html.Node
	walk(n, func(m *html.Node) bool {
		if img != nil {
			return false
		}
		if m.Type == html.ElementNode && m.DataAtom == atom.Img {
			img = m
			return false
		}
		return true
	}, nil)
	return img
}

// singleImage reports whether n is an image, or holds exactly one image and
// no text.
func singleImage(n *html.Node) bool {
	imgs := 0
	text := false
	walk(n, func(m *html.Node) bool {
		switch {
		case m.Type == html.TextNode && strings.TrimSpace(m.Data) != "":
			text = true
		case m.Type == html.ElementNode && m.DataAtom == atom.Img:
			imgs++
		}
		return true
	}, nil)
	return imgs == 1 && !text
}

// detached records a node taken out of the tree, so it can be put back.
type detached struct{ n, parent, next *html.Node }

// restore puts the detached nodes back, in reverse order.
func restore(d []detached) {
	for i := len(d) - 1; i >= 0; i-- {
		d[i].parent.InsertBefore(d[i].n, d[i].next)
	}
}

// pruneBoilerplate detaches the parts of a page that are page furniture by
// their tag, role or class and id: navigation, headers and footers,
// sidebars, share bars, related and most-read boxes, comments, ads,
// newsletters and cookie banners. It returns what it took out.
//
// The scorer s has measured root: a box named like furniture only by its
// class or id that holds a long run of paragraphs with few links is kept
// ("read-more" expanders that hold the rest of the story, sections whose
// id is the slug of a heading such as "sharing-with-a-developer"), unless
// it is named as comments.
func pruneBoilerplate(root *html.Node, s *scorer) []detached {
	var pageText int32
	if st := s.stat(root); st != nil {
		pageText = st.ptext
	}
	return detachWhere(root, func(n *html.Node) bool {
		return isBoilerplate(n) && !s.holdsArticle(n) && !s.holdsMost(n, pageText)
	})
}

// detachWhere detaches every element below root for which drop is true,
// without looking inside it, and returns what it took out.
func detachWhere(root *html.Node, drop func(*html.Node) bool) []detached {
	var out []detached
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if n != root && drop(n) {
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

// holdsArticle reports whether n, named like furniture by its class or
// id alone, holds article text all the same: 500 characters of paragraphs
// or more, under a quarter of it links, and no name of a comment section.
func (s *scorer) holdsArticle(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Header, atom.Dialog, atom.Menu:
		return false
	}
	if attr(n, "role") != "" {
		return false
	}
	st := s.stat(n)
	if st == nil || st.ptext < 500 || st.linkDensity() >= 0.25 {
		return false
	}
	h := classHints(n)
	return !commentName(h) && !hasAny(h, popups)
}

// holdsMost reports whether n holds most of the page's paragraph text
// (pageText, 60% or more), is mostly paragraphs, with few links: whatever its tag or name (a <header> or
// <aside> around the story, a wrapper named "has-sidebar"), it holds the
// article. A comment section is still one.
func (s *scorer) holdsMost(n *html.Node, pageText int32) bool {
	st := s.stat(n)
	if st == nil || pageText == 0 || st.ptext*5 <= pageText*3 || st.ptext*2 < st.chars || st.linkDensity() >= 0.25 {
		return false
	}
	return !commentName(classHints(n))
}

// commentName reports whether the class and id hints h name a comment
// section or a comment: a word that is "comment" or "comments", begins
// with one of them ("commentlist", "comment_body", "commentsArea") or
// ends with one ("allcomments", "usercomment"), or a word beginning with
// "disqus", "replies" or "respond" (the reply form). "commentary" and
// "commentator" name opinion pieces and their writers, not comments. h is
// lowercase, as classHints gives it.
func commentName(h string) bool {
	for rest := h; len(rest) > 0; {
		i := 0
		for i < len(rest) && !isWordByte(rest[i]) {
			i++
		}
		j := i
		for j < len(rest) && isWordByte(rest[j]) {
			j++
		}
		if w := rest[i:j]; len(w) >= 6 {
			if k := strings.Index(w, "comment"); k >= 0 {
				after := w[k+len("comment"):]
				if k == 0 && !strings.HasPrefix(after, "ar") && !strings.HasPrefix(after, "at") || k > 0 && (after == "" || after == "s") {
					return true
				}
			}
			if strings.HasPrefix(w, "disqus") || strings.HasPrefix(w, "replies") || strings.HasPrefix(w, "respond") ||
				strings.HasPrefix(w, "trackback") || strings.HasPrefix(w, "pingback") {
				return true
			}
		}
		rest = rest[j:]
	}
	return false
}

// pruneComments detaches the comment sections under root (commentName),
// except one that holds the page's <h1>: a wrapper of the post and its
// comments. The retries, which keep what the first attempt pruned by
// name, still leave comments out: readers' comments are never the
// article, however much longer than it they are.
func pruneComments(root *html.Node) []detached {
	return detachWhere(root, func(n *html.Node) bool {
		return n.DataAtom != atom.Body && n.DataAtom != atom.Html && commentName(classHints(n)) && firstElement(n, atom.H1) == nil
	})
}

// isBoilerplate reports whether the element n is page furniture.
func isBoilerplate(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.A, atom.Article, atom.Tr, atom.Td, atom.Th, atom.Tbody:
		return false
	case atom.Nav, atom.Aside, atom.Footer, atom.Header, atom.Dialog, atom.Menu:
		return true
	}
	switch lowerASCII(strings.TrimSpace(attr(n, "role"))) {
	case "navigation", "menu", "menubar", "complementary", "alert", "alertdialog",
		"dialog", "banner", "contentinfo", "search":
		return true
	}
	hints := classHints(n)
	if hints != "" && (hasAny(hints, popups) || hasToken(hints, hiddenTokens) || hasAny(squeeze(hints), hiddenJoined)) {
		return true
	}
	if n.DataAtom == atom.P && hints != "" && commentName(hints) {
		return true // a comment form's note ("comment_license", "comments-closed")
	}
	if n.DataAtom == atom.Li || n.DataAtom == atom.Span || n.DataAtom == atom.P || n.DataAtom == atom.Figure || n.DataAtom == atom.Img {
		return false
	}
	if hints == "" {
		return false
	}
	if commentName(hints) && firstElement(n, atom.H1) == nil {
		// A comment's box ("commentbody", "comment-content") is one
		// whatever else its name says; a wrapper holding the headline is
		// not.
		return true
	}
	if hasAny(hints, okMaybe) || strings.Contains(hints, "embed") {
		return false
	}
	return hasWord(hints, unlikely) || commentName(hints) || hasToken(hints, strongTokens) || hasAny(squeeze(hints), strongJoined) || authorBox(hints)
}

// authorBox reports a class or id that names the box about the author
// after a post ("postauthor", "author_info", "about-the-author",
// "author-bio"): one whole name that ends with "author" or is "author"
// followed by bio, box, info or profile, its separators removed. Names
// that only mention an author ("entry-author-jane", a blog platform's tag
// of whoever wrote the post) are not.
func authorBox(hints string) bool {
	if !strings.Contains(hints, "author") {
		return false
	}
	for _, name := range strings.Fields(hints) {
		w := squeeze(name)
		if strings.HasSuffix(w, "author") {
			return true
		}
		if rest, ok := strings.CutPrefix(w, "author"); ok {
			switch rest {
			case "bio", "box", "info", "profile", "details", "description":
				return true
			}
		}
	}
	return false
}

// classHints is n's class and id, lowercased, separated by a space.
func classHints(n *html.Node) string {
	c, id := attr(n, "class"), attr(n, "id")
	if c == "" && id == "" {
		return ""
	}
	if id == "" {
		return lowerASCII(c)
	}
	return lowerASCII(c + " " + id)
}

// Class and id hints, after Mozilla Readability's, with more of the boxes
// that news sites put around and inside their articles.
var (
	unlikely = []string{"-ad-", "ai2html", "banner", "breadcrumb", "combx", "community",
		"cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related",
		"remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
		"supplemental", "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
		"newsletter", "subscribe", "cookie", "consent", "outbrain", "taboola", "promo", "copyright"}
	// popups are cards that appear on hover, inside the text they explain.
	popups   = []string{"rollover", "tooltip", "popover", "hovercard", "hover-card"}
	okMaybe  = []string{"and", "article", "body", "column", "content", "main", "mathjax", "shadow"}
	positive = []string{"article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
		"pagination", "post", "text", "blog", "story"}
	negative = []string{"-ad-", "hidden", "banner", "combx", "com-", "contact", "footer",
		"gdpr", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
		"shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "newsletter",
		"subscribe", "social", "cookie", "byline", "author", "dateline"}
	// strongTokens are whole words of a class or id that mark furniture.
	strongTokens = []string{"ad", "ads", "advert", "adverts", "advertisement", "share", "sharing",
		"sharebar", "social", "newsletter", "subscribe", "subscription", "cookie", "cookies",
		"consent", "promo", "related", "comments", "popular", "tags", "tag", "print", "toolbar",
		"skip", "truncated", "lightbox", "modal"}
	// hiddenTokens and hiddenJoined name classes that hide an element
	// (or show it to screen readers only), whatever its tag.
	hiddenTokens = []string{"hidden", "invisible", "offscreen"}
	hiddenJoined = []string{"sronly", "visuallyhidden", "screenreadertext", "dnone", "ishidden", "offscreen"}
	// strongJoined are run-together phrases, matched with the separators removed.
	strongJoined = []string{"mostread", "mostviewed", "mostpopular", "readmore", "readalso",
		"alsoread", "seealso", "relatedarticles", "relatedposts", "relatedstories", "moreonthis",
		"morestories", "recommended", "trending", "signup", "paywall"}
)

func hasAny(s string, subs []string) bool {
	for _, p := range subs {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// hasWord reports whether one of the words of s (split at anything but
// letters and digits) begins or ends with one of hints, or, for a hint
// that holds a separator ("-ad-", "cover-wrap"), whether s holds it: a
// hint matches "sidebar", "leftsidebar" or "sidebar2" but not
// a hint in the middle of a word: "handbrake" is no "and".
func hasWord(s string, hints []string) bool {
	for _, h := range hints {
		if !isWordString(h) {
			if strings.Contains(s, h) {
				return true
			}
			continue
		}
		for rest := s; len(rest) > 0; {
			i := 0
			for i < len(rest) && !isWordByte(rest[i]) {
				i++
			}
			j := i
			for j < len(rest) && isWordByte(rest[j]) {
				j++
			}
			if w := rest[i:j]; len(w) >= len(h) && (strings.HasPrefix(w, h) || strings.HasSuffix(w, h)) {
				return true
			}
			rest = rest[j:]
		}
	}
	return false
}

func isWordString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return true
}

// hasToken reports whether one of the words of s (split at anything but
// letters and digits) is in tokens.
func hasToken(s string, tokens []string) bool {
	for len(s) > 0 {
		i := 0
		for i < len(s) && !isWordByte(s[i]) {
			i++
		}
		j := i
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		if j > i {
			w := s[i:j]
			for _, t := range tokens {
				if w == t {
					return true
				}
			}
		}
		s = s[j:]
	}
	return false
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || c >= 0x80
}

// squeeze drops everything but letters and digits.
func squeeze(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if isWordByte(s[i]) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// classWeight scores n's class and id as Readability does: +25 for a
// content hint, -25 for a furniture hint, each.
func classWeight(n *html.Node) int {
	w := 0
	for _, v := range [...]string{attr(n, "class"), attr(n, "id")} {
		if v == "" {
			continue
		}
		v = lowerASCII(v)
		if hasWord(v, negative) || commentName(v) || hasToken(v, strongTokens) {
			w -= 25
		}
		if hasWord(v, positive) {
			w += 25
		}
	}
	return w
}
