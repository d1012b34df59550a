// Package dates reads the dates that web pages show and declare: ISO 8601
// and RFC 3339, English dates of the usual shapes, Solar Hijri (Jalali)
// dates with Persian month names, weekdays and Persian, Arabic-Indic or
// Latin digits, Gregorian dates written in Persian or Arabic, and Hijri
// (lunar) dates.
//
// It converts between the Jalali, Hijri and Gregorian calendars without
// tables beyond a few dozen numbers, and knows Iran's civil time rule, so
// that it runs inside WebAssembly where no time-zone database exists. It
// uses neither regexp nor fmt, to keep that binary small.
package dates

import "time"

// Date is a point in time read from text, in the Gregorian calendar.
type Date struct {
	Year, Month, Day int // Gregorian
	Hour, Minute     int
	Second, Nano     int
	HasTime          bool     // the text gave a time of day
	Offset           int      // seconds east of UTC; meaningful if HasOffset
	HasOffset        bool     // the text gave a zone or offset
	Calendar         Calendar // the calendar the text was written in

	usZone bool // while parsing: a US zone whose summer time is still to be settled
}

// Time returns d as a time.Time with a fixed zone of d's offset (UTC when
// the text gave none).
func (d Date) Time() time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, d.Hour, d.Minute, d.Second, d.Nano,
		time.FixedZone("", d.Offset))
}

// String formats d as RFC 3339, with fractional seconds only when present.
func (d Date) String() string {
	return FormatRFC3339(d.Time(), true)
}

// InIran returns d with Iran's offset for its wall-clock time if d has no
// offset of its own.
func (d Date) InIran() Date {
	if !d.HasOffset {
		d.Offset = IranOffset(d.Year, d.Month, d.Day)
		d.HasOffset = true
	}
	return d
}

// ToIran returns the same instant as d in Iran's civil time. Dates
// without an offset are taken as Iran time already (see InIran).
func (d Date) ToIran() Date {
	if !d.HasOffset {
		return d.InIran()
	}
	t := d.Time().UTC().Add(IranStandard * time.Second)
	off := IranOffset(t.Year(), int(t.Month()), t.Day())
	t = d.Time().In(time.FixedZone("", off))
	d.Year, d.Month, d.Day = t.Year(), int(t.Month()), t.Day()
	d.Hour, d.Minute, d.Second = t.Hour(), t.Minute(), t.Second()
	d.Offset = off
	return d
}

// valid reports whether the Gregorian fields form a real moment.
func (d Date) valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 &&
		d.Day >= 1 && d.Day <= gregorianMonthDays(d.Year, d.Month) &&
		d.Hour >= 0 && d.Hour <= 23 && d.Minute >= 0 && d.Minute <= 59 &&
		d.Second >= 0 && d.Second <= 60 && d.Offset > -16*3600 && d.Offset < 16*3600
}
