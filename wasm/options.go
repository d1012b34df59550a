package main

import (
	"errors"
	"time"

	"github.com/barg-app/barg/shared/dates"
	"github.com/barg-app/barg/shared/persian"
)

// errBadOptions marks options the bridge cannot read: a bug in the
// extension, never the page's fault.
var errBadOptions = errors.New("bad extraction options")

// request is what the options JSON of bargExtract holds.
type request struct {
	Raw          bool   // "raw": switch normalization off
	LatinDigits  bool   // "latin_digits": write Latin digits in Persian text
	CapturedAt   string // "captured_at": RFC 3339 capture time; "" means now
	Selection    string // "selection": HTML of the selected part of the page
	HasSelection bool   // the options named a selection
	Rules        string // "rules": the user's site rules, as JSON text (shared/siterules)
	TimeoutMS    int64  // "timeout_ms": the bound on the extraction; 0 means defaultTimeout
}

// defaultTimeout bounds an extraction when the options do not: past it,
// the bridge rejects with "the page took too long" (code "timeout").
const defaultTimeout = 10 * time.Second

func (r *request) timeout() time.Duration {
	if r.TimeoutMS > 0 {
		return time.Duration(r.TimeoutMS) * time.Millisecond
	}
	return defaultTimeout
}

func (r *request) persian() persian.Options {
	if r.LatinDigits {
		return persian.Options{Digits: persian.LatinDigits}
	}
	return persian.Options{}
}

// parseOptions reads the options object. Unknown keys are ignored so that
// the extension can grow options before the bridge knows them.
func parseOptions(s string) (request, error) {
	var req request
	if s == "" {
		return req, nil
	}
	err := parseObject(s, func(key string, v value) error {
		switch key {
		case "raw":
			return v.bool(&req.Raw)
		case "latin_digits":
			return v.bool(&req.LatinDigits)
		case "timeout_ms":
			return v.millis(&req.TimeoutMS)
		case "captured_at":
			return v.string(&req.CapturedAt)
		case "rules":
			return v.string(&req.Rules)
		case "selection":
			if v.kind == kindNull {
				return nil
			}
			req.HasSelection = true
			return v.string(&req.Selection)
		}
		return nil
	})
	if err != nil {
		return request{}, err
	}
	return req, nil
}

func parseTime(s string) (time.Time, error) {
	t, err := dates.ParseRFC3339(s)
	if err != nil {
		return time.Time{}, errors.Join(errBadOptions, errors.New("captured_at is not an RFC 3339 time"))
	}
	return t, nil
}
