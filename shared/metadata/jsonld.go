package metadata

import (
	"strings"

	"github.com/tidwall/gjson"
)

// ldObject is one JSON-LD node: its properties by name.
type ldObject map[string]gjson.Result

// ldData is what the page's JSON-LD says, gathered from every script.
type ldData struct {
	articles []ldObject              // nodes of the Article family, in page order
	others   []ldObject              // every other typed node
	byID     map[string]gjson.Result // nodes that have an @id
}

// maxLDNodes bounds the nodes read from one page.
const maxLDNodes = 512

// readJSONLD parses the JSON-LD scripts, recovering from the usual damage
// (see repairJSON), and sorts the nodes it finds.
func readJSONLD(scripts []string) *ldData {
	d := &ldData{byID: make(map[string]gjson.Result)}
	count := 0
	for _, s := range scripts {
		for _, v := range repairJSON(s) {
			d.walk(gjson.Parse(v), 0, &count)
		}
	}
	return d
}

// walk visits a JSON value: arrays element by element, objects as nodes,
// descending into @graph.
func (d *ldData) walk(r gjson.Result, depth int, count *int) {
	if depth > 8 || *count >= maxLDNodes {
		return
	}
	switch {
	case r.IsArray():
		r.ForEach(func(_, v gjson.Result) bool {
			d.walk(v, depth+1, count)
			return *count < maxLDNodes
		})
	case r.IsObject():
		*count++
		o := objectOf(r)
		if g, ok := o["@graph"]; ok {
			d.walk(g, depth+1, count)
		}
		if id := o.str("@id"); id != "" {
			if _, seen := d.byID[id]; !seen {
				d.byID[id] = r
			}
		}
		types := o.types()
		if len(types) == 0 {
			return
		}
		if isArticleType(types) {
			d.articles = append(d.articles, o)
		} else {
			d.others = append(d.others, o)
		}
		// An article is often nested: WebPage.mainEntity, ItemPage.hasPart.
		for _, k := range []string{"mainEntity", "mainEntityOfPage", "hasPart", "about"} {
			if v, ok := o[k]; ok && (v.IsObject() || v.IsArray()) {
				d.walk(v, depth+1, count)
			}
		}
	}
}

func objectOf(r gjson.Result) ldObject {
	o := make(ldObject)
	r.ForEach(func(k, v gjson.Result) bool {
		if _, dup := o[k.String()]; !dup {
			o[k.String()] = v
		}
		return len(o) < 256
	})
	return o
}

// str returns property k as text: a string, a number, or the first string
// of an array; "" otherwise.
func (o ldObject) str(k string) string {
	v, ok := o[k]
	if !ok {
		return ""
	}
	return ldString(v)
}

func ldString(v gjson.Result) string {
	switch {
	case v.Type == gjson.String:
		return unescape(v.Str)
	case v.Type == gjson.Number:
		return v.Raw
	case v.IsArray():
		s := ""
		v.ForEach(func(_, e gjson.Result) bool {
			if e.Type == gjson.String && strings.TrimSpace(e.Str) != "" {
				s = unescape(e.Str)
				return false
			}
			return true
		})
		return s
	case v.IsObject():
		o := objectOf(v)
		if s := o.str("@value"); s != "" {
			return s
		}
	}
	return ""
}

// types returns the node's @type values.
func (o ldObject) types() []string {
	v, ok := o["@type"]
	if !ok {
		return nil
	}
	var ts []string
	if v.IsArray() {
		v.ForEach(func(_, e gjson.Result) bool {
			ts = append(ts, e.String())
			return true
		})
	} else {
		ts = []string{v.String()}
	}
	for i, t := range ts {
		// "schema:NewsArticle", "http://schema.org/NewsArticle"
		if j := strings.LastIndexAny(t, "/:"); j >= 0 {
			ts[i] = t[j+1:]
		}
	}
	return ts
}

func (o ldObject) is(types ...string) bool {
	for _, t := range o.types() {
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
	"apireference": true, "advertisercontentarticle": true, "review": false,
}

func isArticleType(types []string) bool {
	for _, t := range types {
		if articleTypes[strings.ToLower(t)] {
			return true
		}
	}
	return false
}

// article returns the page's main article node, or nil.
func (d *ldData) article() ldObject {
	if len(d.articles) > 0 {
		return d.articles[0]
	}
	return nil
}

// deref follows an {"@id": …} reference to the node it names.
func (d *ldData) deref(v gjson.Result) gjson.Result {
	if !v.IsObject() {
		return v
	}
	o := objectOf(v)
	if len(o) == 1 {
		if t, ok := d.byID[o.str("@id")]; ok {
			return t
		}
	}
	return v
}

// names returns the names in a person-or-organization value: a string, an
// object with name (or givenName and familyName), or an array of these.
func (d *ldData) names(v gjson.Result) []string {
	var out []string
	var visit func(v gjson.Result, depth int)
	visit = func(v gjson.Result, depth int) {
		if depth > 3 || len(out) >= 32 {
			return
		}
		v = d.deref(v)
		switch {
		case v.Type == gjson.String:
			if s := unescape(v.Str); s != "" {
				out = append(out, s)
			}
		case v.IsArray():
			v.ForEach(func(_, e gjson.Result) bool {
				visit(e, depth+1)
				return true
			})
		case v.IsObject():
			o := objectOf(v)
			if n, ok := o["name"]; ok {
				if s := ldString(n); s != "" {
					out = append(out, s)
				}
				return
			}
			if s := strings.TrimSpace(o.str("givenName") + " " + o.str("familyName")); s != "" {
				out = append(out, s)
			}
		}
	}
	visit(v, 0)
	return out
}

// url returns the URL in an image-like value: a string, an object with
// url or contentUrl, or the first of an array.
func (d *ldData) url(v gjson.Result) (src, caption string) {
	v = d.deref(v)
	switch {
	case v.Type == gjson.String:
		return strings.TrimSpace(v.Str), ""
	case v.IsArray():
		v.ForEach(func(_, e gjson.Result) bool {
			src, caption = d.url(e)
			return src == ""
		})
		return src, caption
	case v.IsObject():
		o := objectOf(v)
		src = o.str("url")
		if src == "" {
			src = o.str("contentUrl")
		}
		caption = o.str("caption")
		if caption == "" {
			caption = o.str("description")
		}
		return src, caption
	}
	return "", ""
}
