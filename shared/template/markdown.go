package template

import (
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/barg-app/barg/shared/weburl"
)

// This file renders Markdown and YAML exactly as the extension's Markdown
// export did before templates (extension/export/markdown.js, whose tests
// and fixtures are the reference; template_test.go compares the two):
// text in logical order as saved, ZWNJ and bidi marks kept, Markdown syntax
// in captured text backslash-escaped so it is never read as markup or raw
// HTML, links and images only with http(s) (and mailto for links) URLs.

// isJSSpace reports the characters JavaScript's \s and trim() treat as
// white space (unlike unicode.IsSpace: U+FEFF yes, U+0085 no).
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

func jsTrim(s string) string { return strings.TrimFunc(s, isJSSpace) }

// isJSLineEnd reports JavaScript's line terminators, where ^ matches in a
// multiline regular expression.
func isJSLineEnd(r rune) bool { return r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029 }

func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// escapeText escapes Markdown syntax in running text: backslash, emphasis,
// code, brackets, raw HTML and entity starts anywhere; block markers (#, >,
// -, +, =, "1.", "1)") at the start of a line.
func escapeText(s string) string {
	var b strings.Builder
	lineStart := true
	for i := 0; i < len(s); {
		if lineStart {
			lineStart = false
			j := i
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			b.WriteString(s[i:j])
			i = j
			if i < len(s) {
				switch c := s[i]; {
				case c == '#' || c == '+' || c == '=' || c == '-':
					// ('>' is escaped anywhere, below.)
					b.WriteByte('\\')
				case c >= '0' && c <= '9':
					k := i
					for k < len(s) && s[k] >= '0' && s[k] <= '9' {
						k++
					}
					if k < len(s) && (s[k] == '.' || s[k] == ')') {
						b.WriteString(s[i:k])
						b.WriteByte('\\')
						b.WriteByte(s[k])
						i = k + 1
						continue
					}
				}
			}
			continue
		}
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '~', '|':
			b.WriteByte('\\')
			b.WriteByte(c)
			i++
			continue
		case '&':
			k := i + 1
			if k < len(s) && s[k] == '#' {
				k++
			}
			w := k
			for k < len(s) && isWord(s[k]) {
				k++
			}
			if k > w && k < len(s) && s[k] == ';' {
				b.WriteByte('\\')
			}
			b.WriteByte('&')
			i++
			continue
		}
		r, size := decodeRune(s[i:])
		b.WriteString(s[i : i+size])
		i += size
		if isJSLineEnd(r) {
			lineStart = true
		}
	}
	return b.String()
}

func decodeRune(s string) (rune, int) {
	for _, r := range s {
		n := len(string(r))
		if r == 0xfffd && !strings.HasPrefix(s, "\ufffd") {
			n = 1
		}
		return r, n
	}
	return 0, 0
}

// oneLine replaces every run of line feeds with one space.
func oneLine(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	var b strings.Builder
	nl := false
	for _, r := range s {
		if r == '\n' {
			nl = true
			continue
		}
		if nl {
			b.WriteByte(' ')
			nl = false
		}
		b.WriteRune(r)
	}
	if nl {
		b.WriteByte(' ')
	}
	return b.String()
}

// safeURL is raw when it is an absolute URL of an allowed scheme, else "".
// Like a browser's URL parser it lowercases the scheme and host, adds the
// root path and percent-encodes spaces and what may not stand in a URL.
func safeURL(raw string, mailto bool) string {
	s := jsTrim(raw)
	if s == "" {
		return ""
	}
	u, err := weburl.Parse(s)
	if err != nil || !u.IsAbs() {
		return ""
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" || u.Opaque != "" {
			return ""
		}
	case "mailto":
		if !mailto {
			return ""
		}
	default:
		return ""
	}
	// Rebuild from the raw text: the scheme and host lower-cased, the rest
	// with what a browser escapes escaped.
	rest := s[strings.IndexByte(s, ':')+1:]
	out := u.Scheme + ":"
	if u.Scheme != "mailto" {
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "//"), "\\\\")
		end := strings.IndexAny(rest, "/?#\\")
		if end < 0 {
			end = len(rest)
		}
		out += "//" + strings.ToLower(rest[:end])
		rest = rest[end:]
		if rest == "" || rest[0] != '/' {
			rest = "/" + rest
		}
	}
	var b strings.Builder
	b.WriteString(out)
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if c <= ' ' || c == '"' || c == '<' || c == '>' || c == '`' || c == '{' || c == '}' || c >= 0x7f {
			b.WriteByte('%')
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&0xf])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdURL is a URL for use inside (…): in <…> when it has white space,
// parentheses or angle brackets.
func mdURL(u string) string {
	if !strings.ContainsFunc(u, func(r rune) bool { return isJSSpace(r) || r == '(' || r == ')' || r == '<' || r == '>' }) {
		return u
	}
	return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(u) + ">"
}

type link struct{ text, href string }

// inline writes running text with its block's links as [text](href): the
// first occurrence of each link's text after the previous link, in order;
// links not found or with an unsafe href stay text.
func inline(text string, links []gjson.Result) string {
	var b strings.Builder
	pos := 0
	any := false
	for _, l := range links {
		lt := l.Get("text")
		if lt.Type != gjson.String || lt.Str == "" {
			continue
		}
		href := safeURL(stringOf(l.Get("href")), true)
		if href == "" {
			continue
		}
		at := strings.Index(text[pos:], lt.Str)
		if at < 0 {
			continue
		}
		at += pos
		b.WriteString(escapeText(text[pos:at]))
		b.WriteString("[" + escapeText(lt.Str) + "](" + mdURL(href) + ")")
		pos = at + len(lt.Str)
		any = true
	}
	if pos < len(text) || !any {
		b.WriteString(escapeText(text[pos:]))
	}
	return b.String()
}

// stringOf is a JSON string's value, "" for anything else.
func stringOf(r gjson.Result) string {
	if r.Type == gjson.String {
		return r.Str
	}
	return ""
}

// textOf is String(x ?? "") in JavaScript, for the fields of a block.
func textOf(r gjson.Result) string {
	switch r.Type {
	case gjson.Null:
		return ""
	case gjson.String:
		return r.Str
	}
	return resultText(r)
}

func fence(code string) string {
	longest, run := 2, 0
	for i := 0; i < len(code); i++ {
		if code[i] == '`' {
			run++
			if run > longest {
				longest = run
			}
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", longest+1)
}

// oneLineCell is JavaScript's s.replace(/\s*\n\s*/g, " "): a run of
// white space holding a line feed becomes one space.
func oneLineCell(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !isJSSpace(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && isJSSpace(rs[j]) {
			j++
		}
		if run := string(rs[i:j]); strings.Contains(run, "\n") {
			b.WriteByte(' ')
		} else {
			b.WriteString(run)
		}
		i = j
	}
	return b.String()
}

// tableCell is a cell on one line, its links as [text](href), "|" escaped
// (in URLs as %7C, which would otherwise end the cell).
func tableCell(s string, links []gjson.Result) string {
	var own []gjson.Result
	for _, l := range links {
		text := oneLineCell(stringOf(l.Get("text")))
		href := l.Get("href")
		hrefJSON := href.Raw
		if href.Type == gjson.String {
			hrefJSON = string(appendJSONString(nil, strings.ReplaceAll(href.Str, "|", "%7C")))
		}
		if hrefJSON == "" {
			hrefJSON = "null"
		}
		own = append(own, gjson.Parse(`{"text":`+string(appendJSONString(nil, text))+`,"href":`+hrefJSON+`}`))
	}
	if t := jsTrim(inline(oneLineCell(s), own)); t != "" {
		return t
	}
	return " "
}

// cellLinks gives each cell of rows its links out of the block's: the
// extraction lists them cell after cell, each with text found in its cell,
// so a cell takes the next links as long as each one's text follows the
// previous one in the cell's text.
func cellLinks(rows [][]string, links []gjson.Result) [][][]gjson.Result {
	k := 0
	out := make([][][]gjson.Result, len(rows))
	for i, r := range rows {
		out[i] = make([][]gjson.Result, len(r))
		for j, text := range r {
			pos := 0
			for k < len(links) {
				lt := stringOf(links[k].Get("text"))
				if lt == "" {
					k++
					continue
				}
				at := strings.Index(text[pos:], lt)
				if at < 0 {
					break
				}
				out[i][j] = append(out[i][j], links[k])
				pos += at + len(lt)
				k++
			}
		}
	}
	return out
}

// table is a GFM table: the first row is the header (the extraction puts a
// table's header row first); rows are padded to the widest; links stay
// links.
func table(rowsJSON []gjson.Result, links []gjson.Result) string {
	rows := make([][]string, len(rowsJSON))
	width := 0
	for i, r := range rowsJSON {
		if !r.IsArray() {
			continue
		}
		for _, c := range r.Array() {
			rows[i] = append(rows[i], textOf(c))
		}
		width = max(width, len(rows[i]))
	}
	if width == 0 {
		return ""
	}
	byCell := cellLinks(rows, links)
	line := func(i int) string {
		out := make([]string, width)
		for j := range out {
			s := ""
			var ls []gjson.Result
			if j < len(rows[i]) {
				s, ls = rows[i][j], byCell[i][j]
			}
			out[j] = tableCell(s, ls)
		}
		return "| " + strings.Join(out, " | ") + " |"
	}
	lines := []string{line(0), "|" + strings.Repeat(" --- |", width)}
	for i := 1; i < len(rows); i++ {
		lines = append(lines, line(i))
	}
	return strings.Join(lines, "\n")
}

func isLangHint(s string) bool {
	if len(s) < 1 || len(s) > 30 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isWord(c) && c != '+' && c != '#' && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// blockMarkdown is the Markdown for one block, or "" for a block with
// nothing to show.
func blockMarkdown(b gjson.Result) string {
	text := textOf(b.Get("text"))
	links := b.Get("links").Array()
	switch stringOf(b.Get("type")) {
	case "heading":
		// The article's title is the only level-1 heading.
		level := int(b.Get("level").Float())
		if level == 0 {
			level = 2
		}
		level = min(6, max(2, level))
		return strings.Repeat("#", level) + " " + collapseNewlines(inline(text, links))
	case "list":
		var items []string
		if it := b.Get("items").Array(); len(it) > 0 {
			for _, x := range it {
				items = append(items, textOf(x))
			}
		} else {
			for _, x := range strings.Split(text, "\n") {
				if x != "" {
					items = append(items, x)
				}
			}
		}
		ordered := b.Get("ordered").Bool()
		out := make([]string, len(items))
		for i, it := range items {
			marker := "- "
			if ordered {
				marker = strconv.Itoa(i+1) + ". "
			}
			out[i] = marker + strings.ReplaceAll(inline(it, links), "\n", "\n   ")
		}
		return strings.Join(out, "\n")
	case "quote":
		ls := strings.Split(inline(text, links), "\n")
		for i, l := range ls {
			if l == "" {
				ls[i] = ">"
			} else {
				ls[i] = "> " + l
			}
		}
		return strings.Join(ls, "\n")
	case "figure":
		var parts []string
		if src := safeURL(stringOf(b.Get("src")), false); src != "" {
			parts = append(parts, "!["+escapeText(textOf(b.Get("alt")))+"]("+mdURL(src)+")")
		}
		if c := textOf(b.Get("caption")); c != "" {
			parts = append(parts, "*"+collapseNewlines(inline(c, links))+"*")
		}
		return strings.Join(parts, "\n")
	case "table":
		// The caption (the block's text) in italics above the table.
		t := table(b.Get("rows").Array(), links)
		if t != "" && text != "" {
			return "*" + collapseNewlines(escapeText(text)) + "*\n\n" + t
		}
		return t
	case "code":
		f := fence(text)
		lang := stringOf(b.Get("lang"))
		if !isLangHint(lang) {
			lang = ""
		}
		return f + lang + "\n" + strings.TrimSuffix(text, "\n") + "\n" + f
	case "embed":
		if src := safeURL(stringOf(b.Get("src")), false); src != "" {
			return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(src) + ">"
		}
		return ""
	}
	return inline(text, links)
}

// collapseNewlines replaces every run of line feeds with one space
// (JavaScript's .replace(/\n+/g, " ")).
func collapseNewlines(s string) string { return oneLine(s) }

// markdownOf renders an array of blocks as Markdown, blocks separated by a
// blank line; an article object as "# title" and its blocks.
func markdownOf(v value) string {
	if v.isText {
		return escapeText(v.text)
	}
	var parts []string
	blocks := v.res
	if v.res.IsObject() {
		if t := textOf(v.res.Get("title")); t != "" {
			parts = append(parts, "# "+oneLine(escapeText(t)))
		}
		blocks = v.res.Get("blocks")
	}
	for _, b := range blocks.Array() {
		if md := blockMarkdown(b); jsTrim(md) != "" {
			parts = append(parts, md)
		}
	}
	return strings.Join(parts, "\n\n")
}

// yamlString is a YAML double-quoted scalar: backslash, quote, C0 and C1
// controls, DEL, U+2028/U+2029 and U+FEFF escaped; every other character,
// ZWNJ and the bidi marks included, as is.
func yamlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r >= 0x7f && r <= 0x9f:
			b.WriteString(`\x` + string(hexDigits[r>>4]) + string(hexDigits[r&0xf]))
		case r == 0x2028:
			b.WriteString(`\L`)
		case r == 0x2029:
			b.WriteString(`\P`)
		case r == 0xfeff:
			b.WriteString(`\uFEFF`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// yamlValue writes a value after "key:", as the front matter always did:
// " scalar", or a block list or mapping on the following lines.
func yamlValue(r gjson.Result, indent string) string {
	switch {
	case r.Type == gjson.Number || r.Type == gjson.True || r.Type == gjson.False:
		return " " + r.Raw
	case r.IsArray():
		items := r.Array()
		if len(items) == 0 {
			return " []"
		}
		var b strings.Builder
		for _, x := range items {
			b.WriteString("\n" + indent + "  - " + yamlString(textOf(x)))
		}
		return b.String()
	case r.IsObject():
		var b strings.Builder
		r.ForEach(func(k, v gjson.Result) bool {
			if !(value{res: v}).empty() {
				b.WriteString("\n" + indent + "  " + k.String() + ":" + yamlValue(v, indent+"  "))
			}
			return true
		})
		if b.Len() == 0 {
			return " {}"
		}
		return b.String()
	}
	return " " + yamlString(textOf(r))
}

// yamlEntry is "key: value" for the front matter, or "" when the value is
// empty (missing, null, "", [], an object without a non-empty member), so
// that the line is left out. Members of a mapping that are empty are left
// out too.
func yamlEntry(key string, v value) string {
	if v.isText {
		if v.text == "" {
			return ""
		}
		return key + ": " + yamlString(v.text)
	}
	r := v.res
	if v.empty() || r.IsObject() && yamlValue(r, "") == " {}" {
		return ""
	}
	return key + ":" + yamlValue(r, "")
}

// yamlFlow is a value as one line of YAML: a scalar quoted, a list as
// ["a", "b"], a mapping as {k: "v"}.
func yamlFlow(v value) string {
	if v.isText {
		return yamlString(v.text)
	}
	r := v.res
	switch {
	case !r.Exists() || r.Type == gjson.Null:
		return ""
	case r.Type == gjson.Number || r.Type == gjson.True || r.Type == gjson.False:
		return r.Raw
	case r.IsArray():
		var parts []string
		for _, x := range r.Array() {
			parts = append(parts, yamlFlow(value{res: x}))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case r.IsObject():
		var parts []string
		r.ForEach(func(k, x gjson.Result) bool {
			parts = append(parts, k.String()+": "+yamlFlow(value{res: x}))
			return true
		})
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return yamlString(r.Str)
}
