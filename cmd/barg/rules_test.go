package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/barg-app/barg/shared/extract"
	"github.com/barg-app/barg/shared/template"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExtractRules(t *testing.T) {
	page := filepath.Join("..", "..", "testdata", "pages", "english-blog.html")
	rules := writeFile(t, "rules.json", `{"rules":[{"host":"blog.example","path":"/p/","title":"h2","remove":".post p:nth-of-type(2)","author":".nope"}]}`)
	code, lines, stderr := extractCLI(t, "", "-url", "https://www.blog.example/p/1", "-rules", rules, page)
	if code != 0 || len(lines) != 1 {
		t.Fatalf("exit %d, %d lines, stderr %s", code, len(lines), stderr)
	}
	var a struct {
		Title     string   `json:"title"`
		Authors   []string `json:"authors"`
		Text      string   `json:"text"`
		Extractor struct {
			Notes []string `json:"notes"`
		} `json:"extractor"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &a); err != nil {
		t.Fatal(err)
	}
	if a.Title != "What we write down" || strings.Contains(a.Text, "Every spring") || !strings.Contains(a.Text, "The reason is simple") {
		t.Errorf("the rule did not apply: title %q text %.200q", a.Title, a.Text)
	}
	if len(a.Extractor.Notes) != 1 || !strings.Contains(a.Extractor.Notes[0], `author ".nope" matched no text`) {
		t.Errorf("notes %q", a.Extractor.Notes)
	}
	validate(t, articleSchema(t), lines[0])

	// Another site: no rule, no note.
	code, lines, _ = extractCLI(t, "", "-url", "https://other.example/p/1", "-rules", rules, page)
	if code != 0 || strings.Contains(lines[0], `"notes"`) || !strings.Contains(lines[0], "Every spring") {
		t.Errorf("a rule applied to another host: %.300s", lines[0])
	}

	bad := writeFile(t, "bad.json", `[{"host":"blog.example","content":"div[class"}]`)
	code, _, stderr = extractCLI(t, "", "-rules", bad, page)
	if code != 1 || !strings.Contains(stderr, "content: invalid selector") || !strings.Contains(stderr, "at character 10") {
		t.Errorf("bad rules: exit %d, stderr %q", code, stderr)
	}
}

func TestExtractTemplate(t *testing.T) {
	page := filepath.Join("..", "..", "testdata", "pages", "english-blog.html")
	tmpl := writeFile(t, "t.tmpl", "{{title|slug}} {{published|date:YYYY-MM-DD}}\n")
	var out, errb bytes.Buffer
	// Two inputs: each filled template, separated by a line feed.
	code := run([]string{"extract", "-captured-at", fixedTime, "-template", tmpl, page, page}, strings.NewReader(""), &out, &errb)
	if want := "why-we-keep-paper-notebooks 2024-03-09\n\nwhy-we-keep-paper-notebooks 2024-03-09\n"; code != 0 || out.String() != want {
		t.Errorf("exit %d, output %q, want %q (%s)", code, out.String(), want, errb.String())
	}
	out.Reset()
	code = run([]string{"extract", "-captured-at", fixedTime, "-url", "https://blog.example/p/1", "-template", tmpl, page},
		strings.NewReader(""), &out, &errb)
	if code != 0 || out.String() != "why-we-keep-paper-notebooks 2024-03-09\n" {
		t.Errorf("exit %d, output %q", code, out.String())
	}

	// The default Markdown template through the CLI is the template package's output for the same article.
	md := writeFile(t, "md.tmpl", template.DefaultMarkdown)
	out.Reset()
	code = run([]string{"extract", "-captured-at", fixedTime, "-url", "https://blog.example/p/1", "-template", md, page},
		strings.NewReader(""), &out, &errb)
	f, _ := os.Open(page)
	defer f.Close()
	a, err := extract.FromHTML(f, "https://blog.example/p/1", extract.Options{CapturedAt: mustTime(t, fixedTime)})
	if err != nil || code != 0 {
		t.Fatal(err, code)
	}
	want, _ := template.Render(template.DefaultMarkdown, a.AppendJSON(nil))
	if out.String() != string(want) || !strings.HasPrefix(out.String(), "---\ntitle: \"Why We Keep Paper Notebooks\"\n") {
		t.Errorf("Markdown:\n%s\nwant\n%s", out.String(), want)
	}

	badT := writeFile(t, "bad.tmpl", "{{title|nope}}")
	errb.Reset()
	code = run([]string{"extract", "-template", badT, page}, strings.NewReader(""), &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "unknown filter") {
		t.Errorf("bad template: exit %d, %q", code, errb.String())
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}
