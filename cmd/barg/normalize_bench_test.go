package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the CPU time the process has used: on a machine shared
// with other jobs, MB per CPU second is the steadier figure.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// newsLines returns about 8 MB of the kit's news sentences with their
// ZWNJs deleted, one sentence a line, as the CLI is given them.
func newsLines(b *testing.B) []byte {
	data, err := os.ReadFile("../../../shared/corpus/persian/ntrex128-fas-news.txt")
	if err != nil {
		b.Skip("skipped: ../shared is missing")
	}
	s := strings.ReplaceAll(string(data), "\u200c", "")
	return []byte(strings.Repeat(s, 8<<20/len(s)+1)[:8<<20])
}

// benchCLI runs 'barg normalize' (runNormalize: reading, normalizing line
// by line, writing) over in, and reports MB per CPU second.
func benchCLI(b *testing.B, in []byte, run func(io.Reader, io.Writer) error) {
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for b.Loop() {
		if err := run(bytes.NewReader(in), io.Discard); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(len(in)*n)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}

// BenchmarkCLINormalizeNews is 'barg normalize' on 8 MB of ZWNJ-deleted
// news sentences, line by line.
func BenchmarkCLINormalizeNews(b *testing.B) {
	in := newsLines(b)
	benchCLI(b, in, func(r io.Reader, w io.Writer) error { return runNormalize(nil, r, w, io.Discard) })
}

// BenchmarkCLIPeerReplacer is the peer on the same path: the same reading
// and writing, each line through a strings.Replacer that maps only Arabic
// yeh and kaf to Persian (the letter-only normalization many tools stop at).
func BenchmarkCLIPeerReplacer(b *testing.B) {
	in := newsLines(b)
	rep := strings.NewReplacer("ي", "ی", "ى", "ی", "ك", "ک")
	benchCLI(b, in, func(r io.Reader, w io.Writer) error {
		return eachLine(r, w, func(dst, line []byte) []byte { return append(dst, rep.Replace(string(line))...) })
	})
}
