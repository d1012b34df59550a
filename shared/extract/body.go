package extract

import (
	"net/url"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/article"
)

// Body finds the main content of the page doc and returns it as blocks.
// It may modify doc. It returns ErrNoArticle when the page has no article.
func Body(doc *html.Node, base *url.URL) ([]article.Block, error) {
	b := Blocks(doc, base) // Placeholder until the content finder lands (issue 2).
	if len(b) == 0 {
		return nil, ErrNoArticle
	}
	return b, nil
}

// Blocks converts the subtree root to blocks as it is, without looking for
// boilerplate; scripts, styles and hidden elements are still dropped.
func Blocks(root *html.Node, base *url.URL) []article.Block {
	return nil // Placeholder until issue 2 lands.
}

// markDirections sets Block.Dir on blocks whose direction differs from the
// article's.
func markDirections(a *article.Article) {}
