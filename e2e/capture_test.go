package e2e

import (
	"strings"
	"testing"
)

func TestSmoke(t *testing.T) {
	b := launch(t, "")
	t.Logf("extension %s", b.ExtensionID())
	srv := serveDir(t, "testdata")
	tb := b.OpenTab(t, srv.URL+"/fa-article.html")
	t.Logf("tab %s page %s", tb.TabID, tb.PageID)
	n := b.CaptureCount(t)
	b.ClickAction(t, tb)
	res := b.WaitCapture(t, n+1)
	t.Logf("%+v", res)
	rec, ok := b.SavedArticle(t, res.ID)
	if !ok {
		t.Fatal("not saved")
	}
	t.Log(rec.Article.Title, strings.Count(rec.Article.Text, "\n"))
}
