// Command inspect shows, for one evaluation page, the lines of Barg's text
// that the truth lacks (+) and the lines of the truth that Barg lacks (-),
// judged by 4-token shingles.
//
//	cd bench && go run ./cmd/inspect -shared ../../shared scrapinghub|dragnet|readability ID
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/barg-app/barg/internal/articleeval"
	"github.com/barg-app/barg/shared/extract"
	"github.com/barg-app/barg/shared/rawpage"
)

func main() {
	shared := flag.String("shared", "../../shared", "the team kit")
	flag.Parse()
	set, id := flag.Arg(0), flag.Arg(1)
	i := slices.IndexFunc(articleeval.Sets, func(s articleeval.Set) bool { return strings.HasPrefix(s.Name, set) })
	if set == "" || i < 0 {
		fmt.Fprintln(os.Stderr, "usage: inspect [-shared DIR] scrapinghub|dragnet|readability ID")
		os.Exit(2)
	}
	dir := articleeval.Sets[i].Dir
	pages, err := articleeval.Sets[i].Read(filepath.Join(*shared, dir))
	if err != nil {
		fmt.Fprintln(os.Stderr, "inspect:", err)
		os.Exit(1)
	}
	i = slices.IndexFunc(pages, func(p articleeval.Page) bool { return p.ID == id })
	if i < 0 {
		fmt.Fprintf(os.Stderr, "inspect: no page %q in %s\n", id, dir)
		os.Exit(2)
	}
	p := pages[i]
	truth := p.Truth
	a, err := rawpage.Extract(p.Raw, p.ContentType, p.URL, extract.Options{CapturedAt: time.Unix(0, 0)})
	pred := ""
	if err != nil {
		fmt.Println("error:", err)
	} else {
		pred = a.Text
	}
	c := articleeval.Score(truth, pred)
	fmt.Printf("P %.3f R %.3f\n", c.Precision(), c.Recall())
	show := func(sign, text, other string) {
		o := strings.Join(articleeval.Tokens(other), " ")
		for _, line := range strings.Split(text, "\n") {
			t := articleeval.Tokens(line)
			if len(t) == 0 {
				continue
			}
			miss := 0
			for i := 0; i+4 <= len(t) || i == 0; i++ {
				end := min(i+4, len(t))
				if !strings.Contains(" "+o+" ", " "+strings.Join(t[i:end], " ")+" ") {
					miss++
				}
			}
			if miss > 0 {
				if len(line) > 160 {
					line = line[:160] + "…"
				}
				fmt.Printf("%s %s\n", sign, line)
			}
		}
	}
	show("+", pred, truth)
	show("-", truth, pred)
}
