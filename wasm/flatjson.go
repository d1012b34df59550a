package main

import (
	"errors"
	"strconv"

	"github.com/tidwall/gjson"

	"github.com/barg-app/barg/shared/jsonstring"
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

func (v value) millis(dst *int64) error {
	switch v.kind {
	case kindNumber:
		f, err := strconv.ParseFloat(v.str, 64)
		if err != nil || f < 0 || f > 1e9 {
			return errors.Join(errBadOptions, errors.New("want milliseconds between 0 and 1e9"))
		}
		*dst = int64(f)
	case kindNull:
	default:
		return errors.Join(errBadOptions, errors.New("want a number"))
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

func (p *flatParser) space() { p.i = jsonstring.SkipSpace(p.s, p.i) }

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
		// gjson holds to JSON's number syntax, narrower than ParseFloat's
		// (no "00", "1.", "+1"); ParseFloat then refuses what overflows.
		if _, err := strconv.ParseFloat(p.s[start:p.i], 64); err != nil || !gjson.Valid(p.s[start:p.i]) {
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
	s, next, err := jsonstring.Decode(p.s, p.i, jsonstring.Strict)
	p.i = next
	if err != nil {
		return "", p.fail(err.Error())
	}
	return s, nil
}
