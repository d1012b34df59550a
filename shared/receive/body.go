package receive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
)

// Body formats a request may carry.
const (
	formatJSON  = "json"  // one article, or a JSON array of items
	formatLines = "lines" // JSON Lines: one item per line
)

// formatOf maps a Content-Type to a body format. A body without one is
// refused: a web page can send a POST without a preflight only with a
// "simple" type (text/plain, a form, or none), so requiring a JSON type
// forces the browser to ask first, and the receiver never says yes (it
// answers no CORS preflight). JSON Lines is accepted under its common names.
func formatOf(contentType string) (string, error) {
	if contentType == "" {
		return "", errors.New("no Content-Type: send application/json or application/x-ndjson")
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", fmt.Errorf("bad Content-Type %q", contentType)
	}
	switch mt {
	case "application/json":
		return formatJSON, nil
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines":
		return formatLines, nil
	}
	return "", fmt.Errorf("unsupported Content-Type %q: send application/json or application/x-ndjson", mt)
}

// splitItems splits a body into the raw JSON of each item, as slices of
// body (no copies). batch reports whether the body was an array or JSON
// Lines (which number their items) rather than a single article. Items are
// checked to be JSON objects here; what they hold is checked by the
// Validator.
func splitItems(format string, body []byte) (items [][]byte, batch bool, err error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, false, errors.New("empty body")
	}
	if format == formatLines {
		return splitLines(body)
	}
	switch trimmed[0] {
	case '{':
		if !json.Valid(trimmed) {
			return nil, false, fmt.Errorf("body is not valid JSON: %v", syntaxError(trimmed))
		}
		return [][]byte{trimmed}, false, nil
	case '[':
		items, err := splitArray(trimmed)
		if err != nil {
			return nil, true, fmt.Errorf("body is not a valid JSON array: %v", err)
		}
		return items, true, nil
	}
	return nil, false, errors.New("body is neither a JSON object nor a JSON array")
}

// splitArray returns the members of the JSON array b as slices of b,
// walking it token by token (memory stays that of the largest string).
func splitArray(b []byte) ([][]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return nil, syntaxError(b)
	}
	var items [][]byte
	for dec.More() {
		start := dec.InputOffset()
		if err := skipValue(dec); err != nil {
			return nil, syntaxError(b)
		}
		items = append(items, trimSep(b[start:dec.InputOffset()]))
	}
	if _, err := dec.Token(); err != nil { // ']'
		return nil, syntaxError(b)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("unexpected data after the JSON value at offset %d", dec.InputOffset())
	}
	return items, nil
}

// skipValue consumes one JSON value from dec, token by token.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// trimSep trims the separators that a Decoder leaves before a value.
func trimSep(b []byte) []byte {
	return bytes.TrimLeft(b, " \t\r\n,:")
}

func splitLines(body []byte) ([][]byte, bool, error) {
	var items [][]byte
	for n := 1; len(body) > 0; n++ {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if line[0] != '{' || !json.Valid(line) {
			return nil, true, fmt.Errorf("line %d is not a JSON object", n)
		}
		items = append(items, line)
	}
	if len(items) == 0 {
		return nil, true, errors.New("empty body")
	}
	return items, true, nil
}

// syntaxError describes why b is not valid JSON, with the byte offset.
func syntaxError(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	err := skipValue(dec)
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			return fmt.Errorf("unexpected data after the JSON value at offset %d", dec.InputOffset())
		}
		return errors.New("invalid JSON")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%v (at offset %d)", se, se.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return errors.New("unexpected end of JSON")
	}
	return err
}

// envelope reads the item of a batch: either an article, or the envelope
// {"capture_id": "…", "article": {…}} that gives the article its own
// idempotency key (what the extension sends in batches). It returns the
// article's bytes (a slice of item) and the key, "" for a bare article.
func envelope(item []byte) (article []byte, key string, err error) {
	dec := json.NewDecoder(bytes.NewReader(item))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, "", errors.New("not a JSON object")
	}
	var art []byte
	hasKey := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, "", err
		}
		switch t {
		case "capture_id":
			t, err := dec.Token()
			s, ok := t.(string)
			if err != nil || !ok {
				return nil, "", errors.New("capture_id is not a string")
			}
			key, hasKey = s, true
		case "article":
			start := dec.InputOffset()
			if err := skipValue(dec); err != nil {
				return nil, "", err
			}
			art = trimSep(item[start:dec.InputOffset()])
		default:
			return item, "", nil // an article (or something the validator refuses)
		}
	}
	if art == nil {
		if hasKey {
			return nil, "", errors.New("an envelope with capture_id but no article")
		}
		return item, "", nil
	}
	if !hasKey {
		return nil, "", errors.New("an envelope with an article but no capture_id")
	}
	if err := checkKey(key); err != nil {
		return nil, "", fmt.Errorf("capture_id: %v", err)
	}
	return art, key, nil
}
