#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# roam_hwsim.sh — notspot's roam events against wpa_supplicant's own log.
#
# Boots Debian's stock kernel under QEMU (TCG) with mac80211_hwsim (the boot is
# tests/e2e/lib/vm.sh's): two hostapd APs of one SSID, a wpa_supplicant
# station, and the APs' tx powers swapped three times to force roams, while
# `notspot record -i wlan2 --scan-iface wlan3` polls the link on the station
# and scans on a second adapter (tests/e2e/roam_hwsim.vm; hwsim's signal range
# is too narrow for wpa_supplicant to roam on its own, so each swap is followed
# by `wpa_cli roam`, the first one 12 s late). Checks here on the host, from
# the survey file the VM sends back: the walk stores its scan interface;
# every association wpa_supplicant logs after the first (CTRL-EVENT-CONNECTED)
# is one roam event of `notspot roams --json` onto the same BSSID, within
# 1.5 s of wpa_supplicant's time, and there are no others; the 12 s on the
# weak AP before the first roam is a sticky stretch, and that roam says a
# better AP had been heard.
# Skips (exit 77) only where QEMU cannot run. E2E_KEEP=1 keeps the work dir.
set -u

top=$(pwd)
say() { echo "e2e roam_hwsim: $*"; }
fail() { say "FAIL: $*"; exit 1; }
. "$top/tests/e2e/lib/vm.sh"

vm_require_qemu
vm_require_tools iw hostapd wpa_supplicant wpa_cli busybox cpio python3
vm_kernel
vm_workdir notspot-e2e-roam
vm_modules ctr ccm cmac ecb mac80211_hwsim
vm_binaries iw hostapd wpa_supplicant wpa_cli
"$notspot" new "$root/survey.notspot" --site "e2e VM" >/dev/null &&
	(cd "$top/floorplans/examples" &&
	 "$notspot" floor add "$root/survey.notspot" --sidecar hospital-level2.json >/dev/null) ||
	fail "cannot make the walk's survey from floorplans/examples/hospital-level2.json"
vm_initramfs tests/e2e/roam_hwsim.vm
vm_boot 400

python3 - "$work/console.txt" "$work/walk.notspot" <<'CHECK' || fail "could not read the VM's results"
import base64, gzip, re, sys
text = open(sys.argv[1], errors="replace").read()
m = re.search(r"=== BEGIN ns-walk-file\n(.*?)^=== END ns-walk-file rc=0$", text, re.S | re.M)
if not m:
    sys.exit(1)
open(sys.argv[2], "wb").write(gzip.decompress(base64.b64decode(m.group(1))))
CHECK
"$notspot" roams "$work/walk.notspot" --floor "Level 2" --json >"$work/roams.json" ||
	fail "notspot roams failed on the VM's walk"
mkdir -p "$top/build/e2e-artefacts"
"$notspot" render "$work/walk.notspot" --floor "Level 2" --map primary --layer roams --show-path \
	-o "$top/build/e2e-artefacts/vm-roams.png" >/dev/null 2>&1 || say "(no roam map drawn)"

python3 - "$work/console.txt" "$work/roams.json" "$work/walk.notspot" <<'CHECK'
import json, re, sqlite3, sys
text = open(sys.argv[1], errors="replace").read()
m = re.search(r"=== BEGIN wpas-log\n(.*?)^=== END wpas-log", text, re.S | re.M)
log = m.group(1) if m else ""
conn = [(float(t), b.lower()) for t, b in
        re.findall(r"^(\d+\.\d+): wlan2: CTRL-EVENT-CONNECTED - Connection to ([0-9a-fA-F:]{17})",
                   log, re.M)]
rj = json.load(open(sys.argv[2]))
ev = rj["events"]
bad = []
if not rj["sticky"]:
    bad.append("no sticky stretch found for the 12 s on the weaker AP")
if ev and not ev[0]["better_available"]:
    bad.append("the first roam does not say a better AP had been heard")
if len(conn) < 3:
    bad.append("wpa_supplicant connected %d times, expected the first association and "
               "at least two roams" % len(conn))
db = sqlite3.connect(sys.argv[3])
scan_if = [r[0] for r in db.execute("select scan_interface from walks")]
if scan_if != ["wlan3"]:
    bad.append("the walk's scan_interface is %r, not wlan3" % scan_if)
def t_of(iso):
    import datetime
    return datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()
roams = [(t_of(e["time"]), e["to_bssid"].lower(), e["kind"]) for e in ev]
want = conn[1:]
if len(roams) != len(want):
    bad.append("notspot found %d roam events, wpa_supplicant %d roams" % (len(roams), len(want)))
for (tw, bw), (tn, bn, kind) in zip(want, roams):
    print("wpa_supplicant %.3f -> %s | notspot %.3f -> %s (%s), %+.2f s"
          % (tw, bw, tn, bn, kind, tn - tw))
    if bw != bn:
        bad.append("roam at %.3f: wpa_supplicant joined %s, notspot saw %s" % (tw, bw, bn))
    if not -0.1 <= tn - tw <= 1.5:
        bad.append("roam at %.3f: notspot saw it %+.2f s later" % (tw, tn - tw))
if bad:
    print("\n".join("FAIL: " + b for b in bad))
    sys.exit(1)
print("ok: %d roams match wpa_supplicant's log" % len(want))
CHECK
rc=$?
if [ $rc -ne 0 ]; then
	grep -v '^[A-Za-z0-9+/=]\{60,\}$' "$work/console.txt" | tail -60
	fail "roam events do not match wpa_supplicant's log"
fi
say "ok"
