#!/usr/bin/env bash
# W1 through the `factory` command in three modes, rotated so that each comes first in turn:
#   base    no --http;
#   scrape  --http, /metrics and /stats.json fetched every second by curl (what the factory itself
#           pays for serving: the JVM's own share);
#   web     --http with the live page open in headless Chromium and /metrics scraped every second
#           (the browser draws on the same 2 cores; its CPU seconds are printed beside the run).
# One line per run, then the medians and ratios.
#   factory-bench/web-overhead.sh [ROUNDS] [SCALE]     (defaults: 3 rounds, scale 0.05: K 5,000, N 1,000,000)
# Needs: the built CLI (./factory builds it), chromium and curl. Output and scratch files go to a
# temporary directory that is removed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pairs=${1:-3}
scale=${2:-0.05}
. "$root/.mvn/find-jdk.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
k=$(awk "BEGIN { printf \"%d\", 100000 * $scale }")
n=$(awk "BEGIN { printf \"%d\", 20000000 * $scale }")

"$root/factory" --version >/dev/null
api=$(tr ':' '\n' < "$root/factory-cli/target/runtime.modulepath" | grep factory-api)
mkdir -p "$work/classes/META-INF/services" "$work/plugins"
"$JAVA_HOME/bin/javac" --release 25 -cp "$api" -d "$work/classes" "$root/factory-bench/web/W1Map.java"
echo "bench.web.W1Map" > "$work/classes/META-INF/services/io.github.loomfactory.api.Blueprint"
"$JAVA_HOME/bin/jar" --create --file "$work/plugins/w1.jar" -C "$work/classes" .
"$JAVA_HOME/bin/java" "$root/factory-bench/web/W1Input.java" "$k" "$n" > "$work/w1.jsonl"
echo "W1 via the CLI: K=$k N=$n, $(nproc) cores, $(date -u +%FT%TZ)" >&2

# one run; prints its seconds (the command's own "done after X s")
run() {
  local mode=$1 log="$work/run.log" err="$work/run.err"
  rm -rf "$work/out"
  browser_cpu=""
  if [ "$mode" = base ]; then
    "$root/factory" run --plugins "$work/plugins" --blueprint w1 --input "$work/w1.jsonl" --warehouse "jsonl:$work/out" >"$log" 2>"$err"
  else
    "$root/factory" run --plugins "$work/plugins" --blueprint w1 --input "$work/w1.jsonl" --warehouse "jsonl:$work/out" \
      --http 127.0.0.1:0 >"$log" 2>"$err" &
    local factory=$!
    local url=""
    for _ in $(seq 1 200); do
      url=$(grep -o 'serving http://[0-9.:]*/' "$err" | head -1 | cut -c9-) || true
      [ -n "$url" ] && break
      sleep 0.05
    done
    local browser=""
    if [ "$mode" = web ]; then
    rm -rf "$work/profile"
    ( TIMEFORMAT='%U %S'; time chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
      --disable-component-update --disable-sync --user-data-dir="$work/profile" --window-size=1400,1180 \
      "$url" >/dev/null 2>&1 ) 2>"$work/browser.time" &
    browser=$!
    fi
    ( while kill -0 "$factory" 2>/dev/null; do
        curl -s -o /dev/null --max-time 2 "${url}metrics" || true
        [ "$mode" = scrape ] && { curl -s -o /dev/null --max-time 2 "${url}stats.json" || true; }
        sleep 1
      done ) &
    local scraper=$!
    wait "$factory"
    if [ -n "$browser" ]; then
      pkill -TERM -P "$browser" 2>/dev/null || true
      wait "$browser" 2>/dev/null || true
      browser_cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$work/browser.time" 2>/dev/null || true)
    fi
    wait "$scraper" 2>/dev/null || true
  fi
  grep -q "^done after" "$log" || { echo "the $mode run failed:" >&2; cat "$log" "$err" >&2; exit 1; }
  sed -n 's/^done after \([0-9.]*\) s:.*/\1/p' "$log"
}

base=()
scrape=()
web=()
orders=("base scrape web" "scrape web base" "web base scrape")
for i in $(seq 1 "$pairs"); do
  for mode in ${orders[$(((i - 1) % 3))]}; do
    run "$mode" > "$work/seconds"
    s=$(cat "$work/seconds")
    echo "round=$i mode=$mode seconds=$s materials_per_s=$(awk "BEGIN { printf \"%.0f\", $n / $s }")${browser_cpu:+ browser_cpu_s=$browser_cpu}"
    case $mode in base) base+=("$s") ;; scrape) scrape+=("$s") ;; web) web+=("$s") ;; esac
  done
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mb=$(median "${base[@]}")
ms=$(median "${scrape[@]}")
mw=$(median "${web[@]}")
echo "median base=${mb}s scrape=${ms}s web=${mw}s scrape/base=$(awk "BEGIN { printf \"%.3f\", $ms / $mb }") web/base=$(awk "BEGIN { printf \"%.3f\", $mw / $mb }")"
