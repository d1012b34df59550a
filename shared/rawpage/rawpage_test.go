package rawpage

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/barg-app/barg/shared/extract"
)

// TestExtract reads one article saved in several encodings, declared in
// several ways: every one gives the same text.
func TestExtract(t *testing.T) {
	body := strings.Repeat("<p>کتابخانه ملی ایران امروز میزبان نمایشگاهی از نسخه‌های خطی بود که بازدیدکنندگان بسیاری داشت.</p>\n", 6)
	legacy := strings.NewReplacer("ی", "ي", "ک", "ك", "\u200c", " ").Replace(body) // what windows-1256 holds
	scripts := "<script>" + strings.Repeat("var pad = 1;\n", 200) + "</script>"
	page := func(head, body string) string {
		return "<!DOCTYPE html><html lang=fa><head>" + head + "<title>نمايشگاه</title></head><body><article>" + body + "</article></body></html>"
	}
	cp1256 := func(s string) []byte {
		b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(page("", legacy)))
	if err != nil {
		t.Fatal(err)
	}
	inputs := []struct {
		name, contentType string
		page              []byte
	}{
		{"utf-8 declaring nothing", "", []byte(page("", legacy))},
		{"utf-8 meta after scripts", "", []byte(page(scripts+`<meta charset="utf-8">`, legacy))},
		{"windows-1256 meta after scripts", "", cp1256(page(scripts+`<meta charset="windows-1256">`, legacy))},
		{"windows-1256 by HTTP", "text/html; charset=windows-1256", cp1256(page("", legacy))},
		{"utf-16 without BOM", "", utf16},
	}
	var first string
	for i, in := range inputs {
		a, err := Extract(in.page, in.contentType, "https://news.example.ir/a/1", extract.Options{CapturedAt: time.Unix(0, 0), Raw: true})
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		if !strings.Contains(a.Text, "كتابخانه ملي ايران") {
			t.Errorf("%s: text not decoded: %.120q", in.name, a.Text)
		}
		if i == 0 {
			first = a.Text
		} else if a.Text != first {
			t.Errorf("%s: text differs from UTF-8's:\n%.200q\n%.200q", in.name, a.Text, first)
		}
	}
}

func TestExtractRefuses(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 1<<20)
	for i := range random {
		random[i] = byte(rnd.Uint32())
	}
	if _, err := Extract(random, "", "https://example.com/x", extract.Options{}); !errors.Is(err, ErrNotText) {
		t.Errorf("random bytes: %v, want ErrNotText", err)
	}
	if _, err := Extract(random, "", "https://example.com/x", extract.Options{MaxBytes: 1000}); !errors.Is(err, extract.ErrTooLarge) {
		t.Errorf("over the limit: %v, want extract.ErrTooLarge", err)
	}
}
