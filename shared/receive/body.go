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
	formatJSON  = "json"  // one article, or a JSON array of articles
	formatLines = "lines" // JSON Lines: one article per line
)

// formatOf maps a Content-Type to a body format. JSON Lines is accepted under
// its common names.
func formatOf(contentType string) (string, error) {
	if contentType == "" {
		return formatJSON, nil
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

// splitItems splits a body into the raw JSON of each article, without
// changing their bytes. batch reports whether the body was an array or JSON
// Lines (which number their items) rather than a single article.
func splitItems(format string, body []byte) (items []json.RawMessage, batch bool, err error) {
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
		return []json.RawMessage{trimmed}, false, nil
	case '[':
		if err := json.Unmarshal(trimmed, &items); err != nil {
			return nil, true, fmt.Errorf("body is not a valid JSON array: %v", syntaxError(trimmed))
		}
		return items, true, nil
	}
	return nil, false, errors.New("body is neither a JSON object nor a JSON array")
}

func splitLines(body []byte) ([]json.RawMessage, bool, error) {
	var items []json.RawMessage
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
		items = append(items, json.RawMessage(line))
	}
	if len(items) == 0 {
		return nil, true, errors.New("empty body")
	}
	return items, true, nil
}

// syntaxError describes why b is not valid JSON, with the byte offset.
func syntaxError(b []byte) error {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	err := dec.Decode(&v)
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
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("unexpected end of JSON")
	}
	return err
}
