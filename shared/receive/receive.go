// Package receive is the HTTP receiver for the extension's uploads: it
// accepts articles one per request, as a JSON array or as JSON Lines,
// checks an optional bearer token, validates every article against the
// article JSON Schema, and stores each exactly once under its idempotency
// key. It is native-only code (cmd/barg receive), never compiled to wasm.
//
// It is meant to face a browser full of other people's pages: a request
// that carries a web page's Origin, or no JSON Content-Type (which a page
// could send without the browser asking first), is refused before its body
// is read, and the connection closed. Uploads run a few at a time
// (Options.MaxUploads, 503 with Retry-After beyond), each validated as it
// is read, so memory stays bounded.
package receive

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultMaxBody is the default limit on a request body: 32 MiB.
const DefaultMaxBody = 32 << 20

// DefaultMaxUploads is how many uploads are read and stored at once unless
// Options.MaxUploads says otherwise. Each holds its body in memory (up to
// MaxBody) while it is validated; validating is CPU work, so more at once
// would not go faster on a small machine.
const DefaultMaxUploads = 2

// MemoryLimit is the soft memory limit that cmd/barg receive sets
// (runtime/debug.SetMemoryLimit): near it, the collector runs as often as
// it must, rather than letting the heap grow to twice what is live.
const MemoryLimit = 192 << 20

// retryAfter is what a 503 tells the client to wait, in seconds.
const retryAfter = "2"

// Options configure a Handler.
type Options struct {
	Dir        string    // where articles are stored (created if missing)
	Token      string    // if set, requests must carry "Authorization: Bearer <Token>"
	MaxBody    int64     // request body limit in bytes; 0 means DefaultMaxBody
	MaxUploads int       // uploads handled at once; 0 means DefaultMaxUploads
	Log        io.Writer // one line per request (never header values); nil for none
}

// Handler serves the receiver:
//
//	POST or PUT (any path)  store the article(s) in the body
//	GET /                   list what is stored (JSON)
type Handler struct {
	store    *Store
	validate *Validator
	token    string
	maxBody  int64
	uploads  chan struct{} // a semaphore: one token per upload in progress
	log      io.Writer
}

// New returns a Handler storing into opts.Dir.
func New(opts Options) (*Handler, error) {
	st, err := NewStore(opts.Dir)
	if err != nil {
		return nil, err
	}
	v, err := NewValidator()
	if err != nil {
		return nil, err
	}
	max := opts.MaxBody
	if max <= 0 {
		max = DefaultMaxBody
	}
	n := opts.MaxUploads
	if n <= 0 {
		n = DefaultMaxUploads
	}
	return &Handler{store: st, validate: v, token: opts.Token, maxBody: max, uploads: make(chan struct{}, n), log: opts.Log}, nil
}

// Stored reports what happened to one article of a request.
type Stored struct {
	Key     string `json:"key"`
	File    string `json:"file"`
	Created bool   `json:"created"` // false: the key was already held
}

// Listing is the answer to GET /.
type Listing struct {
	Count int     `json:"count"`
	Items []Entry `json:"items"`
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	status, n, detail := h.serve(w, r)
	if h.log != nil {
		// Quoted: a path is the client's text, and "%0a" in it must not
		// start a line of its own in the log.
		line := fmt.Sprintf("%s %s %q -> %d (%d article(s))", r.RemoteAddr, r.Method, r.URL.Path, status, n)
		if detail != "" {
			line += " " + strconv.Quote(detail)
		}
		fmt.Fprintln(h.log, line)
	}
}

// serve answers r; detail is what the log says about a server error that
// the answer does not (it may name paths on the server).
func (h *Handler) serve(w http.ResponseWriter, r *http.Request) (status, articles int, detail string) {
	if o := r.Header.Get("Origin"); o != "" && webOrigin(o) {
		return refuse(w, http.StatusForbidden, "requests from web pages are refused"), 0, ""
	}
	if !h.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="barg"`)
		return refuse(w, http.StatusUnauthorized, "missing or wrong bearer token"), 0, ""
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		if r.URL.Path != "/" {
			return fail(w, http.StatusNotFound, "not found: GET / lists the stored articles"), 0, ""
		}
		entries, err := h.store.List()
		if err != nil {
			return fail(w, http.StatusInternalServerError, "cannot list the stored articles (see the receiver's log)"), 0, err.Error()
		}
		return reply(w, http.StatusOK, Listing{Count: len(entries), Items: entries}), 0, ""
	case http.MethodPost, http.MethodPut:
		return h.receive(w, r)
	}
	w.Header().Set("Allow", "GET, HEAD, POST, PUT")
	return refuse(w, http.StatusMethodNotAllowed, "method not allowed: use POST or PUT to upload, GET to list"), 0, ""
}

// webOrigin reports an Origin header that names a web page (http, https,
// or the "null" of sandboxed and file pages), as opposed to a browser
// extension's own (chrome-extension://, moz-extension://, …).
func webOrigin(o string) bool {
	if o == "null" {
		return true
	}
	u, err := url.Parse(o)
	if err != nil {
		return true
	}
	switch strings.ToLower(u.Scheme) {
	case "chrome-extension", "moz-extension", "safari-web-extension", "ms-browser-extension":
		return false
	}
	return true
}

func (h *Handler) authorized(r *http.Request) bool {
	if h.token == "" {
		return true
	}
	// The scheme is case-insensitive (RFC 9110, section 11.1).
	scheme, got, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	return ok && strings.EqualFold(scheme, "Bearer") &&
		subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(h.token)) == 1
}

func (h *Handler) receive(w http.ResponseWriter, r *http.Request) (int, int, string) {
	format, err := formatOf(r.Header.Get("Content-Type"))
	if err != nil {
		return refuse(w, http.StatusUnsupportedMediaType, err.Error()), 0, ""
	}
	key := r.Header.Get("Idempotency-Key")
	if _, present := r.Header["Idempotency-Key"]; present {
		if err := checkKey(key); err != nil {
			return refuse(w, http.StatusBadRequest, "Idempotency-Key: "+err.Error()), 0, ""
		}
	}
	if r.ContentLength > h.maxBody {
		return refuse(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", h.maxBody)), 0, ""
	}
	select {
	case h.uploads <- struct{}{}:
		defer func() { <-h.uploads }()
	default:
		w.Header().Set("Retry-After", retryAfter)
		return refuse(w, http.StatusServiceUnavailable, "too many uploads at once: retry later"), 0, ""
	}
	body, err := readBody(w, r, h.maxBody)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return refuse(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", h.maxBody)), 0, ""
		}
		return refuse(w, http.StatusBadRequest, "cannot read the body: "+err.Error()), 0, ""
	}
	items, batch, err := splitItems(format, body)
	if err != nil {
		return fail(w, http.StatusBadRequest, err.Error()), 0, ""
	}
	// Validate everything before storing anything: a batch is all or nothing.
	keys := make([]string, len(items))
	for i, item := range items {
		art := item
		var own string
		if batch {
			if art, own, err = envelope(item); err != nil {
				return fail(w, http.StatusBadRequest, itemName(batch, i)+err.Error()), len(items), ""
			}
			items[i] = art
		}
		if err := h.validate.Validate(art); err != nil {
			return fail(w, http.StatusBadRequest, itemName(batch, i)+"article "+err.Error()), len(items), ""
		}
		switch {
		case own != "":
			keys[i] = own // the item's own capture id
		case key != "" && !batch:
			keys[i] = key
		default:
			// No key of its own (a batch's Idempotency-Key names the
			// request, not its items): the article's bytes are its identity.
			keys[i] = bodyKey(art)
		}
	}
	out := make([]Stored, len(items))
	status := http.StatusOK
	for i, art := range items {
		created, err := h.store.Put(keys[i], art)
		if err != nil {
			return fail(w, http.StatusInternalServerError, itemName(batch, i)+"cannot store the article (see the receiver's log)"), len(items), err.Error()
		}
		if created {
			status = http.StatusCreated
		}
		out[i] = Stored{Key: keys[i], File: FileName(keys[i]), Created: created}
	}
	return reply(w, status, struct {
		Stored []Stored `json:"stored"`
	}{out}), len(items), ""
}

// readBody reads the whole body, up to max bytes, into a buffer of the
// announced size when there is one (growing a buffer doubles it).
func readBody(w http.ResponseWriter, r *http.Request, max int64) ([]byte, error) {
	body := http.MaxBytesReader(w, r.Body, max)
	if r.ContentLength > 0 && r.ContentLength <= max {
		buf := make([]byte, r.ContentLength)
		if _, err := io.ReadFull(body, buf); err != nil {
			return nil, err
		}
		return buf, nil
	}
	return io.ReadAll(body)
}

func itemName(batch bool, i int) string {
	if !batch {
		return ""
	}
	return "item " + strconv.Itoa(i) + ": "
}

// bodyKey is the key of an article sent with no key of its own: a hash of
// its bytes, so that the same capture sent twice is stored once and
// anything else is stored anew. (It used to be the canonical URL and the
// capture time, to the second: two pages captured in one run of the CLI
// became one file.)
func bodyKey(raw []byte) string {
	sum := sha256.Sum256(raw)
	return "sha256-" + hex.EncodeToString(sum[:16])
}

// refuse answers with an error and closes the connection afterwards, so
// that a refused client cannot keep it (and a file descriptor) by sending
// a body slowly: "Connection: close" alone is not enough, as the server
// still reads what is left of the body before closing; a read deadline
// already past ends that read.
func refuse(w http.ResponseWriter, status int, reason string) int {
	w.Header().Set("Connection", "close")
	status = fail(w, status, reason)
	rc := http.NewResponseController(w)
	rc.Flush()
	rc.SetReadDeadline(time.Now()) // not supported by test recorders: no matter
	return status
}

func fail(w http.ResponseWriter, status int, reason string) int {
	return reply(w, status, struct {
		Error string `json:"error"`
	}{reason})
}

func reply(w http.ResponseWriter, status int, v any) int {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":"cannot encode the answer"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
	return status
}
