package e2e

// End-to-end tests of the upload feature (issue 6): captures in headless
// Chromium delivered to a test endpoint on 127.0.0.1 that records requests,
// fails on demand and stores through a real `barg receive`.
//
// The extension is loaded from a copy whose manifest grants
// http://127.0.0.1/* up front, because a permission prompt cannot be clicked
// headless. Backoff and timeouts are shortened through the settings'
// hidden fields (timeout_ms, backoff_base_ms, backoff_max_ms) so the suite
// runs in seconds.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const uploadToken = "e2e-token-7f3a"

// uploadBrowser launches Chromium with an extension copy that may reach
// 127.0.0.1. Pass the returned dir to relaunch on the same extension.
func uploadBrowser(t *testing.T, profile, extDir string) (*browser, string) {
	t.Helper()
	if extDir == "" {
		extDir = extensionCopy(t, func(m map[string]any) {
			m["host_permissions"] = []any{"http://127.0.0.1/*"}
		})
	}
	return launch(t, profile, withExtensionDir(extDir)), extDir
}

// setUploadSettings writes the upload settings straight to storage.local.
func setUploadSettings(t *testing.T, b *browser, s map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(s)
	b.EvalBackground(t, `chrome.storage.local.set({'upload.settings': `+string(raw)+`}).then(() => true)`, nil)
}

// fastSettings are settings for e's endpoint with short waits.
func fastSettings(e *endpoint, token string) map[string]any {
	return map[string]any{
		"endpoint":        e.URL() + "/captures",
		"method":          "POST",
		"headers":         []map[string]string{{"name": "Authorization", "value": "Bearer " + token}},
		"format":          "single",
		"auto_send":       true,
		"timeout_ms":      1500,
		"backoff_base_ms": 400,
		"backoff_max_ms":  1500,
	}
}

// outboxItem is an item of the upload outbox as stored in storage.local.
type outboxItem struct {
	ID        string  `json:"id"`
	CaptureID string  `json:"capture_id"`
	State     string  `json:"state"`
	Attempts  int     `json:"attempts"`
	Error     string  `json:"error"`
	NextAt    float64 `json:"next_at"`
	SentAt    float64 `json:"sent_at"`
}

// outbox reads the outbox items, by library id.
func outbox(t *testing.T, b *browser) map[string]outboxItem {
	t.Helper()
	var items map[string]outboxItem
	b.EvalBackground(t, `chrome.storage.local.get(null).then(all => Object.fromEntries(
		Object.entries(all).filter(([k]) => k.startsWith('upload.item.')).map(([k, v]) => [k.slice(12), v])))`, &items)
	return items
}

// waitFor polls cond until it holds or the timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// capturePage opens the page at url and captures it with the toolbar button.
func capturePage(t *testing.T, b *browser, url string) captureResult {
	t.Helper()
	tb := b.OpenTab(t, url)
	n := b.CaptureCount(t)
	b.ClickAction(t, tb)
	res := b.WaitCapture(t, n+1)
	if !res.OK {
		t.Fatalf("capture of %s failed: %s (%s)", url, res.Error, res.Code)
	}
	tb.Cancel()
	return res
}

func articlePages(t *testing.T, n int) string {
	pages := map[string]string{}
	for i := 1; i <= n; i++ {
		pages[fmt.Sprintf("/report-%d.html", i)] = articlePage(i)
	}
	return servePages(t, pages).URL
}

// savedArticleJSON is the article of a library record, as saved.
func savedArticleJSON(t *testing.T, b *browser, id string) any {
	t.Helper()
	var a any
	b.EvalBackground(t, `globalThis.barg.store.getArticle(`+jsString(id)+`).then(r => r.article)`, &a)
	return a
}

func decode(t *testing.T, body []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("body is not JSON: %v: %.200s", err, body)
	}
	return v
}

// keysOf counts the idempotency keys of the requests answered with 2xx.
func delivered(reqs []received) map[string]int {
	out := map[string]int{}
	for _, r := range reqs {
		if r.Status >= 200 && r.Status < 300 {
			out[r.Key()]++
		}
	}
	return out
}

// The settings page configures the endpoint; a capture is then sent once,
// with the configured method and headers, its capture id as the key, and
// the article exactly as saved (which the receiver validates).
func TestUploadAutoSendConfiguredOnSettingsPage(t *testing.T) {
	e := newEndpoint(t, uploadToken)
	b, _ := uploadBrowser(t, "", "")
	site := articlePages(t, 1)
	// Hidden fields first (the form keeps them), then the form itself.
	setUploadSettings(t, b, map[string]any{"timeout_ms": 3000, "backoff_base_ms": 400, "backoff_max_ms": 1500})

	opts := b.OpenExtensionPage(t, "extension/options/options.html")
	ctx := opts.Ctx
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		actx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		if err := chromedp.Do(actx, actions...); err != nil {
			t.Fatalf("settings page: %s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		actx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		s, err := chromedp.Run(actx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("settings page: reading %s: %v", sel, err)
		}
		return s
	}
	run("fill the form",
		chromedp.WaitVisible(chromedp.CSS("#upload-endpoint")),
		chromedp.SendKeys(chromedp.CSS("#upload-endpoint"), "http://example.org/in"),
		chromedp.Click(chromedp.CSS("#upload-save")),
	)
	errText := text("#upload-endpoint-error")
	if !strings.Contains(errText, "localhost and 127.0.0.1") {
		t.Errorf("plain http to another host: error %q, want it explained", errText)
	}
	b.EvalPage(t, opts, `document.getElementById('upload-endpoint').value = ''; document.getElementById('upload-method').value = 'PUT'; true`, nil)
	run("fill the form",
		chromedp.SendKeys(chromedp.CSS("#upload-endpoint"), e.URL()+"/captures"),
		chromedp.Click(chromedp.CSS("#upload-header-add")),
		chromedp.SendKeys(chromedp.CSS("#upload-headers .header-row:nth-child(1) .header-name"), "Authorization"),
		chromedp.SendKeys(chromedp.CSS("#upload-headers .header-row:nth-child(1) .header-value"), "Bearer "+uploadToken),
		chromedp.Click(chromedp.CSS("#upload-header-add")),
		chromedp.SendKeys(chromedp.CSS("#upload-headers .header-row:nth-child(2) .header-name"), "X-API-Key"),
		chromedp.SendKeys(chromedp.CSS("#upload-headers .header-row:nth-child(2) .header-value"), "key-42"),
		chromedp.Click(chromedp.CSS("#upload-auto")),
		chromedp.Click(chromedp.CSS("#upload-test")),
	)
	var status string
	waitFor(t, 10*time.Second, "the connection test's answer", func() bool {
		status = text("#upload-status")
		return strings.HasPrefix(status, "Connected")
	})
	run("save", chromedp.Click(chromedp.CSS("#upload-save")))
	waitFor(t, 10*time.Second, "the save confirmation", func() bool {
		status = text("#upload-status")
		return strings.HasPrefix(status, "Saved")
	})
	var sync map[string]any
	b.EvalBackground(t, `chrome.storage.sync.get(null)`, &sync)
	if len(sync) != 0 {
		t.Errorf("storage.sync holds %v; settings must stay in storage.local", sync)
	}

	res := capturePage(t, b, site+"/report-1.html")
	if res.Upload.State == "none" {
		t.Errorf("capture result's upload state is %q, want queued, sending or sent", res.Upload.State)
	}
	waitFor(t, 10*time.Second, "the upload", func() bool { return outbox(t, b)[res.ID].State == "sent" })
	time.Sleep(1500 * time.Millisecond) // nothing more may come
	ups := e.Uploads()
	if len(ups) != 1 {
		t.Fatalf("%d upload requests, want 1", len(ups))
	}
	r := ups[0]
	checks := map[string][2]string{
		"method":          {r.Method, "PUT"},
		"path":            {r.Path, "/captures"},
		"Authorization":   {r.Header.Get("Authorization"), "Bearer " + uploadToken},
		"X-API-Key":       {r.Header.Get("X-API-Key"), "key-42"},
		"Content-Type":    {r.Header.Get("Content-Type"), "application/json"},
		"Idempotency-Key": {r.Key(), res.CaptureID},
		"Cookie":          {r.Header.Get("Cookie"), ""},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if r.Status != http.StatusCreated {
		t.Errorf("the receiver answered %d, want 201 (a valid, new article)", r.Status)
	}
	want := savedArticleJSON(t, b, res.ID)
	if got := decode(t, r.Body); !reflect.DeepEqual(got, want) {
		t.Errorf("the body is not the article as saved:\n got %.300v\nwant %.300v", got, want)
	}
	stored := e.Stored()
	if len(stored) != 1 || stored[0].Key != res.CaptureID {
		t.Fatalf("receiver holds %+v, want one article under %s", stored, res.CaptureID)
	}
	if got := decode(t, e.StoredArticle(stored[0])); !reflect.DeepEqual(got, want) {
		t.Error("the stored article differs from the saved one")
	}
}

// The endpoint refuses connections during three captures: all three stay
// queued; when it is back each is delivered exactly once under its capture id.
func TestUploadQueuedWhileEndpointDown(t *testing.T) {
	e := newEndpoint(t, uploadToken)
	b, _ := uploadBrowser(t, "", "")
	site := articlePages(t, 3)
	setUploadSettings(t, b, fastSettings(e, uploadToken))
	e.Down()

	var caps []captureResult
	for i := 1; i <= 3; i++ {
		caps = append(caps, capturePage(t, b, fmt.Sprintf("%s/report-%d.html", site, i)))
	}
	waitFor(t, 10*time.Second, "three queued items with failed attempts", func() bool {
		items := outbox(t, b)
		for _, c := range caps {
			it := items[c.ID]
			if it.State != "queued" || it.Attempts < 1 || !strings.Contains(it.Error, "Could not connect") {
				return false
			}
		}
		return true
	})
	items := outbox(t, b)
	for _, c := range caps {
		if items[c.ID].CaptureID != c.CaptureID {
			t.Errorf("queued item %s has key %s, want its capture id %s", c.ID, items[c.ID].CaptureID, c.CaptureID)
		}
	}
	e.Up()
	waitFor(t, 15*time.Second, "three deliveries", func() bool {
		items := outbox(t, b)
		for _, c := range caps {
			if items[c.ID].State != "sent" {
				return false
			}
		}
		return true
	})
	time.Sleep(1500 * time.Millisecond)
	got := delivered(e.Uploads())
	if len(e.Uploads()) != 3 {
		t.Errorf("%d requests after the endpoint came back, want 3", len(e.Uploads()))
	}
	for _, c := range caps {
		if got[c.CaptureID] != 1 {
			t.Errorf("capture %s delivered %d times, want once", c.CaptureID, got[c.CaptureID])
		}
	}
	if n := len(e.Stored()); n != 3 {
		t.Errorf("receiver holds %d articles, want 3", n)
	}
}

// 500, then 429 with Retry-After: 2, then success: one article, three
// requests with the same key, and the waits between them respected.
func TestUploadRetriesAfter500And429(t *testing.T) {
	e := newEndpoint(t, uploadToken)
	b, _ := uploadBrowser(t, "", "")
	site := articlePages(t, 1)
	s := fastSettings(e, uploadToken)
	s["backoff_base_ms"] = 1000
	s["backoff_max_ms"] = 4000
	setUploadSettings(t, b, s)
	e.Script(answer(500, "database unavailable"), answer(429, "slow down", "Retry-After", "2"))

	res := capturePage(t, b, site+"/report-1.html")
	waitFor(t, 15*time.Second, "the upload", func() bool { return outbox(t, b)[res.ID].State == "sent" })
	time.Sleep(time.Second)
	reqs := e.Uploads()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	for i, r := range reqs {
		if r.Key() != res.CaptureID {
			t.Errorf("request %d key %q, want %q", i, r.Key(), res.CaptureID)
		}
	}
	if st := []int{reqs[0].Status, reqs[1].Status, reqs[2].Status}; !reflect.DeepEqual(st, []int{500, 429, 201}) {
		t.Errorf("answers %v, want [500 429 201]", st)
	}
	// Backoff after the 500: base 1 s with half of it jittered, so at least 0.5 s.
	if d := reqs[1].At.Sub(reqs[0].At); d < 450*time.Millisecond {
		t.Errorf("retry after the 500 came %v later, want ≥ 0.5 s", d)
	}
	if d := reqs[2].At.Sub(reqs[1].At); d < 1950*time.Millisecond {
		t.Errorf("retry after 429 Retry-After: 2 came %v later, want ≥ 2 s", d)
	}
	if it := outbox(t, b)[res.ID]; it.Attempts != 3 {
		t.Errorf("attempts = %d, want 3", it.Attempts)
	}
	if n := len(e.Stored()); n != 1 {
		t.Errorf("receiver holds %d articles, want 1", n)
	}
}

// A 401 marks the article failed with the server's reason and stops the
// requests; "retry now" (a message from an extension page) sends it again.
func TestUpload401FailsWithoutRetry(t *testing.T) {
	e := newEndpoint(t, uploadToken)
	b, _ := uploadBrowser(t, "", "")
	site := articlePages(t, 1)
	setUploadSettings(t, b, fastSettings(e, "wrong-token"))

	res := capturePage(t, b, site+"/report-1.html")
	waitFor(t, 10*time.Second, "the failure", func() bool { return outbox(t, b)[res.ID].State == "failed" })
	it := outbox(t, b)[res.ID]
	if !strings.HasPrefix(it.Error, "HTTP 401") || !strings.Contains(it.Error, "bearer token") {
		t.Errorf("error %q, want the status and the server's answer", it.Error)
	}
	time.Sleep(3 * time.Second) // several backoff periods
	if n := len(e.Uploads()); n != 1 {
		t.Fatalf("%d requests after a 401, want 1", n)
	}

	// The user fixes the token and asks to retry, from an extension page.
	setUploadSettings(t, b, fastSettings(e, uploadToken))
	page := b.OpenExtensionPage(t, "extension/options/options.html")
	var ok bool
	b.EvalPage(t, page, `chrome.runtime.sendMessage({type: 'upload.retry', ids: [`+jsString(res.ID)+`]}).then(r => r.ok)`, &ok)
	if !ok {
		t.Fatal("upload.retry was not accepted")
	}
	waitFor(t, 10*time.Second, "the retried upload", func() bool { return outbox(t, b)[res.ID].State == "sent" })
	ups := e.Uploads()
	if len(ups) != 2 || ups[1].Key() != res.CaptureID || ups[1].Status != 201 {
		t.Errorf("after retry: %d requests, last %q → %d", len(ups), ups[len(ups)-1].Key(), ups[len(ups)-1].Status)
	}
}

// Items queued while the endpoint is down survive closing the browser and
// are delivered after it starts again on the same profile.
func TestUploadSurvivesBrowserRestart(t *testing.T) {
	e := newEndpoint(t, uploadToken)
	b, extDir := uploadBrowser(t, "", "")
	site := articlePages(t, 2)
	setUploadSettings(t, b, fastSettings(e, uploadToken))
	e.Down()
	var caps []captureResult
	for i := 1; i <= 2; i++ {
		caps = append(caps, capturePage(t, b, fmt.Sprintf("%s/report-%d.html", site, i)))
	}
	waitFor(t, 10*time.Second, "queued items", func() bool {
		items := outbox(t, b)
		return items[caps[0].ID].Attempts >= 1 && items[caps[1].ID].Attempts >= 1
	})
	profile := b.Profile
	b.Close(t)
	e.Up()
	if n := len(e.Uploads()); n != 0 {
		t.Fatalf("%d requests before the restart", n)
	}

	b2, _ := uploadBrowser(t, profile, extDir)
	waitFor(t, 15*time.Second, "deliveries after the restart", func() bool {
		items := outbox(t, b2)
		return items[caps[0].ID].State == "sent" && items[caps[1].ID].State == "sent"
	})
	got := delivered(e.Uploads())
	for _, c := range caps {
		if got[c.CaptureID] != 1 {
			t.Errorf("capture %s delivered %d times, want once", c.CaptureID, got[c.CaptureID])
		}
	}
	if n := len(e.Stored()); n != 2 {
		t.Errorf("receiver holds %d articles, want 2", n)
	}
}

// An endpoint that does not answer within the timeout: the request is
// abandoned and retried with the same key, and the article is not lost
// (nor stored twice, although the slow request reached the receiver too).
func TestUploadSlowEndpointRetried(t *testing.T) {
	e := newEndpoint(t, uploadToken)
	b, _ := uploadBrowser(t, "", "")
	site := articlePages(t, 1)
	s := fastSettings(e, uploadToken)
	s["timeout_ms"] = 1000
	setUploadSettings(t, b, s)
	e.Script(slowly(2500 * time.Millisecond))

	res := capturePage(t, b, site+"/report-1.html")
	waitFor(t, 15*time.Second, "the upload", func() bool { return outbox(t, b)[res.ID].State == "sent" })
	time.Sleep(2 * time.Second) // let the slow request finish too
	reqs := e.Uploads()
	if len(reqs) < 2 {
		t.Fatalf("%d requests, want the slow one and a retry", len(reqs))
	}
	for i, r := range reqs {
		if r.Key() != res.CaptureID {
			t.Errorf("request %d key %q, want %q", i, r.Key(), res.CaptureID)
		}
	}
	// The client gave up on the slow request: it retried before that one was answered.
	if !reqs[1].At.Before(reqs[0].Done) {
		t.Errorf("the retry came %v after the slow answer; want it after the timeout, before the answer", reqs[1].At.Sub(reqs[0].Done))
	}
	if it := outbox(t, b)[res.ID]; it.Attempts < 2 {
		t.Errorf("attempts = %d, want ≥ 2", it.Attempts)
	}
	if n := len(e.Stored()); n != 1 {
		t.Errorf("receiver holds %d articles, want exactly 1", n)
	}
}

// A redirect to another origin is not followed: the credentials never reach
// it, and the article is marked failed with the reason.
func TestUploadRedirectNotFollowed(t *testing.T) {
	e := newEndpoint(t, uploadToken)
	other, elsewhere := countingServer(t)
	b, _ := uploadBrowser(t, "", "")
	site := articlePages(t, 1)
	setUploadSettings(t, b, fastSettings(e, uploadToken))
	e.Script(answer(307, "", "Location", other+"/steal"))

	res := capturePage(t, b, site+"/report-1.html")
	waitFor(t, 10*time.Second, "the failure", func() bool { return outbox(t, b)[res.ID].State == "failed" })
	if it := outbox(t, b)[res.ID]; !strings.Contains(it.Error, "redirect") {
		t.Errorf("error %q, want it to name the redirect", it.Error)
	}
	time.Sleep(time.Second)
	if n := elsewhere(); n != 0 {
		t.Errorf("the redirect target received %d requests", n)
	}
	if n := len(e.Uploads()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// With the endpoint down, the service worker is stopped (as the browser does
// when it idles): the alarm starts it again and the queued capture is
// delivered without any other event.
func TestUploadAlarmWakesStoppedBackground(t *testing.T) {
	e := newEndpoint(t, uploadToken)
	b, _ := uploadBrowser(t, "", "")
	site := articlePages(t, 1)
	setUploadSettings(t, b, fastSettings(e, uploadToken))
	e.Down()
	res := capturePage(t, b, site+"/report-1.html")
	waitFor(t, 10*time.Second, "a failed attempt", func() bool { return outbox(t, b)[res.ID].Attempts >= 1 })
	// Next retry in 3–6 s: time enough to stop the worker before its alarm.
	s := fastSettings(e, uploadToken)
	s["backoff_base_ms"] = 6000
	s["backoff_max_ms"] = 6000
	setUploadSettings(t, b, s) // new settings: one attempt now, then the long wait
	waitFor(t, 10*time.Second, "a second failed attempt", func() bool { return outbox(t, b)[res.ID].Attempts >= 2 })
	b.StopWorker(t)
	e.Up()
	waitFor(t, 20*time.Second, "the delivery", func() bool { return delivered(e.Uploads())[res.CaptureID] == 1 })
	if !b.WorkerRunning(t) {
		t.Error("the delivery happened without the worker running?")
	}
	waitFor(t, 10*time.Second, "the sent state", func() bool { return outbox(t, b)[res.ID].State == "sent" })
}

// "Send all" with JSON Lines, asked from an extension page: one request
// with both articles, whose key the receiver stores them under.
func TestUploadSendAllAsJSONLines(t *testing.T) {
	e := newEndpoint(t, uploadToken)
	b, _ := uploadBrowser(t, "", "")
	site := articlePages(t, 2)
	s := fastSettings(e, uploadToken)
	s["auto_send"] = false
	s["format"] = "ndjson"
	setUploadSettings(t, b, s)
	caps := []captureResult{capturePage(t, b, site+"/report-1.html"), capturePage(t, b, site+"/report-2.html")}
	if n := len(e.Uploads()); n != 0 {
		t.Fatalf("%d requests with automatic sending off", n)
	}
	page := b.OpenExtensionPage(t, "extension/options/options.html")
	var queued int
	b.EvalPage(t, page, `chrome.runtime.sendMessage({type: 'upload.send'}).then(r => r.queued)`, &queued)
	if queued != 2 {
		t.Fatalf("upload.send queued %d, want 2", queued)
	}
	waitFor(t, 10*time.Second, "the batch", func() bool {
		items := outbox(t, b)
		return items[caps[0].ID].State == "sent" && items[caps[1].ID].State == "sent"
	})
	ups := e.Uploads()
	if len(ups) != 1 {
		t.Fatalf("%d requests, want one batch", len(ups))
	}
	r := ups[0]
	if ct := r.Header.Get("Content-Type"); ct != "application/x-ndjson" || r.Key() != "" || r.Status != 201 {
		t.Errorf("batch request: Content-Type %q, key %q, answered %d; want no key for the batch (its items carry theirs)", ct, r.Key(), r.Status)
	}
	lines := strings.Split(strings.TrimSpace(string(r.Body)), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	want := map[string]string{} // capture id → the saved article
	for _, c := range caps {
		raw, _ := json.Marshal(savedArticleJSON(t, b, c.ID))
		want[c.CaptureID] = string(raw)
	}
	for i, l := range lines {
		var item struct {
			CaptureID string          `json:"capture_id"`
			Article   json.RawMessage `json:"article"`
		}
		if err := json.Unmarshal([]byte(l), &item); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		raw, _ := json.Marshal(decode(t, item.Article))
		if want[item.CaptureID] != string(raw) {
			t.Errorf("line %d is not the saved article of its capture id %q", i, item.CaptureID)
		}
	}
	// One file per article, under its capture id; sending one of them
	// alone afterwards stores nothing new.
	stored := e.Stored()
	if len(stored) != 2 || want[stored[0].Key] == "" || want[stored[1].Key] == "" {
		t.Errorf("receiver holds %+v, want the two articles under their capture ids", stored)
	}
	b.EvalPage(t, page, `chrome.runtime.sendMessage({type: 'upload.send', ids: [`+jsString(caps[0].ID)+`]}).then(r => r.queued)`, nil)
	waitFor(t, 10*time.Second, "the single upload", func() bool { ups := e.Uploads(); return len(ups) == 2 && ups[1].Status != 0 })
	if ups := e.Uploads(); ups[1].Status != 200 || ups[1].Key() != caps[0].CaptureID {
		t.Errorf("the article sent alone: key %q answered %d, want its capture id and 200 (already held)", ups[1].Key(), ups[1].Status)
	}
	if n := len(e.Stored()); n != 2 {
		t.Errorf("receiver holds %d files after the single upload, want 2", n)
	}
}
