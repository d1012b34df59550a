#!/usr/bin/env bash
# Builds Barg. The repository root is the unpacked extension.
#
#   ./build.sh            build the WebAssembly and the CLI (bin/barg): the extension is then ready
#                         to load unpacked from this folder
#   ./build.sh package    also write store-ready zips for Chromium and Firefox to dist/
#   ./build.sh test       build, then run every test: Go unit tests, browser end-to-end tests
#                         (installs Debian's chromium when missing), extension unit tests
#   ./build.sh deps       install the test tools only (chromium, npm packages)
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

build() {
	log "wasm: extension/wasm/barg.wasm"
	mkdir -p extension/wasm bin
	GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o extension/wasm/barg.wasm ./wasm
	cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" extension/wasm/wasm_exec.js
	log "cli: bin/barg"
	go build -trimpath -o bin/barg ./cmd/barg
	local raw gz
	raw=$(wc -c <extension/wasm/barg.wasm)
	gz=$(gzip -9c extension/wasm/barg.wasm | wc -c)
	log "barg.wasm: $raw bytes raw, $gz bytes gzipped"
}

package() {
	build
	log "packaging: dist/"
	rm -rf dist && mkdir -p dist
	local files=(manifest.json extension _locales LICENSE NOTICE)
	local existing=()
	for f in "${files[@]}"; do [ -e "$f" ] && existing+=("$f"); done
	local v
	v=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' manifest.json | head -1)
	(zip -qr -X "dist/barg-$v-chromium.zip" "${existing[@]}" -x '*/upload/*.test.js' -x '*.test.js')
	(zip -qr -X "dist/barg-$v-firefox.zip" "${existing[@]}" -x '*.test.js')
	ls -l dist >&2
}

deps() {
	if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/lib/chromium/chromium ]; then
		log "installing chromium (apt)"
		export DEBIAN_FRONTEND=noninteractive
		local tmp
		tmp=$(mktemp -d)
		TMPDIR=$tmp apt-get update -qq
		TMPDIR=$tmp apt-get install -y -qq chromium >/dev/null
	fi
	if [ -f package.json ] && [ ! -d node_modules ]; then
		log "npm ci"
		npm ci --no-audit --no-fund --loglevel=error
	fi
}

test_all() {
	build
	deps
	log "go vet + gofmt"
	go vet ./...
	local unformatted
	unformatted=$(gofmt -l cmd shared wasm e2e bench 2>/dev/null || true)
	if [ -n "$unformatted" ]; then echo "gofmt needed: $unformatted" >&2; exit 1; fi
	log "go test (product)"
	go test -count=1 ./...
	log "go test (end to end, headless Chromium)"
	(cd e2e && go vet ./... && go test -count=1 -timeout 20m ./...)
	if [ -f package.json ]; then
		log "extension unit tests (node --test)"
		npm test --silent
	fi
	log "all tests passed"
}

case "${1:-build}" in
build) build ;;
package) package ;;
deps) deps ;;
test) test_all ;;
*) echo "usage: $0 [build|package|test|deps]" >&2; exit 2 ;;
esac
