// Command barg captures articles from the command line: the same extractor
// as the browser extension, run natively.
//
//	barg extract [-url URL] [-pretty] FILE|URL|- ...   print article JSON
//	barg extract -rules RULES.json -template T.tmpl …   with site rules, as a filled template
//	barg normalize [flags] < text                      normalize Persian text
//	barg receive -addr HOST:PORT -dir DIR              receive uploads from the extension
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

const usage = `usage: barg <command> [flags] [args]

commands:
  extract    extract articles from HTML files, URLs or standard input (-), as JSON
  normalize  normalize Persian text read on standard input, line for line
  receive    run an HTTP receiver that stores the extension's uploads
  version    print the version

Run 'barg <command> -h' for a command's flags.
`

// errSilent reports failure after the command already explained it.
var errSilent = errors.New("")

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "extract":
		err = runExtract(args[1:], stdin, stdout, stderr)
	case "normalize":
		err = runNormalize(args[1:], stdin, stdout, stderr)
	case "receive":
		err = runReceive(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "barg", version())
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "barg: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case err != errSilent:
		fmt.Fprintln(stderr, "barg:", err)
	}
	return 1
}

// errUsage reports bad flags or arguments (already printed by the flag set).
var errUsage = errors.New("usage")
