package metadata

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/dates"
	"github.com/barg-app/barg/shared/lang"
)

// Meta tags that carry dates, most reliable first.
var (
	publishedKeys = []string{"article:published_time", "parsely-pub-date", "og:article:published_time",
		"article:published", "og:published_time", "published_time", "itemprop:datepublished", "datepublished",
		"pubdate", "publishdate", "publish-date", "publish_date", "dc:date:issued", "dcterms:issued",
		"dc:date", "dcterms:created", "dcterms:date", "date", "sailthru:date", "citation_publication_date",
		"cxenseparse:recs:publishtime", "release_date", "created", "article:published_date"}
	modifiedKeys = []string{"article:modified_time", "og:updated_time", "article:modified",
		"itemprop:datemodified", "datemodified", "dcterms:modified", "last-modified", "modified",
		"http-equiv:last-modified", "lastmod"}
)

// readDates fills published, modified and published_text. Machine-readable
// dates come first (JSON-LD, meta tags, microdata, <time datetime>); the
// dates the page shows as text fill in what they lack: the date itself, a
// time of day, and published_text. A date without a zone on a Persian page
// (or in the Jalali calendar) is Iran time; elsewhere it is taken as UTC.
func readDates(m *article.Meta, p *page, art ldObject, doc *html.Node) {
	r := dateReader{opts: dates.Options{Lang: m.Lang},
		iran: lang.Base(m.Lang) == "fa" || strings.HasSuffix(p.url.Hostname(), ".ir")}

	var machine []string
	if art != nil {
		machine = append(machine, art.str1("datePublished"), art.str1("dateCreated"))
	}
	for _, k := range publishedKeys {
		machine = append(machine, p.metaValue(k))
	}
	var modified []string
	if art != nil {
		modified = append(modified, art.str1("dateModified"))
	}
	for _, k := range modifiedKeys {
		modified = append(modified, p.metaValue(k))
	}
	// shownAs maps a machine date to the text its element shows.
	shownAs := map[string]string{}
	for _, n := range p.itemprops {
		switch attr(n, "itemprop") {
		case "datePublished", "dateCreated":
			machine = append(machine, attr(n, "content"), attr(n, "datetime"), shortText(n))
			shownAs[attr(n, "content")+attr(n, "datetime")] = shortText(n)
		case "dateModified":
			modified = append(modified, attr(n, "content"), attr(n, "datetime"), shortText(n))
		}
	}
	// <time datetime>: marked as the publication first, then any in the content.
	root := contentRoot(doc)
	for pass := 0; pass < 2; pass++ {
		for _, n := range p.times {
			ci := classID(n)
			marked := hasAttr(n, "pubdate") || containsAny(ci, "publish", "posted", "created")
			if pass == 0 && !marked || pass == 1 && (marked || !isInside(n, root) || containsAny(ci, "update", "modif")) {
				continue
			}
			machine = append(machine, attr(n, "datetime"))
			shownAs[attr(n, "datetime")] = shortText(n)
		}
	}

	var pub dates.Date
	var pubRaw string
	for _, s := range machine {
		if d, ok := r.parse(s); ok {
			pub, pubRaw = d, s
			break
		}
	}
	for _, s := range modified {
		if d, ok := r.parse(s); ok {
			m.Modified = d.String()
			break
		}
	}

	// The dates the page shows: those in the article's element first, and
	// none from navigation, sidebars, lists of other stories or comments.
	var shown []shownDate
	for pass := 0; pass < 2; pass++ {
		for _, n := range append(p.times[:len(p.times):len(p.times)], p.dateNodes...) {
			if len(shown) >= 16 || (pass == 0) != isInside(n, root) {
				continue
			}
			t := shortText(n)
			if t == "" || ancestorsHave(n, 30, furniture) {
				continue
			}
			if d, ok := r.parse(t); ok {
				lt := strings.ToLower(t)
				updated := containsAny(classID(n), "update", "modif", "edit") ||
					containsAny(lt, "updated", "modified", "به‌روز", "بروز", "به روز", "تحديث", "آخرین ویرایش") && !containsAny(lt, "published", "posted", "انتشار")
				shown = append(shown, shownDate{d, t, updated})
			}
		}
	}
	if pubRaw == "" {
		for _, s := range shown {
			if !s.updated {
				pub, pubRaw = s.d, s.text
				m.PublishedText = s.text
				break
			}
		}
	}
	if pubRaw == "" {
		return
	}
	if m.PublishedText == "" && r.says(shownAs[pubRaw], pub) {
		// The text of the element that carries the machine date, when it
		// says that date: not "Today 12:01 AM", "Nov 19" or an icon's title.
		m.PublishedText = shownAs[pubRaw]
	}
	if m.PublishedText == "" {
		for _, s := range shown {
			if sameDay(s.d, pub) && !s.updated {
				m.PublishedText = s.text
				if !pub.HasTime && s.d.HasTime {
					pub = s.d // the page shows the time the machine date lacks
				}
				break
			}
		}
	}
	// No text that says the date: published_text stays empty (the reader
	// formats published), never the raw machine string.
	m.Published = pub.String()
}

// says reports whether text, shown by the page, says the date d and can
// be its published_text: a complete date (day, month, year) on d's day,
// give or take the day a time zone moves it; or, in the languages package
// dates does not read ("1 de diciembre de 2017", "30 avril 2015 à 07:19",
// "9/11/13 10:00AM"), a short text holding d's year (or its last two digits
// in a numeric date) and d's day of the month as numbers of their own. A
// relative or yearless text ("Today 12:01 AM", "Posted Nov 19") never does.
func (r dateReader) says(text string, d dates.Date) bool {
	text = strings.TrimSpace(text)
	if text == "" {
		return false
	}
	if t, ok := r.parse(text); ok {
		diff := t.Time().Sub(d.Time())
		return diff < 36*time.Hour && diff > -36*time.Hour
	}
	if utf8.RuneCountInString(text) > 60 || len(strings.Fields(text)) > 10 {
		return false
	}
	nums := numbers(text)
	has := func(n int) bool {
		for _, x := range nums {
			if x == n {
				return true
			}
		}
		return false
	}
	if !has(d.Day) {
		return false
	}
	if has(d.Year) {
		return true
	}
	// A numeric date with a two-digit year: 9/11/13.
	return len(nums) >= 3 && has(d.Year%100) && has(d.Month) && strings.ContainsAny(text, "/.-")
}

// numbers returns the integers written in s, in any script's digits.
func numbers(s string) []int {
	var out []int
	n, in := 0, false
	for _, c := range s + " " {
		if v := digitValue(c); v >= 0 {
			if n < 1e6 {
				n = n*10 + v
			}
			in = true
			continue
		}
		if in {
			out = append(out, n)
		}
		n, in = 0, false
	}
	return out
}

// digitValue is the value of a decimal digit in any script, or -1.
func digitValue(c rune) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= '۰' && c <= '۹':
		return int(c - '۰')
	case c >= '٠' && c <= '٩':
		return int(c - '٠')
	}
	return -1
}

// furniture reports whether n is page furniture rather than the article:
// hidden, navigation, a sidebar, a list of other stories, comments, a link.
func furniture(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.A:
		return true
	}
	if hidden(n) {
		return true
	}
	return containsAny(string(classIDBytes(nil, n)), "sidebar", "related", "comment", "footer", "menu",
		"most-", "mostview", "popular", "widget", "social", "share", "promo", "banner", "navbar")
}

type shownDate struct {
	d       dates.Date
	text    string
	updated bool
}

type dateReader struct {
	opts dates.Options
	iran bool
}

// parse reads one date and gives it an offset: its own, Iran's, or UTC.
func (r dateReader) parse(s string) (dates.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return dates.Date{}, false
	}
	d, ok := dates.Parse(s, r.opts)
	if !ok {
		return d, false
	}
	if d.Year < 1900 || d.Year > 2200 {
		return d, false // a typo or a placeholder, not a publication date
	}
	switch {
	case !d.HasOffset && (r.iran || d.Calendar == dates.Jalali):
		d = d.InIran()
	case r.iran && d.HasOffset && d.Offset == 0 && d.HasTime:
		d = d.ToIran() // an Iranian page's UTC time, in the page's own offset
	}
	return d, true
}

// sameDay reports whether a falls on b's calendar day, in b's offset.
func sameDay(a, b dates.Date) bool {
	t := a.Time().In(time.FixedZone("", b.Offset))
	return t.Year() == b.Year && int(t.Month()) == b.Month && t.Day() == b.Day
}

// shortText is n's text if it is short enough to be a date line.
func shortText(n *html.Node) string {
	var b strings.Builder
	if !appendText(&b, n, false, 400, 400) {
		return ""
	}
	t := collapse(b.String())
	if utf8.RuneCountInString(t) > 100 {
		return ""
	}
	return t
}
