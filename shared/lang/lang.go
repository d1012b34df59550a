// Package lang tells languages and writing directions apart: it cleans
// language tags, knows which languages are written right to left, and
// guesses a text's language from its letters.
package lang

import "strings"

// Direction returns "rtl" for right-to-left languages and "ltr" otherwise;
// "" for an unknown (empty) language. A script subtag decides when present
// ("pa-Arab" is rtl, "ku-Latn" ltr).
func Direction(code string) string {
	if code == "" {
		return ""
	}
	l := strings.ToLower(code)
	parts := strings.FieldsFunc(l, isTagSep)
	for i, p := range parts {
		if i == 0 {
			continue
		}
		switch p {
		case "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr":
			return "rtl"
		case "latn", "cyrl", "grek", "deva", "hans", "hant", "jpan", "kore":
			return "ltr"
		}
	}
	if i := strings.IndexFunc(l, isTagSep); i >= 0 {
		l = l[:i]
	}
	switch l {
	case "fa", "ar", "ur", "ps", "he", "iw", "yi", "ji", "ckb", "sd", "ug", "dv", "ku",
		"prs", "pes", "pnb", "syr", "arc", "nqo", "ks", "bal", "glk", "mzn", "lrc", "azb":
		return "rtl"
	}
	return "ltr"
}

func isTagSep(r rune) bool { return r == '-' || r == '_' }

// Tag cleans a language tag as pages write it ("en_US", "EN-us",
// "fa-IR;q=0.9", " zh-hans ") into BCP 47 form ("en-US", "fa-IR",
// "zh-Hans"): language lower case, script title case, region upper case.
// It returns "" for anything that is not a tag.
func Tag(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",; "); i >= 0 {
		s = s[:i]
	}
	parts := strings.FieldsFunc(s, isTagSep)
	if len(parts) == 0 || len(parts[0]) < 2 || len(parts[0]) > 3 || !alpha(parts[0]) {
		return ""
	}
	var b strings.Builder
	b.WriteString(strings.ToLower(parts[0]))
	for i, p := range parts[1:] {
		if len(p) > 8 || !alnum(p) {
			break
		}
		b.WriteByte('-')
		switch {
		case i == 0 && len(p) == 4 && alpha(p):
			b.WriteString(strings.ToUpper(p[:1]) + strings.ToLower(p[1:]))
		case len(p) == 2 && alpha(p):
			b.WriteString(strings.ToUpper(p))
		default:
			b.WriteString(strings.ToLower(p))
		}
	}
	return b.String()
}

// Base is the language subtag of tag, lower case: "fa" for "fa-IR".
func Base(tag string) string {
	if i := strings.IndexFunc(tag, isTagSep); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

func alpha(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9') && !alpha(s[i:i+1]) {
			return false
		}
	}
	return s != ""
}
