package e2e

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/systeminfo"
	"github.com/chromedp/chromedp"

	"github.com/barg-app/barg/internal/pagegen"
	"github.com/barg-app/barg/shared/extract"
)

// BenchmarkCaptureLatency measures what users meet in headless Chromium:
// a real toolbar click (Extensions.triggerAction) until the article is
// committed to IndexedDB, and until the notice shows in the page, on pages
// of 20 KB, 200 KB, 1 MB and 5 MB in Persian and English (the repository's
// own testdata/pages grown by internal/pagegen). Run it once, it sets its
// own repetitions:
//
//	cd e2e && go test -run '^$' -bench CaptureLatency -benchtime 1x -timeout 60m .
//
// States, each cold capture starting from a stopped background (stopped by
// the harness, as the browser does after 30 s idle; BARG_IDLE_RUNS=n adds n
// captures of the 200 KB Persian page after the browser's own idle stop):
//   - primed: after the priming that the install ran (prime.js) wrote V8's
//     code cache;
//   - restart: the first cold capture after the browser restarted on the
//     same profile (200 KB pages only: a restart takes long);
//   - empty: the code cache emptied first (Network.clearBrowserCache), as on
//     a first capture after install when priming has not run;
//   - warm: the background running, after a first capture of the page.
//
// BARG_PAGES=fa-200k,en-200k keeps only the pages named.
// BARG_EXT_DIR loads another build of the extension (a folder laid out as
// the repository: manifest.json, extension/, _locales/) to compare.
// BARG_LATENCY_N sets the cold rounds per page and state (default 5; warm
// runs are twice that). The peer, in the same run, is native extraction.
//
// Targets (issue 16): primed cold 200 KB median ≤ 400 ms; warm 200 KB ≤ 60
// ms, warm 1 MB ≤ 250 ms; empty cold 200 KB reported, not worse than 665 ms.
func BenchmarkCaptureLatency(b *testing.B) {
	rounds := envInt("BARG_LATENCY_N", 5)
	idleRuns := envInt("BARG_IDLE_RUNS", 0)
	pages := benchPages(b)
	if only := os.Getenv("BARG_PAGES"); only != "" {
		pages = slices.DeleteFunc(pages, func(p benchPage) bool { return !slices.Contains(strings.Split(only, ","), p.name) })
	}
	srvPages := map[string]string{}
	for _, p := range pages {
		srvPages["/"+p.name+".html"] = p.html
	}
	srv := servePages(b, srvPages)
	report := &latencyReport{pages: pages}
	report.mark("start")

	// Peer: native extraction, same pages, same options.
	for _, p := range pages {
		for i := 0; i < 4; i++ {
			start := time.Now()
			if _, err := extract.FromHTML(strings.NewReader(p.html), srv.URL+"/"+p.name+".html", extract.Options{}); err != nil {
				b.Fatal(err)
			}
			if i > 0 {
				report.add("native", p.name, sample{"extract": ms(time.Since(start))})
			}
		}
	}

	var opts []launchOption
	if dir := os.Getenv("BARG_EXT_DIR"); dir != "" {
		opts = append(opts, withExtensionDir(dir))
		report.ext = dir
	}
	br := launch(b, "", opts...)
	cpu0 := browserCPU(b, br)
	st := waitPrimed(b, br)
	primedAt := time.Now()
	cacheBytes := waitCodeCache(br.Profile, 1<<20, 30*time.Second)
	report.prime = fmt.Sprintf("priming: %s, %d extractions, %.0f ms of extraction (wall); CPU of all browser processes from Go ready to the cache written: %.2f s; wasm code cache %d B, written %.1f s after priming ended",
		st.State, st.Runs, st.MS, browserCPU(b, br)-cpu0, cacheBytes, time.Since(primedAt).Seconds())
	if cacheBytes == 0 {
		b.Logf("warning: the wasm code cache was not written after priming (%d B)", codeCacheBytes(br.Profile))
	}
	tabs := map[string]*tab{}
	for _, p := range pages {
		tabs[p.name] = openPage(b, br, srv.URL+"/"+p.name+".html")
	}
	// Primed, then warm (same lifetime as the last cold capture of the page).
	report.mark("primed")
	for r := 0; r < rounds; r++ {
		for _, p := range pages {
			br.StopWorker(b)
			report.add("primed", p.name, coldCapture(b, br, tabs[p.name]))
		}
	}
	report.mark("warm")
	for _, p := range pages {
		n := 2 * rounds
		if p.size >= 5<<20 {
			n = rounds
		}
		warmCapture(b, br, tabs[p.name], 0) // compiles this page's paths
		for i := 0; i < n; i++ {
			report.add("warm", p.name, warmCapture(b, br, tabs[p.name], 0))
		}
	}
	if idleRuns > 0 {
		report.mark("idle")
		p := pages[0]
		for _, q := range pages {
			if q.name == "fa-200k" {
				p = q
			}
		}
		for i := 0; i < idleRuns; i++ {
			waitIdleStop(b, br)
			report.add("idle-stop", p.name, coldCapture(b, br, tabs[p.name]))
		}
	}
	// Restart: the first cold capture after the browser restarted.
	report.mark("restart")
	profile := br.Profile
	for r := 0; r < rounds; r++ {
		for _, p := range pages {
			if p.size != 200<<10 { // a restart costs a minute on a busy machine
				continue
			}
			br.Close(b)
			br = launch(b, profile, opts...)
			br.StopWorker(b)
			tb := openPage(b, br, srv.URL+"/"+p.name+".html")
			report.add("restart", p.name, coldCapture(b, br, tb))
			tb.Cancel()
		}
	}
	// Empty: the code cache cleared before each cold capture.
	report.mark("empty")
	for _, p := range pages {
		tabs[p.name] = openPage(b, br, srv.URL+"/"+p.name+".html")
	}
	left := int64(-1)
	for r := 0; r < rounds; r++ {
		for _, p := range pages {
			br.StopWorker(b)
			clearCodeCache(b, tabs[p.name])
			left = max(left, codeCacheBytes(br.Profile))
			report.add("empty", p.name, coldCapture(b, br, tabs[p.name]))
		}
	}
	report.mark("end")
	report.cleared = fmt.Sprintf("the wasm code cache held at most %d B after each clearing of the empty state", left)
	b.StopTimer()

	out := report.String(pages)
	for _, m := range []struct{ state, page, unit string }{
		{"primed", "fa-200k", "ms-cold-primed-fa200k"}, {"empty", "fa-200k", "ms-cold-empty-fa200k"},
		{"warm", "fa-200k", "ms-warm-fa200k"}, {"warm", "fa-1m", "ms-warm-fa1m"},
	} {
		b.ReportMetric(median(report.values(m.state, m.page, "saved")), m.unit)
	}
	b.Log(out)
	fmt.Fprint(os.Stdout, out)
}

// openPage opens url in a new tab, allowing a large page minutes to load
// on a busy machine.
func openPage(t testing.TB, br *browser, url string) *tab {
	t.Helper()
	tb := br.OpenTab(t, "about:blank")
	ctx, cancel := context.WithTimeout(tb.Ctx, 5*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	return tb
}

// benchPage is one page of the latency benchmark.
type benchPage struct {
	name string // "fa-200k"
	size int
	html string
}

// benchPages grows testdata/pages's Persian and English pages to 20 KB,
// 200 KB, 1 MB and 5 MB.
func benchPages(t testing.TB) []benchPage {
	t.Helper()
	var out []benchPage
	for _, seed := range []struct{ lang, file string }{{"fa", "persian-news.html"}, {"en", "english-blog.html"}} {
		data, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "pages", seed.file))
		if err != nil {
			t.Fatal(err)
		}
		for _, sz := range []struct {
			name string
			size int
		}{{"20k", 20 << 10}, {"200k", 200 << 10}, {"1m", 1 << 20}, {"5m", 5 << 20}} {
			html, err := pagegen.Grow(string(data), sz.size)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, benchPage{name: seed.lang + "-" + sz.name, size: sz.size, html: html})
		}
	}
	return out
}

// sample is one capture's figures in ms, by name (see latencyRows).
type sample map[string]float64

// latencyRows are the rows of the report: a sample's names and their labels.
var latencyRows = []struct{ key, label string }{
	{"saved", "click → saved"},
	{"notice", "click → notice shown"},
	{"worker", "· click → background started (browser)"},
	{"modules", "· background started → Go start begins"},
	{"compile", "· fetch + compile or cache load of barg.wasm"},
	{"lexicon", "· fetch + inflate lexicon.img (beside it)"},
	{"goinit", "· Go runtime and package init"},
	{"warmup", "· warm-up extraction (after ready)"},
	{"grab", "· grab the page (click → HTML in background)"},
	{"wait", "· waiting for Go after the grab"},
	{"extract", "· Go extraction"},
	{"settings", "·· of which waiting for the settings read"},
	{"save", "· IndexedDB save"},
	{"tonotice", "· saved → notice shown"},
}

// noticeWatch records in the page when Barg's notice of the result appears:
// a notice element other than the one already there (the previous capture's,
// still shown) and not the "Capturing…" one.
const noticeWatch = `(() => { window.__bargNoticeAt = 0; if (window.__bargObs) window.__bargObs.disconnect();
	const before = document.getElementById('barg-capture-notice');
	window.__bargObs = new MutationObserver(() => { const n = document.getElementById('barg-capture-notice'); if (!window.__bargNoticeAt && n && n !== before && n.dataset.state !== 'busy') window.__bargNoticeAt = performance.timeOrigin + performance.now(); });
	window.__bargObs.observe(document.documentElement, { childList: true, subtree: true }); return true; })()`

// noticeAt waits (up to 3 s) for the notice and returns when it appeared
// (epoch ms), or 0.
func noticeAt(t testing.TB, br *browser, tb *tab) float64 {
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); {
		var at float64
		br.EvalPage(t, tb, `window.__bargNoticeAt || 0`, &at)
		if at > 0 {
			return at
		}
		time.Sleep(20 * time.Millisecond)
	}
	return 0
}

// captureOnce clicks and waits for the n-th capture of the background's
// lifetime, with the notice watched in the page.
func captureOnce(t testing.TB, br *browser, tb *tab, n int) (captureResult, sample) {
	t.Helper()
	br.EvalPage(t, tb, noticeWatch, nil)
	clicked := float64(br.ClickAction(t, tb).UnixNano()) / 1e6
	res := br.WaitCapture(t, n)
	if !res.OK {
		t.Fatalf("capture failed: %s", res.Error)
	}
	// The result's clicked_at is when the background got the click: on a
	// cold start, after the browser started it. Latency counts from the
	// harness's click.
	tm := res.Timings
	tm.ClickedAt = clicked
	res.Timings.ClickedAt = clicked
	s := sample{"saved": tm.SavedAt - clicked, "grab": tm.GrabMS, "wait": tm.GoWaitMS, "extract": tm.ExtractMS, "settings": tm.SettingsMS, "save": tm.SaveMS}
	if at := noticeAt(t, br, tb); at > 0 {
		s["notice"] = at - clicked
		s["tonotice"] = at - tm.SavedAt
	}
	return res, s
}

// warmCapture captures with the background running.
func warmCapture(t testing.TB, br *browser, tb *tab, _ int) sample {
	t.Helper()
	_, s := captureOnce(t, br, tb, br.CaptureCount(t)+1)
	return s
}

// coldCapture captures with the background stopped: the click starts it.
// (Asking the background anything first would start it before the click.)
func coldCapture(t testing.TB, br *browser, tb *tab) sample {
	t.Helper()
	if br.WorkerRunning(t) {
		t.Fatal("cold capture: the background is running")
	}
	res, s := captureOnce(t, br, tb, 1)
	var eng struct {
		Origin    float64 `json:"origin"` // the background's performance.timeOrigin
		StartedAt float64 `json:"started_at"`
		CompileMS float64 `json:"compile_ms"`
		LexiconMS float64 `json:"lexicon_ms"`
		InitMS    float64 `json:"init_ms"`
		WarmupMS  float64 `json:"warmup_ms"`
		Source    string  `json:"source"`
	}
	br.EvalBackground(t, `({...barg.engine, origin: performance.timeOrigin})`, &eng)
	if eng.Source != "streaming" {
		t.Fatalf("the module was compiled from %q, not by streaming", eng.Source)
	}
	s["worker"] = eng.Origin - res.Timings.ClickedAt
	s["modules"] = eng.StartedAt - eng.Origin
	s["compile"] = eng.CompileMS
	s["lexicon"] = eng.LexiconMS
	s["goinit"] = eng.InitMS
	s["warmup"] = eng.WarmupMS
	return s
}

// waitIdleStop lets the browser stop the background by its own idle rule
// (30 s without events in Chromium): the harness detaches and waits.
func waitIdleStop(t testing.TB, br *browser) {
	t.Helper()
	br.mu.Lock()
	if br.swStop != nil {
		br.swStop()
		br.swCtx, br.swStop = nil, nil
	}
	br.mu.Unlock()
	for deadline := time.Now().Add(3 * time.Minute); br.WorkerRunning(t); time.Sleep(250 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the browser did not stop the idle background within 3 minutes")
		}
	}
}

// clearCodeCache empties the browser's caches, Chromium's code cache
// included (Network.clearBrowserCache).
func clearCodeCache(t testing.TB, tb *tab) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.Ctx, callTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
		t.Fatalf("Network.clearBrowserCache: %v", err)
	}
}

// browserCPU is the CPU time in seconds all the browser's processes used
// so far (SystemInfo.getProcessInfo).
func browserCPU(t testing.TB, br *browser) float64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(br.ctx, callTimeout)
	defer cancel()
	res, err := chromedp.CallBrowser(ctx, systeminfo.GetProcessInfo, cdp.Empty{})
	if err != nil {
		t.Fatalf("SystemInfo.getProcessInfo: %v", err)
	}
	var s float64
	for _, p := range res.ProcessInfo {
		s += p.CPUTime
	}
	return s
}

// latencyReport collects samples by state and page.
type latencyReport struct {
	samples             map[string][]sample // "state/page"
	loads               []string
	prime, cleared, ext string
	pages               []benchPage // for the tables printed as phases end
}

// mark notes the machine's load as a phase begins (and says so on stderr,
// to follow a long run).
func (r *latencyReport) mark(phase string) {
	out, _ := os.ReadFile("/proc/loadavg")
	load := strings.Join(strings.Fields(string(out))[:3], " ")
	r.loads = append(r.loads, phase+" "+load)
	fmt.Fprintf(os.Stderr, "%s %s: load %s\n", time.Now().Format("15:04:05"), phase, load)
	if len(r.samples) > 0 && r.pages != nil {
		fmt.Fprint(os.Stderr, r.String(r.pages))
	}
}

func (r *latencyReport) add(state, page string, s sample) {
	if r.samples == nil {
		r.samples = map[string][]sample{}
	}
	r.samples[state+"/"+page] = append(r.samples[state+"/"+page], s)
}

func (r *latencyReport) values(state, page, key string) []float64 {
	var v []float64
	for _, s := range r.samples[state+"/"+page] {
		if x, ok := s[key]; ok {
			v = append(v, x)
		}
	}
	return v
}

// String prints, per state, a table of pages × (median / p90) per row.
func (r *latencyReport) String(pages []benchPage) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "\ncapture latency in headless Chromium, ms, median / p90 (nearest rank)\nload average: %s\n%s\n%s\n", strings.Join(r.loads, "; "), r.prime, r.cleared)
	if r.ext != "" {
		fmt.Fprintf(&sb, "extension loaded from %s\n", r.ext)
	}
	for _, state := range []string{"primed", "restart", "empty", "idle-stop", "cold", "warm", "native"} {
		var cols []benchPage
		for _, p := range pages {
			if len(r.samples[state+"/"+p.name]) > 0 {
				cols = append(cols, p)
			}
		}
		if len(cols) == 0 {
			continue
		}
		fmt.Fprintf(&sb, "\n| %s (n=%d) |", state, len(r.samples[state+"/"+cols[0].name]))
		for _, p := range cols {
			fmt.Fprintf(&sb, " %s |", p.name)
		}
		sb.WriteString("\n|---|")
		for range cols {
			sb.WriteString("---|")
		}
		for _, row := range latencyRows {
			if state == "native" && row.key != "extract" {
				continue
			}
			if len(r.values(state, cols[0].name, row.key)) == 0 {
				continue
			}
			fmt.Fprintf(&sb, "\n| %s |", row.label)
			for _, p := range cols {
				v := r.values(state, p.name, row.key)
				fmt.Fprintf(&sb, " %.0f / %.0f |", median(v), p90(v))
			}
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

// p90 is the 90th percentile by nearest rank.
func p90(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[int(math.Ceil(0.9*float64(len(s))))-1]
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// latencyPage builds an original Persian news page of about 200 KB with
// the weight real pages carry around a 1,700-word article: inline scripts
// and styles, a large menu, sidebars of teasers, comments and a footer.
func latencyPage() string {
	sentences := []string{
		"پاییز که می‌رسد، باغ‌های قدیمی شهر رنگ دیگری به خود می‌گیرند و رهگذران آهسته‌تر از همیشه قدم می‌زنند.",
		"کارشناسان هر درخت را بررسی می‌کنند، شاخه‌های خشک را می‌برند و برای هر کدام شناسنامه‌ای می‌نویسند.",
		"به گفتهٔ آنان، بیش از دویست درخت در این باغ‌ها عمری بیش از صد سال دارند و نگهداری از آن‌ها هزینهٔ زیادی دارد.",
		"شورای شهر در نشست هفتهٔ گذشته بودجهٔ تازه‌ای برای آبیاری قطره‌ای و لایروبی جوی‌های قدیمی تصویب کرد.",
		"ساکنان محله‌های اطراف می‌گویند صدای آب در جوی‌ها برای آنان یادآور روزهای کودکی است.",
		"یکی از باغبانان می‌گوید: «درخت هم مثل آدم است؛ اگر به آن رسیدگی نکنی، خسته می‌شود.»",
		"در سال‌های اخیر خشکسالی و آلودگی هوا به بسیاری از درختان آسیب زده و شماری از آن‌ها خشک شده‌اند.",
		"راهنمایان داوطلب آخر هفته‌ها گردش‌های رایگان برگزار می‌کنند و دربارهٔ تاریخ هر باغ توضیح می‌دهند.",
	}
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>باغ‌های کهن شهر و برنامهٔ نگهداری از درختان | روزنامهٔ برگ‌نما</title>
<meta property="og:title" content="باغ‌های کهن شهر و برنامهٔ نگهداری از درختان">
<meta property="article:published_time" content="2025-10-23T09:15:00+03:30">
<meta name="author" content="مریم رضایی"><style>`)
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&sb, ".c%d{margin:%dpx;padding:%dpx;color:#%06x}\n", i, i%13, i%7, i*2654435%0xffffff)
	}
	sb.WriteString("</style><script>window.__STATE__=")
	sb.WriteString(`{"items":[`)
	for i := 0; i < 500; i++ {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `{"id":%d,"slug":"news-%d","views":%d,"tags":["شهر","باغ","فرهنگ"]}`, i, i*7919, i*31)
	}
	sb.WriteString("]};</script></head><body><header><nav><ul>")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&sb, `<li class="c%d"><a href="/section/%d">بخش %d</a></li>`, i%400, i, i)
	}
	sb.WriteString("</ul></nav></header><main><article><h1>باغ‌های کهن شهر و برنامهٔ نگهداری از درختان</h1>\n")
	sb.WriteString(`<p class="byline">نوشتهٔ مریم رضایی</p>`)
	for p := 0; p < 34; p++ {
		if p%8 == 4 {
			fmt.Fprintf(&sb, "<h2>بخش %d گزارش</h2>\n", p/8+1)
		}
		sb.WriteString("<p>")
		for s := 0; s < 6; s++ {
			sb.WriteString(sentences[(p*3+s)%len(sentences)])
			sb.WriteString(" ")
		}
		sb.WriteString("</p>\n")
	}
	sb.WriteString("</article><section class=\"comments\"><h3>دیدگاه‌ها</h3>")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&sb, `<div class="comment c%d"><b>خواننده %d</b><p>ممنون از گزارش خوبتان.</p></div>`, i, i)
	}
	sb.WriteString("</section></main><aside>")
	for i := 0; sb.Len() < 200*1024-2000; i++ {
		fmt.Fprintf(&sb, `<div class="teaser c%d"><a href="/news/%d"><img src="/img/%d.jpg" alt=""><span>خبر کوتاه شمارهٔ %d دربارهٔ شهر</span></a></div>`+"\n", i%400, i, i, i)
	}
	sb.WriteString("</aside><footer><p>همهٔ حقوق محفوظ است.</p></footer></body></html>")
	return sb.String()
}
