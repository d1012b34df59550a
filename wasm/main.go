//go:build js && wasm

// Command wasm is the bridge between the extension's JavaScript and the Go
// packages under shared/. It registers bargExtract on the global object,
//
//	bargExtract(html, url, optionsJSON) → Promise<string>
//
// which resolves with the article as JSON, or rejects with an Error whose
// message a person can read and whose code names the failure (see errorCode),
// and the site rule and template functions of tools_js.go. Once they are
// registered it calls globalThis.bargReady(), if the
// page defined it, and then blocks forever: a Go program that returns stops
// answering its exported functions.
//
// The bridge keeps no state between calls: everything that must survive the
// background's restart lives in the extension's storage.
package main

import (
	"errors"
	"runtime/debug"
	"syscall/js"
	"time"

	"github.com/barg-app/barg/shared/extract"
	"github.com/barg-app/barg/shared/persian"
)

// GC settings of the bridge. An extraction allocates about 17 bytes per
// byte of page (2.9 MB for the 166 KB latency page) on a live heap of a few
// MB, so the default GOGC=100 collected once or twice per extraction, and a
// collection in wasm is slow: with 400, 5-10% less time per extraction
// (bench/wasm/pairs.cjs). The memory limit keeps huge pages (up to
// extract.DefaultMaxBytes) from growing the heap five times over their
// live size: near it the collector runs as often as it needs. It is low
// because a wasm module's memory never shrinks: what one huge page takes
// stays with the background until the browser stops it.
const (
	gcPercent   = 400
	memoryLimit = 256 << 20
)

func main() {
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memoryLimit)
	lexErr := loadLexicon()
	extractFn := js.FuncOf(bargExtract)
	js.Global().Set("bargExtract", extractFn)
	registerTools() // site rules and templates (tools_js.go)
	if ready := js.Global().Get("bargReady"); ready.Type() == js.TypeFunction {
		if lexErr != nil {
			ready.Invoke(lexErr.Error())
		} else {
			ready.Invoke()
		}
	}
	select {}
}

// loadLexicon hands the Persian lexicon image that the page put in
// globalThis.bargLexicon (a Uint8Array, see extension/background/engine.js)
// to the normalizer, and removes it from the global object. Without it Go
// still extracts, but restores no ZWNJ: the error says so, for bargReady.
func loadLexicon() error {
	g := js.Global()
	v := g.Get("bargLexicon")
	g.Delete("bargLexicon")
	if v.Type() != js.TypeObject || v.Get("byteLength").Type() != js.TypeNumber {
		return errors.New("no Persian lexicon was given (globalThis.bargLexicon): ZWNJs are not restored")
	}
	img := make([]byte, v.Get("byteLength").Int())
	js.CopyBytesToGo(img, v)
	if err := persian.LoadLexiconImage(img); err != nil {
		return errors.New("the Persian lexicon did not load: " + err.Error())
	}
	return nil
}

// bargExtract is the JavaScript entry point. It never blocks: it copies its
// arguments, returns a Promise and does the work in a goroutine, because a
// js.FuncOf callback that waits would deadlock the Go program.
func bargExtract(this js.Value, args []js.Value) any {
	var page, pageURL, optsJSON string
	if len(args) > 0 && args[0].Type() == js.TypeString {
		page = args[0].String()
	}
	if len(args) > 1 && args[1].Type() == js.TypeString {
		pageURL = args[1].String()
	}
	if len(args) > 2 && args[2].Type() == js.TypeString {
		optsJSON = args[2].String()
	}
	return newPromise(func(resolve, reject js.Value) {
		out, err := run(page, pageURL, optsJSON, yielder())
		if err != nil {
			reject.Invoke(jsError(err))
			return
		}
		resolve.Invoke(string(out))
	})
}

// yieldEvery is the longest an extraction keeps the JavaScript event loop
// waiting: Go in js/wasm runs on the page's (here the background's) only
// thread, and gives it back only when every goroutine is blocked.
const yieldEvery = 25 * time.Millisecond

// yielder returns the Pause function of one extraction: once yieldEvery has
// passed since the last time, it sleeps for a millisecond, which blocks the
// only busy goroutine, so the Go runtime returns to the event loop (with a
// timer set to resume): other messages, captures and uploads are answered
// meanwhile, and the extraction goes on after them.
func yielder() func() {
	last := time.Now()
	return func() {
		if time.Since(last) >= yieldEvery {
			time.Sleep(time.Millisecond)
			last = time.Now()
		}
	}
}

// newPromise returns a JavaScript Promise settled by work, which runs in a
// goroutine of its own.
func newPromise(work func(resolve, reject js.Value)) js.Value {
	var executor js.Func
	executor = js.FuncOf(func(this js.Value, args []js.Value) any {
		resolve, reject := args[0], args[1]
		go func() {
			defer executor.Release()
			defer func() {
				if p := recover(); p != nil {
					reject.Invoke(jsError(errInternal))
				}
			}()
			work(resolve, reject)
		}()
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}

// jsError is err as a JavaScript Error. Its message is the plain sentence of
// the sentinel error when there is one ("no article found on this page"), and
// err.code names the failure.
func jsError(err error) js.Value {
	msg := err.Error()
	for _, s := range []error{extract.ErrNoArticle, extract.ErrTooLarge, extract.ErrTimeout} {
		if errors.Is(err, s) {
			msg = s.Error()
		}
	}
	e := js.Global().Get("Error").New(msg)
	e.Set("code", errorCode(err))
	e.Set("detail", err.Error())
	return e
}
