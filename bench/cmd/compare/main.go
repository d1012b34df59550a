// Command compare runs Barg, go-trafilatura and readeck's go-readability
// over the same evaluation pages in one run and prints, per evaluation set
// and extractor, the body F1, precision and recall, the pages that failed,
// the total time, the time relative to Barg and the allocations per page;
// then the number of pages where Barg trails the best peer by more than
// 0.05 F1 and where it leads by that much.
//
// Every extractor gets the page's raw bytes as the set stores them: Barg
// through rawpage.Extract, the function the CLI runs (its decoding
// included), the peers through their own readers (go-shiori/dom's charset
// detection), as their users call them.
//
//	cd bench && go run ./cmd/compare -shared ../../shared
//	go run ./cmd/compare -set dragnet -part tune -trail 20
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
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"

	"github.com/barg-app/barg/internal/articleeval"
	"github.com/barg-app/barg/shared/extract"
	"github.com/barg-app/barg/shared/rawpage"
)

// An extractor returns a page's article text, or an error.
type extractor struct {
	name string
	run  func(p *articleeval.Page) (string, error)
}

// peers are the extractors Barg's per-page lead and trail are counted
// against: the best of them on each page.
var peers = []string{"trafilatura", "readability"}

// margin is the per-page F1 difference that counts as trailing or leading.
const margin = 0.05

func main() {
	shared := flag.String("shared", "../../shared", "the team kit")
	only := flag.String("only", "", "comma-separated extractors to run (barg, barg-nocaptions, trafilatura, trafilatura-fallback, readability)")
	set := flag.String("set", "", "comma-separated evaluation sets to run (scrapinghub, dragnet, readability; default all)")
	part := flag.String("part", "all", "part of each set: tune, confirm or all (split by page-ID hash parity, see articleeval.Part)")
	rounds := flag.Int("rounds", 3, "timing rounds; the fastest counts")
	dump := flag.String("dump", "", "folder to write predictions into, as article_score.py reads them")
	worst := flag.Int("worst", 0, "list this many worst pages per extractor")
	trail := flag.Int("trail", 0, "list this many pages where Barg trails the best peer most")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
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
	for _, s := range articleeval.Sets {
		short, _, _ := strings.Cut(s.Name, "-")
		if *set != "" && !strings.Contains(","+*set+",", ","+short+",") && !strings.Contains(","+*set+",", ","+s.Name+",") {
			continue
		}
		pages, err := s.Read(filepath.Join(*shared, s.Dir))
		if err != nil {
			fail(err)
		}
		total := len(pages)
		if pages, err = articleeval.Select(pages, *part); err != nil {
			fail(err)
		}
		runSet(s.Name, pages, total, *part, exs, *rounds, *worst, *trail, *dump)
	}
	fmt.Printf("\nwall: total wall time of the fastest round; cpu: the process's user+system CPU time in that round (GC included), steadier on a shared machine;\n")
	fmt.Printf("'vs barg': the extractor's time divided by Barg's. F1/P/R: corpus figures as article_score.py computes them; meanF1: mean of per-page F1;\n")
	fmt.Printf("err: pages whose extraction failed (a page with empty truth included). trail/lead: pages where Barg's F1 is below/above the best peer's (%s) by more than %.2f.\n", strings.Join(peers, ", "), margin)
}

// runSet runs every extractor over one set's pages and prints its table.
func runSet(name string, pages []articleeval.Page, total int, part string, exs []extractor, rounds, worst, trail int, dump string) {
	fmt.Printf("\n%s: %d pages (part %s of %d), best of %d rounds\n", name, len(pages), part, total, rounds)
	fmt.Printf("%-22s %6s %6s %6s %7s %4s %9s %9s %9s %9s %8s %12s\n", "extractor", "F1", "P", "R", "meanF1", "err", "wall", "ms/page", "vs barg", "cpu", "vs barg", "allocs/page")
	var bargTime, bargCPU time.Duration
	pageF1 := map[string][]float64{}
	var bargErrs []string
	for _, e := range exs {
		preds := make([]string, len(pages))
		errs := make([]error, len(pages))
		best, bestCPU := time.Duration(1<<62), time.Duration(1<<62)
		var allocs uint64
		for r := 0; r < rounds; r++ {
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			c0 := cpuTime()
			t0 := time.Now()
			for i := range pages {
				preds[i], errs[i] = e.run(&pages[i])
			}
			d := time.Since(t0)
			bestCPU = min(bestCPU, cpuTime()-c0)
			best = min(best, d)
			runtime.ReadMemStats(&m1)
			allocs = (m1.Mallocs - m0.Mallocs) / uint64(max(1, len(pages)))
		}
		if e.name == "barg" {
			bargTime, bargCPU = best, bestCPU
		}
		cs := make([]articleeval.Counts, len(pages))
		f1s := make([]float64, len(pages))
		meanF1 := 0.0
		nerr := 0
		for i, p := range pages {
			cs[i] = articleeval.Score(p.Truth, preds[i])
			f1s[i] = pageF1Of(cs[i])
			meanF1 += f1s[i]
			if errs[i] != nil {
				nerr++
				if e.name == "barg" && strings.TrimSpace(p.Truth) != "" {
					bargErrs = append(bargErrs, p.ID+": "+errs[i].Error())
				}
			}
		}
		pageF1[e.name] = f1s
		meanF1 /= float64(max(1, len(pages)))
		f1, pr, rc := articleeval.Corpus(cs)
		ratio, cpuRatio := "-", "-"
		if bargTime > 0 {
			ratio = fmt.Sprintf("%.2fx", float64(best)/float64(bargTime))
			cpuRatio = fmt.Sprintf("%.2fx", float64(bestCPU)/float64(bargCPU))
		}
		fmt.Printf("%-22s %6.3f %6.3f %6.3f %7.3f %4d %9s %9.2f %9s %9s %8s %12d\n", e.name, f1, pr, rc, meanF1, nerr,
			best.Round(time.Millisecond), float64(best.Microseconds())/1000/float64(max(1, len(pages))), ratio,
			bestCPU.Round(time.Millisecond), cpuRatio, allocs)
		if worst > 0 {
			order := make([]int, len(pages))
			for i := range order {
				order[i] = i
			}
			sort.SliceStable(order, func(a, b int) bool { return f1s[order[a]] < f1s[order[b]] })
			for _, i := range order[:min(worst, len(order))] {
				fmt.Printf("    %.3f %s\n", f1s[i], pages[i].ID)
			}
		}
		if dump != "" {
			writeDump(dump, name, e.name, pages, preds)
		}
	}
	for _, e := range bargErrs {
		fmt.Printf("    barg failed on a page with truth: %s\n", e)
	}
	printTrail(pages, pageF1, trail)
}

// printTrail counts the pages where Barg trails or leads the best peer
// by more than margin, and lists the n pages it trails most.
func printTrail(pages []articleeval.Page, pageF1 map[string][]float64, n int) {
	barg := pageF1["barg"]
	var have []string
	for _, p := range peers {
		if pageF1[p] != nil {
			have = append(have, p)
		}
	}
	if barg == nil || len(have) == 0 {
		return
	}
	type gap struct {
		id         string
		barg, peer float64
		who        string
	}
	var trails []gap
	lead := 0
	for i, p := range pages {
		g := gap{id: p.ID, barg: barg[i], peer: -1}
		for _, name := range have {
			if f := pageF1[name][i]; f > g.peer {
				g.peer, g.who = f, name
			}
		}
		switch {
		case g.barg < g.peer-margin:
			trails = append(trails, g)
		case g.barg > g.peer+margin:
			lead++
		}
	}
	fmt.Printf("barg vs best peer (%s) per page: trails by >%.2f on %d of %d (%.1f%%), leads by >%.2f on %d\n",
		strings.Join(have, ", "), margin, len(trails), len(pages), 100*float64(len(trails))/float64(max(1, len(pages))), margin, lead)
	slices.SortStableFunc(trails, func(a, b gap) int {
		switch da, db := a.peer-a.barg, b.peer-b.barg; {
		case da > db:
			return -1
		case da < db:
			return 1
		}
		return 0
	})
	for _, g := range trails[:min(n, len(trails))] {
		fmt.Printf("    %-12s barg %.3f  %s %.3f\n", g.id, g.barg, g.who, g.peer)
	}
}

// pageF1Of is one page's F1.
func pageF1Of(c articleeval.Counts) float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
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

// bargOptions are Barg's options for every page: a fixed capture time.
var bargOptions = extract.Options{CapturedAt: time.Unix(0, 0)}

func runBarg(p *articleeval.Page) (string, error) {
	a, err := rawpage.Extract(p.Raw, p.ContentType, p.URL, bargOptions)
	if err != nil {
		return "", err
	}
	return a.Text, nil
}

// runBargNoCaptions is Barg with figure captions left out of the text:
// what the benchmarks' ground truth, which leaves captions out, rewards.
func runBargNoCaptions(p *articleeval.Page) (string, error) {
	a, err := rawpage.Extract(p.Raw, p.ContentType, p.URL, bargOptions)
	if err != nil {
		return "", err
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
	return strings.Join(parts, "\n\n"), nil
}

func runTrafilatura(fallback bool) func(p *articleeval.Page) (string, error) {
	return func(p *articleeval.Page) (string, error) {
		u, _ := url.Parse(p.URL)
		r, err := trafilatura.Extract(bytes.NewReader(p.Raw), trafilatura.Options{
			OriginalURL:    u,
			EnableFallback: fallback,
			Focus:          trafilatura.Balanced,
		})
		if err != nil {
			return "", err
		}
		if r == nil {
			return "", fmt.Errorf("no result")
		}
		return r.ContentText, nil
	}
}

func runReadability(p *articleeval.Page) (string, error) {
	u, _ := url.Parse(p.URL)
	a, err := readability.FromReader(bytes.NewReader(p.Raw), u)
	if err != nil {
		return "", err
	}
	if a.Node == nil {
		return "", fmt.Errorf("no article")
	}
	var b bytes.Buffer
	a.RenderText(&b)
	return b.String(), nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compare:", err)
	os.Exit(1)
}
