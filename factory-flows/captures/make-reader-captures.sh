#!/usr/bin/env bash
# Makes the real captures the capture readers' tests read (factory-flows/src/test/resources/captures/reader):
# one run of LoopbackTraffic.java on loopback, captured by dumpcap as pcapng (its default format) on lo
# alone and on lo plus "any" (two interfaces of two link types in one file), then converted by editcap to
# classic nanosecond pcap; and, beside each, tshark's own dissection of every frame (frame number, time,
# addresses, ports, IP protocol, frame length, TCP flags, then the transport lengths, ICMP type and code and IP
# lengths the payload length follows from), which the tests compare packet for packet.
# Needs root (capture and ICMP), dumpcap, editcap and tshark (Debian: wireshark-common, tshark).
#   factory-flows/captures/make-reader-captures.sh [--dissect-only]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/factory-flows/src/test/resources/captures/reader"
. "$root/.mvn/find-jdk.sh"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

filter='host 127.13.13.1 or host ::1'
capture() { # capture NAME INTERFACE... : runs the traffic once while dumpcap captures, then keeps only its frames
  local name=$1; shift
  local args=()
  for interface in "$@"; do args+=(-i "$interface" -f "$filter"); done
  dumpcap -q "${args[@]}" -w "$tmp/$name.raw.pcapng" &
  local pid=$!
  sleep 2 # dumpcap has no "ready" signal; this only decides when the capture starts, not what the tests see
  "$JAVA_HOME/bin/java" "$here/LoopbackTraffic.java" > "$tmp/$name.filter"
  sleep 1
  kill -INT "$pid"
  wait "$pid" || true
  # other programs' traffic on ::1 is cut out by the generator's own display filter; tshark writes pcapng
  tshark -r "$tmp/$name.raw.pcapng" -Y "$(cat "$tmp/$name.filter")" -F pcapng -w "$tmp/$name.pcapng" 2>/dev/null
}

dissect() { # dissect FILE : tshark's view of each frame, tab-separated, one line per frame
  tshark -r "$1" -T fields -E separator=/t -E occurrence=f \
    -e frame.number -e frame.time_epoch -e ip.src -e ipv6.src -e ip.dst -e ipv6.dst \
    -e tcp.srcport -e udp.srcport -e tcp.dstport -e udp.dstport -e ip.proto -e ipv6.nxt -e frame.len -e tcp.flags \
    -e tcp.len -e udp.length -e icmp.type -e icmp.code -e icmpv6.type -e icmpv6.code -e ip.len -e ip.hdr_len -e ipv6.plen \
    2>/dev/null
}

if [[ "${1:-}" != --dissect-only ]]; then # --dissect-only: keep the captures, redo tshark's dissection
  capture loopback lo
  capture two-interfaces lo any
  cp "$tmp/loopback.pcapng" "$tmp/two-interfaces.pcapng" "$out/"
  editcap -F nsecpcap "$out/loopback.pcapng" "$out/loopback.pcap"
fi
for file in loopback.pcapng loopback.pcap two-interfaces.pcapng; do
  dissect "$out/$file" > "$out/$file.tsv"
done
echo "make-reader-captures: wrote $(ls "$out" | tr '\n' ' ')in $out"
