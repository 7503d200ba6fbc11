#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pkg_build.sh — the build as a distribution runs it: a bare `make` never
# runs apt-get (a machine without the libraries gets one sentence naming the
# missing pkg-config modules and the command that installs them), and the
# distribution's CPPFLAGS, CFLAGS and LDFLAGS reach every compile and link.
set -u
top=$(pwd)
[ -f "$top/Makefile" ] && [ -d "$top/cli" ] || { echo "pkg_build: run from the source top"; exit 1; }
tmp=$(mktemp -d /tmp/notspot-pkg-build.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "pkg_build: $*"; exit 1; }

# apt-get and sudo that only record being called.
mkdir -p "$tmp/fakebin"
for t in apt-get sudo; do
	printf '#!/bin/sh\necho "%s $*" >>"%s/called"\nexit 1\n' "$t" "$tmp" >"$tmp/fakebin/$t"
	chmod +x "$tmp/fakebin/$t"
done

# No library can be found: every .pc file is hidden from pkg-config.
PATH="$tmp/fakebin:$PATH" PKG_CONFIG_LIBDIR=/nonexistent PKG_CONFIG_PATH= \
	make --no-print-directory BUILD="$tmp/b" >"$tmp/bare.out" 2>"$tmp/bare.err" &&
	fail "make succeeded without any library"
[ -e "$tmp/called" ] && fail "make ran a package tool: $(cat "$tmp/called")"
grep -q "^notspot: these libraries are missing (pkg-config modules): libnl-genl-3.0 .*gtk4.*; run 'make deps'" \
	"$tmp/bare.err" || { cat "$tmp/bare.err"; fail "make did not name the missing modules and 'make deps'"; }
[ "$(grep -c '^notspot:' "$tmp/bare.err")" -eq 1 ] || fail "make said more than one sentence"
echo "pkg_build: a bare make without libraries: $(grep '^notspot:' "$tmp/bare.err" | cut -c1-100)..."

# The build flags of a distribution reach the compiler and the linker
# (commands printed, not run; the configuration is made in a build dir of its own).
make --no-print-directory -s -n V=1 BUILD="$tmp/f" CPPFLAGS="-DNS_SEEN_CPPFLAGS -D_FORTIFY_SOURCE=2" \
	CFLAGS="-fstack-protector-strong -DNS_SEEN_CFLAGS" LDFLAGS="-Wl,-z,relro -Wl,-z,now -DNS_SEEN_LDFLAGS" \
	all >"$tmp/flags.out" 2>&1 || { tail -5 "$tmp/flags.out"; fail "make -n failed"; }
ncc=$(grep -c ' -c -o ' "$tmp/flags.out")
[ "$ncc" -gt 50 ] || fail "make -n printed $ncc compiles"
[ "$(grep ' -c -o ' "$tmp/flags.out" | grep -c -- '-DNS_SEEN_CPPFLAGS -D_FORTIFY_SOURCE=2')" -eq "$ncc" ] ||
	fail "CPPFLAGS do not reach every compile"
[ "$(grep ' -c -o ' "$tmp/flags.out" | grep -c -- '-fstack-protector-strong -DNS_SEEN_CFLAGS')" -eq "$ncc" ] ||
	fail "CFLAGS do not reach every compile"
for b in notspot notspot-walker; do
	grep -- "-o $tmp/f/$b " "$tmp/flags.out" | grep -q -- '-Wl,-z,relro -Wl,-z,now' ||
		fail "LDFLAGS do not reach the link of $b"
done
grep -q 'NOTSPOT_SOURCE_DIR\|NOTSPOT_INSTALL_DATA_DIR' "$tmp/flags.out" && fail "a build path is baked in"
echo "pkg_build: CPPFLAGS and CFLAGS in all $ncc compiles, LDFLAGS in both links, no build path defined"

# The binary holds no path of the tree it was built in (its data are found from its place).
if [ -x ./notspot ] && command -v readelf >/dev/null 2>&1; then
	readelf -p .rodata ./notspot | grep -qF "$top" && fail "./notspot's .rodata holds the build path $top"
	echo "pkg_build: ./notspot's strings hold no build path"
fi
# The licence check names every file without its SPDX line, and passes on the tree.
mkdir -p "$tmp/spdx/sub"
printf '/* SPDX-License-Identifier: GPL-3.0-or-later */\nint a;\n' >"$tmp/spdx/ok.c"
printf '/* no licence */\nint b;\n' >"$tmp/spdx/sub/bad.c"
printf '#!/bin/sh\necho hi\n' >"$tmp/spdx/sub/bad.sh"
(cd "$tmp/spdx" && sh "$top/scripts/check-spdx.sh") >"$tmp/spdx.out" 2>&1 && fail "check-spdx passed files without a licence line"
grep -q "^check-spdx: 2 files" "$tmp/spdx.out" && grep -q "^  sub/bad.c$" "$tmp/spdx.out" &&
	grep -q "^  sub/bad.sh$" "$tmp/spdx.out" && ! grep -q "ok.c" "$tmp/spdx.out" ||
	{ cat "$tmp/spdx.out"; fail "check-spdx does not list exactly the files without a licence line"; }
sh scripts/check-spdx.sh >"$tmp/spdx.tree" 2>&1 || { cat "$tmp/spdx.tree"; fail "check-spdx fails on the tree"; }
echo "pkg_build: check-spdx lists the files without a licence line and passes on the tree"
echo "pkg_build: passed"
