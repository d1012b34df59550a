package metadata

import (
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/lang"
)

// readLang returns the page's declared language tag and writing direction.
// The direction is the one nearest the content: the article or main
// element and its ancestors, then <body>, then <html>.
func readLang(p *page, art ldObject, doc *html.Node) (code, dir string) {
	for _, c := range []string{
		p.htmlLang,
		p.metaValue("http-equiv:content-language", "content-language", "language", "dc:language", "dcterms:language"),
		art.str1("inLanguage"),
		p.metaValue("og:locale"),
	} {
		if code = lang.Tag(c); code != "" {
			break
		}
	}
	for n := contentRoot(doc); n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		if d := strings.ToLower(strings.TrimSpace(attr(n, "dir"))); d == "rtl" || d == "ltr" {
			return code, d
		}
	}
	return code, ""
}

// contentRoot guesses the element that holds the article: the first
// <article>, <main>, or itemprop=articleBody element.
func contentRoot(doc *html.Node) *html.Node {
	var body *html.Node
	for n := doc; n != nil; n = next(n, false) {
		if n.Type != html.ElementNode {
			continue
		}
		switch {
		case n.DataAtom == atom.Body:
			body = n
		case n.DataAtom == atom.Article, n.DataAtom == atom.Main, attr(n, "itemprop") == "articleBody":
			return n
		}
	}
	return body
}

func siteName(p *page, ld *ldData, art ldObject) string {
	if n := ld.names(art.get("publisher")); len(n) > 0 {
		return n[0]
	}
	if s := p.metaValue("og:site_name", "application-name", "apple-mobile-web-app-title"); s != "" {
		return s
	}
	for _, o := range ld.others {
		if o.is("WebSite", "NewsMediaOrganization", "Organization") {
			if s := o.str1("name"); s != "" {
				return s
			}
		}
	}
	return titleSiteName(p.title)
}

// titleSiteName is the part of the <title> after its last spaced
// separator ("… | Site Name"), if it is short enough to be a name.
func titleSiteName(t string) string {
	rs := []rune(t)
	for j := len(rs) - 2; j >= 1; j-- {
		if isTitleSep(rs[j]) && rs[j-1] == ' ' && rs[j+1] == ' ' {
			tail := strings.TrimSpace(string(rs[j+1:]))
			head := strings.TrimSpace(string(rs[:j]))
			if tail != "" && jsWords(tail) <= 5 && jsWords(head) > jsWords(tail) {
				return tail
			}
			return ""
		}
	}
	return ""
}

// title picks the article's title: JSON-LD, then Dublin Core, OpenGraph
// and Twitter titles, then the <title> element less the site's name. A
// single <h1> that agrees with the chosen title wins over a truncated or
// decorated version of it.
func title(p *page, art ldObject, site string) string {
	docTitle := documentTitle(p.title, p.headings)
	t := ""
	if art != nil {
		name, headline := art.str1("name"), art.str1("headline")
		switch {
		case name != "" && headline != "" && name != headline:
			if similarity(headline, docTitle) > 0.75 && !(similarity(name, docTitle) > 0.75) {
				t = headline
			} else {
				t = name
			}
		case name != "":
			t = name
		default:
			t = headline
		}
	}
	if t == "" {
		t = p.metaValue("dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
			"title", "twitter:title", "parsely-title")
	}
	if t == "" {
		// A microdata headline that the <title> element contains is the
		// title without what the site added around it.
		for _, n := range p.itemprops {
			if attr(n, "itemprop") == "headline" && !hidden(n) {
				if h := textOf(n); h != "" && strings.Contains(normName(docTitle), normName(h)) {
					t = h
				}
				break
			}
		}
	}
	if t == "" {
		t = docTitle
	}
	t = stripSiteName(collapse(t), site)
	// Prefer the h1 that agrees with the title but for a tail the site
	// glued on ("Headline - Site Name", "Headline | Section").
	for _, h := range p.headings {
		if h.DataAtom != atom.H1 || hidden(h) {
			continue
		}
		ht := textOf(h)
		if ht == "" || len(ht) >= len(t) || !strings.HasPrefix(t, ht) {
			continue
		}
		rest := strings.TrimSpace(t[len(ht):])
		if r, _ := utf8.DecodeRuneInString(rest); isTitleSep(r) && jsWords(rest) <= 5 && jsWords(ht) >= 3 {
			return ht
		}
	}
	return t
}

// authors reads the names of the article's authors: JSON-LD author, the
// Dublin Core and author meta tags, the page's byline element, other meta
// tags, a Persian or Arabic byline in the text, rel=author links.
func authors(p *page, ld *ldData, art ldObject, doc *html.Node, site string) []string {
	var names []string
	if art != nil {
		names = ld.names(art.get("author"))
	}
	notURL := func(s string) string {
		if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "/") {
			return ""
		}
		return s
	}
	if len(names) == 0 {
		s := p.metaValue("dc:creator", "dcterm:creator", "author", "parsely-author")
		if s == "" {
			s = notURL(p.propValue("article:author"))
		}
		if s != "" {
			names = []string{s}
		}
	}
	if len(names) == 0 && p.byline != nil {
		names = lineText(p.byline)
		if len(names) == 0 {
			names = []string{textOf(p.byline)}
		}
		// "Section" / "by Jane Doe" / date: the name starts at the "by".
		for i, l := range names {
			if low := strings.ToLower(l); i > 0 && (strings.HasPrefix(low, "by ") || low == "by") {
				names = names[i:]
				break
			}
		}
	}
	if len(names) == 0 {
		if s := notURL(p.metaValue("article:author", "sailthru:author", "byl", "twitter:creator:name")); s != "" {
			names = []string{s}
		}
	}
	if len(names) == 0 {
		names = ld.names(art.get("creator"))
	}
	if len(names) == 0 {
		names = textByline(doc)
	}
	if len(names) == 0 {
		names = p.relAuthor
	}
	return dedupe(splitNames(names), siteNames(p, ld, art, site))
}

// siteNames are the names (in normName form) by which the page names its
// site or publisher, none of which is an author: site_name, og:site_name,
// the JSON-LD publisher, the <title>'s site part, the host name without
// "www." and its registrable label ("cbsnews" of www.cbsnews.com).
func siteNames(p *page, ld *ldData, art ldObject, site string) map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		if k := normName(s); k != "" {
			out[k] = true
		}
	}
	add(site)
	add(p.metaValue("og:site_name"))
	for _, n := range ld.names(art.get("publisher")) {
		add(n)
	}
	add(titleSiteName(p.title))
	if host := strings.TrimPrefix(strings.ToLower(p.url.Hostname()), "www."); host != "" {
		add(host)
		if r := registrable(host); strings.Contains(r, ".") {
			add(r[:strings.IndexByte(r, '.')])
		}
	}
	return out
}

func description(p *page, art ldObject) string {
	if d := art.str1("description"); d != "" {
		return collapse(d)
	}
	return collapse(p.metaValue("dc:description", "dcterm:description", "og:description", "weibo:article:description",
		"weibo:webpage:description", "description", "twitter:description", "itemprop:description"))
}

// section is the part of the site the article belongs to: article:section,
// JSON-LD articleSection, microdata, then the breadcrumb trail's last
// entry that is neither the site nor the article itself.
func section(p *page, ld *ldData, art ldObject, title, site string) string {
	if s := p.metaValue("article:section", "section", "itemprop:articlesection", "parsely-section", "cxenseparse:recs:category"); s != "" {
		return s
	}
	if s := art.str1("articleSection"); s != "" {
		return s
	}
	for _, n := range p.itemprops {
		if attr(n, "itemprop") == "articleSection" {
			if s := textOf(n); s != "" && utf8.RuneCountInString(s) < 60 {
				return s
			}
		}
	}
	var trail []string
	for _, o := range ld.others {
		if !o.is("BreadcrumbList") {
			continue
		}
		if l := o.get("itemListElement"); l.isArray() {
			for _, e := range l.elems() {
				name := e.str1("name")
				if name == "" {
					name = e.str1("item.name")
				}
				trail = append(trail, name)
			}
		}
		break
	}
	if len(trail) == 0 {
		for _, c := range p.crumbs {
			if hidden(c) || textLen(c, 400) >= 400 {
				continue // a trail is short; this is a container that borrowed the name
			}
			descendants(c, 2000, func(n *html.Node) bool {
				if n.Type == html.ElementNode && (n.DataAtom == atom.A || n.DataAtom == atom.Span && attr(n, "itemprop") == "name") {
					if t := textOf(n); t != "" {
						trail = append(trail, t)
					}
				}
				return true
			})
			if len(trail) == 0 {
				for _, part := range strings.FieldsFunc(textOf(c), func(r rune) bool { return strings.ContainsRune("/>»›|", r) }) {
					trail = append(trail, strings.TrimSpace(part))
				}
			}
			if len(trail) > 0 {
				break
			}
		}
	}
	if s := crumbSection(trail, title, site); s != "" {
		return s
	}
	// A source line ("العالم - آسیا") or a kicker near the headline.
	for i, n := range p.sections {
		if d := p.sectionAt[i] - p.h1At; p.h1At == 0 || d < -20 || d > 60 {
			continue // near the headline only
		}
		t := shortText(n)
		if t == "" || utf8.RuneCountInString(t) > 60 || dateLike(t) {
			continue
		}
		parts := strings.FieldsFunc(t, func(r rune) bool { return strings.ContainsRune("-–|/›»>", r) })
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if len(parts) >= 2 && normName(parts[0]) == normName(site) {
			return parts[len(parts)-1]
		}
		if len(parts) == 1 && hintGroups(classIDBytes(nil, n))&hintSource == 0 && normName(t) != normName(site) && jsWords(t) <= 4 {
			return t
		}
	}
	return ""
}

// crumbSection is the breadcrumb trail's last entry that is neither the
// home page, the site nor the article itself.
func crumbSection(trail []string, title, site string) string {
	for i := len(trail) - 1; i >= 0; i-- {
		t := strings.TrimSpace(trail[i])
		if t == "" || normName(t) == normName(title) || normName(t) == normName(site) || isHome(t) || i == 0 && len(trail) > 1 ||
			utf8.RuneCountInString(t) > 60 {
			continue
		}
		return t
	}
	return ""
}

func isInside(n, root *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}

func isHome(s string) bool {
	switch strings.ToLower(normName(s)) {
	case "home", "homepage", "startseite", "accueil", "inicio", "صفحهاصلی", "خانه", "الرئيسية", "الرئیسیه", "الصفحةالرئيسية":
		return true
	}
	return false
}

// tags collects keywords: article:tag, JSON-LD keywords, news_keywords
// and keywords, split at commas (Latin and Arabic), de-duplicated.
func tags(p *page, art ldObject) []string {
	var raw []string
	raw = append(raw, p.metaValues("article:tag")...)
	if v := art.get("keywords"); v.isArray() {
		for _, e := range v.elems() {
			raw = append(raw, ldString(e))
		}
	} else if v != nil {
		raw = append(raw, ldString(v))
	}
	if len(raw) == 0 {
		raw = append(raw, p.metaValue("news_keywords", "keywords", "parsely-tags", "sailthru:tags"))
	}
	var out []string
	seen := map[string]bool{}
	for _, r := range raw {
		for _, t := range strings.FieldsFunc(r, func(c rune) bool { return c == ',' || c == '،' || c == ';' || c == '؛' }) {
			t = collapse(t)
			k := normName(t)
			if k == "" || seen[k] || utf8.RuneCountInString(t) > 60 || internalTag(t) {
				continue
			}
			seen[k] = true
			out = append(out, t)
			if len(out) == 30 {
				return out
			}
		}
	}
	return out
}

// internalTag reports whether a keyword is a publishing system's internal
// id or slug rather than a topic: it holds '@', '_', '=' or a
// "key:value" colon ("@hp-top-stories", "type_news", "Lite:true"), is a
// number or ends in a long one ("stream-23490979"), or is a lower-case
// slug of three words or more joined by hyphens ("hp-top-stories").
func internalTag(t string) bool {
	if strings.ContainsAny(t, "@_={}<>\\") {
		return true
	}
	if i := strings.IndexByte(t, ':'); i >= 0 && (i+1 == len(t) || t[i+1] != ' ' || !strings.Contains(t[:i], " ")) {
		return true // "Lite:true", "topic: Politics"; "Star Wars: Episode I" stays
	}
	digits := 0
	for i := len(t) - 1; i >= 0 && t[i] >= '0' && t[i] <= '9'; i-- {
		digits++
	}
	if digits == len(t) || digits >= 5 {
		return true
	}
	if !strings.Contains(t, " ") && strings.Count(t, "-") >= 2 && strings.ToLower(t) == t {
		return true
	}
	return false
}

// image is the article's lead image: OpenGraph, Twitter card, JSON-LD,
// link rel=image_src, microdata, else the first figure. Its alt text and
// caption come from the page's figure showing the same picture.
func image(p *page, ld *ldData, art ldObject) *article.Image {
	src := p.metaValue("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
	caption := ""
	if src == "" && art != nil {
		for _, k := range []string{"image", "thumbnailUrl"} {
			if src, caption = ld.url(art.get(k)); src != "" {
				break
			}
		}
	}
	if src == "" {
		src = p.metaValue("image_src", "itemprop:image", "thumbnail")
	}
	alt := p.metaValue("og:image:alt", "twitter:image:alt")
	var fig *html.Node
	for _, f := range p.figures {
		if goodFigure(p, f) {
			fig = f
			break
		}
	}
	if src == "" && fig != nil {
		src = figureSrc(p, fig)
	}
	src = p.resolve(src)
	if src == "" {
		return nil
	}
	img := &article.Image{Src: src, Alt: alt, Caption: caption}
	// The same picture in the page (same file name, any size) gives alt and caption.
	for _, f := range p.figures {
		fs := figureSrc(p, f)
		if fs == "" || path.Base(stripQuery(fs)) != path.Base(stripQuery(src)) {
			continue
		}
		im := f
		if f.DataAtom == atom.Figure {
			im = firstElement(f, atom.Img)
		}
		if img.Alt == "" && im != nil {
			img.Alt = strings.TrimSpace(attr(im, "alt"))
		}
		fg := f
		if f.DataAtom == atom.Img {
			fg = f.Parent
			for fg != nil && fg.DataAtom != atom.Figure && fg.DataAtom != atom.Body {
				fg = fg.Parent
			}
		}
		if img.Caption == "" && fg != nil && fg.DataAtom == atom.Figure {
			if c := firstElement(fg, atom.Figcaption); c != nil {
				img.Caption = textOf(c)
			}
		}
		break
	}
	return img
}

// goodFigure reports whether f can stand for the article: a visible
// figure or image with a source, neither tiny nor a logo, icon or avatar.
func goodFigure(p *page, f *html.Node) bool {
	src := figureSrc(p, f)
	if src == "" || ancestorsHave(f, 30, hidden) {
		return false
	}
	im := f
	if f.DataAtom == atom.Figure {
		im = firstElement(f, atom.Img)
	}
	if im != nil {
		for _, k := range []string{"width", "height"} {
			if v := strings.TrimSpace(attr(im, k)); v != "" && len(v) < 3 && v[0] >= '0' && v[0] <= '9' {
				return false // under 100 pixels
			}
		}
		hint := strings.ToLower(src + " " + attr(im, "class") + " " + attr(im, "alt"))
		if containsAny(hint, "logo", "icon", "avatar", "sprite", "flag", "pixel", "spacer", "badge", "gravatar") {
			return false
		}
	}
	return true
}

func stripQuery(s string) string {
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		return s[:i]
	}
	return s
}

// figureSrc is the absolute source of a <figure>'s or <img>'s picture,
// lazy-loading attributes included.
func figureSrc(p *page, n *html.Node) string {
	if n.DataAtom == atom.Figure {
		n = firstElement(n, atom.Img)
		if n == nil {
			return ""
		}
	}
	for _, k := range []string{"data-src", "data-original", "data-lazy-src", "src"} {
		if v := strings.TrimSpace(attr(n, k)); v != "" && !strings.HasPrefix(v, "data:") {
			return p.resolve(v)
		}
	}
	if ss := attr(n, "srcset"); ss != "" {
		if f := strings.Fields(ss); len(f) > 0 {
			return p.resolve(strings.TrimSuffix(f[0], ","))
		}
	}
	return ""
}

// firstElement is the first element a under root, looking at no more
// than a few thousand nodes.
func firstElement(root *html.Node, a atom.Atom) *html.Node {
	var found *html.Node
	descendants(root, 5000, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == a {
			found = n
			return false
		}
		return true
	})
	return found
}

// lead is the standfirst: an element marked as lead, summary or teaser
// near the title, else the description when the page shows it as text.
func lead(p *page, doc *html.Node, title, desc string) string {
	h1 := p.h1At
	for i, n := range p.leadNodes {
		if h1 > 0 && (p.leadAt[i] < h1 || p.leadAt[i] > h1+80) {
			continue
		}
		if ancestorsHave(n, 30, func(a *html.Node) bool {
			return hidden(a) || a.DataAtom == atom.Nav || a.DataAtom == atom.Aside || a.DataAtom == atom.Footer ||
				a.DataAtom == atom.A || a.DataAtom == atom.Meta
		}) {
			continue
		}
		t := textOf(n)
		if l := utf8.RuneCountInString(t); l < 20 || l > 1000 || normName(t) == normName(title) {
			continue
		}
		return t
	}
	if desc == "" {
		return ""
	}
	// The description, if a paragraph of the page says it.
	nd := normName(desc)
	count := 0
	for n := doc; n != nil; n = next(n, false) {
		if n.Type != html.ElementNode || n.DataAtom != atom.P {
			continue
		}
		if count++; count > 400 {
			break
		}
		if l := textLen(n, 2*len(desc)+64); 2*l < len(desc) || l > 2*len(desc)+32 {
			continue // too short or too long to say the same
		}
		if t := textOf(n); normName(t) == nd {
			return t
		}
	}
	return ""
}
