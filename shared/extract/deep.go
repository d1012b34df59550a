package extract

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxDepth is the nesting depth that limitDepth keeps. x/net/html refuses
// documents whose stack of open elements passes 512; the margin covers
// the elements that the parser adds itself (html, body, tbody, …).
const maxDepth = 400

// limitDepth returns the page data with the tags nested deeper than max
// removed, their text kept: a page that x/net/html refuses as nested too
// deeply ("open stack of elements exceeds 512 nodes") parses once passed
// through it. It tokenizes once and copies the tokens it keeps byte for
// byte, so its cost is linear in the size of the page.
//
// Depth is counted as the parser does, roughly: a start tag of an element
// that has content opens a level, an end tag closes the levels up to the
// matching open element, and an end tag that matches nothing is ignored.
// Counting too high only removes more tags; the text always stays.
func limitDepth(data []byte, max int) []byte {
	type open struct {
		name    string
		dropped bool
	}
	var stack []open
	depth := 0 // kept elements on the stack
	out := bytes.NewBuffer(make([]byte, 0, len(data)))
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElement(atom.Lookup(name)) {
				out.Write(z.Raw())
				continue
			}
			drop := depth >= max
			stack = append(stack, open{string(name), drop})
			if drop {
				continue
			}
			depth++
		case html.EndTagToken:
			name, _ := z.TagName()
			i := len(stack) - 1
			for i >= 0 && stack[i].name != string(name) {
				i--
			}
			if i < 0 {
				out.Write(z.Raw()) // matches nothing: the parser ignores it
				continue
			}
			dropped := stack[i].dropped
			for _, o := range stack[i:] {
				if !o.dropped {
					depth--
				}
			}
			stack = stack[:i]
			if dropped {
				continue
			}
		}
		out.Write(z.Raw())
	}
}

// voidElement reports elements that never have content.
func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img,
		atom.Input, atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}
