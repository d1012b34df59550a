package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"

	"github.com/barg-app/barg/internal/pagegen"
)

// traceCategories are the Chromium trace categories BenchmarkColdTrace
// records: V8's wasm compilation and code cache, its compiles and GC, and
// the timeline (script runs, fetches).
var traceCategories = []string{
	"v8.wasm", "disabled-by-default-v8.wasm.detailed", "v8", "disabled-by-default-v8.compile",
	"devtools.timeline", "blink", "loading", "ServiceWorker", "toplevel", "disabled-by-default-v8.gc",
}

// traceEvent is one event of a Chromium trace (the fields used here).
type traceEvent struct {
	Name string          `json:"name"`
	Cat  string          `json:"cat"`
	Ph   string          `json:"ph"`
	Ts   float64         `json:"ts"`   // µs
	Dur  float64         `json:"dur"`  // µs, complete events
	TDur float64         `json:"tdur"` // µs of thread CPU time
	Pid  int             `json:"pid"`
	Tid  int             `json:"tid"`
	Args json.RawMessage `json:"args"`
}

// BenchmarkColdTrace records a Chromium trace of cold captures of the
// 200 KB Persian page after priming (BARG_TRACE_N of them, default 3;
// BARG_TRACE_STATE=warm traces warm captures instead) and
// sums V8's wasm and script events by name, wall and thread CPU time, from
// the click to the save: where a primed cold start's time goes, in a
// measure (thread CPU) that the machine's load inflates far less than
// wall time. BARG_TRACE_OUT=file keeps the last raw trace.
//
//	cd e2e && go test -run '^$' -bench ColdTrace -benchtime 1x .
func BenchmarkColdTrace(b *testing.B) {
	n := envInt("BARG_TRACE_N", 3)
	data, err := os.ReadFile(filepath.Join(repoRoot(b), "testdata", "pages", "persian-news.html"))
	if err != nil {
		b.Fatal(err)
	}
	page, err := pagegen.Grow(string(data), 200<<10)
	if err != nil {
		b.Fatal(err)
	}
	srv := servePages(b, map[string]string{"/fa-200k.html": page})
	var opts []launchOption
	if dir := os.Getenv("BARG_EXT_DIR"); dir != "" {
		opts = append(opts, withExtensionDir(dir))
	}
	br := launch(b, "", opts...)
	waitPrimed(b, br)
	cache := waitCodeCache(br.Profile, 1<<20, 30*time.Second)
	tb := openPage(b, br, srv.URL+"/fa-200k.html")
	sums := map[string][2]float64{}
	counts := map[string]int{}
	threads := map[string]float64{}    // thread CPU in ms by process / thread kind
	workerSelf := map[string]float64{} // the background's thread: self CPU in ms by event
	var saved []float64
	warm := os.Getenv("BARG_TRACE_STATE") == "warm"
	if warm {
		warmCapture(b, br, tb, 0)
		warmCapture(b, br, tb, 0)
	}
	for r := 0; r < n; r++ {
		capture := func() { s := coldCapture(b, br, tb); saved = append(saved, s["saved"]) }
		if warm {
			capture = func() { s := warmCapture(b, br, tb, 0); saved = append(saved, s["saved"]) }
		} else {
			br.StopWorker(b)
		}
		events := traceCold(b, br, tb, capture)
		if out := os.Getenv("BARG_TRACE_OUT"); out != "" {
			raw, _ := json.Marshal(map[string]any{"traceEvents": events})
			os.WriteFile(out, raw, 0o644)
		}
		for k, v := range threadCPU(events) {
			threads[k] += v
		}
		for k, v := range selfCPU(events, "ServiceWorker thread") {
			workerSelf[k] += v
		}
		for _, e := range events {
			if e.Ph != "X" || e.Dur == 0 {
				continue
			}
			if !strings.Contains(e.Cat, "wasm") && !strings.Contains(e.Cat, "v8") && e.Name != "ServiceWorker.StartWorker" && !strings.Contains(e.Name, "Script") {
				continue
			}
			k := e.Cat + " " + e.Name
			s := sums[k]
			s[0] += e.Dur / 1000
			s[1] += e.TDur / 1000
			sums[k] = s
			counts[k]++
		}
	}
	keys := largestFirst(sums, func(s [2]float64) float64 { return s[0] })
	var out strings.Builder
	fmt.Fprintf(&out, "code cache %d B; click → saved %v ms; per capture (n=%d), ms wall / thread CPU, count:\n", cache, saved, n)
	for i, k := range keys {
		if i == 40 {
			break
		}
		fmt.Fprintf(&out, "%9.1f %9.1f %5d  %s\n", sums[k][0]/float64(n), sums[k][1]/float64(n), counts[k]/n, k)
	}
	tkeys := largestFirst(threads, func(v float64) float64 { return v })
	fmt.Fprintf(&out, "thread CPU per capture, ms (tracing on 0.3 s before the click to 0.3 s after the save):\n")
	for _, k := range tkeys {
		if v := threads[k] / float64(n); v >= 1 {
			fmt.Fprintf(&out, "%9.1f  %s\n", v, k)
		}
	}
	wkeys := largestFirst(workerSelf, func(v float64) float64 { return v })
	fmt.Fprintf(&out, "the background's thread, self CPU per capture by event, ms (Go runs inside the event that called it):\n")
	for i, k := range wkeys {
		if i == 15 {
			break
		}
		fmt.Fprintf(&out, "%9.1f  %s\n", workerSelf[k]/float64(n), k)
	}
	b.Log(out.String())
	fmt.Print(out.String())
}

// traceCold records a trace around capture.
func traceCold(t testing.TB, br *browser, tb *tab, capture func()) []traceEvent {
	t.Helper()
	var mu sync.Mutex
	var events []traceEvent
	done := make(chan struct{})
	ctx, cancel := context.WithCancel(br.ctx)
	defer cancel()
	chromedp.ListenBrowser(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, raw := range ev.Value {
				var e traceEvent
				if json.Unmarshal(raw, &e) == nil {
					events = append(events, e)
				}
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(done)
		}
	})
	params := tracing.StartParams{TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig: &tracing.TraceConfig{IncludedCategories: traceCategories}}
	if _, err := chromedp.CallBrowser(ctx, tracing.Start, params); err != nil {
		t.Fatalf("Tracing.start: %v", err)
	}
	time.Sleep(300 * time.Millisecond)
	capture()
	time.Sleep(300 * time.Millisecond)
	if _, err := chromedp.CallBrowser(ctx, tracing.End, cdp.Empty{}); err != nil {
		t.Fatalf("Tracing.end: %v", err)
	}
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("the trace did not complete")
	}
	mu.Lock()
	defer mu.Unlock()
	return events
}

// threadCPU sums the thread CPU time of each thread's outermost complete
// events, by process and thread name (thread pools merged, numbers cut).
func threadCPU(events []traceEvent) map[string]float64 {
	type key struct{ pid, tid int }
	names := map[key]string{}
	procs := map[int]string{}
	byThread := map[key][]traceEvent{}
	for _, e := range events {
		switch {
		case e.Ph == "M" && e.Name == "thread_name":
			var a struct{ Name string }
			json.Unmarshal(e.Args, &a)
			names[key{e.Pid, e.Tid}] = strings.TrimRight(a.Name, "0123456789")
		case e.Ph == "M" && e.Name == "process_name":
			var a struct{ Name string }
			json.Unmarshal(e.Args, &a)
			procs[e.Pid] = a.Name
		case e.Ph == "X" && e.TDur > 0:
			byThread[key{e.Pid, e.Tid}] = append(byThread[key{e.Pid, e.Tid}], e)
		}
	}
	out := map[string]float64{}
	for k, evs := range byThread {
		sort.Slice(evs, func(i, j int) bool { return evs[i].Ts < evs[j].Ts || evs[i].Ts == evs[j].Ts && evs[i].Dur > evs[j].Dur })
		end := -1.0
		for _, e := range evs {
			if e.Ts >= end {
				out[procs[k.pid]+" / "+names[k]] += e.TDur / 1000
				end = e.Ts + e.Dur
			}
		}
	}
	return out
}

// BenchmarkBackgroundExtract times Go's extraction alone in the running
// background (globalThis.bargExtract and JSON.parse of its answer, 25 times
// per page after priming; wall time, and the CPU time of all the browser's
// processes, which the machine's load inflates less), to set beside the
// capture's "Go extraction"
// phase of BenchmarkCaptureLatency, which also holds what the capture does
// around it (settings read, the event loop shared with the grab's answer
// and the save of the previous step):
//
//	cd e2e && go test -run '^$' -bench BackgroundExtract -benchtime 1x .
func BenchmarkBackgroundExtract(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(repoRoot(b), "testdata", "pages", "persian-news.html"))
	if err != nil {
		b.Fatal(err)
	}
	var opts []launchOption
	if dir := os.Getenv("BARG_EXT_DIR"); dir != "" {
		opts = append(opts, withExtensionDir(dir))
	}
	br := launch(b, "", opts...)
	waitPrimed(b, br)
	for _, p := range []struct {
		name string
		size int
	}{{"fa-200k", 200 << 10}, {"fa-1m", 1 << 20}} {
		page, err := pagegen.Grow(string(data), p.size)
		if err != nil {
			b.Fatal(err)
		}
		br.EvalBackground(b, `globalThis.__benchPage = `+jsString(page)+`; true`, nil)
		const loop = `(async (n) => { await barg.ready; const r = [];
			for (let i = 0; i < n; i++) {
				const t = performance.now();
				JSON.parse(await globalThis.bargExtract(globalThis.__benchPage, 'https://example.com/a', '{}'));
				r.push(performance.now() - t);
			}
			return r; })`
		var first, times []float64
		br.EvalBackground(b, loop+`(5)`, &first)
		cpu0 := browserCPU(b, br)
		br.EvalBackground(b, loop+`(20)`, &times)
		cpu := (browserCPU(b, br) - cpu0) * 1000 / float64(len(times))
		br.EvalBackground(b, `delete globalThis.__benchPage; true`, nil)
		sorted := slices.Clone(times)
		slices.Sort(sorted)
		fmt.Printf("%s: extraction alone in the background, runs 6-25, ms: median %.1f, p90 %.1f, min %.1f; CPU of all browser processes per extraction %.1f ms (first five, wall: %v)\n",
			p.name, median(sorted), p90(sorted), sorted[0], cpu, roundAll(first))
		b.ReportMetric(median(sorted), "ms-"+p.name)
	}
}

func roundAll(v []float64) []int {
	out := make([]int, len(v))
	for i, x := range v {
		out[i] = int(math.Round(x))
	}
	return out
}

// selfCPU sums, on the threads named thread, each event's thread CPU time
// less that of the events nested in it, by event name.
func selfCPU(events []traceEvent, thread string) map[string]float64 {
	type key struct{ pid, tid int }
	want := map[key]bool{}
	for _, e := range events {
		if e.Ph == "M" && e.Name == "thread_name" {
			var a struct{ Name string }
			json.Unmarshal(e.Args, &a)
			if a.Name == thread {
				want[key{e.Pid, e.Tid}] = true
			}
		}
	}
	var evs []traceEvent
	for _, e := range events {
		if e.Ph == "X" && e.TDur > 0 && want[key{e.Pid, e.Tid}] {
			evs = append(evs, e)
		}
	}
	sort.Slice(evs, func(i, j int) bool {
		if evs[i].Pid != evs[j].Pid || evs[i].Tid != evs[j].Tid {
			return evs[i].Pid < evs[j].Pid || evs[i].Pid == evs[j].Pid && evs[i].Tid < evs[j].Tid
		}
		return evs[i].Ts < evs[j].Ts || evs[i].Ts == evs[j].Ts && evs[i].Dur > evs[j].Dur
	})
	out := map[string]float64{}
	var stack []traceEvent
	for i, e := range evs {
		if i > 0 && (e.Pid != evs[i-1].Pid || e.Tid != evs[i-1].Tid) {
			stack = stack[:0]
		}
		for len(stack) > 0 && stack[len(stack)-1].Ts+stack[len(stack)-1].Dur <= e.Ts {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			out[stack[len(stack)-1].Name] -= e.TDur / 1000
		}
		out[e.Name] += e.TDur / 1000
		stack = append(stack, e)
	}
	return out
}

// largestFirst returns the keys of m, the one of the largest value (by
// size) first.
func largestFirst[V any](m map[string]V, size func(V) float64) []string {
	keys := slices.Collect(maps.Keys(m))
	sort.Slice(keys, func(i, j int) bool { return size(m[keys[i]]) > size(m[keys[j]]) })
	return keys
}
