package main

import (
	"errors"
	"io"
)

// runReceive implements 'barg receive'. (Placeholder until issue 6 lands.)
func runReceive(args []string, stdout, stderr io.Writer) error {
	return errors.New("receive: not built yet")
}
