package receive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/barg-app/barg/shared/article"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Validator checks articles against the article JSON Schema.
//
// It validates as it reads: the article's blocks, which hold nearly all of
// its bytes, are decoded and checked one at a time against the schema of a
// block, and the rest of the article (with no blocks) against the schema of
// the article. Decoding a whole article into generic values first made one
// 10 MB body of small blocks peak at 237 MB.
type Validator struct {
	schema  *jsonschema.Schema // the article
	block   *jsonschema.Schema // one of its blocks
	printer *message.Printer   // the library's messages, in English
}

// NewValidator compiles the schema embedded in package article.
func NewValidator() (*Validator, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(article.SchemaJSON))
	if err != nil {
		return nil, fmt.Errorf("article schema: %w", err)
	}
	const loc = "barg.article-1.json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(loc, doc); err != nil {
		return nil, fmt.Errorf("article schema: %w", err)
	}
	s, err := c.Compile(loc)
	if err != nil {
		return nil, fmt.Errorf("article schema: %w", err)
	}
	b, err := c.Compile(loc + "#/$defs/block")
	if err != nil {
		return nil, fmt.Errorf("article schema: %w", err)
	}
	return &Validator{schema: s, block: b, printer: message.NewPrinter(language.English)}, nil
}

// Validate reports why raw is not a valid article, or nil. The reason names
// the offending place in the document (a JSON pointer) and what is wrong.
func (v *Validator) Validate(raw []byte) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // as jsonschema.UnmarshalJSON does
	if t, err := dec.Token(); err != nil {
		return notJSON(err)
	} else if t != json.Delim('{') {
		return v.validateWhole(raw) // not an object: let the schema say so
	}
	meta := map[string]any{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return notJSON(err)
		}
		key := t.(string) // object keys are strings
		if key != "blocks" {
			var val any
			if err := dec.Decode(&val); err != nil {
				return notJSON(err)
			}
			meta[key] = val
			continue
		}
		if !bytes.HasPrefix(bytes.TrimLeft(raw[dec.InputOffset():], " \t\r\n:"), []byte("[")) {
			var val any // not an array: the article's schema says what is wrong
			if err := dec.Decode(&val); err != nil {
				return notJSON(err)
			}
			meta[key] = val
			continue
		}
		dec.Token() // '['
		for i := 0; dec.More(); i++ {
			var b any
			if err := dec.Decode(&b); err != nil {
				return notJSON(err)
			}
			if err := v.block.Validate(b); err != nil {
				return v.schemaError(err, "/blocks/"+strconv.Itoa(i))
			}
		}
		if _, err := dec.Token(); err != nil { // ']'
			return notJSON(err)
		}
		meta[key] = []any{}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return notJSON(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("not valid JSON: data after the article")
	}
	if err := v.schema.Validate(meta); err != nil {
		return v.schemaError(err, "")
	}
	return nil
}

func (v *Validator) validateWhole(raw []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return notJSON(err)
	}
	if err := v.schema.Validate(doc); err != nil {
		return v.schemaError(err, "")
	}
	return nil
}

func notJSON(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("not valid JSON: %v", err)
}

func (v *Validator) schemaError(err error, prefix string) error {
	if ve, ok := err.(*jsonschema.ValidationError); ok {
		return fmt.Errorf("does not match the article schema: %s", v.reason(ve, prefix))
	}
	return err
}

// reason flattens a validation error into one line: the deepest causes,
// each as "at /pointer: message", the pointer under prefix.
func (v *Validator) reason(ve *jsonschema.ValidationError, prefix string) string {
	var parts []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			loc := prefix + "/" + strings.Join(e.InstanceLocation, "/")
			parts = append(parts, "at "+loc+": "+e.ErrorKind.LocalizedString(v.printer))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	if len(parts) > 5 {
		parts = append(parts[:5], fmt.Sprintf("and %d more", len(parts)-5))
	}
	return strings.Join(parts, "; ")
}
