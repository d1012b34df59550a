// Package lang tells languages and writing directions apart.
package lang

import "strings"

// Direction returns "rtl" for right-to-left languages and "ltr" otherwise;
// "" for an unknown (empty) language.
func Direction(code string) string {
	if code == "" {
		return ""
	}
	base := strings.ToLower(code)
	if i := strings.IndexAny(base, "-_"); i >= 0 {
		base = base[:i]
	}
	switch base {
	case "fa", "ar", "ur", "ps", "he", "yi", "ckb", "sd", "ug", "dv", "ku", "prs":
		return "rtl"
	}
	return "ltr"
}

// Detect guesses the language of text from its letters; "" when unsure.
func Detect(text string) string {
	return "" // Placeholder until issue 3 lands.
}
