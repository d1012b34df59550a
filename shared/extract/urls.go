package extract

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/shared/weburl"
)

// resolve makes ref absolute against base. It returns "" for an empty ref,
// one that does not parse, or one whose scheme is not http or https (or
// mailto, when mail is set): javascript:, data: and the like are dropped.
func resolve(base *weburl.URL, ref string, mail bool) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || ref[0] == '#' && base == nil {
		return ""
	}
	var u *weburl.URL
	var err error
	if base != nil {
		u, err = base.Parse(ref)
	} else {
		u, err = weburl.Parse(ref)
	}
	if err != nil {
		return ""
	}
	switch lowerASCII(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
		return u.String()
	case "mailto":
		if mail {
			return u.String()
		}
	}
	return ""
}

// lazyAttrs are the attributes that lazy-loading scripts read the real image
// address from, most specific first.
var lazyAttrs = [...]string{
	"data-src", "data-original", "data-lazy-src", "data-lazy", "data-url",
	"data-hi-res-src", "data-full-src", "data-orig-src", "data-actualsrc",
}

// imageSrc returns the absolute address of the image an <img> shows once
// its lazy loader has run: a lazy attribute, else the largest srcset
// candidate (of the img or of its <picture>'s sources), else src. Data URIs
// (placeholders) are never returned.
func imageSrc(n *html.Node, base *weburl.URL) string {
	for _, k := range lazyAttrs {
		if v := attr(n, k); v != "" && !isPlaceholder(v) {
			if u := resolve(base, v, false); u != "" {
				return u
			}
		}
	}
	for _, k := range [...]string{"data-srcset", "srcset", "data-lazy-srcset"} {
		if v := largestSrcset(attr(n, k)); v != "" {
			if u := resolve(base, v, false); u != "" {
				return u
			}
		}
	}
	if p := n.Parent; p != nil && p.DataAtom == atom.Picture {
		best, bestSize := "", -1.0
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom != atom.Source {
				continue
			}
			for _, k := range [...]string{"data-srcset", "srcset"} {
				if v, size := largest(attr(c, k)); v != "" && size > bestSize {
					best, bestSize = v, size
				}
			}
		}
		if best != "" {
			if u := resolve(base, best, false); u != "" {
				return u
			}
		}
	}
	if v := attr(n, "src"); !isPlaceholder(v) {
		return resolve(base, v, false)
	}
	return ""
}

func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	return v == "" || len(v) >= 5 && strings.EqualFold(v[:5], "data:")
}

// largestSrcset returns the URL of the largest candidate of a srcset.
func largestSrcset(s string) string {
	u, _ := largest(s)
	return u
}

// largest parses a srcset ("a.jpg 480w, b.jpg 800w" or "a.jpg 1x, b.jpg
// 2x") and returns its largest candidate and that candidate's size.
func largest(s string) (string, float64) {
	best, bestSize := "", -1.0
	for s != "" {
		s = strings.TrimLeft(s, " \t\n\r\f,")
		if s == "" {
			break
		}
		end := strings.IndexAny(s, " \t\n\r\f")
		var u, desc string
		if end < 0 {
			u, s = s, ""
		} else {
			u, s = s[:end], s[end:]
		}
		if strings.HasSuffix(u, ",") {
			u = strings.TrimRight(u, ",") // "a.jpg, b.jpg 2x": no descriptor
		} else if c := strings.IndexByte(s, ','); c >= 0 {
			desc, s = s[:c], s[c+1:]
		} else {
			desc, s = s, ""
		}
		size := 1.0
		if d := strings.TrimSpace(desc); len(d) > 1 {
			if v, err := strconv.ParseFloat(d[:len(d)-1], 64); err == nil {
				size = v
			}
		}
		if u != "" && !isPlaceholder(u) && size > bestSize {
			best, bestSize = u, size
		}
	}
	return best, bestSize
}

// embedSrc returns the absolute address an iframe, embed, object, video or
// audio element plays, looking at <source> children too.
func embedSrc(n *html.Node, base *weburl.URL) string {
	for _, k := range [...]string{"src", "data-src", "data", "data-lazy-src"} {
		if u := resolve(base, attr(n, k), false); u != "" {
			return u
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Source {
			if u := resolve(base, attr(c, "src"), false); u != "" {
				return u
			}
		}
	}
	return ""
}
