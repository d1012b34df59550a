package extract

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/barg-app/barg/shared/article"
	"github.com/barg-app/barg/shared/persian"
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

// longPersianArticle is a long Persian article as extraction hands it to
// normalize: the kit's news sentences with their ZWNJs deleted, three to a
// paragraph block, a heading every ten blocks, about 400 KB of text.
func longPersianArticle(b *testing.B) (article.Article, int) {
	data, err := os.ReadFile("../../../shared/corpus/persian/ntrex128-fas-news.txt")
	if err != nil {
		b.Skip("skipped: ../shared is missing")
	}
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(string(data), "\u200c", "")), "\n")
	a := article.Article{Meta: article.Meta{Lang: "fa", Title: lines[0]}}
	size := len(lines[0])
	for i := 1; i+3 <= len(lines); i += 3 {
		if i%30 == 1 {
			a.Blocks = append(a.Blocks, article.Block{Type: article.Heading, Level: 2, Text: lines[i]})
			size += len(lines[i])
			continue
		}
		t := strings.Join(lines[i:i+3], " ")
		a.Blocks = append(a.Blocks, article.Block{Type: article.Paragraph, Text: t})
		size += len(t)
	}
	return a, size
}

// benchBlocks normalizes the blocks of a long article with f, the way
// normalize does, and reports MB per CPU second.
func benchBlocks(b *testing.B, f func(a *article.Article)) {
	src, size := longPersianArticle(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	a := src
	a.Blocks = make([]article.Block, len(src.Blocks))
	persian.Normalize("سلام", persian.Options{}) // the lexicon is decoded once, before the timing
	start, n := cpuTime(), 0
	for b.Loop() {
		copy(a.Blocks, src.Blocks)
		a.Meta = src.Meta
		f(&a)
		n++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(size*n)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}

// BenchmarkNormalizeArticleBlocks is extraction's normalization of a long
// Persian article, block by block.
func BenchmarkNormalizeArticleBlocks(b *testing.B) {
	benchBlocks(b, func(a *article.Article) { normalize(a, persian.Options{}) })
}

// BenchmarkNormalizePeerReplacer is the peer over the same blocks: each
// block through a strings.Replacer that maps only Arabic yeh and kaf.
func BenchmarkNormalizePeerReplacer(b *testing.B) {
	r := strings.NewReplacer("ي", "ی", "ى", "ی", "ك", "ک")
	benchBlocks(b, func(a *article.Article) {
		a.Meta.Title = r.Replace(a.Meta.Title)
		for i := range a.Blocks {
			a.Blocks[i].Text = r.Replace(a.Blocks[i].Text)
		}
	})
}
