package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/barg-app/barg/shared/article"
)

// Tables keep their header row and their cells' links; a <pre> that holds
// tables or prose is read as such, not as one code block.
func TestBlocksTablesAndPre(t *testing.T) {
	const base = "https://example.org/dir/page.html"
	prose := "It was a bright cold day in April, and the clocks were striking thirteen.\n" +
		"Winston Smith, his chin nuzzled into his breast in an effort to escape the\n" +
		"vile wind, slipped quickly through the glass doors of Victory Mansions.\n\n" +
		"    The hallway smelt of boiled cabbage and old rag mats. At one end of it a\n" +
		"coloured poster, too large for indoor display, had been tacked to the wall.\n" +
		"It depicted simply an enormous face, more than a metre wide. See <a href=\"/notes\">the notes</a>."
	tests := []struct {
		name string
		html string
		want []article.Block
	}{
		{
			name: "a table in a blockquote stays a table, header row and links",
			html: `<blockquote><table class="OddEven"><tr><th>Release</th><th>Date</th></tr>` +
				`<tr><td><a href="/r/423">4.2.3</a></td><td>April 2014</td></tr>` +
				`<tr><td><a href="/r/43">4.3</a></td><td>July 2014</td></tr></table></blockquote>`,
			want: []article.Block{{Type: article.Table, Rows: [][]string{{"Release", "Date"}, {"4.2.3", "April 2014"}, {"4.3", "July 2014"}},
				Links: []article.Link{{Text: "4.2.3", Href: "https://example.org/r/423"}, {Text: "4.3", Href: "https://example.org/r/43"}}}},
		},
		{
			name: "text around the table in the blockquote stays quoted",
			html: `<blockquote><p>They said:</p><p>this.</p><table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>and more</blockquote>`,
			want: []article.Block{
				{Type: article.Quote, Text: "They said:\nthis."},
				{Type: article.Table, Rows: [][]string{{"a", "b"}, {"1", "2"}}},
				{Type: article.Quote, Text: "and more"},
			},
		},
		{
			name: "a blockquote of text is one quote, as before",
			html: `<blockquote><p>one</p><p>two</p></blockquote>`,
			want: []article.Block{{Type: article.Quote, Text: "one\ntwo"}},
		},
		{
			name: "the header row first wherever thead and tfoot were written; a title row becomes the caption; colspan pads",
			html: `<table><caption>Developers</caption><tfoot><tr><td>Total</td><td>99</td><td>100%</td></tr></tfoot>` +
				`<tbody><tr><td colspan="3">Most active developers</td></tr><tr><td>Ana</td><td colspan="2">63</td></tr></tbody>` +
				`<thead><tr><th>Name</th><th>Changes</th><th>Share</th></tr></thead></table>`,
			want: []article.Block{{Type: article.Table, Text: "Developers",
				Rows: [][]string{{"Name", "Changes", "Share"}, {"Most active developers", "", ""}, {"Ana", "63", ""}, {"Total", "99", "100%"}}}},
		},
		{
			name: "a title row on top becomes the caption",
			html: `<table><tr><th colspan="2">Most active developers</th></tr><tr><th>Name</th><th>Changes</th></tr><tr><td>Ana</td><td>63</td></tr></table>`,
			want: []article.Block{{Type: article.Table, Text: "Most active developers", Rows: [][]string{{"Name", "Changes"}, {"Ana", "63"}}}},
		},
		{
			name: "an empty header cell is no title row",
			html: `<table><tr><th>Name</th><th></th></tr><tr><td>Ana</td><td>63</td></tr></table>`,
			want: []article.Block{{Type: article.Table, Rows: [][]string{{"Name", ""}, {"Ana", "63"}}}},
		},
		{
			name: "a pre holding tables gives tables and the lines around them",
			html: `<pre>RESULTS, ROUND 1
Updated at noon.<table><tr><th>Team</th><th>Points</th></tr><tr><td><a href="/t/a">Alpha</a></td><td>3</td></tr></table>` +
				`<table><tr><th>Team</th><th>Points</th></tr><tr><td>Beta</td><td>1</td></tr></table>
End of results.</pre>`,
			want: []article.Block{
				{Type: article.Paragraph, Text: "RESULTS, ROUND 1\nUpdated at noon."},
				{Type: article.Table, Rows: [][]string{{"Team", "Points"}, {"Alpha", "3"}}, Links: []article.Link{{Text: "Alpha", Href: "https://example.org/t/a"}}},
				{Type: article.Table, Rows: [][]string{{"Team", "Points"}, {"Beta", "1"}}},
				{Type: article.Paragraph, Text: "End of results."},
			},
		},
		{
			name: "a pre holding prose gives paragraphs, line breaks and links kept",
			html: "<pre>" + prose + "</pre>",
			want: []article.Block{
				{Type: article.Paragraph, Text: "It was a bright cold day in April, and the clocks were striking thirteen.\n" +
					"Winston Smith, his chin nuzzled into his breast in an effort to escape the\n" +
					"vile wind, slipped quickly through the glass doors of Victory Mansions."},
				{Type: article.Paragraph, Text: "The hallway smelt of boiled cabbage and old rag mats. At one end of it a\n" +
					"coloured poster, too large for indoor display, had been tacked to the wall.\n" +
					"It depicted simply an enormous face, more than a metre wide. See the notes.",
					Links: []article.Link{{Text: "the notes", Href: "https://example.org/notes"}}},
			},
		},
		{
			name: "code stays code, even long",
			html: "<pre><code>" + strings.Repeat("for (let i = 0; i < n; i++) { total += values[i]; }\n", 12) + "</code></pre>",
			want: []article.Block{{Type: article.Code, Text: strings.TrimSpace(strings.Repeat("for (let i = 0; i < n; i++) { total += values[i]; }\n", 12))}},
		},
		{
			name: "a text table laid out in columns stays monospace",
			html: "<pre>" + strings.Repeat("Alpha team played well.    3    Won the match.\n", 12) + "</pre>",
			want: []article.Block{{Type: article.Code, Text: strings.TrimSpace(strings.Repeat("Alpha team played well.    3    Won the match.\n", 12))}},
		},
		{
			name: "a highlighter's div per line ends lines, without doubling the page's own breaks",
			html: "<pre><div>a := 1</div><div>b := 2</div></pre><pre><div>c := 3</div>\n<div>d := 4</div></pre>",
			want: []article.Block{{Type: article.Code, Text: "a := 1\nb := 2"}, {Type: article.Code, Text: "c := 3\nd := 4"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Blocks(parseBody(t, tt.html), mustURL(t, base))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

// TestPreOfManyTables: a results page whose 340 tables sit inside one
// <pre> (the page the issue names) gives 340 tables and no line of code,
// instead of a 102 KB code block on one line.
func TestPreOfManyTables(t *testing.T) {
	var b strings.Builder
	b.WriteString("<pre>Election results by district\n")
	for i := 1; i <= 340; i++ {
		fmt.Fprintf(&b, `<b>District %d</b><table><tr><th>Candidate</th><th>Votes</th></tr><tr><td>Ana</td><td>%d</td></tr><tr><td>Ben</td><td>%d</td></tr></table>`, i, 1000+i, 900+i)
	}
	b.WriteString("</pre>")
	blocks := Blocks(parseBody(t, b.String()), mustURL(t, "https://example.org/"))
	tables, longest := 0, 0
	for _, bl := range blocks {
		if bl.Type == article.Code {
			t.Fatalf("a code block of %d bytes", len(bl.Text))
		}
		if bl.Type == article.Table {
			tables++
			if bl.Rows[0][0] != "Candidate" {
				t.Errorf("table %d has header %q", tables, bl.Rows[0])
			}
		}
		for _, line := range strings.Split(bl.PlainText(), "\n") {
			longest = max(longest, len(line))
		}
	}
	if tables != 340 {
		t.Errorf("%d tables, want 340", tables)
	}
	if longest > 200 {
		t.Errorf("a line of %d bytes", longest)
	}
}
