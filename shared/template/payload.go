package template

import (
	"errors"

	"github.com/tidwall/gjson"
	"github.com/tidwall/pretty"
)

// Payload templates build the JSON an upload endpoint receives instead of
// the article itself (a webhook's or a notes API's own shape).

// sampleArticles are what CheckJSON fills a payload template from: one
// with every field, its texts holding what JSON must escape (quotes,
// backslashes, line breaks, U+2028, controls, RTL text with bidi marks),
// and one with nothing at all, so that a placeholder written without |json
// or without a value shows up as invalid JSON before the template is saved.
var sampleArticles = []string{
	`{"schema":"barg.article/1","url":"https://news.example/a?b=\"c\"","canonical_url":"https://news.example/a",
"title":"«عنوان» \"quoted\" \\ back\nslash \u2028 \u0001 </script>","lang":"fa","dir":"rtl","site_name":"سایت",
"authors":["نویسندهٔ \"یک\"","Two"],"published":"2026-03-10T09:30:00+03:30","modified":"","published_text":"۱۹ اسفند ۱۴۰۴",
"description":"\u202bمتن\u202c\u200f","lead":"","section":"","tags":["برچسب"],"image":{"src":"https://news.example/i.jpg"},
"blocks":[{"type":"heading","level":2,"text":"# h"},{"type":"paragraph","text":"p1\n\"p2\"","links":[{"text":"p1","href":"https://x.example/"}]}],
"text":"p1\n\"p2\"","word_count":2,"reading_minutes":1,"normalization":{"persian":true,"digits":"persian","changes":1},
"extractor":{"name":"barg","version":"0","notes":["n"]},"captured_at":"2026-03-11T08:00:00Z"}`,
	`{}`,
}

// CheckJSON parses a payload template and checks that what it builds is
// JSON, for a full article and for an empty one.
func CheckJSON(src string) error {
	t, err := Parse(src)
	if err != nil {
		return err
	}
	for _, a := range sampleArticles {
		if out := t.Execute([]byte(a)); !gjson.ValidBytes(out) {
			return errors.New("template: the payload is not valid JSON for an article like this test one; write text values as {{path|json}}. It came out as: " + excerpt(out))
		}
	}
	return nil
}

// Payload fills a payload template from the article and returns it as
// compact JSON (one line, as ndjson batches need), or an error when it is
// not JSON.
func (t *Template) Payload(articleJSON []byte) ([]byte, error) {
	out := t.Execute(articleJSON)
	if !gjson.ValidBytes(out) {
		return nil, errors.New("template: the payload is not valid JSON: " + excerpt(out))
	}
	return pretty.Ugly(out), nil
}

func excerpt(b []byte) string {
	r := []rune(string(b))
	if len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return string(r)
}
