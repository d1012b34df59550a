package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/barg-app/barg/shared/article"
)

// teaserPhrases open the boxes that point readers to other pages, which
// sites put inside the article's text: "Read more: …", "You may also
// like…". Matched case-insensitively at the start of a short block.
var teaserPhrases = []string{
	"read more", "see more", "see also", "also read", "read also", "related:", "related articles",
	"related stories", "related coverage", "more on this", "more from", "you may also like",
	"you might also like", "recommended", "don't miss", "don’t miss", "most read", "most popular",
	"sign up", "subscribe", "follow us", "click here", "advertisement", "advert", "sponsored", "anzeige", "publicité", "watch:", "listen:",
	"sharing is caring", "first published", "this slideshow requires javascript",
	"بیشتر بخوانید", "بخوانید:", "اخبار مرتبط", "مطالب مرتبط", "اقرأ أيضا", "اقرأ أيضاً", "اقرأ المزيد",
}

// uiLabels are the words of buttons and widgets that render as text when
// their scripts are gone; a block that is one of them alone is dropped.
var uiLabels = []string{"caption", "close", "open", "expand", "collapse", "share", "tweet", "email",
	"print", "menu", "search", "loading", "loading...", "more", "previous", "next", "back to top",
	"comments", "image", "photo", "video", "play", "pause", "skip ad", "hide caption", "show caption",
	"toggle caption", "enlarge this image"}

// dropTeasers removes, from the article's blocks, the pointers to other
// pages that survived the cleaning: a short block opening with a teaser
// phrase when it is mostly link text or is a heading-like line followed by
// links, and runs of two or more paragraphs that are each one link.
func dropTeasers(blocks []article.Block) []article.Block {
	out := blocks[:0]
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if isUILabel(&b) {
			continue
		}
		if isTeaser(&b) {
			// Take the links that the teaser line introduces with it.
			for i+1 < len(blocks) && allLink(&blocks[i+1]) {
				i++
			}
			continue
		}
		if allLink(&b) && shouting(b.Text) {
			continue // a headline of another story, in capitals
		}
		if allLink(&b) && i+1 < len(blocks) && allLink(&blocks[i+1]) {
			for i+1 < len(blocks) && allLink(&blocks[i+1]) {
				i++
			}
			continue
		}
		out = append(out, b)
	}
	return out
}

// isTeaser reports a short paragraph or heading that opens with a teaser
// phrase and either is mostly links or is short enough to be a box title.
func isTeaser(b *article.Block) bool {
	if b.Type != article.Paragraph && b.Type != article.Heading {
		return false
	}
	t := b.Text
	if len(t) > 200 {
		return false
	}
	low := strings.ToLower(strings.TrimLeftFunc(t, func(r rune) bool { return !unicode.IsLetter(r) }))
	for _, p := range teaserPhrases {
		if strings.HasPrefix(low, p) {
			return utf8.RuneCountInString(t) <= 40 || linkShare(b) >= 0.5
		}
	}
	return false
}

// allLink reports a short paragraph or list whose text is all link text.
func allLink(b *article.Block) bool {
	switch b.Type {
	case article.Paragraph:
		return len(b.Text) < 200 && linkShare(b) >= 0.9
	case article.List:
		return linkShare(b) >= 0.9
	}
	return false
}

// linkShare is the share of the block's text that is link text.
func linkShare(b *article.Block) float64 {
	n := 0
	for _, l := range b.Links {
		n += len(l.Text)
	}
	total := len(b.PlainText())
	if b.Type == article.List {
		total = 0
		for _, it := range b.Items {
			total += len(it)
		}
	}
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

// isUILabel reports a paragraph that is only a widget's label.
func isUILabel(b *article.Block) bool {
	if b.Type != article.Paragraph || len(b.Text) > 24 {
		return false
	}
	t := strings.ToLower(strings.TrimSpace(b.Text))
	for _, l := range uiLabels {
		if t == l {
			return true
		}
	}
	return false
}

// shouting reports text of several words written in capitals only.
func shouting(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters >= 12 && strings.Count(s, " ") >= 2
}

// trailerMarks are what the notes after an article say: where to follow
// the author, how to subscribe, who owns the copyright.
var trailerMarks = []string{"follow us", "follow him", "follow her", "follow them",
	"newsletter", "subscribe", "sign up", "have a tip", "news tip", "contact us", "email us",
	"©", "copyright", "all rights reserved", "click here", "download the app", "get the app"}

// dropTrailers removes the short notes at the end of the article that
// point elsewhere: "Follow her on Twitter", "Subscribe to our newsletter",
// "© 2024 …". It stops at the first block that is not such a note.
func dropTrailers(blocks []article.Block) []article.Block {
	for len(blocks) > 1 {
		b := &blocks[len(blocks)-1]
		if b.Type != article.Paragraph || len(b.Text) > 300 {
			break
		}
		low := strings.ToLower(b.Text)
		if !hasAny(low, trailerMarks) {
			break
		}
		blocks = blocks[:len(blocks)-1]
	}
	return blocks
}
