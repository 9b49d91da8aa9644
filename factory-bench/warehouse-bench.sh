#!/usr/bin/env bash
# D1 end to end: the demo's flows (synthetic packets -> flow records) through the `factory` command
# into each warehouse in turn (JSON Lines files, CSV files, an embedded DuckDB file), the order
# rotating each round, one line per run, then the median packets/s of each and its ratio to files.
#   factory-bench/warehouse-bench.sh [ROUNDS] [PACKETS]     (defaults: 3 rounds, 2,000,000 packets)
# A warehouse is "never the bottleneck" when its ratio to files stays near 1. PostgreSQL's rows/s
# are DatabaseBench's (it starts its own cluster). Scratch files go to a temporary directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-3}
packets=${2:-2000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
peers=(jsonl csv duckdb)

"$root/factory" --version >/dev/null
echo "demo into warehouses: $packets packets, $rounds rounds, $(nproc) cores, $(date -u +%FT%TZ), load $(cut -d' ' -f1 /proc/loadavg)" >&2

for round in $(seq 0 $((rounds - 1))); do
  for i in "${!peers[@]}"; do
    peer=${peers[$(((i + round) % ${#peers[@]}))]}
    rm -rf "$work/out" "$work/flows.duckdb"
    case $peer in
      duckdb) uri="duckdb:$work/flows.duckdb" ;;
      *) uri="$peer:$work/out" ;;
    esac
    summary=$("$root/factory" demo --seconds 0 --materials "$packets" --warehouse "$uri" 2>&1 | grep '^done after' | tail -1)
    seconds=$(sed -E 's/^done after ([0-9.]+) s.*/\1/' <<<"$summary")
    shipped=$(sed -E 's/.*shipped ([0-9,]+) products.*/\1/' <<<"$summary" | tr -d ,)
    awk -v p="$peer" -v n="$packets" -v s="$seconds" -v r="$shipped" \
      'BEGIN { printf "peer=%s bench=D1 mode=demo packets=%d rows=%d seconds=%.3f packets_per_s=%.0f\n", p, n, r, s, n / s }'
  done
done | tee "$work/runs.txt"

base=""
for peer in "${peers[@]}"; do
  median=$(grep "^peer=$peer " "$work/runs.txt" | sed -E 's/.*packets_per_s=([0-9]+).*/\1/' | sort -n \
    | awk '{ xs[NR] = $1 } END { print xs[int((NR + 1) / 2)] }')
  [ -z "$base" ] && base=$median
  awk -v p="$peer" -v m="$median" -v b="$base" 'BEGIN { printf "median peer=%s packets_per_s=%d ratio_to_jsonl=%.2f\n", p, m, m / b }'
done
