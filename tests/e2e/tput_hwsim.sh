#!/bin/sh
# tput_hwsim.sh — throughput and latency across a simulated Wi-Fi link.
#
# Boots Debian's stock kernel under QEMU (TCG) with mac80211_hwsim (the boot is
# tests/e2e/lib/vm.sh's; see /work/shared/E2E-HWSIM.md), puts the
# AP's radio in its own network namespace with iperf3 -s behind it, and runs
# `notspot throughput` and `notspot latency` from the station (tests/e2e/
# tput_hwsim.vm). Checks here on the host: TCP up and down and UDP at a set
# rate measured across the link and stored in a walk with the link's expected
# throughput and byte-counter rates; no test while not associated; RTT to the
# host and to the default gateway.
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
vm_initramfs tests/e2e/tput_hwsim.vm
vm_boot 400

python3 - "$work/console.txt" <<'CHECK'
import json, re, sys

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

for b in bad:
    print("e2e tput_hwsim: FAIL: " + b)
if not bad:
    print("e2e tput_hwsim: ok")
sys.exit(1 if bad else 0)
CHECK
rc=$?
[ $rc -eq 0 ] || { [ "${E2E_VERBOSE:-0}" = 1 ] || tail -80 "$work/console.txt"; }
[ "${E2E_KEEP:-0}" = 1 ] && say "work dir kept: $work"
exit $rc
