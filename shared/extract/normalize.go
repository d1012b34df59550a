package extract

import (
	"strings"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/persian"
)

// normalize applies Persian normalization to every human-readable text field
// of a Persian article, and records what it did. Code blocks, URLs and
// machine-readable fields (dates, language tags) are left as they are.
func normalize(a *article.Article, opts persian.Options) {
	if !isPersian(a.Lang) {
		return
	}
	changes := 0
	// one Normalizer for the article: its word memo carries over from
	// block to block
	nz := persian.NewNormalizer(opts)
	norm := func(s *string) {
		if *s == "" {
			return
		}
		out, n := nz.Normalize(*s)
		*s, changes = out, changes+n
	}
	m := &a.Meta
	for _, s := range []*string{&m.Title, &m.SiteName, &m.PublishedText, &m.Description, &m.Lead, &m.Section} {
		norm(s)
	}
	for i := range m.Authors {
		norm(&m.Authors[i])
	}
	for i := range m.Tags {
		norm(&m.Tags[i])
	}
	if m.Image != nil {
		norm(&m.Image.Alt)
		norm(&m.Image.Caption)
	}
	for i := range a.Blocks {
		b := &a.Blocks[i]
		if b.Type == article.Code {
			continue
		}
		if b.Dir == "ltr" {
			continue // a Latin-script block inside a Persian article
		}
		norm(&b.Text)
		norm(&b.Alt)
		norm(&b.Caption)
		for j := range b.Items {
			norm(&b.Items[j])
		}
		for _, row := range b.Rows {
			for j := range row {
				norm(&row[j])
			}
		}
		for j := range b.Links {
			norm(&b.Links[j].Text)
		}
	}
	a.Normalization = article.Normalization{Persian: true, Digits: opts.Digits.String(), Changes: changes}
}

func isPersian(lang string) bool {
	l := strings.ToLower(lang)
	return l == "fa" || strings.HasPrefix(l, "fa-") || l == "prs" || l == "pes"
}
