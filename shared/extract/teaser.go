package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/boilerplate"
)

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
			// Take the links, or the headlines, that the teaser line
			// introduces with it.
			box := utf8.RuneCountInString(b.Text) <= 40
			for i+1 < len(blocks) && (allLink(&blocks[i+1]) || box && headline(&blocks[i+1])) {
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
	if boilerplate.Opens(boilerplate.Fold(t), boilerplate.Teaser) {
		return utf8.RuneCountInString(t) <= 40 || linkShare(b) >= 0.5
	}
	return false
}

// headline reports a short line that reads as the title of another story:
// a paragraph, heading or list of at most 120 characters a line that ends
// without a sentence's full stop.
func headline(b *article.Block) bool {
	switch b.Type {
	case article.Paragraph, article.Heading:
		return headlineText(b.Text)
	case article.List:
		for _, it := range b.Items {
			if !headlineText(it) {
				return false
			}
		}
		return len(b.Items) > 0
	}
	return false
}

func headlineText(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 120 || strings.Contains(s, "\n") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	switch last {
	case '.', '!', ':', '。', '؛':
		return false
	}
	return true
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

// isUILabel reports a paragraph that is only a widget's label: a phrase
// of the label lists, a slideshow's counter ("1 of 24", "3 / 12",
// "2 von 9") or a button's glyph alone ("×", "›").
func isUILabel(b *article.Block) bool {
	if b.Type != article.Paragraph || len(b.Text) > 48 {
		return false
	}
	f := boilerplate.Fold(b.Text)
	if f == "" {
		// One or two symbols beyond ASCII; a rule typed as text ("__",
		// "* * *") is the author's section break and stays.
		t := strings.TrimSpace(b.Text)
		return utf8.RuneCountInString(t) <= 2 && len(b.Links) == 0 && !strings.ContainsFunc(t, func(r rune) bool { return r < 0x80 })
	}
	return counter(f) || boilerplate.Is(f, boilerplate.Label) || boilerplate.OnlyGlue(f)
}

// counter reports folded text that is a slideshow's position: a number,
// a short word or a slash, and a number.
func counter(f string) bool {
	num := func(s string) bool {
		if s == "" || len(s) > 4 {
			return false
		}
		for _, r := range s {
			if !unicode.IsDigit(r) {
				return false
			}
		}
		return true
	}
	parts := strings.Fields(strings.ReplaceAll(f, "/", " / "))
	if len(parts) != 3 || !num(parts[0]) || !num(parts[2]) {
		return false
	}
	return parts[1] == "/" || utf8.RuneCountInString(parts[1]) <= 3 && !num(parts[1])
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

// dropTrailers removes the short notes at the end of the article that
// point elsewhere: "Follow her on Twitter", "Subscribe to our newsletter",
// "© 2024 …", and a blog's post-data line, which holds links (its
// categories) and a phrase of post metadata anywhere ("This entry was
// posted on … and is filed under … You can follow any responses to this
// entry…"). A note says what it is for in its first sentence: a closing
// paragraph that tells something first ("Each week this column reviews
// …") and mentions subscribing or following only after is the writer's,
// and stays. It stops at the first block that is not such a note.
func dropTrailers(blocks []article.Block) []article.Block {
	for len(blocks) > 1 {
		b := &blocks[len(blocks)-1]
		if b.Type != article.Paragraph || len(b.Text) > 400 {
			break
		}
		f := boilerplate.Fold(b.Text)
		if !(len(b.Text) <= 300 && boilerplate.Contains(firstSentence(f), boilerplate.Trailer)) && !(len(b.Links) > 0 && boilerplate.Contains(f, boilerplate.Furniture)) {
			break
		}
		blocks = blocks[:len(blocks)-1]
	}
	return blocks
}

// isFurnitureLine reports a short paragraph or heading that is a news
// site's line (news code, tags, update stamp) or an end-of-story mark.
func isFurnitureLine(b *article.Block) bool {
	if (b.Type != article.Paragraph && b.Type != article.Heading) || len(b.Text) > 200 {
		return false
	}
	f := boilerplate.Fold(b.Text)
	return boilerplate.Opens(f, boilerplate.Furniture) || boilerplate.Is(f, boilerplate.End)
}

// dropFurniture removes the lines that news sites print around and inside
// the text: the news code, the short link, tag lists, update stamps, the
// comment form's title ("کد خبر: ۱۲۳۴۵", "Tags: …", "نظر شما"). At an
// end-of-story mark ("انتهای پیام") the article ends, unless more text
// follows than came before it.
func dropFurniture(blocks []article.Block) []article.Block {
	out := blocks[:0]
	total := textLength(blocks)
	seen := 0
	for i := range blocks {
		b := blocks[i]
		n := len(b.PlainText())
		if (b.Type == article.Paragraph || b.Type == article.Heading) && len(b.Text) <= 200 {
			f := boilerplate.Fold(b.Text)
			if boilerplate.Is(f, boilerplate.End) {
				if total-seen-n < seen {
					return out
				}
				seen += n
				continue
			}
			if boilerplate.Opens(f, boilerplate.Furniture) {
				seen += n
				continue
			}
		}
		seen += n
		out = append(out, b)
	}
	return out
}

// firstSentence is s up to the end of its first sentence (". ", "! ",
// "? "), or all of s (also in scripts that end sentences otherwise).
func firstSentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '.', '!', '?':
			if s[i+1] == ' ' || s[i+1] == '\n' {
				return s[:i+1]
			}
		}
	}
	return s
}
