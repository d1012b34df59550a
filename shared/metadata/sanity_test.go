package metadata

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/internal/articleeval"
	"github.com/barg-app/barg/shared/charset"
	"github.com/barg-app/barg/shared/weburl"
)

// TestSanityOverDevPages reads the metadata of every page of the three
// evaluation sets, decoded as the CLI decodes them, and counts what is
// never right whatever the page: a published_text that is no date (an
// SVG's title, "Today 12:01 AM", a raw ISO string), an author that is the
// site's own name, a tag holding '@' (an internal id such as
// "@hp-top-stories"). Every count must be zero.
func TestSanityOverDevPages(t *testing.T) {
	if testing.Short() {
		t.Skip("900 pages; skipped with -short")
	}
	needShared(t, "eval")
	for _, set := range articleeval.Sets {
		pages, err := set.Read(filepath.Join(sharedDir, set.Dir))
		if err != nil {
			t.Fatal(err)
		}
		var notDate, authorIsSite, atTag, withText, withAuthor, withTags int
		for _, p := range pages {
			text, _, err := charset.Decode(p.Raw, p.ContentType)
			if err != nil {
				t.Errorf("%s/%s: %v", set.Name, p.ID, err)
				continue
			}
			doc, err := html.Parse(bytes.NewReader(text))
			if err != nil {
				continue // pages nested too deep are repaired by package extract, not here
			}
			u, _ := weburl.Parse(p.URL)
			m := Read(doc, u)
			if m.PublishedText != "" {
				withText++
				if !looksLikeDate(m.PublishedText) {
					notDate++
					t.Logf("%s/%s: published_text %q is not a date", set.Name, p.ID, m.PublishedText)
				}
			}
			if len(m.Authors) > 0 {
				withAuthor++
			}
			for _, a := range m.Authors {
				if m.SiteName != "" && normName(a) == normName(m.SiteName) {
					authorIsSite++
					t.Logf("%s/%s: author %q is the site", set.Name, p.ID, a)
				}
			}
			if len(m.Tags) > 0 {
				withTags++
			}
			for _, tag := range m.Tags {
				if strings.Contains(tag, "@") {
					atTag++
					t.Logf("%s/%s: tag %q", set.Name, p.ID, tag)
				}
			}
		}
		t.Logf("%s: %d pages; published_text on %d, not a date %d; authors on %d, author = site_name %d; tags on %d, tag with @ %d",
			set.Name, len(pages), withText, notDate, withAuthor, authorIsSite, withTags, atTag)
		if notDate+authorIsSite+atTag > 0 {
			t.Errorf("%s: %d published_text not a date, %d authors equal to site_name, %d tags with @", set.Name, notDate, authorIsSite, atTag)
		}
	}
}

// looksLikeDate is the sanity test's own idea of a date text, independent
// of the package's: at most 100 characters holding a year (four digits,
// 1900 to 2100 or Jalali 1300 to 1500, in any script's digits) or a
// numeric date (9/11/13), and a day or month besides.
func looksLikeDate(s string) bool {
	if utf8.RuneCountInString(s) > 100 || s == "" {
		return false
	}
	var nums []string
	cur := ""
	for _, c := range s + " " {
		switch {
		case c >= '0' && c <= '9':
			cur += string(c)
		case c >= '۰' && c <= '۹':
			cur += string('0' + c - '۰')
		case c >= '٠' && c <= '٩':
			cur += string('0' + c - '٠')
		default:
			if cur != "" {
				nums = append(nums, cur)
			}
			cur = ""
		}
	}
	year := false
	for _, n := range nums {
		if len(n) == 4 && (n >= "1900" && n <= "2100" || n >= "1300" && n <= "1500") {
			year = true
		}
	}
	numeric := len(nums) >= 3 && strings.ContainsAny(s, "/.-")
	return (year || numeric) && len(nums) >= 2 || year && hasLetter(s)
}
