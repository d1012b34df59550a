package extract

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// slowPage is a page that is slow to parse without being large or deep
// enough to refuse: under 400 open spans, every end tag that matches
// nothing makes the parser look through all of them.
func slowPage(size int) []byte {
	var b bytes.Buffer
	b.WriteString("<html><body>" + strings.Repeat("<span>", 400))
	for b.Len() < size {
		b.WriteString("</x>")
	}
	b.WriteString("<p>The article, with commas, clauses, and words enough to count.</p>")
	return b.Bytes()
}

// The slow page (tens of seconds of parsing) stops soon after the
// deadline. The margin is wide: the test machine may be loaded.
func TestDeadline(t *testing.T) {
	page := slowPage(16 << 20)
	start := time.Now()
	_, err := FromHTML(bytes.NewReader(page), "https://example.org/", Options{
		Deadline: start.Add(300 * time.Millisecond),
	})
	d := time.Since(start)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if err.Error() != "the page took too long" {
		t.Errorf("message %q", err)
	}
	if d > 4*time.Second {
		t.Errorf("stopped after %v, the deadline was 300ms", d)
	}
}

// Pause is called as the page is read, at least every readChunk bytes.
func TestPauseCalled(t *testing.T) {
	page := bigPage(1 << 20)
	pauses := 0
	if _, err := FromHTML(strings.NewReader(page), "https://example.org/", Options{Pause: func() { pauses++ }}); err != nil {
		t.Fatal(err)
	}
	// Once over the page as the parser reads it (the formatting pass only
	// tokenizes pages with many formatting tags), and between phases.
	if want := len(page) / readChunk; pauses < want {
		t.Errorf("Pause called %d times, want at least %d", pauses, want)
	}
}

// A deadline already past stops every entry point before it parses.
func TestDeadlinePassed(t *testing.T) {
	past := Options{Deadline: time.Now().Add(-time.Second)}
	if _, err := FromHTML(strings.NewReader("<p>x</p>"), "https://example.org/", past); !errors.Is(err, ErrTimeout) {
		t.Errorf("FromHTML: %v", err)
	}
	if _, err := FromSelection(strings.NewReader("<p>x</p>"), "<p>x</p>", "https://example.org/", past); !errors.Is(err, ErrTimeout) {
		t.Errorf("FromSelection: %v", err)
	}
}

// A deadline that is not reached changes nothing.
func TestDeadlineNotReached(t *testing.T) {
	page := typicalPage(t)
	a1, err := FromHTML(strings.NewReader(page), "https://courier.example/news/x.html", Options{CapturedAt: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	a2, err := FromHTML(strings.NewReader(page), "https://courier.example/news/x.html", Options{CapturedAt: time.Unix(0, 0), Deadline: time.Now().Add(time.Minute), Pause: func() {}})
	if err != nil {
		t.Fatal(err)
	}
	if a1.PlainText() != a2.PlainText() || a1.Title != a2.Title {
		t.Error("a deadline changed the article")
	}
}

// BenchmarkSlowPage is how long the slow page takes without a deadline.
func BenchmarkSlowPage(b *testing.B) {
	page := slowPage(4 << 20)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		FromHTML(bytes.NewReader(page), "https://example.org/", Options{})
	}
}
