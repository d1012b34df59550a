package dates

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		lang string
		want string // RFC 3339 after InIran for Persian pages, else as parsed; "" = no date
		cal  Calendar
	}{
		// Jalali, as Iranian sites show it.
		{"جمعه 15 بهمن 1400 - 02:33", "fa", "2022-02-04T02:33:00+03:30", Jalali},
		{"۱۵ بهمن ۱۴۰۰ ساعت ۰۲:۳۳", "fa", "2022-02-04T02:33:00+03:30", Jalali},
		{"1400/11/15", "fa", "2022-02-04T00:00:00+03:30", Jalali},
		{"۱۴۰۰-۱۱-۱۵ ۰۲:۳۳:۱۰", "fa", "2022-02-04T02:33:10+03:30", Jalali},
		{"٢٥ اسفند ١٣٩٩", "fa", "2021-03-15T00:00:00+03:30", Jalali},
		{"سه‌شنبه ۱۰ تیر ۱۴۰۱ - ۱۲:۳۰", "fa", "2022-07-01T12:30:00+04:30", Jalali},
		{"تاریخ انتشار: ۰۱ فروردين ۱۴۰۲ ساعت ۲۳:۰۰", "fa", "2023-03-21T23:00:00+03:30", Jalali},
		{"۳۰ شهریور ۱۳۹۸، ۱۰:۰۰ ب.ظ", "fa", "2019-09-21T22:00:00+04:30", Jalali},
		{"۳۱ شهریور ۱۳۹۸ ۱۰:۰۰", "fa", "2019-09-22T10:00:00+03:30", Jalali},
		{"1402/07/05 - 08:15", "fa", "2023-09-27T08:15:00+03:30", Jalali},
		{"۱۲ مرداد ۱۳۹۲ هجری شمسی", "fa", "2013-08-03T00:00:00+04:30", Jalali},
		// Gregorian in Persian and Arabic.
		{"۴ فوریه ۲۰۲۲", "fa", "2022-02-04T00:00:00+03:30", Gregorian},
		{"4 فبراير 2022", "ar", "2022-02-04T00:00:00Z", Gregorian},
		{"٤ شباط ٢٠٢٢ م", "ar", "2022-02-04T00:00:00Z", Gregorian},
		{"الجمعة 4 كانون الثاني 2019 10:30 م", "ar", "2019-01-04T22:30:00Z", Gregorian},
		{"۲۳ ژوئیه ۲۰۱۹", "fa", "2019-07-23T00:00:00+04:30", Gregorian},
		// Hijri (tabular; Umm al-Qura may differ by a day).
		{"1 رمضان 1443 هـ", "ar", "2022-04-03T00:00:00Z", Hijri},
		{"١٥ ذو الحجة ١٤٤٤", "ar", "2023-07-04T00:00:00Z", Hijri},
		{"۱۴ ربیع‌الاول ۱۴۴۵ ه.ق", "fa", "2023-09-29T00:00:00+03:30", Hijri},
		// English and machine formats.
		{"2022-02-04T02:33:00+03:30", "", "2022-02-04T02:33:00+03:30", Gregorian},
		{"2021-11-01T10:52:50+0100", "", "2021-11-01T10:52:50+01:00", Gregorian},
		{"2015-03-27T13:07:55.096Z", "", "2015-03-27T13:07:55.096Z", Gregorian},
		{"2017-11-03 03:01:00.000000", "", "2017-11-03T03:01:00Z", Gregorian},
		{"2024-06-25", "", "2024-06-25T00:00:00Z", Gregorian},
		{"Tue, 05 Sep 2017 14:03:00 GMT", "", "2017-09-05T14:03:00Z", Gregorian},
		{"Mon, 02 Jan 2006 15:04:05 -0700", "", "2006-01-02T15:04:05-07:00", Gregorian},
		{"April 28, 2019 at 6:01 am", "", "2019-04-28T06:01:00Z", Gregorian},
		{"March 11, 2015 3:46 PM EST", "", "2015-03-11T15:46:00-05:00", Gregorian},
		{"Last Updated: January 7, 2025", "", "2025-01-07T00:00:00Z", Gregorian},
		{"7 Jan. 2025", "", "2025-01-07T00:00:00Z", Gregorian},
		{"Nov. 19, 2019 8:03 am ET", "", "2019-11-19T08:03:00-05:00", Gregorian},
		{"July 4, 2019 8:03 pm PT", "", "2019-07-04T20:03:00-07:00", Gregorian},
		{"March 10, 2024 1:30 am ET", "", "2024-03-10T01:30:00-05:00", Gregorian}, // before the change at 2:00
		{"March 10, 2024 3:30 am ET", "", "2024-03-10T03:30:00-04:00", Gregorian},
		{"April 1, 2000 10:00 am CT", "", "2000-04-01T10:00:00-06:00", Gregorian}, // 1987–2006 rule: from April 2
		{"October 20, 2000 10:00 am CT", "", "2000-10-20T10:00:00-05:00", Gregorian},
		{"Sept. 3rd, 2015", "", "2015-09-03T00:00:00Z", Gregorian},
		{"05/06/2020", "en-US", "2020-05-06T00:00:00Z", Gregorian},
		{"05/06/2020", "en-GB", "2020-06-05T00:00:00Z", Gregorian},
		{"25.12.2020 12:00", "de", "2020-12-25T12:00:00Z", Gregorian},
		{"12:00 UTC+3:30, 4 Feb 2022", "", "2022-02-04T12:00:00+03:30", Gregorian},
		// Not dates.
		{"by Lucas Nolan22 Dec 2016651", "", "", Gregorian},
		{"Follow Author", "", "", Gregorian},
		{"31 فوریه ۲۰۲۲", "fa", "", Gregorian},
		{"1400/12/30", "fa", "", Jalali}, // 1400 was not a leap year
		{"2022-13-01", "", "", Gregorian},
		{"", "", "", Gregorian},
		{"بهمن", "fa", "", Gregorian},
	}
	for _, tt := range tests {
		d, ok := Parse(tt.in, Options{Lang: tt.lang})
		if tt.want == "" {
			if ok {
				t.Errorf("Parse(%q) = %s, want no date", tt.in, d)
			}
			continue
		}
		if !ok {
			t.Errorf("Parse(%q) found no date, want %s", tt.in, tt.want)
			continue
		}
		if tt.lang == "fa" {
			d = d.InIran()
		}
		if got := d.String(); got != tt.want || d.Calendar != tt.cal {
			t.Errorf("Parse(%q) = %s (%v), want %s (%v)", tt.in, got, d.Calendar, tt.want, tt.cal)
		}
	}
}

func TestIranOffset(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    string
	}{
		{2022, 2, 4, "+03:30"},
		{2022, 3, 21, "+03:30"}, // 1 Farvardin 1401: summer time begins at its end
		{2022, 3, 22, "+04:30"},
		{2022, 9, 21, "+04:30"}, // 30 Shahrivar 1401
		{2022, 9, 22, "+03:30"},
		{2023, 6, 1, "+03:30"}, // abolished
		{2007, 6, 1, "+03:30"}, // not kept in 2006–2007
		{2005, 6, 1, "+04:30"},
		{1991, 5, 2, "+03:30"},
		{1991, 5, 3, "+04:30"},
		{1985, 6, 1, "+03:30"},
		{1979, 6, 1, "+04:30"},
	}
	for _, tt := range tests {
		off := IranOffset(tt.y, tt.m, tt.d)
		got := time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", off)).Format("-07:00")
		if got != tt.want {
			t.Errorf("IranOffset(%d-%02d-%02d) = %s, want %s", tt.y, tt.m, tt.d, got, tt.want)
		}
	}
}

func TestToIran(t *testing.T) {
	for _, c := range [][2]string{
		{"2022-02-03T23:03:00Z", "2022-02-04T02:33:00+03:30"},
		{"2021-07-01T08:00:00Z", "2021-07-01T12:30:00+04:30"},
		{"2021-07-01T12:30:00+04:30", "2021-07-01T12:30:00+04:30"},
		{"1400/11/15 02:33", "2022-02-04T02:33:00+03:30"},
	} {
		d, ok := Parse(c[0], Options{})
		if !ok {
			t.Fatalf("Parse(%q) failed", c[0])
		}
		if got := d.ToIran().String(); got != c[1] {
			t.Errorf("ToIran(%s) = %s, want %s", c[0], got, c[1])
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"جمعه 15 بهمن 1400 - 02:33", "2022-02-04T02:33:00+03:30", "٤ شباط ٢٠٢٢ م",
		"March 11, 2015 3:46 PM EST", "1 رمضان 1443 هـ", "05/06/2020", "12:00 UTC+3:30, 4 Feb 2022",
		"9999-12-31T23:59:59+15:59", "0001-01-01", "3177/12/29", "-1/-1/-1", "::::::", "۱۴۰۰/۱۲/۳۰"} {
		f.Add(s, "fa")
		f.Add(s, "en-US")
	}
	f.Fuzz(func(t *testing.T, s, lang string) {
		start := time.Now()
		d, ok := Parse(s, Options{Lang: lang})
		if el := time.Since(start); el > 500*time.Millisecond {
			t.Errorf("Parse(%q) took %v", s, el)
		}
		if !ok {
			return
		}
		out := d.InIran().String()
		if _, err := time.Parse(time.RFC3339Nano, out); err != nil {
			t.Errorf("Parse(%q) gave %q, not RFC 3339: %v", s, out, err)
		}
		if !d.valid() {
			t.Errorf("Parse(%q) gave invalid %+v", s, d)
		}
	})
}
