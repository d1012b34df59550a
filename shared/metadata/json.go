package metadata

import (
	"strings"

	"github.com/barg-app/barg/shared/jsonstring"
)

// A small JSON reader for JSON-LD. It replaces a general JSON library,
// which would add close to a megabyte to the WebAssembly module (measured:
// github.com/tidwall/gjson pulls in encoding/json and reflect through its
// pretty-printing modifiers).

// jsonKind is the type of a JSON value.
type jsonKind uint8

const (
	jNull jsonKind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

// jvalue is a parsed JSON value. Objects keep their members in order; of a
// repeated key, the first counts.
type jvalue struct {
	kind  jsonKind
	str   string    // jString: the text; jNumber, jBool: the literal
	items []*jvalue // jArray
	keys  []string  // jObject
	vals  []*jvalue // jObject
}

// maxJSONDepth bounds nesting; deeper values are cut off.
const maxJSONDepth = 48

// parseJSON reads the first JSON value in s. It is lenient where repairJSON
// could not be: what cannot be read ends the value, and what was read so
// far is kept.
func parseJSON(s string) *jvalue {
	p := jsonParser{s: s}
	return p.value(0)
}

type jsonParser struct {
	s string
	i int
}

func (p *jsonParser) space() { p.i = jsonstring.SkipSpace(p.s, p.i) }

func (p *jsonParser) value(depth int) *jvalue {
	p.space()
	if p.i >= len(p.s) || depth > maxJSONDepth {
		return nil
	}
	switch c := p.s[p.i]; {
	case c == '{':
		p.i++
		v := &jvalue{kind: jObject}
		for {
			p.space()
			if p.i >= len(p.s) {
				return v
			}
			if p.s[p.i] == '}' {
				p.i++
				return v
			}
			if p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.s[p.i] != '"' {
				return v
			}
			k := p.string()
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return v
			}
			p.i++
			e := p.value(depth + 1)
			if e == nil {
				return v
			}
			if len(v.keys) < 256 && v.get(k) == nil {
				v.keys = append(v.keys, k)
				v.vals = append(v.vals, e)
			}
		}
	case c == '[':
		p.i++
		v := &jvalue{kind: jArray}
		for {
			p.space()
			if p.i >= len(p.s) {
				return v
			}
			if p.s[p.i] == ']' {
				p.i++
				return v
			}
			if p.s[p.i] == ',' {
				p.i++
				continue
			}
			e := p.value(depth + 1)
			if e == nil {
				return v
			}
			v.items = append(v.items, e)
		}
	case c == '"':
		return &jvalue{kind: jString, str: p.string()}
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		for p.i < len(p.s) && strings.IndexByte("+-.eE0123456789", p.s[p.i]) >= 0 {
			p.i++
		}
		return &jvalue{kind: jNumber, str: p.s[start:p.i]}
	case strings.HasPrefix(p.s[p.i:], "true"):
		p.i += 4
		return &jvalue{kind: jBool, str: "true"}
	case strings.HasPrefix(p.s[p.i:], "false"):
		p.i += 5
		return &jvalue{kind: jBool, str: "false"}
	case strings.HasPrefix(p.s[p.i:], "null"):
		p.i += 4
		return &jvalue{kind: jNull}
	}
	return nil
}

// string reads a JSON string at p.i (which is at its opening quote).
func (p *jsonParser) string() string {
	s, next, _ := jsonstring.Decode(p.s, p.i+1, jsonstring.Tolerant)
	p.i = next
	return s
}

// get returns member k of an object, or nil.
func (v *jvalue) get(k string) *jvalue {
	if v == nil || v.kind != jObject {
		return nil
	}
	for i, key := range v.keys {
		if key == k {
			return v.vals[i]
		}
	}
	return nil
}

func (v *jvalue) isObject() bool { return v != nil && v.kind == jObject }
func (v *jvalue) isArray() bool  { return v != nil && v.kind == jArray }

// text is a string's text, a number's or boolean's literal, else "".
func (v *jvalue) text() string {
	if v == nil || v.kind == jNull || v.kind == jArray || v.kind == jObject {
		return ""
	}
	return v.str
}
