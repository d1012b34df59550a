// Package article defines Barg's article model: the JSON document that a
// capture produces, versioned as "barg.article/1".
//
// Every field of the JSON is declared here; schema.json beside this file is
// its JSON Schema. Where a field is filled:
//
//   - metadata fields (Meta), all gathered by metadata.Read (shared/metadata/metadata.go):
//     title in fields.go (title) and title.go (the <title> and site-name rules);
//     authors in fields.go (authors) and authors.go (bylines);
//     published, modified, published_text in when.go, with shared/dates;
//     site_name, section, tags, description, image, lead in fields.go (one function each);
//     lang and dir in fields.go (readLang) with shared/lang, settled against the body by metadata.Settle;
//     url, canonical_url and canonical_hint in metadata.go and canonical.go; the JSON-LD they read, jsonld.go and repair.go
//   - blocks: package shared/extract (body.go and blocks.go)
//   - text, word_count, reading_minutes: Finalize, below
//   - normalization: package shared/extract (normalize.go), with shared/persian
//   - extractor, captured_at: package shared/extract (extract.go)
package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Schema is the version tag written into every article.
const Schema = "barg.article/1"

// Article is one captured article.
type Article struct {
	Schema string `json:"schema"`
	Meta
	Blocks         []Block       `json:"blocks"`
	Text           string        `json:"text"`
	WordCount      int           `json:"word_count"`
	ReadingMinutes int           `json:"reading_minutes"`
	Normalization  Normalization `json:"normalization"`
	Extractor      Extractor     `json:"extractor"`
	CapturedAt     string        `json:"captured_at"`
}

// Meta is the article's metadata: everything but the body.
type Meta struct {
	URL          string `json:"url"`
	CanonicalURL string `json:"canonical_url"`
	// CanonicalHint is a canonical URL the page declares on another site
	// than its own: shown, never used as the article's identity (any page
	// can name any URL). When it is set, CanonicalURL is "".
	CanonicalHint string   `json:"canonical_hint,omitempty"`
	Title         string   `json:"title"`
	Lang          string   `json:"lang"`
	Dir           string   `json:"dir"`
	SiteName      string   `json:"site_name"`
	Authors       []string `json:"authors"`
	Published     string   `json:"published"`      // RFC 3339 with the page's offset, or ""
	Modified      string   `json:"modified"`       // RFC 3339 with the page's offset, or ""
	PublishedText string   `json:"published_text"` // the date as the page shows it
	Description   string   `json:"description"`
	Lead          string   `json:"lead"`
	Section       string   `json:"section"`
	Tags          []string `json:"tags"`
	Image         *Image   `json:"image"`
}

// Image is the article's lead image.
type Image struct {
	Src     string `json:"src"`
	Alt     string `json:"alt,omitempty"`
	Caption string `json:"caption,omitempty"`
}

// Block types.
const (
	Heading   = "heading"
	Paragraph = "paragraph"
	List      = "list"
	Quote     = "quote"
	Figure    = "figure"
	Table     = "table"
	Code      = "code"
	Embed     = "embed"
)

// Block is one piece of the body, in reading order.
type Block struct {
	Type string `json:"type"`
	Text string `json:"text"`

	Level   int        `json:"level,omitempty"`   // heading: 1–6
	Ordered bool       `json:"ordered,omitempty"` // list
	Items   []string   `json:"items,omitempty"`   // list
	Src     string     `json:"src,omitempty"`     // figure, embed: absolute URL
	Alt     string     `json:"alt,omitempty"`     // figure
	Caption string     `json:"caption,omitempty"` // figure
	Rows    [][]string `json:"rows,omitempty"`    // table: rows of cell texts
	Lang    string     `json:"lang,omitempty"`    // code: language hint, if the page gave one
	Links   []Link     `json:"links,omitempty"`   // inline links held by the block
	Dir     string     `json:"dir,omitempty"`     // set only when it differs from the article's
}

// Link is an inline link inside a block.
type Link struct {
	Text string `json:"text"`
	Href string `json:"href"` // absolute
}

// Normalization records what text normalization did to the article.
type Normalization struct {
	Persian bool   `json:"persian"`          // Persian normalization ran
	Digits  string `json:"digits,omitempty"` // "persian" or "latin" when it ran
	Changes int    `json:"changes"`          // number of edits it made
}

// Extractor names the program that produced the article, with notes on
// what it did that the reader should know: a site rule's selector that
// matched nothing, and the heuristics decided instead.
type Extractor struct {
	Name    string   `json:"name"`
	Version string   `json:"version"`
	Notes   []string `json:"notes,omitempty"`
}

// WordsPerMinute is the reading speed behind ReadingMinutes.
const WordsPerMinute = 200

// Finalize derives Text, WordCount and ReadingMinutes from the blocks and
// replaces nil lists with empty ones, so the JSON always has the same shape.
func (a *Article) Finalize() {
	a.Schema = Schema
	if a.Authors == nil {
		a.Authors = []string{}
	}
	if a.Tags == nil {
		a.Tags = []string{}
	}
	if a.Blocks == nil {
		a.Blocks = []Block{}
	}
	a.Text = a.PlainText()
	a.WordCount = CountWords(a.Text)
	a.ReadingMinutes = 0
	if a.WordCount > 0 {
		a.ReadingMinutes = (a.WordCount + WordsPerMinute - 1) / WordsPerMinute
	}
}

// PlainText is the article's plain text as Finalize sets it: the blocks'
// plain texts, trimmed, separated by empty lines. It is for readers of the
// text before the article is final, who need no word count.
func (a *Article) PlainText() string {
	var parts []string
	for _, b := range a.Blocks {
		if t := strings.TrimSpace(b.PlainText()); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n\n")
}

// PlainText is the block's contribution to the article's plain text:
// list items one per line, table rows one per line with cells separated by
// tabs. Figures and embeds give nothing: the text is the article's prose,
// and a caption or photo credit stays in its figure block, as the human
// truth of extraction benchmarks leaves it out.
func (b *Block) PlainText() string {
	switch b.Type {
	case List:
		return strings.Join(b.Items, "\n")
	case Table:
		rows := make([]string, 0, len(b.Rows))
		for _, r := range b.Rows {
			rows = append(rows, strings.Join(r, "\t"))
		}
		return strings.Join(rows, "\n")
	case Figure, Embed:
		return ""
	}
	return b.Text
}

// CountWords counts runs of letters and digits separated by anything else.
// Joiners (ZWNJ U+200C, ZWJ U+200D) and combining marks stay inside a word,
// so "می‌شود" is one word, as a Persian reader counts it.
func CountWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		// Runes of one and two bytes (ASCII, the Arabic block) are decoded
		// here: in WebAssembly a call to utf8.DecodeRuneInString per rune
		// cost more than the counting.
		var r rune
		if c := s[i]; c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			r = rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
			i += 2
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
		}
		var word bool
		switch {
		case r < 0x80:
			word = r|0x20 >= 'a' && r|0x20 <= 'z' || r >= '0' && r <= '9' || in && r == '\''
		case r >= 0x600 && r < 0x700:
			word = arabicWordRunes[(r-0x600)/64]&(1<<((r-0x600)%64)) != 0
		default:
			word = isWordRune(r) ||
				(in && (r == '\u200c' || r == '\u200d' || r == '’'))
		}
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

// isWordRune reports whether r is a letter, a digit or a non-spacing mark.
// ASCII and the Arabic block, nearly every rune Barg counts, are answered
// from a table: in WebAssembly the unicode package's range searches here
// and in package lang took about a tenth of extracting a Persian page
// (with both tables: 24 → 21 ms on 198 KB in node).
func isWordRune(r rune) bool {
	switch {
	case r < 0x80:
		return r|0x20 >= 'a' && r|0x20 <= 'z' || r >= '0' && r <= '9'
	case r >= 0x600 && r < 0x700:
		return arabicWordRunes[(r-0x600)/64]&(1<<((r-0x600)%64)) != 0
	case r >= 0x2000 && r < 0x2070:
		return false // General Punctuation: spaces, dashes, quotes, ZWNJ, bidi marks
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// arabicWordRunes is the set of U+0600–U+06FF that isWordRune accepts,
// taken from the unicode package once.
var arabicWordRunes = func() (set [4]uint64) {
	for r := rune(0x600); r < 0x700; r++ {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			set[(r-0x600)/64] |= 1 << ((r - 0x600) % 64)
		}
	}
	return set
}()
