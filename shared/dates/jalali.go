package dates

// Solar Hijri (Jalali) calendar arithmetic.
//
// The calendar is astronomical: a year begins on the day whose Tehran noon
// follows the March equinox. The arithmetic below reproduces that rule with
// Borkowski's table of "breaks" — the years where the pattern of 33-year
// leap cycles shifts — valid for Solar Hijri years -61 to 3177 (Gregorian
// 560 to 3798). Days are counted as Julian Day Numbers (JDN), so that every
// calendar converts through one integer line.

// jalaliBreaks are the years at which the leap-year cycle restarts.
var jalaliBreaks = [...]int{-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181,
	1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178}

// MinJalaliYear and MaxJalaliYear bound the years the arithmetic handles.
const (
	MinJalaliYear = -61
	MaxJalaliYear = 3177
)

// jalaliMarch returns the Gregorian year in which Solar Hijri year jy
// begins and the day of March of its first day (1 Farvardin).
func jalaliMarch(jy int) (gy, march int) {
	gy = jy + 621
	leapJ := -14
	jp := jalaliBreaks[0]
	jump := 0
	for _, jm := range jalaliBreaks[1:] {
		jump = jm - jp
		if jy < jm {
			break
		}
		leapJ += jump/33*8 + jump%33/4
		jp = jm
	}
	n := jy - jp
	leapJ += n/33*8 + (n%33+3)/4
	if jump%33 == 4 && jump-n == 4 {
		leapJ++
	}
	leapG := gy/4 - (gy/100+1)*3/4 - 150
	return gy, 20 + leapJ - leapG
}

// jalaliYearStart is the JDN of 1 Farvardin of year jy.
func jalaliYearStart(jy int) int {
	gy, march := jalaliMarch(jy)
	return GregorianToJDN(gy, 3, march)
}

// IsJalaliLeap reports whether Solar Hijri year jy has 366 days
// (its twelfth month, Esfand, 30 days instead of 29).
func IsJalaliLeap(jy int) bool {
	return jalaliYearStart(jy+1)-jalaliYearStart(jy) == 366
}

// JalaliMonthDays is the length of month jm (1–12) of year jy.
func JalaliMonthDays(jy, jm int) int {
	switch {
	case jm < 1 || jm > 12:
		return 0
	case jm <= 6:
		return 31
	case jm <= 11:
		return 30
	case IsJalaliLeap(jy):
		return 30
	}
	return 29
}

// ValidJalali reports whether jy/jm/jd is a day of the Solar Hijri calendar
// within the supported years.
func ValidJalali(jy, jm, jd int) bool {
	return jy >= MinJalaliYear && jy <= MaxJalaliYear-1 && jd >= 1 && jd <= JalaliMonthDays(jy, jm)
}

// JalaliToJDN returns the Julian Day Number of Solar Hijri date jy/jm/jd.
// The date must be valid (see ValidJalali).
func JalaliToJDN(jy, jm, jd int) int {
	days := (jm - 1) * 31
	if jm > 7 {
		days -= jm - 7 // months 7–12 have 30 days
	}
	return jalaliYearStart(jy) + days + jd - 1
}

// JDNToJalali returns the Solar Hijri date of Julian Day Number jdn.
func JDNToJalali(jdn int) (jy, jm, jd int) {
	gy, _, _ := JDNToGregorian(jdn)
	jy = gy - 621
	start := jalaliYearStart(jy)
	if jdn < start {
		jy--
		start = jalaliYearStart(jy)
	}
	k := jdn - start
	if k < 186 {
		return jy, 1 + k/31, 1 + k%31
	}
	k -= 186
	return jy, 7 + k/30, 1 + k%30
}

// GregorianToJDN returns the Julian Day Number of proleptic Gregorian date
// y/m/d (Fliegel and Van Flandern's integer formula, shifted so that the
// divisions never see negative numbers for years after -4800).
func GregorianToJDN(y, m, d int) int {
	a := (14 - m) / 12
	yy := y + 4800 - a
	mm := m + 12*a - 3
	return d + (153*mm+2)/5 + 365*yy + yy/4 - yy/100 + yy/400 - 32045
}

// JDNToGregorian returns the proleptic Gregorian date of Julian Day Number jdn.
func JDNToGregorian(jdn int) (y, m, d int) {
	a := jdn + 32044
	b := (4*a + 3) / 146097
	c := a - 146097*b/4
	e := (4*c + 3) / 1461
	f := c - 1461*e/4
	g := (5*f + 2) / 153
	d = f - (153*g+2)/5 + 1
	m = g + 3 - 12*(g/10)
	y = 100*b + e - 4800 + g/10
	return y, m, d
}

// JalaliToGregorian converts a Solar Hijri date to the Gregorian calendar.
func JalaliToGregorian(jy, jm, jd int) (gy, gm, gd int) {
	return JDNToGregorian(JalaliToJDN(jy, jm, jd))
}

// GregorianToJalali converts a Gregorian date to the Solar Hijri calendar.
func GregorianToJalali(gy, gm, gd int) (jy, jm, jd int) {
	return JDNToJalali(GregorianToJDN(gy, gm, gd))
}

// gregorianMonthDays is the length of month m of Gregorian year y.
func gregorianMonthDays(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	if m < 1 || m > 12 {
		return 0
	}
	return 31
}
