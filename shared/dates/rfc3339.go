package dates

import (
	"errors"
	"time"
)

// FormatRFC3339 formats t as RFC 3339 (time.RFC3339), or with nano set
// with its fractional seconds, trailing zeros removed (time.RFC3339Nano).
// It gives the same text as t.Format without linking time's layout
// engine, which costs about 40 KB of the gzipped WebAssembly.
func FormatRFC3339(t time.Time, nano bool) string {
	year, month, day := t.Date()
	hour, min, sec := t.Clock()
	b := make([]byte, 0, len(time.RFC3339Nano))
	b = appendInt(b, year, 4)
	b = append(b, '-')
	b = appendInt(b, int(month), 2)
	b = append(b, '-')
	b = appendInt(b, day, 2)
	b = append(b, 'T')
	b = appendInt(b, hour, 2)
	b = append(b, ':')
	b = appendInt(b, min, 2)
	b = append(b, ':')
	b = appendInt(b, sec, 2)
	if ns := t.Nanosecond(); nano && ns != 0 {
		digits := 9
		for ns%10 == 0 {
			ns /= 10
			digits--
		}
		b = append(b, '.')
		b = appendInt(b, ns, digits)
	}
	_, offset := t.Zone()
	if offset == 0 {
		return string(append(b, 'Z'))
	}
	zone := offset / 60 // minutes; seconds of an offset are not shown
	if zone < 0 {
		b = append(b, '-')
		zone = -zone
	} else {
		b = append(b, '+')
	}
	b = appendInt(b, zone/60, 2)
	b = append(b, ':')
	b = appendInt(b, zone%60, 2)
	return string(b)
}

// appendInt appends x in decimal, its absolute value zero-padded to width
// digits, as time.Format writes numbers.
func appendInt(b []byte, x, width int) []byte {
	if x < 0 {
		b = append(b, '-')
		x = -x
	}
	var buf [20]byte
	i := len(buf)
	for x >= 10 {
		i--
		buf[i] = byte('0' + x%10)
		x /= 10
	}
	i--
	buf[i] = byte('0' + x)
	for w := len(buf) - i; w < width; w++ {
		b = append(b, '0')
	}
	return append(b, buf[i:]...)
}

var errRFC3339 = errors.New("dates: not an RFC 3339 time")

// ParseRFC3339 parses s as time.Parse(time.RFC3339, s) does, fractional
// seconds (after '.' or ',') included: the time is in UTC for "Z" and a
// zero offset, else in a fixed zone of the given offset. It rejects shapes
// that time.Parse also takes but RFC 3339 does not allow: a one-digit hour
// and a zone offset of 24 hours or 60 minutes.
func ParseRFC3339(s string) (time.Time, error) {
	ok := true
	num := func(s string, min, max int) int {
		x := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				ok = false
				return min
			}
			x = x*10 + int(s[i]-'0')
		}
		if x < min || x > max {
			ok = false
			return min
		}
		return x
	}
	if len(s) < len("2006-01-02T15:04:05Z") {
		return time.Time{}, errRFC3339
	}
	year := num(s[0:4], 0, 9999)
	month := num(s[5:7], 1, 12)
	day := num(s[8:10], 1, gregorianMonthDays(year, month))
	hour := num(s[11:13], 0, 23)
	min := num(s[14:16], 0, 59)
	sec := num(s[17:19], 0, 59)
	if !ok || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, errRFC3339
	}
	s = s[19:]
	nsec := 0
	if len(s) >= 2 && (s[0] == '.' || s[0] == ',') && isDigit(s[1]) {
		n := 1
		for ; n < len(s) && isDigit(s[n]); n++ {
			if n <= 9 {
				nsec = nsec*10 + int(s[n]-'0')
			}
		}
		for d := n; d <= 9; d++ {
			nsec *= 10
		}
		s = s[n:]
	}
	if s == "Z" {
		return time.Date(year, time.Month(month), day, hour, min, sec, nsec, time.UTC), nil
	}
	if len(s) != len("-07:00") || s[0] != '+' && s[0] != '-' || s[3] != ':' {
		return time.Time{}, errRFC3339
	}
	offset := (num(s[1:3], 0, 23)*60 + num(s[4:6], 0, 59)) * 60
	if !ok {
		return time.Time{}, errRFC3339
	}
	if s[0] == '-' {
		offset = -offset
	}
	loc := time.UTC
	if offset != 0 {
		loc = time.FixedZone("", offset)
	}
	return time.Date(year, time.Month(month), day, hour, min, sec, nsec, loc), nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
