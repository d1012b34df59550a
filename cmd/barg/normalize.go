package main

import (
	"bufio"
	"flag"
	"io"

	"github.com/barg-app/barg/shared/persian"
)

// runNormalize implements 'barg normalize': it reads UTF-8 text on stdin and
// writes it normalized as Persian on stdout, line for line, so the output
// has as many lines as the input.
func runNormalize(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("normalize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	latin := fs.Bool("latin-digits", false, "write digits as 0-9 instead of Persian digits")
	strip := fs.Bool("strip-diacritics", false, "remove vowel marks and tanwin")
	fs.Usage = func() {
		io.WriteString(stderr, "usage: barg normalize [-latin-digits] [-strip-diacritics] < text\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	opts := persian.Options{StripDiacritics: *strip}
	if *latin {
		opts.Digits = persian.LatinDigits
	}
	// one Normalizer for all lines: its buffers and word memo carry over
	nz := persian.NewNormalizer(opts)
	return eachLine(stdin, stdout, func(dst, line []byte) []byte {
		out, _ := nz.Append(dst, line)
		return out
	})
}

// eachLine writes f of each line of r (line break included) to w; f
// appends its result to dst and returns it. Lines are read into and
// written from reused buffers, so the loop allocates nothing per line.
func eachLine(r io.Reader, w io.Writer, f func(dst, line []byte) []byte) error {
	in := bufio.NewReaderSize(r, 64<<10)
	out := bufio.NewWriterSize(w, 64<<10)
	var long, res []byte // a line longer than in's buffer; f's result
	for {
		line, err := in.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = append(long[:0], line...)
			for err == bufio.ErrBufferFull {
				line, err = in.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if len(line) > 0 {
			res = f(res[:0], line)
			if _, werr := out.Write(res); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	return out.Flush()
}
