package metadata

import (
	"strings"

	"github.com/tidwall/gjson"
)

// The page's JSON-LD is read with gjson, after repairJSON has mended what
// real pages break: gjson reads the repaired text in place, without
// building a tree, and its paths ("item.name", `\@graph`) name what is
// looked up.

// ldNode is one JSON value of the page's JSON-LD; a nil *ldNode is an
// absent value (a missing key, no article).
type ldNode struct {
	r gjson.Result
	// members indexes an object's members by key (the first of a repeated
	// key), made by one pass on the first lookup: each gjson.Get of a key
	// scans the object up to it, all of it for a missing key, and a node
	// is asked for a dozen keys, most of them missing.
	members map[string]gjson.Result
}

// ldObject is one JSON-LD node (a JSON object).
type ldObject = *ldNode

// ldData is what the page's JSON-LD says, gathered from every script.
type ldData struct {
	articles []ldObject          // nodes of the Article family, in page order
	others   []ldObject          // every other typed node
	byID     map[string]ldObject // nodes that have an @id
}

// maxLDNodes bounds the nodes read from one page.
const maxLDNodes = 512

// maxLDDepth bounds the nesting followed in one value (a value nested
// deeper is not looked into).
const maxLDDepth = 48

// readJSONLD parses the JSON-LD scripts, recovering from the usual damage
// (see repairJSON; what is still not JSON is cut where it breaks, see
// salvageJSON), and sorts the nodes it finds.
func readJSONLD(scripts []string) *ldData {
	d := &ldData{byID: make(map[string]ldObject)}
	count := 0
	for _, s := range scripts {
		for _, v := range repairJSON(s) {
			if !gjson.Valid(v) {
				v = salvageJSON(v)
			}
			d.walk(node(gjson.Parse(v)), 0, &count)
		}
	}
	return d
}

// node wraps a gjson result: nil when it does not exist.
func node(r gjson.Result) *ldNode {
	if !r.Exists() {
		return nil
	}
	return &ldNode{r: r}
}

// walk visits a JSON value: arrays element by element, objects as nodes,
// descending into @graph and into the properties that nest articles.
func (d *ldData) walk(v *ldNode, depth int, count *int) {
	if v == nil || depth > 8 || *count >= maxLDNodes {
		return
	}
	switch {
	case v.r.IsArray():
		for _, e := range v.elems() {
			d.walk(e, depth+1, count)
		}
	case v.r.IsObject():
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

// get returns the value at path in an object (a gjson path: keys that
// begin with @ are escaped, `\@id`; "item.name" reads a nested key), or
// nil. Of a repeated key, the first counts.
func (v *ldNode) get(path string) *ldNode {
	if v == nil || !v.r.IsObject() {
		return nil
	}
	if strings.Contains(path, ".") {
		return node(v.r.Get(ldPath(path)))
	}
	if v.members == nil {
		v.members = make(map[string]gjson.Result)
		v.r.ForEach(func(k, e gjson.Result) bool {
			if _, dup := v.members[k.Str]; !dup {
				v.members[k.Str] = e
			}
			return true
		})
	}
	return node(v.members[path])
}

// ldPath escapes the keys of a dotted path that begin with @ ("@id",
// "@graph"), which gjson would take for its modifiers.
func ldPath(path string) string {
	if !strings.Contains(path, "@") {
		return path
	}
	parts := strings.Split(path, ".")
	for i, p := range parts {
		parts[i] = gjson.Escape(p)
	}
	return strings.Join(parts, ".")
}

// elems returns an array's elements (nil for anything else).
func (v *ldNode) elems() []*ldNode {
	if !v.isArray() {
		return nil
	}
	var out []*ldNode
	v.r.ForEach(func(_, e gjson.Result) bool {
		out = append(out, &ldNode{r: e})
		return true
	})
	return out
}

func (v *ldNode) isObject() bool { return v != nil && v.r.IsObject() }
func (v *ldNode) isArray() bool  { return v != nil && v.r.IsArray() }

// text is a string's text, a number's or boolean's literal, else "".
func (v *ldNode) text() string {
	if v == nil {
		return ""
	}
	switch v.r.Type {
	case gjson.String:
		return v.r.Str
	case gjson.Number, gjson.True, gjson.False:
		return v.r.Raw
	}
	return ""
}

// str1 returns property k as text: a string, a number, the first string of
// an array, or an object's @value; "" otherwise. HTML entities left in the
// text are decoded.
func (v *ldNode) str1(k string) string {
	return ldString(v.get(k))
}

func ldString(v *ldNode) string {
	if v == nil {
		return ""
	}
	switch v.r.Type {
	case gjson.String, gjson.Number:
		return unescape(v.text())
	case gjson.JSON:
		if v.r.IsArray() {
			for _, e := range v.elems() {
				if e.r.Type == gjson.String && strings.TrimSpace(e.r.Str) != "" {
					return unescape(e.r.Str)
				}
			}
			return ""
		}
		return v.str1("@value")
	}
	return ""
}

// types returns the node's @type values, without vocabulary prefixes.
func (v *ldNode) types() []string {
	t := v.get("@type")
	if t == nil {
		return nil
	}
	var ts []string
	if t.isArray() {
		for _, e := range t.elems() {
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

func (v *ldNode) is(types ...string) bool {
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
func (d *ldData) deref(v *ldNode) *ldNode {
	if v.isObject() && v.keys() == 1 {
		if t, ok := d.byID[v.str1("@id")]; ok {
			return t
		}
	}
	return v
}

// keys counts an object's keys, up to 2.
func (v *ldNode) keys() int {
	n := 0
	v.r.ForEach(func(_, _ gjson.Result) bool {
		n++
		return n < 2
	})
	return n
}

// names returns the names in a person-or-organization value: a string, an
// object with name (or givenName and familyName), or an array of these.
func (d *ldData) names(v *ldNode) []string {
	var out []string
	var visit func(v *ldNode, depth int)
	visit = func(v *ldNode, depth int) {
		if v == nil || depth > 3 || len(out) >= 32 {
			return
		}
		v = d.deref(v)
		switch {
		case v.r.Type == gjson.String:
			if s := unescape(v.r.Str); s != "" {
				out = append(out, s)
			}
		case v.isArray():
			for _, e := range v.elems() {
				visit(e, depth+1)
			}
		case v.isObject():
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
func (d *ldData) url(v *ldNode) (src, caption string) { return d.urlIn(v, 0) }

func (d *ldData) urlIn(v *ldNode, depth int) (src, caption string) {
	if v == nil || depth > maxLDDepth {
		return "", ""
	}
	v = d.deref(v)
	switch {
	case v.r.Type == gjson.String:
		return strings.TrimSpace(v.r.Str), ""
	case v.isArray():
		for _, e := range v.elems() {
			if src, caption = d.urlIn(e, depth+1); src != "" {
				return src, caption
			}
		}
	case v.isObject():
		src = v.str1("url")
		if src == "" {
			src = v.str1("contentUrl")
		}
		if src == "" {
			if l := v.get("@list"); l != nil {
				return d.urlIn(l, depth+1)
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
