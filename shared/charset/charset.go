// Package charset turns the bytes of a web page, as a server sent them or a
// browser saved them, into UTF-8 text, choosing the encoding the way a
// browser does, and refuses input that is not text at all.
//
// The order, after the WHATWG encoding-sniffing algorithm: a byte order
// mark; the charset of the HTTP Content-Type; UTF-16 without a BOM, told
// by the NUL bytes of its ASCII markup; a charset declared by a <meta>
// anywhere in <head> (browsers stop at the first 1,024 bytes, but saved
// and re-served pages often carry 2 KB of scripts before it); if nothing
// is declared, UTF-8 when the whole document is valid UTF-8; only then
// windows-1252, the browsers' fallback for undeclared legacy pages.
// One deviation: a document that is valid UTF-8 with non-ASCII text is
// read as UTF-8 even when its <meta> declares a legacy encoding, or its
// HTTP header a single-byte one such as iso-8859-1 (see choose): such
// text is never valid UTF-8 by chance, and mislabelled pages are common.
package charset

import (
	"bytes"
	"errors"
	"mime"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	htmlcharset "golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// ErrNotText means the input is not an HTML page: binary data, control
// characters, or text without any markup.
var ErrNotText = errors.New("input is not an HTML page")

// notTextError says why input was refused; errors.Is matches ErrNotText.
type notTextError struct{ why string }

func (e *notTextError) Error() string { return ErrNotText.Error() + ": " + e.why }
func (e *notTextError) Unwrap() error { return ErrNotText }

// Decode returns page as UTF-8 and the WHATWG name of the encoding it was
// read in ("utf-8", "windows-1256", "utf-16le"…). contentType is the HTTP
// Content-Type header the page came with, or "" for a file. A byte order
// mark is removed; bytes invalid in the chosen encoding become U+FFFD.
// Input that is not text fails with an error matching ErrNotText.
func Decode(page []byte, contentType string) ([]byte, string, error) {
	enc, name, body := choose(page, contentType)
	var out []byte
	switch name {
	case "utf-8":
		out = body
		if !utf8.Valid(out) {
			out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
		}
	default:
		var err error
		if out, err = enc.NewDecoder().Bytes(body); err != nil {
			return nil, name, &notTextError{"cannot be decoded as " + name + ": " + err.Error()}
		}
	}
	if err := checkText(out); err != nil {
		return nil, name, err
	}
	return out, name, nil
}

// choose picks the encoding of page and returns the bytes to decode (the
// page without its byte order mark).
func choose(page []byte, contentType string) (encoding.Encoding, string, []byte) {
	switch {
	case bytes.HasPrefix(page, []byte("\xef\xbb\xbf")):
		return encoding.Nop, "utf-8", page[3:]
	case bytes.HasPrefix(page, []byte("\xff\xfe")):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", page[2:]
	case bytes.HasPrefix(page, []byte("\xfe\xff")):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", page[2:]
	}
	ascii, validUTF8 := scan(page)
	// mislabelled: UTF-8 text declared as a single-byte legacy encoding
	// (servers and templates of the 2000s said iso-8859-1 by default).
	// Real text in those encodings is never valid UTF-8 once it has a few
	// non-ASCII letters, so validity wins over such a declaration.
	mislabelled := func(name string) bool { return !ascii && validUTF8 && singleByte(name) }
	if enc, name := fromContentType(contentType); enc != nil {
		if mislabelled(name) {
			return encoding.Nop, "utf-8", page
		}
		return enc, name, page
	}
	if enc, name := sniffUTF16(page); enc != nil {
		return enc, name, page
	}
	if ascii && bytes.IndexByte(page, 0x1b) < 0 {
		// Every ASCII-compatible encoding reads these bytes alike; only
		// the 7-bit ISO-2022-JP (escape sequences) needs its declaration.
		return encoding.Nop, "utf-8", page
	}
	if validUTF8 {
		// Non-ASCII text that is valid UTF-8 is UTF-8 whatever a <meta>
		// says: a single-byte declaration would be mislabelled (above),
		// and real text in a multi-byte legacy encoding (Shift_JIS, GBK,
		// EUC-KR) is no more valid UTF-8 than windows-1252's is. So the
		// <head> need not be tokenized for the pages most sites serve.
		return encoding.Nop, "utf-8", page
	}
	if enc, name := fromMeta(page); enc != nil {
		return enc, name, page
	}
	enc, name := htmlcharset.Lookup("windows-1252")
	return enc, name, page
}

// fromContentType returns the encoding named by the charset parameter of
// an HTTP Content-Type, or nil.
func fromContentType(contentType string) (encoding.Encoding, string) {
	if contentType == "" {
		return nil, ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil, ""
	}
	return known(params["charset"])
}

// known returns the encoding a label names, nil for an unknown label or
// for the "replacement" encoding (labels of encodings that are unsafe to
// decode, which browsers show as one U+FFFD: no article is there).
func known(label string) (encoding.Encoding, string) {
	if label == "" {
		return nil, ""
	}
	enc, name := htmlcharset.Lookup(label)
	if enc == nil || name == "replacement" {
		return nil, ""
	}
	if name == "utf-8" {
		return encoding.Nop, name
	}
	return enc, name
}

// fromMeta returns the encoding a <meta charset> or <meta http-equiv=
// "Content-Type" content="…; charset=…"> in the page's head declares, or
// nil. The head ends at </head> or <body>; the tokenizer skips scripts
// and styles as a browser does, so a "charset" in a script is no
// declaration.
func fromMeta(page []byte) (encoding.Encoding, string) {
	if !containsFold(page, "charset") {
		return nil, ""
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return nil, ""
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return nil, ""
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return nil, ""
			case "meta":
				if !hasAttr {
					continue
				}
				if enc, name := metaCharset(z); enc != nil {
					// A page read as ASCII cannot be UTF-16: browsers
					// read such a declaration as UTF-8; x-user-defined
					// is windows-1252 to them.
					switch name {
					case "utf-16le", "utf-16be":
						return encoding.Nop, "utf-8"
					case "x-user-defined":
						return htmlcharset.Lookup("windows-1252")
					}
					return enc, name
				}
			}
		}
	}
}

// metaCharset reads the charset a <meta> tag's attributes declare.
func metaCharset(z *html.Tokenizer) (encoding.Encoding, string) {
	var charset, content string
	httpEquiv := false
	for {
		key, val, more := z.TagAttr()
		switch string(key) {
		case "charset":
			charset = string(val)
		case "http-equiv":
			httpEquiv = strings.EqualFold(strings.TrimSpace(string(val)), "content-type")
		case "content":
			content = string(val)
		}
		if !more {
			break
		}
	}
	if charset != "" {
		return known(charset)
	}
	if httpEquiv && content != "" {
		return known(charsetFromContent(content))
	}
	return nil, ""
}

// charsetFromContent extracts the charset of a meta content attribute
// ("text/html; charset=windows-1256"), as the HTML standard's algorithm
// for extracting a character encoding from a meta element does.
func charsetFromContent(s string) string {
	for {
		i := indexFold(s, "charset")
		if i < 0 {
			return ""
		}
		s = strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
		if !strings.HasPrefix(s, "=") {
			continue
		}
		s = strings.TrimLeft(s[1:], " \t\n\f\r")
		if s == "" {
			return ""
		}
		if q := s[0]; q == '"' || q == '\'' {
			if j := strings.IndexByte(s[1:], q); j >= 0 {
				return s[1 : 1+j]
			}
			return ""
		}
		if j := strings.IndexAny(s, " \t\n\f\r;"); j >= 0 {
			return s[:j]
		}
		return s
	}
}

// sniffUTF16 recognizes UTF-16 without a byte order mark by the NUL byte
// beside every ASCII character of its markup: in the first 4 KB, at least
// a third of the odd (little-endian) or even (big-endian) bytes are NUL
// and almost none of the others, and the text starts with markup.
func sniffUTF16(page []byte) (encoding.Encoding, string) {
	n := min(len(page), 4096) &^ 1
	if n < 16 {
		return nil, ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if page[i] == 0 {
			even++
		}
		if page[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*3 >= pairs && even*50 < pairs:
		enc := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
		if startsWithMarkup(enc, page[:n]) {
			return enc, "utf-16le"
		}
	case even*3 >= pairs && odd*50 < pairs:
		enc := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
		if startsWithMarkup(enc, page[:n]) {
			return enc, "utf-16be"
		}
	}
	return nil, ""
}

// startsWithMarkup reports whether head, decoded by enc, starts (after
// white space) with '<'.
func startsWithMarkup(enc encoding.Encoding, head []byte) bool {
	b, err := enc.NewDecoder().Bytes(head)
	if err != nil {
		return false
	}
	b = bytes.TrimLeft(b, " \t\r\n\f")
	return len(b) > 0 && b[0] == '<'
}

// singleByte reports whether the WHATWG encoding name is a single-byte
// legacy encoding (windows-125x, iso-8859-x, koi8, macintosh, ibm866…).
func singleByte(name string) bool {
	for _, p := range []string{"windows-125", "iso-8859-", "koi8-", "macintosh", "x-mac-", "ibm866", "windows-874"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// scan reports whether page is all ASCII and whether it is valid UTF-8.
func scan(page []byte) (ascii, validUTF8 bool) {
	for i, c := range page {
		if c >= utf8.RuneSelf {
			return false, utf8.Valid(page[i:])
		}
	}
	return true, true
}

// checkText refuses decoded input that is not an HTML page: more than one
// control character in a hundred (binary data read as text: NULs, C0 and
// C1 controls other than tab, line feed, form feed and carriage return),
// or no markup at all (not a single tag).
func checkText(b []byte) error {
	// b is valid UTF-8: a C1 control is 0xC2 followed by 0x80–0x9F. Most
	// pages have no control at all, so runes are counted only when some
	// are found.
	controls := 0
	for i, c := range b {
		if !suspect[c] {
			continue
		}
		if c != 0xc2 || i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f {
			controls++
		}
	}
	runes := 0
	if controls > 0 {
		runes = utf8.RuneCount(b)
	}
	if controls > 0 && controls*100 > runes {
		return &notTextError{"binary data (" + strconv.Itoa(controls) + " control characters in " + strconv.Itoa(runes) + ")"}
	}
	if !hasMarkup(b) {
		return &notTextError{"no HTML markup in it"}
	}
	return nil
}

// suspect marks the bytes checkText looks at: C0 controls but tab, line
// feed, form feed and carriage return; DEL; 0xC2, which leads a C1 control.
var suspect = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n' && c != '\f' && c != '\r'
	}
	t[0x7f], t[0xc2] = true, true
	return t
}()

// hasMarkup reports whether b holds a tag, a comment or a doctype: '<'
// followed by a letter, '/', '!' or '?'.
func hasMarkup(b []byte) bool {
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 || i+1 >= len(b) {
			return false
		}
		c := b[i+1] | 0x20
		if 'a' <= c && c <= 'z' || b[i+1] == '/' || b[i+1] == '!' || b[i+1] == '?' {
			return true
		}
		b = b[i+1:]
	}
}

// containsFold reports whether the lower-case ASCII word occurs in b,
// ignoring ASCII case.
func containsFold(b []byte, word string) bool {
	first := word[0]
	for i := 0; i+len(word) <= len(b); i++ {
		if b[i]|0x20 == first && bytes.EqualFold(b[i:i+len(word)], []byte(word)) {
			return true
		}
	}
	return false
}

// indexFold is strings.Index ignoring ASCII case.
func indexFold(s, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(word)], word) {
			return i
		}
	}
	return -1
}
