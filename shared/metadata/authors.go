package metadata

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/shared/dates"
)

var unlikelyRoles = map[string]bool{"menu": true, "menubar": true, "complementary": true,
	"navigation": true, "alert": true, "alertdialog": true, "dialog": true}

// findByline returns the first visible element, in document order, that
// is marked as a byline (rel=author, itemprop=author, or a class or id such
// as "byline" or "author") and holds a short text. Page furniture (menus,
// sidebars, comments) is not searched.
func findByline(doc *html.Node) *html.Node {
	var ci []byte
	for n := doc; n != nil; {
		if n.Type != html.ElementNode {
			n = next(n, false)
			continue
		}
		if hidden(n) || attr(n, "aria-modal") == "true" && attr(n, "role") == "dialog" {
			n = next(n, true)
			continue
		}
		ci = classIDBytes(ci, n)
		g := hintGroups(ci)
		if (strings.ToLower(attr(n, "rel")) == "author" || strings.Contains(attr(n, "itemprop"), "author") ||
			g&hintByline != 0) && validByline(n) {
			return n
		}
		if g&hintUnlikely != 0 && g&hintMaybe == 0 &&
			n.DataAtom != atom.Body && n.DataAtom != atom.A && !ancestorsHave(n.Parent, 3, isTableOrCode) {
			n = next(n, true)
			continue
		}
		if r := attr(n, "role"); r != "" && unlikelyRoles[r] { // most have none: no hashing
			n = next(n, true)
			continue
		}
		n = next(n, false)
	}
	return nil
}

func isTableOrCode(n *html.Node) bool { return n.DataAtom == atom.Table || n.DataAtom == atom.Code }

func validByline(n *html.Node) bool {
	var b strings.Builder
	if !appendText(&b, n, true, 400, 400) {
		return false // too much under it to be a byline
	}
	t := strings.TrimSpace(b.String())
	return t != "" && utf8.RuneCountInString(t) < 100
}

// lineText is n's text with line breaks kept where the page breaks lines
// (<br>, block elements, newlines in the source), spaces collapsed within
// each line.
func lineText(n *html.Node) []string {
	var b strings.Builder
	appendText(&b, n, false, maxTextBytes, maxTextNodes)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = collapse(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// bylinePrefixes are the words that introduce a name, removed from its start.
var bylinePrefixes = []string{
	"written by", "posted by", "edited by", "reported by", "words by", "story by", "text by", "by",
	"par", "von", "por", "door", "av",
	"autor", "author", "authors", "auteur", "redacción",
	"نویسنده", "نويسنده", "نگارنده", "به قلم", "بقلم", "به کوشش", "گزارش از", "گزارش", "گزارشگر",
	"خبرنگار", "ترجمه", "مترجم", "گردآوری", "تنظیم", "کاری از", "تهیه",
	"بقلم", "كتب", "كتبه", "الكاتب", "كاتب", "بواسطة", "إعداد", "اعداد", "تقرير", "مراسل",
}

// cleanName turns one byline into a name: introducing words, URLs,
// e-mail addresses and handles removed; "" if nothing like a name is left.
func cleanName(s string) string {
	s = collapse(s)
	for changed := true; changed; {
		changed = false
		low := strings.ToLower(s)
		for _, p := range bylinePrefixes {
			if strings.HasPrefix(low, p) {
				rest := s[len(p):]
				r, _ := utf8.DecodeRuneInString(rest)
				if rest == "" || r == ' ' || r == ':' || r == '：' || r == '-' || r == '|' || r == '\u200c' {
					s = strings.TrimLeft(rest, " :：-|\u200c")
					changed = true
					break
				}
			}
		}
	}
	var words []string
	for _, w := range strings.Fields(s) {
		lw := strings.ToLower(w)
		if strings.Contains(lw, "://") || strings.HasPrefix(lw, "www.") || strings.Contains(lw, "@") && len(w) > 1 {
			continue
		}
		words = append(words, w)
	}
	s = trimBalanced(strings.Join(words, " "))
	if s == "" || utf8.RuneCountInString(s) > 80 || !hasLetter(s) || len(words) > 10 || notNames[strings.ToLower(s)] {
		return ""
	}
	return s
}

// notNames are what byline elements hold besides names.
var notNames = map[string]bool{"last updated": true, "updated": true, "published": true, "posted": true,
	"view my complete profile": true, "follow": true, "follow author": true, "more": true, "contact": true,
	"ma": true, "md": true, "ms": true, "rdn": true, "rd": true, "m.d.": true, "ph.d.": true, "phd": true, "mph": true, "rn": true, "jr": true, "jr.": true, "sr.": true, "mba": true,
	"staff": true, "admin": true, "administrator": true, "by": true, "نویسنده": true}

// trimBalanced trims punctuation from both ends of s, but keeps a closing
// bracket whose opening one s holds.
func trimBalanced(s string) string {
	for {
		t := strings.Trim(s, " ,;:|-–—[]")
		t = strings.TrimLeft(t, ")")
		if strings.HasSuffix(t, ")") && strings.Count(t, "(") < strings.Count(t, ")") {
			t = strings.TrimSuffix(t, ")")
		}
		if strings.HasPrefix(t, "(") && strings.Count(t, ")") < strings.Count(t, "(") {
			t = strings.TrimPrefix(t, "(")
		}
		if t == s {
			return s
		}
		s = t
	}
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// nameSeparators split a byline that names several people.
var nameSeparators = []string{" and ", " & ", ", ", "، ", "،", ";", " | ", " / ", " و ", " y ", " et ", " und ", " e ", " en ", "\n"}

// splitNames splits a byline into the names it holds. Dates and
// relative times ("1 day ago") are cut off, and so is what precedes a
// " by " in the middle of a line ("Tech Industry by Jane Doe").
func splitNames(lines []string) []string {
	var out []string
	for _, l := range lines {
		if i := strings.LastIndex(strings.ToLower(l), " by "); i > 0 {
			l = l[i+4:]
		}
		parts := []string{withoutDate(l)}
		for _, sep := range nameSeparators {
			var next []string
			for _, p := range parts {
				split := strings.Split(p, sep)
				for _, q := range split {
					if letters(q) < 2 {
						split = []string{p} // "Mac & i" is one name
						break
					}
				}
				next = append(next, split...)
			}
			parts = next
		}
		for _, p := range parts {
			if n := cleanName(withoutDate(p)); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

// timeWords end a relative time such as "3 hours ago".
var timeWords = map[string]bool{"ago": true, "min": true, "mins": true, "minute": true, "minutes": true,
	"hour": true, "hours": true, "day": true, "days": true, "week": true, "weeks": true, "month": true,
	"months": true, "year": true, "years": true, "پیش": true, "قبل": true, "منذ": true}

// withoutDate cuts a date or a relative time off the end of a byline part;
// a part that is all date becomes "".
func withoutDate(s string) string {
	words := strings.Fields(s)
	for i := range words {
		if dateLike(words[i]) || timeWords[strings.ToLower(words[i])] {
			if _, ok := dates.Parse(strings.Join(words[i:], " "), dates.Options{}); ok || relativeTime(words[i:]) {
				return strings.Join(words[:i], " ")
			}
		}
		if _, ok := monthWord(words[i]); ok && i+1 < len(words) && dateLike(words[i+1]) {
			if _, ok := dates.Parse(strings.Join(words[i:], " "), dates.Options{}); ok {
				return strings.Join(words[:i], " ")
			}
		}
	}
	return s
}

func dateLike(w string) bool {
	for _, r := range w {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func relativeTime(words []string) bool {
	for _, w := range words {
		if timeWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// monthWord reports whether w opens a date ("March", "Apr.").
func monthWord(w string) (string, bool) {
	_, ok := dates.Parse(w+" 1 2000", dates.Options{})
	return w, ok && !dateLike(w)
}

// persianBylineStarts open a visible Persian or Arabic byline.
var persianBylineStarts = []string{"به قلم", "نویسنده:", "نویسنده :", "گزارش از", "خبرنگار:", "بقلم", "كتب:", "الكاتب:"}

// textByline looks in the visible text for a short element that starts
// like a Persian or Arabic byline.
func textByline(doc *html.Node) []string {
	seen := 0
	for n := doc; n != nil; {
		if n.Type == html.ElementNode && (hidden(n) || n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Head) {
			n = next(n, true)
			continue
		}
		if n.Type == html.TextNode {
			t := collapse(n.Data)
			if t != "" {
				seen++
			}
			for _, p := range persianBylineStarts {
				if strings.HasPrefix(t, p) && n.Parent != nil {
					pt := textOf(n.Parent)
					if utf8.RuneCountInString(pt) < 100 {
						return splitNames([]string{pt})
					}
				}
			}
			if seen > 2000 {
				return nil
			}
		}
		n = next(n, false)
	}
	return nil
}

// dedupe drops repeated names (case-insensitively and ignoring spaces and
// zero-width non-joiners), and the site's name when other names remain
// (a personal site is named after its author; a newsroom signs as itself).
func dedupe(names []string, site string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		k := normName(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	if len(out) > 1 && site != "" {
		kept := out[:0]
		for _, n := range out {
			if normName(n) != normName(site) {
				kept = append(kept, n)
			}
		}
		out = kept
	}
	return out
}

func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
