package metadata

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// toGo converts a jvalue to the values encoding/json produces, for comparison.
func toGo(v *jvalue) any {
	if v == nil {
		return nil
	}
	switch v.kind {
	case jBool:
		return v.str == "true"
	case jNumber:
		var f float64
		if err := json.Unmarshal([]byte(v.str), &f); err != nil {
			return "bad number " + v.str
		}
		return f
	case jString:
		return v.str
	case jArray:
		a := make([]any, 0, len(v.items))
		for _, e := range v.items {
			a = append(a, toGo(e))
		}
		return a
	case jObject:
		m := make(map[string]any, len(v.keys))
		for i, k := range v.keys {
			m[k] = toGo(v.vals[i])
		}
		return m
	}
	return nil
}

func TestParseJSON(t *testing.T) {
	for _, s := range []string{
		`{"a":[1,-2.5e3,true,false,null,"x\"y\\z\/\u00e9\ud83d\ude00\n"],"b":{"c":{}}}`,
		`"plain"`, `[]`, `{}`, `0`, `"\u0041\u200c\u06cc"`,
		`{"@context":"https://schema.org","@type":"NewsArticle","headline":"تیتر","author":[{"name":"الف"}]}`,
	} {
		var want any
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Fatal(err)
		}
		if got := toGo(parseJSON(s)); !reflect.DeepEqual(got, want) {
			t.Errorf("parseJSON(%s) = %#v, want %#v", s, got, want)
		}
	}
}

// FuzzParseJSON checks the reader against encoding/json on valid JSON
// objects without repeated keys, and for panics on anything else.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":"c"}]}`, `{"x":"\ud800"}`, `[[[[`, `{"a":1,"a":2}`, `"\u12"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := parseJSON(s)
		var want map[string]any
		if !utf8.ValidString(s) || json.Unmarshal([]byte(s), &want) != nil || !json.Valid([]byte(s)) || len(s) > 4096 {
			return
		}
		if hasDupKeys(s) {
			return // encoding/json keeps the last, parseJSON the first
		}
		if g := toGo(got); !reflect.DeepEqual(g, any(want)) && !(want == nil && g == nil) {
			t.Errorf("parseJSON(%q) = %#v, encoding/json says %#v", s, g, want)
		}
	})
}

func hasDupKeys(s string) bool {
	dec := json.NewDecoder(strings.NewReader(s))
	var walk func() bool
	walk = func() bool {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				k, _ := dec.Token()
				ks, _ := k.(string)
				if seen[ks] {
					return true
				}
				seen[ks] = true
				if walk() {
					return true
				}
			}
			dec.Token()
		case json.Delim('['):
			for dec.More() {
				if walk() {
					return true
				}
			}
			dec.Token()
		}
		return false
	}
	return walk()
}
