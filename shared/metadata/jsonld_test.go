package metadata

import (
	"reflect"
	"testing"

	"github.com/tidwall/gjson"
)

// TestReadJSONLDValues checks what the JSON-LD reader returns for the
// values articles carry, after repairJSON: escapes and non-ASCII text,
// keys that begin with @ (gjson's modifier sign, escaped in its paths),
// nested paths, @id references in a @graph, repeated keys, numbers kept as
// written, and values nested inside WebPage.mainEntity.
func TestReadJSONLDValues(t *testing.T) {
	type want struct {
		headline, section, date, lang string
		authors, publisher, keywords  []string
		image, caption                string
		others                        int
	}
	tests := []struct {
		name, script string
		want         want
	}{
		{"escapes and non-ASCII",
			`{"@type":"NewsArticle","headline":"Caf\u00e9 \"Lune\" \ud83c\udf19 \/ x","author":{"@type":"Person","name":"\u0645\u06cc\u200c\u0631\u0632\u0627"},"inLanguage":"fa-IR"}`,
			want{headline: `Café "Lune" 🌙 / x`, lang: "fa-IR", authors: []string{"می‌رزا"}}},
		{"RTL text kept as written, ZWNJ included",
			`{"@type":"Article","headline":"نامه‌ای به تهران","author":[{"name":"زهرا"},"علی"],"keywords":["سیاست","اقتصاد"]}`,
			want{headline: "نامه‌ای به تهران", authors: []string{"زهرا", "علی"}, keywords: []string{"سیاست", "اقتصاد"}}},
		{"@graph with @id references",
			`{"@context":"https://schema.org","@graph":[{"@type":"Organization","@id":"#org","name":"Gazette","logo":{"@type":"ImageObject","url":"https://g.example/logo.png"}},{"@type":"Person","@id":"#ann","name":"Ann"},{"@type":"NewsArticle","headline":"H","author":{"@id":"#ann"},"publisher":{"@id":"#org"},"image":{"@id":"#img"}},{"@type":"ImageObject","@id":"#img","url":"https://g.example/a.jpg","caption":"A pier"}]}`,
			want{headline: "H", authors: []string{"Ann"}, publisher: []string{"Gazette"}, image: "https://g.example/a.jpg", caption: "A pier", others: 3}},
		{"article nested in WebPage.mainEntity, prefixed types",
			`{"@type":"WebPage","mainEntity":{"@type":"schema:BlogPosting","headline":"Nested","datePublished":"2024-01-02","articleSection":["","Travel"]}}`,
			want{headline: "Nested", date: "2024-01-02", section: "Travel", others: 1}},
		{"the first of a repeated key counts; numbers as written; @value",
			`{"@type":"http://schema.org/Article","headline":"first","headline":"second","articleSection":2024,"datePublished":{"@value":"2020-05-06"},"image":[{"contentUrl":"/i.jpg"}]}`,
			want{headline: "first", section: "2024", date: "2020-05-06", image: "/i.jpg"}},
		{"givenName and familyName; @list of images",
			`{"@type":"ReportageNewsArticle","headline":"G","author":{"givenName":"Jo","familyName":"Bloggs"},"image":{"@list":["https://x.example/1.jpg"]}}`,
			want{headline: "G", authors: []string{"Jo Bloggs"}, image: "https://x.example/1.jpg"}},
		{"broken: trailing comma, raw newline, unclosed, HTML entities",
			"{\"@type\":\"Article\",\"headline\":\"Line\none &amp; two\",\"author\":[\"A\",],\"publisher\":{\"name\":\"P\"",
			want{headline: "Line\none & two", authors: []string{"A"}, publisher: []string{"P"}}},
	}
	for _, tt := range tests {
		d := readJSONLD([]string{tt.script})
		a := d.article()
		if a == nil {
			t.Errorf("%s: no article in %s", tt.name, tt.script)
			continue
		}
		img, caption := d.url(a.get("image"))
		var kw []string
		for _, e := range a.get("keywords").elems() {
			kw = append(kw, ldString(e))
		}
		got := want{
			headline: a.str1("headline"), section: a.str1("articleSection"), date: a.str1("datePublished"), lang: a.str1("inLanguage"),
			authors: d.names(a.get("author")), publisher: d.names(a.get("publisher")), keywords: kw,
			image: img, caption: caption, others: len(d.others),
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

// TestLDPaths checks the gjson paths the reader asks: nested keys, and
// keys beginning with @ that gjson would otherwise read as a modifier.
func TestLDPaths(t *testing.T) {
	d := readJSONLD([]string{`{"@type":"BreadcrumbList","@id":"#b","itemListElement":[{"item":{"@id":"/news","name":"News"}},{"name":"World"}],"publisher":{"logo":{"url":"https://p.example/l.png"}}}`})
	if len(d.others) != 1 || d.byID["#b"] == nil {
		t.Fatalf("others %d, byID %v", len(d.others), d.byID)
	}
	b := d.others[0]
	var names []string
	for _, e := range b.get("itemListElement").elems() {
		n := e.str1("name")
		if n == "" {
			n = e.str1("item.name")
		}
		names = append(names, n)
	}
	if !reflect.DeepEqual(names, []string{"News", "World"}) {
		t.Errorf("breadcrumb names %q", names)
	}
	if got := b.str1("publisher.logo.url"); got != "https://p.example/l.png" {
		t.Errorf("publisher.logo.url = %q", got)
	}
	if got := b.get("itemListElement").elems()[0].str1("item.@id"); got != "/news" {
		t.Errorf("item.@id = %q", got)
	}
	if got := b.str1("@type"); got != "BreadcrumbList" {
		t.Errorf("@type = %q", got)
	}
	if b.get("@this") != nil || b.get("@reverse") != nil {
		t.Error("a key beginning with @ ran as a gjson modifier")
	}
}

// TestSalvageJSON checks that what repairJSON cannot mend is cut where it
// breaks: the complete members before the damage are kept, closed.
func TestSalvageJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"a":"x","b":undefined,"c":"y"}`, `{"a":"x"}`},
		{`{"headline":NaN,"d":"x"}`, `{}`},
		{`{"@type":"Article",name:"N","headline":"H"}`, `{"@type":"Article"}`},
		// A quote left unescaped inside a string: the text after it is
		// not read as keys and values.
		{`{"h":"T","description":"say "hi" now","author":"A"}`, `{"h":"T","description":"say "}`},
		{`{"a":{"b":[1,{"c":2},x]}}`, `{"a":{"b":[1,{"c":2}]}}`},
		{`{"a":{"b":`, `{"a":{}}`},
		{`[{"a":1},{"b"}]`, `[{"a":1},{}]`},
		{`"text"`, `"text"`},
		{`{"a":1}`, `{"a":1}`},
		{`nope`, ``},
	} {
		got := salvageJSON(c.in)
		if got != c.want {
			t.Errorf("salvageJSON(%s) = %s, want %s", c.in, got, c.want)
		}
		if got != "" && !gjson.Valid(got) {
			t.Errorf("salvageJSON(%s) = %s: not JSON", c.in, got)
		}
	}
}

// TestBrokenJSONLDKeepsWhatCameBefore reads a JSON-LD script whose
// description holds an unescaped quote (a real page's): the fields before
// it are read, none after it, and no value is made of the text around the
// stray quote.
func TestBrokenJSONLDKeepsWhatCameBefore(t *testing.T) {
	d := readJSONLD([]string{`{"@type":"Article","headline":"Design week","description":"The 'Jewels after Jewels", a light installation by M. A.",
"datePublished":"2018-04-18","author":"FEDERICA LUSIARDI","publisher":{"@type":"Organization","name":"Inexhibit magazine"}}`})
	a := d.article()
	if a == nil {
		t.Fatal("no article")
	}
	if a.str1("headline") != "Design week" || a.str1("description") != "The 'Jewels after Jewels" {
		t.Errorf("headline %q, description %q", a.str1("headline"), a.str1("description"))
	}
	if n := d.names(a.get("author")); a.str1("datePublished") != "" || len(n) != 0 || len(d.names(a.get("publisher"))) != 0 {
		t.Errorf("read past the damage: date %q, authors %q", a.str1("datePublished"), n)
	}
}
