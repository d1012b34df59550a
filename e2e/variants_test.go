package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// coldVariants are start-up choices of the background that the
// BenchmarkColdVariants measures by taking them out, each as a textual
// change of a copy of the built extension: file, the text, its
// replacement.
var coldVariants = map[string][3]string{
	// No warm-up extraction once Go is ready (engine.js).
	"no-warmup": {"extension/background/engine.js",
		"globalThis.bargExtract(WARMUP_PAGE, 'https://barg.invalid/warm-up', '{}')", "Promise.resolve()"},
	// The library's database not opened while Go starts (background.js):
	// the capture opens it when it saves.
	"no-early-db": {"extension/background/background.js",
		"store.openDB().catch(", "Promise.resolve().catch("},
}

// BenchmarkColdVariants measures whether a start-up choice still pays now
// that the module's compiled code comes from V8's code cache: the
// repository's build against a copy with the choice taken out
// (BARG_VARIANT, a key of coldVariants), both primed, cold captures of the
// 200 KB Persian page alternated between the two browsers so that both
// meet the same load:
//
//	cd e2e && BARG_VARIANT=no-warmup go test -run '^$' -bench ColdVariants -benchtime 1x .
func BenchmarkColdVariants(b *testing.B) {
	name := os.Getenv("BARG_VARIANT")
	v, ok := coldVariants[name]
	if !ok {
		b.Skipf("skipped: set BARG_VARIANT to one of %v", keys(coldVariants))
	}
	rounds := envInt("BARG_LATENCY_N", 8)
	dir := extensionCopy(b, nil)
	path := filepath.Join(dir, v[0])
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	if strings.Count(string(src), v[1]) != 1 {
		b.Fatalf("%s: %q is not in %s once: update coldVariants", name, v[1], v[0])
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(src), v[1], v[2], 1)), 0o644); err != nil {
		b.Fatal(err)
	}
	var page benchPage
	for _, p := range benchPages(b) {
		if p.name == "fa-200k" {
			page = p
		}
	}
	srv := servePages(b, map[string]string{"/p.html": page.html})
	report := &latencyReport{}
	report.mark("start")
	brs := map[string]*browser{"repo": launch(b, ""), name: launch(b, "", withExtensionDir(dir))}
	tabs := map[string]*tab{}
	for k, br := range brs {
		waitPrimed(b, br)
		if waitCodeCache(br.Profile, 1<<20, 30*time.Second) == 0 {
			b.Logf("%s: no code cache after priming", k)
		}
		tabs[k] = openPage(b, br, srv.URL+"/p.html")
	}
	for r := 0; r < rounds; r++ {
		for _, k := range []string{"repo", name} {
			brs[k].StopWorker(b)
			report.add("primed", k, coldCapture(b, brs[k], tabs[k]))
		}
	}
	report.mark("end")
	b.StopTimer()
	out := strings.Replace(report.String([]benchPage{{name: "repo"}, {name: name}}), "median / p90", "median / p90, 200 KB Persian page, cold, primed", 1)
	fmt.Fprint(os.Stdout, out)
	b.Log(out)
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
