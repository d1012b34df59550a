// Command inspect shows, for one evaluation page, the lines of Barg's text
// that the truth lacks (+) and the lines of the truth that Barg lacks (-),
// judged by 4-token shingles.
//
//	cd bench && go run ./cmd/inspect -shared ../../shared scrapinghub ID
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/barg-app/barg/bench/score"
	"github.com/barg-app/barg/shared/extract"
)

func main() {
	shared := flag.String("shared", "../../shared", "the team kit")
	flag.Parse()
	set, id := flag.Arg(0), flag.Arg(1)
	var src []byte
	var truth, u string
	switch set {
	case "scrapinghub":
		dir := filepath.Join(*shared, "eval/scrapinghub-dev")
		var gt map[string]struct {
			ArticleBody string `json:"articleBody"`
			URL         string `json:"url"`
		}
		b, _ := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
		json.Unmarshal(b, &gt)
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			panic(err)
		}
		z, _ := gzip.NewReader(f)
		src, _ = io.ReadAll(z)
		truth, u = gt[id].ArticleBody, gt[id].URL
	default:
		dir := filepath.Join(*shared, "eval/readability-test-pages", id)
		src, _ = os.ReadFile(filepath.Join(dir, "source.html"))
		exp, _ := os.ReadFile(filepath.Join(dir, "expected.html"))
		doc, _ := html.Parse(bytes.NewReader(exp))
		var b strings.Builder
		var visit func(n *html.Node)
		visit = func(n *html.Node) {
			if n.Type == html.TextNode {
				b.WriteString(n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
			if n.Type == html.ElementNode && (n.Data == "p" || n.Data == "div" || n.Data == "li" || n.Data == "br" || n.Data[0] == 'h') {
				b.WriteByte('\n')
			}
		}
		visit(doc)
		truth, u = b.String(), "http://fakehost/test/page.html"
	}
	page := src
	if !utf8.Valid(src) {
		r, _ := charset.NewReader(bytes.NewReader(src), "text/html")
		page, _ = io.ReadAll(r)
	}
	a, err := extract.FromHTML(bytes.NewReader(page), u, extract.Options{CapturedAt: time.Unix(0, 0)})
	pred := ""
	if err != nil {
		fmt.Println("error:", err)
	} else {
		pred = a.Text
	}
	c := score.Page(truth, pred)
	fmt.Printf("P %.3f R %.3f\n", c.Precision(), c.Recall())
	show := func(sign, text, other string) {
		o := strings.Join(score.Tokens(other), " ")
		for _, line := range strings.Split(text, "\n") {
			t := score.Tokens(line)
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
