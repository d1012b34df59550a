package dates

import (
	"math"
	"testing"
	"time"
)

// The Jalali arithmetic in jalali.go (Borkowski's break table) is checked
// here against a calendar built a different way: from the astronomy the
// calendar is defined by. Each year's first day is found from the March
// equinox (Meeus, Astronomical Algorithms, ch. 27) and the Tehran-noon rule;
// then every day is counted out one by one, with Gregorian dates taken from
// package time rather than from the JDN formulas under test.

// marchEquinoxJDE is the Julian Ephemeris Day of the March equinox of
// Gregorian year y (Meeus, table 27.B and 27.C; good to a minute or so).
func marchEquinoxJDE(y int) float64 {
	Y := (float64(y) - 2000) / 1000
	jde0 := 2451623.80984 + 365242.37404*Y + 0.05169*Y*Y - 0.00411*Y*Y*Y - 0.00057*Y*Y*Y*Y
	T := (jde0 - 2451545.0) / 36525
	rad := math.Pi / 180
	W := (35999.373*T - 2.47) * rad
	dl := 1 + 0.0334*math.Cos(W) + 0.0007*math.Cos(2*W)
	terms := [][3]float64{
		{485, 324.96, 1934.136}, {203, 337.23, 32964.467}, {199, 342.08, 20.186},
		{182, 27.85, 445267.112}, {156, 73.14, 45036.886}, {136, 171.52, 22518.443},
		{77, 222.54, 65928.934}, {74, 296.72, 3034.906}, {70, 243.58, 9037.513},
		{58, 119.81, 33718.147}, {52, 297.17, 150.678}, {50, 21.02, 2281.226},
		{45, 247.54, 29929.562}, {44, 325.15, 31555.956}, {29, 60.93, 4443.417},
		{18, 155.12, 67555.328}, {17, 288.79, 4562.452}, {16, 198.04, 62894.029},
		{14, 199.76, 31436.921}, {12, 95.39, 14577.848}, {12, 287.11, 31931.756},
		{12, 320.81, 34777.259}, {9, 227.73, 1222.138}, {8, 15.45, 16859.074},
	}
	S := 0.0
	for _, t := range terms {
		S += t[0] * math.Cos((t[1]+t[2]*T)*rad)
	}
	return jde0 + 0.00001*S/dl
}

// nowruz returns the JDN of 1 Farvardin in Gregorian year gy by the
// astronomical rule, and how far (in minutes) the equinox fell from Tehran
// noon, so that the test can tell close calls from real disagreements.
func nowruz(gy int) (jdn int, minutesFromNoon float64) {
	u := (float64(gy) - 1820) / 100
	deltaT := (-20 + 32*u*u) / 86400            // TT − UT in days (Morrison and Stephenson)
	jd := marchEquinoxJDE(gy) - deltaT + 3.5/24 // local mean time, meridian 52.5° E
	day := math.Floor(jd + 0.5)
	hours := (jd + 0.5 - day) * 24
	jdn = int(day)
	if hours >= 12 {
		jdn++
	}
	return jdn, (hours - 12) * 60
}

// jdnToTime converts a JDN to a date through package time, independently of
// JDNToGregorian.
func jdnToTime(jdn int) time.Time {
	return time.Unix(int64(jdn-2440588)*86400, 0).UTC()
}

func TestJalaliAgainstAstronomy(t *testing.T) {
	const first, last = 1200, 1600
	// Year starts by astronomy, where they are not close calls.
	starts := make(map[int]int)
	close := 0
	for jy := first; jy <= last+1; jy++ {
		astro, offNoon := nowruz(jy + 621)
		got := jalaliYearStart(jy)
		switch {
		case got == astro:
		case math.Abs(offNoon) < 20 && (got == astro-1 || got == astro+1):
			close++ // equinox within 20 minutes of noon: beyond this model's precision
		default:
			t.Errorf("year %d: 1 Farvardin at JDN %d, astronomy says %d (equinox %.0f min from noon)", jy, got, astro, offNoon)
		}
		starts[jy] = got
	}
	if close > 3 {
		t.Errorf("%d close calls near noon; expected at most a few", close)
	}
	t.Logf("years %d–%d: %d year starts agree with the equinox rule, %d close calls", first, last, last-first+2-close, close)

	// Count every day of every year and check both directions.
	prev := starts[first] - 1
	days := 0
	for jy := first; jy <= last; jy++ {
		length := starts[jy+1] - starts[jy]
		if length != 365 && length != 366 {
			t.Fatalf("year %d has %d days", jy, length)
		}
		if IsJalaliLeap(jy) != (length == 366) {
			t.Errorf("IsJalaliLeap(%d) = %v, year has %d days", jy, IsJalaliLeap(jy), length)
		}
		jdn := starts[jy]
		for jm := 1; jm <= 12; jm++ {
			n := 31
			if jm > 6 {
				n = 30
			}
			if jm == 12 {
				n = starts[jy+1] - jdn
			}
			for jd := 1; jd <= n; jd++ {
				if jdn != prev+1 {
					t.Fatalf("day numbers not continuous at %d/%d/%d", jy, jm, jd)
				}
				if got := JalaliToJDN(jy, jm, jd); got != jdn {
					t.Fatalf("JalaliToJDN(%d,%d,%d) = %d, want %d", jy, jm, jd, got, jdn)
				}
				if y, m, d := JDNToJalali(jdn); y != jy || m != jm || d != jd {
					t.Fatalf("JDNToJalali(%d) = %d/%d/%d, want %d/%d/%d", jdn, y, m, d, jy, jm, jd)
				}
				g := jdnToTime(jdn)
				if y, m, d := JalaliToGregorian(jy, jm, jd); y != g.Year() || m != int(g.Month()) || d != g.Day() {
					t.Fatalf("JalaliToGregorian(%d,%d,%d) = %d-%d-%d, want %s", jy, jm, jd, y, m, d, g.Format("2006-01-02"))
				}
				if y, m, d := GregorianToJalali(g.Year(), int(g.Month()), g.Day()); y != jy || m != jm || d != jd {
					t.Fatalf("GregorianToJalali(%s) = %d/%d/%d, want %d/%d/%d", g.Format("2006-01-02"), y, m, d, jy, jm, jd)
				}
				if !ValidJalali(jy, jm, jd) {
					t.Fatalf("ValidJalali(%d,%d,%d) = false", jy, jm, jd)
				}
				prev = jdn
				jdn++
				days++
			}
			if ValidJalali(jy, jm, n+1) {
				t.Fatalf("ValidJalali(%d,%d,%d) = true", jy, jm, n+1)
			}
		}
	}
	t.Logf("%d days checked both ways", days)
}

// Known dates, as published in Iranian calendars.
func TestJalaliKnownDates(t *testing.T) {
	for _, c := range []struct{ jy, jm, jd, gy, gm, gd int }{
		{1400, 11, 15, 2022, 2, 4},  // the seed article
		{1403, 1, 1, 2024, 3, 20},   // Nowruz 1403
		{1404, 1, 1, 2025, 3, 21},   // Nowruz 1404
		{1399, 12, 30, 2021, 3, 20}, // 1399 was leap
		{1357, 11, 22, 1979, 2, 11}, // revolution day
		{1, 1, 1, 622, 3, 22},       // epoch (proleptic Gregorian)
	} {
		if y, m, d := JalaliToGregorian(c.jy, c.jm, c.jd); y != c.gy || m != c.gm || d != c.gd {
			t.Errorf("JalaliToGregorian(%d/%d/%d) = %d-%d-%d, want %d-%d-%d", c.jy, c.jm, c.jd, y, m, d, c.gy, c.gm, c.gd)
		}
	}
}

func TestGregorianJDNAgainstTime(t *testing.T) {
	for jdn := GregorianToJDN(1600, 1, 1); jdn < GregorianToJDN(2400, 1, 1); jdn++ {
		g := jdnToTime(jdn)
		if y, m, d := JDNToGregorian(jdn); y != g.Year() || m != int(g.Month()) || d != g.Day() {
			t.Fatalf("JDNToGregorian(%d) = %d-%d-%d, want %s", jdn, y, m, d, g.Format("2006-01-02"))
		}
		if got := GregorianToJDN(g.Year(), int(g.Month()), g.Day()); got != jdn {
			t.Fatalf("GregorianToJDN(%s) = %d, want %d", g.Format("2006-01-02"), got, jdn)
		}
	}
}

func TestHijri(t *testing.T) {
	// 1 Muharram 1400 AH = 21 November 1979 in the tabular calendar.
	if y, m, d := JDNToGregorian(HijriToJDN(1400, 1, 1)); y != 1979 || m != 11 || d != 21 {
		t.Errorf("1 Muharram 1400 = %d-%d-%d, want 1979-11-21", y, m, d)
	}
	prev := HijriToJDN(1300, 1, 1) - 1
	for y := 1300; y < 1600; y++ {
		for m := 1; m <= 12; m++ {
			n := hijriMonthDays(y, m)
			if n != 29 && n != 30 {
				t.Fatalf("%d/%d has %d days", y, m, n)
			}
			for d := 1; d <= n; d++ {
				jdn := HijriToJDN(y, m, d)
				if jdn != prev+1 {
					t.Fatalf("%d/%d/%d: JDN %d after %d", y, m, d, jdn, prev)
				}
				if yy, mm, dd := JDNToHijri(jdn); yy != y || mm != m || dd != d {
					t.Fatalf("JDNToHijri(%d) = %d/%d/%d, want %d/%d/%d", jdn, yy, mm, dd, y, m, d)
				}
				prev = jdn
			}
		}
	}
}
