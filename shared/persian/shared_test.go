package persian_test

// Tests against the team kit in ../shared (beside the repository). They are
// skipped, saying so, when it is missing.

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/persian"
	"github.com/barg-app/barg/shared/persian/internal/zwnjscore"
)

// sharedDir is ../shared seen from the repository root.
const sharedDir = "../../../shared"

func needShared(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(sharedDir); err != nil {
		t.Skip("skipped: ../shared is missing (the team kit beside the repository)")
	}
}

// TestSeedFixture normalizes the seed article's lead and paragraphs and
// checks the words its gold says normalization must restore, must remove
// and must keep.
func TestSeedFixture(t *testing.T) {
	needShared(t)
	b, err := os.ReadFile(filepath.Join(sharedDir, "fixtures/seed-alalam/expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Lead        string   `json:"lead_raw"`
		Body        []string `json:"body_raw"`
		MustContain []string `json:"normalized_must_contain"`
		MustNot     []string `json:"normalized_must_not_contain"`
		MustKeep    []string `json:"normalized_must_keep"`
		Stretch     []string `json:"normalized_stretch"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, p := range append([]string{gold.Lead}, gold.Body...) {
		out, _ := persian.Normalize(p, persian.Options{})
		parts = append(parts, out)
	}
	text := strings.Join(parts, "\n")
	for _, w := range gold.MustContain {
		if !strings.Contains(text, w) {
			t.Errorf("normalized text lacks %q", w)
		}
	}
	for _, w := range gold.MustNot {
		if strings.Contains(text, w) {
			t.Errorf("normalized text still has %q", w)
		}
	}
	for _, w := range gold.MustKeep {
		if !strings.Contains(text, w) {
			t.Errorf("normalized text lost %q", w)
		}
	}
	for _, w := range gold.Stretch {
		t.Logf("stretch %q restored: %v", w, strings.Contains(text, w))
	}
}

// TestDefuddleZWNJ checks that every ZWNJ of Defuddle's Persian page
// survives normalization of its text nodes.
func TestDefuddleZWNJ(t *testing.T) {
	needShared(t)
	f, err := os.Open(filepath.Join(sharedDir, "fixtures/defuddle/elements--farsi-zwnj.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	before, after := 0, 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			out, _ := persian.Normalize(n.Data, persian.Options{})
			before += strings.Count(n.Data, "\u200c")
			after += strings.Count(out, "\u200c")
			for _, w := range strings.Fields(n.Data) {
				if strings.Contains(w, "\u200c") && !strings.Contains(out, strings.Trim(w, "\u200c.,،:")) {
					t.Errorf("word %q did not survive: %q", w, out)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if before == 0 || after < before {
		t.Errorf("ZWNJs: %d in the page, %d after normalization", before, after)
	}
}

// TestCorpusProperties normalizes every line of the Persian corpus, as it is
// and damaged both ways, and checks idempotence and the line count.
func TestCorpusProperties(t *testing.T) {
	needShared(t)
	files, _ := filepath.Glob(filepath.Join(sharedDir, "corpus/persian/*.txt"))
	if len(files) == 0 {
		t.Fatal("no corpus files")
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{string(b), strings.ReplaceAll(string(b), "\u200c", ""), strings.ReplaceAll(string(b), "\u200c", " ")} {
			once, _ := persian.Normalize(text, persian.Options{})
			if strings.Count(once, "\n") != strings.Count(text, "\n") {
				t.Fatalf("%s: line count changed", file)
			}
			twice, n := persian.Normalize(once, persian.Options{})
			if n != 0 || twice != once {
				a, b := strings.Split(once, "\n"), strings.Split(twice, "\n")
				for i := range a {
					if a[i] != b[i] {
						t.Errorf("%s line %d: not idempotent:\n once  %q\n twice %q", filepath.Base(file), i+1, a[i], b[i])
						break
					}
				}
			}
		}
	}
}

// TestZWNJTargets scores ZWNJ restoration on the cleanest gold,
// wikipedia-fa-paragraphs.txt, with the kit's own scorer, and holds the
// figures reached (see NOTICE.persian.md and the report for the targets).
func TestZWNJTargets(t *testing.T) {
	needShared(t)
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("skipped: python3 is missing (the kit's scorer needs it)")
	}
	res, err := zwnjscore.Run(sharedDir, filepath.Join(sharedDir, "corpus/persian/wikipedia-fa-paragraphs.txt"))
	if err != nil {
		t.Fatal(err)
	}
	f := func(mode, key string) float64 { v, _ := res[mode][key].(float64); return v }
	t.Logf("joined P %.4f R %.4f F1 %.4f", f("joined", "P"), f("joined", "R"), f("joined", "F1"))
	t.Logf("spaced P %.4f R %.4f F1 %.4f", f("spaced", "P"), f("spaced", "R"), f("spaced", "F1"))
	t.Logf("clean changed %v per 10k words %.2f", res["clean"]["changed"], f("clean", "changed_per_10k_words"))
	// Floors at the figures reached, so that a regression fails.
	for _, c := range []struct {
		mode, key string
		min       float64
	}{
		{"joined", "P", 0.967}, {"joined", "F1", 0.891},
		{"spaced", "P", 0.953}, {"spaced", "F1", 0.866},
	} {
		if got := f(c.mode, c.key); got < c.min {
			t.Errorf("%s %s = %.4f, want ≥ %.3f", c.mode, c.key, got, c.min)
		}
	}
	// (the 7 changes left are spaces put after a period between two
	// words, دارد.دانمارک: visible slips of the gold)
	if got := f("clean", "changed_per_10k_words"); got > 4.1 {
		t.Errorf("clean text: %.2f boundaries changed per 10,000 words, want ≤ 4.1", got)
	}
	if fp, _ := res["clean"]["fp"].(float64); fp > 0 {
		t.Errorf("clean text: %v ZWNJs added", fp)
	}
	if fn, _ := res["clean"]["fn"].(float64); fn > 0 {
		t.Errorf("clean text: %v ZWNJs removed", fn)
	}
}
