package article

import (
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends the article's JSON encoding to dst and returns the
// extended buffer. It writes exactly what encoding/json would (same field
// order, same omissions, HTML characters left unescaped), without reflection:
// the WebAssembly build stays small and the encoding fast.
func (a *Article) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"schema":`...)
	dst = appendString(dst, a.Schema)
	dst = a.Meta.appendFields(dst)
	dst = append(dst, `,"blocks":`...)
	if a.Blocks == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range a.Blocks {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = a.Blocks[i].appendJSON(dst)
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"text":`...)
	dst = appendString(dst, a.Text)
	dst = append(dst, `,"word_count":`...)
	dst = strconv.AppendInt(dst, int64(a.WordCount), 10)
	dst = append(dst, `,"reading_minutes":`...)
	dst = strconv.AppendInt(dst, int64(a.ReadingMinutes), 10)
	dst = append(dst, `,"normalization":{"persian":`...)
	dst = strconv.AppendBool(dst, a.Normalization.Persian)
	if a.Normalization.Digits != "" {
		dst = append(dst, `,"digits":`...)
		dst = appendString(dst, a.Normalization.Digits)
	}
	dst = append(dst, `,"changes":`...)
	dst = strconv.AppendInt(dst, int64(a.Normalization.Changes), 10)
	dst = append(dst, `},"extractor":{"name":`...)
	dst = appendString(dst, a.Extractor.Name)
	dst = append(dst, `,"version":`...)
	dst = appendString(dst, a.Extractor.Version)
	if len(a.Extractor.Notes) > 0 {
		dst = append(dst, `,"notes":`...)
		dst = appendStrings(dst, a.Extractor.Notes)
	}
	dst = append(dst, `},"captured_at":`...)
	dst = appendString(dst, a.CapturedAt)
	return append(dst, '}')
}

func (m *Meta) appendFields(dst []byte) []byte {
	dst = append(dst, `,"url":`...)
	dst = appendString(dst, m.URL)
	dst = append(dst, `,"canonical_url":`...)
	dst = appendString(dst, m.CanonicalURL)
	dst = appendOptString(dst, `,"canonical_hint":`, m.CanonicalHint)
	for _, f := range [...]struct {
		key string
		val *string
	}{
		{`,"title":`, &m.Title},
		{`,"lang":`, &m.Lang}, {`,"dir":`, &m.Dir}, {`,"site_name":`, &m.SiteName},
	} {
		dst = append(dst, f.key...)
		dst = appendString(dst, *f.val)
	}
	dst = append(dst, `,"authors":`...)
	dst = appendStrings(dst, m.Authors)
	for _, f := range [...]struct {
		key string
		val *string
	}{
		{`,"published":`, &m.Published}, {`,"modified":`, &m.Modified},
		{`,"published_text":`, &m.PublishedText}, {`,"description":`, &m.Description},
		{`,"lead":`, &m.Lead}, {`,"section":`, &m.Section},
	} {
		dst = append(dst, f.key...)
		dst = appendString(dst, *f.val)
	}
	dst = append(dst, `,"tags":`...)
	dst = appendStrings(dst, m.Tags)
	dst = append(dst, `,"image":`...)
	if m.Image == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, `{"src":`...)
	dst = appendString(dst, m.Image.Src)
	dst = appendOptString(dst, `,"alt":`, m.Image.Alt)
	dst = appendOptString(dst, `,"caption":`, m.Image.Caption)
	return append(dst, '}')
}

func (b *Block) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"type":`...)
	dst = appendString(dst, b.Type)
	dst = append(dst, `,"text":`...)
	dst = appendString(dst, b.Text)
	if b.Level != 0 {
		dst = append(dst, `,"level":`...)
		dst = strconv.AppendInt(dst, int64(b.Level), 10)
	}
	if b.Ordered {
		dst = append(dst, `,"ordered":true`...)
	}
	if len(b.Items) > 0 {
		dst = append(dst, `,"items":`...)
		dst = appendStrings(dst, b.Items)
	}
	dst = appendOptString(dst, `,"src":`, b.Src)
	dst = appendOptString(dst, `,"alt":`, b.Alt)
	dst = appendOptString(dst, `,"caption":`, b.Caption)
	if len(b.Rows) > 0 {
		dst = append(dst, `,"rows":[`...)
		for i, r := range b.Rows {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendStrings(dst, r)
		}
		dst = append(dst, ']')
	}
	dst = appendOptString(dst, `,"lang":`, b.Lang)
	if len(b.Links) > 0 {
		dst = append(dst, `,"links":[`...)
		for i, l := range b.Links {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"text":`...)
			dst = appendString(dst, l.Text)
			dst = append(dst, `,"href":`...)
			dst = appendString(dst, l.Href)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = appendOptString(dst, `,"dir":`, b.Dir)
	return append(dst, '}')
}

func appendOptString(dst []byte, key, s string) []byte {
	if s == "" {
		return dst
	}
	return appendString(append(dst, key...), s)
}

func appendStrings(dst []byte, ss []string) []byte {
	if ss == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, s)
	}
	return append(dst, ']')
}

const hex = "0123456789abcdef"

// appendString appends s as a JSON string, as encoding/json does with
// SetEscapeHTML(false): invalid UTF-8 becomes U+FFFD, and U+2028/U+2029 are
// escaped so the output is also valid JavaScript.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		// Valid sequences of two and three bytes other than U+2028 and
		// U+2029 are copied as they are, checked here rather than by a call
		// to utf8.DecodeRuneInString per rune (dear in WebAssembly).
		if c < 0xE0 {
			if c >= 0xC2 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
				i += 2
				continue
			}
		} else if c < 0xF0 && i+2 < len(s) {
			c1, c2 := s[i+1], s[i+2]
			lo, hi := byte(0x80), byte(0xBF)
			switch c {
			case 0xE0:
				lo = 0xA0
			case 0xED:
				hi = 0x9F
			}
			if lo <= c1 && c1 <= hi && c2&0xC0 == 0x80 && !(c == 0xE2 && c1 == 0x80 && c2&0xFE == 0xA8) {
				i += 3
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
