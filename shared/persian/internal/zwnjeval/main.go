// Command zwnjeval measures ZWNJ restoration with the team kit's tools: it
// damages a gold Persian text with ../shared/tools/zwnj_damage.py (joined:
// ZWNJs deleted; spaced: ZWNJs made spaces), normalizes it with package
// persian, and scores it with ../shared/tools/zwnj_score.py; it also
// normalizes the gold itself and counts boundaries changed (--clean).
//
//	go run ./shared/persian/internal/zwnjeval [-shared ../shared] [-gold FILE] [-json]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/barg-app/barg/shared/persian"
	"github.com/barg-app/barg/shared/persian/internal/zwnjscore"
)

func main() {
	shared := flag.String("shared", "../shared", "path of the team kit")
	gold := flag.String("gold", "", "gold text (default SHARED/corpus/persian/wikipedia-fa-paragraphs.txt)")
	asJSON := flag.Bool("json", false, "print the three results as JSON")
	filter := flag.Bool("filter", false, "only normalize standard input to standard output")
	flag.Parse()
	if *filter {
		in, err := io.ReadAll(os.Stdin)
		if err != nil {
			fmt.Fprintln(os.Stderr, "zwnjeval:", err)
			os.Exit(1)
		}
		out, _ := persian.Normalize(string(in), persian.Options{})
		os.Stdout.WriteString(out)
		return
	}
	if *gold == "" {
		*gold = filepath.Join(*shared, "corpus/persian/wikipedia-fa-paragraphs.txt")
	}
	res, err := zwnjscore.Run(*shared, *gold)
	if err != nil {
		fmt.Fprintln(os.Stderr, "zwnjeval:", err)
		os.Exit(1)
	}
	if *asJSON {
		b, _ := json.MarshalIndent(res, "", " ")
		fmt.Println(string(b))
		return
	}
	for _, mode := range []string{"joined", "spaced"} {
		r := res[mode]
		fmt.Printf("%-7s P %.4f R %.4f F1 %.4f  (tp %v fp %v fn %v)\n", mode, r["P"], r["R"], r["F1"], r["tp"], r["fp"], r["fn"])
	}
	r := res["clean"]
	fmt.Printf("clean   changed %v per_10k_words %.2f  (words %v)\n", r["changed"], r["changed_per_10k_words"], r["words"])
}
