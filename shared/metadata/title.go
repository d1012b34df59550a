package metadata

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// titleSeparators are the characters sites put between a title and their
// name ("Title | Site", "Title – Site", "Site » Title").
const titleSeparators = "|-–—\\/>»"

// documentTitle derives the article title from the <title> element the way
// Mozilla Readability does: the site's part after (or before) a separator
// is cut off, and a colon prefix is dropped unless a heading carries the
// whole text; if what is left is too short, the whole title stands.
func documentTitle(orig string, headings []*html.Node) string {
	cur := orig
	hier := false
	rs := []rune(orig)
	if spacedSeparator(rs) {
		hier = strings.Contains(orig, ` \ `) || strings.Contains(orig, " / ") || strings.Contains(orig, " > ") || strings.Contains(orig, " » ")
		// Cut at the last separator that a space follows.
		for j := len(rs) - 2; j >= 0; j-- {
			if isTitleSep(rs[j]) && rs[j+1] == ' ' {
				cur = string(rs[:j])
				break
			}
		}
		if jsWords(cur) < 3 {
			// Too short: drop the first part instead.
			for k, r := range rs {
				if isTitleSep(r) {
					cur = string(rs[k+1:])
					break
				}
			}
		}
	} else if strings.Contains(cur, ": ") {
		match := false
		for _, h := range headings {
			if textOf(h) == strings.TrimSpace(cur) {
				match = true
				break
			}
		}
		if !match {
			cur = orig[strings.LastIndex(orig, ":")+1:]
			if jsWords(cur) < 3 {
				cur = orig[strings.Index(orig, ":")+1:]
			} else if jsWords(orig[:strings.Index(orig, ":")]) > 5 {
				cur = orig
			}
		}
	} else if n := utf16Len(cur); n > 150 || n < 15 {
		var h1 *html.Node
		count := 0
		for _, h := range headings {
			if h.Data == "h1" {
				h1 = h
				count++
			}
		}
		if count == 1 {
			cur = textOf(h1)
		}
	}
	cur = collapse(cur)
	if w := jsWords(cur); w <= 4 && (!hier || w != jsWords(stripSeparators(orig))-1) {
		cur = orig
	}
	return cur
}

func isTitleSep(r rune) bool { return strings.ContainsRune(titleSeparators, r) }

// spacedSeparator reports whether rs has a separator with a space on
// either side.
func spacedSeparator(rs []rune) bool {
	for i := 1; i+1 < len(rs); i++ {
		if rs[i-1] == ' ' && isTitleSep(rs[i]) && rs[i+1] == ' ' {
			return true
		}
	}
	return false
}

func stripSeparators(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !isTitleSep(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// jsWords counts words as JavaScript's s.split(/\s+/).length does: one
// more than the runs of white space.
func jsWords(s string) int {
	n, in := 1, false
	for _, r := range s {
		sp := r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0'
		if sp && !in {
			n++
		}
		in = sp
	}
	return n
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// similarity is the share of b's words that also occur in a (1 = all),
// measured by length, as Readability compares JSON-LD names with titles.
func similarity(a, b string) float64 {
	ta, tb := tokens(a), tokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	inA := make(map[string]bool, len(ta))
	for _, t := range ta {
		inA[t] = true
	}
	var uniq []string
	for _, t := range tb {
		if !inA[t] {
			uniq = append(uniq, t)
		}
	}
	return 1 - float64(len(strings.Join(uniq, " ")))/float64(len(strings.Join(tb, " ")))
}

func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_')
	})
}

// stripSiteName removes the site's name from either end of a title
// ("Title | Site", "Site - Title"), if what is left still reads as a title.
func stripSiteName(title, site string) string {
	if site == "" || title == "" {
		return title
	}
	ns := normName(site)
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ", ": ", " / "} {
		if i := strings.LastIndex(title, sep); i > 0 {
			if normName(title[i+len(sep):]) == ns || containsSiteWords(title[i+len(sep):], site) {
				if rest := strings.TrimSpace(title[:i]); jsWords(rest) >= 2 {
					return rest
				}
			}
		}
		if i := strings.Index(title, sep); i > 0 && normName(title[:i]) == ns {
			if rest := strings.TrimSpace(title[i+len(sep):]); jsWords(rest) >= 2 {
				return rest
			}
		}
	}
	return title
}

// containsSiteWords reports whether tail is the site's name in a longer
// form ("شبکه خبری العالم" for "العالم"), short enough to be a name.
func containsSiteWords(tail, site string) bool {
	return utf8.RuneCountInString(tail) <= 3*utf8.RuneCountInString(site)+12 &&
		strings.Contains(normName(tail), normName(site)) && normName(site) != ""
}
