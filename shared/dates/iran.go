package dates

// Iran's civil time, embedded as a rule so that it works where no time-zone
// database exists (WebAssembly in a browser extension).
//
// Iran Standard Time is UTC+03:30. Daylight saving time (UTC+04:30) was
// kept in 1979–1980, 1991–2005 and 2008–2022; it was abolished in 2022 and
// not kept since. In 1991–2005 and 2008–2022 it ran from the start of
// 2 Farvardin to the end of 30 Shahrivar (local time), except that 1991's
// began on 3 May. The dates follow the IANA time zone database (Asia/Tehran).

// IranStandard is Iran's standard offset in seconds east of UTC.
const IranStandard = 3*3600 + 1800

// iranSummer is a span of days with daylight saving time, as JDNs of the
// first day and of the day after the last.
type iranSummer struct{ from, until int }

// iranEarlySummers are the Gregorian-dated summers of 1979 and 1980.
var iranEarlySummers = [...]iranSummer{
	{2443960, 2444136}, // 1979-03-27 .. 1979-09-19
	{2444320, 2444506}, // 1980-03-21 .. 1980-09-23
}

// IranOffset returns Iran's UTC offset, in seconds, for a local wall-clock
// time on Gregorian date y/m/d. The repeated hour when summer time ends is
// read as summer time.
func IranOffset(y, m, d int) int {
	if iranSummerDay(GregorianToJDN(y, m, d)) {
		return IranStandard + 3600
	}
	return IranStandard
}

func iranSummerDay(jdn int) bool {
	for _, s := range iranEarlySummers {
		if jdn >= s.from && jdn < s.until {
			return true
		}
	}
	jy, jm, jd := JDNToJalali(jdn)
	if jy < 1370 || jy > 1401 || jy == 1385 || jy == 1386 {
		return false
	}
	if jm > 6 || (jm == 6 && jd == 31) {
		return false
	}
	if jy == 1370 {
		return jm > 2 || (jm == 2 && jd >= 13) // 3 May 1991
	}
	return jm > 1 || jd >= 2
}
