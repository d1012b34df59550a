package dates

import (
	"strings"
	"unicode"
)

// MaxLen is the longest text Parse looks at; dates are short, and a bound
// keeps the work bounded whatever a page holds.
const MaxLen = 160

// Options tell Parse what it cannot see in the text itself.
type Options struct {
	// Lang is the page's language tag. It settles whether 03/04/2022 is
	// March or April (month first only for "en-US" and bare "en"), and
	// whether a year such as 1443 with no month name is Hijri ("ar")
	// rather than Jalali.
	Lang string
}

// Parse reads the date in s. It reports false if s holds no complete date
// (a day, a month and a year). A time of day and a zone are read if present.
// Words around the date ("Published", "به‌روزرسانی", weekday names) are
// skipped, up to a few.
func Parse(s string, opts Options) (Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > MaxLen*4 {
		return Date{}, false
	}
	if n := runeCount(s); n > MaxLen {
		return Date{}, false
	}
	if d, ok := parseISO(s, opts); ok {
		if d.Calendar != Gregorian {
			return calendarToGregorian(d, opts)
		}
		return d, d.valid()
	}
	return parseWords(lex(s), opts)
}

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// Token kinds.
const (
	tNum  = iota // a run of digits
	tWord        // a run of letters, folded
	tSep         // any other single character
)

type token struct {
	kind   int
	num    int    // tNum: value
	digits int    // tNum: number of digits
	text   string // tWord: folded word; tSep: the character
	used   bool
}

// lex splits s into numbers (any digits), words (letters, joined by inner
// dots as in "a.m." or "ه.ش") and single separator characters; spaces
// separate tokens and are dropped.
func lex(s string) []token {
	var toks []token
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		if _, ok := digitValue(r); ok {
			n, d := 0, 0
			for i < len(rs) {
				v, ok := digitValue(rs[i])
				if !ok {
					break
				}
				if d < 10 {
					n = n*10 + v
				}
				d++
				i++
			}
			toks = append(toks, token{kind: tNum, num: n, digits: d})
			continue
		}
		if isWordRune(r) {
			j := i
			for j < len(rs) && (isWordRune(rs[j]) || (rs[j] == '.' && j+1 < len(rs) && isWordRune(rs[j+1]) && j > i)) {
				j++
			}
			w := fold(string(rs[i:j]))
			i = j
			if i < len(rs) && rs[i] == '.' && strings.Contains(w, ".") { // "a.m." keeps its last dot out
				i++
			}
			if w != "" {
				toks = append(toks, token{kind: tWord, text: strings.ReplaceAll(w, ".", "")})
			}
			continue
		}
		i++
		if unicode.IsSpace(r) || r == '\u200f' || r == '\u200e' || r == '\u061c' {
			continue
		}
		if r == '٫' || r == '٬' { // Arabic decimal and thousands separators
			r = '.'
		}
		if r == '،' || r == '؛' {
			r = ','
		}
		toks = append(toks, token{kind: tSep, text: string(r)})
	}
	return toks
}

func isWordRune(r rune) bool {
	if _, ok := digitValue(r); ok {
		return false
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == '\u200c' || r == '\u200d' || r == 'ـ'
}

// zoneNames are the abbreviations read as fixed offsets (seconds).
var zoneNames = map[string]int{
	"utc": 0, "gmt": 0, "z": 0, "ut": 0,
	"est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
	"mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
	"bst": 3600, "cet": 3600, "cest": 2 * 3600, "eet": 2 * 3600, "eest": 3 * 3600,
	"msk": 3 * 3600, "jst": 9 * 3600, "kst": 9 * 3600, "aest": 10 * 3600, "aedt": 11 * 3600,
	"irst": IranStandard, "irdt": IranStandard + 3600,
}

// Words that set the half of the day.
var (
	amWords = map[string]bool{"am": true, "قظ": true, "صبح": true, "بامداد": true, "ص": true}
	pmWords = map[string]bool{"pm": true, "بظ": true, "عصر": true, "بعدازظهر": true, "شب": true,
		"ظهر": true, "مساء": true, "م": true}
)

// maxUnknownWords is how many unrecognised words a date may carry.
const maxUnknownWords = 6

func parseWords(toks []token, opts Options) (Date, bool) {
	var d Date
	cal, calSet := Gregorian, false

	// The time of day: H:MM[:SS[.frac]] with an optional half-day word.
	timeEnd := -1
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].kind != tNum || toks[i].digits > 2 || !isSep(toks[i+1], ":") || toks[i+2].kind != tNum || toks[i+2].digits != 2 {
			continue
		}
		d.Hour, d.Minute, d.HasTime = toks[i].num, toks[i+2].num, true
		toks[i].used, toks[i+1].used, toks[i+2].used = true, true, true
		j := i + 3
		if j+1 < len(toks) && isSep(toks[j], ":") && toks[j+1].kind == tNum && toks[j+1].digits == 2 {
			d.Second = toks[j+1].num
			toks[j].used, toks[j+1].used = true, true
			j += 2
			if j+1 < len(toks) && isSep(toks[j], ".") && toks[j+1].kind == tNum {
				d.Nano = fraction(toks[j+1])
				toks[j].used, toks[j+1].used = true, true
				j += 2
			}
		}
		timeEnd = j
		break
	}
	if d.HasTime {
		for k := timeEnd; k < len(toks) && k <= timeEnd+1; k++ {
			t := toks[k]
			if t.kind != tWord {
				continue
			}
			if amWords[t.text] && d.Hour <= 12 {
				if d.Hour == 12 {
					d.Hour = 0
				}
				toks[k].used = true
			} else if pmWords[t.text] && d.Hour <= 12 {
				if d.Hour < 12 {
					d.Hour += 12
				}
				toks[k].used = true
			}
		}
		readZone(toks, timeEnd, &d)
	}

	// The month, by name, and calendar markers.
	month, monthAt := 0, -1
	unknown := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != tWord || t.used {
			continue
		}
		if i+1 < len(toks) && toks[i+1].kind == tWord && month == 0 {
			if m, ok := monthNames[t.text+toks[i+1].text]; ok {
				month, monthAt, cal, calSet = m.month, i, m.cal, true
				toks[i].used, toks[i+1].used = true, true
				i++
				continue
			}
		}
		if i+1 < len(toks) && toks[i+1].kind == tWord {
			if c, ok := calendarMarkers[t.text+" "+toks[i+1].text]; ok {
				if !calSet {
					cal, calSet = c, true
				}
				toks[i].used, toks[i+1].used = true, true
				i++
				continue
			}
		}
		if m, ok := monthNames[t.text]; ok && month == 0 {
			month, monthAt, cal, calSet = m.month, i, m.cal, true
			toks[i].used = true
			continue
		}
		if c, ok := calendarMarkers[t.text]; ok {
			if !calSet {
				cal, calSet = c, true
			}
			toks[i].used = true
			continue
		}
		if weekdays[t.text] || noiseWords[t.text] {
			toks[i].used = true
			continue
		}
		unknown++
	}
	if unknown > maxUnknownWords {
		return Date{}, false
	}

	var y, m, day int
	if month > 0 {
		// The year and the day are the numbers nearest the month name.
		y, day = -1, -1
		for dist := 1; dist < len(toks); dist++ {
			for _, k := range [2]int{monthAt - dist, monthAt + dist} {
				if k < 0 || k >= len(toks) || toks[k].used || toks[k].kind != tNum {
					continue
				}
				t := toks[k]
				switch {
				case t.digits >= 3 && t.digits <= 4 && y < 0:
					y = t.num
					toks[k].used = true
				case t.digits <= 2 && t.num >= 1 && t.num <= 31 && day < 0:
					day = t.num
					toks[k].used = true
				}
			}
			if y >= 0 && day >= 0 {
				break
			}
		}
		if y < 0 || day < 0 {
			return Date{}, false
		}
		m = month
	} else {
		// Three numbers joined by one separator: Y-M-D, D/M/Y or M/D/Y.
		var ok bool
		y, m, day, ok = numericDate(toks, opts)
		if !ok {
			return Date{}, false
		}
		if !calSet {
			cal = yearCalendar(y, opts)
		}
	}
	if !calSet && month == 0 {
		cal = yearCalendar(y, opts)
	}
	d.Year, d.Month, d.Day, d.Calendar = y, m, day, cal
	if cal != Gregorian {
		return calendarToGregorian(d, opts)
	}
	if d.usZone && usSummer(d.Year, d.Month, d.Day, d.Hour) {
		d.Offset += 3600
	}
	d.usZone = false
	return d, d.valid()
}

// usZones are the United States zones written without saying whether
// summer time is meant ("8:03 am ET"): their standard offsets.
var usZones = map[string]int{"et": -5 * 3600, "ct": -6 * 3600, "mt": -7 * 3600, "pt": -8 * 3600}

// usSummer reports whether US daylight saving time is in force at the given
// local standard hour: from the second Sunday of March to the first Sunday
// of November since 2007, from the first Sunday of April to the last Sunday
// of October in 1987–2006, both at 2:00.
func usSummer(y, m, d, h int) bool {
	var startM, startD, endM, endD int
	switch {
	case y >= 2007:
		startM, startD = 3, nthSunday(y, 3, 2)
		endM, endD = 11, nthSunday(y, 11, 1)
	case y >= 1987:
		startM, startD = 4, nthSunday(y, 4, 1)
		endM, endD = 10, nthSunday(y, 10, 1)
		for endD+7 <= 31 {
			endD += 7
		}
	default:
		return false
	}
	after := m > startM || m == startM && (d > startD || d == startD && h >= 2)
	before := m < endM || m == endM && (d < endD || d == endD && h < 2)
	return after && before
}

// nthSunday is the day of month of the n-th Sunday of month m of year y.
func nthSunday(y, m, n int) int {
	wd := (GregorianToJDN(y, m, 1) + 1) % 7 // 0 = Sunday
	first := 1 + (7-wd)%7
	return first + 7*(n-1)
}

// noiseWords are words that often stand around dates and mean nothing to them.
var noiseWords = map[string]bool{}

func init() {
	for _, w := range strings.Split("on|at|the|of|published|posted|updated|last|date|th|st|nd|rd|"+
		"ساعت|تاریخ|انتشار|منتشر|شده|در|به|روز|بروزرسانی|بهروزرسانی|آخرین|"+
		"نشر|في|الساعة|بتاريخ|تاريخ|آخر|تحديث|يوم|الموافق|مطابق|برابر|با", "|") {
		noiseWords[fold(w)] = true
	}
}

func isSep(t token, s string) bool { return t.kind == tSep && t.text == s }

// fraction turns the digits after a decimal point into nanoseconds.
func fraction(t token) int {
	n, d := t.num, t.digits
	if d > 10 {
		d = 10 // lex keeps only the first ten digits
	}
	for ; d < 9; d++ {
		n *= 10
	}
	for ; d > 9; d-- {
		n /= 10
	}
	return n
}

// readZone reads a zone or UTC offset right after the time of day
// (tokens from i on): "Z", "UTC", "GMT+3:30", "+0430", "-05:00", "EST".
func readZone(toks []token, i int, d *Date) {
	for k := i; k < len(toks) && k <= i+1; k++ {
		if toks[k].kind == tWord && toks[k].used {
			continue // a half-day word
		}
		if toks[k].kind == tWord {
			off, ok := zoneNames[toks[k].text]
			if !ok {
				if off, ok = usZones[toks[k].text]; ok {
					toks[k].used = true
					d.Offset, d.HasOffset, d.usZone = off, true, true
				}
				return
			}
			toks[k].used = true
			d.Offset, d.HasOffset = off, true
			if k+1 < len(toks) && (isSep(toks[k+1], "+") || isSep(toks[k+1], "-")) {
				if o, n, ok := readOffset(toks[k+1:]); ok {
					markUsed(toks[k+1 : k+1+n])
					d.Offset = off + o
				}
			}
			return
		}
		if isSep(toks[k], "+") || isSep(toks[k], "-") || isSep(toks[k], "−") {
			if o, n, ok := readOffset(toks[k:]); ok {
				markUsed(toks[k : k+n])
				d.Offset, d.HasOffset = o, true
			}
		}
		return
	}
}

// readOffset reads "+HH:MM", "+HHMM" or "+H" at the start of toks and
// returns the offset in seconds and the number of tokens it took.
func readOffset(toks []token) (off, n int, ok bool) {
	if len(toks) < 2 || toks[1].kind != tNum {
		return 0, 0, false
	}
	sign := 1
	if toks[0].text != "+" {
		sign = -1
	}
	h, m := 0, 0
	switch t := toks[1]; {
	case t.digits == 4:
		h, m = t.num/100, t.num%100
		n = 2
	case t.digits <= 2:
		h = t.num
		n = 2
		if len(toks) >= 4 && isSep(toks[2], ":") && toks[3].kind == tNum && toks[3].digits == 2 {
			m = toks[3].num
			n = 4
		}
	default:
		return 0, 0, false
	}
	if h > 15 || m > 59 {
		return 0, 0, false
	}
	return sign * (h*3600 + m*60), n, true
}

func markUsed(ts []token) {
	for i := range ts {
		ts[i].used = true
	}
}

// numericDate finds three unused numbers joined by the same separator
// ("/", "-" or ".") and orders them as year, month and day.
func numericDate(toks []token, opts Options) (y, m, d int, ok bool) {
	for i := 0; i+4 < len(toks); i++ {
		a, s1, b, s2, c := toks[i], toks[i+1], toks[i+2], toks[i+3], toks[i+4]
		if a.used || b.used || c.used || a.kind != tNum || b.kind != tNum || c.kind != tNum ||
			s1.kind != tSep || s2.kind != tSep || s1.text != s2.text ||
			!strings.Contains("/-.", s1.text) {
			continue
		}
		switch {
		case a.digits == 4 && b.digits <= 2 && c.digits <= 2:
			return a.num, b.num, c.num, true
		case c.digits == 4 && a.digits <= 2 && b.digits <= 2:
			if a.num > 12 || !monthFirst(opts.Lang) && b.num <= 12 {
				return c.num, b.num, a.num, true
			}
			return c.num, a.num, b.num, true
		}
	}
	return 0, 0, 0, false
}

// monthFirst reports whether numeric dates put the month first in lang.
func monthFirst(lang string) bool {
	l := strings.ToLower(lang)
	return l == "en" || l == "en-us" || l == ""
}

// yearCalendar guesses the calendar of a year written without a month name.
func yearCalendar(y int, opts Options) Calendar {
	if y >= 1200 && y < 1600 {
		if l := strings.ToLower(opts.Lang); l == "ar" || strings.HasPrefix(l, "ar-") {
			return Hijri
		}
		return Jalali
	}
	return Gregorian
}

// calendarToGregorian converts d's Year/Month/Day, written in d.Calendar,
// to the Gregorian calendar.
func calendarToGregorian(d Date, _ Options) (Date, bool) {
	switch d.Calendar {
	case Jalali:
		if !ValidJalali(d.Year, d.Month, d.Day) {
			return Date{}, false
		}
		d.Year, d.Month, d.Day = JalaliToGregorian(d.Year, d.Month, d.Day)
	case Hijri:
		if d.Year < 1 || d.Year > 3000 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 30 {
			return Date{}, false
		}
		if d.Day > hijriMonthDays(d.Year, d.Month) { // the tables differ by a day at times
			d.Day = hijriMonthDays(d.Year, d.Month)
		}
		d.Year, d.Month, d.Day = JDNToGregorian(HijriToJDN(d.Year, d.Month, d.Day))
	}
	return d, d.valid()
}
