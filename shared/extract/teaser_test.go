package extract

import (
	"reflect"
	"testing"

	"github.com/barg-app/barg/shared/article"
)

func para(text string, links ...string) article.Block {
	b := article.Block{Type: article.Paragraph, Text: text}
	for _, l := range links {
		b.Links = append(b.Links, article.Link{Text: l, Href: "https://example.org/" + l})
	}
	return b
}

func TestDropTeasers(t *testing.T) {
	body := para("A real paragraph of the article, which mentions a link in passing.", "link")
	tests := []struct {
		name string
		in   []article.Block
		want []article.Block
	}{
		{"read more with its link", []article.Block{body, para("Read more: Storm hits the coast", "Storm hits the coast"), body},
			[]article.Block{body, body}},
		{"box title and the links it introduces", []article.Block{body, para("You may also like..."), para("Other story", "Other story"), para("Another one", "Another one"), body},
			[]article.Block{body, body}},
		{"Persian read-more", []article.Block{body, para("بیشتر بخوانید: پوتین وارد پکن شد", "پوتین وارد پکن شد")},
			[]article.Block{body}},
		{"a run of link paragraphs", []article.Block{body, para("One", "One"), para("Two", "Two")},
			[]article.Block{body}},
		{"one link paragraph alone stays", []article.Block{body, para("Download the full report", "Download the full report"), body},
			[]article.Block{body, para("Download the full report", "Download the full report"), body}},
		{"a headline link in capitals", []article.Block{body, para("SEAN SPICER ELIMINATED FROM THE SHOW", "SEAN SPICER ELIMINATED FROM THE SHOW"), body},
			[]article.Block{body, body}},
		{"widget labels", []article.Block{para("Caption"), body, para("Close")},
			[]article.Block{body}},
		{"a long paragraph opening with a phrase stays", []article.Block{para("Subscribe to the idea that cities are built by their people: that is what the mayor argued on Monday, at length, before the council and the press.")},
			[]article.Block{para("Subscribe to the idea that cities are built by their people: that is what the mayor argued on Monday, at length, before the council and the press.")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]article.Block(nil), tt.in...)
			if got := dropTeasers(in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDropTitle(t *testing.T) {
	h := func(level int, text string) article.Block {
		return article.Block{Type: article.Heading, Level: level, Text: text}
	}
	body := para("Body text.")
	tests := []struct {
		name   string
		titles []string
		in     []article.Block
		want   []article.Block
	}{
		{"exact", []string{"Harbour lights"}, []article.Block{h(1, "Harbour lights"), body}, []article.Block{body}},
		{"title with the site's name", []string{"Harbour lights return | The Courier"}, []article.Block{h(1, "Harbour lights return"), body}, []article.Block{body}},
		{"after a kicker", []string{"Harbour lights return"}, []article.Block{para("Local"), h(2, "Harbour lights return"), body}, []article.Block{para("Local"), body}},
		{"a section heading stays", []string{"Harbour lights return"}, []article.Block{body, h(2, "A long campaign")}, []article.Block{body, h(2, "A long campaign")}},
		{"a short heading inside the title stays", []string{"How we fixed it: notes"}, []article.Block{h(2, "Notes"), body}, []article.Block{h(2, "Notes"), body}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]article.Block(nil), tt.in...)
			if got := dropTitle(in, tt.titles); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDropTrailers(t *testing.T) {
	body := para("The council will vote on the plan next week, the mayor said, and expects it to pass.")
	tests := []struct {
		name string
		in   []article.Block
		want []article.Block
	}{
		{"notes after the story", []article.Block{body, para("Follow her on Twitter @someone."), para("© 2024 The Courier. All rights reserved.")}, []article.Block{body}},
		{"a note in the middle stays", []article.Block{para("Subscribe to our newsletter."), body}, []article.Block{para("Subscribe to our newsletter."), body}},
		{"the story's own last paragraph stays", []article.Block{body, body}, []article.Block{body, body}},
		{"never the only block", []article.Block{para("Sign up for the newsletter.")}, []article.Block{para("Sign up for the newsletter.")}},
		{"a blog's post-data line, with its category links", []article.Block{body, para("This entry was posted on Saturday, August 25th, 2012 at 12:23 am and is filed under Neat Stuff, Robot Art, Videos. You can follow any responses to this entry through the RSS 2.0 feed. You can leave a response, or trackback from your own site.", "Neat Stuff", "Robot Art", "Videos")}, []article.Block{body}},
		{"the same in German", []article.Block{body, para("Dieser Eintrag wurde am 25. August 2012 veröffentlicht und ist unter Kunst abgelegt. Kommentare sind geschlossen.", "Kunst")}, []article.Block{body}},
		{"a note whose first sentence is the call", []article.Block{body, para("Subscribe to our newsletter. It comes out every Friday.")}, []article.Block{body}},
		{"a closing paragraph that asks to subscribe only after telling something stays", []article.Block{body, para("Every Friday this column reviews a new board game. To read the earlier reviews as they appear, subscribe to the feed.", "the feed")}, []article.Block{body, para("Every Friday this column reviews a new board game. To read the earlier reviews as they appear, subscribe to the feed.", "the feed")}},
		{"a last paragraph asking for comments stays", []article.Block{body, para("Surely we left some of your favourite gadgets off this list. Leave a comment and let us know what your favourite gadget of the year is.")}, []article.Block{body, para("Surely we left some of your favourite gadgets off this list. Leave a comment and let us know what your favourite gadget of the year is.")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]article.Block(nil), tt.in...)
			if got := dropTrailers(in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDropTeasersMultilingual(t *testing.T) {
	body := para("A real paragraph of the article, which mentions a link in passing.", "link")
	for _, teaser := range []string{
		"Lesen Sie auch: Sturm an der Küste", "À lire aussi : la tempête", "Lee también: El temporal",
		"Leia também: Tempestade", "Leggi anche: la tempesta", "Читайте также: Шторм", "İlgili haberler",
		"اقرأ أيضاً: العاصفة", "مطلب مرتبط", "相关阅读：风暴",
	} {
		in := []article.Block{body, para(teaser), para("Another story of the site", "Another story of the site"), body}
		got := dropTeasers(in)
		if len(got) != 2 {
			t.Errorf("%q: got %+v", teaser, got)
		}
	}
	// A related-stories box whose items are headlines without links.
	in := []article.Block{body, para("اخبار مرتبط"), para("افزایش قیمت بنزین در تهران"), para("نشست شورای شهر به تعویق افتاد"), body}
	if got := dropTeasers(in); len(got) != 2 {
		t.Errorf("Persian related box: got %+v", got)
	}
}

func TestDropFurniture(t *testing.T) {
	body := para("شورای شهر گفت که بازسازی اسکله سه سال دیگر طول می‌کشد و هزینهٔ آن از محل عوارض تأمین می‌شود.")
	tests := []struct {
		name string
		in   []article.Block
		want []article.Block
	}{
		{"Persian news lines", []article.Block{para("کد خبر: ۱۲۳۴۵"), body, para("لینک کوتاه: https://example.ir/x"), para("برچسب‌ها: اقتصاد، شهر"), para("به‌روزرسانی: ۱۴۰۲/۰۱/۲۰")},
			[]article.Block{body}},
		{"the end mark and what follows", []article.Block{body, body, para("انتهای پیام/"), para("نظر شما"), para("پربازدیدترین خبرها")},
			[]article.Block{body, body}},
		{"an end mark with more text after it stays out alone", []article.Block{body, para("انتهای پیام"), body, body},
			[]article.Block{body, body, body}},
		{"other languages", []article.Block{para("Tags: harbour, lights"), body, para("Veröffentlicht am 3. März 2024"), para("发布时间：2024-03-03")},
			[]article.Block{body}},
		{"closed comment sections", []article.Block{body, para("Comments are closed."), para("Les commentaires sont fermés."), para("امکان ارسال نظر وجود ندارد."), para("Комментарии закрыты")},
			[]article.Block{body}},
		{"prose stays", []article.Block{body, para("Tags are what the council put on every lantern, one by one, before the festival began.")},
			[]article.Block{body, para("Tags are what the council put on every lantern, one by one, before the festival began.")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]article.Block(nil), tt.in...)
			if got := dropFurniture(in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestIsUILabel(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"1 of 24", true},
		{"3 / 12", true},
		{"2 von 9", true},
		{"Full Screen", true},
		{"Autoplay", true},
		{"View Photos", true},
		{"Plein écran", true},
		{"×", true},
		{"›", true},
		{"___", false},   // a section break typed as text
		{"* * *", false}, // the same
		{"Part 2 of 3", false},
		{"10 of the 24 victims were tourists.", false},
		{"Security forces stormed the museum.", false},
		// What a byline leaves once its name and date went to the metadata.
		{"by on · 4 comments", true},
		{"Posted by", true},
		{"By 1 Comment", true},
		{"von am", true},
		{"par le · 3 commentaires", true},
		{"10", false},   // a number alone: a list's numbering, a score
		{"1984", false}, // a year, a title
		{"On Writing", false},
		{"By the river", false},
	} {
		b := para(tt.text)
		if got := isUILabel(&b); got != tt.want {
			t.Errorf("isUILabel(%q) = %v", tt.text, got)
		}
	}
}
