#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# hwsim.sh — notspot's scanner against a real kernel's nl80211.
#
# Boots Debian's stock kernel under QEMU (TCG) with mac80211_hwsim, starts three
# hostapd APs (open 2.4 GHz with BSS Load and a Cisco AP-name element, WPA2-PSK
# 5 GHz, hidden SSID 2.4 GHz) and a wpa_supplicant station, then runs notspot
# and iw side by side on the same kernel. The VM prints both on its console
# between markers; tests/e2e/hwsim_compare.py compares them here on the host:
# interfaces, scan (BSSIDs, SSIDs, frequencies, signal within 1 dB, associated
# BSS), the link, and a simulated walk where the APs' tx powers follow a
# schedule while `notspot record` runs with positions on stdin. Then what an
# audit broke (tests/e2e/hwsim-vm-hostile): APs with hostile SSIDs against
# iw's view of their bytes, live capture on a quiet channel (duration,
# SIGINT, SIGTERM), a timed-out scan aborted, a full scan within its sized
# timeout, expected throughput against iw's, and a radio blocked by rfkill
# or deleted under `record`.
#
# Everything it needs comes from Debian packages (scripts/install-deps.sh test);
# the boot (kernel .deb fetched into build/e2e-cache and reused, initramfs,
# QEMU) is tests/e2e/lib/vm.sh's. Skips (exit 77) only where QEMU cannot run.
#
# E2E_KEEP=1 keeps the work dir; E2E_VERBOSE=1 prints the whole console.
set -u

top=$(pwd)
say() { echo "e2e hwsim: $*"; }
fail() { say "FAIL: $*"; exit 1; }
. "$top/tests/e2e/lib/vm.sh"

vm_require_qemu
vm_require_tools iw hostapd wpa_supplicant busybox cpio python3 sqlite3
[ -f /lib/firmware/regulatory.db-debian ] || [ -f /lib/firmware/regulatory.db ] ||
	fail "wireless-regdb is missing (scripts/install-deps.sh test installs it)"
vm_kernel
vm_workdir notspot-e2e
# mac80211 asks for ccm(aes) etc. through request_module, which needs a modprobe the VM
# does not have: insert the crypto templates WPA2 uses first.
vm_modules ctr ccm cmac ecb mac80211_hwsim
vm_binaries iw hostapd wpa_supplicant sqlite3
vm_firmware
cp "$top/tests/e2e/hwsim-vm-hostile" "$root/hostile.vm" || fail "cannot copy hwsim-vm-hostile"
# The C.UTF-8 locale (libc-bin's, on every Debian): notspot measures table cells with it.
mkdir -p "$root/usr/lib/locale" && cp -r /usr/lib/locale/C.utf8 "$root/usr/lib/locale/" ||
	fail "cannot copy the C.UTF-8 locale"
vm_initramfs tests/e2e/hwsim-vm-init
vm_boot 600 # about 2 min alone; a busy shared host has stretched it past 4
python3 "$top/tests/e2e/hwsim_compare.py" "$work/console.txt"
rc=$?
[ $rc -eq 0 ] || { [ "${E2E_VERBOSE:-0}" = 1 ] || tail -60 "$work/console.txt"; }
[ "${E2E_KEEP:-0}" = 1 ] && say "work dir kept: $work"
exit $rc
