package extract

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/weburl"
)

// converter turns a cleaned subtree into blocks. Inline content accumulates
// in para until a block-level element ends the paragraph; images and embeds
// met inside a paragraph wait in pending and follow it, so they never cut a
// sentence in two.
type converter struct {
	base    *weburl.URL
	root    *html.Node
	blocks  []article.Block
	para    textBuf
	paraAt  *html.Node // the element whose text para holds, for its dir
	pending []article.Block
	// quotes are the open <blockquote>s read block by block (they hold a
	// table or a <pre>): their paragraphs come out as quotes.
	quotes []*html.Node
	// quoteOpen is the quote whose paragraphs the last block holds, which
	// the next of its paragraphs joins.
	quoteOpen *html.Node
	// texts are the open <pre>s read as text and tables, not code (see
	// preIsText): their line breaks are kept, a blank line ends a paragraph.
	texts []*html.Node
}

// convert appends the blocks of the subtree n.
func (c *converter) convert(n *html.Node) {
	c.root = n
	c.paraAt = n
	walk(n, c.enter, c.leave)
	c.flush()
}

func (c *converter) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		if len(c.texts) > 0 {
			c.preformatted(n.Data)
		} else {
			c.para.text(n.Data)
		}
		return false
	case html.ElementNode:
	case html.DocumentNode:
		return true
	default:
		return false
	}
	if skipElement(n) {
		return false
	}
	if l := headingLevel(n.DataAtom); l > 0 {
		c.flush()
		if t, links := render(n, c.base, nil); t != "" {
			c.add(n, article.Block{Type: article.Heading, Level: l, Text: t, Links: links})
		}
		return false
	}
	switch n.DataAtom {
	case atom.Ul, atom.Ol:
		c.flush()
		c.list(n)
		return false
	case atom.Dl:
		c.flush()
		return true
	case atom.Blockquote:
		c.flush()
		if holdsStructure(n) {
			// A table or code quoted (LWN sets its tables in <blockquote>):
			// read block by block, so that the table stays a table.
			c.quotes = append(c.quotes, n)
			c.paraAt = n
			return true
		}
		if t, links := render(n, c.base, nil); t != "" {
			c.add(n, article.Block{Type: article.Quote, Text: t, Links: links})
		}
		return false
	case atom.Pre:
		c.flush()
		text := preText(n)
		if preIsText(n, text) {
			c.texts = append(c.texts, n)
			c.paraAt = n
			return true
		}
		c.code(n, text)
		return false
	case atom.Figure:
		c.flush()
		return !c.figure(n)
	case atom.Img:
		if src := imageSrc(n, c.base); src != "" && !tinyImage(n) {
			c.pending = append(c.pending, article.Block{Type: article.Figure, Src: src, Alt: strings.TrimSpace(attr(n, "alt"))})
		}
		return false
	case atom.Iframe, atom.Video, atom.Audio, atom.Embed, atom.Object:
		if src := embedSrc(n, c.base); src != "" {
			c.pending = append(c.pending, article.Block{Type: article.Embed, Src: src})
		}
		return false
	case atom.Table:
		c.flush()
		if isDataTable(n) {
			c.table(n)
			return false
		}
		return true
	case atom.Br:
		// <br><br> ends a paragraph, as Readability reads it.
		if n := len(c.para.b); n > 0 && c.para.b[n-1] == '\n' {
			c.flush()
			return false
		}
		c.para.newline()
		return false
	case atom.Hr:
		c.flush()
		return false
	case atom.A:
		if href := resolve(c.base, attr(n, "href"), true); href != "" {
			c.para.startLink(href, n)
		}
		return true
	}
	if isBlockLevel(n.DataAtom) {
		c.flush()
		c.paraAt = n
	}
	return true
}

func (c *converter) leave(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	if n.DataAtom == atom.A {
		c.para.endLink(n)
		return
	}
	if isBlockLevel(n.DataAtom) {
		c.flush()
		c.paraAt = n.Parent
	}
	if k := len(c.quotes); k > 0 && c.quotes[k-1] == n {
		c.quotes = c.quotes[:k-1]
	}
	if k := len(c.texts); k > 0 && c.texts[k-1] == n {
		c.texts = c.texts[:k-1]
	}
}

// preformatted adds text of a <pre> read as text: its line breaks are
// kept, and a blank line ends the paragraph.
func (c *converter) preformatted(s string) {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if i > 0 {
			// A blank line (not the last piece: that line goes on in
			// the next node) ends the paragraph.
			if i < len(lines)-1 && strings.TrimSpace(line) == "" {
				c.flush()
				continue
			}
			c.para.newline()
		}
		c.para.text(line)
	}
}

// flush ends the current paragraph, then adds the figures and embeds that
// were found inside it.
func (c *converter) flush() {
	if t, links := c.para.take(); t != "" {
		if k := len(c.quotes); k == 0 {
			c.add(c.paraAt, article.Block{Type: article.Paragraph, Text: t, Links: links})
		} else if last := len(c.blocks) - 1; last >= 0 && c.quoteOpen == c.quotes[k-1] {
			// The quote's paragraphs one after another make one quote,
			// one line each, as a quote of text alone does.
			c.blocks[last].Text += "\n" + t
			c.blocks[last].Links = append(c.blocks[last].Links, links...)
		} else {
			c.add(c.paraAt, article.Block{Type: article.Quote, Text: t, Links: links})
			c.quoteOpen = c.quotes[k-1]
		}
	}
	for _, b := range c.pending {
		c.blocks = append(c.blocks, b)
		c.quoteOpen = nil
	}
	c.pending = c.pending[:0]
}

// add appends b, noting the direction that the page declares for it.
func (c *converter) add(n *html.Node, b article.Block) {
	c.quoteOpen = nil
	b.Dir = declaredDir(n, c.root)
	c.blocks = append(c.blocks, b)
}

// list adds a list block: one item per <li>, nested lists flattened into
// the items that follow their parent item.
func (c *converter) list(n *html.Node) {
	if c.gallery(n) {
		return
	}
	b := article.Block{Type: article.List, Ordered: n.DataAtom == atom.Ol}
	walk(n, func(m *html.Node) bool {
		if m.Type != html.ElementNode || skipElement(m) {
			return false
		}
		if m.DataAtom == atom.Li {
			t, links := render(m, c.base, isList)
			if t != "" {
				b.Items = append(b.Items, t)
				b.Links = append(b.Links, links...)
			}
		}
		return true
	}, nil)
	if len(b.Items) == 0 {
		if t, links := render(n, c.base, nil); t != "" {
			c.add(n, article.Block{Type: article.Paragraph, Text: t, Links: links})
		}
		return
	}
	b.Text = strings.Join(b.Items, "\n")
	c.add(n, b)
}

// gallery adds a list whose every item shows an image as figures, each
// item's text its caption; when an item has a heading of its own
// (holdsHeading), the items are cards and their text is read as blocks.
// It reports false, adding nothing, for any other list.
func (c *converter) gallery(n *html.Node) bool {
	var items []*html.Node
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode {
			continue
		}
		if li.DataAtom != atom.Li || skipElement(li) {
			return false
		}
		img := findImg(li)
		if img == nil || imageSrc(img, c.base) == "" || tinyImage(img) {
			return false
		}
		items = append(items, li)
	}
	if len(items) == 0 {
		return false
	}
	if slices.ContainsFunc(items, holdsHeading) {
		// Cards of text: each item's picture, heading and prose as blocks.
		for _, li := range items {
			c.convert(li)
		}
		return true
	}
	for _, li := range items {
		img := findImg(li)
		caption, links := render(li, c.base, nil)
		c.add(li, article.Block{Type: article.Figure, Src: imageSrc(img, c.base),
			Alt: strings.TrimSpace(attr(img, "alt")), Caption: caption, Links: links})
	}
	return true
}

// holdsHeading reports whether n holds a heading that is not a link: a
// list item with a heading of its own is a card of text (a feature, a
// step), not a picture whose caption the rest of its text is. A heading
// that links elsewhere makes the item a teaser of another page, which
// stays a figure.
func holdsHeading(n *html.Node) bool {
	for _, a := range [...]atom.Atom{atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6} {
		if h := firstElement(n, a); h != nil {
			return firstElement(h, atom.A) == nil
		}
	}
	return false
}

func isList(n *html.Node) bool { return n.DataAtom == atom.Ul || n.DataAtom == atom.Ol }

// preText is the text of a <pre> exactly as written, but that the edges of
// block-level elements inside it (a highlighter's <div> per line) end a
// line, as a browser shows them.
func preText(n *html.Node) string {
	var t textBuf
	broke := false // a line was ended at an element's edge
	edge := func(m *html.Node) {
		if m != n && m.Type == html.ElementNode && isBlockLevel(m.DataAtom) {
			if k := len(t.b); k > 0 && t.b[k-1] != '\n' {
				t.raw("\n")
				broke = true
			}
		}
	}
	walk(n, func(m *html.Node) bool {
		switch m.Type {
		case html.TextNode:
			s := m.Data
			if broke {
				// The line break written between two elements after one
				// ended a line there already.
				s = strings.TrimPrefix(strings.TrimPrefix(s, "\r"), "\n")
			}
			if s != "" {
				broke = false
			}
			t.raw(s)
		case html.ElementNode:
			if skipElement(m) {
				return false
			}
			if m.DataAtom == atom.Br {
				t.raw("\n")
				broke = false
			}
			edge(m)
			return true
		}
		return false
	}, edge)
	return strings.TrimRight(strings.TrimLeft(string(t.b), "\n"), " \t\n\r")
}

// code adds a code block with the text of the <pre> (preText).
func (c *converter) code(n *html.Node, s string) {
	if strings.TrimSpace(s) == "" {
		return
	}
	b := article.Block{Type: article.Code, Text: s, Lang: codeLang(n)}
	c.add(n, b)
}

// holdsStructure reports whether a <blockquote> holds a data table or a
// <pre>, which a quote's text would flatten.
func holdsStructure(n *html.Node) bool {
	found := false
	walk(n, func(m *html.Node) bool {
		if found || m.Type != html.ElementNode || skipElement(m) {
			return false
		}
		if m != n && (m.DataAtom == atom.Pre || m.DataAtom == atom.Table && isDataTable(m)) {
			found = true
			return false
		}
		return true
	}, nil)
	return found
}

// Limits of preIsText's prose test.
const (
	proseMinBytes   = 400  // shorter text stays as the page set it
	proseLetters    = 0.75 // share of letters among the non-space characters, at least
	proseCodeMarks  = 0.01 // share of code punctuation ({}[]<>=;$\|`^~), below
	proseSentences  = 3    // sentence ends, at least
	proseLongestRun = 3    // longest run of spaces inside a line (columns of a text table), at most
)

// preIsText reports a <pre> that holds tables or prose rather than code or
// a text laid out in columns: a page of results with its tables inside one
// <pre>, a plain-text letter or story set in <pre> for its line breaks.
// Read as code it would be one block of monospace lines, tables flattened
// into a single line; read as text its tables stay tables, its paragraphs
// paragraphs (line breaks kept) and its links links.
//
// Tables: any <table> inside. Prose (text, the <pre>'s preText): at least
// proseMinBytes, mostly letters, almost no code punctuation, sentences
// that end, and no runs of spaces that align columns.
func preIsText(n *html.Node, text string) bool {
	if firstElement(n, atom.Table) != nil {
		return true
	}
	if len(text) < proseMinBytes {
		return false
	}
	nonSpace, letters, marks, ends, run := 0, 0, 0, 0, 0
	inLine := false // a non-space character came before on this line
	prev := ' '
	for _, r := range text {
		switch {
		case r == '\n':
			run, inLine = 0, false
		case r == ' ' || r == '\t' || r == 0xa0:
			if !inLine {
				break // a paragraph's indent
			}
			if r == '\t' {
				return false // tabs align columns
			}
			if run++; run > proseLongestRun {
				return false
			}
		default:
			run, inLine = 0, true
			nonSpace++
			if unicode.IsLetter(r) || unicode.IsMark(r) {
				letters++
			}
			if strings.ContainsRune("{}[]<>=;$\\|`^~", r) {
				marks++
			}
		}
		if (prev == '.' || prev == '!' || prev == '?' || prev == '؟' || prev == '。') && (r == ' ' || r == '\n') {
			ends++
		}
		prev = r
	}
	if prev == '.' || prev == '!' || prev == '?' || prev == '؟' || prev == '。' {
		ends++
	}
	return nonSpace > 0 && float64(letters) >= proseLetters*float64(nonSpace) &&
		float64(marks) < proseCodeMarks*float64(nonSpace) && ends >= proseSentences
}

// codeLang reads a language hint from class="language-go" or "lang-go" on
// the <pre> or its <code>.
func codeLang(n *html.Node) string {
	for m := n; m != nil; {
		for _, f := range strings.Fields(attr(m, "class")) {
			f = lowerASCII(f)
			for _, p := range [...]string{"language-", "lang-"} {
				if strings.HasPrefix(f, p) && len(f) > len(p) {
					return f[len(p):]
				}
			}
		}
		if m != n {
			break
		}
		m = firstElement(n, atom.Code)
	}
	return ""
}

func firstElement(n *html.Node, a atom.Atom) *html.Node {
	var found *html.Node
	walk(n, func(m *html.Node) bool {
		if found != nil {
			return false
		}
		if m != n && m.Type == html.ElementNode && m.DataAtom == a {
			found = m
			return false
		}
		return true
	}, nil)
	return found
}

// figure adds the images of a <figure> (or its embed) with the caption from
// its <figcaption>. It reports false when the figure holds neither, so that
// its content is read as ordinary blocks.
func (c *converter) figure(n *html.Node) bool {
	var media []article.Block
	var caption *html.Node
	walk(n, func(m *html.Node) bool {
		if m.Type != html.ElementNode || skipElement(m) {
			return false
		}
		switch m.DataAtom {
		case atom.Figcaption:
			if caption == nil {
				caption = m
			}
			return false
		case atom.Img:
			if src := imageSrc(m, c.base); src != "" && !tinyImage(m) {
				media = append(media, article.Block{Type: article.Figure, Src: src, Alt: strings.TrimSpace(attr(m, "alt"))})
			}
			return false
		case atom.Iframe, atom.Video, atom.Audio, atom.Embed, atom.Object:
			if src := embedSrc(m, c.base); src != "" {
				media = append(media, article.Block{Type: article.Embed, Src: src})
			}
			return false
		}
		return true
	}, nil)
	if len(media) == 0 {
		return false
	}
	var capText string
	var capLinks []article.Link
	if caption != nil {
		capText, capLinks = render(caption, c.base, nil)
	}
	for i := range media {
		if media[i].Type == article.Figure && capText != "" {
			media[i].Caption, media[i].Links = capText, capLinks
			capText = ""
		}
		c.add(n, media[i])
	}
	if capText != "" { // an embed with a caption
		c.add(caption, article.Block{Type: article.Paragraph, Text: capText, Links: capLinks})
	}
	return true
}

// maxColspan bounds the empty cells a colspan adds after its cell.
const maxColspan = 50

// table adds a data table: its rows of cell texts, nested tables left out,
// the links of its cells in order. The header row comes first: rows of a
// <thead> before the others, rows of a <tfoot> after them, wherever the
// page wrote them. A cell spanning columns is followed by empty cells, so
// that the columns stay aligned. Title rows on top (one cell across every
// column) and the <caption> become the table's text, its caption.
func (c *converter) table(n *html.Node) {
	b := article.Block{Type: article.Table}
	type row struct {
		cells []string
		links []article.Link
		span  int // columns covered
		real  int // cells the page wrote
		part  atom.Atom
	}
	var rows []row
	var caption []string
	walk(n, func(m *html.Node) bool {
		if m.Type != html.ElementNode || skipElement(m) {
			return false
		}
		if m != n && m.DataAtom == atom.Table {
			return false
		}
		switch m.DataAtom {
		case atom.Caption:
			if t, _ := render(m, c.base, nil); t != "" {
				caption = append(caption, t)
			}
			return false
		case atom.Tr:
			r := row{part: m.Parent.DataAtom}
			empty := true
			for cell := m.FirstChild; cell != nil; cell = cell.NextSibling {
				if cell.Type != html.ElementNode || (cell.DataAtom != atom.Td && cell.DataAtom != atom.Th) || skipElement(cell) {
					continue
				}
				t, links := render(cell, c.base, nil)
				r.cells = append(r.cells, t)
				r.links = append(r.links, links...)
				r.span++
				r.real++
				if k := colspan(cell); k > 1 {
					for i := 1; i < k; i++ {
						r.cells = append(r.cells, "")
					}
					r.span += k - 1
				}
				empty = empty && t == ""
			}
			if !empty {
				rows = append(rows, r)
			}
			return false
		}
		return true
	}, nil)
	width := 0
	for _, r := range rows {
		width = max(width, r.span)
	}
	// Title rows: one cell with text across a table of several columns.
	for len(rows) > 1 && width > 1 && rows[0].real == 1 && rows[0].span == width && rows[0].cells[0] != "" {
		caption = append(caption, rows[0].cells[0])
		rows = rows[1:]
	}
	ordered := make([]row, 0, len(rows))
	for _, part := range [...]func(atom.Atom) bool{
		func(a atom.Atom) bool { return a == atom.Thead },
		func(a atom.Atom) bool { return a != atom.Thead && a != atom.Tfoot },
		func(a atom.Atom) bool { return a == atom.Tfoot },
	} {
		for _, r := range rows {
			if part(r.part) {
				ordered = append(ordered, r)
			}
		}
	}
	for _, r := range ordered {
		b.Rows = append(b.Rows, r.cells)
		b.Links = append(b.Links, r.links...)
	}
	b.Text = strings.Join(caption, "\n")
	if len(b.Rows) > 0 {
		c.add(n, b)
	}
}

// colspan is a cell's colspan attribute, 1 when absent or bad, at most
// maxColspan.
func colspan(cell *html.Node) int {
	v := strings.TrimSpace(attr(cell, "colspan"))
	k := 0
	for i := 0; i < len(v) && v[i] >= '0' && v[i] <= '9'; i++ {
		k = k*10 + int(v[i]-'0')
		if k > maxColspan {
			return maxColspan
		}
	}
	return max(k, 1)
}

// isDataTable tells a table of data from a table used for page layout,
// as Readability does: layout tables are read as ordinary content.
func isDataTable(n *html.Node) bool {
	if lowerASCII(attr(n, "role")) == "presentation" || attr(n, "datatable") == "0" {
		return false
	}
	rows, cols, cells, chars := 0, 0, 0, 0
	data := false
	nested := false
	walk(n, func(m *html.Node) bool {
		switch m.Type {
		case html.TextNode:
			chars += len(strings.TrimSpace(m.Data))
			return false
		case html.ElementNode:
		default:
			return false
		}
		if m == n {
			return true
		}
		switch m.DataAtom {
		case atom.Table:
			nested = true
			return false
		case atom.Th, atom.Thead, atom.Caption, atom.Tfoot, atom.Colgroup, atom.Col:
			data = true
		case atom.Tr:
			rows++
			k := 0
			for c := m.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
					k++
				}
			}
			cells += k
			if k > cols {
				cols = k
			}
		case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.Ul, atom.Ol, atom.Blockquote:
			if !data {
				cells += 1000 // block content: a layout cell
			}
		}
		return true
	}, nil)
	if nested || rows == 0 || cells == 0 {
		return false
	}
	if data {
		return true
	}
	return rows >= 2 && cols >= 2 && chars/cells < 200
}

// tinyImage reports images declared 1 or 2 pixels wide or high: tracking
// pixels and spacers.
func tinyImage(n *html.Node) bool {
	for _, k := range [...]string{"width", "height"} {
		if v := strings.TrimSpace(attr(n, k)); v == "0" || v == "1" || v == "2" || v == "1px" {
			return true
		}
	}
	return false
}

// skipElement reports elements whose content is never text of the page:
// scripts, styles, form controls and their labels, and the like.
func skipElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Head,
		atom.Title, atom.Meta, atom.Link, atom.Svg, atom.Button, atom.Input,
		atom.Select, atom.Textarea, atom.Option, atom.Canvas, atom.Map,
		atom.Datalist, atom.Param, atom.Label:
		return true
	}
	if n.Namespace == "svg" {
		return true
	}
	return false
}

// render returns the text of the subtree n as one block would show it:
// block-level descendants and <br> start new lines. Subtrees for which
// except returns true are left out.
func render(n *html.Node, base *weburl.URL, except func(*html.Node) bool) (string, []article.Link) {
	var t textBuf
	walk(n, func(m *html.Node) bool {
		switch m.Type {
		case html.TextNode:
			t.text(m.Data)
			return false
		case html.ElementNode:
		default:
			return false
		}
		if skipElement(m) || (m != n && except != nil && except(m)) {
			return false
		}
		switch m.DataAtom {
		case atom.Br:
			t.newline()
			return false
		case atom.A:
			if href := resolve(base, attr(m, "href"), true); href != "" {
				t.startLink(href, m)
			}
		case atom.Pre:
			t.breakLine()
			walk(m, func(x *html.Node) bool {
				if x.Type == html.TextNode {
					t.raw(x.Data)
				}
				return x.Type == html.ElementNode && !skipElement(x)
			}, nil)
			t.breakLine()
			return false
		default:
			if m != n && isBlockLevel(m.DataAtom) {
				t.breakLine()
			}
		}
		return true
	}, func(m *html.Node) {
		if m.Type != html.ElementNode {
			return
		}
		if m.DataAtom == atom.A {
			t.endLink(m)
		} else if m != n && isBlockLevel(m.DataAtom) {
			t.breakLine()
		}
	})
	return t.take()
}

// declaredDir returns the dir attribute that applies to n, looking up to
// root but no more than 64 levels: "ltr", "rtl", "auto" or "".
func declaredDir(n, root *html.Node) string {
	for m, k := n, 0; m != nil && k < 64; m, k = m.Parent, k+1 {
		if m.Type == html.ElementNode {
			if d := lowerASCII(strings.TrimSpace(attr(m, "dir"))); d == "ltr" || d == "rtl" || d == "auto" {
				return d
			}
		}
		if m == root {
			break
		}
	}
	return ""
}

// tidy drops the blocks that came out empty: figures and embeds without
// an address, text blocks without visible text.
func tidy(blocks []article.Block) []article.Block {
	out := blocks[:0]
	for _, b := range blocks {
		switch b.Type {
		case article.Figure, article.Embed:
			if b.Src == "" {
				continue
			}
		default:
			if strings.TrimSpace(b.PlainText()) == "" {
				continue
			}
		}
		out = append(out, b)
	}
	return out
}
