package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/barg-app/barg/internal/articleeval"
)

// BenchmarkExtractCLI runs 'barg extract' over every scrapinghub-dev page
// in one call, as a user would, output discarded: the CLI path whose time
// BENCHMARKS.md compares with readeck's (issue 11). With -cpuprofile it
// shows where that path spends its time.
//
//	go test ./cmd/barg -run XXX -bench ExtractCLI -cpuprofile /tmp/cli.prof
func BenchmarkExtractCLI(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "eval", "scrapinghub-dev")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("skipped: ../shared is missing (%s)", dir)
	}
	pages, err := articleeval.Scrapinghub(dir)
	if err != nil {
		b.Fatal(err)
	}
	tmp := b.TempDir()
	args := []string{"extract", "-captured-at", fixedTime}
	size := 0
	for _, p := range pages {
		f := filepath.Join(tmp, p.ID+".html")
		if err := os.WriteFile(f, p.Raw, 0o644); err != nil {
			b.Fatal(err)
		}
		args = append(args, f)
		size += len(p.Raw)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		var errb strings.Builder
		if code := run(args, nil, io.Discard, &errb); code != 0 {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
}
