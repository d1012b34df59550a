package template

import (
	"testing"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// FuzzTemplate: any template either fails to parse with an *Error or fills
// without panicking; payloads that CheckJSON accepts build JSON.
func FuzzTemplate(f *testing.F) {
	for _, s := range []string{DefaultMarkdown, DefaultFileName, `{"t": {{title|json}}}`, "{{a|join:\"}}\"}}", "{{", "{{\"\\u00\"}}",
		"{{blocks.#(type==\"heading\")#.text|first|slug}}\n\n{{x}}\n", "{{published|date:jYYYY Z}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tm, err := Parse(src)
		if err != nil {
			return
		}
		out := tm.Execute([]byte(art))
		if utf8.ValidString(src) && !utf8.Valid(out) {
			t.Errorf("invalid UTF-8 out of valid UTF-8 in: %q", out)
		}
		if CheckJSON(src) == nil && !gjson.ValidBytes(tm.Execute([]byte(`{}`))) {
			t.Errorf("CheckJSON accepted a template that builds no JSON: %q", src)
		}
	})
}
