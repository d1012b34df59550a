package dates

import "strings"

// Calendar names the calendar a date was written in.
type Calendar uint8

// Calendars.
const (
	Gregorian Calendar = iota
	Jalali             // Solar Hijri, Iran's and Afghanistan's civil calendar
	Hijri              // lunar Islamic calendar (tabular approximation)
)

func (c Calendar) String() string {
	switch c {
	case Jalali:
		return "jalali"
	case Hijri:
		return "hijri"
	}
	return "gregorian"
}

// monthName is a month name and the month and calendar it stands for.
type monthName struct {
	cal   Calendar
	month int
}

// monthNames maps folded month names (see fold) to months. Names of more
// than one word are stored without their spaces.
var monthNames = map[string]monthName{}

func addMonths(cal Calendar, names ...string) {
	for i, group := range names {
		for _, n := range strings.Split(group, "|") {
			monthNames[strings.ReplaceAll(fold(n), " ", "")] = monthName{cal, i + 1}
		}
	}
}

func init() {
	addMonths(Gregorian,
		"january|jan", "february|feb", "march|mar", "april|apr", "may",
		"june|jun", "july|jul", "august|aug", "september|sep|sept",
		"october|oct", "november|nov", "december|dec")
	// Gregorian months in Persian.
	addMonths(Gregorian,
		"ژانویه|ژانویهٔ|جنوری", "فوریه|فبروری", "مارس|مارچ", "آوریل|اپریل|آپریل", "مه|می",
		"ژوئن|جون", "ژوئیه|ژوئیهٔ|جولای|جولای", "اوت|آگوست|اگوست|آگست", "سپتامبر",
		"اکتبر", "نوامبر", "دسامبر")
	// Gregorian months in Arabic, Egyptian and Levantine names.
	addMonths(Gregorian,
		"يناير|كانون الثاني", "فبراير|شباط", "آذار", "أبريل|إبريل|نيسان", "مايو|أيار",
		"يونيو|يونيه|حزيران", "يوليو|يوليه|تموز", "أغسطس|آب", "سبتمبر|أيلول",
		"أكتوبر|تشرين الأول", "نوفمبر|تشرين الثاني", "ديسمبر|كانون الأول")
	addMonths(Jalali,
		"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد|امرداد", "شهریور",
		"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
	addMonths(Hijri,
		"محرم|محرم الحرام", "صفر|صفر المظفر", "ربيع الأول|ربيع الاول|ربیع الاول|ربيع أول",
		"ربيع الثاني|ربيع الآخر|ربیع الثانی|ربيع ثاني",
		"جمادى الأولى|جمادى الاولى|جمادی الاولی|جمادی الاول|جمادى الأول",
		"جمادى الآخرة|جمادى الثانية|جمادی الثانیه|جمادی الثانی|جمادى الآخر",
		"رجب|رجب المرجب", "شعبان|شعبان المعظم", "رمضان|رمضان المبارك",
		"شوال|شوال المکرم", "ذو القعدة|ذي القعدة|ذیقعده|ذی القعده",
		"ذو الحجة|ذي الحجة|ذیحجه|ذی الحجه")
}

// weekdays are folded weekday names; a date may carry one, and it is skipped.
var weekdays = map[string]bool{}

func init() {
	for _, w := range strings.Split("monday|mon|tuesday|tue|tues|wednesday|wed|thursday|thu|thur|thurs|"+
		"friday|fri|saturday|sat|sunday|sun|"+
		"شنبه|یکشنبه|دوشنبه|سهشنبه|سه شنبه|چهارشنبه|پنجشنبه|پنج شنبه|جمعه|آدینه|"+
		"السبت|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|"+
		"سبت|أحد|اثنين|ثلاثاء|أربعاء|خميس|جمعة", "|") {
		weekdays[strings.ReplaceAll(fold(w), " ", "")] = true
	}
}

// Era and calendar markers that may follow a year.
var calendarMarkers = map[string]Calendar{
	fold("هجری شمسی"): Jalali, fold("شمسی"): Jalali, fold("ه.ش"): Jalali, fold("هش"): Jalali,
	fold("خورشیدی"):   Jalali,
	fold("هجری قمری"): Hijri, fold("قمری"): Hijri, fold("ه.ق"): Hijri, fold("هق"): Hijri,
	fold("هـ"): Hijri, fold("هجري"): Hijri, fold("هجرية"): Hijri, fold("ah"): Hijri,
	fold("میلادی"): Gregorian, fold("ميلادي"): Gregorian, fold("م"): Gregorian,
	fold("ad"): Gregorian, fold("ce"): Gregorian,
}

// fold prepares text for matching names: ASCII letters lowercased, the
// Arabic letters that Persian writes differently unified (ي ى → ی, ك → ک,
// ة → ه), hamza carriers reduced to their bare letters, and zero-width
// joiners, tatweel and Arabic diacritics removed.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r == 'ي' || r == 'ى' || r == 'ئ':
			r = 'ی'
		case r == 'ك':
			r = 'ک'
		case r == 'ة':
			r = 'ه'
		case r == 'أ' || r == 'إ' || r == 'ٱ':
			r = 'ا'
		case r == 'ؤ':
			r = 'و'
		case r == '\u200c' || r == '\u200d' || r == 'ـ' || r == 'ٔ' ||
			(r >= '\u064b' && r <= '\u065f') || r == '\u0670':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// digitValue returns the value of an ASCII, Persian or Arabic-Indic digit.
func digitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '۰' && r <= '۹':
		return int(r - '۰'), true
	case r >= '٠' && r <= '٩':
		return int(r - '٠'), true
	}
	return 0, false
}
