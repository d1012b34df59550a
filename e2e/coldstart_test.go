package e2e

import (
	"io/fs"
	"path/filepath"
	"testing"
	"time"
)

// codeCacheBytes is the size of the profile's wasm code cache: what
// Chromium's code cache keeps of V8's compiled WebAssembly
// (<profile>/Default/Code Cache/wasm).
func codeCacheBytes(profile string) int64 {
	var n int64
	_ = filepath.WalkDir(filepath.Join(profile, "Default", "Code Cache", "wasm"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// primeState is what the background's priming did (extension/background/prime.js).
type primeState struct {
	State  string  `json:"state"`
	Reason string  `json:"reason"`
	Runs   int     `json:"runs"`
	MS     float64 `json:"ms"`
}

// waitPrimed waits for the priming that the install started and returns
// what it did.
func waitPrimed(t testing.TB, br *browser) primeState {
	t.Helper()
	var st primeState
	br.EvalBackground(t, `barg.primed()`, &st)
	return st
}

// waitCodeCache waits until the profile's wasm code cache holds at least
// min bytes, and returns its size; 0 when it did not within wait.
func waitCodeCache(profile string, min int64, wait time.Duration) int64 {
	deadline := time.Now().Add(wait)
	for {
		n := codeCacheBytes(profile)
		if n >= min {
			return n
		}
		if time.Now().After(deadline) {
			return 0
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestPrimingFillsCodeCache checks that the priming run on install
// (extension/background/prime.js) makes V8 write its compiled code of the
// module to Chromium's code cache, and that the background then starts and
// captures with the module compiled by streaming from the package.
func TestPrimingFillsCodeCache(t *testing.T) {
	br := launch(t, "")
	before := codeCacheBytes(br.Profile)
	st := waitPrimed(t, br)
	if st.State != "done" || st.Runs == 0 {
		t.Fatalf("priming: %+v; want done", st)
	}
	n := waitCodeCache(br.Profile, 1<<20, 30*time.Second)
	t.Logf("priming: %d extractions in %.0f ms; wasm code cache %d B before, %d B after", st.Runs, st.MS, before, n)
	if n == 0 {
		t.Fatalf("the wasm code cache holds %d B 30 s after priming; want ≥ 1 MB", codeCacheBytes(br.Profile))
	}
	br.StopWorker(t)
	br.StartWorker(t)
	br.waitBackground(t)
	var eng struct {
		Source    string  `json:"source"`
		Lexicon   string  `json:"lexicon"`
		CompileMS float64 `json:"compile_ms"`
	}
	br.EvalBackground(t, `barg.engine`, &eng)
	t.Logf("start after priming: %+v", eng)
	if eng.Source != "streaming" || eng.Lexicon != "loaded" {
		t.Fatalf("start after priming: module compiled from %q, lexicon %q; want streaming and loaded", eng.Source, eng.Lexicon)
	}
	srv := servePages(t, map[string]string{"/long.html": latencyPage()})
	tb := br.OpenTab(t, srv.URL+"/long.html")
	n0 := br.CaptureCount(t)
	br.ClickAction(t, tb)
	res := br.WaitCapture(t, n0+1)
	if !res.OK || res.Words < 3000 || res.Lang != "fa" {
		t.Fatalf("capture after priming: ok=%v words=%d lang=%q error=%q", res.OK, res.Words, res.Lang, res.Error)
	}
}
