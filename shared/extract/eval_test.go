package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/barg-app/barg/internal/articleeval"
)

// The evaluation sets of the team kit, scored with the metric of
// ../shared/tools/article_score.py (internal/articleeval, which
// bench/cmd/compare uses too). These tests hold the targets of issue 2;
// the peers' figures come from bench/cmd/compare.

func TestEvalScrapinghub(t *testing.T) {
	pages, err := articleeval.Scrapinghub(needShared(t, "eval/scrapinghub-dev"))
	if err != nil {
		t.Fatal(err)
	}
	f1, p, r := evaluate(t, pages)
	t.Logf("scrapinghub-dev: %d pages, F1 %.3f P %.3f R %.3f", len(pages), f1, p, r)
	if f1 < 0.97 {
		t.Errorf("F1 %.3f, target 0.97", f1)
	}
}

func TestEvalReadabilityPages(t *testing.T) {
	pages, err := articleeval.ReadabilityPages(needShared(t, "eval/readability-test-pages"))
	if err != nil {
		t.Fatal(err)
	}
	f1, p, r := evaluate(t, pages)
	t.Logf("readability-test-pages: %d pages, F1 %.3f P %.3f R %.3f", len(pages), f1, p, r)
	if f1 < 0.95 {
		t.Errorf("F1 %.3f, target 0.95", f1)
	}
}

// evaluate extracts every page and returns corpus F1, precision and recall.
func evaluate(t *testing.T, pages []articleeval.Page) (f1, precision, recall float64) {
	if len(pages) == 0 {
		t.Fatal("no pages")
	}
	cs := make([]articleeval.Counts, 0, len(pages))
	for _, pg := range pages {
		if !utf8.ValidString(pg.HTML) {
			t.Fatalf("%s: not UTF-8", pg.ID)
		}
		pred := ""
		if a, err := FromHTML(strings.NewReader(pg.HTML), pg.URL, Options{CapturedAt: time.Unix(0, 0)}); err == nil {
			pred = a.Text
		}
		cs = append(cs, articleeval.Score(pg.Truth, pred))
	}
	return articleeval.Corpus(cs)
}
