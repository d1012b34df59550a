package main

import (
	"encoding/json"
	"errors"
	"strconv"
	"testing"
)

func TestParseOptions(t *testing.T) {
	tests := []struct {
		in   string
		want request
	}{
		{``, request{}},
		{`{}`, request{}},
		{` { "raw" : true } `, request{Raw: true}},
		{`{"latin_digits":true,"raw":false,"unknown":12.5e3,"x":null}`, request{LatinDigits: true}},
		{`{"captured_at":"2026-11-24T03:00:00Z"}`, request{CapturedAt: "2026-11-24T03:00:00Z"}},
		{`{"selection":null}`, request{}},
		{`{"selection":""}`, request{HasSelection: true}},
		{`{"selection":"<p>می\u200cشود &amp; \"quoted\" \\ \/ \n\t</p>"}`,
			request{HasSelection: true, Selection: "<p>می\u200cشود &amp; \"quoted\" \\ / \n\t</p>"}},
		{`{"selection":"\ud83d\ude00 \u0645\u06CC"}`, request{HasSelection: true, Selection: "😀 می"}},
		{`{"selection":"lone \ud83d end"}`, request{HasSelection: true, Selection: "lone \uFFFD end"}},
	}
	for _, tt := range tests {
		got, err := parseOptions(tt.in)
		if err != nil {
			t.Errorf("parseOptions(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("parseOptions(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseOptionsErrors(t *testing.T) {
	for _, in := range []string{
		`[]`, `{`, `{"raw"}`, `{"raw":tru}`, `{"raw":"yes"}`, `{"selection":true}`,
		`{"a":{"b":1}}`, `{"a":[1]}`, `{"a":1,}`, `{"a":"x"} junk`, `{"a":"\q"}`,
		`{"a":"` + "\x01" + `"}`, `{"a":"\u12"}`, `{"a":"open`, `{"a":-}`,
		`{"a":00}`, `{"a":-01}`, `{"a":1.}`, `{"a":.5}`, `{"a":+1}`, `{"a":1e}`, `{"a":1e+}`, `{"a":1-2}`,
	} {
		if _, err := parseOptions(in); !errors.Is(err, errBadOptions) {
			t.Errorf("parseOptions(%q) error = %v, want errBadOptions", in, err)
		}
	}
}

// FuzzParseObject checks the reader against encoding/json: whatever flat
// object encoding/json accepts, parseObject must accept with the same values.
func FuzzParseObject(f *testing.F) {
	for _, s := range []string{`{}`, `{"raw":true}`, `{"selection":"<p>a\u200cb</p>","raw":false}`,
		`{"s":"\ud83d\ude00"}`, `{"n":-1.5e3,"z":null}`, `{"s":"\ud800x"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := map[string]any{}
		err := parseObject(s, func(k string, v value) error {
			switch v.kind {
			case kindString:
				got[k] = v.str
			case kindBool:
				got[k] = v.b
			case kindNull:
				got[k] = nil
			case kindNumber:
				n, _ := strconv.ParseFloat(v.str, 64)
				got[k] = n
			}
			return nil
		})
		var want map[string]any
		jerr := json.Unmarshal([]byte(s), &want)
		if jerr == nil && want == nil {
			return // the literal null, which encoding/json takes for an empty map
		}
		for _, v := range want {
			switch v.(type) {
			case map[string]any, []any:
				jerr = errors.New("nested value")
			}
		}
		if (err == nil) != (jerr == nil) {
			t.Fatalf("parseObject(%q) err = %v, encoding/json err = %v", s, err, jerr)
		}
		if err != nil {
			return
		}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("parseObject(%q)[%q] = %#v, encoding/json = %#v", s, k, got[k], v)
			}
		}
	})
}
