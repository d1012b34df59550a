package main

// A diagnostic, never an official figure: why does Barg trail a peer on a
// page? Some sets' truths keep lines that Barg leaves out of "text" on
// purpose (issue 11): the headline and the dateline (title, date and author
// are metadata), figure captions (they stay in their figure blocks), the
// comment thread and related-story lists (boilerplate). diagnose finds
// where each truth line sits in the page, names the lines of those kinds,
// scores every extractor again against the truth without them, and counts
// the trailing pages again. A page that trails only because of such lines
// is "by design"; the rest are extraction failures, split by what Barg got
// wrong.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/barg-app/barg/internal/articleeval"
	"github.com/barg-app/barg/shared/charset"
)

// kind is what a truth line is, judged by where it sits in the page.
type kind int

const (
	kindText     kind = iota // the article's prose, as far as the page shows
	kindTitle                // the headline
	kindDateline             // date, author or byline line at the top
	kindCaption              // a figure caption or photo credit
	kindComments             // inside the comment section
	kindRelated              // inside a box named related, popular, recent…
	kindLinkList             // an item of a list whose items are mostly a link
	kindUnfound              // not found in the page's text
	nKinds
)

var kindNames = [nKinds]string{"text", "title", "dateline", "caption", "comments", "related", "link list", "unfound"}

// A forgiveness is the set of kinds of truth line that a diagnostic
// leaves out of the truth and of every prediction.
type forgiveness [nKinds]bool

var (
	// byDesign: what issue 11 keeps out of "text" on purpose.
	byDesign = forgiveness{kindTitle: true, kindDateline: true, kindCaption: true, kindComments: true, kindRelated: true}
	// byDesignLinks adds lists of links anywhere, whether the page names
	// them related or not (in-body "Top DIY clocks:" lists, but also a
	// post that is a list of links: the reading most favourable to Barg).
	byDesignLinks = forgiveness{kindTitle: true, kindDateline: true, kindCaption: true, kindComments: true, kindRelated: true, kindLinkList: true}
)

// pageText is a page's text as a stream of \w tokens, each with the text
// node it came from.
type pageText struct {
	tokens []string
	owner  []*html.Node
	at     map[string][]int // positions of each token
}

func readPage(raw []byte, ctype string) (*pageText, error) {
	b, _, err := charset.Decode(raw, ctype)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		return nil, err
	}
	pt := &pageText{at: map[string][]int{}}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				return
			}
		}
		if n.Type == html.TextNode {
			for _, t := range articleeval.Tokens(n.Data) {
				pt.at[t] = append(pt.at[t], len(pt.tokens))
				pt.tokens = append(pt.tokens, t)
				pt.owner = append(pt.owner, n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	return pt, nil
}

// find returns the text node where the token sequence toks (its first six
// tokens) first occurs, or nil.
func (pt *pageText) find(toks []string) *html.Node {
	k := min(len(toks), 6)
	if k == 0 {
		return nil
	}
next:
	for _, i := range pt.at[toks[0]] {
		if i+k > len(pt.tokens) {
			continue
		}
		for j := 1; j < k; j++ {
			if pt.tokens[i+j] != toks[j] {
				continue next
			}
		}
		return pt.owner[i]
	}
	return nil
}

var dateWords = regexp.MustCompile(`(?i)\b(19|20)\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\bposted\b|^by\b|\bwritten by\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}`)

// Words that name a box in class and id names, matched as prefixes of the
// names' words (split at anything but a letter): "comment-body",
// "commentlist", "yarpp-related". <html> and <body> are not looked at
// (their classes are often feature flags: "feature_newcomments").
var (
	commentWords = []string{"comment", "disqus", "respond", "responses", "replies", "reply", "trackback", "pingback"}
	relatedWords = []string{"related", "similar", "yarpp", "recommend", "popular", "linkwithin", "zemanta", "outbrain", "recent", "also"}
	captionWords = []string{"caption", "credit"}
)

// hasWord reports whether one of names' words starts with one of prefixes.
func hasWord(names string, prefixes []string) bool {
	for _, w := range strings.FieldsFunc(names, func(r rune) bool { return r < 'a' || r > 'z' }) {
		for _, p := range prefixes {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

// hints returns the tags and the lowercased class and id names of n's
// ancestors below <body>.
func hints(n *html.Node) (tags []atom.Atom, names string) {
	var sb strings.Builder
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode || p.DataAtom == atom.Body || p.DataAtom == atom.Html {
			continue
		}
		tags = append(tags, p.DataAtom)
		for _, a := range p.Attr {
			if a.Key == "class" || a.Key == "id" {
				sb.WriteString(strings.ToLower(a.Val))
				sb.WriteByte(' ')
			}
		}
	}
	return tags, sb.String()
}

// containsSeq reports whether the token sequence sub occurs in toks.
func containsSeq(toks, sub []string) bool {
	if len(sub) == 0 || len(sub) > len(toks) {
		return false
	}
next:
	for i := 0; i+len(sub) <= len(toks); i++ {
		for j := range sub {
			if toks[i+j] != sub[j] {
				continue next
			}
		}
		return true
	}
	return false
}

// classify names each line of the truth (lines without tokens are left
// out) by where it sits in the page and what Barg put in its metadata.
func classify(lines [][]string, pt *pageText, o output) []kind {
	title := articleeval.Tokens(o.title)
	meta := articleeval.Tokens(o.date + " " + strings.Join(o.authors, " "))
	var caps [][]string
	for _, c := range o.captions {
		caps = append(caps, articleeval.Tokens(c))
	}
	out := make([]kind, len(lines))
	for i, toks := range lines {
		node := pt.find(toks)
		var tags []atom.Atom
		names := ""
		if node != nil {
			tags, names = hints(node)
		}
		inTag := func(as ...atom.Atom) bool {
			for _, t := range tags {
				for _, a := range as {
					if t == a {
						return true
					}
				}
			}
			return false
		}
		isCaption := inTag(atom.Figcaption) || hasWord(names, captionWords)
		for _, c := range caps {
			isCaption = isCaption || containsSeq(c, toks) || len(c) >= 4 && containsSeq(toks, c)
		}
		line := strings.Join(toks, " ")
		switch {
		case i < 3 && len(title) > 0 && (containsSeq(title, toks) || len(title) >= 3 && containsSeq(toks, title) && len(toks) <= len(title)+6):
			out[i] = kindTitle
		case i < 3 && node != nil && inTag(atom.H1, atom.H2) && len(toks) <= 25:
			out[i] = kindTitle
		case i < 6 && len(toks) <= 20 && (len(meta) > 0 && overlap(toks, meta) >= 0.5 || dateWords.MatchString(line)):
			out[i] = kindDateline
		case node == nil && isCaption:
			out[i] = kindCaption
		case node == nil:
			out[i] = kindUnfound
		case hasWord(names, commentWords):
			out[i] = kindComments
		case isCaption:
			out[i] = kindCaption
		case hasWord(names, relatedWords):
			out[i] = kindRelated
		case linkItem(node):
			out[i] = kindLinkList
		default:
			out[i] = kindText
		}
	}
	return out
}

// linkItem reports whether n sits in a list item whose text is mostly
// (60% of its tokens or more) link text.
func linkItem(n *html.Node) bool {
	var li *html.Node
	for p := n.Parent; p != nil && li == nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Li {
			li = p
		}
	}
	if li == nil {
		return false
	}
	all, linked := 0, 0
	var visit func(n *html.Node, inLink bool)
	visit = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode {
			k := len(articleeval.Tokens(n.Data))
			all += k
			if inLink {
				linked += k
			}
		}
		inLink = inLink || n.Type == html.ElementNode && n.DataAtom == atom.A
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, inLink)
		}
	}
	visit(li, false)
	return all > 0 && linked*5 >= all*3
}

// overlap is the share of toks found among other.
func overlap(toks, other []string) float64 {
	set := map[string]bool{}
	for _, t := range other {
		set[t] = true
	}
	n := 0
	for _, t := range toks {
		if set[t] {
			n++
		}
	}
	return float64(n) / float64(max(len(toks), 1))
}

// covered is the share of the line's 4-token shingles found in pred's
// (the whole line when it is shorter than four tokens).
func covered(toks []string, pred map[string]bool) float64 {
	if len(toks) < 4 {
		if pred[strings.Join(toks, "\x00")] {
			return 1
		}
		return 0
	}
	n := 0
	for i := 0; i+4 <= len(toks); i++ {
		if pred[strings.Join(toks[i:i+4], "\x00")] {
			n++
		}
	}
	return float64(n) / float64(len(toks)-3)
}

// shingleSet is the set of pred's 4-token shingles, and of every shorter
// run of tokens inside one line, for covered.
func shingleSet(pred string) map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(pred, "\n") {
		toks := articleeval.Tokens(line)
		for n := 1; n <= 4; n++ {
			for i := 0; i+n <= len(toks); i++ {
				m[strings.Join(toks[i:i+n], "\x00")] = true
			}
		}
	}
	return m
}

// strip drops from pred the lines that are mostly the truth's left-out
// lines (gone, as shingleSet gives them), so that no extractor gains or
// loses by them.
func strip(pred string, gone map[string]bool) string {
	if len(gone) == 0 {
		return pred
	}
	var out []string
	for _, line := range strings.Split(pred, "\n") {
		if t := articleeval.Tokens(line); len(t) > 0 && covered(t, gone) >= 0.5 {
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// loadPeers reads the peers' predictions for set from dir, in the pages'
// order.
func loadPeers(dir, set string, pages []page) (names []string, preds map[string][]string) {
	preds = map[string][]string{}
	files, _ := filepath.Glob(filepath.Join(dir, set+"-*.json"))
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), set+"-"), ".json")
		if name == "barg" || name == "truth" {
			continue
		}
		m, err := readPreds(f)
		if err != nil {
			fail(err)
		}
		ps := make([]string, len(pages))
		for i, p := range pages {
			ps[i] = m[p.id]
		}
		names = append(names, name)
		preds[name] = ps
	}
	sort.Strings(names)
	return names, preds
}

// diagnose prints, for set, the trailing counts against a truth without
// the lines Barg leaves out by design, and each trailing page's cause.
func diagnose(set string, pages []page, outs []output, peerDir string, forgive forgiveness, label string, list bool) {
	peers, peerPreds := loadPeers(peerDir, set, pages)
	if len(peers) == 0 {
		return
	}
	type verdict struct {
		id                 string
		part               int
		barg, peer         float64 // official F1, against the better peer of the page
		bargF, peerF       float64 // F1 against the forgiving truth
		bestSet, bestSetF  float64 // the set's best peer, official and forgiving
		missed             [nKinds]int
		forgivenEmpty      bool
		cause              string
		trailsSet, trailsP bool
	}
	all := map[string][]articleeval.Counts{}
	allF := map[string][]articleeval.Counts{}
	var vs []verdict
	var kept, missed [nKinds]int // tokens of truth lines Barg holds and misses, by kind
	for i, p := range pages {
		var lines [][]string
		var raw []string
		for _, l := range strings.Split(p.truth, "\n") {
			if t := articleeval.Tokens(l); len(t) > 0 {
				lines = append(lines, t)
				raw = append(raw, l)
			}
		}
		pt, err := readPage(p.raw, p.ctype)
		if err != nil {
			fmt.Fprintf(os.Stderr, "clieval: %s: %v\n", p.id, err)
			pt = &pageText{at: map[string][]int{}}
		}
		kinds := classify(lines, pt, outs[i])
		var rest []string
		for j, k := range kinds {
			if !forgive[k] {
				rest = append(rest, raw[j])
			}
		}
		forgiving := strings.Join(rest, "\n")
		var gone []string
		for j, k := range kinds {
			if forgive[k] {
				gone = append(gone, raw[j])
			}
		}
		goneSh := shingleSet(strings.Join(gone, "\n"))
		v := verdict{id: p.id, part: p.part, forgivenEmpty: strings.TrimSpace(p.truth) != "" && len(rest) == 0}
		if v.forgivenEmpty && list {
			var ks []string
			for _, k := range kinds {
				ks = append(ks, kindNames[k])
			}
			fmt.Printf("    truth all left out, %s: %s\n", p.id, strings.Join(ks, ","))
		}
		bargSh := shingleSet(outs[i].text)
		for j, toks := range lines {
			if covered(toks, bargSh) < 0.5 {
				v.missed[kinds[j]] += len(toks)
			} else {
				kept[kinds[j]] += len(toks)
			}
		}
		preds := map[string]string{"barg": outs[i].text}
		for _, n := range peers {
			preds[n] = peerPreds[n][i]
		}
		for n, pred := range preds {
			all[n] = append(all[n], articleeval.Score(p.truth, pred))
			allF[n] = append(allF[n], articleeval.Score(forgiving, strip(pred, goneSh)))
		}
		v.barg, v.bargF = f1Of(all["barg"][i]), f1Of(allF["barg"][i])
		for _, n := range peers {
			v.peer = max(v.peer, f1Of(all[n][i]))
			v.peerF = max(v.peerF, f1Of(allF[n][i]))
		}
		vs = append(vs, v)
	}
	// The set's best peer, by corpus F1, official and forgiving.
	best, bestF := "", ""
	b1, b2 := -1.0, -1.0
	for _, n := range peers {
		if f, _, _ := articleeval.Corpus(all[n]); f > b1 {
			best, b1 = n, f
		}
		if f, _, _ := articleeval.Corpus(allF[n]); f > b2 {
			bestF, b2 = n, f
		}
	}
	for i := range vs {
		for k := range missed {
			missed[k] += vs[i].missed[k]
		}
	}
	fmt.Printf("\n%s, %s: tokens of truth lines by kind, that Barg's text holds / misses:", set, label)
	for k := kind(0); k < nKinds; k++ {
		fmt.Printf(" %s %d/%d", kindNames[k], kept[k], missed[k])
	}
	fmt.Println()
	fmt.Printf("\n%s, DIAGNOSTIC (not the official figure): %s\n", set, label)
	for _, n := range append([]string{"barg"}, peers...) {
		f, pr, rc := articleeval.Corpus(allF[n])
		fmt.Printf("  %-12s forgiving F1 %.4f P %.4f R %.4f\n", n, f, pr, rc)
	}
	for _, pt := range []struct {
		name string
		in   func(int) bool
	}{{"tune", func(p int) bool { return p == 0 }}, {"confirm", func(p int) bool { return p == 1 }}, {"whole", func(int) bool { return true }}} {
		n, ts, tp, fs, fp, empty := 0, 0, 0, 0, 0, 0
		for i := range vs {
			v := &vs[i]
			if !pt.in(v.part) {
				continue
			}
			n++
			v.bestSet, v.bestSetF = f1Of(all[best][i]), f1Of(allF[bestF][i])
			v.trailsSet = v.barg-v.bestSet < -0.05
			v.trailsP = v.barg-v.peer < -0.05
			if v.trailsSet {
				ts++
			}
			if v.trailsP {
				tp++
			}
			if v.forgivenEmpty {
				empty++
				continue
			}
			if v.bargF-v.bestSetF < -0.05 {
				fs++
			}
			if v.bargF-v.peerF < -0.05 {
				fp++
			}
		}
		fmt.Printf("  %-8s official trail vs %s %d (%.1f%%), vs better peer per page %d (%.1f%%); forgiving: vs %s %d (%.1f%%), per page %d (%.1f%%); %d pages whose truth is only such lines left out\n",
			pt.name, best, ts, pct(ts, n), tp, pct(tp, n), bestF, fs, pct(fs, n), fp, pct(fp, n), empty)
	}
	// The cause of each officially trailing page (either way of counting).
	counts := map[string][2]int{}
	var order []string
	for i := range vs {
		v := &vs[i]
		if !v.trailsSet && !v.trailsP {
			continue
		}
		// Judged against the better peer of the page when Barg trails it,
		// else against the set's best peer.
		top, topF := v.peer, v.peerF
		if !v.trailsP {
			top, topF = v.bestSet, v.bestSetF
		}
		switch {
		case v.forgivenEmpty:
			v.cause = "by design: the truth is " + dominant(v.missed, &forgive)
		case v.bargF-topF >= -0.05:
			v.cause = "by design: " + dominant(v.missed, &forgive)
		case v.bargF < 0.2:
			v.cause = "failure: nothing or the wrong box"
		default:
			pb := all["barg"][i].Precision()
			rb := all["barg"][i].Recall()
			pp, rp := 0.0, 0.0
			for _, n := range peers {
				if f1Of(all[n][i]) >= top-1e-9 {
					pp, rp = all[n][i].Precision(), all[n][i].Recall()
				}
			}
			if pp-pb > rp-rb {
				v.cause = "failure: extra text (precision)"
			} else if v.missed[kindText] > 0 && dominant(v.missed, nil) == "text" {
				v.cause = "failure: missed prose (recall)"
			} else {
				v.cause = "failure: missed " + dominant(v.missed, nil) + " and prose (recall)"
			}
		}
		c := counts[v.cause]
		if _, ok := counts[v.cause]; !ok {
			order = append(order, v.cause)
		}
		if v.trailsSet {
			c[0]++
		}
		if v.trailsP {
			c[1]++
		}
		counts[v.cause] = c
	}
	sort.Strings(order)
	fmt.Printf("  causes of the official trailing pages (vs %s / vs the better peer per page):\n", best)
	for _, c := range order {
		fmt.Printf("    %-52s %3d / %3d\n", c, counts[c][0], counts[c][1])
	}
	for _, v := range vs {
		if v.cause == "" || !list {
			continue
		}
		var ms []string
		for k := kind(0); k < nKinds; k++ {
			if v.missed[k] > 0 {
				ms = append(ms, fmt.Sprintf("%s %d", kindNames[k], v.missed[k]))
			}
		}
		fmt.Printf("    %-34s part %d barg %.3f peer %.3f (set's best %.3f) forgiving %.3f/%.3f  %-42s missed tokens: %s\n",
			v.id, v.part, v.barg, v.peer, v.bestSet, v.bargF, v.peerF, v.cause, strings.Join(ms, ", "))
	}
}

// dominant names the kind of truth line Barg missed most tokens of,
// among the forgiven kinds only (forgive) or among all (nil).
func dominant(m [nKinds]int, forgive *forgiveness) string {
	best, n := kindText, -1
	for k := kind(0); k < nKinds; k++ {
		if forgive != nil && !forgive[k] {
			continue
		}
		if m[k] > n {
			best, n = k, m[k]
		}
	}
	return kindNames[best]
}

func pct(a, n int) float64 { return 100 * float64(a) / float64(max(n, 1)) }
