package articleeval

import (
	"strconv"
	"testing"
)

// TestPartIsStable pins the split: a page must never move between the
// tune and confirm parts, or results tuned on one would leak into the
// other. The expected parts are FNV-1a parities computed independently.
func TestPartIsStable(t *testing.T) {
	for id, want := range map[string]string{"100": Tune, "R424": Confirm, "aclu": Tune, "0a1b": Confirm} {
		if got := Part(id); got != want {
			t.Errorf("Part(%q) = %s, want %s", id, got, want)
		}
	}
}

func TestSelectSplitsInHalves(t *testing.T) {
	var pages []Page
	for i := range 1000 {
		pages = append(pages, Page{ID: strconv.Itoa(i)})
	}
	tune, err := Select(pages, Tune)
	if err != nil {
		t.Fatal(err)
	}
	confirm, _ := Select(pages, Confirm)
	all, _ := Select(pages, All)
	if len(tune)+len(confirm) != len(pages) || len(all) != len(pages) {
		t.Fatalf("tune %d + confirm %d != %d", len(tune), len(confirm), len(pages))
	}
	if len(tune) < 400 || len(confirm) < 400 {
		t.Errorf("unbalanced split: tune %d, confirm %d", len(tune), len(confirm))
	}
	seen := map[string]bool{}
	for _, p := range tune {
		seen[p.ID] = true
	}
	for _, p := range confirm {
		if seen[p.ID] {
			t.Errorf("%s in both parts", p.ID)
		}
	}
	if _, err := Select(pages, "half"); err == nil {
		t.Error("unknown part accepted")
	}
}
