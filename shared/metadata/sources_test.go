package metadata

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/weburl"
)

// TestReadSources checks one source at a time, on small pages.
func TestSettle(t *testing.T) {
	persian := "دیدار وزرای امور خارجه چین و روسیه در پکن برگزار شد و دو طرف درباره همکاری گفتگو کردند."
	arabic := "قال وزير الخارجية الصيني إن العلاقات بين البلدين تشهد مرحلة جديدة من التعاون الاستراتيجي في المنطقة."
	tests := []struct {
		lang, dir, body   string
		wantLang, wantDir string
	}{
		{"", "", persian, "fa", "rtl"},
		{"en", "ltr", persian, "fa", "rtl"},             // a template's default
		{"ar", "rtl", persian, "fa", "rtl"},             // Persian letters settle it
		{"fa", "", arabic, "ar", "rtl"},                 // no Persian letter at all
		{"fa", "", persian + " " + arabic, "fa", "rtl"}, // a Persian page quoting Arabic
		{"prs", "", persian, "prs", "rtl"},              // Dari stays Dari
		{"zh-Hans", "", "人工智能正在改变我们的世界。从自动驾驶汽车到医疗诊断，人工智能的应用无处不在。" + arabic, "zh-Hans", "ltr"}, // mixed: the page's word stands
		{"zh-Hans", "", "人工智能 " + arabic, "ar", "rtl"}, // hardly any Chinese: the page was wrong
		{"", "rtl", "Lorem ipsum dolor sit amet, consectetur adipisicing elit.", "", "rtl"},
		{"", "", "Lorem ipsum dolor sit amet, consectetur adipisicing elit.", "", "ltr"},
		{"", "", "ש", "", "rtl"},
		{"fa", "ltr", persian, "fa", "rtl"}, // rtl for rtl languages, whatever the page said
	}
	for _, tt := range tests {
		m := article.Meta{Lang: tt.lang, Dir: tt.dir}
		Settle(&m, tt.body)
		if m.Lang != tt.wantLang || m.Dir != tt.wantDir {
			t.Errorf("Settle(%q, %q, %.20q…) = %q, %q; want %q, %q", tt.lang, tt.dir, tt.body, m.Lang, m.Dir, tt.wantLang, tt.wantDir)
		}
	}
}

func TestReadSources(t *testing.T) {
	tests := []struct {
		name, page string
		check      func(m article.Meta) bool
	}{
		{"twitter card", `<title>x</title><meta name="twitter:title" content="Card title"><meta name="twitter:image" content="/c.png"><meta name="twitter:description" content="Card text">`,
			func(m article.Meta) bool {
				return m.Title == "Card title" && m.Image != nil && m.Image.Src == "https://site.example/c.png" && m.Description == "Card text"
			}},
		{"rel=author link", `<title>Some long enough title here</title><body><p>Text <a rel="author" href="/u/kim">Kim Lee</a></p>`,
			func(m article.Meta) bool { return reflect.DeepEqual(m.Authors, []string{"Kim Lee"}) }},
		{"time datetime", `<body><article><h1>T</h1><time datetime="2020-05-06T07:08:09+02:00">6 May 2020</time></article>`,
			func(m article.Meta) bool {
				return m.Published == "2020-05-06T07:08:09+02:00" && m.PublishedText == "6 May 2020"
			}},
		// Issue 11 §6: the machine date wins over a yearless, relative or
		// pictured text, which then is no published_text.
		{"time datetime, yearless text", `<body><article><h1>T</h1><time datetime="2020-05-06T07:08:09+02:00">6 May</time></article>`,
			func(m article.Meta) bool { return m.Published == "2020-05-06T07:08:09+02:00" && m.PublishedText == "" }},
		{"time datetime, relative text", `<body><article><h1>T</h1><time datetime="2016-05-06T07:08:09Z">Today 12:01 AM</time></article>`,
			func(m article.Meta) bool { return m.Published == "2016-05-06T07:08:09Z" && m.PublishedText == "" }},
		{"time datetime with an icon", `<body><article><h1>T</h1><time datetime="2016-05-06T07:08:09Z"><svg><title>clock Created with Sketch.</title></svg> May 6, 2016</time></article>`,
			func(m article.Meta) bool {
				return m.Published == "2016-05-06T07:08:09Z" && m.PublishedText == "May 6, 2016"
			}},
		{"time datetime, a language dates does not read", `<body><article><h1>T</h1><time datetime="2015-04-30T07:19:00+02:00">30 avril 2015 à 07:19</time></article>`,
			func(m article.Meta) bool { return m.PublishedText == "30 avril 2015 à 07:19" }},
		{"time datetime, another day's text", `<body><article><h1>T</h1><time datetime="2015-04-30T07:19:00Z">1 March 2012</time></article>`,
			func(m article.Meta) bool { return m.Published == "2015-04-30T07:19:00Z" && m.PublishedText == "" }},
		{"meta date only: no published_text", `<meta property="article:published_time" content="2015-04-30T07:19:00Z"><body><p>x</p>`,
			func(m article.Meta) bool { return m.Published == "2015-04-30T07:19:00Z" && m.PublishedText == "" }},
		{"internal tags dropped", `<meta name="keywords" content="@hp-top-stories, Lite:true, type_news, stream-23490979, LockedPostSource:LOCKED_POST_SOURCE_NONE, hp-top-stories, 1913719, Star Wars: Episode I, gluten-free, London 2012">`,
			func(m article.Meta) bool {
				return reflect.DeepEqual(m.Tags, []string{"Star Wars: Episode I", "gluten-free", "London 2012"})
			}},
		{"the site is no author", `<meta property="og:site_name" content="Example News"><meta name="author" content="Example News"><body><p>x</p>`,
			func(m article.Meta) bool { return len(m.Authors) == 0 && m.SiteName == "Example News" }},
		{"the host is no author", `<meta name="author" content="Site.example"><body><p>x</p>`,
			func(m article.Meta) bool { return len(m.Authors) == 0 }},
		{"JSON-LD publisher is no author", `<script type="application/ld+json">{"@type":"NewsArticle","headline":"T","author":[{"@type":"Organization","name":"Daily Planet"},{"@type":"Person","name":"Lois Lane"}],"publisher":{"@type":"Organization","name":"Daily Planet"}}</script><body><p>x</p>`,
			func(m article.Meta) bool { return reflect.DeepEqual(m.Authors, []string{"Lois Lane"}) }},
		{"Persian byline in a line of items", `<html lang="fa"><body><h1>عنوان</h1><div class="info">کد خبر: ۱۲۳۴۵ | نویسنده: مریم احمدی | ۱۲ آبان ۱۴۰۲</div><p>متن</p>`,
			func(m article.Meta) bool { return reflect.DeepEqual(m.Authors, []string{"مریم احمدی"}) }},
		{"Persian byline in its own element", `<html lang="fa"><body><h1>عنوان</h1><p><span>به‌قلم</span> <a href="/u/1">علی رضایی</a></p><p>متن</p>`,
			func(m article.Meta) bool { return reflect.DeepEqual(m.Authors, []string{"علی رضایی"}) }},
		{"visible English date", `<body><article><h1>T</h1><div class="post-date">Posted on March 3rd, 2021 at 4:05 pm</div></article>`,
			func(m article.Meta) bool {
				return m.Published == "2021-03-03T16:05:00Z" && m.PublishedText == "Posted on March 3rd, 2021 at 4:05 pm"
			}},
		{"visible date on .ir site", `<body><span class="date">1400/11/15 02:33</span>`,
			func(m article.Meta) bool { return m.Published == "2022-02-04T02:33:00+03:30" }},
		{"meta date in Jalali", `<meta name="date" content="1401/01/02 10:00">`,
			func(m article.Meta) bool { return m.Published == "2022-03-22T10:00:00+04:30" }},
		{"UTC date on a Persian page", `<html lang="fa"><meta property="article:published_time" content="2022-02-03T23:03:00Z">`,
			func(m article.Meta) bool { return m.Published == "2022-02-04T02:33:00+03:30" }},
		{"sidebar dates skipped", `<html lang="fa"><body><div class="most-viewed"><ul><li><span class="date">۱ مهر ۱۳۹۹</span> خبر دیگر</li></ul></div>
<header class="entry-header"><h1>تیتر خبر</h1><span class="post-date">۱۵ بهمن ۱۴۰۰ - ۰۲:۳۳</span></header>`,
			func(m article.Meta) bool { return m.Published == "2022-02-04T02:33:00+03:30" }},
		{"source line", `<meta property="og:site_name" content="العالم"><body><article><h1>تیتر</h1><div class="news-source">العالم - آسیا</div></article>`,
			func(m article.Meta) bool { return m.Section == "آسیا" }},
		{"kicker", `<body><div class="category">Sport</div>` + strings.Repeat("<p>x</p>", 30) + `<article><span class="kicker">Science</span><h1>Title</h1></article>`,
			func(m article.Meta) bool { return m.Section == "Science" }},
		{"xml:lang", `<html xml:lang="fa-IR"><body>`, func(m article.Meta) bool { return m.Lang == "fa-IR" && m.Dir == "rtl" }},
		{"content-language", `<meta http-equiv="Content-Language" content="ar"><body>`, func(m article.Meta) bool { return m.Lang == "ar" && m.Dir == "rtl" }},
		{"og:locale", `<meta property="og:locale" content="fa_IR">`, func(m article.Meta) bool { return m.Lang == "fa-IR" }},
		{"lazy first figure", `<body><article><figure><img src="data:image/gif;base64,R0l" data-src="/big.jpg" alt="A"><figcaption>Cap</figcaption></figure></article>`,
			func(m article.Meta) bool {
				return m.Image != nil && *m.Image == article.Image{Src: "https://site.example/big.jpg", Alt: "A", Caption: "Cap"}
			}},
		{"logo and icon skipped", `<body><img src="/img/logo.png"><img src="/i/a.gif" width="16"><article><img src="/photo.jpg" width="800"></article>`,
			func(m article.Meta) bool { return m.Image != nil && m.Image.Src == "https://site.example/photo.jpg" }},
		{"main article among several", `<title>Main story here</title><link rel="canonical" href="https://site.example/main">
<script type="application/ld+json">[{"@type":"NewsArticle","headline":"Related story","url":"https://site.example/related","author":"R"},
{"@type":"NewsArticle","headline":"Main story here","url":"https://site.example/main/","author":"M"}]</script>`,
			func(m article.Meta) bool {
				return m.Title == "Main story here" && reflect.DeepEqual(m.Authors, []string{"M"})
			}},
		{"JSON-LD breadcrumb", `<title>Item</title><script type="application/ld+json">{"@type":"BreadcrumbList","itemListElement":[{"name":"Home"},{"item":{"name":"Sport"}},{"name":"Item"}]}</script>`,
			func(m article.Meta) bool { return m.Section == "Sport" }},
		{"site from title", `<title>Dam opens on the river | Valley Post</title>`,
			func(m article.Meta) bool { return m.SiteName == "Valley Post" && m.Title == "Dam opens on the river" }},
		{"description shown as lead", `<meta name="description" content="The first paragraph."><body><h1>T</h1><p>The first paragraph.</p>`,
			func(m article.Meta) bool { return m.Lead == "The first paragraph." }},
		{"hidden byline ignored", `<body><div class="author" style="display:none">Ghost</div><p class="byline">By Real Person</p>`,
			func(m article.Meta) bool { return reflect.DeepEqual(m.Authors, []string{"Real Person"}) }},
		{"keywords with Persian comma", `<meta name="keywords" content="ایران، چین ، روسیه,ایران">`,
			func(m article.Meta) bool {
				return reflect.DeepEqual(m.Tags, []string{"ایران", "چین", "روسیه"})
			}},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader(tt.page))
		if err != nil {
			t.Fatal(err)
		}
		host := "https://site.example/a/b"
		if strings.Contains(tt.name, ".ir") {
			host = "https://news.example.ir/a/b"
		}
		u, _ := weburl.Parse(host)
		m := Read(doc, u)
		Settle(&m, "")
		if !tt.check(m) {
			t.Errorf("%s: got %+v (image %+v)", tt.name, m, m.Image)
		}
	}
}
