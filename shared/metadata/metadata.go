// Package metadata reads an article's metadata from its page: JSON-LD,
// OpenGraph, Twitter cards, Dublin Core and other meta tags, microdata,
// <time> elements, breadcrumbs, and the visible text (bylines, dates) when
// nothing machine-readable is there.
//
// Sources are merged by reliability, field by field; the order follows
// Mozilla Readability's where it has one, so that the results agree with
// the pages its test suite describes, and goes beyond it for the fields it
// does not read (dates shown only as text, Jalali and Hijri dates, section,
// tags, lead, image).
//
// The package compiles into Barg's WebAssembly module, so it uses
// x/net/html directly and reads JSON-LD with its own small JSON reader
// (json.go), and uses neither regexp, fmt nor encoding/json.
package metadata

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/lang"
	"github.com/barg-app/barg/shared/weburl"
)

// Read returns the metadata of the page doc, fetched from pageURL.
// It does not modify doc.
func Read(doc *html.Node, pageURL *weburl.URL) article.Meta {
	if pageURL == nil {
		pageURL = &weburl.URL{}
	}
	m := article.Meta{URL: pageURL.String()}
	if doc == nil {
		return m
	}
	p := scan(doc, pageURL)
	ld := readJSONLD(p.jsonld)

	claimed := p.resolve(p.canonical)
	if claimed == "" {
		claimed = p.resolve(p.metaValue("og:url"))
	}
	m.CanonicalURL, m.CanonicalHint = canonical(pageURL, claimed)
	self := claimed
	if self == "" {
		self = m.URL
	}
	art := ld.mainArticle(self, p.title+" "+p.metaValue("og:title"))
	m.Lang, m.Dir = readLang(p, art, doc)
	m.SiteName = siteName(p, ld, art)
	m.Title = title(p, art, m.SiteName)
	m.Authors = authors(p, ld, art, doc, m.SiteName)
	m.Description = description(p, art)
	readDates(&m, p, art, doc)
	m.Section = section(p, ld, art, m.Title, m.SiteName)
	m.Tags = tags(p, art)
	m.Image = image(p, ld, art)
	m.Lead = lead(p, doc, m.Title, m.Description)
	return m
}

// Settle completes m once the body is known: language and direction from
// the body text when the page did not declare them (or declared them wrong).
func Settle(m *article.Meta, bodyText string) {
	sample := bodyText
	if strings.TrimSpace(sample) == "" {
		sample = m.Title + " " + m.Description
	}
	detected := lang.Detect(sample)
	switch {
	case m.Lang == "":
		m.Lang = detected
	case detected != "" && lang.Base(detected) != lang.Base(m.Lang):
		if wrongLang(m.Lang, detected, sample) {
			m.Lang = detected
		}
	}
	want := lang.Direction(m.Lang)
	switch {
	case want == "rtl":
		m.Dir = "rtl"
	case m.Dir == "":
		m.Dir = want
	}
	if m.Dir == "" {
		// No language known: the script of the text decides.
		if s, share := lang.Measure(sample).Dominant(); share >= 0.5 {
			m.Dir = "ltr"
			if s == lang.Arabic || s == lang.Hebrew {
				m.Dir = "rtl"
			}
		}
	}
}

// wrongLang reports whether a page's declared language must give way to
// the one detected in its text: when the text is hardly written in the
// declared language's script (a template left at lang="en" on a Persian
// site), or, within the Arabic script, when the letters say Persian,
// Arabic, Urdu or Pashto unambiguously.
func wrongLang(declared, detected, text string) bool {
	p := lang.Measure(text)
	if p.Letters < 40 {
		return false
	}
	ds, ts := lang.ScriptOfLang(declared), lang.ScriptOfLang(detected)
	if (ds == lang.Han || ds == lang.Kana) && (ts == lang.Han || ts == lang.Kana) {
		return false // Chinese and Japanese share their characters
	}
	dom, share := p.Dominant()
	if ds != ts {
		return ds != lang.Other && p.Share(ds) < 0.15 && dom == ts && share >= 0.6
	}
	// Same script: only the Arabic-script languages are told apart by letters.
	if ds != lang.Arabic || dom != lang.Arabic || share < 0.6 {
		return false
	}
	d, t := lang.Base(declared), lang.Base(detected)
	if persianFamily[d] && persianFamily[t] {
		return false // Dari and Iranian Persian are one language to Barg
	}
	if persianFamily[d] && t == "ar" {
		// A Persian page quoting Arabic stays Persian: only a text without
		// a single پ چ ژ گ is taken for Arabic.
		return !strings.ContainsAny(text, "پچژگ")
	}
	return true
}

var persianFamily = map[string]bool{"fa": true, "prs": true, "pes": true}
