package article

import _ "embed"

// SchemaJSON is the JSON Schema (draft 2020-12) of the article document.
//
//go:embed schema.json
var SchemaJSON []byte
