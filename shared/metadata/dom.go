package metadata

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// attr returns the value of n's attribute key ("" if absent).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

// hidden reports whether n is hidden from readers: the hidden attribute,
// aria-hidden, or an inline display:none / visibility:hidden.
func hidden(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" && !strings.Contains(attr(n, "class"), "fallback-image") {
		return true
	}
	st := attr(n, "style")
	if st == "" {
		return false
	}
	st = strings.ToLower(strings.ReplaceAll(st, " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

// Bounds on the text gathered from one element: metadata is short, and a
// bound keeps a pathological page (a tree 100,000 levels deep, megabytes
// in one element) from costing more than a look.
const (
	maxTextBytes = 64 << 10
	maxTextNodes = 20000
)

// textOf returns the text of n with runs of white space collapsed to one
// space and trimmed; scripts, styles and templates are skipped. Zero-width
// joiners and bidi marks are kept.
func textOf(n *html.Node) string {
	var b strings.Builder
	appendText(&b, n, false, maxTextBytes, maxTextNodes)
	return collapse(b.String())
}

// appendText writes the text under root to b: as a reader sees it (line
// breaks for <br>, spaces after blocks, no scripts), or with all set, as
// the DOM's textContent. It stops after maxBytes or maxNodes and reports
// whether it saw everything. It walks without recursion.
func appendText(b *strings.Builder, root *html.Node, all bool, maxBytes, maxNodes int) bool {
	visited := 0
	for n := root.FirstChild; n != nil && n != root; {
		if visited++; visited > maxNodes || b.Len() > maxBytes {
			return false
		}
		descend := n.FirstChild != nil
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if !all {
				switch n.DataAtom {
				case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Svg, atom.Math:
					descend = false // an icon's <title> ("Created with Sketch.") is no text
				case atom.Br:
					b.WriteByte('\n')
				}
			}
		}
		if descend {
			n = n.FirstChild
			continue
		}
		// Leave n, and every ancestor that ends with it.
		for n != root {
			if !all && n.Type == html.ElementNode && isBlock(n.DataAtom) {
				b.WriteByte(' ')
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
		}
	}
	return true
}

// rawText is the concatenated text of n's text children (for <script>,
// <title>), untouched.
func rawText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Section, atom.Article, atom.Header, atom.Footer, atom.Ul, atom.Ol, atom.Td, atom.Th, atom.Tr:
		return true
	}
	return false
}

// collapse turns every run of white space into one space and trims.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\u00a0' || r == '\u2028' || r == '\u3000' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// classID is an element's class and id, lower case, for hint matching.
func classID(n *html.Node) string {
	return string(classIDBytes(nil, n))
}

// classIDBytes appends n's class and id, lower case, to buf: classID
// without allocating, for the passes over every element.
func classIDBytes(buf []byte, n *html.Node) []byte {
	buf = buf[:0]
	for _, a := range n.Attr {
		if a.Namespace == "" && (a.Key == "class" || a.Key == "id") {
			for i := 0; i < len(a.Val); i++ {
				c := a.Val[i]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			buf = append(buf, ' ')
		}
	}
	return buf
}

// textLen is the byte length of n's text, counted up to max; max when
// the element holds more (or too many nodes to count).
func textLen(n *html.Node, max int) int {
	var b strings.Builder
	if !appendText(&b, n, false, max, 4*max+64) || b.Len() > max {
		return max
	}
	return b.Len()
}

// descendants calls f for the nodes under root in document order, without
// recursion, until f returns false or max nodes have been seen.
func descendants(root *html.Node, max int, f func(*html.Node) bool) {
	seen := 0
	for n := root.FirstChild; n != nil && n != root; {
		if seen++; seen > max || !f(n) {
			return
		}
		if n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
		}
		if n != root {
			n = n.NextSibling
		}
	}
}

// containsAny reports whether s contains any of the words.
func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// unescape decodes HTML entities left in a value that was escaped twice
// (a frequent mistake in meta tags and JSON-LD).
func unescape(s string) string {
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = html.UnescapeString(s)
	}
	return strings.TrimSpace(s)
}

// ancestorsHave reports whether n or one of its ancestors (up to depth
// levels) satisfies f.
func ancestorsHave(n *html.Node, depth int, f func(*html.Node) bool) bool {
	for i := 0; n != nil && i <= depth; i, n = i+1, n.Parent {
		if n.Type == html.ElementNode && f(n) {
			return true
		}
	}
	return false
}
