# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/lib/vm.sh — the VM boot the end-to-end tests share (a library,
# sourced, never run: scripts/run-e2e.sh runs only tests/e2e/*.sh).
#
# Debian's stock kernel under QEMU (TCG) with mac80211_hwsim, as
# the hwsim notes in the project's design documents describe: the kernel .deb fetched once with
# apt-get download into build/e2e-cache, modules in the order their
# depends= lines ask for, an initramfs of busybox, the modules, the binaries
# and the libraries ldd lists for them, and the test's in-VM script as
# /init.sh. The console is captured to $work/console.txt (no CRs).
#
# The caller defines say() and fail() (fail exits), sets top (the repo top),
# then:
#	vm_require_qemu                      # exit 77 when QEMU cannot run here
#	vm_require_tools iw hostapd ...      # fail when one is missing
#	vm_kernel                            # sets deb, vmlinuz, moddir
#	vm_workdir notspot-e2e               # sets work, root (removed at exit)
#	vm_modules ctr ccm cmac ecb mac80211_hwsim
#	vm_binaries iw hostapd ...           # plus busybox and notspot, with their libraries
#	vm_firmware                          # regulatory.db for 5 GHz
#	vm_initramfs tests/e2e/X.vm          # the in-VM script (never *.sh), packed
#	vm_boot 300                          # boots; fails unless the script finished
#
# E2E_KEEP=1 keeps the work dir; E2E_VERBOSE=1 prints the whole console.

cache=${cache:-$top/build/e2e-cache}
notspot=${NOTSPOT:-$top/notspot}

vm_require_qemu() {
	command -v qemu-system-x86_64 >/dev/null 2>&1 || scripts/install-deps.sh test >/dev/null 2>&1
	command -v qemu-system-x86_64 >/dev/null 2>&1 ||
		{ say "SKIP: qemu-system-x86_64 is not installed and could not be installed"; exit 77; }
	# A machine without TCG (or without memory for it) makes qemu exit at once;
	# one that can run it is still waiting (-S) a moment later.
	qemu-system-x86_64 -accel tcg -machine none -display none -S -nodefaults \
		-monitor none -serial none 2>/dev/null </dev/null &
	vm_qpid=$!
	vm_i=0
	while [ $vm_i -lt 5 ] && kill -0 "$vm_qpid" 2>/dev/null; do
		sleep 0.1; vm_i=$((vm_i + 1))
	done
	if kill -0 "$vm_qpid" 2>/dev/null; then
		kill "$vm_qpid"; wait "$vm_qpid" 2>/dev/null
	else
		wait "$vm_qpid"
		say "SKIP: qemu-system-x86_64 cannot start a TCG machine here"; exit 77
	fi
}

vm_require_tools() {
	for vm_t in "$@"; do
		command -v "$vm_t" >/dev/null 2>&1 || [ -x "/sbin/$vm_t" ] || [ -x "/usr/sbin/$vm_t" ] ||
			fail "$vm_t is missing (scripts/install-deps.sh test installs it)"
	done
	[ -x "$notspot" ] || fail "$notspot is not built (run make)"
}

vm_kernel() {
	mkdir -p "$cache"
	deb=$(ls "$cache"/linux-image-*-amd64_*.deb 2>/dev/null | tail -1)
	if [ -z "$deb" ]; then
		vm_resolve() {
			apt-cache depends linux-image-amd64 2>/dev/null |
				sed -n 's/.*Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -1
		}
		vm_pkg=$(vm_resolve)
		if [ -z "$vm_pkg" ]; then # a fresh machine may have no package lists yet
			if [ "$(id -u)" -eq 0 ]; then apt-get update -qq >/dev/null 2>&1
			elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq >/dev/null 2>&1; fi
			vm_pkg=$(vm_resolve)
		fi
		[ -n "$vm_pkg" ] || fail "cannot resolve linux-image-amd64's kernel package (apt-get update failed?)"
		say "downloading $vm_pkg into $cache"
		(cd "$cache" && apt-get download "$vm_pkg" >/dev/null 2>&1) || fail "apt-get download $vm_pkg failed"
		deb=$(ls "$cache"/linux-image-*-amd64_*.deb 2>/dev/null | tail -1)
		[ -n "$deb" ] || fail "apt-get download $vm_pkg left no .deb in $cache"
	fi
	vm_kdir=$cache/kernel-$(basename "$deb" .deb)
	if [ ! -d "$vm_kdir" ]; then
		# Two tests may unpack at once: each into its own dir, the first rename wins.
		rm -rf "$vm_kdir.tmp.$$" && mkdir -p "$vm_kdir.tmp.$$" && dpkg -x "$deb" "$vm_kdir.tmp.$$" &&
			{ mv "$vm_kdir.tmp.$$" "$vm_kdir" 2>/dev/null || rm -rf "$vm_kdir.tmp.$$"; } ||
			fail "cannot unpack $deb"
	fi
	vmlinuz=$(ls "$vm_kdir"/boot/vmlinuz-* | head -1)
	moddir=$(ls -d "$vm_kdir"/lib/modules/*/kernel | head -1)
	[ -n "$vmlinuz" ] && [ -n "$moddir" ] || fail "no kernel or modules in $vm_kdir"
}

vm_workdir() { # prefix
	work=$(mktemp -d "/tmp/$1.XXXXXX")
	[ "${E2E_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
	root=$work/root
	mkdir -p "$root"/bin "$root"/sbin "$root"/etc "$root"/proc "$root"/sys "$root"/dev \
		"$root"/tmp "$root"/run "$root"/modules "$root"/lib/firmware "$root"/var/run
}

# Modules in dependency order (no modinfo here: read depends= from the .ko).
vm_order=""
vm_addmod() {
	case " $vm_order " in *" $1 "*) return 0 ;; esac
	vm_f=$(find "$moddir" -name "$1.ko" -o -name "$1.ko.xz" | head -1)
	[ -n "$vm_f" ] || fail "module $1 not found in $deb"
	case "$vm_f" in
	*.xz) xz -dc "$vm_f" >"$root/modules/$1.ko" ;;
	*) cp "$vm_f" "$root/modules/$1.ko" ;;
	esac
	for vm_d in $(strings "$root/modules/$1.ko" | sed -n 's/^depends=//p' | tr ',' ' '); do
		vm_addmod "$(echo "$vm_d" | tr - _)"
	done
	vm_order="$vm_order $1"
}
vm_modules() { # module... (e.g. the crypto templates WPA2 needs, then mac80211_hwsim)
	for vm_m in "$@"; do vm_addmod "$vm_m"; done
	echo "$vm_order" >"$root/modules/order"
	say "modules:$vm_order"
}

vm_bin() { command -v "$1" 2>/dev/null || ls "/usr/sbin/$1" "/sbin/$1" 2>/dev/null | head -1; }

vm_binaries() { # program... (busybox and notspot always)
	cp "$(vm_bin busybox)" "$root/bin/busybox"
	for vm_b in "$@"; do cp "$(vm_bin "$vm_b")" "$root/bin/$vm_b" || fail "cannot copy $vm_b"; done
	cp "$notspot" "$root/bin/notspot"
	for vm_b in "$@" notspot; do
		ldd "$root/bin/$vm_b" | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p'
	done | sort -u | while read -r vm_lib; do
		mkdir -p "$root$(dirname "$vm_lib")"
		cp -L "$vm_lib" "$root$vm_lib"
	done
	chmod +x "$root/bin/"*
}

vm_firmware() {
	for vm_f in regulatory.db regulatory.db.p7s; do
		vm_src=/lib/firmware/$vm_f-debian
		[ -f "$vm_src" ] || vm_src=/lib/firmware/$vm_f
		[ -f "$vm_src" ] && cp -L "$vm_src" "$root/lib/firmware/$vm_f"
	done
	return 0
}

vm_initramfs() { # in-VM script
	case "$1" in *.sh) fail "in-VM script $1 must not be named *.sh (run-e2e.sh would run it here)" ;; esac
	cp "$top/$1" "$root/init.sh" || fail "cannot copy $1"
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
	chmod +x "$root/init"
	# Not compressed: under TCG the kernel's gunzip of ~40 MB took seconds of
	# the boot; an uncompressed cpio is only copied.
	(cd "$root" && find . | cpio -o -H newc 2>/dev/null) >"$work/initrd.cpio" ||
		fail "cannot pack the initramfs"
	say "initramfs $(du -k "$work/initrd.cpio" | cut -f1) kB; booting $(basename "$vmlinuz") under TCG"
}

vm_boot() { # timeout-seconds
	vm_start=$(date +%s)
	timeout "$1" qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 768 -nographic -no-reboot \
		-kernel "$vmlinuz" -initrd "$work/initrd.cpio" \
		-append "console=ttyS0 quiet panic=-1 loglevel=3" </dev/null >"$work/console.log" 2>&1
	vm_qrc=$?
	tr -d '\r' <"$work/console.log" >"$work/console.txt"
	say "VM ran $(($(date +%s) - vm_start)) s (qemu exit $vm_qrc)"
	[ "${E2E_VERBOSE:-0}" = 1 ] && cat "$work/console.txt"
	grep -q '^=== VM DONE' "$work/console.txt" || {
		tail -40 "$work/console.txt"
		fail "the VM did not finish its script (qemu exit $vm_qrc)"
	}
}
