package main

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// A small reader for the one JSON shape the bridge receives: an object
// whose values are strings, booleans, numbers or null. It exists so that
// encoding/json (and the reflection it brings) stays out of the wasm.

type valueKind int

const (
	kindString valueKind = iota
	kindBool
	kindNumber
	kindNull
)

// value is one decoded member value.
type value struct {
	kind valueKind
	str  string // kindString: the decoded text; kindNumber: the literal
	b    bool
}

func (v value) bool(dst *bool) error {
	switch v.kind {
	case kindBool:
		*dst = v.b
	case kindNull:
	default:
		return errors.Join(errBadOptions, errors.New("want a boolean"))
	}
	return nil
}

func (v value) string(dst *string) error {
	switch v.kind {
	case kindString:
		*dst = v.str
	case kindNull:
	default:
		return errors.Join(errBadOptions, errors.New("want a string"))
	}
	return nil
}

// parseObject calls member for each key of the JSON object s, in order.
// Nested objects and arrays are refused.
func parseObject(s string, member func(key string, v value) error) error {
	p := &flatParser{s: s}
	p.space()
	if !p.eat('{') {
		return p.fail("want an object")
	}
	p.space()
	if p.eat('}') {
		return p.end()
	}
	for {
		p.space()
		key, err := p.string()
		if err != nil {
			return err
		}
		p.space()
		if !p.eat(':') {
			return p.fail("want ':'")
		}
		p.space()
		v, err := p.value()
		if err != nil {
			return err
		}
		if err := member(key, v); err != nil {
			return err
		}
		p.space()
		if p.eat(',') {
			continue
		}
		if p.eat('}') {
			return p.end()
		}
		return p.fail("want ',' or '}'")
	}
}

type flatParser struct {
	s string
	i int
}

func (p *flatParser) fail(msg string) error {
	return errors.Join(errBadOptions, errors.New("options JSON at byte "+strconv.Itoa(p.i)+": "+msg))
}

func (p *flatParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *flatParser) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *flatParser) end() error {
	p.space()
	if p.i != len(p.s) {
		return p.fail("text after the object")
	}
	return nil
}

func (p *flatParser) literal(word string) bool {
	if len(p.s)-p.i >= len(word) && p.s[p.i:p.i+len(word)] == word {
		p.i += len(word)
		return true
	}
	return false
}

func (p *flatParser) value() (value, error) {
	if p.i >= len(p.s) {
		return value{}, p.fail("want a value")
	}
	switch c := p.s[p.i]; {
	case c == '"':
		s, err := p.string()
		return value{kind: kindString, str: s}, err
	case p.literal("true"):
		return value{kind: kindBool, b: true}, nil
	case p.literal("false"):
		return value{kind: kindBool}, nil
	case p.literal("null"):
		return value{kind: kindNull}, nil
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		for p.i < len(p.s) && (p.s[p.i] == '-' || p.s[p.i] == '+' || p.s[p.i] == '.' ||
			p.s[p.i] == 'e' || p.s[p.i] == 'E' || p.s[p.i] >= '0' && p.s[p.i] <= '9') {
			p.i++
		}
		if _, err := strconv.ParseFloat(p.s[start:p.i], 64); err != nil {
			p.i = start
			return value{}, p.fail("bad number")
		}
		return value{kind: kindNumber, str: p.s[start:p.i]}, nil
	}
	return value{}, p.fail("want a string, boolean, number or null")
}

// string reads a JSON string, decoding its escapes (surrogate pairs
// included). Invalid UTF-8 and lone surrogates become U+FFFD, as in
// encoding/json.
func (p *flatParser) string() (string, error) {
	if !p.eat('"') {
		return "", p.fail("want a string")
	}
	start := p.i
	// Fast path: no escapes.
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '"' {
			s := p.s[start:p.i]
			p.i++
			if !utf8.ValidString(s) {
				return toValidUTF8(s), nil
			}
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.i++
	}
	buf := []byte(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return toValidUTF8(string(buf)), nil
		case c < 0x20:
			return "", p.fail("control character in string")
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		p.i++ // the backslash
		if p.i >= len(p.s) {
			break
		}
		e := p.s[p.i]
		p.i++
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.fail("bad \\u escape")
			}
			if utf16.IsSurrogate(r) {
				r2 := utf8.RuneError
				save := p.i
				if p.literal(`\u`) {
					if lo, ok := p.hex4(); ok {
						r2 = lo
					}
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					r = dec
				} else {
					r, p.i = utf8.RuneError, save
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			p.i--
			return "", p.fail("bad escape")
		}
	}
	return "", p.fail("unterminated string")
}

func (p *flatParser) hex4() (rune, bool) {
	if len(p.s)-p.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(p.s[p.i : p.i+4]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	p.i += 4
	return r, true
}

func toValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}
