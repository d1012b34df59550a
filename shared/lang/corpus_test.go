package lang

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDetectPersianCorpus runs Detect over every line of the team's Persian
// corpus (Wikipedia, a treebank, human-translated news) of 40 letters or more.
func TestDetectPersianCorpus(t *testing.T) {
	dir := "../../../shared/corpus/persian"
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("skipped: ../shared is missing (%s not found)", dir)
	}
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "LICENSE") {
			continue
		}
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		n, fa := 0, 0
		other := map[string]int{}
		for sc.Scan() {
			line := sc.Text()
			if Measure(line).Letters < 40 {
				continue
			}
			n++
			if l := Detect(line); l == "fa" {
				fa++
			} else {
				other[l]++
				t.Logf("not Persian (%q): %.80s", l, line)
			}
		}
		fh.Close()
		rate := float64(fa) / float64(n)
		t.Logf("%s: %d/%d lines = %.2f%% Persian; others %v", filepath.Base(f), fa, n, 100*rate, other)
		if rate < 0.99 {
			t.Errorf("%s: %.2f%% of lines detected as Persian, want ≥ 99%%", filepath.Base(f), 100*rate)
		}
	}
}
