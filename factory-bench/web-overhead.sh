#!/usr/bin/env bash
# W1 through the `factory` command in three modes, rotated so that each comes first in turn:
#   base    no --http;
#   scrape  --http, /metrics and /stats.json fetched every second by curl (what the factory itself
#           pays for serving: the JVM's own share);
#   web     --http with the live page open in headless Chromium and /metrics scraped every second
#           (the browser draws on the same 2 cores). Chromium is started on about:blank before the
#           run and opens the page through its DevTools endpoint once the factory serves, so its
#           own start-up is not counted; the CPU seconds its processes spent while the page was
#           open are printed beside the run.
# One line per run (wall seconds, the factory's CPU seconds), then the medians and ratios.
#   factory-bench/web-overhead.sh [ROUNDS] [SCALE]     (defaults: 3 rounds, scale 0.05: K 5,000, N 1,000,000)
# Needs: the built CLI (./factory builds it), chromium and curl. Output and scratch files go to a
# temporary directory that is removed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pairs=${1:-3}
scale=${2:-0.05}
. "$root/.mvn/find-jdk.sh"
work=$(mktemp -d)
browser=""
trap '[ -n "$browser" ] && pkill -KILL -f -- "$work/profile"; rm -rf "$work"' EXIT
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

# CPU seconds (user + system) of the processes whose command line holds $1, from /proc
cpu_of() {
  local total=0 pid
  for pid in $(pgrep -f -- "$1" || true); do
    total=$(awk -v t="$total" -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print t + ($12 + $13) / hz }' "/proc/$pid/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}

# Headless Chromium on about:blank, started before the run so that its start-up is not counted:
# the page is opened in it through the DevTools endpoint once the factory serves.
start_browser() {
  rm -rf "$work/profile"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile" --window-size=1400,1180 \
    --remote-debugging-port=0 about:blank >/dev/null 2>&1 &
  browser=$!
  devtools=""
  for _ in $(seq 1 400); do
    [ -s "$work/profile/DevToolsActivePort" ] && { devtools=$(head -1 "$work/profile/DevToolsActivePort"); break; }
    sleep 0.05
  done
  [ -n "$devtools" ] || { echo "chromium did not open its DevTools port" >&2; exit 1; }
  sleep 2 # let its start-up settle before the factory starts
}

stop_browser() {
  kill -TERM "$browser" 2>/dev/null || true
  wait "$browser" 2>/dev/null || true
  pkill -KILL -f -- "$work/profile" 2>/dev/null || true
}

# one run; sets seconds (the command's own "done after X s"), factory_cpu and browser_cpu
run() {
  local mode=$1 log="$work/run.log" err="$work/run.err" cpu="$work/factory.cpu"
  rm -rf "$work/out"
  browser_cpu=""
  local http=()
  [ "$mode" = base ] || http=(--http 127.0.0.1:0)
  [ "$mode" = web ] && start_browser
  ( TIMEFORMAT='%U %S'; time "$root/factory" run --plugins "$work/plugins" --blueprint w1 --input "$work/w1.jsonl" \
      --warehouse "jsonl:$work/out" "${http[@]}" >"$log" 2>"$err" ) 2>"$cpu" &
  local factory=$!
  if [ "$mode" != base ]; then
    local url=""
    for _ in $(seq 1 400); do
      url=$(grep -o 'serving http://[0-9.:]*/' "$err" | head -1 | cut -c9-) || true
      [ -n "$url" ] && break
      sleep 0.05
    done
    [ -n "$url" ] || { echo "the $mode run did not serve:" >&2; cat "$log" "$err" >&2; exit 1; }
    local browser_before=0
    if [ "$mode" = web ]; then
      browser_before=$(cpu_of "$work/profile")
      curl -s -o /dev/null -X PUT "http://127.0.0.1:$devtools/json/new?$url" \
        || { echo "chromium did not open $url" >&2; exit 1; }
    fi
    ( while kill -0 "$factory" 2>/dev/null; do
        curl -s -o /dev/null --max-time 2 "${url}metrics" || true
        [ "$mode" = scrape ] && { curl -s -o /dev/null --max-time 2 "${url}stats.json" || true; }
        sleep 1
      done ) &
    local scraper=$!
    wait "$factory"
    if [ "$mode" = web ]; then
      browser_cpu=$(awk -v a="$(cpu_of "$work/profile")" -v b="$browser_before" 'BEGIN { printf "%.1f", a - b }')
      stop_browser
    fi
    wait "$scraper" 2>/dev/null || true
  else
    wait "$factory"
  fi
  grep -q "^done after" "$log" || { echo "the $mode run failed:" >&2; cat "$log" "$err" >&2; exit 1; }
  seconds=$(sed -n 's/^done after \([0-9.]*\) s:.*/\1/p' "$log")
  factory_cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$cpu")
}

base=()
scrape=()
web=()
base_cpu=()
scrape_cpu=()
web_cpu=()
orders=("base scrape web" "scrape web base" "web base scrape")
for i in $(seq 1 "$pairs"); do
  for mode in ${orders[$(((i - 1) % 3))]}; do
    run "$mode"
    s=$seconds
    echo "round=$i mode=$mode seconds=$s materials_per_s=$(awk "BEGIN { printf \"%.0f\", $n / $s }") factory_cpu_s=$factory_cpu${browser_cpu:+ browser_cpu_s=$browser_cpu}"
    case $mode in base) base+=("$s"); base_cpu+=("$factory_cpu") ;; scrape) scrape+=("$s"); scrape_cpu+=("$factory_cpu") ;; web) web+=("$s"); web_cpu+=("$factory_cpu") ;; esac
  done
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mb=$(median "${base[@]}")
ms=$(median "${scrape[@]}")
mw=$(median "${web[@]}")
echo "median base=${mb}s scrape=${ms}s web=${mw}s scrape/base=$(awk "BEGIN { printf \"%.3f\", $ms / $mb }") web/base=$(awk "BEGIN { printf \"%.3f\", $mw / $mb }")"
cb=$(median "${base_cpu[@]}")
cs=$(median "${scrape_cpu[@]}")
cw=$(median "${web_cpu[@]}")
echo "median factory CPU base=${cb}s scrape=${cs}s web=${cw}s scrape/base=$(awk "BEGIN { printf \"%.3f\", $cs / $cb }") web/base=$(awk "BEGIN { printf \"%.3f\", $cw / $cb }")"
