package e2e

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReceiverRefusesWebPages: a web page in the browser tries to write
// into a `barg receive` running without a token on this machine, the way
// that needs no preflight (a no-cors POST of an untyped Blob), and the other
// simple ways (text/plain, a form). Nothing is stored. Before, a body with
// no Content-Type was read as JSON and stored.
func TestReceiverRefusesWebPages(t *testing.T) {
	e := &endpoint{t: t, recvDir: filepath.Join(t.TempDir(), "captures")}
	e.startReceiver()
	art, err := os.ReadFile(filepath.Join(repoRoot(t), "shared", "receive", "testdata", "article.json"))
	if err != nil {
		t.Fatal(err)
	}
	b := launch(t, "")
	srv := servePages(t, map[string]string{"/evil.html": `<!DOCTYPE html><title>Evil</title><p>Nothing to see.`})
	tb := b.OpenTab(t, srv.URL+"/evil.html")
	var sent int
	b.EvalPage(t, tb, `(async () => {
		const url = `+jsString(e.recvURL+"/captures")+`;
		const art = `+jsString(string(art))+`;
		let n = 0;
		const tries = [
			{ method: 'POST', mode: 'no-cors', body: new Blob([art]) },
			{ method: 'PUT', mode: 'no-cors', body: new Blob([art]) },
			{ method: 'POST', mode: 'no-cors', body: art },
			{ method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: art },
			{ method: 'POST', body: new Blob([art], { type: 'application/json' }) }, // needs a preflight
		];
		for (const init of tries) {
			try { await fetch(url, init); } catch {}
			n++;
		}
		return n;
	})()`, &sent)
	if sent != 5 {
		t.Fatalf("the page made %d requests", sent)
	}
	time.Sleep(300 * time.Millisecond)
	names := storedNames(t, e.recvDir)
	if len(names) != 0 {
		t.Fatalf("a web page stored %v in the receiver", names)
	}
	// The receiver was reachable and stores what a client sends properly.
	req, _ := http.NewRequest("POST", e.recvURL+"/captures", bytes.NewReader(art))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 || len(storedNames(t, e.recvDir)) != 1 {
		t.Errorf("a proper upload: %d, files %v", resp.StatusCode, storedNames(t, e.recvDir))
	}
}

func storedNames(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, de := range des {
		if strings.HasSuffix(de.Name(), ".json") {
			out = append(out, de.Name())
		}
	}
	return out
}
