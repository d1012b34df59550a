package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/barg-app/barg/shared/article"
)

const fixedTime = "2026-11-24T10:00:00Z"

// extractCLI runs 'barg extract' with args and returns its exit code,
// standard output lines and standard error.
func extractCLI(t *testing.T, stdin string, args ...string) (int, []string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"extract", "-captured-at", fixedTime}, args...), strings.NewReader(stdin), &out, &errb)
	var lines []string
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return code, lines, errb.String()
}

func articleSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(article.SchemaJSON))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("barg.article.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("barg.article.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validate checks one line of output against the article JSON Schema.
func validate(t *testing.T, s *jsonschema.Schema, line string) map[string]any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
	if err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, line)
	}
	if err := s.Validate(v); err != nil {
		t.Fatalf("output does not match the schema: %v\n%s", err, line)
	}
	return v.(map[string]any)
}

// TestExtractOutputsMatchSchema validates real outputs, on the project's own
// pages and, when the team kit is there, on its Persian fixture and a sample
// of the evaluation pages.
func TestExtractOutputsMatchSchema(t *testing.T) {
	s := articleSchema(t)
	inputs, _ := filepath.Glob("../../testdata/pages/*.html")
	if _, err := os.Stat("../../../shared"); err == nil {
		inputs = append(inputs, "../../../shared/fixtures/seed-alalam/page.html",
			"../../../shared/fixtures/defuddle/elements--farsi-zwnj.html")
		more, _ := filepath.Glob("../../../shared/eval/readability-test-pages/*/source.html")
		if len(more) > 40 {
			more = more[:40]
		}
		inputs = append(inputs, more...)
	} else {
		t.Log("../shared is missing: validating the project's own pages only")
	}
	validated := 0
	for _, in := range inputs {
		_, lines, _ := extractCLI(t, "", in)
		if len(lines) != 1 {
			t.Fatalf("%s: %d output lines, want 1", in, len(lines))
		}
		if strings.Contains(lines[0], `"error":`) && !strings.Contains(lines[0], `"schema":`) {
			continue // a page without an article; checked elsewhere
		}
		validate(t, s, lines[0])
		validated++
	}
	if validated < len(inputs)/2 {
		t.Errorf("only %d of %d pages gave an article", validated, len(inputs))
	}
}

func TestExtractSeveralInputsOneLineEach(t *testing.T) {
	code, lines, _ := extractCLI(t, "", "../../testdata/pages/persian-news.html", "../../testdata/pages/missing.html",
		"../../testdata/pages/no-article.html", "../../testdata/pages/english-blog.html")
	if code == 0 {
		t.Error("exit status 0 although two inputs failed")
	}
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	for i, want := range []string{"persian-news", "missing", "no-article", "english-blog"} {
		var v map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &v); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		failed := i == 1 || i == 2
		if _, hasErr := v["error"]; hasErr != failed {
			t.Errorf("line %d (%s): error present = %v, want %v: %s", i, want, hasErr, failed, lines[i])
		}
		if s, _ := v["input"].(string); failed && !strings.Contains(s, want) {
			t.Errorf("line %d: input = %v, want it to name %s", i, v["input"], want)
		}
		if s, _ := v["url"].(string); !failed && !strings.Contains(s, want) {
			t.Errorf("line %d: url = %v, want the %s file", i, v["url"], want)
		}
	}
	if !strings.Contains(lines[2], "no article") {
		t.Errorf("no-article page: %s", lines[2])
	}
}

func TestExtractStdinPrettyAndURL(t *testing.T) {
	page, err := os.ReadFile("../../testdata/pages/english-blog.html")
	if err != nil {
		t.Fatal(err)
	}
	code, lines, stderr := extractCLI(t, string(page), "-pretty", "-url", "https://margin.example.com/notebooks", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if len(lines) < 10 || lines[0] != "{" {
		t.Fatalf("-pretty did not indent: %q", lines[:min(3, len(lines))])
	}
	var a article.Article
	if err := json.Unmarshal([]byte(strings.Join(lines, "\n")), &a); err != nil {
		t.Fatal(err)
	}
	if a.URL != "https://margin.example.com/notebooks" || a.CapturedAt != fixedTime {
		t.Errorf("url %q captured_at %q", a.URL, a.CapturedAt)
	}
	for _, b := range a.Blocks {
		for _, l := range b.Links {
			if !strings.HasPrefix(l.Href, "https://margin.example.com/") {
				t.Errorf("link not resolved against -url: %q", l.Href)
			}
		}
	}
}

// legacyPersianPage is the Persian test page as windows-1256 can hold it:
// that code page has no Persian yeh and no Persian digits, so pages written in
// it use the Arabic yeh and Latin digits.
func legacyPersianPage(t *testing.T) []byte {
	t.Helper()
	page, err := os.ReadFile("../../testdata/pages/persian-news.html")
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.NewReplacer("ی", "ي", "۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4",
		"۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9").Replace(string(page)))
}

func TestExtractFetchesURL(t *testing.T) {
	page := legacyPersianPage(t)
	win1256, err := charmap.Windows1256.NewEncoder().Bytes(bytes.Replace(page, []byte(`<meta charset="utf-8">`), nil, 1))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/utf8":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		case "/arabic":
			w.Header().Set("Content-Type", "text/html; charset=windows-1256")
			w.Write(win1256)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	code, lines, _ := extractCLI(t, "", srv.URL+"/utf8", srv.URL+"/arabic", srv.URL+"/gone")
	if code == 0 || len(lines) != 3 {
		t.Fatalf("exit %d, %d lines", code, len(lines))
	}
	var a, b article.Article
	json.Unmarshal([]byte(lines[0]), &a)
	json.Unmarshal([]byte(lines[1]), &b)
	if a.Text == "" || a.Text != b.Text || a.Title != b.Title {
		t.Errorf("windows-1256 over HTTP differs from UTF-8:\n%q\n%q", a.Text, b.Text)
	}
	if !strings.Contains(lines[2], "404") {
		t.Errorf("missing page: %s", lines[2])
	}
}

// TestExtractCharsets decodes the same Persian page saved as UTF-8,
// windows-1256 (declared in <meta>) and UTF-16 (with a BOM): all three must
// give the same article.
func TestExtractCharsets(t *testing.T) {
	page := legacyPersianPage(t)
	dir := t.TempDir()
	arabic, err := charmap.Windows1256.NewEncoder().Bytes(bytes.Replace(page,
		[]byte(`<meta charset="utf-8">`), []byte(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`), 1))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(bytes.Replace(page, []byte(`<meta charset="utf-8">`), nil, 1))
	if err != nil {
		t.Fatal(err)
	}
	utf16NoBOM, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes(bytes.Replace(page, []byte(`<meta charset="utf-8">`), nil, 1))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"utf8.html": page, "cp1256.html": arabic, "utf16.html": utf16, "utf16be-nobom.html": utf16NoBOM}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var texts []string
	for _, name := range []string{"utf8.html", "cp1256.html", "utf16.html", "utf16be-nobom.html"} {
		code, lines, stderr := extractCLI(t, "", "-url", "https://news.example.ir/culture/1402", filepath.Join(dir, name))
		if code != 0 {
			t.Fatalf("%s: exit %d %s %v", name, code, stderr, lines)
		}
		var a article.Article
		if err := json.Unmarshal([]byte(lines[0]), &a); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Text, "کتابخانه") {
			t.Errorf("%s: Persian text not decoded: %.200q", name, a.Text)
		}
		texts = append(texts, a.Title+"\n"+a.Text)
	}
	for i, name := range []string{"cp1256", "utf16", "utf16be-nobom"} {
		if texts[i+1] != texts[0] {
			t.Errorf("%s differs from utf8:\nutf8 %.300q\n%s %.300q", name, texts[0], name, texts[i+1])
		}
	}
}

// TestExtractRefusesBinary feeds 1 MB of random bytes and a text without
// markup: each is refused with a clear error and a non-zero exit status,
// and the page after them is still extracted.
func TestExtractRefusesBinary(t *testing.T) {
	dir := t.TempDir()
	random := make([]byte, 1<<20)
	rnd := rand.New(rand.NewPCG(5, 6))
	for i := range random {
		random[i] = byte(rnd.Uint32())
	}
	files := map[string][]byte{
		"random.bin": random,
		"notes.txt":  []byte("Shopping list: bread, milk, tea."),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, lines, _ := extractCLI(t, "", filepath.Join(dir, "random.bin"), filepath.Join(dir, "notes.txt"), "../../testdata/pages/persian-news.html")
	if code == 0 || len(lines) != 3 {
		t.Fatalf("exit %d, %d lines", code, len(lines))
	}
	for i, why := range []string{"binary data", "no HTML markup"} {
		var e struct{ Input, Error string }
		if err := json.Unmarshal([]byte(lines[i]), &e); err != nil || !strings.Contains(e.Error, "not an HTML page: "+why) {
			t.Errorf("line %d: %.300s (err %v), want an error saying %q", i, lines[i], err, why)
		}
	}
	var a article.Article
	if err := json.Unmarshal([]byte(lines[2]), &a); err != nil || a.Text == "" {
		t.Errorf("the page after them: %.200s", lines[2])
	}
}

func TestExtractTooLarge(t *testing.T) {
	big := "<html><body><p>" + strings.Repeat("word ", 300_000) + "</p></body></html>"
	code, lines, _ := extractCLI(t, big, "-max-mb", "1", "-")
	if code == 0 || len(lines) != 1 || !strings.Contains(lines[0], "too large") {
		t.Errorf("exit %d, output %.200q", code, lines)
	}
}

// TestExtractTimeout: a page that keeps the HTML parser busy (every <p>
// inside 500 open spans looks through all of them) ends with "the page took
// too long" within its bound, and the inputs after it still come out.
func TestExtractTimeout(t *testing.T) {
	slow := "<html><head><title>Slow</title></head><body>" + strings.Repeat("<span>", 500) +
		strings.Repeat("<p>", 400_000) + "<p>The article, at last, with commas, clauses, and words.</p></body></html>"
	start := time.Now()
	code, lines, _ := extractCLI(t, slow, "-extract-timeout", "100ms", "-", "../../testdata/pages/persian-news.html")
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v with a 100 ms bound", took)
	}
	if code == 0 || len(lines) != 2 || !strings.Contains(lines[0], "took too long") {
		t.Fatalf("exit %d, output %.300q", code, lines)
	}
	var a article.Article
	if err := json.Unmarshal([]byte(lines[1]), &a); err != nil || a.Text == "" {
		t.Errorf("the page after it: %.200s", lines[1])
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"bogus"}, {"extract"}, {"extract", "-nope", "x"}} {
		var out, errb bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errb); code != 2 {
			t.Errorf("barg %q: exit %d, want 2", args, code)
		}
		if errb.Len() == 0 {
			t.Errorf("barg %q: no usage message", args)
		}
	}
}
