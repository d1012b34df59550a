package e2e

// The upload tests' endpoint: an HTTP server on 127.0.0.1 that records every
// request, answers from a script first (500, 429, a slow answer, a
// redirect…) and otherwise forwards to a real `barg receive` process, which
// checks the token, validates the article against the schema and stores it
// once per idempotency key. It can be taken down (connections refused) and
// brought back on the same port.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// received is one request the endpoint saw.
type received struct {
	At     time.Time
	Method string
	Path   string
	Header http.Header
	Body   []byte
	Status int       // what the endpoint answered
	Done   time.Time // when it had answered
}

// Key is the request's Idempotency-Key.
func (r received) Key() string { return r.Header.Get("Idempotency-Key") }

// reply answers one request instead of the receiver; it returns the status
// it wrote.
type reply func(e *endpoint, w http.ResponseWriter, r *http.Request, body []byte) int

// answer replies with status, the headers (name, value pairs) and body.
func answer(status int, body string, header ...string) reply {
	return func(_ *endpoint, w http.ResponseWriter, _ *http.Request, _ []byte) int {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
		return status
	}
}

// slowly waits d before forwarding to the receiver: past the client's
// timeout, the request is still stored, as a slow real server would.
func slowly(d time.Duration) reply {
	return func(e *endpoint, w http.ResponseWriter, r *http.Request, body []byte) int {
		time.Sleep(d)
		return e.forward(w, r, body)
	}
}

type endpoint struct {
	t       testing.TB
	addr    string // 127.0.0.1:PORT, the same across Down and Up
	recvURL string // the barg receive process
	recvDir string
	token   string

	mu     sync.Mutex
	reqs   []received
	script []reply
	srv    *http.Server
}

// newEndpoint starts `barg receive` (built from this repository) with the
// bearer token and an endpoint in front of it; both stop when the test ends.
func newEndpoint(t testing.TB, token string) *endpoint {
	t.Helper()
	e := &endpoint{t: t, token: token, recvDir: filepath.Join(t.TempDir(), "captures")}
	e.startReceiver()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e.addr = ln.Addr().String()
	e.serve(ln)
	t.Cleanup(e.Down)
	return e
}

// URL is the endpoint's base URL.
func (e *endpoint) URL() string { return "http://" + e.addr }

// cli is the barg command built from this repository, once per test run
// (into a temporary directory of its own, left for the system to clean).
var cli struct {
	once sync.Once
	path string
	err  error
}

func bargCLI(t testing.TB) string {
	t.Helper()
	cli.once.Do(func() {
		dir, err := os.MkdirTemp("", "barg-e2e-cli-")
		if err != nil {
			cli.err = err
			return
		}
		cli.path = filepath.Join(dir, "barg")
		build := exec.Command("go", "build", "-o", cli.path, "./cmd/barg")
		build.Dir = repoRoot(t)
		if out, err := build.CombinedOutput(); err != nil {
			cli.err = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if cli.err != nil {
		t.Fatalf("building cmd/barg: %v", cli.err)
	}
	return cli.path
}

// startReceiver builds cmd/barg and runs `barg receive` on a free port.
func (e *endpoint) startReceiver() {
	t := e.t
	bin := bargCLI(t)
	// The token goes in the environment: barg receive takes none on its command line.
	cmd := exec.Command(bin, "receive", "-addr", "127.0.0.1:0", "-dir", e.recvDir, "-q")
	cmd.Env = append(os.Environ(), "BARG_RECEIVE_TOKEN="+e.token)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("barg receive did not start: %v", err)
	}
	// "barg receive: listening on http://127.0.0.1:PORT, storing in …"
	_, rest, ok := strings.Cut(line, "listening on ")
	url, _, ok2 := strings.Cut(rest, ",")
	if !ok || !ok2 {
		t.Fatalf("unexpected first line from barg receive: %q", line)
	}
	e.recvURL = url
}

func (e *endpoint) serve(ln net.Listener) {
	srv := &http.Server{Handler: e}
	e.mu.Lock()
	e.srv = srv
	e.mu.Unlock()
	go srv.Serve(ln)
}

// Down closes the endpoint: connections to its port are refused.
func (e *endpoint) Down() {
	e.mu.Lock()
	srv := e.srv
	e.srv = nil
	e.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
}

// Up opens the endpoint again on the same port.
func (e *endpoint) Up() {
	e.t.Helper()
	var ln net.Listener
	var err error
	for i := 0; i < 50; i++ {
		if ln, err = net.Listen("tcp", e.addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		e.t.Fatalf("reopening the endpoint on %s: %v", e.addr, err)
	}
	e.serve(ln)
}

// Script queues replies for the next requests; later requests go to the receiver.
func (e *endpoint) Script(rs ...reply) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.script = append(e.script, rs...)
}

// Requests returns the requests seen so far, in order.
func (e *endpoint) Requests() []received {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]received(nil), e.reqs...)
}

// Uploads returns the requests that carried articles (not the settings page's connection test).
func (e *endpoint) Uploads() []received {
	var out []received
	for _, r := range e.Requests() {
		if r.Key() != "barg-connection-test" {
			out = append(out, r)
		}
	}
	return out
}

func (e *endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	e.mu.Lock()
	i := len(e.reqs)
	e.reqs = append(e.reqs, received{At: time.Now(), Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	var next reply
	if len(e.script) > 0 {
		next, e.script = e.script[0], e.script[1:]
	}
	e.mu.Unlock()
	var status int
	if next != nil {
		status = next(e, w, r, body)
	} else {
		status = e.forward(w, r, body)
	}
	e.mu.Lock()
	e.reqs[i].Status = status
	e.reqs[i].Done = time.Now()
	e.mu.Unlock()
}

// forward passes the request to the receiver and its answer back.
func (e *endpoint) forward(w http.ResponseWriter, r *http.Request, body []byte) int {
	req, err := http.NewRequest(r.Method, e.recvURL+r.URL.Path, bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return http.StatusBadGateway
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return http.StatusBadGateway
	}
	defer resp.Body.Close()
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
	return resp.StatusCode
}

// storedEntry is one article the receiver holds.
type storedEntry struct {
	Key  string `json:"key"`
	File string `json:"file"`
}

// Stored lists what the receiver holds (GET /).
func (e *endpoint) Stored() []storedEntry {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.recvURL+"/", nil)
	req.Header.Set("Authorization", "Bearer "+e.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("listing the receiver: %v", err)
	}
	defer resp.Body.Close()
	var l struct {
		Items []storedEntry `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&l); err != nil {
		e.t.Fatalf("listing the receiver: %v", err)
	}
	return l.Items
}

// StoredArticle reads the article the receiver stored under key.
func (e *endpoint) StoredArticle(entry storedEntry) []byte {
	e.t.Helper()
	b, err := os.ReadFile(filepath.Join(e.recvDir, entry.File))
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// countingServer is a server on 127.0.0.1 that answers 200 to everything
// and counts the requests it gets.
func countingServer(t testing.TB) (url string, count func() int) {
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() int {
		mu.Lock()
		defer mu.Unlock()
		return n
	}
}

// articlePage is an original test article (n makes it distinct).
func articlePage(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour notes %[1]d</title>
<meta property="og:title" content="Harbour notes %[1]d">
<meta property="og:site_name" content="Test Harbour">
<meta property="article:published_time" content="2026-11-2%[1]dT08:00:00Z">
</head><body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<main><article><h1>Harbour notes %[1]d</h1>
<p class="byline">By Sam Rowe</p>
`, n)
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&b, "<p>Entry %d of report %d. The morning ferry left the eastern pier on time, carrying "+
			"commuters, two bicycles and a crate of oranges, while the harbour master logged the tide, "+
			"the wind from the south-west and a fishing boat returning early with its nets still dry.</p>\n", i, n)
	}
	b.WriteString("</article></main><footer>Test Harbour</footer></body></html>\n")
	return b.String()
}
