package dates

import (
	"strings"
	"testing"
	"time"
)

// rfc3339Times are instants chosen for the corners of RFC 3339 text:
// fractions with trailing zeros, offsets with seconds and half hours,
// years with fewer or more than four digits.
var rfc3339Times = []time.Time{
	time.Date(2024, 3, 20, 12, 30, 0, 0, time.UTC),
	time.Date(2024, 3, 20, 12, 30, 0, 500_000_000, time.UTC),
	time.Date(2024, 3, 20, 12, 30, 0, 1, time.UTC),
	time.Date(2024, 3, 20, 12, 30, 0, 120_000_000, time.FixedZone("", 3*3600+30*60)),
	time.Date(1999, 12, 31, 23, 59, 59, 999_999_999, time.FixedZone("IRST", 3*3600+30*60)),
	time.Date(2000, 2, 29, 0, 0, 0, 0, time.FixedZone("", -9*3600-30*60)),
	time.Date(2000, 2, 29, 0, 0, 0, 0, time.FixedZone("", -45)),
	time.Date(2000, 2, 29, 0, 0, 0, 0, time.FixedZone("", 59)),
	time.Date(2000, 2, 29, 0, 0, 0, 0, time.FixedZone("", 14*3600+15)),
	time.Date(5, 1, 2, 3, 4, 5, 6, time.UTC),
	time.Date(-44, 3, 15, 0, 0, 0, 0, time.UTC),
	time.Date(12345, 1, 1, 0, 0, 0, 0, time.UTC),
	{},
}

func TestFormatRFC3339MatchesTime(t *testing.T) {
	for _, tm := range rfc3339Times {
		if got, want := FormatRFC3339(tm, false), tm.Format(time.RFC3339); got != want {
			t.Errorf("FormatRFC3339(%v, false) = %q, time says %q", tm, got, want)
		}
		if got, want := FormatRFC3339(tm, true), tm.Format(time.RFC3339Nano); got != want {
			t.Errorf("FormatRFC3339(%v, true) = %q, time says %q", tm, got, want)
		}
	}
}

var rfc3339Texts = []string{
	"2024-03-20T12:30:00Z",
	"2024-03-20T12:30:00+03:30",
	"2024-03-20T12:30:00-00:00",
	"2024-03-20T12:30:00+00:00",
	"2024-03-20T12:30:00.5Z",
	"2024-03-20T12:30:00,25-09:30",
	"2024-03-20T12:30:00.123456789123Z",
	"2024-02-29T00:00:00Z",
	"2023-02-29T00:00:00Z",
	"2024-04-31T00:00:00Z",
	"2024-13-01T00:00:00Z",
	"2024-03-20T24:00:00Z",
	"2024-03-20T12:60:00Z",
	"2024-03-20T12:30:60Z",
	"2024-03-20t12:30:00Z",
	"2024-03-20 12:30:00Z",
	"2024-03-20T12:30:00z",
	"2024-03-20T12:30:00",
	"2024-03-20T12:30:00+0330",
	"2024-03-20T12:30:00+24:00",
	"2024-03-20T12:30:00-24:59",
	"2024-03-20T12:30:00+00:60",
	"2024-03-20T1:30:00Z",
	"2024-03-20T12:30:00.Z",
	"2024-03-20T12:30:00Z ",
	"0000-01-01T00:00:00Z",
	"9999-12-31T23:59:59.999999999+23:59",
	"+024-03-20T12:30:00Z",
	"۲۰۲۴-03-20T12:30:00Z",
	"",
}

func TestParseRFC3339MatchesTime(t *testing.T) {
	for _, s := range rfc3339Texts {
		compareParse(t, s)
	}
	for _, tm := range rfc3339Times[:9] {
		compareParse(t, tm.Format(time.RFC3339Nano))
	}
}

// compareParse checks ParseRFC3339 against time.Parse: the same instant and
// the same text back when both accept; the same refusal otherwise, except
// for the shapes ParseRFC3339 documents as refused (a one-digit hour, an
// offset of 24 hours or 60 minutes).
func compareParse(t *testing.T, s string) {
	t.Helper()
	want, werr := time.Parse(time.RFC3339, s)
	got, err := ParseRFC3339(s)
	switch {
	case err != nil && werr == nil:
		n := len(s)
		if n > 12 && s[12] == ':' || n > 6 && strings.Contains("+-", s[n-6:n-5]) && (s[n-5:n-3] == "24" || s[n-2:] == "60") {
			return
		}
		t.Errorf("ParseRFC3339(%q): %v; time.Parse accepts it", s, err)
	case err == nil && werr != nil:
		t.Errorf("ParseRFC3339(%q) = %v; time.Parse refuses it: %v", s, got, werr)
	case err == nil:
		_, off := got.Zone()
		_, woff := want.Zone()
		if !got.Equal(want) || off != woff || FormatRFC3339(got, true) != want.Format(time.RFC3339Nano) {
			t.Errorf("ParseRFC3339(%q) = %v, time.Parse says %v", s, got, want)
		}
	}
}

func FuzzParseRFC3339(f *testing.F) {
	for _, s := range rfc3339Texts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		compareParse(t, s)
		if tm, err := ParseRFC3339(s); err == nil {
			if back, err := ParseRFC3339(FormatRFC3339(tm, true)); err != nil || !back.Equal(tm) {
				t.Errorf("%q does not survive formatting and parsing again: %v", s, err)
			}
		}
	})
}
