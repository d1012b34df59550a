package siterules

import (
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/dates"
	"github.com/barg-app/barg/shared/extract"
	"github.com/barg-app/barg/shared/lang"
)

// maxFieldRunes bounds what a field selector may set: a title or an author
// name is a line, not a page the selector picked by mistake.
const maxFieldRunes = 500

// For returns the extract.Site of the rule that applies to pageURL, or nil
// when none does (the extraction then runs as if there were no rules).
func (s *Set) For(pageURL string) extract.Site {
	c := s.match(pageURL)
	if c == nil {
		return nil
	}
	return &site{c}
}

// site is one matched rule acting on one page.
type site struct{ *compiled }

// note is the text of an extractor note about this rule.
func (s *site) note(field, what string) string {
	return "site rule " + strconv.Quote(s.Host+s.Path) + ": " + field + " " + strconv.Quote(*s.selector(field)) + " " + what
}

// Prepare removes what the rule's remove selector matches, then returns the
// elements its content selector matches (outermost only, in page order).
// A panic in the selector engine is a note, not a failed capture.
func (s *site) Prepare(doc *html.Node) (content []*html.Node, notes []string) {
	defer func() {
		if recover() != nil {
			content = nil
			notes = append(notes, "site rule "+strconv.Quote(s.Host+s.Path)+" failed on this page; the heuristics decided")
		}
	}()
	d := goquery.NewDocumentFromNode(doc)
	if g, ok := s.sel["remove"]; ok {
		found := d.FindMatcher(g)
		if found.Length() == 0 {
			notes = append(notes, s.note("remove", "matched nothing"))
		}
		found.Remove()
	}
	if g, ok := s.sel["content"]; ok {
		found := d.FindMatcher(g)
		if found.Length() == 0 {
			notes = append(notes, s.note("content", "matched nothing; the heuristics found the content"))
		}
		found.Each(func(_ int, e *goquery.Selection) {
			// An element inside one already taken is part of it.
			if e.ParentsFiltered("*").FilterNodes(content...).Length() == 0 {
				content = append(content, e.Nodes[0])
			}
		})
	}
	return content, notes
}

// Amend overwrites the title, the authors and the publication date with
// what the rule's selectors pick; a selector that matches nothing (or
// picks no usable text or date) keeps what the heuristics read, with a note.
func (s *site) Amend(doc *html.Node, m *article.Meta) (notes []string) {
	defer func() {
		if recover() != nil {
			notes = append(notes, "site rule "+strconv.Quote(s.Host+s.Path)+" failed reading fields; the heuristics decided")
		}
	}()
	d := goquery.NewDocumentFromNode(doc)
	if g, ok := s.sel["title"]; ok {
		if t := fieldText(d.FindMatcher(g).First()); t != "" {
			m.Title = t
		} else {
			notes = append(notes, s.note("title", "matched no text; kept the title the heuristics read"))
		}
	}
	if g, ok := s.sel["author"]; ok {
		var authors []string
		seen := map[string]bool{}
		d.FindMatcher(g).Each(func(_ int, e *goquery.Selection) {
			if t := fieldText(e); t != "" && !seen[t] {
				seen[t] = true
				authors = append(authors, t)
			}
		})
		if len(authors) > 0 {
			m.Authors = authors
		} else {
			notes = append(notes, s.note("author", "matched no text; kept the authors the heuristics read"))
		}
	}
	if g, ok := s.sel["published"]; ok {
		if !s.published(d.FindMatcher(g), m) {
			notes = append(notes, s.note("published", "matched no date; kept the date the heuristics read"))
		}
	}
	return notes
}

// published reads the first date among the matched elements: from their
// datetime or content attribute, else their text. A date without an offset
// on a Persian page, or in the Jalali calendar, is Iran time, as the
// metadata reader takes it.
func (s *site) published(found *goquery.Selection, m *article.Meta) bool {
	opts := dates.Options{Lang: m.Lang}
	iran := lang.Base(m.Lang) == "fa"
	ok := false
	found.EachWithBreak(func(_ int, e *goquery.Selection) bool {
		text := fieldText(e)
		for _, cand := range []string{e.AttrOr("datetime", ""), e.AttrOr("content", ""), text} {
			d, good := dates.Parse(strings.TrimSpace(cand), opts)
			if !good || d.Year < 1900 || d.Year > 2200 {
				continue
			}
			if !d.HasOffset && (iran || d.Calendar == dates.Jalali) {
				d = d.InIran()
			}
			m.Published = d.String()
			if text != "" {
				m.PublishedText = text
			} else {
				m.PublishedText = strings.TrimSpace(cand)
			}
			ok = true
			return false
		}
		return true
	})
	return ok
}

// fieldText is the element's text with white space collapsed, or "" when
// it is empty or too long to be a field.
func fieldText(e *goquery.Selection) string {
	if e.Length() == 0 {
		return ""
	}
	t := strings.Join(strings.Fields(e.Text()), " ")
	if n := len([]rune(t)); n > maxFieldRunes {
		return ""
	}
	return t
}

// Probe reports what the rule that applies to pageURL picks in doc: how
// many elements each of its selectors matches (for the settings page's
// "test on this tab"). ok is false when no rule applies.
func (s *Set) Probe(doc *html.Node, pageURL string) (r Rule, counts map[string]int, ok bool) {
	c := s.match(pageURL)
	if c == nil {
		return Rule{}, nil, false
	}
	d := goquery.NewDocumentFromNode(doc)
	counts = map[string]int{}
	for _, f := range Fields {
		if g, has := c.sel[f]; has {
			counts[f] = d.FindMatcher(g).Length()
		}
	}
	return c.Rule, counts, true
}
