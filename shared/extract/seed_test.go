package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/barg-app/barg/shared/article"
)

// sharedKit is the team kit beside the project: ../shared from the root.
const sharedKit = "../../../shared"

func needShared(t *testing.T, path string) string {
	t.Helper()
	p := filepath.Join(sharedKit, path)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipped: ../shared is missing (%s not found)", p)
	}
	return p
}

// comparable removes ZWNJ and spaces, as expected.json says to, since
// Persian normalization changes both ("اروپا »" becomes "اروپا»").
func comparable(s string) string {
	s = strings.ReplaceAll(s, "\u200c", "")
	return strings.Join(strings.Fields(s), "")
}

// TestSeedAlalam checks the content rules of the seed page's gold: the 7
// body paragraphs in order, the lead (as the lead field or the first
// block), the figure with its absolute src and caption, and none of the
// boilerplate.
func TestSeedAlalam(t *testing.T) {
	dir := needShared(t, "fixtures/seed-alalam")
	page, err := os.ReadFile(filepath.Join(dir, "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		URL    string `json:"url"`
		Figure struct {
			Src     string `json:"src"`
			Caption string `json:"caption"`
		} `json:"figure"`
		Lead           string   `json:"lead_raw"`
		Body           []string `json:"body_raw"`
		MustNotContain []string `json:"must_not_contain"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	if len(gold.Body) != 7 {
		t.Fatalf("gold has %d body paragraphs, want 7", len(gold.Body))
	}
	a, err := FromHTML(strings.NewReader(string(page)), gold.URL, Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}

	// The body paragraphs, in order, each a block of its own.
	next := 0
	for _, b := range a.Blocks {
		if next < len(gold.Body) && b.Type == article.Paragraph && comparable(b.Text) == comparable(gold.Body[next]) {
			next++
		}
	}
	if next != len(gold.Body) {
		t.Errorf("found %d of the 7 body paragraphs in order; paragraph %d missing: %q\ntext:\n%s", next, next+1, gold.Body[min(next, 6)], a.Text)
	}

	// The lead: as the lead field, or as the first block.
	lead := comparable(gold.Lead)
	switch {
	case comparable(a.Lead) == lead:
	case len(a.Blocks) > 0 && comparable(a.Blocks[0].Text) == lead:
	default:
		t.Errorf("lead missing: lead field %q, first block %+v", a.Lead, a.Blocks[0])
	}

	// The figure.
	found := false
	for _, b := range a.Blocks {
		if b.Type == article.Figure && b.Src == gold.Figure.Src && comparable(b.Caption) == comparable(gold.Figure.Caption) {
			found = true
		}
	}
	if !found {
		t.Errorf("no figure block with src %q and caption %q in %+v", gold.Figure.Src, gold.Figure.Caption, a.Blocks)
	}

	// Nothing from must_not_contain, anywhere in the body.
	js, err := json.Marshal(a.Blocks)
	if err != nil {
		t.Fatal(err)
	}
	body := comparable(a.Text) + "\n" + comparable(string(js))
	for _, bad := range gold.MustNotContain {
		if strings.Contains(body, comparable(bad)) {
			t.Errorf("body holds %q", bad)
		}
	}
}
