package template

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/barg-app/barg/shared/extract"
)

const art = `{"title":"بودجهٔ «سال» آینده: می‌شود","authors":["مریم احمدی","Sam \"Q\" Lee"],
"published":"2026-03-10T09:30:00+03:30","modified":"","lead":"","tags":[],"word_count":40,
"url":"https://news.example/fa/x","lang":"fa","dir":"rtl","image":{"src":"https://news.example/i.jpg","alt":""},
"blocks":[{"type":"heading","level":2,"text":"جزئیات"},{"type":"paragraph","text":"بند <b>اول</b>\n"},
{"type":"heading","level":3,"text":"Numbers & more"}],
"extractor":{"name":"barg","version":"0.1.0","notes":["a \"note\""]},
"rtl":"\u202bمتن\u202c \u200f!","ctl":"a\u2028b\u0001c</script>"}`

func TestPlaceholdersAndFilters(t *testing.T) {
	cases := []struct{ name, tmpl, want string }{
		{"plain paths", "{{title}} / {{authors.0}} / {{word_count}}", "بودجهٔ «سال» آینده: می‌شود / مریم احمدی / 40"},
		{"array as text", "{{authors}}", `مریم احمدی, Sam "Q" Lee`},
		{"object as its JSON", "{{image}}", `{"src":"https://news.example/i.jpg","alt":""}`},
		{"gjson query", `{{blocks.#(type=="heading")#.text|join:" / "}}`, "جزئیات / Numbers & more"},
		{"gjson pipe inside a path", `{{blocks|@reverse|0.text}}`, "Numbers & more"},
		{"gjson count", `{{blocks.#}} blocks`, "3 blocks"},
		{"missing path is empty text", "[{{nope}}]{{lang}}", "[]fa"},
		{"date", "{{published|date:YYYY-MM-DD}} {{published|date:HH:mm:ss Z}}", "2026-03-10 09:30:00 +03:30"},
		{"Jalali date", "{{published|date:jYYYY/jMM/jDD}}", "1404/12/19"},
		{"date of nothing or of text is empty", "[{{modified|date:YYYY}}{{title|date:YYYY}}]{{lang}}", "[]fa"},
		{"json of a string", "{{title|json}}", `"بودجهٔ «سال» آینده: می‌شود"`},
		{"json of an array", "{{authors|json}}", `["مریم احمدی","Sam \"Q\" Lee"]`},
		{"json of a missing path", "{{nope|json}}", "null"},
		{"json escapes controls and line separators", "{{ctl|json}}", `"a\u2028b\u0001c</script>"`},
		{"json of filtered text", `{{published|date:YYYY|json}}`, `"2026"`},
		{"slug keeps Persian letters, splits at ZWNJ", "{{title|slug}}", "بودجهٔ-سال-آینده-می-شود"},
		{"slug lower-cases Latin", "{{blocks.2.text|slug}}", "numbers-more"},
		{"join default separator", "{{authors|join}}", `مریم احمدی, Sam "Q" Lee`},
		{"join with a quoted separator holding }}", `{{authors|join:" }} "}}`, `مریم احمدی }} Sam "Q" Lee`},
		{"default on missing, empty string and empty array", "{{nope|default:x}} {{lead|default:—}} {{tags|default:بی‌برچسب}}", "x — بی‌برچسب"},
		{"default keeps a value", "{{lang|default:en}}", "fa"},
		{"default then json", `{{nope|default:n/a|json}}`, `"n/a"`},
		{"RTL and bidi marks pass through", "{{rtl}}", "\u202bمتن\u202c \u200f!"},
		{"literal", `{{"{{"}}title}}`, "{{title}}"},
		{"spaces around", "{{ title | slug }}", "بودجهٔ-سال-آینده-می-شود"},
		{"upper lower trim", "{{blocks.2.text|upper}} {{blocks.2.text|lower}} [{{blocks.1.text|trim}}]", "NUMBERS & MORE numbers & more [بند <b>اول</b>]"},
		{"md escapes markup", "{{blocks.1.text|md|oneline}}", `بند \<b\>اول\</b\> `},
		{"yaml entry and flow", "{{authors|yaml:by}}\nx: {{title|yaml}}", "by:\n  - \"مریم احمدی\"\n  - \"Sam \\\"Q\\\" Lee\"\nx: \"بودجهٔ «سال» آینده: می‌شود\""},
		{"yaml of an object leaves out empty keys", "{{image|yaml:image}}", "image:\n  src: \"https://news.example/i.jpg\""},
		{"extractor notes", "{{extractor.notes|join}}", `a "note"`},
		{"markdown of blocks", "{{blocks|markdown}}", "## جزئیات\n\nبند \\<b\\>اول\\</b\\>\n\n\n### Numbers & more"}, // the paragraph's own final line feed stays
		{"line of empty placeholders is left out", "a\nby {{nope}}{{lead}}\nb", "a\nb"},
		{"line with a value stays", "a\n{{nope}}{{lang}}\nb", "a\nfa\nb"},
		{"no double blank line after a left-out line", "a\n\n{{nope}}\n\nb\n", "a\n\nb\n"},
		{"no blank line before the end", "a\n\n{{nope}}\n", "a\n"},
		{"template without a final newline", "{{lang}}", "fa"},
		{"first non-empty of several paths", "{{[nope,lead,authors.1]|first}} {{[lang,title]|first}}", `Sam "Q" Lee fa`},
		{"first of nothing is empty", "{{[nope,lead]|first|default:—}}", "—"},
		{"tags: valid tags of several lists, in order, once", `{{[authors,authors.1,tags]|tags|join:" "}}`, `مریم-احمدی Sam-Q-Lee`},
		{"tags of nothing is an empty list, left out by yaml", "a\n{{[nope,tags]|tags|yaml:tags}}\nb", "a\nb"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Render(c.tmpl, []byte(art))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestPayloadTemplateIsValidJSON(t *testing.T) {
	tmpl := `{"title": {{title|json}}, "by": {{authors|json}}, "first": {{authors.0|json}},
"none": {{nope|json}}, "day": {{published|date:YYYY-MM-DD|json}}, "ctl": {{ctl|json}},
"rtl": {{rtl|json}}, "md": {{blocks|markdown|json}}, "fallback": {{nope|default:—|json}}}`
	got, err := Render(tmpl, []byte(art))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(got, &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, got)
	}
	want := map[string]any{"title": "بودجهٔ «سال» آینده: می‌شود", "first": "مریم احمدی", "none": nil, "day": "2026-03-10",
		"ctl": "a\u2028b\u0001c</script>", "rtl": "\u202bمتن\u202c \u200f!", "fallback": "—"}
	for k, w := range want {
		if v[k] != w {
			t.Errorf("%s = %#v, want %#v", k, v[k], w)
		}
	}
	if !strings.Contains(v["md"].(string), "## جزئیات\n\n") {
		t.Errorf("md = %q", v["md"])
	}
}

func TestBadTemplates(t *testing.T) {
	for _, c := range []struct{ tmpl, msg string }{
		{"a {{title", `line 1, column 3: "{{" without "}}"`},
		{"x\n  {{title|nope}}", "line 2, column 3: unknown filter"},
		{"{{}}", "empty placeholder"},
		{"{{title|date}}", "needs an argument"},
		{"{{title|json:x}}", "takes no argument"},
		{`{{"unterminated}}`, `"{{" without "}}"`},
		{`{{"a" "b"}}`, "bad literal"},
		{`{{title|join:"x}}`, `"{{" without "}}"`},
	} {
		_, err := Parse(c.tmpl)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("Parse(%q) = %v, want %q", c.tmpl, err, c.msg)
		}
	}
	if _, err := Parse(strings.Repeat("x", MaxLen+1)); err == nil {
		t.Error("an over-long template was accepted")
	}
}

// TestDefaultMarkdownMatchesTheExtension renders articles with the default
// template and with the extension's Markdown module (node), and compares
// the bytes: the default template must write what the export always wrote.
func TestDefaultMarkdownMatchesTheExtension(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: cannot run extension/export/markdown.js")
	}
	root, _ := filepath.Abs("../..")
	var articles [][]byte
	fixture, err := os.ReadFile(filepath.Join(root, "extension/export/testdata/article-fa.json"))
	if err != nil {
		t.Fatal(err)
	}
	articles = append(articles, fixture)
	pages, _ := filepath.Glob(filepath.Join(root, "testdata/pages/*.html"))
	for _, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := extract.FromHTML(f, "https://example.com/"+filepath.Base(p), extract.Options{CapturedAt: time.Unix(0, 0)})
		f.Close()
		if err != nil {
			continue // a page without an article
		}
		articles = append(articles, a.AppendJSON(nil))
	}
	// Edge cases of the block renderer, as the extension's tests have them.
	for _, s := range []string{
		`{"title":"","blocks":[{"type":"paragraph","text":"no title"}]}`,
		`{"title":"only a title","blocks":[]}`,
		`{"title":"t\nwo # lines","word_count":0,"tags":["a"],"blocks":[
{"type":"heading","level":1,"text":"x"},{"type":"heading","text":"y\n\nz"},{"type":"heading","level":9,"text":"w"},
{"type":"paragraph","text":"see here","links":[{"text":"here","href":"https://X.example/a b(c)"}]},
{"type":"paragraph","text":"write","links":[{"text":"write","href":"mailto:a@b.example"}]},
{"type":"paragraph","text":"1. not a list\n> not a quote\n  - nor this\n10) no\n&amp; &#x41; AT&T"},
{"type":"list","text":"a\n\nb"},{"type":"list","items":["multi\nline"],"ordered":true},
{"type":"quote","text":"a\n\nb"},{"type":"code","text":"x\n","lang":"c++"},{"type":"code","text":"y","lang":"no spaces"},
{"type":"table","rows":[["a\n b","c  \n\n  d"],[],["", "|"]]},{"type":"table","rows":[]},
{"type":"figure","src":"https://x.example","caption":"c\nd"},{"type":"figure","src":"javascript:x","alt":"a"},
{"type":"embed","src":"https://x.example/<v>"},{"type":"paragraph","text":"\u2028- after a line separator"}]}`,
		// Tables with links in their cells (a "|" in a URL would end the
		// cell), a caption with a link, tags to make valid, no canonical URL.
		`{"title":"links","url":"https://x.example/p","canonical_url":"","image":null,"tags":["@handle","two words","#hash","1984","a..b","x@y.example","می‌شود","a//b","--","Two-Words"," ‌lead-zwnj"],
"blocks":[{"type":"table","rows":[["Name","Site"],["Go","see go.dev and go.dev/doc"],["Rust","rust\nlang"],["none",""]],
"links":[{"text":"go.dev","href":"https://go.dev/"},{"text":"go.dev/doc","href":"https://go.dev/doc?a=1|2"},{"text":"rust\nlang","href":"https://rust-lang.org/"},{"text":"nowhere","href":"https://x.example/"}]},
{"type":"table","text":"Results\nround *1*","rows":[["a","b"],"not a row",["c"]],"links":[{"text":"c","href":"javascript:x"},{"text":"","href":"https://x.example"}]},
{"type":"figure","src":"https://x.example/f.png","alt":"f","caption":"by someone\nelse","links":[{"text":"someone","href":"https://x.example/s"}]}]}`,
	} {
		articles = append(articles, []byte(s))
	}
	// Library captures: the extension gives the template the article with
	// the user's words beside its fields ("user"); markdown.js the envelope.
	goInput := append([][]byte(nil), articles...)
	for _, user := range []string{`{"title":"عنوان من","tags":["یک","two","بودجه","@me"],"note":"یادداشت\nدو خط"}`, `{"title":"","tags":[],"note":""}`, `{"title":"","tags":["t"],"note":""}`} {
		articles = append(articles, []byte(`{"schema":"barg.capture/1","id":"x","user":`+user+`,"article":`+string(fixture)+`}`))
		merged := strings.TrimSuffix(strings.TrimSpace(string(fixture)), "}") + `,"user":` + user + "}"
		goInput = append(goInput, []byte(merged))
	}
	script := `import { articleMarkdown } from ` + jsString("file://"+filepath.Join(root, "extension/export/markdown.js")) + `;
let input = ''; for await (const c of process.stdin) input += c;
process.stdout.write(JSON.stringify(JSON.parse(input).map((a) => articleMarkdown(a))));`
	cmd := exec.Command(node, "--input-type=module", "-e", script)
	cmd.Stdin = strings.NewReader("[" + string(joinBytes(articles)) + "]")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	tmpl, err := Parse(DefaultMarkdown)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range goInput {
		if got := string(tmpl.Execute(a)); got != want[i] {
			t.Errorf("article %d differs from the extension's Markdown:\n got %q\nwant %q", i, got, want[i])
		}
	}
}

func joinBytes(bs [][]byte) []byte {
	var out []byte
	for i, b := range bs {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, b...)
	}
	return out
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestCheckJSON(t *testing.T) {
	for _, c := range []struct {
		tmpl string
		ok   bool
	}{
		{`{"title": {{title|json}}, "authors": {{authors|json}}, "day": {{published|date:YYYY-MM-DD|json}}}`, true},
		{`{"n": {{word_count|json}}, "missing": {{nope|json}}, "x": {{lead|default:none|json}}}`, true},
		{`{"title": "{{title}}"}`, false},     // quotes in the title break it
		{`{"n": {{word_count}}}`, false},      // nothing for an empty article
		{`{"title": {{title|json}},}`, false}, // a trailing comma
		{`{"title": {{title|nope}}}`, false},  // does not parse
		{`[{{authors|join|json}}, {{title|slug|json}}]`, true},
	} {
		err := CheckJSON(c.tmpl)
		if (err == nil) != c.ok {
			t.Errorf("CheckJSON(%s) = %v, want ok %v", c.tmpl, err, c.ok)
		}
	}
	tm, _ := Parse("{\n  \"t\": {{title|json}},\n  \"by\": {{authors|json}}\n}\n")
	out, err := tm.Payload([]byte(art))
	if err != nil || string(out) != `{"t":"بودجهٔ «سال» آینده: می‌شود","by":["مریم احمدی","Sam \"Q\" Lee"]}` {
		t.Errorf("Payload = %s, %v", out, err)
	}
}
