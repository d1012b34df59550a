package template

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/barg-app/barg/shared/dates"
)

// value is what a placeholder holds between filters: a JSON value read by
// gjson, or text once a filter made some.
type value struct {
	res    gjson.Result
	text   string
	isText bool
}

func textValue(s string) value { return value{text: s, isText: true} }

// String is the value written as text (see the package comment).
func (v value) String() string {
	if v.isText {
		return v.text
	}
	return resultText(v.res)
}

func resultText(r gjson.Result) string {
	switch r.Type {
	case gjson.Null:
		return ""
	case gjson.String:
		return r.Str
	case gjson.Number, gjson.True, gjson.False:
		return r.Raw
	}
	if r.IsArray() {
		var parts []string
		for _, x := range r.Array() {
			if s := resultText(x); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return r.Raw
}

// empty reports a missing path, null, "", [] or {}.
func (v value) empty() bool {
	if v.isText {
		return v.text == ""
	}
	switch {
	case !v.res.Exists(), v.res.Type == gjson.Null:
		return true
	case v.res.Type == gjson.String:
		return v.res.Str == ""
	case v.res.IsArray():
		return len(v.res.Array()) == 0
	case v.res.IsObject():
		empty := true
		v.res.ForEach(func(_, _ gjson.Result) bool { empty = false; return false })
		return empty
	}
	return false
}

type filter struct {
	name string
	arg  string
	has  bool // an argument was given
}

// filterNames are the filters, and whether each takes an argument
// (required, optional or none).
var filterNames = map[string]argKind{
	"date": argRequired, "json": argNone, "slug": argNone, "join": argOptional,
	"default": argRequired, "yaml": argOptional, "md": argNone, "oneline": argNone,
	"markdown": argNone, "upper": argNone, "lower": argNone, "trim": argNone, "first": argNone,
	"tags": argNone,
}

type argKind int

const (
	argNone argKind = iota
	argOptional
	argRequired
)

// parseFilter reads "name" or "name:arg"; arg may be a JSON string
// ("join:\", \"") or bare text up to the end.
func parseFilter(s string) (filter, error) {
	name, arg, has := strings.Cut(s, ":")
	name = strings.TrimSpace(name)
	kind, ok := filterNames[name]
	if !ok {
		return filter{}, errors.New("unknown filter " + strconv.Quote(name))
	}
	arg = strings.TrimSpace(arg)
	if has && strings.HasPrefix(arg, `"`) {
		u, ok := unquote(arg)
		if !ok {
			return filter{}, errors.New("filter " + name + ": bad quoted argument " + arg)
		}
		arg = u
	}
	switch {
	case kind == argNone && has:
		return filter{}, errors.New("filter " + name + " takes no argument")
	case kind == argRequired && !has:
		return filter{}, errors.New("filter " + name + " needs an argument, as " + name + ":…")
	}
	if name == "date" {
		if err := checkDateFormat(arg); err != nil {
			return filter{}, err
		}
	}
	return filter{name: name, arg: arg, has: has}, nil
}

func (f filter) apply(v value) value {
	switch f.name {
	case "date":
		return textValue(formatDate(v.String(), f.arg))
	case "json":
		return textValue(jsonOf(v))
	case "slug":
		return textValue(slug(v.String()))
	case "join":
		sep := ", "
		if f.has {
			sep = f.arg
		}
		return textValue(join(v, sep))
	case "first":
		return first(v)
	case "tags":
		return tags(v)
	case "default":
		if v.empty() {
			return textValue(f.arg)
		}
		return v
	case "yaml":
		if f.has {
			return textValue(yamlEntry(f.arg, v))
		}
		return textValue(yamlFlow(v))
	case "md":
		return textValue(escapeText(v.String()))
	case "oneline":
		return textValue(oneLine(v.String()))
	case "markdown":
		return textValue(markdownOf(v))
	case "upper":
		return textValue(strings.ToUpper(v.String()))
	case "lower":
		return textValue(strings.ToLower(v.String()))
	case "trim":
		return textValue(strings.TrimSpace(v.String()))
	}
	return v
}

// join writes an array's items' texts separated by sep; any other value
// as its text.
func join(v value, sep string) string {
	if v.isText || !v.res.IsArray() {
		return v.String()
	}
	var parts []string
	for _, x := range v.res.Array() {
		if s := resultText(x); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, sep)
}

// first is an array's first item that is not empty (as default sees it),
// for the first of several paths: {{[user.title,title]|first}}. Any other
// value is itself.
func first(v value) value {
	if v.isText || !v.res.IsArray() {
		return v
	}
	for _, x := range v.res.Array() {
		if x := (value{res: x}); !x.empty() {
			return x
		}
	}
	return value{}
}

// tags is the list of valid tags (see cleanTag) in v's strings, arrays
// flattened, in order, without repeats: {{[user.tags,tags]|tags}} gives
// the user's tags, then the page's.
func tags(v value) value {
	var out []string
	var add func(r gjson.Result)
	add = func(r gjson.Result) {
		switch {
		case r.IsArray():
			for _, x := range r.Array() {
				add(x)
			}
		case r.Type == gjson.String:
			if t := cleanTag(r.Str); t != "" && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	if v.isText {
		add(gjson.Parse(string(appendJSONString(nil, v.text))))
	} else {
		add(v.res)
	}
	b := []byte{'['}
	for i, t := range out {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, t)
	}
	return value{res: gjson.ParseBytes(append(b, ']'))}
}

// cleanTag makes s a tag that Obsidian and Logseq accept, as the
// extension's export/markdown.js does: a leading "#" dropped, white space
// made "-", every character but letters, marks, digits, "_", "-", "/",
// ZWNJ and ZWJ (so "@", "." and "," too) dropped, runs of "-" or "/" made
// one, none at either end. "" when no letter is left: a tag of digits
// alone is no tag there.
func cleanTag(s string) string {
	s = strings.TrimLeft(jsTrim(s), "#")
	var b strings.Builder
	var last rune
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\ufffd") {
			continue // invalid UTF-8, as JavaScript's lone surrogates: dropped
		}
		switch {
		case isJSSpace(r):
			r = '-'
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) || r == '_' || r == '/' || r == '-' || r == 0x200c || r == 0x200d:
		default:
			continue
		}
		if (r == '-' || r == '/') && r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	t := strings.TrimFunc(b.String(), func(r rune) bool { return r == '-' || r == '/' || r == 0x200c || r == 0x200d })
	if !strings.ContainsFunc(t, unicode.IsLetter) {
		return ""
	}
	return t
}

// jsonOf is the value as JSON: the JSON read as is (compact, as the
// article holds it), text as a JSON string, a missing path as null.
func jsonOf(v value) string {
	if v.isText {
		return string(appendJSONString(nil, v.text))
	}
	if !v.res.Exists() {
		return "null"
	}
	if v.res.Type == gjson.String {
		// Re-encoded: the same escaping whatever the source JSON used.
		return string(appendJSONString(nil, v.res.Str))
	}
	return v.res.Raw
}

// slug is a lower-case name for URLs and files: letters and digits of every
// script are kept (a Persian title stays Persian), every other run of
// characters, ZWNJ included, becomes one "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// Date format tokens, longest first.
var dateTokens = []string{"jYYYY", "jMM", "jDD", "YYYY", "MM", "DD", "HH", "mm", "ss", "Z"}

func checkDateFormat(f string) error {
	if strings.TrimSpace(f) == "" {
		return errors.New("filter date needs a format, as date:YYYY-MM-DD")
	}
	return nil
}

// formatDate writes an RFC 3339 date (as the article holds it) in format:
// YYYY MM DD HH mm ss in the date's own offset, Z its offset (+03:30),
// jYYYY jMM jDD the Jalali date. Text that is not such a date gives "".
func formatDate(s, format string) string {
	t, err := dates.ParseRFC3339(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	jy, jm, jd := dates.GregorianToJalali(t.Year(), int(t.Month()), t.Day())
	_, off := t.Zone()
	var b strings.Builder
	for i := 0; i < len(format); {
		tok := ""
		for _, k := range dateTokens {
			if strings.HasPrefix(format[i:], k) {
				tok = k
				break
			}
		}
		switch tok {
		case "":
			b.WriteByte(format[i])
			i++
			continue
		case "jYYYY":
			b.WriteString(pad(jy, 4))
		case "jMM":
			b.WriteString(pad(jm, 2))
		case "jDD":
			b.WriteString(pad(jd, 2))
		case "YYYY":
			b.WriteString(pad(t.Year(), 4))
		case "MM":
			b.WriteString(pad(int(t.Month()), 2))
		case "DD":
			b.WriteString(pad(t.Day(), 2))
		case "HH":
			b.WriteString(pad(t.Hour(), 2))
		case "mm":
			b.WriteString(pad(t.Minute(), 2))
		case "ss":
			b.WriteString(pad(t.Second(), 2))
		case "Z":
			sign := byte('+')
			if off < 0 {
				sign, off = '-', -off
			}
			b.WriteByte(sign)
			b.WriteString(pad(off/3600, 2) + ":" + pad(off%3600/60, 2))
		}
		i += len(tok)
	}
	return b.String()
}

func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string as the article's encoder
// writes it: HTML characters unescaped, U+2028 and U+2029 escaped, invalid
// UTF-8 as U+FFFD.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			dst = append(dst, '\\', byte(r))
		case r == '\n':
			dst = append(dst, '\\', 'n')
		case r == '\r':
			dst = append(dst, '\\', 'r')
		case r == '\t':
			dst = append(dst, '\\', 't')
		case r == '\b':
			dst = append(dst, '\\', 'b')
		case r == '\f':
			dst = append(dst, '\\', 'f')
		case r < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&0xf])
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		case r == unicode.ReplacementChar:
			dst = append(dst, "\ufffd"...)
		default:
			dst = append(dst, string(r)...)
		}
	}
	return append(dst, '"')
}
