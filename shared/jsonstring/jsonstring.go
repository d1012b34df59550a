// Package jsonstring reads the pieces of JSON text that Barg's two JSON
// readers share: string literals, decoded strictly as RFC 8259 writes them
// or tolerantly as broken JSON-LD on real pages writes them, and white
// space.
//
// Barg reads JSON in two places without encoding/json, whose reflection
// would cost the WebAssembly module most of a megabyte: the bridge's
// options (strict) and a page's JSON-LD (tolerant).
package jsonstring

import (
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Mode says how a malformed string literal is read.
type Mode uint8

const (
	// Strict refuses raw control characters, unknown or truncated
	// escapes and a missing closing quote.
	Strict Mode = iota
	// Tolerant keeps raw control characters (pages put raw newlines in
	// JSON-LD strings), reads an unknown escape as the escaped byte, a bad
	// \u escape as U+FFFD, and ends an unterminated string at the input's
	// end. It never fails.
	Tolerant
)

// Errors of Strict mode.
var (
	ErrControl      = errors.New("control character in string")
	ErrEscape       = errors.New("bad escape")
	ErrUnterminated = errors.New("unterminated string")
)

// Decode decodes the string literal whose text starts at s[i], just after
// its opening quote. It returns the text and the index just after the
// closing quote; on error, the index of the fault. Invalid UTF-8 and lone
// surrogates become U+FFFD, as encoding/json makes them, so that the text
// can be written out as JSON again.
func Decode(s string, i int, mode Mode) (string, int, error) {
	start := i
	// Fast path: no escapes.
	for i < len(s) {
		c := s[i]
		if c == '"' {
			return validUTF8(s[start:i]), i + 1, nil
		}
		if c == '\\' || c < 0x20 && mode == Strict {
			break
		}
		i++
	}
	buf := []byte(s[start:i])
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			return validUTF8(string(buf)), i + 1, nil
		case c < 0x20 && mode == Strict:
			return "", i, ErrControl
		case c != '\\':
			buf = append(buf, c)
			i++
			continue
		}
		if i+1 >= len(s) {
			if mode == Strict {
				return "", i, ErrUnterminated
			}
			buf = append(buf, c)
			i++
			break
		}
		e := s[i+1]
		i += 2
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
			r, ok := hex4(s, i)
			if !ok {
				if mode == Strict {
					return "", i - 2, ErrEscape
				}
				buf = utf8.AppendRune(buf, utf8.RuneError)
				continue
			}
			i += 4
			if utf16.IsSurrogate(r) {
				// A pair decodes to one rune; a lone half is U+FFFD and
				// what follows it is read on its own.
				lo, ok := rune(0), false
				if strings.HasPrefix(s[i:], `\u`) {
					lo, ok = hex4(s, i+2)
				}
				if dec := utf16.DecodeRune(r, lo); ok && dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			if mode == Strict {
				return "", i - 2, ErrEscape
			}
			buf = append(buf, e)
		}
	}
	if mode == Strict {
		return "", i, ErrUnterminated
	}
	return validUTF8(string(buf)), i, nil
}

// SkipSpace returns the index of the first byte at or after i that is not
// JSON white space (space, tab, line feed, carriage return).
func SkipSpace(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// hex4 reads the four hex digits at s[i:].
func hex4(s string, i int) (rune, bool) {
	if len(s)-i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c|0x20 >= 'a' && c|0x20 <= 'f':
			r = r<<4 | rune(c|0x20-'a'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// validUTF8 replaces each invalid byte by U+FFFD, as encoding/json does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out := make([]byte, 0, len(s)+8)
	for _, r := range s {
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}
