package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	page, err := os.ReadFile("../e2e/testdata/fa-article.html")
	if err != nil {
		t.Fatal(err)
	}
	type art struct {
		Title         string                  `json:"title"`
		CapturedAt    string                  `json:"captured_at"`
		Text          string                  `json:"text"`
		Blocks        []struct{ Text string } `json:"blocks"`
		Normalization struct {
			Persian bool   `json:"persian"`
			Digits  string `json:"digits"`
		} `json:"normalization"`
	}
	tests := []struct {
		name, opts string
		check      func(t *testing.T, a art)
	}{
		{"defaults", ``, func(t *testing.T, a art) {
			if a.Title != "باغ‌های شهر در پاییز" || !a.Normalization.Persian {
				t.Errorf("title %q, normalization %+v", a.Title, a.Normalization)
			}
		}},
		{"raw", `{"raw":true}`, func(t *testing.T, a art) {
			if a.Normalization.Persian {
				t.Error("raw extraction was normalized")
			}
		}},
		{"latin digits and capture time", `{"latin_digits":true,"captured_at":"2026-11-24T03:00:00Z"}`, func(t *testing.T, a art) {
			if a.CapturedAt != "2026-11-24T03:00:00Z" {
				t.Errorf("captured_at = %q", a.CapturedAt)
			}
			if a.Normalization.Persian && a.Normalization.Digits != "latin" {
				t.Errorf("digits = %q", a.Normalization.Digits)
			}
		}},
		{"selection", `{"selection":"<p>یکی از باغبانان می‌گوید: «درخت هم مثل آدم است.»</p>"}`, func(t *testing.T, a art) {
			if len(a.Blocks) != 1 || !strings.Contains(a.Text, "باغبانان") || a.Title != "باغ‌های شهر در پاییز" {
				t.Errorf("selection: title %q blocks %+v", a.Title, a.Blocks)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := run(string(page), "http://127.0.0.1/fa-article.html", tt.opts, nil)
			if err != nil {
				t.Fatal(err)
			}
			var a art
			if err := json.Unmarshal(out, &a); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			tt.check(t, a)
		})
	}
}

func TestRunErrorCodes(t *testing.T) {
	tests := []struct{ page, url, opts, code string }{
		{"<html><body><h1>x</h1></body></html>", "http://x/", "", "no_article"},
		{"<html><body><p>text</p></body></html>", "http://x/", `{"selection":"   "}`, "no_article"},
		{"<p>x</p>", "http://x/", `{"raw":1}`, "bad_options"},
		{"<p>x</p>", "http://x/", `{"captured_at":"yesterday"}`, "bad_options"},
		{"<p>x</p>", "not a url", "", "extract"},
		{"<p>x</p>", "http://x/", `{"timeout_ms":"soon"}`, "bad_options"},
		{"<p>x</p>", "http://x/", `{"timeout_ms":-1}`, "bad_options"},
		// 400 open spans and a million end tags that match nothing: slow
		// to parse (about 10 s natively), stopped by the bound.
		{"<body>" + strings.Repeat("<span>", 400) + strings.Repeat("</x>", 1<<20) + "<p>x</p>", "http://x/", `{"timeout_ms":200}`, "timeout"},
	}
	for _, tt := range tests {
		_, err := run(tt.page, tt.url, tt.opts, nil)
		if err == nil {
			t.Errorf("run(%q, %q, %q) succeeded", tt.page, tt.url, tt.opts)
			continue
		}
		if got := errorCode(err); got != tt.code {
			t.Errorf("run(%q, %q, %q): code %q (%v), want %q", tt.page, tt.url, tt.opts, got, err, tt.code)
		}
	}
}
