#!/bin/sh
# tput_hwsim.sh — throughput and latency across a simulated Wi-Fi link.
#
# Boots Debian's stock kernel under QEMU (TCG) with mac80211_hwsim (the boot is
# the one tests/e2e/hwsim.sh uses; see /work/shared/E2E-HWSIM.md), puts the
# AP's radio in its own network namespace with iperf3 -s behind it, and runs
# `notspot throughput` and `notspot latency` from the station (tests/e2e/
# tput_hwsim.vm). Checks here on the host: TCP up and down and UDP at a set
# rate measured across the link and stored in a walk with the link's expected
# throughput and byte-counter rates; no test while not associated; RTT to the
# host and to the default gateway.
#
# The kernel .deb is fetched with apt-get download into build/e2e-cache and
# reused. Skips (exit 77) only where QEMU cannot run at all.
# E2E_KEEP=1 keeps the work dir; E2E_VERBOSE=1 prints the whole console.
set -u

top=$(pwd)
cache=$top/build/e2e-cache
notspot=${NOTSPOT:-$top/notspot}
say() { echo "e2e tput_hwsim: $*"; }
fail() { say "FAIL: $*"; exit 1; }

command -v qemu-system-x86_64 >/dev/null 2>&1 || scripts/install-deps.sh test >/dev/null 2>&1
command -v qemu-system-x86_64 >/dev/null 2>&1 ||
	{ say "SKIP: qemu-system-x86_64 is not installed and could not be installed"; exit 77; }
qemu-system-x86_64 -accel tcg -machine none -display none -S -nodefaults \
	-monitor none -serial none 2>/dev/null </dev/null &
qpid=$!
sleep 1
if kill -0 "$qpid" 2>/dev/null; then
	kill "$qpid"; wait "$qpid" 2>/dev/null
else
	wait "$qpid"
	say "SKIP: qemu-system-x86_64 cannot start a TCG machine here"; exit 77
fi

for tool in iw hostapd wpa_supplicant busybox cpio gzip python3 sqlite3 iperf3; do
	command -v "$tool" >/dev/null 2>&1 || [ -x "/sbin/$tool" ] || [ -x "/usr/sbin/$tool" ] ||
		fail "$tool is missing (scripts/install-deps.sh test installs it)"
done
[ -x "$notspot" ] || fail "$notspot is not built (run make)"

# ---- the kernel ------------------------------------------------------------
mkdir -p "$cache"
deb=$(ls "$cache"/linux-image-*-amd64_*.deb 2>/dev/null | tail -1)
if [ -z "$deb" ]; then
	pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/.*Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -1)
	[ -n "$pkg" ] || fail "cannot resolve linux-image-amd64's kernel package (apt-get update?)"
	say "downloading $pkg into $cache"
	(cd "$cache" && apt-get download "$pkg" >/dev/null 2>&1) || fail "apt-get download $pkg failed"
	deb=$(ls "$cache"/linux-image-*-amd64_*.deb 2>/dev/null | tail -1)
	[ -n "$deb" ] || fail "apt-get download $pkg left no .deb in $cache"
fi
kdir=$cache/kernel-$(basename "$deb" .deb)
if [ ! -d "$kdir" ]; then
	rm -rf "$kdir.tmp.$$" && mkdir -p "$kdir.tmp.$$" && dpkg -x "$deb" "$kdir.tmp.$$" &&
		{ mv "$kdir.tmp.$$" "$kdir" 2>/dev/null || rm -rf "$kdir.tmp.$$"; } ||
		fail "cannot unpack $deb"
fi
vmlinuz=$(ls "$kdir"/boot/vmlinuz-* | head -1)
moddir=$(ls -d "$kdir"/lib/modules/*/kernel | head -1)

work=$(mktemp -d /tmp/notspot-e2e-tput.XXXXXX)
[ "${E2E_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"/bin "$root"/sbin "$root"/etc "$root"/proc "$root"/sys "$root"/dev \
	"$root"/tmp "$root"/run "$root"/modules "$root"/lib/firmware "$root"/var/run

# ---- modules in dependency order (read depends= from the .ko) -------------------
modpath() { find "$moddir" -name "$1.ko" -o -name "$1.ko.xz" | head -1; }
order=""
addmod() {
	case " $order " in *" $1 "*) return 0 ;; esac
	f=$(modpath "$1")
	[ -n "$f" ] || fail "module $1 not found in $deb"
	case "$f" in *.xz) xz -dc "$f" >"$root/modules/$1.ko" ;; *) cp "$f" "$root/modules/$1.ko" ;; esac
	deps=$(strings "$root/modules/$1.ko" | sed -n 's/^depends=//p' | tr ',' ' ')
	for d in $deps; do addmod "$(echo "$d" | tr - _)"; done
	order="$order $1"
}
for m in ctr ccm cmac ecb mac80211_hwsim; do addmod $m; done

# ---- binaries and the libraries they load ---------------------------------------
bin() { command -v "$1" 2>/dev/null || ls "/usr/sbin/$1" "/sbin/$1" 2>/dev/null | head -1; }
cp "$(bin busybox)" "$root/bin/busybox"
for b in iw hostapd wpa_supplicant sqlite3 iperf3; do cp "$(bin "$b")" "$root/bin/$b"; done
cp "$notspot" "$root/bin/notspot"
for b in iw hostapd wpa_supplicant sqlite3 iperf3 notspot; do
	ldd "$root/bin/$b" | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p'
done | sort -u | while read -r lib; do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
for f in regulatory.db regulatory.db.p7s; do
	src=/lib/firmware/$f-debian
	[ -f "$src" ] || src=/lib/firmware/$f
	[ -f "$src" ] && cp -L "$src" "$root/lib/firmware/$f"
done
cp "$top/tests/e2e/tput_hwsim.vm" "$root/init.sh"
echo "$order" >"$root/modules/order"
cat >"$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
sh /init.sh
echo "=== VM DONE rc=$?"
poweroff -f
INIT
chmod +x "$root/init" "$root/bin/"*
(cd "$root" && find . | cpio -o -H newc 2>/dev/null | gzip -1) >"$work/initrd.gz" ||
	fail "cannot pack the initramfs"
say "initramfs $(du -k "$work/initrd.gz" | cut -f1) kB; booting $(basename "$vmlinuz") under TCG"

# ---- boot ----------------------------------------------------------------------
start=$(date +%s)
timeout 400 qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 768 -nographic -no-reboot \
	-kernel "$vmlinuz" -initrd "$work/initrd.gz" \
	-append "console=ttyS0 quiet panic=-1 loglevel=3" </dev/null >"$work/console.log" 2>&1
qrc=$?
tr -d '\r' <"$work/console.log" >"$work/console.txt"
say "VM ran $(($(date +%s) - start)) s (qemu exit $qrc)"
[ "${E2E_VERBOSE:-0}" = 1 ] && cat "$work/console.txt"
grep -q '^=== VM DONE' "$work/console.txt" || {
	tail -40 "$work/console.txt"
	fail "the VM did not finish its script (qemu exit $qrc)"
}

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
