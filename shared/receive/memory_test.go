package receive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// bigArticle is a valid article of about size bytes made of small blocks,
// the shape that costs a generic decoder the most per byte.
func bigArticle(tb testing.TB, size int) []byte {
	var m map[string]any
	if err := json.Unmarshal(fixture(tb, nil), &m); err != nil {
		tb.Fatal(err)
	}
	var blocks []any
	n := 0
	for i := 0; n < size; i++ {
		b := map[string]any{"type": "paragraph", "text": fmt.Sprintf("Block %d, short.", i)}
		blocks = append(blocks, b)
		n += 48
	}
	m["blocks"] = blocks
	out, err := json.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// BenchmarkPeakMemory8x30MB sends 8 uploads of a 30 MB article of small
// blocks at once (retrying on 503 as the extension does) and reports the
// process's peak memory, the client's copy of the article included: Go's
// memory in use (mapped and not released, sampled every 2 ms) as peak-MB,
// and on Linux the peak resident set (VmHWM, reset before the uploads) as
// peak-RSS-MB. Before validation streamed
// and uploads were capped, one 10 MB body peaked at 237 MB and six at
// 1.59 GB.
//
//	go test ./shared/receive -run XXX -bench PeakMemory -benchtime 1x
func BenchmarkPeakMemory8x30MB(b *testing.B) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(MemoryLimit)) // as cmd/barg receive does
	art := bigArticle(b, 30<<20)
	b.ReportMetric(float64(len(art))/(1<<20), "article-MB")
	for b.Loop() {
		h, err := New(Options{Dir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(h)
		runtime.GC()
		debug.FreeOSMemory()
		resetPeakRSS()
		var peak atomic.Uint64
		stop := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
			for {
				metrics.Read(s)
				if v := s[0].Value.Uint64() - s[1].Value.Uint64(); v > peak.Load() {
					peak.Store(v)
				}
				select {
				case <-stop:
					return
				case <-time.After(2 * time.Millisecond):
				}
			}
		}()
		var wg sync.WaitGroup
		var retries atomic.Int64
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					req, _ := http.NewRequest("POST", srv.URL+"/", bytes.NewReader(art))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Idempotency-Key", fmt.Sprintf("big-%d", i))
					resp, err := srv.Client().Do(req)
					if err == nil {
						resp.Body.Close()
					}
					// A refused upload's connection is closed, which a client
					// still writing the body may see as a broken pipe: both
					// mean "later", as the extension takes them.
					if err != nil || resp.StatusCode == 503 {
						retries.Add(1)
						time.Sleep(100 * time.Millisecond)
						continue
					}
					if resp.StatusCode != 201 {
						b.Errorf("status %d", resp.StatusCode)
					}
					return
				}
			}()
		}
		wg.Wait()
		close(stop)
		<-sampled
		srv.Close()
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-MB")
		if rss := peakRSS(); rss > 0 {
			b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
		}
		b.ReportMetric(float64(retries.Load()), "retries")
	}
}

// resetPeakRSS resets the kernel's record of the peak resident set (Linux).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is the peak resident set since resetPeakRSS, 0 where unknown.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
