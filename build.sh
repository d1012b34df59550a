#!/usr/bin/env bash
# Builds Barg. The repository root is the unpacked extension.
#
#   ./build.sh            build the WebAssembly and the CLI (bin/barg): the extension is then ready
#                         to load unpacked from this folder
#   ./build.sh package    also write store-ready zips for Chromium and Firefox to dist/
#   ./build.sh lint       package, then run web-ext lint on both packages' content
#                         (every build runs binaryen's wasm-opt -Oz when it is installed, which
#                         the size budget needs; WASM_OPT=0 skips it for a quicker build)
#   ./build.sh test       build, then run every test: Go unit tests, short fuzzing (a few s each),
#                         browser end-to-end tests
#                         (installs Debian's chromium when missing), extension unit tests
#   ./build.sh deps       install the build and test tools only (binaryen, chromium, firefox-esr, pandoc, npm packages)
#   ./build.sh fuzz       fuzz every target of the product for FUZZTIME each (default 90s), one
#                         after another, and list those that failed (their inputs are written
#                         under each package's testdata/fuzz/)
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

build() {
	log "wasm: extension/wasm/barg.wasm"
	mkdir -p extension/wasm bin
	# No inlining in fmt, strings and unicode/utf8 (34 KB less raw, 15 KB less
	# gzipped), nor in reflect, time and math (20 KB more raw but 3 KB less
	# gzipped after wasm-opt). Barg's packages and x/net/html keep theirs:
	# without it the wasm was 150 KB smaller but extracted 7-12% slower (two
	# Go instances in one node process, calls alternated; BENCHMARKS.md).
	GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' \
		-gcflags='fmt=-l' -gcflags='strings=-l' -gcflags='unicode/utf8=-l' \
		-gcflags='reflect=-l' -gcflags='time=-l' -gcflags='math=-l' \
		-o extension/wasm/barg.wasm ./wasm
	optimize
	cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" extension/wasm/wasm_exec.js
	# The Persian lexicon, decoded and laid out, beside the module: the wasm
	# does not embed it (extension/background/engine.js hands it to Go).
	log "lexicon: extension/wasm/lexicon.img"
	go run ./shared/persian/internal/lexiconimage -o extension/wasm/lexicon.img
	# Pages the background extracts on install to prime V8's code cache for
	# the module (extension/background/prime.js), grown from testdata/pages.
	go run ./internal/pagegen/primepages -o extension/wasm/prime.json
	log "cli: bin/barg"
	go build -trimpath -o bin/barg ./cmd/barg
	sizes
}

# optimize runs binaryen's wasm-opt -Oz on the wasm when it is installed
# (./build.sh deps installs it): about 480 KB less raw, which the 8 MiB budget
# needs. Without it the build still works, over the raw budget.
optimize() {
	if [ "${WASM_OPT:-1}" = 0 ]; then
		log "wasm-opt skipped (WASM_OPT=0): the wasm is unoptimized"
		return
	fi
	if ! command -v wasm-opt >/dev/null 2>&1; then
		log "wasm-opt not installed (./build.sh deps, or apt-get install binaryen): the wasm is unoptimized"
		return
	fi
	log "wasm-opt -Oz"
	sizes
	wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
		extension/wasm/barg.wasm -o extension/wasm/barg.opt.wasm
	mv extension/wasm/barg.opt.wasm extension/wasm/barg.wasm
}

# sizes prints the wasm's size raw and gzipped, against the budget
# (8 MiB raw, 2.25 MiB gzipped: goquery and gjson, issue 15; BENCHMARKS.md
# attributes the bytes by package).
sizes() {
	local raw gz
	raw=$(wc -c <extension/wasm/barg.wasm)
	gz=$(gzip -9c extension/wasm/barg.wasm | wc -c)
	log "barg.wasm: $raw bytes raw (budget 8388608), $gz bytes gzipped (budget 2359296)"
	# Before wasm-opt the lexicon is not written yet (build writes it after).
	[ -f extension/wasm/lexicon.img ] &&
		log "lexicon.img (fetched beside it, not compiled): $(wc -c <extension/wasm/lexicon.img) bytes"
	return 0
}

# stage BROWSER: copies what the extension ships into dist/BROWSER/ and writes
# that browser's manifest. The repository's manifest.json serves both browsers
# unpacked; each package keeps only its own background entry (Chromium: the
# service worker; Firefox: the event page) so that neither store warns.
stage() {
	local browser=$1 dir=dist/$1
	rm -rf "$dir" && mkdir -p "$dir"
	local f
	for f in manifest.json extension _locales LICENSE NOTICE; do
		[ -e "$f" ] && cp -r "$f" "$dir/"
	done
	# Sources of tests and generators are not part of the product.
	find "$dir" \( -name '*.test.js' -o -name '*.go' -o -name '*_test.*' \) -type f -delete
	find "$dir" -depth \( -name testdata -o -name gen \) -type d -exec rm -rf {} +
	find "$dir" -depth -type d -empty -delete
	[ "$browser" = unpacked ] && return
	node -e '
		const fs = require("fs");
		const [file, browser] = process.argv.slice(1);
		const m = JSON.parse(fs.readFileSync(file, "utf8"));
		if (browser === "chromium") {
			delete m.background.scripts;
			delete m.browser_specific_settings;
		} else {
			delete m.background.service_worker;
		}
		fs.writeFileSync(file, JSON.stringify(m, null, 2) + "\n");
	' "$dir/manifest.json" "$browser"
}

package() {
	build
	log "packaging: dist/"
	rm -rf dist && mkdir -p dist
	local v b
	v=$(node -p 'require("./manifest.json").version')
	for b in chromium firefox; do
		stage "$b"
		(cd "dist/$b" && zip -qr -X "../barg-$v-$b.zip" .)
	done
	ls -l dist/*.zip >&2
}

# lint: web-ext lint (Mozilla's linter) on the content of the Firefox package
# and of the unpacked tree with the shared manifest (never node_modules or the
# Go sources); fails on any error. The Chromium zip differs from the Firefox
# one only in its manifest's background entry and the gecko settings.
lint() {
	package
	stage unpacked
	deps_npm
	local b
	for b in firefox unpacked; do
		log "web-ext lint: dist/$b"
		npx --no-install web-ext lint --source-dir "dist/$b" --no-config-discovery --output text
	done
}

deps() {
	# Browsers for the end-to-end tests: chromium (required), firefox-esr (smoke test);
	# binaryen for the build.
	local want=()
	[ -x /usr/lib/chromium/chromium ] || want+=(chromium)
	[ -x /usr/bin/firefox-esr ] || want+=(firefox-esr)
	# binaryen's wasm-opt: the build needs it to meet the wasm size budget.
	command -v wasm-opt >/dev/null 2>&1 || want+=(binaryen)
	# pandoc: the citation test has pandoc's citeproc read Barg's CSL-JSON and BibTeX.
	command -v pandoc >/dev/null 2>&1 || want+=(pandoc)
	if [ ${#want[@]} -gt 0 ]; then
		log "installing ${want[*]} (apt)"
		export DEBIAN_FRONTEND=noninteractive
		local tmp
		tmp=$(mktemp -d) # a private TMPDIR avoids dpkg's "cannot stat" on shared machines
		TMPDIR=$tmp apt-get update -qq
		TMPDIR=$tmp apt-get install -y -qq "${want[@]}" >/dev/null
	fi
	deps_npm
}

# deps_npm installs the npm packages when node_modules is missing or older
# than package-lock.json (a pull that adds a package needs a new npm ci).
deps_npm() {
	[ -f package.json ] || return 0
	if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		log "npm ci"
		npm ci --no-audit --no-fund --loglevel=error
	fi
}

# fuzz_short runs the fuzz targets that guard untrusted input for a few
# seconds each: pages and upload bodies. Their seed corpora already ran as
# tests; this looks a little further on every CI run. Two packages only:
# building a package for fuzzing costs more than the fuzzing (6 targets in 4
# packages took 5 min on a loaded machine). A failing input is written under
# the package's testdata/fuzz/ and fails the build.
#
# The budget is a count of executions, about 3-4 s of each target on a quiet
# 2-core machine, not a duration: Go 1.26's fuzz coordinator can report its
# own -fuzztime deadline as a failure ("context deadline exceeded", no input
# written; golang/go#75804, fixed in Go 1.27), which failed CI once. A count
# sets no deadline. FUZZTIME overrides every budget (5s, 100000x; 0 skips).
fuzz_short() {
	[ "${FUZZTIME:-}" = 0 ] && return
	log "go test -fuzz (${FUZZTIME:-a count of executions} each)"
	local target
	for target in \
		shared/extract:FuzzFromHTML:12000x \
		shared/extract:FuzzMarkupPasses:40000x \
		shared/extract:FuzzLimitDepthRepeated:30000x \
		shared/receive:FuzzValidate:30000x \
		shared/receive:FuzzSplitItems:50000x; do
		local pkg=${target%%:*} rest=${target#*:}
		local name=${rest%%:*} budget=${FUZZTIME:-${rest#*:}}
		# Minimizing a new input may take longer than the run has left
		# (60 s by default): bound it too.
		go test -run '^$' -fuzz "^$name\$" -fuzztime "$budget" -fuzzminimizetime 200x "./$pkg"
	done
}

# fuzz_all is the long sweep: every fuzz target of the product's packages,
# found by name, for FUZZTIME each. It goes on after a failure and exits 1
# at the end if any failed.
fuzz_all() {
	local t=${FUZZTIME:-90s} failed=() pkg name
	local pkgs
	pkgs=$(go list ./... | grep -v /node_modules/)
	for pkg in $pkgs; do
		local dir=${pkg#github.com/barg-app/barg/}
		for name in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
			log "fuzz $dir $name ($t)"
			if ! go test -run '^$' -fuzz "^$name\$" -fuzztime "$t" -fuzzminimizetime 200x "./$dir"; then
				failed+=("$dir:$name")
			fi
		done
	done
	if [ ${#failed[@]} -gt 0 ]; then
		echo "fuzzing failed: ${failed[*]}" >&2
		exit 1
	fi
	log "all fuzz targets passed"
}

# within_budget fails the test run when the wasm is over its size budget
# (the one sizes prints): a plain build only reports it, since without
# wasm-opt it is over by design, but the tests run with wasm-opt installed.
within_budget() {
	local raw gz
	raw=$(wc -c <extension/wasm/barg.wasm)
	gz=$(gzip -9c extension/wasm/barg.wasm | wc -c)
	if [ "$raw" -gt 8388608 ] || [ "$gz" -gt 2359296 ]; then
		echo "barg.wasm is over its size budget: $raw bytes raw (8388608), $gz gzipped (2359296)" >&2
		exit 1
	fi
}

test_all() {
	deps # first: the build uses binaryen's wasm-opt
	build
	within_budget
	# The product's packages; node_modules may hold stray Go files of npm packages.
	local pkgs
	pkgs=$(go list ./... | grep -v /node_modules/)
	log "go vet + gofmt"
	go vet $pkgs
	local unformatted
	unformatted=$(gofmt -l cmd shared wasm e2e bench 2>/dev/null || true)
	if [ -n "$unformatted" ]; then echo "gofmt needed: $unformatted" >&2; exit 1; fi
	log "go test (product)"
	go test -count=1 $pkgs
	fuzz_short
	log "go vet (benchmark tools, their own module with the peer extractors)"
	(cd bench && go vet ./...)
	log "go test (end to end, headless Chromium)"
	(cd e2e && go vet ./... && go test -count=1 -timeout 30m ./...)
	if [ -f package.json ]; then
		log "extension unit tests (node --test)"
		npm test --silent
	fi
	log "all tests passed"
}

case "${1:-build}" in
build) build ;;
package) package ;;
lint) lint ;;
deps) deps ;;
test) test_all ;;
fuzz) fuzz_all ;;
*) echo "usage: $0 [build|package|lint|test|deps|fuzz]" >&2; exit 2 ;;
esac
