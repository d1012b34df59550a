package metadata

import (
	"strings"

	"github.com/barg-app/barg/shared/weburl"
)

// canonical splits the canonical URL a page declares into the one Barg
// may use as the article's identity and a hint: a page can name any URL
// as its canonical, so one on another site than the page's own (another
// registrable domain) is kept only as a hint, never as the key a hostile
// page could use to replace another site's article in the library. A page
// without a web origin (a file, standard input) has nothing to check the
// claim against and keeps it: the user chose that page.
func canonical(page *weburl.URL, claimed string) (url, hint string) {
	if claimed == "" || page.Scheme != "http" && page.Scheme != "https" {
		return claimed, ""
	}
	c, err := weburl.Parse(claimed)
	if err != nil || sameSite(page.Hostname(), c.Hostname()) {
		return claimed, ""
	}
	return "", claimed
}

// sameSite reports whether two host names belong to one registrable
// domain ("www.bbc.co.uk" and "news.bbc.co.uk" do; "a.blogspot.com" and
// "b.blogspot.com" do not).
func sameSite(a, b string) bool {
	a, b = strings.ToLower(strings.TrimSuffix(a, ".")), strings.ToLower(strings.TrimSuffix(b, "."))
	if a == "" || b == "" {
		return false
	}
	return a == b || registrable(a) == registrable(b)
}

// registrable approximates a host's registrable domain (its public suffix
// and one label more) without the full Public Suffix List, whose Go package
// would bring net/http into the WebAssembly: the last two labels, or three
// when the last two are a country's second level (co.uk, com.au, ac.ir…) or
// a host that gives every user a site of their own (blogspot.com,
// github.io, blogfa.com…). An IP address is its own domain.
func registrable(host string) string {
	labels := strings.Split(host, ".")
	n := len(labels)
	if n <= 2 || strings.Trim(host, "0123456789.") == "" || strings.Contains(host, ":") {
		return host
	}
	last2 := labels[n-2] + "." + labels[n-1]
	keep := 2
	if len(labels[n-1]) == 2 && secondLevels[labels[n-2]] || sharedHosts[last2] {
		keep = 3
	}
	return strings.Join(labels[max(0, n-keep):], ".")
}

// secondLevels are the second-level labels under which country domains
// register names (bbc.co.uk, isna.ac.ir, abc.net.au).
var secondLevels = map[string]bool{"co": true, "com": true, "net": true, "org": true, "ac": true,
	"gov": true, "edu": true, "gob": true, "go": true, "or": true, "ne": true, "nic": true, "sch": true,
	"ltd": true, "plc": true, "id": true, "mil": true, "info": true, "biz": true, "nom": true}

// sharedHosts give each user a subdomain that is a site of its own.
var sharedHosts = map[string]bool{"blogspot.com": true, "wordpress.com": true, "tumblr.com": true,
	"github.io": true, "gitlab.io": true, "substack.com": true, "medium.com": true, "blogfa.com": true,
	"blogsky.com": true, "mihanblog.com": true, "persianblog.ir": true, "wixsite.com": true,
	"netlify.app": true, "vercel.app": true, "pages.dev": true, "herokuapp.com": true, "appspot.com": true,
	"livejournal.com": true, "typepad.com": true, "weebly.com": true, "squarespace.com": true}
