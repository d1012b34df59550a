package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/barg-app/barg/shared/extract"
	"github.com/barg-app/barg/shared/persian"
	"github.com/barg-app/barg/shared/siterules"
	"github.com/barg-app/barg/shared/template"
)

// runExtract implements 'barg extract': one JSON object per input, one per
// line, in input order. An input that fails yields {"input","error"} and
// makes the exit status non-zero; the others still come out.
func runExtract(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: barg extract [flags] FILE|URL|- ...\n\nPrints one article JSON object per input, one per line.\n\n")
		fs.PrintDefaults()
	}
	pageURL := fs.String("url", "", "the page's URL, for relative links (default: the input's own URL, or file://PATH)")
	pretty := fs.Bool("pretty", false, "indent the JSON")
	raw := fs.Bool("raw", false, "skip Persian normalization")
	latin := fs.Bool("latin-digits", false, "write Latin digits in normalized Persian text")
	maxMB := fs.Int64("max-mb", extract.DefaultMaxBytes>>20, "largest page to accept, in MB")
	capturedAt := fs.String("captured-at", "", "captured_at to write (RFC 3339; default now)")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit for fetching a URL")
	extractTimeout := fs.Duration("extract-timeout", 10*time.Second, "time limit for extracting one page (0: none), as in the extension")
	rulesFile := fs.String("rules", "", "site rules (JSON, as the extension exports them) to apply to matching pages")
	tmplFile := fs.String("template", "", "print this template (file) filled from each article instead of the JSON")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return errUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	opts := extract.Options{Raw: *raw, MaxBytes: *maxMB << 20}
	if *latin {
		opts.Persian.Digits = persian.LatinDigits
	}
	if *capturedAt != "" {
		t, err := time.Parse(time.RFC3339, *capturedAt)
		if err != nil {
			return fmt.Errorf("-captured-at: %v", err)
		}
		opts.CapturedAt = t
	}
	if opts.CapturedAt.IsZero() {
		opts.CapturedAt = time.Now() // one instant for the whole run
	}
	lim := limits{fetch: *timeout, extract: *extractTimeout}
	if *pageURL != "" && fs.NArg() > 1 {
		return fmt.Errorf("-url names one page; give one input with it")
	}
	if *rulesFile != "" {
		data, err := os.ReadFile(*rulesFile)
		if err != nil {
			return fmt.Errorf("-rules: %v", err)
		}
		set, err := siterules.Parse(data)
		if err != nil {
			return fmt.Errorf("-rules %s: %v", *rulesFile, err)
		}
		opts.Rules = set
	}
	if *tmplFile != "" {
		src, err := os.ReadFile(*tmplFile)
		if err != nil {
			return fmt.Errorf("-template: %v", err)
		}
		tmpl, err := template.Parse(string(src))
		if err != nil {
			return fmt.Errorf("-template %s: %v", *tmplFile, err)
		}
		return printTemplate(tmpl, fs.Args(), *pageURL, stdin, stdout, stderr, opts, lim)
	}

	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if *pretty {
		enc.SetIndent("", "  ")
	}
	var buf, indented []byte
	failed := false
	for _, in := range fs.Args() {
		a, err := extractInput(in, *pageURL, stdin, opts, lim)
		if err != nil {
			failed = true
			if err := enc.Encode(struct {
				Input string `json:"input"`
				Error string `json:"error"`
			}{in, err.Error()}); err != nil {
				return err
			}
			continue
		}
		// The article's own encoder: what encoding/json writes, without
		// reflection.
		buf = a.AppendJSON(buf[:0])
		if *pretty {
			var b bytes.Buffer
			if err := json.Indent(&b, buf, "", "  "); err != nil {
				return err
			}
			indented = append(b.Bytes(), '\n')
		} else {
			indented = append(buf, '\n')
		}
		if _, err := stdout.Write(indented); err != nil {
			return err
		}
		buf = indented[:0]
	}
	if failed {
		return errSilent
	}
	return nil
}

// printTemplate writes the template filled from each input's article, the
// articles separated by a line feed (as the extension's export of several
// articles into one Markdown file). A failed input is reported on stderr
// and makes the exit status non-zero; the others still come out.
func printTemplate(tmpl *template.Template, inputs []string, pageURL string, stdin io.Reader, stdout, stderr io.Writer,
	opts extract.Options, lim limits) error {
	failed, first := false, true
	for _, in := range inputs {
		a, err := extractInput(in, pageURL, stdin, opts, lim)
		if err != nil {
			failed = true
			fmt.Fprintf(stderr, "barg: %s: %v\n", in, err)
			continue
		}
		out := tmpl.Execute(a.AppendJSON(nil))
		if !first {
			out = append([]byte("\n"), out...)
		}
		first = false
		if _, err := stdout.Write(out); err != nil {
			return err
		}
	}
	if failed {
		return errSilent
	}
	return nil
}
