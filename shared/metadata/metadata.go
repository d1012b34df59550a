// Package metadata reads an article's metadata from its page: JSON-LD,
// OpenGraph, meta tags, microdata, and the visible text.
package metadata

import (
	"net/url"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/article"
)

// Read returns the metadata of the page doc, fetched from pageURL.
// It does not modify doc.
func Read(doc *html.Node, pageURL *url.URL) article.Meta {
	return article.Meta{URL: pageURL.String()} // Placeholder until issue 3 lands.
}

// Settle completes m once the body is known: language and direction from
// the body text when the page did not declare them (or declared them wrong).
func Settle(m *article.Meta, bodyText string) {}
