package dates

// parseISO reads the machine formats: ISO 8601 calendar dates and RFC 3339
// date-times, "YYYY-MM-DD", "YYYY/MM/DD", with a "T" or a space before an
// optional "hh:mm[:ss[.fff]]" and an optional "Z" or "±hh[:]mm". Digits may
// be Persian or Arabic-Indic. Years 1200–1599 are read as Solar Hijri
// (Hijri on Arabic pages), as Iranian sites write them. The whole string
// must be consumed.
func parseISO(s string, opts Options) (Date, bool) {
	p := isoReader{s: asciiDigits(s)}
	var d Date
	var ok bool
	if d.Year, ok = p.digits(4, 4); !ok {
		return d, false
	}
	sep := p.peek()
	if sep != '-' && sep != '/' {
		return d, false
	}
	p.i++
	if d.Month, ok = p.digits(1, 2); !ok || !p.accept(sep) {
		return d, false
	}
	if d.Day, ok = p.digits(1, 2); !ok {
		return d, false
	}
	if d.Year >= 1200 && d.Year < 1600 {
		d.Calendar = yearCalendar(d.Year, opts)
	}
	if p.done() {
		return d, true
	}
	if !p.accept('T') && !p.accept('t') && !p.accept(' ') {
		return d, false
	}
	for p.accept(' ') {
	}
	if d.Hour, ok = p.digits(1, 2); !ok || !p.accept(':') {
		return d, false
	}
	if d.Minute, ok = p.digits(2, 2); !ok {
		return d, false
	}
	d.HasTime = true
	if p.accept(':') {
		if d.Second, ok = p.digits(2, 2); !ok {
			return d, false
		}
		if p.accept('.') || p.accept(',') {
			start := p.i
			frac, n := 0, 0
			for !p.done() && p.peek() >= '0' && p.peek() <= '9' {
				if n < 9 {
					frac = frac*10 + int(p.peek()-'0')
					n++
				}
				p.i++
			}
			if p.i == start {
				return d, false
			}
			for ; n < 9; n++ {
				frac *= 10
			}
			d.Nano = frac
		}
	}
	for p.accept(' ') {
	}
	if p.done() {
		return d, true
	}
	if p.accept('Z') || p.accept('z') {
		d.HasOffset = true
		return d, p.done()
	}
	if p.done() {
		return d, true
	}
	sign := 1
	switch p.peek() {
	case '+':
	case '-':
		sign = -1
	default:
		return d, false
	}
	p.i++
	h, ok := p.digits(2, 2)
	if !ok {
		return d, false
	}
	m := 0
	p.accept(':')
	if !p.done() {
		if m, ok = p.digits(2, 2); !ok {
			return d, false
		}
	}
	if h > 15 || m > 59 || !p.done() {
		return d, false
	}
	d.Offset, d.HasOffset = sign*(h*3600+m*60), true
	return d, true
}

type isoReader struct {
	s string
	i int
}

func (p *isoReader) done() bool { return p.i >= len(p.s) }

func (p *isoReader) peek() byte {
	if p.done() {
		return 0
	}
	return p.s[p.i]
}

func (p *isoReader) accept(c byte) bool {
	if p.peek() == c && !p.done() {
		p.i++
		return true
	}
	return false
}

// digits reads between min and max ASCII digits.
func (p *isoReader) digits(min, max int) (int, bool) {
	n, k := 0, 0
	for k < max && !p.done() && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		n = n*10 + int(p.s[p.i]-'0')
		p.i++
		k++
	}
	return n, k >= min
}

// asciiDigits replaces Persian and Arabic-Indic digits with ASCII ones.
func asciiDigits(s string) string {
	ascii := true
	for _, r := range s {
		if r >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if v, ok := digitValue(r); ok {
			b = append(b, byte('0'+v))
			continue
		}
		b = append(b, string(r)...)
	}
	return string(b)
}
