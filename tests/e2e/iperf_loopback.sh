#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# iperf_loopback.sh — `notspot throughput` and `notspot latency` as a user runs
# them, against a real `iperf3 -s` on 127.0.0.1, recording into a survey made
# by `notspot demo`: measurements and failures must land as samples with their
# reasons, and the exit statuses must say what happened. Loopback only.
set -u
top=$(pwd)
ns=$top/notspot
[ -x "$ns" ] || { echo "iperf_loopback: ./notspot is not built"; exit 77; }
command -v iperf3 >/dev/null 2>&1 || { echo "iperf_loopback: iperf3 is not installed"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "iperf_loopback: sqlite3 is not installed"; exit 77; }

tmp=$(mktemp -d /tmp/notspot-e2e-iperf-XXXXXX)
srv_pid=""
cleanup() {
	[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

fail() { echo "iperf_loopback: FAIL: $*"; exit 1; }

# A free port: ask the kernel, then let go of it.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
iperf3 -s -B 127.0.0.1 -p "$port" >/dev/null 2>&1 &
srv_pid=$!
hexport=$(printf '%04X' "$port")
i=0
until grep -q "0100007F:$hexport 00000000:0000 0A" /proc/net/tcp; do
	i=$((i + 1))
	[ $i -gt 300 ] && fail "iperf3 -s did not start listening on $port"
	sleep 0.01
done

"$ns" demo -o "$tmp" >/dev/null || fail "notspot demo did not make a survey"
db=$tmp/example.notspot
walk=$(sqlite3 "$db" 'SELECT min(id) FROM walks')
[ -n "$walk" ] || fail "the demo survey has no walk"
before=$(sqlite3 "$db" 'SELECT count(*) FROM samples WHERE kind IN (3,4)')

# Upload and download over TCP, then UDP at 20 Mbit/s, stored in the walk.
"$ns" throughput -s "127.0.0.1:$port" -t 1 --both --survey "$db" --walk-id "$walk" >"$tmp/tcp.txt" 2>&1 ||
	fail "TCP up+down failed: $(cat "$tmp/tcp.txt")"
grep -q '^tcp up ' "$tmp/tcp.txt" && grep -q '^tcp down ' "$tmp/tcp.txt" || fail "no up and down rows: $(cat "$tmp/tcp.txt")"
"$ns" throughput -s "127.0.0.1:$port" -t 2 -b 20M --json --survey "$db" --walk-id "$walk" >"$tmp/udp.json" ||
	fail "UDP at 20 Mbit/s failed: $(cat "$tmp/udp.json")"
python3 - "$tmp/udp.json" <<'EOF' || fail "UDP figures are not plausible: $(cat "$tmp/udp.json")"
import json, sys
r = json.load(open(sys.argv[1]))[0]
assert r["status"] == "ok" and r["protocol"] == "udp", r
assert 18.0 <= r["mbps"] <= 22.0, r["mbps"]
assert r["loss_pct"] < 1.0 and r["jitter_ms"] >= 0, r
assert r["sample_id"] > 0
print("iperf_loopback: udp %.2f Mbit/s, jitter %.3f ms, loss %.2f %%" % (r["mbps"], r["jitter_ms"], r["loss_pct"]))
EOF

# Nothing listening: exit 1, a sentence on stderr, and the failure stored.
start=$(date +%s)
"$ns" throughput -s "127.0.0.1:$closed" -t 1 --timeout 5 --survey "$db" --walk-id "$walk" >"$tmp/refused.out" 2>"$tmp/refused.err"
rc=$?
[ $rc -eq 1 ] || fail "a refused test exited $rc, not 1"
[ $(($(date +%s) - start)) -le 3 ] || fail "a refused test took more than 3 s"
grep -q "^notspot: throughput: the iperf3 server at 127.0.0.1:$closed refused the connection" "$tmp/refused.err" ||
	fail "no reason on stderr: $(cat "$tmp/refused.err")"
[ "$(wc -l <"$tmp/refused.err")" -eq 1 ] || fail "more than one line on stderr: $(cat "$tmp/refused.err")"

# Latency to loopback, stored.
"$ns" latency 127.0.0.1 -c 5 --interval 0.05 --survey "$db" --walk-id "$walk" >"$tmp/lat.txt" ||
	fail "latency to 127.0.0.1 failed: $(cat "$tmp/lat.txt")"
grep -q "5/5 replies" "$tmp/lat.txt" || fail "latency lost probes on loopback: $(cat "$tmp/lat.txt")"

# Usage errors are exit 2.
"$ns" throughput -s 127.0.0.1 --parallel 0 >/dev/null 2>&1
[ $? -eq 2 ] || fail "--parallel 0 was not a usage error"
"$ns" throughput >/dev/null 2>&1
[ $? -eq 2 ] || fail "a missing -s was not a usage error"

# What the survey holds now: 3 good throughput samples, 1 failure, 1 latency.
after=$(sqlite3 "$db" 'SELECT count(*) FROM samples WHERE kind IN (3,4)')
[ $((after - before)) -eq 5 ] || fail "expected 5 new samples, found $((after - before))"
rows=$(sqlite3 -separator ' ' "$db" "SELECT s.kind, s.status, t.protocol, t.direction,
	t.mbps IS NOT NULL, t.rtt_ms IS NOT NULL, t.error != '' FROM samples s JOIN throughputs t
	ON t.sample_id = s.id WHERE s.walk_id = $walk AND s.kind IN (3,4) ORDER BY s.id")
printf '%s\n' "3 0 tcp up 1 0 0" "3 0 tcp down 1 0 0" "3 0 udp up 1 0 0" "3 4 tcp up 0 0 1" >"$tmp/expected"
echo "$rows" | sed -n 1,4p | diff "$tmp/expected" - >/dev/null || fail "stored samples are not as measured: $rows"
echo "$rows" | sed -n 5p | grep -Eq '^4 0 (icmp|udp) rtt 0 1 0$' || fail "the latency sample is not as measured: $rows"
echo "iperf_loopback: ok"
exit 0
