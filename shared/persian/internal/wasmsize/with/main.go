// Command with is ../without plus a call of persian.Normalize, for
// measuring the package's WebAssembly size. See ../README.txt.
package main

import (
	"os"
	"strings"

	"golang.org/x/net/html"

	"github.com/barg-app/barg/shared/persian"
)

func main() {
	doc, _ := html.Parse(strings.NewReader(os.Args[0]))
	_ = doc
	s, _ := persian.Normalize(os.Args[0], persian.Options{})
	os.Stdout.WriteString(s)
}
