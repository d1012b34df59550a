package extract

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/persian"
)

var when = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

const persianPage = `<!DOCTYPE html><html lang="fa" dir="rtl"><head><title>آزمون برگ</title></head><body>
<nav><a href="/">خانه</a> <a href="/a">بخش</a></nav>
<article><h1>آزمون برگ</h1>
<p>این نوشته برای آزمودن برگ است و میتواند نشان دهد که نیمفاصلهها بازگردانده میشوند یا نه. کتابهای تازه در کتابخانه هستند.</p>
<p>بند دوم نوشته درباره همکاریهای بینالمللی دو کتابخانه است که سالهای زیادی با هم کار کردهاند و هنوز هم ادامه میدهند.</p>
</article><footer>کلیه حقوق محفوظ است</footer></body></html>`

func TestFromHTMLPipeline(t *testing.T) {
	a, err := FromHTML(strings.NewReader(persianPage), "https://example.ir/news/1", Options{CapturedAt: when})
	if err != nil {
		t.Fatal(err)
	}
	if a.Schema != article.Schema || a.URL != "https://example.ir/news/1" {
		t.Errorf("schema %q url %q", a.Schema, a.URL)
	}
	if a.CapturedAt != "2026-11-24T10:00:00Z" {
		t.Errorf("captured_at = %q", a.CapturedAt)
	}
	if a.Extractor.Name != Name || a.Extractor.Version != Version {
		t.Errorf("extractor = %+v", a.Extractor)
	}
	if len(a.Blocks) == 0 || a.Blocks[0].Type == article.Heading {
		t.Errorf("the title heading should be dropped from the body: %+v", a.Blocks)
	}
	if strings.Contains(a.Text, "کلیه حقوق") || strings.Contains(a.Text, "خانه بخش") {
		t.Errorf("boilerplate in text: %q", a.Text)
	}
	if a.WordCount == 0 || a.ReadingMinutes != 1 {
		t.Errorf("word_count %d reading_minutes %d", a.WordCount, a.ReadingMinutes)
	}
}

func TestFromHTMLNormalizesPersianOnly(t *testing.T) {
	norm, err := FromHTML(strings.NewReader(persianPage), "https://example.ir/news/1", Options{CapturedAt: when})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := FromHTML(strings.NewReader(persianPage), "https://example.ir/news/1", Options{CapturedAt: when, Raw: true})
	if err != nil {
		t.Fatal(err)
	}
	if raw.Normalization.Persian || raw.Normalization.Changes != 0 {
		t.Errorf("raw capture normalized: %+v", raw.Normalization)
	}
	if !strings.Contains(raw.Text, "میتواند") {
		t.Errorf("raw capture changed the text: %q", raw.Text)
	}
	if !norm.Normalization.Persian || norm.Normalization.Digits != "persian" {
		t.Errorf("normalization = %+v, want persian with persian digits", norm.Normalization)
	}
	if norm.Normalization.Changes == 0 || !strings.Contains(norm.Text, "می\u200cتواند") {
		t.Errorf("Persian text not normalized (%d changes): %q", norm.Normalization.Changes, norm.Text)
	}

	latin, _ := FromHTML(strings.NewReader(persianPage), "https://example.ir/news/1",
		Options{CapturedAt: when, Persian: persian.Options{Digits: persian.LatinDigits}})
	if latin == nil || latin.Normalization.Digits != "latin" {
		t.Errorf("digit style not recorded: %+v", latin)
	}

	const arabicPage = `<html lang="ar" dir="rtl"><head><title>مكتبة جديدة</title></head><body><article>
<p>افتتحت المكتبة العامة الجديدة في المدينة يوم الثلاثاء، وهي تضم أكثر من أربعين ألف كتاب في مبنى قديم.</p>
<p>وقال مدير المكتبات إن المكتبة ستكون مفتوحة كل يوم من الساعة الثامنة صباحا حتى الثامنة مساء.</p>
</article></body></html>`
	ar, err := FromHTML(strings.NewReader(arabicPage), "https://example.com/ar/1", Options{CapturedAt: when})
	if err != nil {
		t.Fatal(err)
	}
	if ar.Lang != "ar" || ar.Normalization.Persian || ar.Normalization.Changes != 0 {
		t.Errorf("Arabic article: lang %q, normalization %+v; want ar, untouched", ar.Lang, ar.Normalization)
	}
	if !strings.Contains(ar.Text, "الجديدة في المدينة") || !strings.Contains(ar.Title, "مكتبة") {
		t.Errorf("Arabic letters changed (ي/ك must stay): %q %q", ar.Title, ar.Text)
	}
}

func TestFromHTMLErrors(t *testing.T) {
	for _, tc := range []struct {
		name, page, url string
		opts            Options
		want            error
		wantText        string
	}{
		{"relative url", persianPage, "/news/1", Options{}, nil, "not an absolute URL"},
		{"too large", persianPage, "https://e.ir/", Options{MaxBytes: 100}, ErrTooLarge, ""},
		{"no article", `<html><body><nav><a href="/">Home</a></nav><form><input></form></body></html>`, "https://e.ir/", Options{}, ErrNoArticle, ""},
		{"empty", ``, "https://e.ir/", Options{}, ErrNoArticle, ""},
		{"only script", `<script>var a = "long long long text that is not an article at all, really";</script>`, "https://e.ir/", Options{}, ErrNoArticle, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := FromHTML(strings.NewReader(tc.page), tc.url, tc.opts)
			if err == nil {
				t.Fatalf("no error; article %+v", a)
			}
			if a != nil {
				t.Errorf("an article came with the error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if tc.wantText != "" && !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("error %q, want it to say %q", err, tc.wantText)
			}
		})
	}
}

func TestFromSelection(t *testing.T) {
	sel := `<p>فقط این بند انتخاب شده است و <a href="/x">پیوندی</a> دارد.</p><script>alert(1)</script>`
	a, err := FromSelection(strings.NewReader(persianPage), sel, "https://example.ir/news/1", Options{CapturedAt: when, Raw: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Blocks) != 1 || !strings.Contains(a.Text, "فقط این بند") || strings.Contains(a.Text, "alert") {
		t.Fatalf("selection body = %+v", a.Blocks)
	}
	if l := a.Blocks[0].Links; len(l) != 1 || l[0].Href != "https://example.ir/x" {
		t.Errorf("links = %+v", l)
	}
	if _, err := FromSelection(strings.NewReader(persianPage), "  <br> ", "https://example.ir/news/1", Options{}); !errors.Is(err, ErrNoArticle) {
		t.Errorf("empty selection: %v", err)
	}
}

func TestBaseURL(t *testing.T) {
	page := `<html><head><base href="https://cdn.example.com/a/"></head><body><article>
<p>A paragraph long enough to be the article, with <a href="b/c.html">a relative link</a> that resolves against the base element rather than the page URL.</p>
<p>A second paragraph, also long enough to count as content in any reasonable extractor, about nothing much at all really.</p>
<img src="img.png" alt="x"></article></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://example.com/page", Options{CapturedAt: when})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range a.Blocks {
		for _, l := range b.Links {
			found = true
			if l.Href != "https://cdn.example.com/a/b/c.html" {
				t.Errorf("href %q not resolved against <base>", l.Href)
			}
		}
	}
	if !found {
		t.Errorf("link lost: %+v", a.Blocks)
	}
}

// TestFromHTMLDeepNesting: x/net/html refuses nesting over 512 levels; the
// pipeline flattens the excess and still finds the article.
func TestFromHTMLDeepNesting(t *testing.T) {
	const depth = 100_000
	var b strings.Builder
	b.WriteString("<html><body><article><p>Before the deep part, a paragraph long enough to be read as the article's text, with a few more words.</p>")
	for i := 0; i < depth; i++ {
		b.WriteString("<div>")
	}
	b.WriteString("<p>The innermost paragraph, also long enough to count, sits a hundred thousand levels down.</p>")
	for i := 0; i < depth; i++ {
		b.WriteString("</div>")
	}
	b.WriteString("</article></body></html>")
	a, err := FromHTML(strings.NewReader(b.String()), "https://example.com/deep", Options{CapturedAt: when})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Before the deep part") || !strings.Contains(a.Text, "innermost paragraph") {
		t.Errorf("text = %q", a.Text)
	}
}

// A page saved to a file resolves its relative links against its
// canonical URL: a file:// base would lose its images.
func TestFileLinksResolveAgainstCanonical(t *testing.T) {
	para := "<p>The harbour master said the new lights use a fraction of the power of the old ones, and that the council will maintain them for twenty years.</p>"
	page := `<html><head><link rel="canonical" href="https://courier.example/news/lights"></head><body><article>` + para +
		`<figure><img src="/img/quay.jpg" alt="The quay"><figcaption>The quay</figcaption></figure>` + para + `<p>See <a href="../about">about us</a> for more, and the rest of the story.</p></article></body></html>`
	for _, tt := range []struct{ pageURL, img string }{
		{"file:///home/u/saved.html", "https://courier.example/img/quay.jpg"},
		{"https://mirror.example/x/y.html", "https://mirror.example/img/quay.jpg"},
	} {
		a, err := FromHTML(strings.NewReader(page), tt.pageURL, Options{CapturedAt: time.Unix(0, 0)})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, b := range a.Blocks {
			if b.Type == article.Figure {
				got = b.Src
			}
		}
		if got != tt.img {
			t.Errorf("%s: figure src %q, want %q", tt.pageURL, got, tt.img)
		}
	}
}
