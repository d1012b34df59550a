package dates

// Hijri (lunar Islamic) calendar, tabular form.
//
// Real Hijri months begin with the sighting of the new moon, or by Saudi
// Arabia's Umm al-Qura tables; the arithmetic (civil, "type II") calendar
// used here follows them to within a day or two. That is good enough to date
// an article: a page that shows only a Hijri date rarely means the minute.

// hijriEpoch is the JDN of 1 Muharram 1 AH (16 July 622, Julian), less one.
const hijriEpoch = 1948439

// HijriToJDN returns the Julian Day Number of Hijri date y/m/d.
func HijriToJDN(y, m, d int) int {
	return d + (59*(m-1)+1)/2 + (y-1)*354 + (3+11*y)/30 + hijriEpoch
}

// JDNToHijri returns the Hijri date of Julian Day Number jdn (jdn after the epoch).
func JDNToHijri(jdn int) (y, m, d int) {
	y = (30*(jdn-hijriEpoch-1) + 10646) / 10631
	m = 12
	for mm := 1; mm < 12; mm++ {
		if jdn < HijriToJDN(y, mm+1, 1) {
			m = mm
			break
		}
	}
	return y, m, jdn - HijriToJDN(y, m, 1) + 1
}

// hijriMonthDays is the length of month m of year y in the tabular calendar.
func hijriMonthDays(y, m int) int {
	if m < 12 {
		return HijriToJDN(y, m+1, 1) - HijriToJDN(y, m, 1)
	}
	return HijriToJDN(y+1, 1, 1) - HijriToJDN(y, 12, 1)
}
