package weburl

// mode names the URL component being escaped; each allows different bytes
// unescaped (RFC 3986 §2 and §3, as net/url applies them).
type mode int

const (
	modePath mode = iota
	modeFragment
	modeHost
	modeZone
	modeUser
)

// shouldEscape reports whether c must be percent-encoded in component m.
func shouldEscape(c byte, m mode) bool {
	if isAlpha(c) || isDigit(c) {
		return false
	}
	if m == modeHost || m == modeZone {
		switch c {
		case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '[', ']', '<', '>', '"':
			return false
		}
	}
	switch c {
	case '-', '_', '.', '~':
		return false
	case '$', '&', '+', ',', '/', ':', ';', '=', '?', '@':
		switch m {
		case modePath:
			return c == '?'
		case modeUser:
			return c == '@' || c == '/' || c == '?' || c == ':'
		case modeFragment:
			return false
		}
	}
	if m == modeFragment {
		switch c {
		case '!', '(', ')', '*':
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case isDigit(c):
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// unescape decodes the %XX escapes of s, rejecting malformed ones and, in
// a host, escapes of ASCII bytes (other than %25) and bytes a host cannot hold.
func unescape(s string, m mode) (string, error) {
	n := 0
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return "", errEscape
			}
			v := unhex(s[i+1])<<4 | unhex(s[i+2])
			if m == modeHost && v < 0x80 && s[i:i+3] != "%25" {
				return "", errEscape
			}
			if m == modeZone && s[i:i+3] != "%25" && v != ' ' && shouldEscape(v, modeHost) {
				return "", errEscape
			}
			n++
			i += 3
		case (m == modeHost || m == modeZone) && c < 0x80 && shouldEscape(c, m):
			return "", errHost
		default:
			i++
		}
	}
	if n == 0 {
		return s, nil
	}
	b := make([]byte, 0, len(s)-2*n)
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		} else {
			b = append(b, s[i])
		}
	}
	return string(b), nil
}

// escape percent-encodes the bytes of s that component m does not allow.
func escape(s string, m mode) string {
	const hex = "0123456789ABCDEF"
	i := 0
	for i < len(s) && !shouldEscape(s[i], m) {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s)+16)
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		if c := s[i]; shouldEscape(c, m) {
			b = append(b, '%', hex[c>>4], hex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

// validEncoded reports whether s may stand as written in component m: every
// byte is allowed there, a sub-delimiter, or part of an escape.
func validEncoded(s string, m mode) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '@', '[', ']', '%':
		default:
			if shouldEscape(s[i], m) {
				return false
			}
		}
	}
	return true
}

// canonical returns the escaped form of the component s as written: s
// itself when it is validly encoded, else s decoded and escaped again.
func canonical(s string, m mode) (string, error) {
	d, err := unescape(s, m)
	if err != nil {
		return "", err
	}
	if validEncoded(s, m) {
		return s, nil
	}
	return escape(d, m), nil
}
