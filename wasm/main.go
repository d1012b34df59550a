//go:build js && wasm

// Command wasm is the bridge between the extension's JavaScript and the Go
// packages under shared/. (Placeholder until issue 5 lands.)
package main

func main() { select {} }
