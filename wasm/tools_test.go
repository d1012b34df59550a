package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestRunWithRules(t *testing.T) {
	page, err := os.ReadFile("../e2e/testdata/fa-article.html")
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://fa.example/story"
	opts, _ := json.Marshal(map[string]string{"rules": `[{"host":"fa.example","title":"p","author":".nope"}]`})
	out, err := run(string(page), url, string(opts), nil)
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Title     string `json:"title"`
		Extractor struct {
			Notes []string `json:"notes"`
		} `json:"extractor"`
	}
	if err := json.Unmarshal(out, &a); err != nil {
		t.Fatal(err)
	}
	if a.Title == "باغ‌های شهر در پاییز" || len(a.Extractor.Notes) != 1 || !strings.Contains(a.Extractor.Notes[0], `author ".nope"`) {
		t.Errorf("title %q notes %q", a.Title, a.Extractor.Notes)
	}

	// Rules that do not read: the capture still works, and says why.
	opts, _ = json.Marshal(map[string]string{"rules": `[{"host":"fa.example","title":"p["}]`})
	out, err = run(string(page), url, string(opts), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &a); err != nil {
		t.Fatal(err)
	}
	if a.Title != "باغ‌های شهر در پاییز" || len(a.Extractor.Notes) != 1 || !strings.Contains(a.Extractor.Notes[0], "site rules not applied") {
		t.Errorf("bad rules: title %q notes %q", a.Title, a.Extractor.Notes)
	}
}

func TestToolsAnswers(t *testing.T) {
	var c ruleCheck
	if err := json.Unmarshal(checkRules(`[{"host":"a.example","content":"p"},{"host":"b.example","remove":"div[x"}]`), &c); err != nil {
		t.Fatal(err)
	}
	if c.OK || c.Rule != 1 || c.Field != "remove" || c.Pos != 6 || !strings.Contains(c.Error, "rule 2") {
		t.Errorf("checkRules = %+v", c)
	}
	page, _ := os.ReadFile("../e2e/testdata/fa-article.html")
	out, err := testRule(string(page), "https://www.fa.example/x", `[{"host":"fa.example","content":"p","title":"h9"}]`)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Matched bool           `json:"matched"`
		Counts  map[string]int `json:"counts"`
		Article struct {
			Extractor struct{ Notes []string } `json:"extractor"`
		} `json:"article"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatal(err)
	}
	if !r.Matched || r.Counts["content"] == 0 || r.Counts["title"] != 0 || len(r.Article.Extractor.Notes) != 1 {
		t.Errorf("testRule = %s", out)
	}
	if msg := checkTemplate(`{"t": "{{title}}"}`, "payload"); !strings.Contains(msg, "not valid JSON") {
		t.Errorf("checkTemplate accepted a payload that is not JSON: %q", msg)
	}
	if msg := checkTemplate(`{{title}}`, "markdown"); msg != "" {
		t.Errorf("checkTemplate = %q", msg)
	}
	got, err := render("{\"t\": {{title|json}}}\n", `{"title":"a\"b"}`, "payload")
	if err != nil || string(got) != `{"t":"a\"b"}` {
		t.Errorf("render payload = %s %v", got, err)
	}
}
