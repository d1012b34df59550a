package weburl

import (
	"net/url"
	"testing"
)

// resolveCases are references with their bases, chosen for the corners of
// RFC 3986 §5.2 and of net/url's escaping. Every one is checked against
// net/url (which runs natively here) rather than against hand-written
// answers, and the RFC's own examples (§5.4) also against the RFC.
var resolveCases = []struct{ base, ref string }{
	{"http://a/b/c/d;p?q", "g:h"},
	{"http://a/b/c/d;p?q", "g"},
	{"http://a/b/c/d;p?q", "./g"},
	{"http://a/b/c/d;p?q", "g/"},
	{"http://a/b/c/d;p?q", "/g"},
	{"http://a/b/c/d;p?q", "//g"},
	{"http://a/b/c/d;p?q", "?y"},
	{"http://a/b/c/d;p?q", "g?y"},
	{"http://a/b/c/d;p?q", "#s"},
	{"http://a/b/c/d;p?q", "g#s"},
	{"http://a/b/c/d;p?q", "g?y#s"},
	{"http://a/b/c/d;p?q", ";x"},
	{"http://a/b/c/d;p?q", "g;x"},
	{"http://a/b/c/d;p?q", "g;x?y#s"},
	{"http://a/b/c/d;p?q", "."},
	{"http://a/b/c/d;p?q", "./"},
	{"http://a/b/c/d;p?q", ".."},
	{"http://a/b/c/d;p?q", "../"},
	{"http://a/b/c/d;p?q", "../g"},
	{"http://a/b/c/d;p?q", "../.."},
	{"http://a/b/c/d;p?q", "../../"},
	{"http://a/b/c/d;p?q", "../../g"},
	{"http://a/b/c/d;p?q", "../../../g"},
	{"http://a/b/c/d;p?q", "../../../../g"},
	{"http://a/b/c/d;p?q", "/./g"},
	{"http://a/b/c/d;p?q", "/../g"},
	{"http://a/b/c/d;p?q", "g."},
	{"http://a/b/c/d;p?q", ".g"},
	{"http://a/b/c/d;p?q", "g.."},
	{"http://a/b/c/d;p?q", "..g"},
	{"http://a/b/c/d;p?q", "./../g"},
	{"http://a/b/c/d;p?q", "./g/."},
	{"http://a/b/c/d;p?q", "g/./h"},
	{"http://a/b/c/d;p?q", "g/../h"},
	{"http://a/b/c/d;p?q", "g;x=1/./y"},
	{"http://a/b/c/d;p?q", "g;x=1/../y"},
	{"http://a/b/c/d;p?q", "g?y/./x"},
	{"http://a/b/c/d;p?q", "g#s/../x"},
	{"http://a/b/c/d;p?q", "http:g"},
	{"https://example.com/news/2024/a.html", "//cdn.example.net/i.jpg"},
	{"https://example.com/news/", "  /img/a b.png \n"},
	{"https://example.com/", "/a\tb\nc"},
	{"https://example.com", "x"},
	{"https://example.com", "?q"},
	{"https://example.com/a?b#c", "?"},
	{"https://example.com/a?b#c", "#"},
	{"https://example.com/a", "HTTPS://Example.COM/X"},
	{"https://example.com/a", "mailto:someone@example.com?subject=hi"},
	{"https://example.com/a", "javascript:alert(1)"},
	{"https://example.com/a", "data:image/png;base64,AAAA"},
	{"https://fa.example.ir/اخبار/", "خبر-تازه?id=۱۲#بخش"},
	{"https://fa.example.ir/%D8%A7/", "%D8%A8/../%d8%aa"},
	{"https://example.com/", "/a%2Fb/%2e%2e/c"},
	{"https://example.com/", "/a%41b c"},
	{"https://example.com/", "/a[b]c{d}|e^f`g\"h<i>"},
	{"https://example.com/", "#frag with space"},
	{"https://example.com/", "#a%41b%"},
	{"https://example.com/", "/bad%zz"},
	{"https://example.com/", "//user:p@ss@host.example/x"},
	{"https://example.com/", "//us%20er@host.example/x"},
	{"https://example.com/", "//host.example:8080/x"},
	{"https://example.com/", "//host.example:80a/x"},
	{"https://example.com/", "//a:b:80/x"},
	{"https://example.com/", "//[::1]:8080/x"},
	{"https://example.com/", "//[fe80::1%25en0]/x"},
	{"https://example.com/", "//[1.2.3.4]/x"},
	{"https://example.com/", "//ex%C3%A4mple.com/x"},
	{"https://example.com/", "//exämple.com/x"},
	{"https://example.com/", "//ex ample.com/x"},
	{"https://example.com/", "//ex%41mple.com/x"},
	{"https://example.com/", "a:b"},
	{"https://example.com/", "./a:b"},
	{"https://example.com/", ":x"},
	{"https://example.com/", "///x/y"},
	{"https://example.com/", "1http://x"},
	{"https://user@example.com/a", "b"},
	{"file:/a/b", "c"},
	{"file:///a/b", "../c"},
	{"mailto:a@b", "c"},
	{"mailto:a@b", "?c"},
	{"https://example.com/a/b", "../../../../x/./y/.."},
	{"https://example.com/a//b", "../c"},
	{"https://example.com/", "//"},
	{"https://example.com/", "///"},
	{"https://example.com/", "http:"},
	{"https://example.com/", "http:/x"},
	{"https://example.com/", "http://"},
	{"https://example.com/", "*"},
}

func TestResolveMatchesNetURL(t *testing.T) {
	for _, c := range resolveCases {
		compare(t, c.base, c.ref)
	}
}

// rfcAnswers are RFC 3986 §5.4.1's normal examples, resolved by hand in
// the RFC against "http://a/b/c/d;p?q".
var rfcAnswers = map[string]string{
	"g:h": "g:h", "g": "http://a/b/c/g", "./g": "http://a/b/c/g", "g/": "http://a/b/c/g/",
	"/g": "http://a/g", "//g": "http://g", "?y": "http://a/b/c/d;p?y", "g?y": "http://a/b/c/g?y",
	"#s": "http://a/b/c/d;p?q#s", "g#s": "http://a/b/c/g#s", "g?y#s": "http://a/b/c/g?y#s",
	";x": "http://a/b/c/;x", "g;x": "http://a/b/c/g;x", "g;x?y#s": "http://a/b/c/g;x?y#s",
	".": "http://a/b/c/", "./": "http://a/b/c/", "..": "http://a/b/", "../": "http://a/b/",
	"../g": "http://a/b/g", "../..": "http://a/", "../../": "http://a/", "../../g": "http://a/g",
	"../../../g": "http://a/g", "/./g": "http://a/g", "/../g": "http://a/g", "g.": "http://a/b/c/g.",
	"..g": "http://a/b/c/..g", "./../g": "http://a/b/g", "g/../h": "http://a/b/c/h",
	"g;x=1/../y": "http://a/b/c/y", "g#s/../x": "http://a/b/c/g#s/../x",
}

func TestResolveRFC3986Examples(t *testing.T) {
	base, err := Parse("http://a/b/c/d;p?q")
	if err != nil {
		t.Fatal(err)
	}
	for ref, want := range rfcAnswers {
		u, err := base.Parse(ref)
		if err != nil {
			t.Errorf("%q: %v", ref, err)
			continue
		}
		if got := u.String(); got != want {
			t.Errorf("%q resolved to %q, want %q", ref, got, want)
		}
	}
}

func TestParseTrimsLikeBrowsers(t *testing.T) {
	for in, want := range map[string]string{
		"  https://example.com/a \n":       "https://example.com/a",
		"\x00\x1fhttps://example.com/\x01": "https://example.com/",
		"https://exa\tmple.com/a\nb\rc":    "https://example.com/abc",
	} {
		u, err := Parse(in)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if got := u.String(); got != want {
			t.Errorf("Parse(%q) = %q, want %q", in, got, want)
		}
	}
	if _, err := Parse("https://example.com/a\x00b"); err == nil {
		t.Error("a NUL inside the URL was accepted")
	}
}

func TestEmptyReferenceDropsFragment(t *testing.T) {
	base, _ := Parse("https://example.com/a?q#top")
	u, err := base.Parse("")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := u.String(), "https://example.com/a?q"; got != want {
		t.Errorf("empty reference resolved to %q, want %q", got, want)
	}
}

func TestHostname(t *testing.T) {
	for _, s := range []string{"https://example.ir:8080/x", "http://[::1]:80/", "http://a.example/", "http://[fe80::1%25en0]/", "http://u@h.example:/"} {
		want, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q): %v", s, err)
		}
		if got.Hostname() != want.Hostname() {
			t.Errorf("Hostname(%q) = %q, net/url says %q", s, got.Hostname(), want.Hostname())
		}
	}
}

// compare checks that weburl resolves ref against base as net/url does,
// whenever net/url accepts both; inputs are first cleaned as browsers do
// (an intended difference), as is the fragment of an empty reference.
func compare(t *testing.T, base, ref string) {
	t.Helper()
	base, ref = clean(base), clean(ref)
	nb, err := url.Parse(base)
	if err != nil || nb.Scheme == "" {
		return
	}
	b, err := Parse(base)
	if err != nil {
		t.Errorf("Parse(%q): %v; net/url accepts it", base, err)
		return
	}
	if got, want := b.String(), nb.String(); got != want {
		t.Errorf("Parse(%q).String() = %q, net/url says %q", base, got, want)
	}
	if got, want := b.Hostname(), nb.Hostname(); got != want {
		t.Errorf("Parse(%q).Hostname() = %q, net/url says %q", base, got, want)
	}
	nr, err := url.Parse(ref)
	if err != nil {
		return
	}
	u, err := b.Parse(ref)
	if err != nil {
		t.Errorf("resolving %q against %q: %v; net/url accepts it", ref, base, err)
		return
	}
	want := nb.ResolveReference(nr)
	if nr.String() == "" {
		// An empty reference ("#" included): RFC 3986 §5.2.2 drops the
		// base's fragment, net/url keeps it.
		want.Fragment, want.RawFragment = "", ""
	}
	if got, want := u.String(), want.String(); got != want {
		t.Errorf("%q against %q = %q, net/url says %q", ref, base, got, want)
	}
}

func FuzzResolve(f *testing.F) {
	for _, c := range resolveCases {
		f.Add(c.base, c.ref)
	}
	f.Fuzz(func(t *testing.T, base, ref string) {
		compare(t, base, ref)
		// Whatever the input, weburl must not panic on it.
		if b, err := Parse(base); err == nil {
			if u, err := b.Parse(ref); err == nil {
				_ = u.String() + u.Hostname()
			}
		}
	})
}
