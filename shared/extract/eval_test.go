package extract_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/barg-app/barg/internal/articleeval"
	"github.com/barg-app/barg/shared/extract"
	"github.com/barg-app/barg/shared/rawpage"
)

// The evaluation sets of the team kit, read as raw bytes through
// rawpage.Extract (the CLI's path; an external test package, since
// rawpage imports extract), scored with the metric of
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

func TestEvalDragnet(t *testing.T) {
	if testing.Short() {
		t.Skip("691 pages; skipped with -short")
	}
	pages, err := articleeval.Dragnet(needShared(t, "eval/dragnet-dev"))
	if err != nil {
		t.Fatal(err)
	}
	f1, p, r := evaluate(t, pages)
	t.Logf("dragnet-dev: %d pages, F1 %.3f P %.3f R %.3f", len(pages), f1, p, r)
	if f1 < 0.87 {
		t.Errorf("F1 %.3f, below 0.87 (0.882 measured when the set was added)", f1)
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
		pred := ""
		// Raw bytes through rawpage.Extract, as the CLI reads a page.
		if a, err := rawpage.Extract(pg.Raw, pg.ContentType, pg.URL, extract.Options{CapturedAt: time.Unix(0, 0)}); err == nil {
			pred = a.Text
		}
		cs = append(cs, articleeval.Score(pg.Truth, pred))
	}
	return articleeval.Corpus(cs)
}

// needShared returns the team kit's path rel, or skips the test when the
// kit is absent (a user's clone has none).
func needShared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipped: ../shared is missing (%s not found)", p)
	}
	return p
}
