// Command clieval scores `barg extract` on the team kit's evaluation sets
// through the path users run: each page's raw bytes, in its own charset,
// go to the CLI binary as a file, and the "text" of the article it prints
// is scored against the set's truth with the metric of
// ../shared/tools/article_score.py (internal/articleeval).
//
// Every set is split in two parts by a stable rule (the parity of an FNV
// hash of the page ID): "tune" and "confirm". A rule is written looking at
// the tune part and kept only if the confirm part agrees.
//
// Given a folder of peer predictions (SET-NAME.json, as article_score.py
// reads them), it also counts the pages where Barg trails or leads the set's
// best peer by more than 0.05 F1.
//
//	go build -o bin/barg ./cmd/barg
//	go run ./shared/extract/internal/clieval -shared ../shared -peers /tmp/peers/out
//
// With -causes it adds a diagnostic, labelled as such and never an official
// figure: the trailing pages classified by cause, and counted again with
// the lines that Barg leaves out of "text" by design (headline, dateline,
// captions, comments, related lists) taken out of the truth and of every
// prediction (see causes.go).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/barg-app/barg/internal/articleeval"
)

type page struct {
	id    string
	raw   []byte
	ctype string // the HTTP Content-Type, "" when the set has none
	truth string
	part  int // 0 tune, 1 confirm
}

// output is what the CLI printed for one page, as far as the report uses
// it: the text that is scored and what the causes diagnostic (see
// causes.go) compares the truth with.
type output struct {
	text, err   string
	title, date string   // title and published_text
	authors     []string // bylines
	captions    []string // the figure blocks' captions
}

func main() {
	barg := flag.String("barg", "bin/barg", "the CLI binary")
	shared := flag.String("shared", "../shared", "the team kit")
	peers := flag.String("peers", "", "folder of peer predictions, SET-PEER.json")
	only := flag.String("set", "", "one set: scrapinghub-dev, dragnet-dev or readability-test-pages")
	dump := flag.String("dump", "", "folder to write Barg's predictions into (SET-barg.json)")
	worst := flag.Int("worst", 0, "list this many pages where Barg trails the best peer most (or scores lowest)")
	part := flag.String("part", "", "list worst pages of this part only: tune or confirm")
	causes := flag.Bool("causes", false, "classify the trailing pages by cause and count them again against a truth without the lines Barg keeps out by design (a diagnostic, see causes.go)")
	flag.Parse()
	sets := []string{"scrapinghub-dev", "dragnet-dev", "readability-test-pages"}
	for _, set := range sets {
		if *only != "" && *only != set {
			continue
		}
		pages, err := load(*shared, set)
		if err != nil {
			fail(err)
		}
		outs, err := run(*barg, pages)
		if err != nil {
			fail(err)
		}
		preds := make([]string, len(outs))
		errs := make([]string, len(outs))
		for i, o := range outs {
			preds[i], errs[i] = o.text, o.err
		}
		if *dump != "" {
			writeDump(*dump, set, pages, preds)
		}
		report(set, pages, preds, errs, *peers, *worst, *part)
		if *causes && *peers != "" {
			diagnose(set, pages, outs, *peers, byDesign, "truth and predictions without title, dateline, caption, comment and related-box lines", false)
			diagnose(set, pages, outs, *peers, byDesignLinks, "the same and without items of lists of links", true)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "clieval:", err)
	os.Exit(1)
}

// partOf is the page's part, 0 tune or 1 confirm, by articleeval.Part
// (the parity of the FNV-1a hash of its ID), as bench/cmd/compare splits.
func partOf(id string) int {
	if articleeval.Part(id) == articleeval.Tune {
		return 0
	}
	return 1
}

// load reads a set with articleeval's reader of it, the one the tests and
// bench/cmd/compare use.
func load(shared, name string) ([]page, error) {
	for _, set := range articleeval.Sets {
		if set.Name != name {
			continue
		}
		ps, err := set.Read(filepath.Join(shared, set.Dir))
		if err != nil {
			return nil, err
		}
		pages := make([]page, len(ps))
		for i, p := range ps {
			pages[i] = page{id: p.ID, raw: p.Raw, ctype: p.ContentType, truth: p.Truth, part: partOf(p.ID)}
		}
		sort.Slice(pages, func(a, b int) bool { return pages[a].id < pages[b].id })
		return pages, nil
	}
	return nil, fmt.Errorf("no evaluation set %q", name)
}

// run writes the pages' raw bytes to a temporary folder and runs the CLI
// over all of them in one process. It returns what the CLI printed for
// each page, the error it gave included.
func run(barg string, pages []page) ([]output, error) {
	dir, err := os.MkdirTemp("", "clieval")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	args := []string{"extract", "-captured-at", "2000-01-01T00:00:00Z"}
	for _, p := range pages {
		f := filepath.Join(dir, p.id+".html")
		if err := os.WriteFile(f, p.raw, 0o644); err != nil {
			return nil, err
		}
		args = append(args, f)
	}
	var out bytes.Buffer
	cmd := exec.Command(barg, args...)
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			return nil, err
		}
	}
	outs := make([]output, len(pages))
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<28)
	i := 0
	for sc.Scan() {
		if i >= len(pages) {
			return nil, fmt.Errorf("more outputs than pages")
		}
		var a struct {
			Text          string   `json:"text"`
			Error         string   `json:"error"`
			Title         string   `json:"title"`
			PublishedText string   `json:"published_text"`
			Authors       []string `json:"authors"`
			Blocks        []struct {
				Caption string `json:"caption"`
			} `json:"blocks"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, err
		}
		o := output{text: a.Text, err: a.Error, title: a.Title, date: a.PublishedText, authors: a.Authors}
		for _, b := range a.Blocks {
			if b.Caption != "" {
				o.captions = append(o.captions, b.Caption)
			}
		}
		outs[i] = o
		i++
	}
	if i != len(pages) {
		return nil, fmt.Errorf("%d outputs for %d pages", i, len(pages))
	}
	return outs, sc.Err()
}

func writeDump(dir, set string, pages []page, preds []string) {
	os.MkdirAll(dir, 0o755)
	m := map[string]map[string]string{}
	for i, p := range pages {
		m[p.id] = map[string]string{"articleBody": preds[i]}
	}
	b, _ := json.Marshal(m)
	if err := os.WriteFile(filepath.Join(dir, set+"-barg.json"), b, 0o644); err != nil {
		fail(err)
	}
}

// readPreds reads a file of predictions as article_score.py reads them:
// {"ID": {"articleBody": "..."}}.
func readPreds(file string) (map[string]string, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var m map[string]struct {
		Body string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	out := make(map[string]string, len(m))
	for id, p := range m {
		out[id] = p.Body
	}
	return out, nil
}

func f1Of(c articleeval.Counts) float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// report prints, per part and whole, Barg's and the peers' corpus F1, P
// and R, and the trail and lead counts against the best peer.
func report(set string, pages []page, preds, errs []string, peerDir string, worst int, onlyPart string) {
	names := []string{"barg"}
	all := map[string][]string{"barg": preds}
	if peerDir != "" {
		files, _ := filepath.Glob(filepath.Join(peerDir, set+"-*.json"))
		for _, f := range files {
			name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), set+"-"), ".json")
			if name == "barg" || name == "truth" {
				continue
			}
			m, err := readPreds(f)
			if err != nil {
				fail(err)
			}
			ps := make([]string, len(pages))
			for i, p := range pages {
				ps[i] = m[p.id]
			}
			names = append(names, name)
			all[name] = ps
		}
	}
	counts := map[string][]articleeval.Counts{}
	for _, n := range names {
		for i, p := range pages {
			counts[n] = append(counts[n], articleeval.Score(p.truth, all[n][i]))
		}
	}
	nerr := 0
	for i, e := range errs {
		if e != "" && strings.TrimSpace(pages[i].truth) != "" {
			nerr++
			fmt.Printf("  error %s: %s\n", pages[i].id, e)
		}
	}
	fmt.Printf("\n%s: %d pages, %d errors on pages with a truth\n", set, len(pages), nerr)
	fmt.Printf("%-8s %-12s %6s %6s %6s %5s\n", "part", "extractor", "F1", "P", "R", "pages")
	for _, pt := range []struct {
		name string
		in   func(p page) bool
	}{{"tune", func(p page) bool { return p.part == 0 }}, {"confirm", func(p page) bool { return p.part == 1 }}, {"whole", func(page) bool { return true }}} {
		var idx []int
		for i, p := range pages {
			if pt.in(p) {
				idx = append(idx, i)
			}
		}
		best, bestF1 := "", -1.0
		for _, n := range names {
			var cs []articleeval.Counts
			mean := 0.0
			for _, i := range idx {
				cs = append(cs, counts[n][i])
				mean += f1Of(counts[n][i])
			}
			mean /= float64(max(len(idx), 1))
			f1, pr, rc := articleeval.Corpus(cs)
			if n != "barg" && f1 > bestF1 {
				best, bestF1 = n, f1
			}
			fmt.Printf("%-8s %-12s %6.4f %6.4f %6.4f %5d  mean F1 %6.4f\n", pt.name, n, f1, pr, rc, len(idx), mean)
		}
		if best != "" {
			trail, lead := 0, 0
			for _, i := range idx {
				d := f1Of(counts["barg"][i]) - f1Of(counts[best][i])
				if d < -0.05 {
					trail++
				} else if d > 0.05 {
					lead++
				}
			}
			fmt.Printf("%-8s barg vs best peer %s: trails on %d (%.1f%%), leads on %d\n", pt.name, best, trail, 100*float64(trail)/float64(len(idx)), lead)
			// As bench/cmd/compare counts: against the better peer on each page.
			trail, lead = 0, 0
			for _, i := range idx {
				top := 0.0
				for _, n := range names[1:] {
					top = max(top, f1Of(counts[n][i]))
				}
				d := f1Of(counts["barg"][i]) - top
				if d < -0.05 {
					trail++
				} else if d > 0.05 {
					lead++
				}
			}
			fmt.Printf("%-8s barg vs the better peer of each page: trails on %d (%.1f%%), leads on %d\n", pt.name, trail, 100*float64(trail)/float64(len(idx)), lead)
		}
	}
	if worst > 0 {
		type w struct {
			id   string
			b, p float64
			d    float64
			part int
		}
		var ws []w
		best := ""
		bestF1 := -1.0
		for _, n := range names[1:] {
			f1, _, _ := articleeval.Corpus(counts[n])
			if f1 > bestF1 {
				best, bestF1 = n, f1
			}
		}
		for i, p := range pages {
			if onlyPart == "tune" && p.part != 0 || onlyPart == "confirm" && p.part != 1 {
				continue
			}
			b := f1Of(counts["barg"][i])
			pf := 1.0
			if best != "" {
				pf = f1Of(counts[best][i])
			}
			ws = append(ws, w{p.id, b, pf, b - pf, p.part})
		}
		sort.Slice(ws, func(a, b int) bool { return ws[a].d < ws[b].d })
		for _, x := range ws[:min(worst, len(ws))] {
			fmt.Printf("    %-40s barg %.3f peer %.3f  d %+.3f part %d\n", x.id, x.b, x.p, x.d, x.part)
		}
	}
}
