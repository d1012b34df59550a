package metadata

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
)

// maxJSONLD bounds the length of one JSON-LD script that is read.
const maxJSONLD = 1 << 20

// repairJSON returns the JSON values in the text of a JSON-LD script,
// mending what real pages break: CDATA and comment wrappers, HTML entities
// instead of quotes, raw newlines and tabs inside strings, invalid escapes
// (\'), trailing commas, commas left out between members, unclosed
// brackets, and several values pasted one after another (with or without
// commas between them). It never fails; what cannot be read is left out.
// What it cannot mend (a bare word, a quote left unescaped inside a
// string) is cut by salvageJSON.
func repairJSON(s string) []string {
	if len(s) > maxJSONLD {
		s = s[:maxJSONLD]
	}
	s = strings.TrimSpace(s)
	for _, w := range [][2]string{{"<![CDATA[", "]]>"}, {"<!--", "-->"}, {"//<![CDATA[", "//]]>"}} {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, w[0]), w[1]))
	}
	if !strings.Contains(s, `"`) && (strings.Contains(s, "&quot;") || strings.Contains(s, "&#34;") || strings.Contains(s, "&#x22;")) {
		s = html.UnescapeString(s)
	}

	var (
		out    []string
		b      []byte
		stack  []byte // open brackets
		inStr  bool
		escape bool
	)
	closeValue := func() {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i] == '{' {
				b = append(b, '}')
			} else {
				b = append(b, ']')
			}
		}
		stack = stack[:0]
		if len(b) > 0 {
			out = append(out, string(b))
		}
		b = b[:0]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inStr {
			switch {
			case escape:
				escape = false
				if strings.IndexByte(`"\/bfnrtu`, c) < 0 {
					// An invalid escape such as \' : keep the character alone.
					b = b[:len(b)-1]
				}
				b = append(b, c)
			case c == '\\':
				escape = true
				b = append(b, c)
			case c == '"':
				inStr = false
				b = append(b, c)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\r':
				b = append(b, `\r`...)
			case c == '\t':
				b = append(b, `\t`...)
			case c < 0x20:
				b = append(b, ' ')
			default:
				b = append(b, c)
			}
			continue
		}
		switch c {
		case ' ', '\n', '\r', '\t', '\f':
			continue
		case '/':
			if i+1 < len(s) && s[i+1] == '/' { // line comment
				for i < len(s) && s[i] != '\n' {
					i++
				}
				continue
			}
			if i+1 < len(s) && s[i+1] == '*' {
				end := strings.Index(s[i+2:], "*/")
				if end < 0 {
					i = len(s)
				} else {
					i += end + 3
				}
				continue
			}
		case '"':
			if len(stack) == 0 {
				continue // stray text between values
			}
			inStr = true
			b = missingComma(b)
		case '{', '[':
			if len(stack) > 0 {
				b = missingComma(b)
			}
			stack = append(stack, c)
		case '}', ']':
			if len(stack) == 0 {
				continue
			}
			// Drop a trailing comma before the bracket.
			if last(b) == ',' {
				b = b[:len(b)-1]
			}
			open := stack[len(stack)-1]
			if (open == '{') != (c == '}') {
				c = map[bool]byte{true: '}', false: ']'}[open == '{'] // mismatched: close what is open
			}
			stack = stack[:len(stack)-1]
			b = append(b, c)
			if len(stack) == 0 {
				closeValue()
			}
			continue
		case ',':
			if len(stack) == 0 {
				continue // between pasted values
			}
			if l := last(b); l == ',' || l == '{' || l == '[' {
				continue // doubled or leading comma
			}
		case ';':
			if len(stack) == 0 {
				continue
			}
		default:
			if len(stack) == 0 {
				continue // stray text outside any value
			}
			if l := last(b); (l == '"' || l == '}' || l == ']') && strings.IndexByte("-0123456789tfn", c) >= 0 {
				b = append(b, ',') // a number or literal right after a value
			}
		}
		b = append(b, c)
	}
	if inStr {
		b = append(b, '"')
	}
	if len(stack) > 0 {
		for l := last(b); l == ',' || l == ':'; l = last(b) {
			b = b[:len(b)-1]
		}
		closeValue()
	}
	return out
}

// missingComma adds the comma a value or key needs when it follows another
// value directly ("a" "b", } {): the comma left out between members is a
// common slip of hand-written JSON-LD.
func missingComma(b []byte) []byte {
	switch l := last(b); {
	case l == '"' || l == '}' || l == ']' || l >= '0' && l <= '9' || l == 'e' || l == 'l':
		// 'e' and 'l' end true, false and null; a bare word that ends so is
		// not JSON either way.
		return append(b, ',')
	}
	return b
}

// salvageJSON returns the longest prefix of s that ends a complete member
// or element (or opens a container), with the brackets still open then
// closed: valid JSON, or "" when no value even begins. It is for what repairJSON
// could not make valid, where a reader that went on would read garbage
// (the text after a stray quote, taken for keys and values): everything
// before the damage is kept, nothing after it.
func salvageJSON(s string) string {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var (
		stack   []byte // open brackets
		wantKey []bool // per open bracket: an object expecting a key
		cut     int64  // end of the last complete value
		closers string // brackets to close at cut
	)
	// mark records a place to cut: after a complete value, or after an
	// opening bracket (the container, closed there, is empty).
	mark := func() {
		cut = dec.InputOffset()
		var c []byte
		for i := len(stack) - 1; i >= 0; i-- {
			c = append(c, stack[i]+2) // '[' + 2 = ']', '{' + 2 = '}'
		}
		closers = string(c)
	}
	complete := func() {
		mark()
		if n := len(wantKey); n > 0 && stack[n-1] == '{' {
			wantKey[n-1] = true
		}
	}
	for len(stack) <= maxLDDepth {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			stack = append(stack, byte(tok.(json.Delim)))
			wantKey = append(wantKey, tok == json.Delim('{'))
			mark()
			continue
		case json.Delim('}'), json.Delim(']'):
			stack, wantKey = stack[:len(stack)-1], wantKey[:len(wantKey)-1]
			complete()
			if len(stack) == 0 {
				return s[:cut]
			}
			continue
		}
		if n := len(stack); n > 0 && wantKey[n-1] {
			wantKey[n-1] = false // a key: its value is still to come
			continue
		}
		complete()
		if len(stack) == 0 {
			return s[:cut]
		}
	}
	if cut == 0 {
		return ""
	}
	return s[:cut] + closers
}

func last(b []byte) byte {
	if len(b) == 0 {
		return 0
	}
	return b[len(b)-1]
}
