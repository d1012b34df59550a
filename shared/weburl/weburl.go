// Package weburl parses absolute URLs and resolves references against them,
// as the extractor needs for links, images and canonical addresses.
//
// It is a small stand-in for net/url in the WebAssembly build, where net/url
// (with net/netip and its error formatting) costs about 200 KB. Its results
// match net/url's Parse, ResolveReference and String, including their
// percent-encoding normalization, on every input net/url accepts, with two
// intended differences:
//
//   - Parse cleans its input the way browsers do (WHATWG URL): leading and
//     trailing spaces and C0 controls are trimmed and tabs and newlines
//     removed. net/url rejects control characters and keeps spaces.
//   - Resolving an empty reference ("" or "#") drops the base's fragment,
//     as RFC 3986 §5.2.2 says (net/url keeps it).
//
// It also accepts some inputs net/url rejects (IPv6 literals are checked
// for their characters only).
package weburl

import (
	"errors"
	"strings"
)

// A URL is a parsed URL reference: [scheme:][//[userinfo@]host][/]path[?query][#fragment],
// or scheme:opaque[?query][#fragment]. Path, Query and Fragment are kept in
// their escaped (normalized) form, ready for String.
type URL struct {
	Scheme     string // lower case, without ':'
	Opaque     string // the rest of a URL whose path does not start with '/' after the scheme
	User       string // escaped userinfo, without '@'; meaningful when HasUser
	HasUser    bool
	Host       string // decoded "host" or "host:port"
	Path       string // escaped
	Query      string // as written, without '?'
	ForceQuery bool   // the URL ends in '?' with an empty query
	Fragment   string // escaped, without '#'
	OmitHost   bool   // scheme:/path, with no authority
}

var (
	errCtl      = errors.New("weburl: control character in URL")
	errScheme   = errors.New("weburl: missing scheme")
	errColon    = errors.New("weburl: first path segment in URL cannot contain colon")
	errEscape   = errors.New("weburl: invalid percent escape")
	errHost     = errors.New("weburl: invalid host")
	errPort     = errors.New("weburl: invalid port")
	errUserinfo = errors.New("weburl: invalid userinfo")
)

// Parse parses s, an absolute URL or a relative reference, after trimming
// it as browsers do.
func Parse(s string) (*URL, error) {
	rest, frag, hasFrag := strings.Cut(clean(s), "#")
	for i := 0; i < len(rest); i++ {
		if rest[i] < ' ' || rest[i] == 0x7f {
			return nil, errCtl // the fragment may hold them, escaped
		}
	}
	u, err := parse(rest)
	if err != nil {
		return nil, err
	}
	if hasFrag && frag != "" {
		if u.Fragment, err = canonical(frag, modeFragment); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// clean trims leading and trailing C0 controls and spaces and removes
// tabs and newlines, as the WHATWG URL parser does.
func clean(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	return s
}

func parse(s string) (*URL, error) {
	u := new(URL)
	if s == "*" {
		u.Path = "*"
		return u, nil
	}
	rest := s
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAlpha(c) {
			continue
		}
		if isDigit(c) || c == '+' || c == '-' || c == '.' {
			if i == 0 {
				break
			}
			continue
		}
		if c == ':' {
			if i == 0 {
				return nil, errScheme
			}
			u.Scheme, rest = strings.ToLower(s[:i]), s[i+1:]
		}
		break
	}
	if strings.HasSuffix(rest, "?") && strings.Count(rest, "?") == 1 {
		u.ForceQuery = true
		rest = rest[:len(rest)-1]
	} else {
		rest, u.Query, _ = strings.Cut(rest, "?")
	}
	if !strings.HasPrefix(rest, "/") {
		if u.Scheme != "" {
			u.Opaque = rest
			return u, nil
		}
		if seg, _, _ := strings.Cut(rest, "/"); strings.Contains(seg, ":") {
			return nil, errColon
		}
	}
	if (u.Scheme != "" || !strings.HasPrefix(rest, "///")) && strings.HasPrefix(rest, "//") {
		auth := rest[2:]
		rest = ""
		if i := strings.IndexByte(auth, '/'); i >= 0 {
			auth, rest = auth[:i], auth[i:]
		}
		if err := u.setAuthority(auth); err != nil {
			return nil, err
		}
	} else if u.Scheme != "" && strings.HasPrefix(rest, "/") {
		u.OmitHost = true
	}
	var err error
	if u.Path, err = canonical(rest, modePath); err != nil {
		return nil, err
	}
	return u, nil
}

// setAuthority parses [userinfo@]host[:port].
func (u *URL) setAuthority(auth string) error {
	host := auth
	at := strings.LastIndexByte(auth, '@')
	if at >= 0 {
		host = auth[at+1:]
	}
	var err error
	if u.Host, err = parseHost(u.Scheme, host); err != nil {
		return err
	}
	if at < 0 {
		return nil
	}
	info := auth[:at]
	for _, r := range info {
		if !isAlpha(byte(r)) && !isDigit(byte(r)) && !strings.ContainsRune("-._:~!$&'()*+,;=%@", r) || r >= 0x80 {
			return errUserinfo
		}
	}
	name, pass, hasPass := strings.Cut(info, ":")
	if name, err = unescape(name, modeUser); err != nil {
		return err
	}
	u.User, u.HasUser = escape(name, modeUser), true
	if hasPass {
		if pass, err = unescape(pass, modeUser); err != nil {
			return err
		}
		u.User += ":" + escape(pass, modeUser)
	}
	return nil
}

// parseHost checks host[:port] and returns it decoded.
func parseHost(scheme, host string) (string, error) {
	if open := strings.LastIndexByte(host, '['); open > 0 {
		return "", errHost
	} else if open == 0 {
		end := strings.LastIndexByte(host, ']')
		if end < 0 || !validPort(host[end+1:]) {
			return "", errHost
		}
		// An IPv6 address, perhaps with a zone: checked for its
		// characters only.
		ip, zone, hasZone := strings.Cut(host[1:end], "%25")
		if !strings.Contains(ip, ":") || strings.Trim(ip, "0123456789abcdefABCDEF:.") != "" {
			return "", errHost
		}
		z, err := unescape(zone, modeZone)
		if err != nil {
			return "", err
		}
		if hasZone {
			z = "%" + z
		}
		return "[" + ip + z + "]" + host[end+1:], nil
	} else if i := strings.IndexByte(host, ':'); i >= 0 {
		if scheme != "http" && scheme != "https" {
			i = strings.LastIndexByte(host, ':')
		}
		if !validPort(host[i:]) {
			return "", errPort
		}
	}
	return unescape(host, modeHost)
}

// validPort reports whether s is empty or ':' followed by digits.
func validPort(s string) bool {
	if s == "" {
		return true
	}
	if s[0] != ':' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// IsAbs reports whether u has a scheme.
func (u *URL) IsAbs() bool { return u.Scheme != "" }

// Hostname returns u's host without its port and without the brackets of
// an IPv6 literal.
func (u *URL) Hostname() string {
	h := u.Host
	if i := strings.LastIndexByte(h, ':'); i >= 0 && validPort(h[i:]) {
		h = h[:i]
	}
	if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		h = h[1 : len(h)-1]
	}
	return h
}

// Parse parses ref and resolves it against u.
func (u *URL) Parse(ref string) (*URL, error) {
	r, err := Parse(ref)
	if err != nil {
		return nil, err
	}
	return u.Resolve(r), nil
}

// Resolve returns ref resolved against u, per RFC 3986 §5.2, with dot
// segments removed.
func (u *URL) Resolve(ref *URL) *URL {
	t := *ref
	if ref.Scheme == "" {
		t.Scheme = u.Scheme
	}
	if ref.Scheme != "" || ref.Host != "" || ref.HasUser {
		t.Path = removeDots(ref.Path, "")
		return &t
	}
	if ref.Opaque != "" {
		t.User, t.HasUser, t.Host, t.Path = "", false, "", ""
		return &t
	}
	if ref.Path == "" && !ref.ForceQuery && ref.Query == "" {
		t.Query = u.Query
	}
	if ref.Path == "" && u.Opaque != "" {
		t.Opaque = u.Opaque
		t.User, t.HasUser, t.Host, t.Path = "", false, "", ""
		return &t
	}
	t.Host, t.User, t.HasUser = u.Host, u.User, u.HasUser
	t.Path = removeDots(u.Path, ref.Path)
	return &t
}

// removeDots merges ref onto base (both escaped paths) and removes "." and
// ".." segments (RFC 3986 §5.2.3 and §5.2.4).
func removeDots(base, ref string) string {
	full := ref
	if ref == "" {
		full = base
	} else if ref[0] != '/' {
		full = base[:strings.LastIndexByte(base, '/')+1] + ref
	}
	if full == "" {
		return ""
	}
	dst := make([]byte, 1, len(full)+1)
	dst[0] = '/'
	var elem string
	rest, more, first := full, true, true
	for more {
		elem, rest, more = strings.Cut(rest, "/")
		switch elem {
		case ".":
			first = false
		case "..":
			if i := strings.LastIndexByte(string(dst[1:]), '/'); i >= 0 {
				dst = dst[:i+1]
			} else {
				dst = dst[:1]
			}
			first = len(dst) == 1
		default:
			if !first {
				dst = append(dst, '/')
			}
			dst = append(dst, elem...)
			first = false
		}
	}
	if elem == "." || elem == ".." {
		dst = append(dst, '/')
	}
	if len(dst) > 1 && dst[1] == '/' {
		return string(dst[1:])
	}
	return string(dst)
}

// String reassembles u.
func (u *URL) String() string {
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme)
		b.WriteByte(':')
	}
	if u.Opaque != "" {
		b.WriteString(u.Opaque)
	} else {
		if (u.Scheme != "" || u.Host != "" || u.HasUser) && !(u.OmitHost && u.Host == "" && !u.HasUser) {
			if u.Host != "" || u.Path != "" || u.HasUser {
				b.WriteString("//")
			}
			if u.HasUser {
				b.WriteString(u.User)
				b.WriteByte('@')
			}
			b.WriteString(escape(u.Host, modeHost))
		}
		if u.Path != "" && u.Path[0] != '/' && u.Host != "" {
			b.WriteByte('/')
		}
		if b.Len() == 0 {
			if seg, _, _ := strings.Cut(u.Path, "/"); strings.Contains(seg, ":") {
				b.WriteString("./")
			}
		}
		b.WriteString(u.Path)
	}
	if u.ForceQuery || u.Query != "" {
		b.WriteByte('?')
		b.WriteString(u.Query)
	}
	if u.Fragment != "" {
		b.WriteByte('#')
		b.WriteString(u.Fragment)
	}
	return b.String()
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
