// Package siterules applies the user's own site rules to an extraction: for
// the pages of one host (and optionally one path prefix), CSS selectors say
// where the article's content is, which boxes to drop before extraction,
// and where to read the title, the authors and the publication date.
//
// Rules are the user's, never built in: the heuristics of package
// shared/extract stay general. A rule runs on the tree the extractor has
// already parsed (goquery.NewDocumentFromNode), through the extract.Site
// hook. It never makes a capture fail: a selector that matches nothing, or
// content without text, leaves the decision to the heuristics and says so
// in the article's extractor.notes. Invalid selectors are refused when the
// rules are read, with the position of the error.
//
// The JSON form, shared by the extension's settings, exported rule sets
// and `barg extract -rules FILE`, is an array of rules or an object whose
// "rules" holds one:
//
//	{"rules": [{"host": "news.example", "path": "/fa/", "content": "div.story",
//	  "remove": ".related, .ad", "title": "h1.headline", "author": ".byline a",
//	  "published": "time.pub"}]}
package siterules

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"github.com/tidwall/gjson"

	"github.com/barg-app/barg/shared/weburl"
)

// Limits that keep reading a rule set bounded whatever a file holds.
const (
	MaxRules       = 1000
	MaxSelectorLen = 1000
	MaxBytes       = 1 << 20
)

// Fields are the selector fields of a rule, in the order they are checked
// and documented.
var Fields = []string{"content", "remove", "title", "author", "published"}

// Rule is one site rule as the user wrote it. Empty selectors are unused.
type Rule struct {
	Host      string // "news.example": the host and its subdomains
	Path      string // "/fa/": only pages whose path starts here (whole segments); "" for all
	Content   string // the element(s) holding the article
	Remove    string // elements to drop before extraction
	Title     string // the element whose text is the title
	Author    string // the elements whose texts are the authors
	Published string // the element holding the publication date (datetime, content or text)
}

// selector returns the rule's selector for a field name of Fields.
func (r *Rule) selector(field string) *string {
	switch field {
	case "content":
		return &r.Content
	case "remove":
		return &r.Remove
	case "title":
		return &r.Title
	case "author":
		return &r.Author
	case "published":
		return &r.Published
	}
	return nil
}

// compiled is a rule with its selectors parsed.
type compiled struct {
	Rule
	sel map[string]cascadia.Selector
}

// Set is a checked list of rules, ready to match pages.
type Set struct {
	rules []compiled
}

// Len is the number of rules in the set.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.rules)
}

// Error is a rule the set refuses. Rule is its index (0-based) in the
// list, Field the offending field; for a bad selector, Pos is the 1-based
// character position of the error in the selector (0 when unknown).
type Error struct {
	Rule  int
	Host  string
	Field string
	Pos   int
	Err   error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("rule ")
	b.WriteString(strconv.Itoa(e.Rule + 1))
	if e.Host != "" {
		b.WriteString(" (" + strconv.Quote(e.Host) + ")")
	}
	if e.Field != "" {
		b.WriteString(", " + e.Field)
	}
	b.WriteString(": " + e.Err.Error())
	if e.Pos > 0 {
		b.WriteString(" at character " + strconv.Itoa(e.Pos))
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Parse reads and checks a rule set in its JSON form. Every rule needs a
// host and at least one selector; every selector must parse. The first
// problem found is returned as an *Error (or a plain error for JSON that is
// not a rule set).
func Parse(data []byte) (*Set, error) {
	if len(data) > MaxBytes {
		return nil, errors.New("site rules: over " + strconv.Itoa(MaxBytes) + " bytes")
	}
	if !gjson.ValidBytes(data) {
		return nil, errors.New("site rules: not valid JSON")
	}
	root := gjson.ParseBytes(data)
	list := root
	if root.IsObject() {
		list = root.Get("rules")
	}
	if !list.IsArray() {
		return nil, errors.New(`site rules: expected an array of rules, or an object with "rules"`)
	}
	var rules []Rule
	var err error
	list.ForEach(func(_, v gjson.Result) bool {
		if len(rules) == MaxRules {
			err = errors.New("site rules: more than " + strconv.Itoa(MaxRules) + " rules")
			return false
		}
		if !v.IsObject() {
			err = &Error{Rule: len(rules), Err: errors.New("a rule is a JSON object")}
			return false
		}
		var r Rule
		r.Host = v.Get("host").String()
		r.Path = v.Get("path").String()
		for _, f := range Fields {
			*r.selector(f) = strings.TrimSpace(v.Get(f).String())
		}
		rules = append(rules, r)
		return true
	})
	if err != nil {
		return nil, err
	}
	return Compile(rules)
}

// Compile checks rules and makes a Set of them.
func Compile(rules []Rule) (*Set, error) {
	s := &Set{rules: make([]compiled, 0, len(rules))}
	for i, r := range rules {
		c, err := compile(r)
		if err != nil {
			err.Rule = i
			return nil, err
		}
		s.rules = append(s.rules, c)
	}
	return s, nil
}

func compile(r Rule) (compiled, *Error) {
	host, err := normalizeHost(r.Host)
	if err != nil {
		return compiled{}, &Error{Host: r.Host, Field: "host", Err: err}
	}
	r.Host = host
	if r.Path != "" && !strings.HasPrefix(r.Path, "/") {
		return compiled{}, &Error{Host: r.Host, Field: "path", Err: errors.New(`a path prefix starts with "/"`)}
	}
	c := compiled{Rule: r, sel: map[string]cascadia.Selector{}}
	for _, f := range Fields {
		s := *r.selector(f)
		if s == "" {
			continue
		}
		g, pos, err := parseSelector(s)
		if err != nil {
			return compiled{}, &Error{Host: r.Host, Field: f, Pos: pos, Err: err}
		}
		c.sel[f] = cascadia.Selector(g.Match)
	}
	if len(c.sel) == 0 {
		return compiled{}, &Error{Host: r.Host, Err: errors.New("the rule has no selector")}
	}
	return c, nil
}

// normalizeHost lowercases a host and checks that it is one: no scheme,
// path or port. A leading "*." or "." is accepted and dropped, as a rule
// applies to subdomains anyway.
func normalizeHost(h string) (string, error) {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.TrimPrefix(strings.TrimPrefix(h, "*"), ".")
	h = strings.TrimSuffix(h, ".")
	if h == "" {
		return "", errors.New("a rule needs a host")
	}
	for _, c := range h {
		if c == '/' || c == ':' || c == ' ' || c == '*' || c == '?' || c == '#' || c == '@' {
			return "", errors.New("not a host name: " + strconv.Quote(h) + " (write the host alone, as news.example)")
		}
	}
	return h, nil
}

// parseSelector parses a CSS selector group with cascadia, the parser
// goquery uses. On error it also returns the 1-based character position
// where the parse failed: cascadia's errors do not carry it, so it is the
// length of the shortest prefix of sel that already fails with the same
// error (one past the end when the selector ends too early).
func parseSelector(sel string) (cascadia.SelectorGroup, int, error) {
	if len(sel) > MaxSelectorLen {
		return nil, 0, errors.New("selector over " + strconv.Itoa(MaxSelectorLen) + " bytes")
	}
	g, err := cascadia.ParseGroup(sel)
	if err == nil {
		return g, 0, nil
	}
	msg := err.Error()
	if strings.Contains(msg, "EOF") {
		// The selector ended too early: the error is at its end.
		return nil, utf8.RuneCountInString(sel) + 1, errors.New("invalid selector " + strconv.Quote(sel) + ": " + msg)
	}
	pos := 0
	for i := range sel {
		if i == 0 {
			continue
		}
		if _, e := cascadia.ParseGroup(sel[:i]); e != nil && e.Error() == msg {
			pos = utf8.RuneCountInString(sel[:i])
			break
		}
	}
	if pos == 0 {
		if n, ok := leftOver(msg); ok && n <= len(sel) {
			// "N bytes left over": the parse stopped at the first of them.
			pos = utf8.RuneCountInString(sel[:len(sel)-n]) + 1
		} else {
			pos = utf8.RuneCountInString(sel)
		}
	}
	return nil, pos, errors.New("invalid selector " + strconv.Quote(sel) + ": " + msg)
}

// leftOver reads N from cascadia's "parsing …: N bytes left over".
func leftOver(msg string) (int, bool) {
	const suffix = " bytes left over"
	if !strings.HasSuffix(msg, suffix) {
		return 0, false
	}
	msg = strings.TrimSuffix(msg, suffix)
	i := strings.LastIndexByte(msg, ' ')
	n, err := strconv.Atoi(msg[i+1:])
	return n, err == nil
}

// Match returns the rule for the page at pageURL: among the rules whose
// host is the page's host or a parent domain of it, and whose path prefix
// (if any) holds the page, the one with the longest host, then the longest
// path; the first of equals. ok is false when no rule applies.
func (s *Set) Match(pageURL string) (r Rule, ok bool) {
	c := s.match(pageURL)
	if c == nil {
		return Rule{}, false
	}
	return c.Rule, true
}

func (s *Set) match(pageURL string) *compiled {
	if s == nil || len(s.rules) == 0 {
		return nil
	}
	u, err := weburl.Parse(pageURL)
	if err != nil {
		return nil
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	path := u.Path
	if path == "" {
		path = "/"
	}
	var best *compiled
	for i := range s.rules {
		c := &s.rules[i]
		if !hostMatches(host, c.Host) || !pathMatches(path, c.Path) {
			continue
		}
		if best == nil || len(c.Host) > len(best.Host) || len(c.Host) == len(best.Host) && len(c.Path) > len(best.Path) {
			best = c
		}
	}
	return best
}

func hostMatches(host, rule string) bool {
	return host == rule || strings.HasSuffix(host, rule) && host[len(host)-len(rule)-1] == '.'
}

// pathMatches reports whether path is under prefix by whole segments:
// "/fa" holds "/fa" and "/fa/x", not "/fashion".
func pathMatches(path, prefix string) bool {
	if prefix == "" || prefix == "/" {
		return true
	}
	if !strings.HasPrefix(path, prefix) {
		return false
	}
	return strings.HasSuffix(prefix, "/") || len(path) == len(prefix) || path[len(prefix)] == '/'
}
