package metadata

// Hint groups: words looked for in class and id attributes. One pass over
// an element's class and id finds every group that matches, instead of a
// substring search per word.
const (
	hintDate = 1 << iota
	hintLead
	hintNotLead
	hintCrumb
	hintByline
	hintUnlikely
	hintMaybe
	hintSection
	hintSource
)

var hintWords = map[int][]string{
	hintDate: {"date", "time", "publish", "posted", "dateline", "tarikh"},
	hintLead: {"lead", "standfirst", "summary", "teaser", "subtitle", "sub-title", "subhead", "dek",
		"intro", "excerpt", "abstract", "rotitr", "sapo", "chapeau"},
	hintNotLead: {"leader", "leading", "headline-", "introduction-"},
	hintCrumb:   {"breadcrumb", "crumbs", "bread-crumb"},
	// After Mozilla Readability.
	hintByline: {"byline", "author", "dateline", "writtenby", "p-author"},
	hintUnlikely: {"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community",
		"cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
		"replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
		"ad-break", "agegate", "pagination", "pager", "popup", "yom-remote"},
	hintMaybe:   {"and", "article", "body", "column", "content", "main", "shadow"},
	hintSection: {"kicker", "rubric", "category", "cat-name", "section-name", "service", "sotitr"},
	hintSource:  {"source", "news-src"},
}

type hintWord struct {
	word  string
	group int
}

// hintIndex lists the hint words by their first byte. It is built once and
// only read afterwards.
var hintIndex = func() (idx [256][]hintWord) {
	for g, ws := range hintWords {
		for _, w := range ws {
			idx[w[0]] = append(idx[w[0]], hintWord{w, g})
		}
	}
	return idx
}()

// hintGroups returns the groups whose words occur in buf (a lower-case
// class and id, see classIDBytes).
func hintGroups(buf []byte) int {
	groups := 0
	for i, c := range buf {
		for _, h := range hintIndex[c] {
			// Every word has three bytes or more: the second byte, compared
			// first, spares most calls to compare whole strings.
			if groups&h.group == 0 && len(buf)-i >= len(h.word) && buf[i+1] == h.word[1] &&
				string(buf[i:i+len(h.word)]) == h.word {
				groups |= h.group
			}
		}
	}
	return groups
}
