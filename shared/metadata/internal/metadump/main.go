// Command metadump writes the metadata Barg reads from every page of the
// team kit's three dev sets (../shared/eval), one JSON line a page, and
// compares such a dump with another: it is how a change to the metadata
// reader (issue 15: JSON-LD read with gjson) is shown to give the same
// results, or which ones it changes.
//
//	go run ./shared/metadata/internal/metadump -o old.jsonl       # before the change
//	go run ./shared/metadata/internal/metadump -diff old.jsonl    # after: lists every difference
//
// Pages are decoded as the CLI decodes them (articleeval's readers, then
// package charset) and each is read twice: metadata.Read and Settle on the
// parsed page alone, and the article's metadata through rawpage.Extract,
// the CLI's own path.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/internal/articleeval"
	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/charset"
	"github.com/barg-app/barg/shared/extract"
	"github.com/barg-app/barg/shared/metadata"
	"github.com/barg-app/barg/shared/rawpage"
	"github.com/barg-app/barg/shared/weburl"
)

// record is one page's line.
type record struct {
	Set     string        `json:"set"`
	ID      string        `json:"id"`
	JSONLD  bool          `json:"jsonld"` // the page has a ld+json script
	Read    article.Meta  `json:"read"`
	Article *article.Meta `json:"article,omitempty"` // nil when extraction failed
	Error   string        `json:"error,omitempty"`
}

func main() {
	shared := flag.String("shared", "../shared", "the team kit's folder (relative to the repository root)")
	out := flag.String("o", "", "write the dump to this file (default: standard output)")
	against := flag.String("diff", "", "compare with this earlier dump and list the differences")
	flag.Parse()
	if err := run(*shared, *out, *against); err != nil {
		fmt.Fprintln(os.Stderr, "metadump:", err)
		os.Exit(1)
	}
}

func run(shared, out, against string) error {
	recs, err := dump(shared)
	if err != nil {
		return err
	}
	if against != "" {
		old, err := load(against)
		if err != nil {
			return err
		}
		return report(os.Stdout, old, recs)
	}
	w := io.Writer(os.Stdout)
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// dump reads every page of the three sets.
func dump(shared string) ([]record, error) {
	var recs []record
	for _, set := range articleeval.Sets {
		pages, err := set.Read(filepath.Join(shared, set.Dir))
		if err != nil {
			return nil, fmt.Errorf("%s: %w (is ../shared there?)", set.Name, err)
		}
		for _, p := range pages {
			r := record{Set: set.Name, ID: p.ID}
			text, _, err := charset.Decode(p.Raw, p.ContentType)
			if err != nil {
				r.Error = err.Error()
				recs = append(recs, r)
				continue
			}
			r.JSONLD = bytes.Contains(bytes.ToLower(text), []byte("application/ld+json"))
			doc, err := html.Parse(bytes.NewReader(text))
			if err != nil {
				return nil, fmt.Errorf("%s/%s: %w", set.Name, p.ID, err)
			}
			u, _ := weburl.Parse(p.URL)
			r.Read = metadata.Read(doc, u)
			metadata.Settle(&r.Read, "")
			if a, err := rawpage.Extract(p.Raw, p.ContentType, p.URL, extract.Options{}); err != nil {
				r.Error = err.Error()
			} else {
				r.Article = &a.Meta
			}
			recs = append(recs, r)
		}
	}
	return recs, nil
}

func load(path string) (map[string]record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]record{}
	dec := json.NewDecoder(bytes.NewReader(data))
	for dec.More() {
		var r record
		if err := dec.Decode(&r); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		m[r.Set+"/"+r.ID] = r
	}
	return m, nil
}

// report lists, page by page, every field that differs, and a count.
func report(w io.Writer, old map[string]record, recs []record) error {
	pages, ld, changed := 0, 0, 0
	perField := map[string]int{}
	for _, r := range recs {
		pages++
		if r.JSONLD {
			ld++
		}
		o, ok := old[r.Set+"/"+r.ID]
		if !ok {
			fmt.Fprintf(w, "%s/%s: not in the earlier dump\n", r.Set, r.ID)
			changed++
			continue
		}
		var diffs []string
		diffs = append(diffs, fields("read", o.Read, r.Read)...)
		switch {
		case o.Article == nil && r.Article == nil:
		case o.Article == nil || r.Article == nil:
			diffs = append(diffs, fmt.Sprintf("article: error %q → %q", o.Error, r.Error))
		default:
			diffs = append(diffs, fields("article", *o.Article, *r.Article)...)
		}
		if len(diffs) > 0 {
			changed++
			fmt.Fprintf(w, "%s/%s (JSON-LD: %v)\n", r.Set, r.ID, r.JSONLD)
			for _, d := range diffs {
				fmt.Fprintln(w, "  "+d)
				perField[strings.SplitN(d, ":", 2)[0]]++
			}
		}
	}
	keys := make([]string, 0, len(perField))
	for k := range perField {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "%d pages (%d with JSON-LD), %d differ", pages, ld, changed)
	for _, k := range keys {
		fmt.Fprintf(w, "; %s %d", k, perField[k])
	}
	fmt.Fprintln(w)
	return nil
}

// fields compares two Metas field by field (by their JSON names).
func fields(prefix string, a, b article.Meta) []string {
	var out []string
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	t := va.Type()
	for i := 0; i < t.NumField(); i++ {
		// As JSON, as the dump holds them (a nil and an empty list differ).
		jx, _ := json.Marshal(va.Field(i).Interface())
		jy, _ := json.Marshal(vb.Field(i).Interface())
		if bytes.Equal(jx, jy) {
			continue
		}
		name := strings.Split(t.Field(i).Tag.Get("json"), ",")[0]
		out = append(out, fmt.Sprintf("%s.%s: %s → %s", prefix, name, jx, jy))
	}
	return out
}
