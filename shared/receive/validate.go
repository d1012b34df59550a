package receive

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/barg-app/barg/shared/article"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Validator checks articles against the article JSON Schema.
type Validator struct {
	schema  *jsonschema.Schema
	printer *message.Printer // the library's messages, in English
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
	return &Validator{schema: s, printer: message.NewPrinter(language.English)}, nil
}

// Validate reports why raw is not a valid article, or nil. The reason names
// the offending place in the document (a JSON pointer) and what is wrong.
func (v *Validator) Validate(raw []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("not valid JSON: %v", err)
	}
	err = v.schema.Validate(doc)
	if err == nil {
		return nil
	}
	if ve, ok := err.(*jsonschema.ValidationError); ok {
		return fmt.Errorf("does not match the article schema: %s", v.reason(ve))
	}
	return err
}

// reason flattens a validation error into one line: the deepest causes,
// each as "at /pointer: message".
func (v *Validator) reason(ve *jsonschema.ValidationError) string {
	var parts []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			loc := "/" + strings.Join(e.InstanceLocation, "/")
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
