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
// from the user's own machine (a file, standard input, a server on
// localhost or a loopback address: a saved copy being read) has no site
// to check the claim against and keeps it: the user chose that page.
func canonical(page *weburl.URL, claimed string) (url, hint string) {
	if claimed == "" || page.Scheme != "http" && page.Scheme != "https" || loopback(page.Hostname()) {
		return claimed, ""
	}
	c, err := weburl.Parse(claimed)
	if err != nil || sameSite(page.Hostname(), c.Hostname()) {
		return claimed, ""
	}
	return "", claimed
}

// loopback reports whether host names the user's own machine.
func loopback(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	return host == "localhost" || strings.HasSuffix(host, ".localhost") || host == "::1" ||
		strings.HasPrefix(host, "127.") && strings.Trim(host, "0123456789.") == ""
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
	if len(labels[n-1]) == 2 && strings.Contains(secondLevels, " "+labels[n-2]+" ") || strings.Contains(sharedHosts, " "+last2+" ") {
		keep = 3
	}
	return strings.Join(labels[max(0, n-keep):], ".")
}

// secondLevels are the second-level labels under which country domains
// register names (bbc.co.uk, isna.ac.ir, abc.net.au). (Lists are strings,
// not map literals, whose initialization code would grow the WebAssembly.)
const secondLevels = " co com net org ac gov edu gob go or ne nic sch ltd plc id mil info biz nom "

// sharedHosts give each user a subdomain that is a site of its own.
const sharedHosts = " blogspot.com wordpress.com tumblr.com github.io gitlab.io substack.com medium.com" +
	" blogfa.com blogsky.com mihanblog.com persianblog.ir wixsite.com netlify.app vercel.app pages.dev" +
	" herokuapp.com appspot.com livejournal.com typepad.com weebly.com squarespace.com "
