package persian

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the CPU time the process has used. The benchmarks report
// throughput per CPU second too (cpu-MB/s), because on a machine shared
// with other jobs the wall-clock MB/s understates it.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs f b.N times and reports MB per CPU second for size bytes per run.
func loop(b *testing.B, size int, f func()) {
	b.SetBytes(int64(size))
	b.ReportAllocs()
	start := cpuTime()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(size*n)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}

// benchText is the package's own sample (testdata/sample-fa.txt, written
// for these benchmarks), repeated to about 64 KiB.
func benchText(b *testing.B) string {
	data, err := os.ReadFile("testdata/sample-fa.txt")
	if err != nil {
		b.Fatal(err)
	}
	return strings.Repeat(string(data), 64<<10/len(data)+1)
}

func BenchmarkNormalize(b *testing.B) {
	s := benchText(b)
	getLexicon() // decode the lexicon outside the timing
	loop(b, len(s), func() { Normalize(s, Options{}) })
}

// BenchmarkNormalizeCorpus runs over the kit's Persian news corpus, with
// its ZWNJs deleted.
func BenchmarkNormalizeCorpus(b *testing.B) {
	data, err := os.ReadFile("../../../shared/corpus/persian/ntrex128-fas-news.txt")
	if err != nil {
		b.Skip("skipped: ../shared is missing")
	}
	s := strings.ReplaceAll(string(data), "\u200c", "")
	getLexicon()
	loop(b, len(s), func() { Normalize(s, Options{}) })
}

// BenchmarkPeerReplacer is the peer: the letter-only normalization many
// tools stop at (Arabic yeh and kaf to Persian), with strings.Replacer.
func BenchmarkPeerReplacer(b *testing.B) {
	s := benchText(b)
	r := strings.NewReplacer("ي", "ی", "ى", "ی", "ك", "ک")
	loop(b, len(s), func() { r.Replace(s) })
}

// BenchmarkLexiconDecode measures the one-time decoding of the embedded
// lexicon.
func BenchmarkLexiconDecode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		data, err := inflate(lexiconData)
		if err != nil {
			b.Fatal(err)
		}
		decodeLexicon(data)
	}
}

// TestPluralSuffixSwitch keeps isPluralSuffix, a switch for speed, the same
// set as pluralSuffixes: it asks of every suffix, its prefixes and it with
// a letter more.
func TestPluralSuffixSwitch(t *testing.T) {
	in := map[string]bool{}
	for _, s := range pluralSuffixes {
		in[s] = true
	}
	for _, s := range pluralSuffixes {
		for _, k := range []string{s, s + "ن", s + "ی", "ی" + s} {
			for n := 2; n <= len(k); n += 2 {
				if got := isPluralSuffix([]byte(k[:n])); got != in[k[:n]] {
					t.Errorf("isPluralSuffix(%q) = %v", k[:n], got)
				}
			}
		}
	}
}

// TestBoundPartsLength keeps true what joinSpaced's shortcut assumes: no
// bound part (isBoundPart) has fewer than three letters.
func TestBoundPartsLength(t *testing.T) {
	var letters []rune
	for c := rune(0x0600); c <= 0x06FF; c++ {
		if isLetter(c) {
			letters = append(letters, c)
		}
	}
	for _, a := range letters {
		if isBoundPart([]byte(string(a))) {
			t.Errorf("isBoundPart(%q) with one letter", string(a))
		}
		for _, b := range letters {
			if k := string([]rune{a, b}); isBoundPart([]byte(k)) {
				t.Errorf("isBoundPart(%q) with two letters", k)
			}
		}
	}
}
