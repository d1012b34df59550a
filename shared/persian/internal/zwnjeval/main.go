// Command zwnjeval measures ZWNJ restoration with the team kit's tools: it
// damages a gold Persian text with ../shared/tools/zwnj_damage.py (joined:
// ZWNJs deleted; spaced: ZWNJs made spaces), normalizes it with package
// persian, and scores it with ../shared/tools/zwnj_score.py; it also
// normalizes the gold itself and counts boundaries changed (--clean).
//
//	go run ./shared/persian/internal/zwnjeval [-shared ../shared] [-gold FILE] [-json]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/barg-app/barg/shared/persian"
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
	res, err := Run(*shared, *gold)
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

// Run returns the scorer's JSON results for "joined", "spaced" and "clean".
func Run(shared, gold string) (map[string]map[string]any, error) {
	tools := filepath.Join(shared, "tools")
	dir, err := os.MkdirTemp("", "zwnjeval")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	goldText, err := os.ReadFile(gold)
	if err != nil {
		return nil, err
	}
	res := map[string]map[string]any{}
	for _, mode := range []string{"joined", "spaced", "clean"} {
		in := goldText
		if mode != "clean" {
			cmd := exec.Command("python3", filepath.Join(tools, "zwnj_damage.py"), mode)
			cmd.Stdin = bytes.NewReader(goldText)
			if in, err = cmd.Output(); err != nil {
				return nil, fmt.Errorf("zwnj_damage.py %s: %w", mode, err)
			}
		}
		out, _ := persian.Normalize(string(in), persian.Options{})
		pred := filepath.Join(dir, mode+".txt")
		if err := os.WriteFile(pred, []byte(out), 0o644); err != nil {
			return nil, err
		}
		args := []string{filepath.Join(tools, "zwnj_score.py"), gold, pred, "--json"}
		if mode == "clean" {
			args = append(args, "--clean")
		}
		b, err := exec.Command("python3", args...).Output()
		if err != nil {
			return nil, fmt.Errorf("zwnj_score.py %s: %w", mode, err)
		}
		var r map[string]any
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, err
		}
		res[mode] = r
	}
	return res, nil
}
