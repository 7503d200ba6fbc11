#!/bin/sh
# hwsim.sh — notspot's scanner against a real kernel's nl80211.
#
# Boots Debian's stock kernel under QEMU (TCG) with mac80211_hwsim, starts three
# hostapd APs (open 2.4 GHz with BSS Load and a Cisco AP-name element, WPA2-PSK
# 5 GHz, hidden SSID 2.4 GHz) and a wpa_supplicant station, then runs notspot
# and iw side by side on the same kernel. The VM prints both on its console
# between markers; tests/e2e/hwsim_compare.py compares them here on the host:
# interfaces, scan (BSSIDs, SSIDs, frequencies, signal within 1 dB, associated
# BSS), the link, and a simulated walk where the APs' tx powers follow a
# schedule while `notspot record` runs with positions on stdin.
#
# Everything it needs comes from Debian packages (scripts/install-deps.sh test);
# the kernel .deb is fetched with apt-get download into build/e2e-cache and
# reused. Skips (exit 77) only where QEMU cannot run at all.
#
# E2E_KEEP=1 keeps the work dir; E2E_VERBOSE=1 prints the whole console.
set -u

top=$(pwd)
cache=$top/build/e2e-cache
notspot=${NOTSPOT:-$top/notspot}
say() { echo "e2e hwsim: $*"; }
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

for tool in iw hostapd wpa_supplicant busybox cpio gzip python3 sqlite3; do
	command -v "$tool" >/dev/null 2>&1 || [ -x "/sbin/$tool" ] || [ -x "/usr/sbin/$tool" ] ||
		fail "$tool is missing (scripts/install-deps.sh test installs it)"
done
[ -x "$notspot" ] || fail "$notspot is not built (run make)"
[ -f /lib/firmware/regulatory.db-debian ] || [ -f /lib/firmware/regulatory.db ] ||
	fail "wireless-regdb is missing (scripts/install-deps.sh test installs it)"

# ---- the kernel ------------------------------------------------------------
mkdir -p "$cache"
deb=$(ls "$cache"/linux-image-*-amd64_*.deb 2>/dev/null | tail -1)
if [ -z "$deb" ]; then
	resolve() {
		apt-cache depends linux-image-amd64 2>/dev/null |
			sed -n 's/.*Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -1
	}
	pkg=$(resolve)
	if [ -z "$pkg" ]; then # a fresh machine may have no package lists yet
		if [ "$(id -u)" -eq 0 ]; then apt-get update -qq >/dev/null 2>&1
		elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq >/dev/null 2>&1; fi
		pkg=$(resolve)
	fi
	[ -n "$pkg" ] || fail "cannot resolve linux-image-amd64's kernel package (apt-get update failed?)"
	say "downloading $pkg into $cache"
	(cd "$cache" && apt-get download "$pkg" >/dev/null 2>&1) || fail "apt-get download $pkg failed"
	deb=$(ls "$cache"/linux-image-*-amd64_*.deb 2>/dev/null | tail -1)
	[ -n "$deb" ] || fail "apt-get download $pkg left no .deb in $cache"
fi
kdir=$cache/kernel-$(basename "$deb" .deb)
if [ ! -d "$kdir" ]; then
	rm -rf "$kdir.tmp" && mkdir -p "$kdir.tmp" && dpkg -x "$deb" "$kdir.tmp" &&
		mv "$kdir.tmp" "$kdir" || fail "cannot unpack $deb"
fi
vmlinuz=$(ls "$kdir"/boot/vmlinuz-* | head -1)
moddir=$(ls -d "$kdir"/lib/modules/*/kernel | head -1)

work=$(mktemp -d /tmp/notspot-e2e.XXXXXX)
[ "${E2E_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"/bin "$root"/sbin "$root"/etc "$root"/proc "$root"/sys "$root"/dev \
	"$root"/tmp "$root"/run "$root"/modules "$root"/lib/firmware "$root"/var/run

# ---- modules in dependency order (no modinfo here: read depends= from the .ko) --
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
# mac80211 asks for ccm(aes) etc. through request_module, which needs a modprobe the VM
# does not have: insert the crypto templates WPA2 uses first.
for m in ctr ccm cmac ecb mac80211_hwsim; do addmod $m; done
say "modules:$order"

# ---- binaries and the libraries they load ---------------------------------------
bin() { command -v "$1" 2>/dev/null || ls "/usr/sbin/$1" "/sbin/$1" 2>/dev/null | head -1; }
cp "$(bin busybox)" "$root/bin/busybox"
for b in iw hostapd wpa_supplicant sqlite3; do cp "$(bin "$b")" "$root/bin/$b"; done
cp "$notspot" "$root/bin/notspot"
for b in "$root"/bin/iw "$root"/bin/hostapd "$root"/bin/wpa_supplicant "$root"/bin/sqlite3 "$root"/bin/notspot; do
	ldd "$b" | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p'
done | sort -u | while read -r lib; do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
for f in regulatory.db regulatory.db.p7s; do
	src=/lib/firmware/$f-debian
	[ -f "$src" ] || src=/lib/firmware/$f
	cp -L "$src" "$root/lib/firmware/$f"
done
cp "$top/tests/e2e/hwsim-vm-init" "$root/init.sh"
echo "$order" >"$root/modules/order"
cat >"$root/init" <<'EOF'
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
EOF
chmod +x "$root/init" "$root/bin/"*
(cd "$root" && find . | cpio -o -H newc 2>/dev/null | gzip -1) >"$work/initrd.gz" ||
	fail "cannot pack the initramfs"
say "initramfs $(du -k "$work/initrd.gz" | cut -f1) kB; booting $(basename "$vmlinuz") under TCG"

# ---- boot ----------------------------------------------------------------------
start=$(date +%s)
timeout 300 qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 768 -nographic -no-reboot \
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
python3 "$top/tests/e2e/hwsim_compare.py" "$work/console.txt"
rc=$?
[ $rc -eq 0 ] || { [ "${E2E_VERBOSE:-0}" = 1 ] || tail -60 "$work/console.txt"; }
[ "${E2E_KEEP:-0}" = 1 ] && say "work dir kept: $work"
exit $rc
