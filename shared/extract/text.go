package extract

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/article"
)

// textBuf accumulates the text of one block as a browser lays it out:
// runs of HTML whitespace collapse to one space, spaces at the start and end
// of a line disappear, and <br> starts a new line. Every other character,
// including U+00A0, U+200C, U+200D and the bidi marks, is kept as it is.
type textBuf struct {
	b     []byte
	space bool // a collapsed space is pending before the next character
	links []article.Link
	open  []openLink // links whose end tag has not been seen yet
}

type openLink struct {
	start int
	href  string
	node  *html.Node
}

// text appends s, collapsing its whitespace.
func (t *textBuf) text(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if isSpaceByte(c) {
			t.space = true
			i++
			continue
		}
		j := i + 1
		for j < len(s) && !isSpaceByte(s[j]) {
			j++
		}
		if t.space && len(t.b) > 0 && t.b[len(t.b)-1] != '\n' {
			t.b = append(t.b, ' ')
		}
		t.space = false
		t.b = append(t.b, s[i:j]...)
		i = j
	}
}

// raw appends s untouched, as in <pre>.
func (t *textBuf) raw(s string) {
	t.b = append(t.b, s...)
}

// newline ends the current line; at most one empty line is kept.
func (t *textBuf) newline() {
	t.space = false
	n := len(t.b)
	if n == 0 || (n >= 2 && t.b[n-1] == '\n' && t.b[n-2] == '\n') {
		return
	}
	t.b = append(t.b, '\n')
}

// breakLine starts a new line unless one has just started: the edge of a
// block inside the text.
func (t *textBuf) breakLine() {
	t.space = false
	if n := len(t.b); n > 0 && t.b[n-1] != '\n' {
		t.b = append(t.b, '\n')
	}
}

// startLink notes that a link to href begins here.
func (t *textBuf) startLink(href string, n *html.Node) {
	start := len(t.b)
	if t.space && start > 0 && t.b[start-1] != '\n' {
		start++ // the pending space belongs before the link
	}
	t.open = append(t.open, openLink{start: start, href: href, node: n})
}

// endLink closes the link that the element n opened, keeping it if it
// has text.
func (t *textBuf) endLink(n *html.Node) {
	if len(t.open) == 0 || t.open[len(t.open)-1].node != n {
		return
	}
	l := t.open[len(t.open)-1]
	t.open = t.open[:len(t.open)-1]
	t.keepLink(l)
}

func (t *textBuf) keepLink(l openLink) {
	if l.start >= len(t.b) {
		return
	}
	if s := strings.TrimSpace(string(t.b[l.start:])); s != "" {
		t.links = append(t.links, article.Link{Text: s, Href: l.href})
	}
}

// take returns the text and links gathered so far and empties the buffer.
// Links still open are cut at the block's end and continue in the next one.
func (t *textBuf) take() (string, []article.Link) {
	for _, l := range t.open {
		t.keepLink(l)
	}
	for i := range t.open {
		t.open[i].start = 0
	}
	s := strings.TrimSpace(string(t.b))
	links := t.links
	t.b, t.links, t.space = t.b[:0], nil, false
	return s, links
}
