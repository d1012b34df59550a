//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains itself when the bridge is built for the wrong platform; the
// package's other files build natively so that their tests run with go test.
func main() {
	fmt.Fprintln(os.Stderr, "wasm: build with GOOS=js GOARCH=wasm (see build.sh)")
	os.Exit(2)
}
