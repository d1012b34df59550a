#!/bin/sh
# cli-speed.sh: times `barg extract` over every scrapinghub-dev page in one
# process against readeck's go-readability doing the same (bench/cmd/peercli:
# read each file, extract, print one JSON line), both with GOMAXPROCS=1,
# alternating, ROUNDS times; prints wall, user and system seconds per run
# (issue 11's speed target, BENCHMARKS.md). readeck-html is readeck without
# its charset detection (x/net/html.Parse, then FromDocument): its cheapest
# call, though it then reads legacy pages wrongly.
#
#	bench/cli-speed.sh [ROUNDS]      (from the repository root; needs ../shared)
set -eu
rounds=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
set_dir="$root/../shared/eval/scrapinghub-dev/html"
[ -d "$set_dir" ] || { echo "cli-speed: $set_dir missing" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/pages"
for f in "$set_dir"/*.html.gz; do
	gunzip -c "$f" > "$tmp/pages/$(basename "$f" .gz)"
done
(cd "$root" && go build -o "$tmp/barg" ./cmd/barg)
(cd "$root/bench" && go build -o "$tmp/peercli" ./cmd/peercli)
echo "$(ls "$tmp/pages" | wc -l) pages, $(du -sh "$tmp/pages" | cut -f1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
while [ "$i" -lt "$rounds" ]; do
	GOMAXPROCS=1 /usr/bin/time -f "barg     wall %e s  user %U s  sys %S s  maxrss %M KB" "$tmp/barg" extract "$tmp"/pages/*.html > /dev/null
	GOMAXPROCS=1 /usr/bin/time -f "readeck  wall %e s  user %U s  sys %S s  maxrss %M KB" "$tmp/peercli" -peer readability "$tmp"/pages/*.html > /dev/null
	GOMAXPROCS=1 /usr/bin/time -f "readeck-html wall %e s  user %U s  sys %S s  maxrss %M KB" "$tmp/peercli" -peer readability-html "$tmp"/pages/*.html > /dev/null
	i=$((i + 1))
done
