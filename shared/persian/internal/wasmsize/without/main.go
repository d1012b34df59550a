// Command without is the baseline for measuring what package persian adds
// to a WebAssembly build: it uses x/net/html, as the product does, and not
// package persian. See ../with and the script in ../README.txt.
package main

import (
	"os"
	"strings"

	"golang.org/x/net/html"
)

func main() {
	doc, _ := html.Parse(strings.NewReader(os.Args[0]))
	_ = doc
	os.Stdout.WriteString(strings.ToUpper(os.Args[0]))
}
