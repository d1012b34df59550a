package extract

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// commaForms are the commas Readability counts, and the ideographic one.
var commaForms = []string{",", "\u060C", "\uFE50", "\uFE10", "\uFE11", "\u2E41", "\u2E34", "\u2E32", "\uFF0C", "\u3001"}

func TestTextSizeCommas(t *testing.T) {
	for _, c := range commaForms {
		if _, n := textSize("a" + c + "b" + c); n != 2 {
			t.Errorf("%U: %d commas, want 2", []rune(c)[0], n)
		}
	}
	for _, s := range []string{"\u2E40", "\uFE51", "\uFF0D", "\u3002", ".", "\u061B"} {
		if _, n := textSize(s); n != 0 {
			t.Errorf("%U counted as a comma", []rune(s)[0])
		}
	}
}

// FuzzTextSize checks textSize, which tests the commonest bytes first,
// against the same count written case by case.
func FuzzTextSize(f *testing.F) {
	for _, s := range []string{"", "a, b", " \t\n x  y ", "کتاب، دفتر", "\xd8\x8c\xd8", "\xd8 \x8c", " \x80 ", "é\u060c,", "\x00 \x01\x0b\x1f!", "a，b、c\uFE50", "\xef\xbc", "\xe2\xb8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var chars, commas int32
		space := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case isSpaceByte(c):
				if !space {
					chars++
				}
				space = true
				continue
			case c&0xC0 == 0x80:
			case c == ',':
				commas++
				chars++
			case c >= 0xD8 && hasCommaPrefix(s[i:]):
				commas++
				chars++
			default:
				chars++
			}
			space = false
		}
		if gc, gm := textSize(s); gc != chars || gm != commas {
			t.Fatalf("textSize(%q) = %d, %d; want %d, %d", s, gc, gm, chars, commas)
		}
	})
}

func hasCommaPrefix(s string) bool {
	for _, c := range commaForms {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

// The article of an old blog, text between <br>s in one <div>, beats a
// sidebar of short <p>s; and an article inside an <aside> that holds all
// of the page's prose is not pruned for its tag.
func TestParagraphModel(t *testing.T) {
	run := "Para of the post, long enough to be read as one, with a comma, and another one here"
	var post, side strings.Builder
	for i := 0; i < 6; i++ {
		post.WriteString(run + " " + strconv.Itoa(i) + ".<br><br>\n")
		side.WriteString("<p>About the author of this blog, who writes, reads, and cooks " + strconv.Itoa(i) + ".</p>")
	}
	for _, tt := range []struct{ name, page, want, not string }{
		{"br paragraphs", `<body><div class="post">` + post.String() + `</div><div class="about">` + side.String() + `</div></body>`, run + " 5", "\x00"},
		{"aside holding the article", `<body><nav><a href="/">Home</a></nav><aside>` + strings.ReplaceAll(post.String(), "<br><br>", "</p><p>") + `</aside></body>`, run + " 3", "Home"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromHTML(strings.NewReader(tt.page), "https://blog.example/post", Options{CapturedAt: time.Unix(0, 0)})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text, tt.want) || strings.Contains(a.Text, tt.not) {
				t.Errorf("text:\n%s", a.Text)
			}
			if tt.name == "br paragraphs" && len(a.Blocks) < 6 {
				t.Errorf("%d blocks, want one per paragraph", len(a.Blocks))
			}
		})
	}
}

// A page that lists several posts of the same shape, with its title in
// one of them, gives that post, not the list.
func TestPostsNearestTitle(t *testing.T) {
	post := func(h, title, word string) string {
		p := "<p>This post is about " + word + ", and it goes on about " + word + ", at length, with commas, clauses and more words.</p>"
		return "<div class=\"entry\"><" + h + "><a href=\"/" + word + "\">" + title + "</a></" + h + ">" + p + p + p + "</div>"
	}
	page := `<html><head><title>Second post</title></head><body><div id="posts">` +
		post("h2", "First post", "apples") + post("h1", "Second post", "pears") +
		post("h2", "Third post", "plums") + post("h2", "Fourth post", "figs") + `</div></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://blog.example/second", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "pears") || strings.Contains(a.Text, "apples") || strings.Contains(a.Text, "plums") {
		t.Errorf("text:\n%s", a.Text)
	}
}

func TestHasWord(t *testing.T) {
	for _, tt := range []struct {
		s    string
		hint string
		want bool
	}{
		{"left-sidebar", "sidebar", true},
		{"leftsidebar widget", "sidebar", true},
		{"sidebar2", "sidebar", true},
		{"handbrake", "and", false},
		{"standard", "and", false},
		{"post-ad-slot", "-ad-", true},
		{"shadow", "ad", false},
		{"masthead", "head", true},
		{"subheaderline", "header", false},
	} {
		if got := hasWord(tt.s, []string{tt.hint}); got != tt.want {
			t.Errorf("hasWord(%q, %q) = %v", tt.s, tt.hint, got)
		}
	}
}

func TestAuthorBox(t *testing.T) {
	for _, tt := range []struct {
		hints string
		want  bool
	}{
		{"postauthor", true},
		{"author_info", true},
		{"about-the-author", true},
		{"author-bio clearfix", true},
		{"authorbox", true},
		{"author", true},
		{"entry-author-chad_sakac entry-type-post entry", false}, // the post, tagged with its writer
		{"authors-list", false},
		{"coauthored", false},
		{"", false},
	} {
		if got := authorBox(tt.hints); got != tt.want {
			t.Errorf("authorBox(%q) = %v, want %v", tt.hints, got, tt.want)
		}
	}
}

// The box about the author after a short post is left out; the post, whose
// class names its writer, is not.
func TestAuthorBoxLeftOut(t *testing.T) {
	page := `<html><body><div class="entry-author-jane entry-type-post entry"><h2>Tissue paper trees</h2>` +
		`<p>These fall trees are made of tissue paper and a paper towel tube, and take twenty minutes with the children on a rainy afternoon.</p>` +
		`<p>Cut the tube in strips, fold them out, and glue the paper on in layers of red, orange and yellow until the crown is full.</p>` +
		`<p>Once the glue is dry, set the trees on the window sill, where the light comes through the paper the way it does through real leaves in October.</p>` +
		`<p>Older children can cut their own strips and choose the colours; the younger ones are happiest tearing the paper into pieces and sticking them on wherever they like.</p>` +
		`<div class="postauthor"><p>Written by Jane Doe</p><p>Jane Doe is the founder and managing editor of this site. Always having a love of crafts, she enjoys getting messy with glue and paint.</p></div>` +
		`</div></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://blog.example/trees", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "tissue paper and a paper towel tube") || strings.Contains(a.Text, "founder and managing editor") {
		t.Errorf("text:\n%s", a.Text)
	}
}

func TestCommentName(t *testing.T) {
	for _, tt := range []struct {
		hints string
		want  bool
	}{
		{"comments", true},
		{"comment_body", true},
		{"commentlist", true},
		{"all_comments all_comments", true},
		{"allcomments", true},
		{"usercomment", true},
		{"disqus_thread", true},
		{"respond", true},
		{"replies-list", true},
		{"trackbacks", true},
		{"trackbacks-info", true},
		{"pingback-list", true},
		{"commentary", false},
		{"opinion commentary-column", false},
		{"commentator-bio", false},
		{"post-content", false},
		{"responsive-grid", false},
	} {
		if got := commentName(tt.hints); got != tt.want {
			t.Errorf("commentName(%q) = %v", tt.hints, got)
		}
	}
}

// Comment sections are furniture by whole words of their class or id; an
// opinion column named "commentary" is not.
func TestCommentHints(t *testing.T) {
	for _, tt := range []struct {
		class       string
		boilerplate bool
		weight      int
	}{
		{"comments-area", true, -25},
		{"user-comments", true, -25},
		{"commentary", false, 0},
		{"opinion-commentary", false, 0},
	} {
		n := &html.Node{Type: html.ElementNode, Data: "section", DataAtom: atom.Section, Attr: []html.Attribute{{Key: "class", Val: tt.class}}}
		if got := isBoilerplate(n); got != tt.boilerplate {
			t.Errorf("isBoilerplate(class=%q) = %v", tt.class, got)
		}
		if got := classWeight(n); got != tt.weight {
			t.Errorf("classWeight(class=%q) = %d, want %d", tt.class, got, tt.weight)
		}
	}
}
