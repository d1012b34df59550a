package main

import (
	"errors"
	"io"
)

// runNormalize implements 'barg normalize'. (Placeholder until issue 4 lands.)
func runNormalize(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("normalize: not built yet")
}
