package metadata

import "strings"

// ldObject is one JSON-LD node (a JSON object).
type ldObject = *jvalue

// ldData is what the page's JSON-LD says, gathered from every script.
type ldData struct {
	articles []ldObject          // nodes of the Article family, in page order
	others   []ldObject          // every other typed node
	byID     map[string]ldObject // nodes that have an @id
}

// maxLDNodes bounds the nodes read from one page.
const maxLDNodes = 512

// readJSONLD parses the JSON-LD scripts, recovering from the usual damage
// (see repairJSON), and sorts the nodes it finds.
func readJSONLD(scripts []string) *ldData {
	d := &ldData{byID: make(map[string]ldObject)}
	count := 0
	for _, s := range scripts {
		for _, v := range repairJSON(s) {
			d.walk(parseJSON(v), 0, &count)
		}
	}
	return d
}

// walk visits a JSON value: arrays element by element, objects as nodes,
// descending into @graph and into the properties that nest articles.
func (d *ldData) walk(v *jvalue, depth int, count *int) {
	if v == nil || depth > 8 || *count >= maxLDNodes {
		return
	}
	switch v.kind {
	case jArray:
		for _, e := range v.items {
			d.walk(e, depth+1, count)
		}
	case jObject:
		*count++
		if g := v.get("@graph"); g != nil {
			d.walk(g, depth+1, count)
		}
		if id := v.str1("@id"); id != "" {
			if _, seen := d.byID[id]; !seen {
				d.byID[id] = v
			}
		}
		types := v.types()
		if len(types) == 0 {
			return
		}
		if isArticleType(types) {
			d.articles = append(d.articles, v)
		} else {
			d.others = append(d.others, v)
		}
		// An article is often nested: WebPage.mainEntity, ItemPage.hasPart.
		for _, k := range []string{"mainEntity", "mainEntityOfPage", "hasPart", "about"} {
			if e := v.get(k); e.isObject() || e.isArray() {
				d.walk(e, depth+1, count)
			}
		}
	}
}

// str1 returns property k as text: a string, a number, the first string of
// an array, or an object's @value; "" otherwise. HTML entities left in the
// text are decoded.
func (v *jvalue) str1(k string) string {
	return ldString(v.get(k))
}

func ldString(v *jvalue) string {
	if v == nil {
		return ""
	}
	switch v.kind {
	case jString, jNumber:
		return unescape(v.str)
	case jArray:
		for _, e := range v.items {
			if e.kind == jString && strings.TrimSpace(e.str) != "" {
				return unescape(e.str)
			}
		}
	case jObject:
		return v.str1("@value")
	}
	return ""
}

// types returns the node's @type values, without vocabulary prefixes.
func (v *jvalue) types() []string {
	t := v.get("@type")
	if t == nil {
		return nil
	}
	var ts []string
	if t.isArray() {
		for _, e := range t.items {
			ts = append(ts, e.text())
		}
	} else {
		ts = []string{t.text()}
	}
	for i, s := range ts {
		// "schema:NewsArticle", "http://schema.org/NewsArticle"
		if j := strings.LastIndexAny(s, "/:"); j >= 0 {
			ts[i] = s[j+1:]
		}
	}
	return ts
}

func (v *jvalue) is(types ...string) bool {
	for _, t := range v.types() {
		for _, w := range types {
			if strings.EqualFold(t, w) {
				return true
			}
		}
	}
	return false
}

// articleTypes is the schema.org Article family.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "analysisnewsarticle": true, "askpublicnewsarticle": true,
	"backgroundnewsarticle": true, "opinionnewsarticle": true, "reportagenewsarticle": true,
	"reviewnewsarticle": true, "report": true, "satiricalarticle": true, "scholarlyarticle": true,
	"medicalscholarlyarticle": true, "socialmediaposting": true, "blogposting": true,
	"liveblogposting": true, "discussionforumposting": true, "techarticle": true,
	"apireference": true, "advertisercontentarticle": true,
}

func isArticleType(types []string) bool {
	for _, t := range types {
		if articleTypes[strings.ToLower(t)] {
			return true
		}
	}
	return false
}

// article returns the page's main article node, or nil: of several, the
// one whose URL is the page's, else whose headline the page's title holds,
// else the first.
func (d *ldData) article() ldObject { return d.mainArticle("", "") }

func (d *ldData) mainArticle(pageURL, title string) ldObject {
	var best ldObject
	bestScore := -1
	for _, a := range d.articles {
		score := 0
		if pageURL != "" {
			for _, k := range []string{"url", "@id", "mainEntityOfPage"} {
				v := a.get(k)
				u := ldString(v)
				if v.isObject() {
					u = v.str1("@id")
				}
				if u != "" && sameURL(u, pageURL) {
					score += 2
					break
				}
			}
		}
		for _, k := range []string{"headline", "name"} {
			if h := normName(a.str1(k)); title != "" && h != "" && strings.Contains(normName(title), h) {
				score++
				break
			}
		}
		if score > bestScore {
			best, bestScore = a, score
		}
	}
	return best
}

// sameURL compares two URLs without their scheme, query, fragment and
// trailing slash.
func sameURL(a, b string) bool {
	trim := func(s string) string {
		if i := strings.Index(s, "://"); i >= 0 {
			s = s[i+3:]
		}
		if i := strings.IndexAny(s, "?#"); i >= 0 {
			s = s[:i]
		}
		return strings.TrimSuffix(strings.TrimPrefix(s, "www."), "/")
	}
	return trim(a) == trim(b)
}

// deref follows an {"@id": …} reference to the node it names.
func (d *ldData) deref(v *jvalue) *jvalue {
	if v.isObject() && len(v.keys) == 1 {
		if t, ok := d.byID[v.str1("@id")]; ok {
			return t
		}
	}
	return v
}

// names returns the names in a person-or-organization value: a string, an
// object with name (or givenName and familyName), or an array of these.
func (d *ldData) names(v *jvalue) []string {
	var out []string
	var visit func(v *jvalue, depth int)
	visit = func(v *jvalue, depth int) {
		if v == nil || depth > 3 || len(out) >= 32 {
			return
		}
		v = d.deref(v)
		switch v.kind {
		case jString:
			if s := unescape(v.str); s != "" {
				out = append(out, s)
			}
		case jArray:
			for _, e := range v.items {
				visit(e, depth+1)
			}
		case jObject:
			if n := v.get("name"); n != nil {
				if s := ldString(n); s != "" {
					out = append(out, s)
				}
				return
			}
			if s := strings.TrimSpace(v.str1("givenName") + " " + v.str1("familyName")); s != "" {
				out = append(out, s)
			}
		}
	}
	visit(v, 0)
	return out
}

// url returns the URL in an image-like value: a string, an object with
// url or contentUrl, or the first of an array; and the image's caption.
func (d *ldData) url(v *jvalue) (src, caption string) {
	if v == nil {
		return "", ""
	}
	v = d.deref(v)
	switch v.kind {
	case jString:
		return strings.TrimSpace(v.str), ""
	case jArray:
		for _, e := range v.items {
			if src, caption = d.url(e); src != "" {
				return src, caption
			}
		}
	case jObject:
		src = v.str1("url")
		if src == "" {
			src = v.str1("contentUrl")
		}
		if src == "" {
			if l := v.get("@list"); l != nil {
				return d.url(l)
			}
		}
		caption = v.str1("caption")
		if caption == "" {
			caption = v.str1("description")
		}
		return src, caption
	}
	return "", ""
}
