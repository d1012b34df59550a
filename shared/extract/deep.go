package extract

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxDepth is the nesting depth that limitDepth keeps. x/net/html refuses
// documents whose stack of open elements passes 512; the margin covers
// the elements that the parser adds itself (html, body, tbody, …) and the
// formatting elements it reopens (at most maxFormatting, see legacy.go).
const maxDepth = 400

// limitDepth returns the page data with the tags nested deeper than max
// removed, their text kept: a page that x/net/html refuses as nested too
// deeply ("open stack of elements exceeds 512 nodes") parses once passed
// through it. It tokenizes once and copies the tokens it keeps byte for
// byte.
//
// Depth is counted as the parser does, roughly: a start tag of an element
// that has content opens a level, an end tag closes the levels up to the
// nearest open element of its name, and an end tag that matches nothing is
// ignored. Counting too high only removes more tags; the text always stays.
//
// Its cost is linear in the size of the page, whatever its shape: the
// nearest open element of a name is found through a per-name list of
// positions rather than by scanning the stack (which made 100,000 stray end
// tags under 100,000 open ones take 10 s for a 900 KB page), and every
// element is pushed and popped once.
//
// clk is checked as the page is read; its error (ErrTimeout) is returned.
func limitDepth(data []byte, max int, clk *clock) ([]byte, error) {
	// Names are numbered as they are met, so that the stack holds no
	// pointers (nothing for the collector to scan on a deep page).
	type open struct {
		name    int32
		dropped bool
		kept    int32 // kept elements on the stack up to and including this one
	}
	ids := map[string]int32{}
	var at [][]int32 // name → positions in stack of its open elements, innermost last
	var stack []open
	out := bytes.NewBuffer(make([]byte, 0, len(data)))
	z := html.NewTokenizer(clk.reader(data))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := clk.err(); err != nil {
				return nil, err
			}
			return out.Bytes(), nil
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElement(atom.Lookup(name)) {
				out.Write(z.Raw())
				continue
			}
			id, ok := ids[string(name)]
			if !ok {
				id = int32(len(at))
				ids[string(name)] = id
				at = append(at, nil)
			}
			var d int32
			if len(stack) > 0 {
				d = stack[len(stack)-1].kept
			}
			drop := int(d) >= max
			if !drop {
				d++
			}
			at[id] = append(at[id], int32(len(stack)))
			stack = append(stack, open{id, drop, d})
			if drop {
				out.WriteString(tombstone)
				continue
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			id, ok := ids[string(name)]
			if !ok || len(at[id]) == 0 {
				out.Write(z.Raw()) // matches nothing: the parser ignores it
				continue
			}
			i := at[id][len(at[id])-1]
			dropped := stack[i].dropped
			for j := len(stack) - 1; j >= int(i); j-- { // pop stack[i:]
				p := stack[j].name
				at[p] = at[p][:len(at[p])-1]
			}
			stack = stack[:i]
			if dropped {
				out.WriteString(tombstone)
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
