package charset

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// encode returns s in enc, failing the test if it cannot be.
func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	const persian = "کتاب‌خانهٔ ملی"    // ZWNJ and hamza: UTF-8 and UTF-16 only
	const arabic = "كتابخانه ملي ايران" // what windows-1256 can hold
	const french = "Le café où l’été"
	scripts := "<script>" + strings.Repeat("var x = 'padding before the declaration';\n", 60) + "</script>\n"
	if len(scripts) < 2048 {
		t.Fatal("scripts too short")
	}
	page := func(head, body string) string {
		return "<!DOCTYPE html><html><head>" + head + "<title>t</title></head><body><p>" + body + "</p></body></html>"
	}
	w1256 := charmap.Windows1256
	w1252 := charmap.Windows1252
	le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	be := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	tests := []struct {
		name        string
		in          []byte
		contentType string
		want        string // the encoding chosen
		text        string // a string the decoded page holds
	}{
		{"utf-8 BOM", append([]byte("\xef\xbb\xbf"), page("", persian)...), "", "utf-8", "<!DOCTYPE html><html>"},
		{"utf-8 BOM beats HTTP", append([]byte("\xef\xbb\xbf"), page("", persian)...), "text/html; charset=windows-1256", "utf-8", persian},
		{"utf-16le BOM", append([]byte("\xff\xfe"), encode(t, le, page("", persian))...), "", "utf-16le", persian},
		{"utf-16be BOM", append([]byte("\xfe\xff"), encode(t, be, page("", persian))...), "", "utf-16be", persian},
		{"utf-16le without BOM", encode(t, le, page("", persian)), "", "utf-16le", persian},
		{"utf-16be without BOM", encode(t, be, page("", persian)), "", "utf-16be", persian},
		{"HTTP windows-1256", encode(t, w1256, page("", arabic)), "text/html; charset=windows-1256", "windows-1256", arabic},
		{"HTTP label quoted and cased", encode(t, w1256, page("", arabic)), `text/html; Charset="CP1256"`, "windows-1256", arabic},
		{"HTTP beats meta", encode(t, w1256, page(`<meta charset="windows-1252">`, arabic)), "text/html; charset=windows-1256", "windows-1256", arabic},
		{"HTTP without charset falls to meta", encode(t, w1256, page(`<meta charset="windows-1256">`, arabic)), "text/html", "windows-1256", arabic},
		{"HTTP unknown label falls to meta", encode(t, w1256, page(`<meta charset="windows-1256">`, arabic)), "text/html; charset=no-such", "windows-1256", arabic},
		{"meta charset", encode(t, w1256, page(`<meta charset="windows-1256">`, arabic)), "", "windows-1256", arabic},
		{"meta http-equiv", encode(t, w1256, page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`, arabic)), "", "windows-1256", arabic},
		{"meta http-equiv quoted charset", encode(t, w1256, page(`<META HTTP-EQUIV=content-type CONTENT="text/html;charset='windows-1256'">`, arabic)), "", "windows-1256", arabic},
		{"meta after 2 KB of scripts", encode(t, w1256, page(scripts+`<meta charset="windows-1256">`, arabic)), "", "windows-1256", arabic},
		{"utf-8 meta after 2 KB of scripts", []byte(page(scripts+`<meta charset="utf-8">`, persian)), "", "utf-8", persian},
		{"utf-8 declaring nothing", []byte(page("", persian)), "", "utf-8", persian},
		{"utf-8 declaring nothing, French", []byte(page("", french)), "", "utf-8", french},
		{"windows-1252 declaring nothing", encode(t, w1252, page("", french)), "", "windows-1252", french},
		{"windows-1252 declared", encode(t, w1252, page(`<meta charset="iso-8859-1">`, french)), "", "windows-1252", french},
		{"utf-8 mislabelled iso-8859-1", []byte(page(`<meta charset="iso-8859-1">`, french)), "", "utf-8", french},
		{"utf-8 mislabelled by HTTP", []byte(page("", french)), "text/html; charset=ISO-8859-1", "utf-8", french},
		{"a charset in a script is no declaration", encode(t, w1252, page(`<script>var s = '<meta charset="windows-1256">';</script>`, french)), "", "windows-1252", french},
		{"a meta in the body is no declaration", encode(t, w1252, "<html><head><title>t</title></head><body><meta charset=windows-1256><p>"+french+"</p></body></html>"), "", "windows-1252", french},
		{"meta utf-16 read as utf-8", []byte(page(`<meta charset="utf-16">`, persian)), "", "utf-8", persian},
		{"ascii page", []byte(page(`<meta charset="windows-1256">`, "plain")), "", "utf-8", "plain"},
		{"invalid utf-8 bytes replaced", []byte(page(`<meta charset="utf-8">`, persian+"\xff\xfe")), "", "utf-8", persian + "\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, name, err := Decode(tt.in, tt.contentType)
			if err != nil {
				t.Fatalf("error %v", err)
			}
			if name != tt.want {
				t.Errorf("encoding %s, want %s", name, tt.want)
			}
			if !bytes.Contains(out, []byte(tt.text)) {
				t.Errorf("decoded page lacks %q: %.300q", tt.text, out)
			}
			if bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
				t.Error("BOM kept")
			}
		})
	}
}

func TestDecodeRefusesNonText(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 1<<20)
	for i := range random {
		random[i] = byte(rnd.Uint32())
	}
	tests := []struct {
		name string
		in   []byte
		why  string
	}{
		{"1 MB of random bytes", random, "binary"},
		{"random bytes after a doctype", append([]byte("<!DOCTYPE html><html><body>"), random[:4096]...), "binary"},
		{"NULs in a page", []byte("<html><body><p>" + strings.Repeat("ab\x00\x00", 100) + "</p></body></html>"), "binary"},
		{"plain text", []byte("Just a line of text, no markup at all."), "no HTML markup"},
		{"empty", nil, "no HTML markup"},
		{"a lone less-than", []byte("if a < b then 3 < 4"), "no HTML markup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode(tt.in, "")
			if !errors.Is(err, ErrNotText) {
				t.Fatalf("error %v, want ErrNotText", err)
			}
			if !strings.Contains(err.Error(), tt.why) {
				t.Errorf("error %q does not say %q", err, tt.why)
			}
		})
	}
}

// TestDecodeAcceptsRealPages keeps the text check from refusing pages
// with a few control characters or one stray NUL, as real pages have.
func TestDecodeAcceptsRealPages(t *testing.T) {
	body := strings.Repeat("A sentence of an article. ", 20)
	for _, in := range []string{
		"<p>" + body + "\x00" + body + "</p>",
		"<p>" + body + "\x0b\x1b" + body + "</p>",
		"<P>short",
	} {
		if _, _, err := Decode([]byte(in), ""); err != nil {
			t.Errorf("%.40q: %v", in, err)
		}
	}
}

func TestCharsetFromContent(t *testing.T) {
	for in, want := range map[string]string{
		"text/html; charset=windows-1256":    "windows-1256",
		"text/html;charset=\"utf-8\"":        "utf-8",
		"text/html; CHARSET = 'koi8-r' ; x":  "koi8-r",
		"text/html; charsetx=1; charset=gbk": "gbk",
		"text/html":                          "",
		"text/html; charset=":                "",
		"text/html; charset=\"unclosed":      "",
	} {
		if got := charsetFromContent(in); got != want {
			t.Errorf("charsetFromContent(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("<html><head><meta charset=windows-1256></head><body>\xc7\xe1</body></html>"), "")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "text/html; charset=utf-8")
	f.Add([]byte("<p>caf\xe9</p>"), "text/html; charset=iso-8859-1")
	f.Fuzz(func(t *testing.T, in []byte, contentType string) {
		out, _, err := Decode(in, contentType)
		if err != nil {
			if !errors.Is(err, ErrNotText) {
				t.Fatalf("error %v does not match ErrNotText", err)
			}
			return
		}
		if !bytes.ContainsRune(out, '<') {
			t.Fatalf("accepted without markup: %q", out)
		}
	})
}
