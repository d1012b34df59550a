package metadata

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/weburl"
)

// readFixture runs Read on testdata/name (checking that it leaves the
// document as it found it) and Settle on the page's visible text.
func readFixture(t *testing.T, name, pageURL string) article.Meta {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var before, after bytes.Buffer
	html.Render(&before, doc)
	u, _ := weburl.Parse(pageURL)
	m := Read(doc, u)
	html.Render(&after, doc)
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Errorf("%s: Read modified the document", name)
	}
	body := ""
	if b := findBody(doc); b != nil {
		body = textOf(b)
	}
	Settle(&m, body)
	return m
}

func TestRead(t *testing.T) {
	tests := []struct {
		file, url string
		want      article.Meta
	}{
		{"jsonld-graph.html", "https://gazette.example/2023/05/tides-rise?utm_source=x", article.Meta{
			URL:           "https://gazette.example/2023/05/tides-rise?utm_source=x",
			CanonicalURL:  "https://gazette.example/2023/05/tides-rise",
			Title:         "Tides rise on the river Ouse",
			Lang:          "en-GB",
			Dir:           "ltr",
			SiteName:      "Riverside Gazette",
			Authors:       []string{"Ann Ferris", "Tom Hale"},
			Published:     "2023-05-02T09:15:00+01:00",
			Modified:      "2023-05-03T10:00:00+01:00",
			PublishedText: "", // no shown date; never the raw machine string
			Description:   "Spring tides brought the river to the top of its banks.",
			Lead:          "Spring tides brought the river to the top of its banks on Tuesday morning, closing two roads.",
			Section:       "Local news",
			Tags:          []string{"rivers", "York", "weather"},
			Image:         &article.Image{Src: "https://gazette.example/img/ouse.jpg", Caption: "The Ouse at high tide"},
		}},
		{"jsonld-broken.html", "https://valley.example/news/bridge", article.Meta{
			URL:           "https://valley.example/news/bridge",
			Title:         "Bridge opens after repairs",
			Lang:          "en",
			Dir:           "ltr",
			SiteName:      "Valley Post",
			Authors:       []string{"Mara O'Neil"},
			Published:     "2021-08-30T07:00:00-04:00",
			PublishedText: "", // no shown date; never the raw machine string
		}},
		{"opengraph.html", "https://stadt.example/lokal/bruecke?ref=feed", article.Meta{
			URL:           "https://stadt.example/lokal/bruecke?ref=feed",
			CanonicalURL:  "https://stadt.example/lokal/bruecke",
			Title:         "Neue Brücke über den Rhein eröffnet",
			Lang:          "de",
			Dir:           "ltr",
			SiteName:      "Stadtanzeiger",
			Authors:       []string{"Lena Vogt"},
			Published:     "2024-03-01T06:30:00+01:00",
			Modified:      "2024-03-01T12:00:00+01:00",
			PublishedText: "", // no shown date; never the raw machine string
			Description:   "Nach drei Jahren Bauzeit ist die Brücke frei.",
			Section:       "Lokales",
			Tags:          []string{"Verkehr", "Rhein"},
			Image:         &article.Image{Src: "https://stadt.example/bilder/bruecke.jpg", Alt: "Die neue Brücke im Morgenlicht"},
		}},
		{"dublincore.html", "https://board.example/report", article.Meta{
			URL:           "https://board.example/report",
			Title:         "Annual report of the water board, 2022",
			Lang:          "en-GB",
			Dir:           "ltr",
			Authors:       []string{"Water Board Secretariat"},
			Published:     "2023-01-15T00:00:00Z",
			PublishedText: "", // no shown date; never the raw machine string
			Description:   "Figures and decisions of the year.",
			Tags:          []string{"water", "board", "report"},
		}},
		{"microdata.html", "https://garden.example/notes/dry", article.Meta{
			URL:           "https://garden.example/notes/dry",
			Title:         "The long dry summer",
			Lang:          "en",
			Dir:           "ltr",
			Authors:       []string{"Ruth Okafor"},
			Published:     "2022-08-14T18:20:00Z",
			Modified:      "2022-08-20T00:00:00Z",
			PublishedText: "14 August 2022",
			Image:         &article.Image{Src: "https://garden.example/notes/dry-lawn.jpg", Alt: "A brown lawn", Caption: "The lawn in August."},
		}},
		{"persian-visible.html", "https://namuneh.example/farhang/123", article.Meta{
			URL:           "https://namuneh.example/farhang/123",
			Title:         "افتتاح کتابخانه‌ی تازه در شیراز",
			Lang:          "fa",
			Dir:           "rtl",
			SiteName:      "نمونه",
			Authors:       []string{"مریم احمدی"},
			Published:     "2019-07-01T12:30:00+04:30", // Iran summer time in 1398
			PublishedText: "سه‌شنبه ۱۰ تیر ۱۳۹۸ - ۱۲:۳۰",
			Lead:          "کتابخانه‌ی عمومی تازه‌ی شیراز با بیش از پنجاه هزار جلد کتاب روز سه‌شنبه گشایش یافت.",
			Section:       "فرهنگ",
			Image:         &article.Image{Src: "https://namuneh.example/images/ketabkhaneh.jpg"},
		}},
		{"arabic-hijri.html", "https://maktaba.example/news/1", article.Meta{
			URL:           "https://maktaba.example/news/1",
			Title:         "افتتاح مكتبة جديدة في المدينة",
			Lang:          "ar",
			Dir:           "rtl",
			Authors:       []string{"محمد علي"},
			Published:     "2022-04-03T00:00:00Z", // 1 Ramadan 1443, tabular calendar
			PublishedText: "الجمعة 1 رمضان 1443 هـ",
		}},
		{"conflicting.html", "https://madreseh.example/n/5", article.Meta{
			URL:           "https://madreseh.example/n/5",
			Title:         "بازگشایی مدرسه‌ها پس از تعطیلات",
			Lang:          "fa", // the page says en; its text is Persian
			Dir:           "rtl",
			Authors:       []string{"نرگس کریمی"},      // JSON-LD over <meta name=author>
			Published:     "2023-09-23T07:45:00+03:30", // JSON-LD's day, the shown time, Iran's offset
			PublishedText: "شنبه ۱ مهر ۱۴۰۲ ساعت ۰۷:۴۵",
		}},
	}
	for _, tt := range tests {
		got := readFixture(t, tt.file, tt.url)
		norm := func(m *article.Meta) {
			if len(m.Authors) == 0 {
				m.Authors = nil
			}
			if len(m.Tags) == 0 {
				m.Tags = nil
			}
		}
		norm(&got)
		norm(&tt.want)
		if !reflect.DeepEqual(got, tt.want) {
			gv, wv := reflect.ValueOf(got), reflect.ValueOf(tt.want)
			for i := 0; i < gv.NumField(); i++ {
				if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
					t.Errorf("%s: %s = %#v, want %#v", tt.file, gv.Type().Field(i).Name, gv.Field(i).Interface(), wv.Field(i).Interface())
				}
			}
		}
	}
}

func TestRepairJSON(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`{"a":1,}`, []string{`{"a":1}`}},
		{`[1,2,]`, []string{`[1,2]`}},
		{"{\"a\":\"x\ny\"}", []string{`{"a":"x\ny"}`}},
		{`{"a":"it\'s"}`, []string{`{"a":"it's"}`}},
		{`{"a":1}{"b":2}`, []string{`{"a":1}`, `{"b":2}`}},
		{`{"a":1},{"b":2};`, []string{`{"a":1}`, `{"b":2}`}},
		{`<![CDATA[{"a":1}]]>`, []string{`{"a":1}`}},
		{`{&quot;a&quot;:&quot;b&amp;c&quot;}`, []string{`{"a":"b&c"}`}},
		{`{"a":{"b":[1,2`, []string{`{"a":{"b":[1,2]}}`}},
		{`{"a":"unterminated`, []string{`{"a":"unterminated"}`}},
		{`/* c */ {"a": /* c */ 1} // c`, []string{`{"a":1}`}},
		{`{"a":1,,"b":2}`, []string{`{"a":1,"b":2}`}},
		{`{"a":1]`, []string{`{"a":1}`}},
		{`{"a":"x" "b":["y" "z"] "c":{} "d":[true {"e":null} 1] "f":2}`, []string{`{"a":"x","b":["y","z"],"c":{},"d":[true,{"e":null},1],"f":2}`}},
		{`not json at all`, nil},
		{``, nil},
	}
	for _, tt := range tests {
		if got := repairJSON(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("repairJSON(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct{ title, site, want string }{
		{"دیدار وزرای امور خارجه چین و روسیه در پکن | شبکه خبری العالم", "العالم", "دیدار وزرای امور خارجه چین و روسیه در پکن"},
		{"How to Build a Terrarium | eHow", "eHow", "How to Build a Terrarium"},
		{"BBC News - Obama admits gun laws frustration", "BBC News", "Obama admits gun laws frustration"},
		{"Home | eHow", "eHow", "Home | eHow"}, // too little would be left
		{"A title - with a dash", "Other Site", "A title - with a dash"},
		{"No site", "", "No site"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.title, tt.site); got != tt.want {
			t.Errorf("stripSiteName(%q, %q) = %q, want %q", tt.title, tt.site, got, tt.want)
		}
	}
}

func TestAuthorsFromBylines(t *testing.T) {
	tests := []struct {
		lines []string
		want  []string
	}{
		{[]string{"By Jane Doe and John Roe"}, []string{"Jane Doe", "John Roe"}},
		{[]string{"Dan Goodin - Apr 16, 2015 8:02 pm UTC"}, []string{"Dan Goodin"}},
		{[]string{"Alex Perry 1 day ago"}, []string{"Alex Perry"}},
		{[]string{"Written by Rob Ewaschuk", "Edited by Betsy Beyer"}, []string{"Rob Ewaschuk", "Betsy Beyer"}},
		{[]string{"به قلم: مریم احمدی"}, []string{"مریم احمدی"}},
		{[]string{"نویسنده: علی رضایی و سارا محمدی"}, []string{"علی رضایی", "سارا محمدی"}},
		{[]string{"گزارش از حسین نوری"}, []string{"حسین نوری"}},
		{[]string{"كتب: محمد علي"}, []string{"محمد علي"}},
		{[]string{"Bradley M. Kuhn (http://ebb.org/bkuhn/)"}, []string{"Bradley M. Kuhn"}},
		{[]string{"Mac & i"}, []string{"Mac & i"}},
		{[]string{"Last Updated: January 7, 2025"}, nil},
		{[]string{"@handle"}, nil},
	}
	for _, tt := range tests {
		got := splitNames(tt.lines)
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitNames(%q) = %q, want %q", tt.lines, got, tt.want)
		}
	}
	sites := map[string]bool{normName("Site News"): true}
	if got := dedupe([]string{"Ann", "ann", "Site News", "Bo"}, sites); strings.Join(got, ",") != "Ann,Bo" {
		t.Errorf("dedupe = %q", got)
	}
	// Issue 11: an author is never the site, even a personal site's
	// namesake (the name stays in site_name).
	if got := dedupe([]string{"Haki Benita"}, map[string]bool{normName("Haki Benita"): true}); len(got) != 0 {
		t.Errorf("dedupe kept the site's name as an author: %q", got)
	}
}

// TestBylinesThatAreNoPerson holds the bylines real pages showed that name
// a role, a site or a link rather than a person (issue 11 §6).
func TestBylinesThatAreNoPerson(t *testing.T) {
	tests := []struct {
		lines []string
		want  []string
	}{
		{[]string{"Jane Doe", "Editor-at-large"}, []string{"Jane Doe"}},
		{[]string{"By Jane Doe, Senior Correspondent"}, []string{"Jane Doe"}},
		{[]string{"Product Marketing Manager"}, nil},
		{[]string{"NFL.com Staff"}, nil},
		{[]string{"CBSNews.com"}, nil},
		{[]string{"Walter O'Brien/NJ.com"}, []string{"Walter O'Brien"}},
		{[]string{"Posted by tmatt on"}, []string{"tmatt"}},
		{[]string{"Steve Dent posted"}, []string{"Steve Dent"}},
		{[]string{"Ronnie Burt →"}, []string{"Ronnie Burt"}},
		{[]string{"View Profile"}, nil},
		{[]string{"RSS feed"}, nil},
		{[]string{"in Tracking Poll"}, nil},
		{[]string{"Verizon hooking up Nov. 13 in NYC"}, nil},
		{[]string{"گروه فرهنگی"}, nil},
		{[]string{"نوشته شده توسط علی رضایی"}, []string{"علی رضایی"}},
		{[]string{"Mary Jo Foley"}, []string{"Mary Jo Foley"}},
		{[]string{"Ta-Nehisi Coates"}, []string{"Ta-Nehisi Coates"}},
	}
	for _, tt := range tests {
		got := splitNames(tt.lines)
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitNames(%q) = %q, want %q", tt.lines, got, tt.want)
		}
	}
}

func TestReadNil(t *testing.T) {
	u, _ := weburl.Parse("https://example.com/")
	if m := Read(nil, u); m.URL != "https://example.com/" {
		t.Errorf("Read(nil) = %+v", m)
	}
	doc, _ := html.Parse(strings.NewReader(""))
	m := Read(doc, u)
	Settle(&m, "")
	if m.Title != "" || m.Published != "" || m.Image != nil {
		t.Errorf("Read(empty page) = %+v", m)
	}
}
