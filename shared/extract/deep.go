package extract

import (
	"bytes"
	"strings"

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
// Depth is counted as the parser keeps its stack of open elements, closely
// enough that the count is never lower than the parser's (a count too high
// only removes more tags; the text always stays):
//   - a start tag of an element that has content opens a level, also when
//     written self-closing ("<div/>" opens a div in HTML); a cell opens
//     three and a row two, for the tbody and tr the parser adds itself;
//   - a link's start tag closes an open link first, as the parser does;
//   - an end tag closes the levels up to the nearest open element of its
//     name (any heading for a heading) unless the parser would ignore it:
//     an element of the spec's "special" category stands between (a scope
//     boundary, for a special element's own end tag), or it is the end of
//     html, head or body (which only change the parser's mode);
//   - table parts outside any table, and html, head and body, open
//     nothing: the parser ignores them or merges them into its own.
//
// Its cost is linear in the size of the page, whatever its shape: the
// nearest open element of a name is found through a per-name list of
// positions rather than by scanning the stack (which made 100,000 stray end
// tags under 100,000 open ones take 10 s for a 900 KB page), every element
// is pushed and popped once, and each level knows the nearest special
// element and scope boundary at or below it.
//
// clk is checked as the page is read; its error (ErrTimeout) is returned.
func limitDepth(data []byte, max int, clk *clock) ([]byte, error) {
	// Names are numbered as they are met, so that the stack holds no
	// pointers (nothing for the collector to scan on a deep page).
	type open struct {
		name        int32
		dropped     bool
		foreign     uint8 // 0 for an HTML element, else inSVG or inMathML
		integration bool  // where HTML rules apply again inside SVG or MathML
		annotation  bool  // MathML's annotation-xml, in which svg starts SVG
		kept        int32 // levels kept on the stack up to and including this one
		special     int32 // position of the nearest special element at or below, or -1
		boundary    int32 // position of the nearest scope boundary at or below, or -1
		html        int32 // position of the nearest HTML element at or below, or -1
	}
	ids := map[string]int32{}
	var at [][]int32 // name → positions in stack of its open elements, innermost last
	id := func(name []byte, a atom.Atom) int32 {
		if heading(a) {
			name = []byte("h1") // </h2> closes an open h3: headings match each other
		}
		n, ok := ids[string(name)]
		if !ok {
			n = int32(len(at))
			ids[string(name)] = n
			at = append(at, nil)
		}
		return n
	}
	// innermost is the position of the nearest open element of a, or -1.
	innermost := func(a atom.Atom) int32 {
		if n, ok := ids[a.String()]; ok && len(at[n]) > 0 {
			return at[n][len(at[n])-1]
		}
		return -1
	}
	none := open{special: -1, boundary: -1, html: -1}
	var stack []open
	top := func() open {
		if len(stack) == 0 {
			return none
		}
		return stack[len(stack)-1]
	}
	popTo := func(i int32) { // pop stack[i:]
		for j := len(stack) - 1; j >= int(i); j-- {
			p := stack[j].name
			at[p] = at[p][:len(at[p])-1]
		}
		stack = stack[:i]
	}
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
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			var attrs [][2][]byte // read only where they decide something
			if hasAttr && (a == atom.Font || a == atom.AnnotationXml) {
				for more := true; more; {
					var k, v []byte
					k, v, more = z.TagAttr()
					attrs = append(attrs, [2][]byte{k, v})
				}
			}
			selfClosing := tt == html.SelfClosingTagToken
			var foreign uint8 // the new element's namespace, if not HTML
			if t := top(); t.foreign != 0 && !t.integration {
				// In SVG or MathML, an HTML element breaks out: the parser
				// pops back to HTML content first.
				if breakout(a, attrs) {
					for len(stack) > 0 && top().foreign != 0 && !top().integration {
						popTo(int32(len(stack) - 1))
					}
				} else if selfClosing {
					break // self-closing is honoured here
				} else if a == atom.Svg && t.annotation {
					foreign = inSVG
				} else {
					foreign = t.foreign // SVG's children are SVG, MathML's MathML
				}
			}
			if foreign == 0 {
				if a == atom.Svg || a == atom.Math {
					if selfClosing {
						break
					}
					foreign = inSVG
					if a == atom.Math {
						foreign = inMathML
					}
				} else if voidElement(a) || a == atom.Html || a == atom.Head || a == atom.Body ||
					tablePart(a) && innermost(atom.Table) < 0 {
					break // opens no level
				}
			}
			if a == atom.A || a == atom.Nobr {
				// A link starting inside an open link closes it first (the
				// parser's adoption agency, when no block stands between).
				if i := innermost(a); foreign == 0 && i >= 0 && stack[i].foreign == 0 && top().special < i {
					popTo(i)
				}
			}
			n := id(name, a)
			t := top()
			pos := int32(len(stack))
			e := open{name: n, foreign: foreign, kept: t.kept, special: t.special, boundary: t.boundary, html: t.html}
			if foreign != 0 {
				e.integration = integrationPoint(foreign, a, attrs)
				e.annotation = foreign == inMathML && a == atom.AnnotationXml
			} else {
				e.html = pos
			}
			if special(a) {
				e.special = pos
			}
			if scopeBoundary(a) {
				e.boundary = pos
			}
			if int(t.kept) >= max {
				// Its tag is removed: for the parser it does not exist, so
				// it changes neither the content's kind nor any scope.
				e = t
				e.name, e.dropped = n, true
			} else {
				e.kept += levels(a)
			}
			at[n] = append(at[n], pos)
			stack = append(stack, e)
			if e.dropped {
				out.WriteString(tombstone)
				continue
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			n, ok := ids[string(name)]
			if heading(a) {
				n, ok = ids["h1"]
			}
			if !ok || len(at[n]) == 0 {
				break // matches nothing: the parser ignores it
			}
			i := at[n][len(at[n])-1]
			t := top()
			closes := false
			switch {
			case stack[i].foreign != 0 && t.html < i:
				// In SVG or MathML the end tag closes its element through
				// any others of theirs.
				closes = true
			case a == atom.Html || a == atom.Head || a == atom.Body:
				// It closes nothing: the parser only changes its mode.
			case a == atom.Form && i != int32(len(stack)-1):
				// The parser takes the form alone out of the stack; not
				// counting that is only too high.
			case special(a) && t.boundary > i,
				a == atom.Li && (innermost(atom.Ol) > i || innermost(atom.Ul) > i),
				a == atom.P && innermost(atom.Button) > i,
				!special(a) && t.special > i:
				// Out of scope: the parser ignores it.
			default:
				closes = true
			}
			if closes {
				dropped := stack[i].dropped
				popTo(i)
				if dropped {
					out.WriteString(tombstone)
					continue
				}
			}
		}
		out.Write(z.Raw())
	}
}

// breakout reports the HTML elements whose start tag, met in SVG or MathML
// content, returns the parser to HTML (font only with color, face or size).
func breakout(a atom.Atom, attrs [][2][]byte) bool {
	switch a {
	case atom.B, atom.Big, atom.Blockquote, atom.Body, atom.Br, atom.Center, atom.Code,
		atom.Dd, atom.Div, atom.Dl, atom.Dt, atom.Em, atom.Embed, atom.H1, atom.H2,
		atom.H3, atom.H4, atom.H5, atom.H6, atom.Head, atom.Hr, atom.I, atom.Img,
		atom.Li, atom.Listing, atom.Menu, atom.Meta, atom.Nobr, atom.Ol, atom.P,
		atom.Pre, atom.Ruby, atom.S, atom.Small, atom.Span, atom.Strong, atom.Strike,
		atom.Sub, atom.Sup, atom.Table, atom.Tt, atom.U, atom.Ul, atom.Var:
		return true
	case atom.Font:
		for _, kv := range attrs {
			switch string(kv[0]) {
			case "color", "face", "size":
				return true
			}
		}
	}
	return false
}

// The namespaces of foreign elements.
const (
	inSVG    = 1
	inMathML = 2
)

// integrationPoint reports the SVG and MathML elements inside which the
// parser reads HTML again.
func integrationPoint(ns uint8, a atom.Atom, attrs [][2][]byte) bool {
	switch {
	case ns == inSVG && (a == atom.ForeignObject || a == atom.Foreignobject || a == atom.Desc || a == atom.Title):
		return true
	case ns != inMathML:
		return false
	}
	switch a {
	case atom.Mi, atom.Mo, atom.Mn, atom.Ms, atom.Mtext:
		return true
	case atom.AnnotationXml:
		for _, kv := range attrs {
			if string(kv[0]) == "encoding" {
				switch strings.ToLower(string(kv[1])) {
				case "text/html", "application/xhtml+xml":
					return true
				}
			}
		}
	}
	return false
}

// levels is how many levels of the parser's stack an element's start tag
// may open: a cell may bring a tbody and a tr with it, a row a tbody.
func levels(a atom.Atom) int32 {
	switch a {
	case atom.Td, atom.Th:
		return 3
	case atom.Tr:
		return 2
	}
	return 1
}

// tablePart reports the elements the parser ignores outside a table.
func tablePart(a atom.Atom) bool {
	switch a {
	case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Td, atom.Tfoot,
		atom.Th, atom.Thead, atom.Tr:
		return true
	}
	return false
}

// heading reports h1 to h6.
func heading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// scopeBoundary reports the elements that end an "element in scope" search
// (HTML's and, by name, MathML's and SVG's): an end tag whose element lies
// below one of them is ignored.
func scopeBoundary(a atom.Atom) bool {
	switch a {
	case atom.Applet, atom.Caption, atom.Html, atom.Table, atom.Td, atom.Th,
		atom.Marquee, atom.Object, atom.Template,
		atom.Mi, atom.Mo, atom.Mn, atom.Ms, atom.Mtext, atom.AnnotationXml,
		atom.ForeignObject, atom.Foreignobject, atom.Desc, atom.Title:
		return true
	}
	return false
}

// special reports the elements of the spec's "special" category (foreign
// ones by name): an end tag of an ordinary or formatting element is ignored
// when one of them is open above its element. Unknown elements are not
// special.
func special(a atom.Atom) bool {
	if scopeBoundary(a) || voidElement(a) || heading(a) {
		return true
	}
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Basefont, atom.Bgsound,
		atom.Blockquote, atom.Body, atom.Button, atom.Center, atom.Colgroup,
		atom.Dd, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form,
		atom.Frame, atom.Frameset, atom.Head, atom.Header, atom.Hgroup, atom.Iframe,
		atom.Keygen, atom.Li, atom.Listing, atom.Main, atom.Menu, atom.Nav,
		atom.Noembed, atom.Noframes, atom.Noscript, atom.Ol, atom.P, atom.Plaintext,
		atom.Pre, atom.Script, atom.Search, atom.Section, atom.Select, atom.Style,
		atom.Summary, atom.Tbody, atom.Textarea, atom.Tfoot, atom.Thead, atom.Tr,
		atom.Ul, atom.Xmp:
		return true
	}
	return false
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
