// Package receive is the HTTP receiver for the extension's uploads: it
// accepts articles one per request, as a JSON array or as JSON Lines,
// checks an optional bearer token, validates every article against the
// article JSON Schema, and stores each exactly once under its idempotency
// key. It is native-only code (cmd/barg receive), never compiled to wasm.
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
	"strconv"
	"strings"
)

// DefaultMaxBody is the default limit on a request body: 32 MiB.
const DefaultMaxBody = 32 << 20

// Options configure a Handler.
type Options struct {
	Dir     string    // where articles are stored (created if missing)
	Token   string    // if set, requests must carry "Authorization: Bearer <Token>"
	MaxBody int64     // request body limit in bytes; 0 means DefaultMaxBody
	Log     io.Writer // one line per request (never header values); nil for none
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
	return &Handler{store: st, validate: v, token: opts.Token, maxBody: max, log: opts.Log}, nil
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
	status, n := h.serve(w, r)
	if h.log != nil {
		fmt.Fprintf(h.log, "%s %s %s -> %d (%d article(s))\n", r.RemoteAddr, r.Method, r.URL.Path, status, n)
	}
}

func (h *Handler) serve(w http.ResponseWriter, r *http.Request) (status, articles int) {
	if !h.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="barg"`)
		return fail(w, http.StatusUnauthorized, "missing or wrong bearer token"), 0
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		if r.URL.Path != "/" {
			return fail(w, http.StatusNotFound, "not found: GET / lists the stored articles"), 0
		}
		entries, err := h.store.List()
		if err != nil {
			return fail(w, http.StatusInternalServerError, "cannot list the directory: "+err.Error()), 0
		}
		return reply(w, http.StatusOK, Listing{Count: len(entries), Items: entries}), 0
	case http.MethodPost, http.MethodPut:
		return h.receive(w, r)
	}
	w.Header().Set("Allow", "GET, HEAD, POST, PUT")
	return fail(w, http.StatusMethodNotAllowed, "method not allowed: use POST or PUT to upload, GET to list"), 0
}

func (h *Handler) authorized(r *http.Request) bool {
	if h.token == "" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(h.token)) == 1
}

func (h *Handler) receive(w http.ResponseWriter, r *http.Request) (int, int) {
	format, err := formatOf(r.Header.Get("Content-Type"))
	if err != nil {
		return fail(w, http.StatusUnsupportedMediaType, err.Error()), 0
	}
	key := r.Header.Get("Idempotency-Key")
	if _, present := r.Header["Idempotency-Key"]; present {
		if err := checkKey(key); err != nil {
			return fail(w, http.StatusBadRequest, err.Error()), 0
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", h.maxBody)), 0
		}
		return fail(w, http.StatusBadRequest, "cannot read the body: "+err.Error()), 0
	}
	items, batch, err := splitItems(format, body)
	if err != nil {
		return fail(w, http.StatusBadRequest, err.Error()), 0
	}
	// Validate everything before storing anything: a batch is all or nothing.
	keys := make([]string, len(items))
	for i, raw := range items {
		if err := h.validate.Validate(raw); err != nil {
			return fail(w, http.StatusBadRequest, itemName(batch, i)+err.Error()), len(items)
		}
		switch {
		case key != "" && batch:
			keys[i] = key + "." + strconv.Itoa(i)
		case key != "":
			keys[i] = key
		default:
			keys[i] = articleKey(raw)
		}
	}
	out := make([]Stored, len(items))
	status := http.StatusOK
	for i, raw := range items {
		created, err := h.store.Put(keys[i], raw)
		if err != nil {
			return fail(w, http.StatusInternalServerError, itemName(batch, i)+"cannot store: "+err.Error()), len(items)
		}
		if created {
			status = http.StatusCreated
		}
		out[i] = Stored{Key: keys[i], File: FileName(keys[i]), Created: created}
	}
	return reply(w, status, struct {
		Stored []Stored `json:"stored"`
	}{out}), len(items)
}

func itemName(batch bool, i int) string {
	if !batch {
		return "article "
	}
	return "item " + strconv.Itoa(i) + ": article "
}

// articleKey is the key of an article sent without an Idempotency-Key: a
// hash of its canonical URL (else its URL) and its capture time, so that the
// same capture sent twice is stored once and a new capture is stored anew.
func articleKey(raw []byte) string {
	var a struct {
		URL          string `json:"url"`
		CanonicalURL string `json:"canonical_url"`
		CapturedAt   string `json:"captured_at"`
	}
	_ = json.Unmarshal(raw, &a) // already validated
	u := a.CanonicalURL
	if u == "" {
		u = a.URL
	}
	sum := sha256.Sum256([]byte(u + "\n" + a.CapturedAt))
	return "article-" + hex.EncodeToString(sum[:16])
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
