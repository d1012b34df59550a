// Command compare runs Barg, go-trafilatura and readeck's go-readability
// over the same evaluation pages in one run and prints, per evaluation set
// and extractor, the body F1, precision and recall, the total time, the
// time relative to Barg and the allocations per page.
//
//	cd bench && go run ./cmd/compare -shared ../../shared
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"

	"github.com/barg-app/barg/internal/articleeval"
	"github.com/barg-app/barg/shared/extract"
)

type extractor struct {
	name string
	run  func(p *articleeval.Page) string
}

func main() {
	shared := flag.String("shared", "../../shared", "the team kit")
	only := flag.String("only", "", "comma-separated extractors to run (barg, trafilatura, trafilatura-fallback, readability)")
	set := flag.String("set", "", "run one evaluation set only (scrapinghub or readability)")
	rounds := flag.Int("rounds", 3, "timing rounds; the fastest counts")
	dump := flag.String("dump", "", "folder to write predictions into, as article_score.py reads them")
	worst := flag.Int("worst", 0, "list this many worst pages per extractor")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "compare:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}

	sets := []struct {
		name  string
		pages []articleeval.Page
	}{}
	if *set == "" || *set == "scrapinghub" {
		sets = append(sets, struct {
			name  string
			pages []articleeval.Page
		}{"scrapinghub-dev", load(articleeval.Scrapinghub, filepath.Join(*shared, "eval/scrapinghub-dev"))})
	}
	if *set == "" || *set == "readability" {
		sets = append(sets, struct {
			name  string
			pages []articleeval.Page
		}{"readability-test-pages", load(articleeval.ReadabilityPages, filepath.Join(*shared, "eval/readability-test-pages"))})
	}
	all := []extractor{
		{"barg", runBarg},
		{"barg-nocaptions", runBargNoCaptions},
		{"trafilatura", runTrafilatura(false)},
		{"trafilatura-fallback", runTrafilatura(true)},
		{"readability", runReadability},
	}
	var exs []extractor
	for _, e := range all {
		if *only == "" || strings.Contains(","+*only+",", ","+e.name+",") {
			exs = append(exs, e)
		}
	}
	for _, s := range sets {
		fmt.Printf("\n%s: %d pages, best of %d rounds\n", s.name, len(s.pages), *rounds)
		fmt.Printf("%-22s %6s %6s %6s %7s %9s %9s %9s %9s %8s %12s\n", "extractor", "F1", "P", "R", "meanF1", "wall", "ms/page", "vs barg", "cpu", "vs barg", "allocs/page")
		var bargTime, bargCPU time.Duration
		for _, e := range exs {
			preds := make([]string, len(s.pages))
			best, bestCPU := time.Duration(1<<62), time.Duration(1<<62)
			var allocs uint64
			for r := 0; r < *rounds; r++ {
				runtime.GC()
				var m0, m1 runtime.MemStats
				runtime.ReadMemStats(&m0)
				c0 := cpuTime()
				t0 := time.Now()
				for i := range s.pages {
					preds[i] = e.run(&s.pages[i])
				}
				d := time.Since(t0)
				if c := cpuTime() - c0; c < bestCPU {
					bestCPU = c
				}
				runtime.ReadMemStats(&m1)
				if d < best {
					best = d
				}
				allocs = (m1.Mallocs - m0.Mallocs) / uint64(len(s.pages))
			}
			if e.name == "barg" {
				bargTime, bargCPU = best, bestCPU
			}
			var cs []articleeval.Counts
			meanF1 := 0.0
			type worstPage struct {
				id string
				f1 float64
			}
			var ws []worstPage
			for i, p := range s.pages {
				c := articleeval.Score(p.Truth, preds[i])
				cs = append(cs, c)
				pr, rc := c.Precision(), c.Recall()
				f := 0.0
				if pr+rc > 0 {
					f = 2 * pr * rc / (pr + rc)
				}
				meanF1 += f
				ws = append(ws, worstPage{p.ID, f})
			}
			meanF1 /= float64(len(s.pages))
			f1, pr, rc := articleeval.Corpus(cs)
			ratio, cpuRatio := "-", "-"
			if bargTime > 0 {
				ratio = fmt.Sprintf("%.2fx", float64(best)/float64(bargTime))
				cpuRatio = fmt.Sprintf("%.2fx", float64(bestCPU)/float64(bargCPU))
			}
			fmt.Printf("%-22s %6.3f %6.3f %6.3f %7.3f %9s %9.2f %9s %9s %8s %12d\n", e.name, f1, pr, rc, meanF1,
				best.Round(time.Millisecond), float64(best.Microseconds())/1000/float64(len(s.pages)), ratio,
				bestCPU.Round(time.Millisecond), cpuRatio, allocs)
			if *worst > 0 {
				sort.Slice(ws, func(a, b int) bool { return ws[a].f1 < ws[b].f1 })
				for _, w := range ws[:min(*worst, len(ws))] {
					fmt.Printf("    %.3f %s\n", w.f1, w.id)
				}
			}
			if *dump != "" {
				writeDump(*dump, s.name, e.name, s.pages, preds)
			}
		}
	}
	fmt.Println("\nwall: total wall time of the fastest round; cpu: the process's user+system CPU time in that round (GC included), steadier on a shared machine;")
	fmt.Println("'vs barg': the extractor's time divided by Barg's. F1/P/R: corpus figures as article_score.py computes them; meanF1: mean of per-page F1.")
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func writeDump(dir, set, name string, pages []articleeval.Page, preds []string) {
	os.MkdirAll(dir, 0o755)
	pred := map[string]map[string]string{}
	truth := map[string]map[string]string{}
	for i, p := range pages {
		pred[p.ID] = map[string]string{"articleBody": preds[i]}
		truth[p.ID] = map[string]string{"articleBody": p.Truth}
	}
	write := func(file string, v any) {
		b, _ := json.Marshal(v)
		if err := os.WriteFile(filepath.Join(dir, file), b, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	write(set+"-"+name+".json", pred)
	write(set+"-truth.json", truth)
}

func runBarg(p *articleeval.Page) string {
	a, err := extract.FromHTML(strings.NewReader(p.HTML), p.URL, extract.Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		return ""
	}
	return a.Text
}

// runBargNoCaptions is Barg with figure captions left out of the text:
// what the benchmarks' ground truth, which leaves captions out, rewards.
func runBargNoCaptions(p *articleeval.Page) string {
	a, err := extract.FromHTML(strings.NewReader(p.HTML), p.URL, extract.Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		return ""
	}
	var parts []string
	for _, b := range a.Blocks {
		if b.Type == "figure" {
			continue
		}
		if t := strings.TrimSpace(b.PlainText()); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n\n")
}

func runTrafilatura(fallback bool) func(p *articleeval.Page) string {
	return func(p *articleeval.Page) string {
		u, _ := url.Parse(p.URL)
		r, err := trafilatura.Extract(strings.NewReader(p.HTML), trafilatura.Options{
			OriginalURL:    u,
			EnableFallback: fallback,
			Focus:          trafilatura.Balanced,
		})
		if err != nil || r == nil {
			return ""
		}
		return r.ContentText
	}
}

func runReadability(p *articleeval.Page) string {
	u, _ := url.Parse(p.URL)
	a, err := readability.FromReader(strings.NewReader(p.HTML), u)
	if err != nil || a.Node == nil {
		return ""
	}
	var b bytes.Buffer
	a.RenderText(&b)
	return b.String()
}

// load reads one evaluation set or exits with its error.
func load(read func(string) ([]articleeval.Page, error), dir string) []articleeval.Page {
	pages, err := read(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
	return pages
}
