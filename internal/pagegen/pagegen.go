// Package pagegen grows one of the repository's own small test pages
// (testdata/pages) into a page of a chosen size, built the way real pages
// of that size are: a longer article (its paragraphs, headings and lists
// repeated, each copy numbered so that none is a duplicate), and around it
// what makes large pages large — inline application state in a script,
// style rules, a big menu and sidebars of teasers.
//
// It exists so that the extension's latency benchmark (e2e) and the pages
// that prime V8's code cache on install (build.sh → extension/wasm/prime.json)
// use pages of users' sizes without any third-party content.
package pagegen

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// MaxArticle bounds the article's own markup (a fifth of the page up to
// there): 48 KB is a long read (about 4,000 Persian words). Beyond it the
// page grows by its surroundings only, as real pages of megabytes do.
const MaxArticle = 48 << 10

// MaxTeasers and MaxStyle bound the sidebars' markup and the style rules;
// what a page has beyond them is inline script (application state), as on
// the large pages of today's sites.
const (
	MaxTeasers = 400 << 10
	MaxStyle   = 100 << 10
)

var (
	blockRE = regexp.MustCompile(`(?s)<(p|h2|ol|ul|blockquote|pre|table)(\s[^>]*)?>.*?</(p|h2|ol|ul|blockquote|pre|table)>`)
	linkRE  = regexp.MustCompile(`<a [^>]*>([^<]{3,})</a>`)
)

// Grow returns seed grown to about size bytes (never less than the seed).
// The seed must have an <h1> followed by the article's paragraphs, ending
// at </article> or at the first </div> after the heading. Digits in the
// numbering are Persian when the seed's html element says lang="fa".
func Grow(seed string, size int) (string, error) {
	h1 := strings.Index(seed, "</h1>")
	if h1 < 0 {
		return "", errors.New("pagegen: the seed has no <h1>")
	}
	h1 += len("</h1>")
	end := strings.Index(seed[h1:], "</article>")
	if end < 0 {
		end = strings.Index(seed[h1:], "</div>")
	}
	if end < 0 {
		return "", errors.New("pagegen: the seed's article has no end (</article> or </div>)")
	}
	end += h1
	var blocks []string
	for _, m := range blockRE.FindAllStringSubmatchIndex(seed[h1:end], -1) {
		b := seed[h1+m[0] : h1+m[1]]
		tag, attrs := seed[h1+m[2]:h1+m[3]], ""
		if m[4] >= 0 {
			attrs = seed[h1+m[4] : h1+m[5]]
		}
		if seed[h1+m[6]:h1+m[7]] != tag || strings.Contains(attrs, "byline") || strings.Contains(attrs, "lead") {
			continue
		}
		blocks = append(blocks, b)
	}
	if len(blocks) == 0 {
		return "", errors.New("pagegen: the seed's article has no paragraphs")
	}
	var links []string
	for _, m := range linkRE.FindAllStringSubmatch(seed, -1) {
		links = append(links, m[1])
	}
	if len(links) == 0 {
		links = []string{"more"}
	}
	persian := strings.Contains(seed[:min(len(seed), 200)], `lang="fa"`)
	num := func(n int) string {
		s := fmt.Sprint(n)
		if !persian {
			return s
		}
		var sb strings.Builder
		for _, r := range s {
			sb.WriteRune('۰' + (r - '0'))
		}
		return sb.String()
	}

	headEnd := strings.Index(seed, "</head>")
	if headEnd < 0 {
		return "", errors.New("pagegen: the seed has no </head>")
	}
	extra := size - len(seed)
	if extra <= 0 {
		return seed, nil
	}
	articleBytes := min(extra/5, MaxArticle)
	rest := extra - articleBytes
	// Of the rest: half menu and teasers in the body, a tenth style rules,
	// each bounded (a page of megabytes is not one of tens of thousands of
	// elements: what grows is its scripts), and inline application state in
	// a script for the remainder.
	teaserBytes, styleBytes := min(rest/2, MaxTeasers), min(rest/10, MaxStyle)
	stateBytes := rest - teaserBytes - styleBytes

	var head strings.Builder
	head.WriteString("<style>")
	for i := 0; head.Len() < styleBytes; i++ {
		fmt.Fprintf(&head, ".c%d{margin:%dpx;padding:%dpx;color:#%06x}\n", i, i%13, i%7, (i*2654435)%0xffffff)
	}
	head.WriteString("</style>\n<script>window.__STATE__={\"items\":[")
	for i, n := 0, head.Len(); head.Len()-n < stateBytes; i++ {
		if i > 0 {
			head.WriteByte(',')
		}
		fmt.Fprintf(&head, `{"id":%d,"slug":"item-%d","views":%d,"title":%q}`, i, i*7919, i*31, links[i%len(links)])
	}
	head.WriteString("]};</script>\n")

	var art strings.Builder
	for i := 0; art.Len() < articleBytes; i++ {
		b := blocks[i%len(blocks)]
		if copyN := i / len(blocks); copyN > 0 {
			// Number each later copy inside its first element's text.
			if j := strings.IndexByte(b, '>'); j >= 0 {
				b = b[:j+1] + num(copyN+1) + ". " + b[j+1:]
			}
		}
		art.WriteString(b)
		art.WriteByte('\n')
	}

	var out strings.Builder
	out.Grow(size + 4096)
	out.WriteString(seed[:headEnd])
	out.WriteString(head.String())
	out.WriteString(seed[headEnd:end])
	out.WriteString(art.String())
	// The surroundings fill the page up to its size, after the article.
	tail := seed[end:]
	bodyEnd := strings.LastIndex(tail, "</body>")
	if bodyEnd < 0 {
		bodyEnd = len(tail)
	}
	out.WriteString(tail[:bodyEnd])
	out.WriteString("<aside class=\"more\"><ul>\n")
	for i := 0; out.Len()+len(tail)-bodyEnd+len("</ul></aside>\n") < size; i++ {
		fmt.Fprintf(&out, `<li class="teaser c%d"><a href="/n/%d"><img loading="lazy" src="/img/%d.jpg" alt=""><span>%s %s</span></a></li>`+"\n",
			i%400, i, i, links[i%len(links)], num(i+1))
	}
	out.WriteString("</ul></aside>\n")
	out.WriteString(tail[bodyEnd:])
	return out.String(), nil
}
