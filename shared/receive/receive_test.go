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

func TestBatches(t *testing.T) {
	a1 := fixture(t, nil)
	a2 := fixture(t, map[string]any{"url": "https://news.example/2", "canonical_url": "https://news.example/2"})
	tests := []struct {
		name, ctype string
		body        []byte
	}{
		{"array", "application/json", []byte("[" + string(a1) + ",\n  " + string(a2) + "]")},
		{"ndjson", "application/x-ndjson", []byte(string(a1) + "\n\n" + string(a2) + "\n")},
		{"jsonl no final newline", "application/jsonl", []byte(string(a1) + "\r\n" + string(a2))},
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
				got, err := os.ReadFile(filepath.Join(s.dir, fmt.Sprintf("batch-1.%d.json", i)))
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
	for _, auth := range []string{"", "Bearer wrong", "s3cret", "Basic s3cret", "Bearer s3cret2"} {
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
	s := newServer(t, Options{})
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
	for _, key := range []string{"abc", "0f8e-1.2", ".hidden", "a/b", "با فاصله", "~x", "x.json"} {
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
