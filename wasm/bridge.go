package main

import (
	"errors"
	"strings"
	"time"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/extract"
)

// run decodes the options and extracts the article as JSON, within the
// options' timeout. pause (may be nil) is called now and then during the
// work (see extract.Options.Pause).
func run(page, pageURL, optsJSON string, pause func()) ([]byte, error) {
	req, err := parseOptions(optsJSON)
	if err != nil {
		return nil, err
	}
	var opts extract.Options
	rules, ruleNote := rulesFor(req.Rules)
	opts.Rules = rules
	opts.Deadline = time.Now().Add(req.timeout())
	opts.Pause = pause
	opts.Raw = req.Raw
	opts.Persian = req.persian()
	if req.CapturedAt != "" {
		t, err := parseTime(req.CapturedAt)
		if err != nil {
			return nil, err
		}
		opts.CapturedAt = t
	}
	r := strings.NewReader(page)
	var a *article.Article
	if req.HasSelection {
		a, err = extract.FromSelection(r, req.Selection, pageURL, opts)
	} else {
		a, err = extract.FromHTML(r, pageURL, opts)
	}
	if err != nil {
		return nil, err
	}
	if ruleNote != "" {
		a.Extractor.Notes = append(a.Extractor.Notes, ruleNote)
	}
	return encode(a)
}

var errInternal = errors.New("the extractor failed on this page")

// errorCode names an error for the extension's code: it tells the failures
// apart without matching their messages.
func errorCode(err error) string {
	switch {
	case errors.Is(err, extract.ErrNoArticle):
		return "no_article"
	case errors.Is(err, extract.ErrTooLarge):
		return "too_large"
	case errors.Is(err, extract.ErrTimeout):
		return "timeout"
	case errors.Is(err, errBadOptions):
		return "bad_options"
	case err == errInternal:
		return "internal"
	}
	return "extract"
}
