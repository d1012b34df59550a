// Command compare runs Barg, go-trafilatura and readeck's go-readability
// over the same evaluation pages in one run and prints, per evaluation set
// and extractor, the body F1, precision and recall, the total time, the
// time relative to Barg and the allocations per page.
//
//	cd bench && go run ./cmd/compare -shared ../../shared
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/barg-app/barg/bench/score"
	"github.com/barg-app/barg/shared/extract"
)

type page struct {
	id, url, html, truth string
}

type extractor struct {
	name string
	run  func(p *page) string
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
		pages []page
	}{}
	if *set == "" || *set == "scrapinghub" {
		sets = append(sets, struct {
			name  string
			pages []page
		}{"scrapinghub-dev", loadScrapinghub(filepath.Join(*shared, "eval/scrapinghub-dev"))})
	}
	if *set == "" || *set == "readability" {
		sets = append(sets, struct {
			name  string
			pages []page
		}{"readability-test-pages", loadReadability(filepath.Join(*shared, "eval/readability-test-pages"))})
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
			var cs []score.Counts
			meanF1 := 0.0
			type worstPage struct {
				id string
				f1 float64
			}
			var ws []worstPage
			for i, p := range s.pages {
				c := score.Page(p.truth, preds[i])
				cs = append(cs, c)
				pr, rc := c.Precision(), c.Recall()
				f := 0.0
				if pr+rc > 0 {
					f = 2 * pr * rc / (pr + rc)
				}
				meanF1 += f
				ws = append(ws, worstPage{p.id, f})
			}
			meanF1 /= float64(len(s.pages))
			f1, pr, rc := score.Corpus(cs)
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

func writeDump(dir, set, name string, pages []page, preds []string) {
	os.MkdirAll(dir, 0o755)
	pred := map[string]map[string]string{}
	truth := map[string]map[string]string{}
	for i, p := range pages {
		pred[p.id] = map[string]string{"articleBody": preds[i]}
		truth[p.id] = map[string]string{"articleBody": p.truth}
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

func runBarg(p *page) string {
	a, err := extract.FromHTML(strings.NewReader(p.html), p.url, extract.Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		return ""
	}
	return a.Text
}

// runBargNoCaptions is Barg with figure captions left out of the text:
// what the benchmarks' ground truth, which leaves captions out, rewards.
func runBargNoCaptions(p *page) string {
	a, err := extract.FromHTML(strings.NewReader(p.html), p.url, extract.Options{CapturedAt: time.Unix(0, 0)})
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

func runTrafilatura(fallback bool) func(p *page) string {
	return func(p *page) string {
		u, _ := url.Parse(p.url)
		r, err := trafilatura.Extract(strings.NewReader(p.html), trafilatura.Options{
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

func runReadability(p *page) string {
	u, _ := url.Parse(p.url)
	a, err := readability.FromReader(strings.NewReader(p.html), u)
	if err != nil || a.Node == nil {
		return ""
	}
	var b bytes.Buffer
	a.RenderText(&b)
	return b.String()
}

// decode returns the page as UTF-8, by its declared or sniffed charset.
func decode(raw []byte) string {
	if utf8.Valid(raw) {
		return string(raw) // the evaluation sets store their pages as UTF-8
	}
	r, err := charset.NewReader(bytes.NewReader(raw), "text/html")
	if err != nil {
		return string(raw)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return string(raw)
	}
	return string(b)
}

func loadScrapinghub(dir string) []page {
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
	var pages []page
	for id, t := range gt {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			fmt.Fprintln(os.Stderr, "compare:", err)
			continue
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			continue
		}
		raw, _ := io.ReadAll(z)
		f.Close()
		u := t.URL
		if u == "" {
			u = "http://example.com/" + id
		}
		pages = append(pages, page{id: id, url: u, html: decode(raw), truth: t.ArticleBody})
	}
	sort.Slice(pages, func(a, b int) bool { return pages[a].id < pages[b].id })
	return pages
}

func loadReadability(dir string) []page {
	entries, err := os.ReadDir(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
	var pages []page
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		src, err1 := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		exp, err2 := os.ReadFile(filepath.Join(dir, e.Name(), "expected.html"))
		if err1 != nil || err2 != nil {
			continue
		}
		pages = append(pages, page{id: e.Name(), url: "http://fakehost/test/page.html", html: decode(src), truth: htmlText(string(exp))})
	}
	return pages
}

// htmlText strips an HTML document to its text, one line per block.
func htmlText(s string) string {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return ""
	}
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.A, atom.B, atom.I, atom.Em, atom.Strong, atom.Span, atom.Code, atom.Sup, atom.Sub, atom.Small, atom.U, atom.S, atom.Abbr, atom.Cite, atom.Q, atom.Mark, atom.Time, atom.Font:
			default:
				b.WriteByte('\n')
			}
		}
	}
	visit(doc)
	return b.String()
}
