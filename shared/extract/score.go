package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// stat holds what the content finder knows about one element: the size of
// its text, how much of it is link text, and counts of telling descendants.
// Sizes count characters, each run of whitespace as one.
type stat struct {
	parent       int32 // index of the parent element's stat, -1 at the top
	chars        int32
	linkChars    int32
	commas       int32
	inline       int32 // chars of the text that this element lays out itself
	inlineLink   int32
	inlineCommas int32
	paras        int32 // <p> descendants
	imgs         int32
	lis          int32
	inputs       int32
	embeds       int32
	headChars    int32 // chars inside headings
	ptext        int32 // chars of the paragraphs (see score) inside
	listChars    int32 // chars inside lists
	// The text this element lays out itself, cut into runs by its
	// block-level children and by <br>: run* is the open run, runs* the
	// paragraphs among the closed ones (see closeRun).
	runChars, runLink, runCommas int32
	runsParas                    int32
	runsChars                    int32
	runsPoints                   float32
	split                        bool // has block-level children or <br>s between its runs
	inFigure                     bool // has a <figure> ancestor
	score                        float32
	scored                       bool
}

// scorer measures a page once and scores its elements as content
// candidates, after Mozilla Readability.
type scorer struct {
	nodes []*html.Node
	st    []stat
	idx   map[*html.Node]int32
	// weights applies class and id hints to scores.
	weights bool
	// noClean skips conditional cleaning: the last attempt.
	noClean bool
}

// measure fills the stats of every element under root, in one walk.
func (s *scorer) measure(root *html.Node) {
	// Count the elements first so the tables are allocated once: growing
	// them costs more than this walk on large pages.
	count := 0
	walk(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			count++
			return true
		}
		return n.Type == html.DocumentNode
	}, nil)
	if cap(s.st) < count {
		s.st = make([]stat, 0, count)
		s.nodes = make([]*html.Node, 0, count)
	}
	s.nodes = s.nodes[:0]
	s.st = s.st[:0]
	if s.idx == nil {
		s.idx = make(map[*html.Node]int32, count)
	} else {
		clear(s.idx)
	}
	var blocks []int32 // indexes of the block-level ancestors
	cur := int32(-1)   // the current element
	links := 0
	figures := 0
	walk(root, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			if cur < 0 {
				return false
			}
			c, commas := textSize(n.Data)
			st := &s.st[cur]
			st.chars += c
			st.commas += commas
			if links > 0 {
				st.linkChars += c
			}
			if len(blocks) > 0 {
				b := &s.st[blocks[len(blocks)-1]]
				b.inline += c
				b.inlineCommas += commas
				b.runChars += c
				b.runCommas += commas
				if links > 0 {
					b.inlineLink += c
					b.runLink += c
				}
			}
			return false
		case html.ElementNode:
		case html.DocumentNode:
			return true
		default:
			return false
		}
		i := int32(len(s.st))
		s.st = append(s.st, stat{parent: cur})
		s.nodes = append(s.nodes, n)
		s.idx[n] = i
		st := &s.st[i]
		st.inFigure = figures > 0
		switch n.DataAtom {
		case atom.Figure:
			figures++
		case atom.P:
			st.paras = 1
		case atom.Img:
			st.imgs = 1
		case atom.Li:
			st.lis = 1
		case atom.Input, atom.Textarea, atom.Select, atom.Button:
			st.inputs = 1
		case atom.Iframe, atom.Video, atom.Embed, atom.Object, atom.Audio:
			st.embeds = 1
		case atom.A:
			if hasAttr(n, "href") {
				links++
			}
		case atom.Br:
			if len(blocks) > 0 {
				s.closeRun(blocks[len(blocks)-1], true)
			}
		}
		if isBlockLevel(n.DataAtom) {
			if len(blocks) > 0 {
				s.closeRun(blocks[len(blocks)-1], true)
			}
			blocks = append(blocks, i)
		}
		cur = i
		return true
	}, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		i := cur // n's stat: every element entered is left, children first
		st := &s.st[i]
		switch n.DataAtom {
		case atom.A:
			if hasAttr(n, "href") {
				links--
			}
		case atom.Figure:
			figures--
		case atom.Ul, atom.Ol:
			st.listChars = st.chars
		}
		if headingLevel(n.DataAtom) > 0 {
			st.headChars = st.chars
		}
		if len(blocks) > 0 && blocks[len(blocks)-1] == i {
			s.closeRun(i, false)
			blocks = blocks[:len(blocks)-1]
		}
		switch {
		case st.split && n.DataAtom == atom.P && st.runsParas > 0:
			// A paragraph cut by <br>s is as many paragraphs.
			st.ptext += st.runsChars
			st.paras = st.runsParas
		case st.split && n.DataAtom != atom.P && scoresAsParagraph(n.DataAtom):
			// Readability wraps the bare text runs of an element with block
			// children, and the text between <br>s, in paragraphs of that
			// element.
			st.ptext += st.runsChars
			st.paras += st.runsParas
		default:
			st.split = false
			st.runsPoints = 0
			if isParagraph(n, st) {
				st.ptext += st.inline
			}
		}
		cur = st.parent
		if cur >= 0 {
			p := &s.st[cur]
			p.chars += st.chars
			p.linkChars += st.linkChars
			p.commas += st.commas
			p.paras += st.paras
			p.imgs += st.imgs
			p.lis += st.lis
			p.inputs += st.inputs
			p.embeds += st.embeds
			p.headChars += st.headChars
			p.ptext += st.ptext
			p.listChars += st.listChars
		}
	})
}

// closeRun ends the open run of text of the block-level element i: a
// run of 25 characters or more, not mostly links, is a paragraph. When the
// element turns out to have more than one run (block children, <br>s),
// its runs are its paragraphs; otherwise its whole text is one.
// At a block child or a <br> (cut), the element is split.
func (s *scorer) closeRun(i int32, cut bool) {
	st := &s.st[i]
	c := st.runChars
	st.split = st.split || cut
	if c >= 25 && st.runLink*2 <= c {
		st.runsParas++
		st.runsChars += c
		st.runsPoints += 1 + float32(st.runCommas) + float32(min(c/100, 3))
	}
	st.runChars, st.runLink, st.runCommas = 0, 0, 0
}

// isComma reports whether s opens with one of the commas that Readability
// counts besides ',': U+060C ARABIC COMMA, U+FE50 SMALL COMMA, U+FE10
// and U+FE11 the vertical forms, U+2E41 REVERSED COMMA, U+2E34 RAISED
// COMMA, U+2E32 TURNED COMMA and U+FF0C FULLWIDTH COMMA; and U+3001
// IDEOGRAPHIC COMMA, with which Chinese and Japanese list clauses.
func isComma(s string) bool {
	if len(s) < 2 {
		return false
	}
	switch s[0] {
	case 0xD8:
		return s[1] == 0x8C
	case 0xE2:
		return len(s) >= 3 && (s[1] == 0xB9 && s[2] == 0x81 || s[1] == 0xB8 && (s[2] == 0xB4 || s[2] == 0xB2))
	case 0xE3:
		return len(s) >= 3 && s[1] == 0x80 && s[2] == 0x81
	case 0xEF:
		return len(s) >= 3 && (s[1] == 0xB9 && s[2] == 0x90 || s[1] == 0xB8 && (s[2] == 0x90 || s[2] == 0x91) || s[1] == 0xBC && s[2] == 0x8C)
	}
	return false
}

// textSize returns the length of s as rendered (characters, whitespace
// runs counted once) and its number of commas in every script (isComma).
func textSize(s string) (chars, commas int32) {
	space := false
	for i := 0; i < len(s); i++ {
		// Bytes above ' ' (nearly all) are told apart first: HTML
		// whitespace lies below, and in WebAssembly each comparison on this
		// path, run for every byte of the page's text, showed.
		c := s[i]
		if c > ' ' {
			space = false
			if c&0xC0 == 0x80 { // a UTF-8 continuation byte
				continue
			}
			chars++
			if c == ',' || c >= 0xD8 && isComma(s[i:]) {
				commas++
			}
			continue
		}
		if isSpaceByte(c) {
			if !space {
				chars++
			}
			space = true
			continue
		}
		chars++
		space = false
	}
	return chars, commas
}

func (s *scorer) stat(n *html.Node) *stat {
	if i, ok := s.idx[n]; ok {
		return &s.st[i]
	}
	return nil
}

func (st *stat) linkDensity() float32 {
	if st.chars == 0 {
		return 0
	}
	return float32(st.linkChars) / float32(st.chars)
}

// score gives every paragraph's points to its ancestors, as Readability
// does: a paragraph of at least 25 characters is worth 1, plus one per
// comma, plus one per 100 characters up to 3; its parent gets all of it,
// its grandparent half, and further ancestors a third of it divided by
// their distance.
func (s *scorer) score() {
	for i := range s.st {
		st := &s.st[i]
		n := s.nodes[i]
		var points float32
		a := st.parent
		switch {
		case st.split:
			// The paragraphs of a split element are its own, those of
			// a <p> cut by <br>s its parent's.
			if st.runsPoints == 0 {
				continue
			}
			points = st.runsPoints
			if n.DataAtom != atom.P {
				a = int32(i)
			}
		case isParagraph(n, st):
			// A text-holding <div> counts as a paragraph of its own
			// parent, as Readability's div-to-p conversion makes it.
			points = 1 + float32(st.inlineCommas) + float32(min(st.inline/100, 3))
		default:
			continue
		}
		for level := 0; a >= 0 && level < 5; level++ {
			anc := &s.st[a]
			if !anc.scored {
				anc.scored = true
				anc.score = s.initial(s.nodes[a])
			}
			switch level {
			case 0:
				anc.score += points
			case 1:
				anc.score += points / 2
			default:
				anc.score += points / float32(level*3)
			}
			a = anc.parent
		}
	}
}

// isParagraph reports whether the text that n lays out itself counts as a
// paragraph of content: 25 characters or more, not mostly links (a
// paragraph of links is navigation).
func isParagraph(n *html.Node, st *stat) bool {
	return st.inline >= 25 && scoresAsParagraph(n.DataAtom) && st.inlineLink*2 <= st.inline
}

// scoresAsParagraph reports elements whose own text counts as a paragraph.
func scoresAsParagraph(a atom.Atom) bool {
	switch a {
	case atom.Li, atom.Dt, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Th, atom.Figcaption, atom.Caption, atom.Nav, atom.Footer, atom.Header,
		atom.Aside, atom.Form, atom.Button, atom.Summary, atom.Legend, atom.Html:
		return false
	}
	return true
}

// initial is a candidate's starting score, by its tag and class.
func (s *scorer) initial(n *html.Node) float32 {
	var v float32
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main, atom.Section:
		v = 5
	case atom.Pre, atom.Td, atom.Blockquote:
		v = 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		v = -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		v = -5
	}
	if s.weights {
		v += float32(classWeight(n))
	}
	return v
}

// top returns the best candidate: the highest score once scaled by the
// share of its text that is not link text.
func (s *scorer) top() (*html.Node, float32) {
	var best *html.Node
	var bestScore float32
	for i := range s.st {
		st := &s.st[i]
		if !st.scored {
			continue
		}
		v := st.score * (1 - st.linkDensity())
		st.score = v
		if best == nil || v > bestScore {
			best, bestScore = s.nodes[i], v
		}
	}
	return best, bestScore
}
