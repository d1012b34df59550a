package main

import (
	"encoding/json"
	"errors"
	"strings"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/extract"
	"github.com/barg-app/barg/shared/siterules"
	"github.com/barg-app/barg/shared/template"
)

// The bridge's functions for site rules and templates (registered by
// main.go): the settings page checks and tries rules and templates with
// the same Go code that captures and exports, through the background.

// rulesFor reads the site rules of a capture's options. Rules that do not
// read (the settings page refuses them when saved, so this is rare) are not
// applied, and the article's notes say why: a rule never fails a capture.
func rulesFor(rulesJSON string) (extract.SiteRules, string) {
	if strings.TrimSpace(rulesJSON) == "" {
		return nil, ""
	}
	set, err := siterules.Parse([]byte(rulesJSON))
	if err != nil {
		return nil, "site rules not applied: " + err.Error()
	}
	return set, ""
}

// ruleCheck is checkRules' answer.
type ruleCheck struct {
	OK    bool   `json:"ok"`
	Count int    `json:"count"`
	Error string `json:"error,omitempty"`
	Rule  int    `json:"rule"`  // 0-based index of the refused rule, -1 if none
	Field string `json:"field"` // its field at fault
	Pos   int    `json:"pos"`   // 1-based character of a selector's error, 0 if unknown
}

// checkRules checks a rule set as the settings page saves it.
func checkRules(rulesJSON string) []byte {
	set, err := siterules.Parse([]byte(rulesJSON))
	c := ruleCheck{OK: err == nil, Count: set.Len(), Rule: -1}
	if err != nil {
		c.Error = err.Error()
		var e *siterules.Error
		if errors.As(err, &e) {
			c.Rule, c.Field, c.Pos = e.Rule, e.Field, e.Pos
		}
	}
	out, _ := json.Marshal(c)
	return out
}

// ruleTest is testRule's answer: what the rule that applies to the page
// picks, and the article captured with it.
type ruleTest struct {
	Matched bool            `json:"matched"`
	Host    string          `json:"host"`
	Path    string          `json:"path"`
	Counts  map[string]int  `json:"counts"`
	Article json.RawMessage `json:"article,omitempty"`
	Error   string          `json:"error,omitempty"`
}

// testRule runs the rules on a page as a capture would.
func testRule(page, pageURL, rulesJSON string) ([]byte, error) {
	set, err := siterules.Parse([]byte(rulesJSON))
	if err != nil {
		return nil, err
	}
	var res ruleTest
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, err
	}
	var r siterules.Rule
	r, res.Counts, res.Matched = set.Probe(doc, pageURL)
	res.Host, res.Path = r.Host, r.Path
	if res.Matched {
		a, err := extract.FromHTML(strings.NewReader(page), pageURL, extract.Options{Rules: set})
		if err != nil {
			res.Error = err.Error()
		} else {
			res.Article = a.AppendJSON(nil)
		}
	}
	return json.Marshal(res)
}

// render fills a template from an article. kind "payload" checks and
// compacts the JSON it builds; anything else returns the text as is.
func render(src, articleJSON, kind string) ([]byte, error) {
	t, err := template.Parse(src)
	if err != nil {
		return nil, err
	}
	if kind == "payload" {
		return t.Payload([]byte(articleJSON))
	}
	return t.Execute([]byte(articleJSON)), nil
}

// checkTemplate checks a template before the settings page saves it: it
// must parse, and a payload template must build JSON. "" when it is good.
func checkTemplate(src, kind string) string {
	var err error
	if kind == "payload" {
		err = template.CheckJSON(src)
	} else {
		_, err = template.Parse(src)
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// defaults are the templates used when the user has none.
func defaults() []byte {
	out, _ := json.Marshal(map[string]string{"markdown": template.DefaultMarkdown, "filename": template.DefaultFileName})
	return out
}
