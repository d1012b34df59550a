package receive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fixture returns the test article, compacted, with field set to value when
// field is not empty (value nil deletes it).
func fixture(t testing.TB, edits map[string]any) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/article.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(edits) == 0 {
		var buf bytes.Buffer
		if err := json.Compact(&buf, b); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range edits {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type server struct {
	*httptest.Server
	dir string
}

func newServer(t *testing.T, opts Options) *server {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	h, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return &server{Server: s, dir: opts.Dir}
}

type answer struct {
	status int
	body   string
}

func (s *server) do(t *testing.T, method, ctype string, header map[string]string, body []byte) answer {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+"/", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, string(b)}
}

// files lists the names in dir, failing on leftovers of interrupted writes.
func files(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		if strings.HasPrefix(de.Name(), ".incoming-") {
			t.Errorf("temporary file left behind: %s", de.Name())
			continue
		}
		names = append(names, de.Name())
	}
	return names
}

func TestSingleStoredOnceExactly(t *testing.T) {
	s := newServer(t, Options{})
	art := fixture(t, nil)
	key := map[string]string{"Idempotency-Key": "0f8e5a8e-3c1d-4a43-9b1e-6c2f3b9d7a10"}

	a := s.do(t, "POST", "application/json", key, art)
	if a.status != http.StatusCreated {
		t.Fatalf("first upload: %d %s, want 201", a.status, a.body)
	}
	a = s.do(t, "PUT", "application/json; charset=utf-8", key, art)
	if a.status != http.StatusOK || !strings.Contains(a.body, `"created": false`) {
		t.Fatalf("duplicate upload: %d %s, want 200 with created false", a.status, a.body)
	}
	names := files(t, s.dir)
	if len(names) != 1 || names[0] != key["Idempotency-Key"]+".json" {
		t.Fatalf("files = %v, want one named after the key", names)
	}
	got, _ := os.ReadFile(filepath.Join(s.dir, names[0]))
	if !bytes.Equal(got, art) {
		t.Errorf("stored bytes differ from the uploaded article:\n%s\n%s", got, art)
	}
}

// envelop wraps an article as a batch item with its own capture id.
func envelop(id string, art []byte) string {
	return `{"capture_id":"` + id + `","article":` + string(art) + `}`
}

func TestBatches(t *testing.T) {
	a1 := fixture(t, nil)
	a2 := fixture(t, map[string]any{"url": "https://news.example/2", "canonical_url": "https://news.example/2"})
	e1, e2 := envelop("cap-1", a1), envelop("cap-2", a2)
	tests := []struct {
		name, ctype string
		body        []byte
	}{
		{"array", "application/json", []byte("[" + e1 + ",\n  " + e2 + "]")},
		{"ndjson", "application/x-ndjson", []byte(e1 + "\n\n" + e2 + "\n")},
		{"jsonl no final newline", "application/jsonl", []byte(e1 + "\r\n" + e2)},
		{"envelope members the other way round", "application/x-ndjson", []byte(`{"article":` + string(a1) + `,"capture_id":"cap-1"}` + "\n" + e2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, Options{})
			hdr := map[string]string{"Idempotency-Key": "batch-1"}
			if a := s.do(t, "POST", tt.ctype, hdr, tt.body); a.status != http.StatusCreated {
				t.Fatalf("%d %s", a.status, a.body)
			}
			if a := s.do(t, "POST", tt.ctype, hdr, tt.body); a.status != http.StatusOK {
				t.Fatalf("repeat: %d %s, want 200", a.status, a.body)
			}
			for i, want := range [][]byte{a1, a2} {
				got, err := os.ReadFile(filepath.Join(s.dir, fmt.Sprintf("cap-%d.json", i+1)))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("item %d stored as %s", i, got)
				}
			}
			if n := len(files(t, s.dir)); n != 2 {
				t.Errorf("%d files, want 2", n)
			}
		})
	}
}

// Delivery is once per article: a batch, then one of its articles alone
// (Idempotency-Key: its capture id), then a batch with one more article
// store one file per article. (With one key per batch, 4 articles sent
// this way became 11 files.)
func TestBatchSingleBatchOncePerArticle(t *testing.T) {
	s := newServer(t, Options{})
	arts := make([][]byte, 4)
	for i := range arts {
		arts[i] = fixture(t, map[string]any{"url": fmt.Sprintf("https://news.example/%d", i)})
	}
	batch := func(n int) []byte {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(envelop(fmt.Sprintf("cap-%d", i), arts[i]) + "\n")
		}
		return []byte(b.String())
	}
	if a := s.do(t, "POST", "application/x-ndjson", nil, batch(3)); a.status != 201 {
		t.Fatalf("first batch: %d %s", a.status, a.body)
	}
	if a := s.do(t, "POST", "application/json", map[string]string{"Idempotency-Key": "cap-1"}, arts[1]); a.status != 200 {
		t.Fatalf("single: %d %s, want 200 (already held)", a.status, a.body)
	}
	if a := s.do(t, "POST", "application/json", nil, []byte("["+strings.ReplaceAll(strings.TrimSpace(string(batch(4))), "\n", ",")+"]")); a.status != 201 {
		t.Fatalf("second batch: %d %s", a.status, a.body)
	}
	names := files(t, s.dir)
	if len(names) != 4 {
		t.Errorf("files %v, want one per article (4)", names)
	}
}

// Without a key, the article's bytes are its identity: two different
// captures with the same canonical URL and capture time (the CLI stamps one
// time for a whole run) are two files.
func TestNoKeyDifferentPagesSameTime(t *testing.T) {
	s := newServer(t, Options{})
	a1 := fixture(t, nil)
	a2 := fixture(t, map[string]any{"title": "Another page"})
	for _, a := range [][]byte{a1, a2} {
		if r := s.do(t, "POST", "application/json", nil, a); r.status != 201 {
			t.Fatalf("%d %s", r.status, r.body)
		}
	}
	if n := len(files(t, s.dir)); n != 2 {
		t.Errorf("%d files, want 2", n)
	}
}

func TestNoKeyUsesArticleIdentity(t *testing.T) {
	s := newServer(t, Options{})
	art := fixture(t, nil)
	if a := s.do(t, "POST", "application/json", nil, art); a.status != http.StatusCreated {
		t.Fatalf("%d %s", a.status, a.body)
	}
	// The same capture inside a batch is recognised.
	if a := s.do(t, "POST", "application/x-ndjson", nil, art); a.status != http.StatusOK {
		t.Fatalf("same capture again: %d %s, want 200", a.status, a.body)
	}
	// A new capture of the same page is a new article.
	again := fixture(t, map[string]any{"captured_at": "2026-11-24T04:00:00Z"})
	if a := s.do(t, "POST", "application/json", nil, again); a.status != http.StatusCreated {
		t.Fatalf("recapture: %d %s, want 201", a.status, a.body)
	}
	if n := len(files(t, s.dir)); n != 2 {
		t.Errorf("%d files, want 2", n)
	}
}

func TestRejectsWithReasonAndStoresNothing(t *testing.T) {
	good := string(fixture(t, nil))
	tests := []struct {
		name, ctype, body string
		status            int
		reason            string
	}{
		{"empty", "application/json", "", 400, "empty body"},
		{"truncated", "application/json", good[:len(good)/2], 400, "not valid JSON"},
		{"trailing garbage", "application/json", good + "}", 400, "not valid JSON"},
		{"scalar", "application/json", `"hello"`, 400, "neither a JSON object nor a JSON array"},
		{"missing field", "application/json", string(fixture(t, map[string]any{"title": nil})), 400, "title"},
		{"wrong schema", "application/json", string(fixture(t, map[string]any{"schema": "other/2"})), 400, "/schema"},
		{"unknown field", "application/json", string(fixture(t, map[string]any{"secret": 1})), 400, "secret"},
		{"bad date", "application/json", string(fixture(t, map[string]any{"published": "yesterday"})), 400, "/published"},
		{"heading without level", "application/json", string(fixture(t, map[string]any{"blocks": []any{map[string]any{"type": "heading", "text": "x"}}})), 400, "/blocks/0"},
		{"one bad item in array", "application/json", "[" + good + "," + string(fixture(t, map[string]any{"word_count": -1})) + "]", 400, "item 1"},
		{"bad array", "application/json", "[" + good + ",", 400, "not a valid JSON array"},
		{"array of strings", "application/json", `["a"]`, 400, "item 0"},
		{"bad line", "application/x-ndjson", good + "\n{oops\n", 400, "line 2"},
		{"line not object", "application/x-ndjson", good + "\n[1]\n", 400, "line 2"},
		{"invalid second line", "application/x-ndjson", good + "\n" + string(fixture(t, map[string]any{"dir": "up"})) + "\n", 400, "item 1"},
		{"text/plain", "text/plain", good, 415, "unsupported Content-Type"},
		{"no Content-Type", "", good, 415, "no Content-Type"},
		{"envelope without capture_id", "application/x-ndjson", `{"article":` + good + `}`, 400, "no capture_id"},
		{"envelope with a bad capture_id", "application/x-ndjson", `{"capture_id":"","article":` + good + `}`, 400, "capture_id"},
		{"envelope with a bad article", "application/x-ndjson", envelop("c", fixture(t, map[string]any{"dir": "up"})), 400, "item 0"},
		{"bad block deep in the article", "application/json", string(fixture(t, map[string]any{"blocks": []any{map[string]any{"type": "paragraph", "text": "a"}, map[string]any{"type": "figure", "text": "b"}}})), 400, "/blocks/1"},
		{"blocks not an array", "application/json", string(fixture(t, map[string]any{"blocks": "x"})), 400, "/blocks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, Options{})
			a := s.do(t, "POST", tt.ctype, map[string]string{"Idempotency-Key": "k"}, []byte(tt.body))
			if a.status != tt.status {
				t.Errorf("status %d, want %d (%s)", a.status, tt.status, a.body)
			}
			var e struct{ Error string }
			if err := json.Unmarshal([]byte(a.body), &e); err != nil || !strings.Contains(e.Error, tt.reason) {
				t.Errorf("answer %s, want an error mentioning %q", a.body, tt.reason)
			}
			if names := files(t, s.dir); len(names) != 0 {
				t.Errorf("stored %v after a rejected request", names)
			}
		})
	}
}

func TestBadKeys(t *testing.T) {
	s := newServer(t, Options{})
	for _, key := range []string{"", strings.Repeat("k", MaxKeyLen+1)} {
		req, _ := http.NewRequest("POST", s.URL, bytes.NewReader(fixture(t, nil)))
		req.Header.Set("Content-Type", "application/json")
		req.Header["Idempotency-Key"] = []string{key}
		resp, err := s.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 400 {
			t.Errorf("key of %d bytes: status %d, want 400", len(key), resp.StatusCode)
		}
	}
	// Keys that are not safe file names are stored under an encoded name and listed back.
	odd := "../../etc/passwd ☃"
	if a := s.do(t, "POST", "application/json", map[string]string{"Idempotency-Key": odd}, fixture(t, nil)); a.status != 201 {
		t.Fatalf("%d %s", a.status, a.body)
	}
	a := s.do(t, "GET", "", nil, nil)
	var l Listing
	if err := json.Unmarshal([]byte(a.body), &l); err != nil {
		t.Fatal(err)
	}
	if l.Count != 1 || l.Items[0].Key != odd || strings.ContainsAny(l.Items[0].File, "/\\") {
		t.Errorf("listing %+v, want the odd key under a safe file name", l)
	}
}

func TestToken(t *testing.T) {
	s := newServer(t, Options{Token: "s3cret"})
	art := fixture(t, nil)
	for _, auth := range []string{"", "Bearer wrong", "s3cret", "Basic s3cret", "Bearer s3cret2", "Bearers3cret"} {
		a := s.do(t, "POST", "application/json", map[string]string{"Authorization": auth}, art)
		if a.status != http.StatusUnauthorized {
			t.Errorf("Authorization %q: status %d, want 401", auth, a.status)
		}
	}
	if a := s.do(t, "GET", "", nil, nil); a.status != http.StatusUnauthorized {
		t.Errorf("listing without token: %d, want 401", a.status)
	}
	if names := files(t, s.dir); len(names) != 0 {
		t.Fatalf("stored %v without a valid token", names)
	}
	if a := s.do(t, "POST", "application/json", map[string]string{"Authorization": "Bearer s3cret"}, art); a.status != 201 {
		t.Errorf("with token: %d %s, want 201", a.status, a.body)
	}
	// The scheme is case-insensitive.
	for _, auth := range []string{"bearer s3cret", "BEARER  s3cret"} {
		if a := s.do(t, "POST", "application/json", map[string]string{"Authorization": auth}, art); a.status != 200 {
			t.Errorf("Authorization %q: %d %s, want 200", auth, a.status, a.body)
		}
	}
}

func TestBodyLimit(t *testing.T) {
	art := fixture(t, nil)
	s := newServer(t, Options{MaxBody: int64(len(art)) - 1})
	if a := s.do(t, "POST", "application/json", nil, art); a.status != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", a.status)
	}
	if names := files(t, s.dir); len(names) != 0 {
		t.Errorf("stored %v", names)
	}
}

func TestMethodsAndEmptyBatch(t *testing.T) {
	s := newServer(t, Options{})
	if a := s.do(t, "DELETE", "", nil, nil); a.status != http.StatusMethodNotAllowed {
		t.Errorf("DELETE: %d, want 405", a.status)
	}
	// An empty array is what the extension's "test connection" sends.
	if a := s.do(t, "POST", "application/json", nil, []byte("[]")); a.status != http.StatusOK {
		t.Errorf("empty array: %d %s, want 200", a.status, a.body)
	}
	if a := s.do(t, "GET", "", nil, nil); a.status != 200 || !strings.Contains(a.body, `"count": 0`) {
		t.Errorf("listing: %d %s", a.status, a.body)
	}
}

// Many concurrent uploads of one capture store it exactly once: one 201,
// the rest 200, one file, no temporary leftovers.
func TestConcurrentDuplicates(t *testing.T) {
	s := newServer(t, Options{MaxUploads: 64})
	art := fixture(t, nil)
	const n = 32
	var wg sync.WaitGroup
	statuses := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", s.URL, bytes.NewReader(art))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Idempotency-Key", "same-capture")
			resp, err := s.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	created := 0
	for _, st := range statuses {
		switch st {
		case 201:
			created++
		case 200:
		default:
			t.Errorf("status %d", st)
		}
	}
	if created != 1 {
		t.Errorf("%d uploads answered 201, want exactly 1", created)
	}
	if names := files(t, s.dir); len(names) != 1 {
		t.Errorf("files %v, want one", names)
	}
}

func TestListing(t *testing.T) {
	s := newServer(t, Options{})
	for _, k := range []string{"a", "b"} {
		s.do(t, "POST", "application/json", map[string]string{"Idempotency-Key": k}, fixture(t, nil))
	}
	a := s.do(t, "GET", "", nil, nil)
	var l Listing
	if err := json.Unmarshal([]byte(a.body), &l); err != nil {
		t.Fatal(err)
	}
	if l.Count != 2 || len(l.Items) != 2 {
		t.Fatalf("listing %s", a.body)
	}
	keys := map[string]bool{l.Items[0].Key: true, l.Items[1].Key: true}
	if !keys["a"] || !keys["b"] || l.Items[0].Size != int64(len(fixture(t, nil))) {
		t.Errorf("listing %+v", l)
	}
	if a := s.do(t, "GET", "", nil, nil); a.status != 200 {
		t.Error(a.status)
	}
}

func TestFileNameRoundTrip(t *testing.T) {
	for _, key := range []string{"abc", "0f8e-1.2", ".hidden", "a/b", "با فاصله", "~x", "x.json", "CON", "nul", "Nul.txt", "com1", "lpt9.x", "ABC", "Abc"} {
		name := FileName(key)
		if strings.ContainsAny(name, "/\\") || strings.HasPrefix(name, ".") {
			t.Errorf("FileName(%q) = %q is not a safe name", key, name)
		}
		got, ok := keyOf(name)
		if !ok || got != key {
			t.Errorf("keyOf(FileName(%q)) = %q, %v", key, got, ok)
		}
	}
}

// Keys that differ only in case, and Windows device names, get names that
// no file system takes for one another or for a device.
func TestFileNamesPortable(t *testing.T) {
	seen := map[string]string{}
	for _, key := range []string{"abc", "ABC", "Abc", "aBc", "con", "CON", "nul", "NUL.json", "com1", "COM1", "lpt3.x", "prn", "aux", "a", "A"} {
		name := strings.ToLower(FileName(key))
		if k, ok := seen[name]; ok {
			t.Errorf("%q and %q both map to %s on a case-insensitive file system", k, key, name)
		}
		seen[name] = key
		dev, _, _ := strings.Cut(name, ".")
		switch dev {
		case "con", "prn", "aux", "nul", "com1", "lpt3":
			t.Errorf("FileName(%q) = %q names a Windows device", key, FileName(key))
		}
	}
	// A key stored by an earlier version under its old name is still held.
	dir := t.TempDir()
	st, err := NewStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Old-Key.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if created, err := st.Put("Old-Key", []byte("{}")); err != nil || created {
		t.Errorf("Put of a key held under its old name: created %v, %v", created, err)
	}
}

// Temporary files that a crash left behind are removed when the store opens;
// recent ones (another receiver may be writing them) are kept.
func TestIncomingLeftoversCleaned(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, ".incoming-123")
	recent := filepath.Join(dir, ".incoming-456")
	for _, f := range []string{old, recent} {
		if err := os.WriteFile(f, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-time.Hour)
	os.Chtimes(old, past, past)
	if _, err := NewStore(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("an hour-old .incoming file is still there")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Error("a fresh .incoming file was removed")
	}
}

// A web page can POST to a receiver on localhost without a preflight
// ("no-cors", a Blob with no type). Such requests carry its Origin, or no
// JSON type: both are refused, the connection closed, nothing stored.
func TestWebPagesRefused(t *testing.T) {
	s := newServer(t, Options{})
	art := fixture(t, nil)
	for _, tc := range []struct {
		origin, ctype string
		status        int
	}{
		{"https://evil.example", "application/json", 403},
		{"http://localhost:3000", "application/json", 403},
		{"null", "application/json", 403},
		{"https://evil.example", "", 403},
		{"", "", 415},
		{"", "text/plain;charset=UTF-8", 415},
		{"", "application/x-www-form-urlencoded", 415},
	} {
		req, _ := http.NewRequest("POST", s.URL+"/", bytes.NewReader(art))
		if tc.origin != "" {
			req.Header.Set("Origin", tc.origin)
		}
		if tc.ctype != "" {
			req.Header.Set("Content-Type", tc.ctype)
		}
		resp, err := s.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status || !resp.Close {
			t.Errorf("Origin %q, Content-Type %q: %d (close %v), want %d and the connection closed", tc.origin, tc.ctype, resp.StatusCode, resp.Close, tc.status)
		}
	}
	// The extension's own origin is welcome.
	for _, o := range []string{"chrome-extension://abcdefghijklmnop", "moz-extension://0f8e5a8e-3c1d-4a43"} {
		if a := s.do(t, "POST", "application/json", map[string]string{"Origin": o}, art); a.status != 201 && a.status != 200 {
			t.Errorf("Origin %s: %d %s", o, a.status, a.body)
		}
	}
	if n := len(files(t, s.dir)); n != 1 {
		t.Errorf("%d files, want 1", n)
	}
}

// Beyond MaxUploads at once, an upload is answered 503 with Retry-After
// (and its body is not read).
func TestUploadCap(t *testing.T) {
	dir := t.TempDir()
	h, err := New(Options{Dir: dir, MaxUploads: 1})
	if err != nil {
		t.Fatal(err)
	}
	h.uploads <- struct{}{} // one upload in progress
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/", bytes.NewReader(fixture(t, nil)))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	if rec.Code != 503 || rec.Header().Get("Retry-After") == "" {
		t.Errorf("%d, Retry-After %q; want 503 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	<-h.uploads
	rec = httptest.NewRecorder()
	req = httptest.NewRequest("POST", "/", bytes.NewReader(fixture(t, nil)))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	if rec.Code != 201 {
		t.Errorf("after the upload ended: %d, want 201", rec.Code)
	}
}

// Log lines cannot be forged through the path, and a 500 names no path on
// the server.
func TestLogAndServerErrors(t *testing.T) {
	dir := t.TempDir()
	var log bytes.Buffer
	h, err := New(Options{Dir: dir, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	s := httptest.NewServer(h)
	defer s.Close()
	resp, err := http.Get(s.URL + "/x%0a127.0.0.1%20POST%20/%20-%3E%20201")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if n := strings.Count(log.String(), "\n"); n != 1 {
		t.Errorf("one request logged as %d lines:\n%s", n, log.String())
	}
	// Make storing fail: the directory becomes a file.
	os.RemoveAll(dir)
	os.WriteFile(dir, []byte("x"), 0o644)
	req, _ := http.NewRequest("POST", s.URL+"/", bytes.NewReader(fixture(t, nil)))
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || strings.Contains(string(b), dir) || strings.Contains(string(b), "/") && strings.Contains(string(b), os.TempDir()) {
		t.Errorf("%d %s: want a 500 that names no server path", resp.StatusCode, b)
	}
	if !strings.Contains(log.String(), "incoming") && !strings.Contains(log.String(), dir) {
		t.Errorf("the log should keep the detail: %s", log.String())
	}
}

func FuzzSplitItems(f *testing.F) {
	f.Add("json", []byte(`{"a":1}`))
	f.Add("json", []byte(`[{"a":1},{"b":2}]`))
	f.Add("lines", []byte("{\"a\":1}\n{\"b\":2}\n"))
	f.Add("lines", []byte("{\n"))
	f.Fuzz(func(t *testing.T, format string, body []byte) {
		items, _, err := splitItems(format, body)
		if err != nil {
			return
		}
		for _, it := range items {
			if !json.Valid(it) {
				t.Fatalf("item %q is not valid JSON", it)
			}
		}
	})
}

// FuzzValidate: validating as a stream agrees with validating the whole
// document at once, for any body. (With "blocks" given twice the stream
// checks both, the whole document only the last: it may be stricter.)
func FuzzValidate(f *testing.F) {
	good := fixture(f, nil)
	f.Add(good)
	f.Add(fixture(f, map[string]any{"blocks": []any{map[string]any{"type": "heading", "text": "x"}}}))
	f.Add(fixture(f, map[string]any{"blocks": "x"}))
	f.Add(fixture(f, map[string]any{"word_count": -1, "blocks": []any{}}))
	f.Add([]byte(`{"blocks":[{"type":"list","text":"","items":["a"]}],"blocks":7}`))
	f.Add([]byte(`[1,2]`))
	f.Add([]byte(`{"a":1} {}`))
	f.Add(good[:len(good)/2])
	v, err := NewValidator()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		streamed := v.Validate(raw)
		whole := v.validateWhole(raw)
		if streamed == nil && whole != nil || whole == nil && streamed != nil && bytes.Count(raw, []byte(`"blocks"`)) < 2 {
			t.Fatalf("streamed: %v; whole: %v; body %q", streamed, whole, raw)
		}
	})
}
