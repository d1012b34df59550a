package extract

import (
	"bytes"
	"errors"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxFormatting is how many formatting elements (b, font, i, …) flattenFormatting
// leaves open at once.
//
// A formatting element left open is, by the HTML parsing algorithm, put on
// the list of active formatting elements and reopened, as a fresh copy, in
// every block that follows: an old page of 600 "<p><font color=…>" never
// closed grows the stack of open elements by one font per paragraph, until
// x/net/html refuses it ("open stack of elements exceeds 512 nodes"), and
// the copies cost time that grows with the square of the page. Browsers do
// the same but have no such limit, so they display the page. 32 is far
// more formatting than any page nests on purpose.
const maxFormatting = 32

// parsePage parses a page as a browser would display it: formatting
// elements left open beyond maxFormatting are flattened first, and a page
// x/net/html still refuses as nested too deeply is read again with the
// excess nesting removed (limitDepth). The text is always kept. clk bounds
// the work; ErrTimeout is returned when it runs out.
func parsePage(data []byte, clk *clock) (*html.Node, error) {
	data, err := flattenFormatting(data, maxFormatting, clk)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(clk.reader(data))
	if err != nil && !errors.Is(err, ErrTimeout) {
		// x/net/html refuses elements nested over 512 deep; such pages are
		// read again with the excess nesting flattened.
		var flat []byte
		if flat, err = limitDepth(data, maxDepth, clk); err == nil {
			doc, err = html.Parse(clk.reader(flat))
		}
		if err != nil && !errors.Is(err, ErrTimeout) {
			// limitDepth's model of the parser's stack fell short: keep the
			// text and the paragraph breaks, nothing deeper.
			if flat, err = paragraphsOnly(data, clk); err == nil {
				doc, err = html.Parse(clk.reader(flat))
			}
		}
	}
	return doc, err
}

// paragraphsOnly returns the page with every tag replaced: the tags of
// special elements (blocks, cells, list items, breaks) by "<p>", the others
// by an empty comment. Elements whose content is raw text (script, style,
// title, textarea, …) are kept whole, so their content stays out of the
// text. Nothing nests in what it returns, so the parser accepts any page
// after it; it is the last resort for a page limitDepth did not tame.
func paragraphsOnly(data []byte, clk *clock) ([]byte, error) {
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
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case rawText(a):
				out.Write(z.Raw())
			case special(a):
				out.WriteString("<p>")
			default:
				out.WriteString(tombstone)
			}
		default:
			out.Write(z.Raw())
		}
	}
}

// rawText reports the elements whose content the tokenizer reads as text up
// to their end tag.
func rawText(a atom.Atom) bool {
	switch a {
	case atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Plaintext,
		atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp:
		return true
	}
	return false
}

// flattenFormatting returns data with the start tags of formatting
// elements that would be the max+1th (or later) open at once removed,
// together with their end tags; their text stays. Pages that leave fewer
// open come back unchanged (the same slice, not a copy).
//
// Which elements are open is modelled as the parser keeps its list of
// active formatting elements, roughly: a start tag adds one, its end tag
// removes the innermost of its name, and the end of a table cell, caption,
// marquee, object, applet or template removes those opened inside it. "a"
// and "nobr" are left alone: the parser closes an open one when the next
// starts, so they never pile up (and links matter to the extractor). The
// extractor keeps none of these elements' formatting, so removing the
// extra ones changes nothing it reads but the shape of the tree.
//
// It tokenizes once; the cost is linear in the size of the page.
func flattenFormatting(data []byte, max int, clk *clock) ([]byte, error) {
	if fewFormatting(data, max) {
		return data, nil // nearly every page: no second tokenization
	}
	type entry struct {
		name    atom.Atom // 0 for a marker
		dropped bool
		gone    bool // closed by its end tag
	}
	var list []entry
	at := map[atom.Atom][]int{} // name → positions in list of open entries, innermost last
	kept := 0
	var out []byte // nil until the first tag is removed
	pos := 0       // bytes of data tokenized so far
	z := html.NewTokenizer(clk.reader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := clk.err(); err != nil {
				return nil, err
			}
			if out == nil {
				return data, nil
			}
			return append(out, data[pos:]...), nil
		}
		raw := z.Raw()
		start := pos
		pos += len(raw)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
			if out != nil {
				out = append(out, raw...)
			}
			continue
		}
		name, _ := z.TagName()
		a := atom.Lookup(name)
		drop := false
		switch {
		case tt != html.EndTagToken && formatting(a):
			drop = kept >= max
			if !drop {
				kept++
			}
			at[a] = append(at[a], len(list))
			list = append(list, entry{name: a, dropped: drop})
		case tt == html.EndTagToken && formatting(a):
			p := at[a]
			if len(p) == 0 {
				break // matches nothing: the parser ignores it
			}
			i := p[len(p)-1]
			at[a] = p[:len(p)-1]
			list[i].gone = true
			drop = list[i].dropped
			if !drop {
				kept--
			}
		case tt == html.StartTagToken && marker(a):
			list = append(list, entry{})
		case tt == html.EndTagToken && marker(a):
			// Pop to the last marker: what was opened in the cell closes with it.
			for len(list) > 0 {
				e := list[len(list)-1]
				list = list[:len(list)-1]
				if e.name == 0 {
					break
				}
				if !e.gone {
					p := at[e.name]
					at[e.name] = p[:len(p)-1]
					if !e.dropped {
						kept--
					}
				}
			}
		}
		if drop {
			if out == nil {
				out = make([]byte, 0, len(data))
				out = append(out, data[:start]...)
			}
			out = append(out, tombstone...)
			continue
		}
		if out != nil {
			out = append(out, raw...)
		}
	}
}

// tombstone takes the place of a removed tag: without it, the text on
// either side would join and could read differently ("<" and "b>" make a
// tag, "&am" and "p;" a character reference). A comment is accepted
// everywhere and ends any such run.
const tombstone = "<!---->"

// formatting reports the formatting elements that pile up when left open.
func formatting(a atom.Atom) bool {
	switch a {
	case atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.S, atom.Small,
		atom.Strike, atom.Strong, atom.Tt, atom.U:
		return true
	}
	return false
}

// marker reports the elements whose end clears the formatting opened inside them.
func marker(a atom.Atom) bool {
	switch a {
	case atom.Td, atom.Th, atom.Caption, atom.Marquee, atom.Object, atom.Applet, atom.Template:
		return true
	}
	return false
}

// fewFormatting reports whether data holds at most max start tags of
// formatting elements, counted in its bytes ("<b", "<FONT", … followed by
// the end of a tag name) without tokenizing. It counts such tags in scripts
// and comments too, so it never says "few" of a page that has more.
func fewFormatting(data []byte, max int) bool {
	n := 0
	var name [7]byte
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return true
		}
		i += j + 1
		k := 0
		for i+k < len(data) && k < len(name) {
			c := data[i+k] | 0x20 // ASCII lower case
			if c < 'a' || c > 'z' {
				break
			}
			name[k] = c
			k++
		}
		if k == 0 || k == len(name) {
			continue
		}
		if i+k < len(data) {
			switch data[i+k] {
			case ' ', '\t', '\n', '\f', '\r', '/', '>':
			default:
				continue // a longer name, or not a tag
			}
		}
		if formatting(atom.Lookup(name[:k])) {
			if n++; n > max {
				return false
			}
		}
	}
}
