// Package template fills the user's text templates from a Barg article:
// Markdown exports (front matter and body layout), export file names, the
// JSON an upload endpoint receives, and `barg extract -template FILE`.
//
// A placeholder is a gjson path into the article's JSON, with filters:
//
//	{{title}}  {{authors.0}}  {{blocks.#(type=="heading")#.text|join:" / "}}
//	{{published|date:YYYY-MM-DD}}  {{title|json}}  {{title|slug}}  {{lead|default:no lead}}
//
// Go evaluates every template, in the extension (through the wasm bridge),
// the CLI and pipelines alike, so the same template and article give the
// same bytes everywhere.
//
// The rules, in full:
//   - Text outside {{ }} is copied as is. {{"text"}} writes a literal (a
//     JSON string), the way to write "{{" itself: {{"{{"}}.
//   - Inside {{ }}, a "|" followed by a word of lower-case letters and then
//     ":", "|" or the end starts a filter; any other "|" belongs to the
//     gjson path (its pipes to modifiers, indexes and queries).
//     Spaces around the path and the filters are ignored.
//   - A value is written as text: a string as is, a number or a boolean as
//     in JSON, an array as its items' texts joined by ", ", an object as
//     its JSON, null and missing paths as nothing.
//   - A line holding placeholders that all came out empty is left out, with
//     its line break; when that would leave two blank lines in a row (or a
//     blank line before the end), one of them goes too. Front matter keys
//     and headings without a value disappear this way.
//
// Filters (see filters.go): date:FORMAT, json, slug, join:SEP,
// default:VALUE, first, tags, yaml and yaml:KEY, md, oneline, markdown,
// upper, lower, trim.
package template

import (
	"errors"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// MaxLen bounds the length of a template, in bytes.
const MaxLen = 256 << 10

// Template is a parsed template, ready to fill.
type Template struct {
	lines []line
}

type line struct {
	parts []part // text and placeholders, in order
	holes int    // number of placeholders
	blank bool   // only spaces, no placeholder
	last  bool   // the template's last line, with no line break after it
}

// part is literal text (path == "" && !isLit) or a placeholder.
type part struct {
	text    string // literal text, or the literal value of {{"…"}}
	path    string
	isHole  bool
	isLit   bool // {{"…"}}
	filters []filter
}

// Error is a template that does not parse: Line and Col (1-based, in
// characters) point at the placeholder at fault.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	return "template: line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Col) + ": " + e.Msg
}

// Parse parses a template.
func Parse(src string) (*Template, error) {
	if len(src) > MaxLen {
		return nil, errors.New("template: over " + strconv.Itoa(MaxLen) + " bytes")
	}
	t := &Template{}
	rows := strings.Split(src, "\n")
	for i, row := range rows {
		l := line{last: i == len(rows)-1}
		rest := row
		col := 1
		for {
			open := strings.Index(rest, "{{")
			if open < 0 {
				if rest != "" {
					l.parts = append(l.parts, part{text: rest})
				}
				break
			}
			if open > 0 {
				l.parts = append(l.parts, part{text: rest[:open]})
			}
			col += runes(rest[:open])
			end := closing(rest[open+2:])
			if end < 0 {
				return nil, &Error{i + 1, col, `"{{" without "}}" on the same line`}
			}
			inner := rest[open+2 : open+2+end]
			p, err := parsePlaceholder(inner)
			if err != nil {
				return nil, &Error{i + 1, col, err.Error()}
			}
			l.parts = append(l.parts, p)
			l.holes++
			col += runes(rest[open : open+4+end])
			rest = rest[open+4+end:]
		}
		l.blank = l.holes == 0 && strings.TrimSpace(row) == ""
		t.lines = append(t.lines, l)
	}
	return t, nil
}

func runes(s string) int { return len([]rune(s)) }

// closing finds the "}}" that ends a placeholder, skipping quoted strings
// (a join separator or a gjson query may hold "}}").
func closing(s string) int {
	inQuote := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inQuote && c == '\\':
			i++
		case c == '"':
			inQuote = !inQuote
		case !inQuote && c == '}' && i+1 < len(s) && s[i+1] == '}':
			return i
		}
	}
	return -1
}

func parsePlaceholder(inner string) (part, error) {
	pieces := splitFilters(inner)
	head := strings.TrimSpace(pieces[0])
	p := part{isHole: true}
	if head == "" {
		return p, errors.New("empty placeholder: write a path, as {{title}}")
	}
	if head[0] == '"' {
		s, ok := unquote(head)
		if !ok {
			return p, errors.New("bad literal " + head + ": write a JSON string")
		}
		p.isLit, p.text = true, s
	} else {
		p.path = head
	}
	for _, f := range pieces[1:] {
		fl, err := parseFilter(strings.TrimSpace(f))
		if err != nil {
			return p, err
		}
		p.filters = append(p.filters, fl)
	}
	return p, nil
}

// splitFilters splits a placeholder's inside at each "|" (outside quotes
// and brackets) that is followed by a filter name.
func splitFilters(s string) []string {
	var out []string
	start, depth, inQuote := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inQuote && c == '\\':
			i++
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == '|' && depth <= 0 && startsFilter(s[i+1:]):
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// startsFilter reports whether what follows a "|" is a filter: a
// lower-case word followed by ":", "|" or the end. (A gjson pipe to a key
// of that shape, "a|b", is written "a.b".)
func startsFilter(s string) bool {
	s = strings.TrimLeft(s, " ")
	n := 0
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z') {
		n++
	}
	if n == 0 {
		return false
	}
	rest := strings.TrimLeft(s[n:], " ")
	return rest == "" || rest[0] == ':' || rest[0] == '|'
}

// unquote reads a JSON string literal that is the whole of s.
func unquote(s string) (string, bool) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' || !gjson.Valid(s) {
		return "", false
	}
	return gjson.Parse(s).String(), true
}

// Execute fills the template from the article's JSON.
func (t *Template) Execute(articleJSON []byte) []byte {
	doc := gjson.ParseBytes(articleJSON)
	var out []byte
	for i := 0; i < len(t.lines); i++ {
		l := &t.lines[i]
		start := len(out)
		empty := true
		for _, p := range l.parts {
			if !p.isHole {
				out = append(out, p.text...)
				continue
			}
			v := value{text: p.text, isText: p.isLit}
			if !p.isLit {
				v = value{res: doc.Get(p.path)}
			}
			for _, f := range p.filters {
				v = f.apply(v)
			}
			s := v.String()
			if s != "" {
				empty = false
			}
			out = append(out, s...)
		}
		if l.holes > 0 && empty {
			// The line is left out: no two blank lines in a row, no
			// blank line before the end.
			out = out[:start]
			if prevBlank(out) {
				switch next := i + 1; {
				case next == len(t.lines) || t.lines[next].last && len(t.lines[next].parts) == 0:
					out = out[:len(out)-1]
				case t.lines[next].blank:
					i++
					if t.lines[next].last {
						out = out[:len(out)-1]
					}
				}
			}
			continue
		}
		if !l.last {
			out = append(out, '\n')
		}
	}
	return out
}

// prevBlank reports whether out ends with an empty line (or is empty at the
// start of a line after one).
func prevBlank(out []byte) bool {
	n := len(out)
	return n >= 2 && out[n-1] == '\n' && out[n-2] == '\n'
}

// Render parses src and fills it from the article's JSON in one call.
func Render(src string, articleJSON []byte) ([]byte, error) {
	t, err := Parse(src)
	if err != nil {
		return nil, err
	}
	return t.Execute(articleJSON), nil
}
