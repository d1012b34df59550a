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

// textOf returns the text of n with runs of white space collapsed to one
// space and trimmed; scripts, styles and templates are skipped. Zero-width
// joiners and bidi marks are kept.
func textOf(n *html.Node) string {
	var b strings.Builder
	appendText(&b, n)
	return collapse(b.String())
}

func appendText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Template, atom.Noscript:
			return
		case atom.Br:
			b.WriteByte('\n')
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		appendText(b, c)
		if c.Type == html.ElementNode && isBlock(c.DataAtom) {
			b.WriteByte(' ')
		}
	}
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

// textLen is the byte length of n's text, counted up to max.
func textLen(n *html.Node, max int) int {
	l := 0
	for c := n.FirstChild; c != nil && l <= max; c = c.NextSibling {
		if c.Type == html.TextNode {
			l += len(c.Data)
		} else if c.Type == html.ElementNode {
			l += textLen(c, max-l)
		}
	}
	return l
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
