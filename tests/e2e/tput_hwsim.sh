#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tput_hwsim.sh — throughput and latency across a simulated Wi-Fi link.
#
# Boots Debian's stock kernel under QEMU (TCG) with mac80211_hwsim (the boot is
# tests/e2e/lib/vm.sh's), puts the
# AP's radio in its own network namespace with iperf3 -s behind it, and runs
# `notspot throughput` and `notspot latency` from the station (tests/e2e/
# tput_hwsim.vm). Checks here on the host: TCP up and down and UDP at a set
# rate measured across the link and stored in a walk with the link's expected
# throughput and byte-counter rates; no test while not associated; RTT to the
# host and to the default gateway. Then a recorded stop-and-go walk across the
# link (`notspot record --throughput --latency`, four points): the survey
# comes back over the console and must hold one throughput and one latency
# result per point, at the point; its throughput and RTT maps are rendered
# into build/e2e-artefacts/vm-throughput.png and vm-rtt.png.
#
# The boot (kernel .deb fetched into build/e2e-cache and reused, initramfs,
# QEMU) is tests/e2e/lib/vm.sh's. Skips (exit 77) only where QEMU cannot run.
# E2E_KEEP=1 keeps the work dir; E2E_VERBOSE=1 prints the whole console.
set -u

top=$(pwd)
say() { echo "e2e tput_hwsim: $*"; }
fail() { say "FAIL: $*"; exit 1; }
. "$top/tests/e2e/lib/vm.sh"

vm_require_qemu
vm_require_tools iw hostapd wpa_supplicant busybox cpio python3 sqlite3 iperf3
vm_kernel
vm_workdir notspot-e2e-tput
vm_modules ctr ccm cmac ecb mac80211_hwsim
vm_binaries iw hostapd wpa_supplicant sqlite3 iperf3
vm_firmware
# The survey the VM walk records into: the example hospital floor, made here.
"$notspot" new "$root/survey.notspot" --site "e2e VM" >/dev/null &&
	(cd "$top/floorplans/examples" &&
	 "$notspot" floor add "$root/survey.notspot" --sidecar hospital-level2.json >/dev/null) ||
	fail "cannot make the walk's survey from floorplans/examples/hospital-level2.json"
vm_initramfs tests/e2e/tput_hwsim.vm
vm_boot 400

python3 - "$work/console.txt" "$work/vm-walk.notspot" <<'CHECK'
import base64, gzip, json, re, sqlite3, sys

text = open(sys.argv[1], errors="replace").read()
sections = {}
for m in re.finditer(r"=== BEGIN (\S+)\n(.*?)^=== END \1 rc=(\d+)$", text, re.S | re.M):
    sections[m.group(1)] = (m.group(2), int(m.group(3)))
bad = []

def check(ok, what):
    if not ok:
        bad.append(what)
    return ok

def js(name):
    # The JSON starts at a line that is just "[" or "{"; progress lines (the
    # console is a terminal) and stderr come before it.
    body, rc = sections.get(name, ("", -1))
    lines = body.split("\n")
    for i, l in enumerate(lines):
        if l.strip() in ("[", "{"):
            try:
                return json.loads("\n".join(lines[i:])), rc
            except ValueError:
                break
    bad.append("%s: no JSON in %r" % (name, body[:300]))
    return None, rc

un, rc = js("ns-tput-unassoc")
if un:
    check(rc == 1 and un[0]["status"] == "not-associated", "unassociated test: %r rc=%d" % (un, rc))

tcp, rc = js("ns-tput-tcp")
if check(tcp and len(tcp) == 2 and rc == 0, "TCP up+down: %r rc=%d" % (tcp, rc)):
    for r, counter in zip(tcp, ("tx_mbps", "rx_mbps")):
        print("e2e tput_hwsim: tcp %s %.2f Mbit/s, link expected %s, %s %s" % (
            r["direction"], r["mbps"] or 0, r["link"] and r["link"]["expected_mbps"],
            counter, r["link"] and r["link"][counter]))
        check(r["status"] == "ok" and r["mbps"] > 0.5, "tcp %s: %r" % (r["direction"], r))
        l = r["link"]
        if check(l is not None, "tcp %s has no link side" % r["direction"]):
            check(l["expected_mbps"] and l["expected_mbps"] > 0, "no expected throughput: %r" % l)
            # What the counters saw over the test is at least a good part of
            # what iperf moved (the counters also count headers and ACKs).
            check(l[counter] and l[counter] > 0.5 * r["mbps"], "%s %r vs %.2f" % (counter, l[counter], r["mbps"]))

udp, rc = js("ns-tput-udp")
if check(udp and rc == 0, "UDP: %r rc=%d" % (udp, rc)):
    r = udp[0]
    print("e2e tput_hwsim: udp up at 5 Mbit/s: %.2f Mbit/s, jitter %.3f ms, loss %.2f %%" % (
        r["mbps"], r["jitter_ms"], r["loss_pct"]))
    check(r["status"] == "ok" and 4.0 <= r["mbps"] <= 5.5, "udp rate: %r" % r)
    check(r["loss_pct"] is not None and r["loss_pct"] < 10, "udp loss: %r" % r)

lat, rc = js("ns-latency")
if check(lat and rc == 0, "latency: %r rc=%d" % (lat, rc)):
    print("e2e tput_hwsim: rtt %.3f/%.3f/%.3f ms, jitter %.3f ms, loss %.0f %% (%s)" % (
        lat["rtt_min_ms"], lat["rtt_avg_ms"], lat["rtt_max_ms"], lat["jitter_ms"], lat["loss_pct"], lat["method"]))
    check(lat["status"] == "ok" and lat["received"] >= 4 and lat["protocol"] == "icmp", "latency: %r" % lat)

gw, rc = js("ns-latency-gw")
if check(gw and rc == 0, "gateway latency: %r rc=%d" % (gw, rc)):
    check(gw["server"] == "10.77.0.1" and gw["status"] == "ok", "gateway: %r" % gw)

rows = sections.get("ns-tputdb", ("", -1))[0].split("\n")
rows = [x for x in rows if x.strip()]
want = ["3 0 tcp up 1 1", "3 0 tcp down 1 1", "3 0 udp up 1 1"]
check(rows[:3] == want, "stored throughput samples: %r, want %r" % (rows, want))
check(len(rows) == 4 and rows[3].startswith("4 0 icmp rtt"), "stored latency sample: %r" % rows)

# ---- the recorded stop-and-go walk ----
points = [(6.0, 6.0), (16.0, 12.0), (26.0, 6.0), (36.0, 12.0)]
txpower = [15, 10, 6, 2]  # dBm, as the VM script set them
wrc = sections.get("ns-walk-rc", ("", -1))[0].strip()
check(wrc == "0", "record exited %r: %s" % (wrc, sections.get("ns-walk-err", ("", 0))[0][-600:]))
out = []
for l in sections.get("ns-walk", ("", 0))[0].split("\n"):
    if l.startswith("{"):
        try:
            out.append(json.loads(l))
        except ValueError:
            bad.append("walk: not JSON: %r" % l[:200])
wps = [o for o in out if o["type"] == "waypoint"]
tps = [o for o in out if o.get("kind") == "throughput"]
lats = [o for o in out if o.get("kind") == "latency"]
done = [o for o in out if o["type"] == "point-done"]
links = [o for o in out if o.get("kind") == "link"]
check([(w["x_m"], w["y_m"]) for w in wps] == points, "walk waypoints: %r" % wps)
check(len(tps) == 4 and len(lats) == 4 and len(done) == 4,
      "walk: %d throughput, %d latency, %d point-done lines, want 4 each" % (len(tps), len(lats), len(done)))
for k in range(min(len(tps), len(lats), len(wps), len(done))):
    t, la, w = tps[k], lats[k], wps[k]
    during = [o for o in links if w["t_us"] <= o["t_us"] <= t["t_us"]]
    sig = [o["link"]["signal_dbm"] for o in during if o.get("link")]
    print("e2e tput_hwsim: walk point %d at (%g, %g), AP tx %d dBm: tcp down %.1f Mbit/s (link expected %s), "
          "rtt %s ms, jitter %s ms, loss %s %%; %d link polls during the test, signal %s dBm" % (
              k, w["x_m"], w["y_m"], txpower[k], t["mbps"] or 0, t["link_expected_throughput_mbps"],
              la["rtt_ms"], la["jitter_ms"], la["loss_pct"], len(during),
              "/".join("%g" % x for x in sorted(set(sig)))))
    check(t["status"] == "ok" and t["direction"] == "down" and t["mbps"] and t["mbps"] > 0.5,
          "walk point %d throughput: %r" % (k, t))
    check((t["x_m"], t["y_m"]) == points[k], "walk point %d throughput placed at %r" % (k, (t["x_m"], t["y_m"])))
    check(la["status"] == "ok" and la["rtt_ms"] > 0 and (la["x_m"], la["y_m"]) == points[k],
          "walk point %d latency: %r" % (k, la))
    check(len(during) >= 1, "walk point %d: no link poll while iperf3 ran" % k)
    check(w["t_us"] <= t["t_us"] <= done[k]["t_us"] and (k + 1 >= len(wps) or done[k]["t_us"] <= wps[k + 1]["t_us"]),
          "walk point %d: tests not between its tap and the next" % k)

# The survey file itself, back from the VM: one throughput sample per point, at the point.
b64 = sections.get("ns-walk-file", ("", 1))
try:
    open(sys.argv[2], "wb").write(gzip.decompress(base64.b64decode(b64[0])))
    db = sqlite3.connect(sys.argv[2])
    walk = db.execute("select max(id) from walks").fetchone()[0]
    got = db.execute("select s.x_m, s.y_m, s.status, t.protocol, t.mbps > 0 from samples s "
                     "join throughputs t on t.sample_id = s.id where s.walk_id = ? and s.kind = 3 "
                     "order by s.t_us", (walk,)).fetchall()
    check([(r[0], r[1]) for r in got] == points and all(r[2:] == (0, "tcp", 1) for r in got),
          "survey throughput samples of walk %r: %r" % (walk, got))
    n = db.execute("select count(*) from samples where walk_id = ? and kind = 4 and status = 0",
                   (walk,)).fetchone()[0]
    check(n == 4, "survey latency samples: %d, want 4" % n)
    db.close()
except Exception as e:
    bad.append("the walk's survey file from the VM: %s" % e)

for b in bad:
    print("e2e tput_hwsim: FAIL: " + b)
if not bad:
    print("e2e tput_hwsim: ok")
sys.exit(1 if bad else 0)
CHECK
rc=$?
if [ $rc -eq 0 ]; then
	mkdir -p "$top/build/e2e-artefacts"
	for m in throughput rtt; do
		"$notspot" render "$work/vm-walk.notspot" --floor "Level 2" --ward "Ward 21" --map $m \
			--show-samples --show-path --width 1200 -o "$top/build/e2e-artefacts/vm-$m.png" ||
			{ say "FAIL: notspot render --map $m of the VM walk"; rc=1; }
		[ -s "$top/build/e2e-artefacts/vm-$m.png" ] || { say "FAIL: no vm-$m.png"; rc=1; }
	done
	[ $rc -eq 0 ] && say "maps of the VM walk: build/e2e-artefacts/vm-throughput.png, vm-rtt.png"
fi
# (the console without the survey file's base64)
[ $rc -eq 0 ] || { [ "${E2E_VERBOSE:-0}" = 1 ] ||
	sed '/^=== BEGIN ns-walk-file/,/^=== END ns-walk-file/d' "$work/console.txt" | tail -80; }
[ "${E2E_KEEP:-0}" = 1 ] && say "work dir kept: $work"
exit $rc
