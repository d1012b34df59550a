package extract

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/barg-app/barg/shared/article"
)

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBodyNewsPage(t *testing.T) {
	a, err := FromHTML(strings.NewReader(readFixture(t, "news.html")), "https://courier.example/news/2024/03/harbour.html", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	wantInOrder := []string{
		"After eleven years of darkness, the lanterns along the old quay were lit again",
		"replaced forty cast-iron posts",
		"A long campaign",
		"Residents first asked for the lights to be repaired in 2013",
		"We never stopped believing that the harbour would shine again.",
		"plan to hold a small festival on the quay every spring",
	}
	rest := a.Text
	for _, w := range wantInOrder {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("text lacks %q (in this order); text:\n%s", w, a.Text)
		}
		rest = rest[i+len(w):]
	}
	for _, bad := range []string{
		"cookies", "Accept all", "Home", "Weather", "Share on Social", "Print this page",
		"Related", "Council approves", "morning briefing", "Sign up", "hidden", "Neither must",
		"comments", "Great news", "Most read", "Storm warning", "Copyright", "tracking",
		"By Mara Lindqvist", "Harbour lights return to the old port",
		"Lanterns along the restored quay at dusk.", // the caption stays in its figure block
	} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text holds boilerplate %q; text:\n%s", bad, a.Text)
		}
	}
	var fig, heading, quote *article.Block
	for i := range a.Blocks {
		b := &a.Blocks[i]
		switch b.Type {
		case article.Figure:
			fig = b
		case article.Heading:
			heading = b
		case article.Quote:
			quote = b
		case article.Embed:
			t.Errorf("the ad's iframe came out as an embed: %+v", b)
		}
	}
	if fig == nil || fig.Src != "https://courier.example/news/2024/images/lights.jpg" || fig.Alt != "Lanterns along the quay" || fig.Caption != "Lanterns along the restored quay at dusk." {
		t.Errorf("figure = %+v, want the lazy image resolved against <base>", fig)
	}
	if heading == nil || heading.Level != 2 || heading.Text != "A long campaign" {
		t.Errorf("heading = %+v", heading)
	}
	if quote == nil {
		t.Error("no quote block")
	}
	found := false
	for _, b := range a.Blocks {
		for _, l := range b.Links {
			if l.Text == "community fund" && l.Href == "https://courier.example/local/fund" {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("the inline link is missing or not absolute: %+v", a.Blocks)
	}
}

func TestBodyNoArticle(t *testing.T) {
	for name, page := range map[string]string{
		"empty":        "",
		"only scripts": "<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script><style>p{}</style></body></html>",
		"only hidden":  `<body><div hidden><p>Secret text that is long enough to be an article paragraph, really.</p></div></body>`,
		"whitespace":   "<body><div> \n <p>\u00a0</p> </div></body>",
	} {
		t.Run(name, func(t *testing.T) {
			a, err := FromHTML(strings.NewReader(page), "https://example.org/", Options{})
			if !errors.Is(err, ErrNoArticle) {
				t.Errorf("got %v, %+v; want ErrNoArticle", err, a)
			}
		})
	}
}

// A short page with one paragraph is still an article.
func TestBodyShortArticle(t *testing.T) {
	a, err := FromHTML(strings.NewReader(`<body><nav><a href="/">Home</a></nav><div class="post"><p>Just one short note.</p></div></body>`), "https://example.org/", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != "Just one short note." {
		t.Errorf("text = %q", a.Text)
	}
}

// Boxes of links inside the article, by their measures rather than their
// class, are dropped; a list of the article's own points is kept.
func TestBodyCleansLinkBoxes(t *testing.T) {
	para := "<p>This paragraph is a genuine part of the story, with commas, clauses, and enough words to score well.</p>"
	page := "<body><div>" + para + para +
		`<div><a href="/1">Other story one</a> <a href="/2">Other story two</a> <a href="/3">Other story three</a></div>` +
		"<ul><li>First point of the article</li><li>Second point of the article</li></ul>" +
		para + "</div></body>"
	blocks, err := Body(mustParse(t, page), mustURL(t, "https://example.org/"))
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, b := range blocks {
		text = append(text, b.PlainText())
	}
	all := strings.Join(text, "\n")
	if strings.Contains(all, "Other story") {
		t.Errorf("link box kept:\n%s", all)
	}
	if !strings.Contains(all, "Second point of the article") {
		t.Errorf("the article's list was dropped:\n%s", all)
	}
}

// Whitespace and joiners survive the whole pipeline.
func TestBodyKeepsJoiners(t *testing.T) {
	p := "<p>این یک متن آزمایشی است که می\u200cتواند نشان دهد نیم\u200cفاصله\u200cها حفظ می\u200cشوند، حتی در متن\u200cهای بلند.</p>"
	a, err := FromHTML(strings.NewReader(`<html lang="fa" dir="rtl"><body><article>`+p+p+`<pre>  two  spaces </pre></article></body></html>`), "https://example.org/", Options{Raw: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "می\u200cتواند نشان دهد نیم\u200cفاصله\u200cها") {
		t.Errorf("joiners lost: %q", a.Text)
	}
	last := a.Blocks[len(a.Blocks)-1]
	if last.Type != article.Code || last.Text != "  two  spaces" {
		t.Errorf("pre block = %+v", last)
	}
}

// A selection is converted as it is, furniture and all, but without what
// no reader sees.
func TestSelectionAsIs(t *testing.T) {
	page := `<html><head><base href="https://example.org/base/"></head><body><p>Whole page.</p></body></html>`
	sel := `<nav><a href="rel">Kept link</a></nav><p>Chosen <b>text</b><script>x()</script></p><p hidden>no</p>`
	a, err := FromSelection(strings.NewReader(page), sel, "https://example.org/page", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != "Kept link\n\nChosen text" {
		t.Errorf("text = %q", a.Text)
	}
	if l := a.Blocks[0].Links; len(l) != 1 || l[0].Href != "https://example.org/base/rel" {
		t.Errorf("links = %+v", l)
	}
	if _, err := FromSelection(strings.NewReader(page), "<script>x()</script>", "https://example.org/page", Options{}); !errors.Is(err, ErrNoArticle) {
		t.Errorf("empty selection: %v", err)
	}
}

func TestLoginForm(t *testing.T) {
	form := `<form action="/login"><h2>Sign in to your account</h2><label>Email</label><input type="email" name="e">
<label>Password</label><input type="password" name="p"><button>Sign in</button><p>Forgot your password? Reset it here.</p></form>`
	page := `<html><head><title>Sign in</title></head><body><nav><a href="/">Home</a></nav>` + form + `</body></html>`
	if _, err := FromHTML(strings.NewReader(page), "https://site.example/login", Options{CapturedAt: time.Unix(0, 0)}); !errors.Is(err, ErrNoArticle) {
		t.Errorf("login page: err = %v, want ErrNoArticle", err)
	}
	para := "<p>The harbour master said the new lights use a fraction of the power of the old ones, and that the council will maintain them, with help from volunteers, for at least the next twenty years.</p>"
	article := `<html><head><title>Lights</title></head><body><header>` + form + `</header><article>` + strings.Repeat(para, 4) + `</article></body></html>`
	a, err := FromHTML(strings.NewReader(article), "https://site.example/news/lights", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil || !strings.Contains(a.Text, "harbour master") {
		t.Errorf("article with a login box: err = %v", err)
	}
}

func TestQuality(t *testing.T) {
	prose := para("The restoration, paid for by a community fund and a grant from the regional council, replaced forty posts.")
	furniture := []article.Block{para("Share"), para("Read more: Storm", "Read more: Storm"), para("کد خبر: ۱۲۳۴۵")}
	if q, qf := quality([]article.Block{prose}), quality(append([]article.Block{prose}, furniture...)); qf >= q {
		t.Errorf("furniture raised quality: %d → %d", q, qf)
	}
}

// A body whose every box looks like furniture to conditional cleaning
// (a third of its text is links) is still an article: the last attempt
// reads it without that cleaning rather than giving up.
func TestLastAttemptWithoutCleaning(t *testing.T) {
	p := `<p>The council met on Monday and <a href="/a">approved the plan</a> for the harbour, which <a href="/b">the mayor</a> had proposed.</p>`
	sec := `<section>` + p + p + p + `</section>`
	page := `<html><body><div class="main">` + sec + sec + sec + `</div></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://site.example/x", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(a.Text, "The council met") < 9 {
		t.Errorf("text:\n%s", a.Text)
	}
}

// A post of one paragraph, shorter than minArticle, is retried; the
// retries still leave the readers' comments out, however much more text
// they hold, so the post stays the article.
func TestRetryLeavesComments(t *testing.T) {
	post := `<p>Great design on this reminder dialog: it was a bit after midnight, so the assistant asked which tomorrow I meant, the one by the calendar or the one I had in mind.</p>`
	comment := func(who, text string) string {
		return `<div class="comment"><h3><span class="author">` + who + `</span></h3><div class="comment_body"><p>` + text + `</p></div></div>`
	}
	var comments string
	for _, who := range []string{"Jermaine", "Radex", "Ana", "Tom", "Lee", "Kim"} {
		comments += comment(who, "I love it, "+who+" writes, and it would be clearer still, I think, with the day of the week in it, since I never remember the date.")
	}
	page := `<html><body><header class="masthead"><a href="/">Blog</a></header>` +
		`<article class="post"><h1>Tomorrow</h1><div class="post-content">` + post + `</div></article>` +
		`<section class="comments"><h2>12 comments</h2><div id="all_comments" class="all_comments">` + comments + `</div></section></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://blog.example/tomorrow", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Great design") || strings.Contains(a.Text, "I love it") {
		t.Errorf("text:\n%s", a.Text)
	}
}

// A post of one long paragraph, found by the first attempt, does not give
// way to a retry that finds a longer box elsewhere without the post in it
// (the author's profile, once class hints no longer weigh).
func TestRetryHoldsOneParagraph(t *testing.T) {
	post := `<p>Research in Motion is counting on the new phone to revive sales growth and stop market share losses to its rivals. Now comes word that a previously anticipated January launch date could be delayed until March according to people familiar with the plans. That would miss the holiday season entirely.</p>`
	bio := `Prior to founding this newsletter, I held equity analyst positions with three brokerage firms, published an investment letter, and wrote, at times, for papers, magazines, and websites. `
	page := `<html><body><div class="main"><h3 class="post-title">Research in backward motion?</h3>` +
		`<div class="post-body entry-content">` + post + `</div></div>` +
		`<div class="widget Profile"><dl class="profile-datablock"><dt>About me</dt><dd class="profile-textblock">` + bio + bio + bio + bio + `</dd></dl></div></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://blog.example/rim", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Research in Motion is counting") || strings.Contains(a.Text, "Prior to founding") {
		t.Errorf("text:\n%s", a.Text)
	}
}

// A post that is one annotated list, found by the first attempt, does not
// give way to a sidebar widget that a retry without class hints prefers.
func TestRetryHoldsList(t *testing.T) {
	item := func(name, note string) string {
		return `<li><a href="https://example.org/` + name + `">` + name + `</a> ` + note + `</li>`
	}
	list := `<ul>` + item("Flat Classroom", "A fantastic example of how a teacher takes students through making a video, with handouts.") +
		item("Lesson plans", "Ideas that rock for the first week of school and the last one, from teachers who tried them.") +
		item("Reading club", "How one library keeps teenagers reading through the summer holidays.") + `</ul>`
	disclosure := `<p>I subscribe to a code of ethics, and, pursuant to it, I disclose that I test products, review books, speak, consult, and, at times, write for companies whose work may appear here, although none of them, ever, pays for a review.</p>`
	page := `<html><body><div class="main"><h3 class="post-title">Teach this! 11/05</h3>` +
		`<div class="post-body entry-content">` + list + `</div></div>` +
		`<div id="sidebar-wrapper"><div class="widget Text"><div class="widget-content">` + disclosure + disclosure + `</div></div></div>` +
		`<footer><p>` + strings.Repeat("This blog is written by a teacher for teachers and has been since the first day of the first school year it covered. ", 3) + `</p></footer></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://blog.example/teach", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Flat Classroom") || strings.Contains(a.Text, "code of ethics") {
		t.Errorf("text:\n%s", a.Text)
	}
}

// A comment's box is furniture even when its name also holds a word that
// usually marks content ("commentbody"): the comments under a post are
// left out although they sit in the post's own column.
func TestCommentBodyPruned(t *testing.T) {
	p := `<p>Here is a great concept, the micromort: a one in a million chance of death, which makes small risks, such as a flight or a drive, easy to compare.</p>`
	comment := func(who string) string {
		return `<div class="commentbody by-` + who + `"><div><p>Not to be confused, ` + who + ` writes, with a barely visible scrap of food left on your plate, which is, of course, far less risky.</p></div><p class="posted">Posted by: ` + who + `</p></div>`
	}
	page := `<html><body><table><tr><td class="contentcell"><h1>Micromorts</h1><div class="entry">` + p + p + `</div>` +
		`<div class="commentform"><h2>Comments</h2></div>` + comment("snarki") + comment("andy") + comment("paul") + comment("kim") +
		`</td></tr></table></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://blog.example/micromorts", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "micromort") || strings.Contains(a.Text, "scrap of food") {
		t.Errorf("text:\n%s", a.Text)
	}
}

// A post of one short paragraph under its own headline (the page's title)
// is the article: it does not give way to a longer footer or sidebar box
// that a retry without class hints finds elsewhere on the page.
func TestRetryHoldsTitledPost(t *testing.T) {
	page := `<html><head><title>Logos Re-imagined for the Zombie Apocalypse | The Curious Page</title></head><body>` +
		`<div id="content"><div class="post"><h3 class="storytitle"><a href="/logos">Logos Re-imagined for the Zombie Apocalypse</a></h3>` +
		`<div class="meta">Filed under: Design — admin @ 9:15 am</div>` +
		`<p><img src="/a.jpg"></p><p><img src="/b.jpg"></p>` +
		`<p>Created by a designer from Leeds! Via a design blog. <a href="/tag/zombies">More zombies here</a></p>` +
		`<div class="feedback"><a href="/logos#comments">Comments (0)</a></div></div></div>` +
		`<div id="footer"><p>If you find anything interesting on this blog and decide to share it, please link back to the post you found it in.</p>` +
		`<p>(c) 2012 The Curious Page | powered by a blogging engine with a plain theme, made by volunteers over many years</p></div></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://blog.example/logos", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Created by a designer from Leeds") || strings.Contains(a.Text, "please link back") {
		t.Errorf("text:\n%s", a.Text)
	}
}

func TestTitledPost(t *testing.T) {
	titles := []string{"A short post on lanterns | Harbour Blog"}
	para := func(s string) article.Block { return article.Block{Type: article.Paragraph, Text: s} }
	head := article.Block{Type: article.Heading, Level: 3, Text: "A short post on lanterns"}
	sentence := "The lanterns on the old quay were lit again last night, after eleven years."
	for _, tc := range []struct {
		name   string
		blocks []article.Block
		want   bool
	}{
		{"headline and a sentence", []article.Block{head, para(sentence)}, true},
		{"no headline", []article.Block{para(sentence)}, false},
		{"another headline", []article.Block{{Type: article.Heading, Level: 3, Text: "Storm warning for the coast"}, para(sentence)}, false},
		{"headline and a fragment", []article.Block{head, para("Posted in News.")}, false},
		{"headline and only a link", []article.Block{head, {Type: article.Paragraph, Text: sentence, Links: []article.Link{{Text: sentence, Href: "https://blog.example/x"}}}}, false},
	} {
		if got := titledPost(tc.blocks, titles); got != tc.want {
			t.Errorf("%s: titledPost = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// A box of teasers ("Recent posts": short entries that each open with a
// linked heading and a summary) scores well by its many short paragraphs,
// but the article is the best candidate outside it.
func TestTeaserListIsNotTheArticle(t *testing.T) {
	entry := func(i int) string {
		n := strconv.Itoa(i)
		return `<div class="entry"><p class="date">November ` + n + `</p><h5><a href="/post-` + n + `">A lie that is good for password security, part ` + n + `</a></h5>` +
			`<p class="summary">Answering security questions with an unrelated answer can make for easy-to-remember, hard-to-break passwords, and more, part ` + n + `.</p></div>`
	}
	var recent strings.Builder
	for i := 1; i <= 20; i++ {
		recent.WriteString(entry(i))
	}
	page := `<html><head><title>Q&amp;A: Photos from camera to tablet</title></head><body><div id="page">` +
		`<div id="main"><div class="post"><h2>Q&amp;A: Photos from camera to tablet</h2><div class="entry-content">` +
		`<p>I want to load photos directly from my camera to my tablet, but I hear the connector sold for it only fits some cameras. Is there another way?</p>` +
		`<p>The connector reads most cards and cameras, but a card reader that plugs into the tablet's port works with the rest, and costs less.</p>` +
		`</div></div></div>` +
		`<div id="side"><div class="box module"><h4>Recent Posts</h4>` + recent.String() + `</div></div></div></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://blog.example/qa", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "load photos directly") || strings.Contains(a.Text, "Answering security questions") {
		t.Errorf("text:\n%s", a.Text)
	}
}

// A paragraph named as part of the comment form (its licence, "comments
// are closed") is left out, although paragraphs are otherwise never
// pruned by their class.
func TestCommentNoteLeftOut(t *testing.T) {
	p := `<p>The barn sat at the end of a long gravel road, and the couple filled it with long tables, candles in jars and armfuls of wild flowers from the field behind it.</p>`
	page := `<html><body><div class="post"><h2>A rustic wedding in the valley</h2>` + strings.Repeat(p, 5) +
		`<p class="comment_license">The site reserves the right to delete comments which contain profanity, personal attacks or seek to promote a business unrelated to the post.</p>` +
		`</div></body></html>`
	a, err := FromHTML(strings.NewReader(page), "https://blog.example/wedding", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "long gravel road") || strings.Contains(a.Text, "reserves the right") {
		t.Errorf("text:\n%s", a.Text)
	}
}

// A post-data box beside the post's text (WordPress themes name it
// "postmetadata" or "postmeta") is the byline: metadata, not text,
// whether it sits inside the content or is a sibling of it that scores as
// one (here by its own run of text beside a block child, and its name's
// "post").
func TestPostMetadataSiblingLeftOut(t *testing.T) {
	p := `<p>The band recorded the new album in a converted dairy barn, with the cows still next door, and it shows in every warm, slightly rough take.</p>`
	for _, class := range []string{"postmetadata wide", "postmeta"} {
		page := `<html><body><div class="post"><h2>A record made in a barn</h2>` +
			`<div class="` + class + `"><span>Posted Nov 6th 2012 by <a href="/author/jo">Jo Writer</a> at 11:18am</span> <a href="#comments">Comment</a><div class="buttons"></div></div>` +
			`<div class="entry">` + strings.Repeat(p, 3) + `</div></div></body></html>`
		a, err := FromHTML(strings.NewReader(page), "https://blog.example/barn", Options{CapturedAt: time.Unix(0, 0)})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Text, "converted dairy barn") || strings.Contains(a.Text, "11:18am") {
			t.Errorf("%s: text:\n%s", class, a.Text)
		}
	}
}
