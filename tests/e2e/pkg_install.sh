#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pkg_install.sh — `make install` as a distribution or an administrator runs
# it: everything lands under DESTDIR/prefix in the GNU places; the installed
# notspot starts without GTK, finds its data beside itself (not in the tree it
# was built in) and runs the demo; `notspot walk` and `notspot edit` run the
# installed walker;
# install-caps gives both programs their capabilities; uninstall leaves nothing.
set -u
top=$(pwd)
[ -x ./notspot ] && [ -x ./notspot-walker ] || { echo "pkg_install: build first (make)"; exit 77; }
tmp=$(mktemp -d /tmp/notspot-pkg-install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "pkg_install: $*"; exit 1; }
root=$tmp/root
inst() { make --no-print-directory DESTDIR="$root" prefix=/usr "$@"; }

inst install >"$tmp/install.log" 2>&1 || { tail -5 "$tmp/install.log"; fail "make install failed"; }
for f in usr/bin/notspot usr/libexec/notspot/notspot-walker \
	usr/share/notspot/floorplans/examples/hospital-level2.svg \
	usr/share/notspot/floorplans/examples/hospital-level2.json \
	usr/share/notspot/sim/examples/hospital-level2-aps.json \
	usr/share/man/man1/notspot.1 usr/share/man/man1/notspot-render.1 usr/share/man/man1/notspot-walk.1 \
	usr/share/man/man1/notspot-edit.1 \
	usr/share/bash-completion/completions/notspot \
	usr/share/applications/org.notspot.Walker.desktop \
	usr/share/icons/hicolor/scalable/apps/org.notspot.Walker.svg \
	usr/share/metainfo/org.notspot.Walker.metainfo.xml usr/share/mime/packages/notspot.xml; do
	[ -s "$root/$f" ] || fail "make install did not install /$f"
done
for f in usr/bin/notspot usr/libexec/notspot/notspot-walker; do
	[ -x "$root/$f" ] || fail "/$f is not executable"
done
find "$root" -type f | sed "s|^$root||" | sort >"$tmp/tree"
grep -v '^/usr/' "$tmp/tree" && fail "make install wrote outside the prefix"
echo "pkg_install: $(wc -l <"$tmp/tree") files under DESTDIR/usr"

# The desktop file, as installed, validates and starts the installed walker.
desk=$root/usr/share/applications/org.notspot.Walker.desktop
if command -v desktop-file-validate >/dev/null 2>&1; then
	desktop-file-validate "$desk" >"$tmp/dfv" 2>&1 && [ ! -s "$tmp/dfv" ] ||
		{ cat "$tmp/dfv"; fail "desktop-file-validate does not accept the installed desktop file"; }
fi
grep -q '^Exec=/usr/libexec/notspot/notspot-walker walk %f$' "$desk" || fail "the desktop file does not run /usr/libexec/notspot/notspot-walker"
echo "pkg_install: the installed desktop file validates and runs the installed walker"

# The command starts without GTK; only the walker links it.
if command -v ldd >/dev/null 2>&1; then
	ldd "$root/usr/bin/notspot" | grep -q libgtk && fail "notspot links GTK"
	ldd "$root/usr/libexec/notspot/notspot-walker" | grep -q libgtk-4 || fail "the walker does not link GTK 4"
	echo "pkg_install: notspot links $(ldd "$root/usr/bin/notspot" | wc -l) libraries, no GTK;" \
		"the walker $(ldd "$root/usr/libexec/notspot/notspot-walker" | wc -l)"
fi

# The installed notspot, run from elsewhere, uses the installed data, never the tree's.
mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere" || exit 1
env -u NOTSPOT_DATA_DIR -u NOTSPOT_WALKER "$root/usr/bin/notspot" demo -o "$tmp/demo" >"$tmp/demo.out" 2>&1 ||
	{ cat "$tmp/demo.out"; fail "the installed notspot's demo failed"; }
[ -s "$tmp/demo/report-voice.pdf" ] && [ -s "$tmp/demo/example.notspot" ] || fail "the installed demo wrote no report"
mv "$root/usr/share/notspot" "$tmp/moved-data"
env -u NOTSPOT_DATA_DIR "$root/usr/bin/notspot" demo -o "$tmp/demo2" >"$tmp/demo2.out" 2>&1 &&
	fail "the demo ran with its data moved away (a build path is still used)"
grep -q "are not installed beside this program ($root/usr/bin)" "$tmp/demo2.out" ||
	{ cat "$tmp/demo2.out"; fail "the demo does not say where it looked for its data"; }
mv "$tmp/moved-data" "$root/usr/share/notspot"
echo "pkg_install: the installed demo ran from its own data; with them moved away it says where it looked"

# `notspot walk` hands over to the walker installed beside it (libexec/notspot).
env -u NOTSPOT_WALKER "$root/usr/bin/notspot" walk --help >"$tmp/walk.help" 2>&1 ||
	fail "notspot walk --help through the installed walker failed"
grep -q "^Usage: notspot walk SURVEY" "$tmp/walk.help" || fail "notspot walk --help is not the walker's help"
env -u NOTSPOT_WALKER "$root/usr/bin/notspot" edit --help >"$tmp/edit.help" 2>&1 ||
	fail "notspot edit --help through the installed walker failed"
grep -q "^Usage: notspot edit SURVEY" "$tmp/edit.help" || fail "notspot edit --help is not the editor's help"
mv "$root/usr/libexec/notspot/notspot-walker" "$tmp/walker"
env -u NOTSPOT_WALKER "$root/usr/bin/notspot" walk --help >"$tmp/nowalk" 2>&1 && fail "notspot walk ran without a walker"
grep -q "notspot-walker is not installed" "$tmp/nowalk" || { cat "$tmp/nowalk"; fail "no sentence for a missing walker"; }
env -u NOTSPOT_WALKER "$root/usr/bin/notspot" edit --help >"$tmp/noedit" 2>&1 && fail "notspot edit ran without a walker"
grep -q "notspot-walker is not installed" "$tmp/noedit" || { cat "$tmp/noedit"; fail "no sentence for a missing editor"; }
NOTSPOT_WALKER=$tmp/walker "$root/usr/bin/notspot" walk --help >/dev/null 2>&1 || fail "NOTSPOT_WALKER is not used"
mv "$tmp/walker" "$root/usr/libexec/notspot/notspot-walker"
echo "pkg_install: notspot walk and edit exec the installed walker; without one they say which package to install"
cd "$top" || exit 1

# install-caps: on this copy only (never the host's binaries).
inst -n install-caps >"$tmp/caps.n" 2>&1
grep -q "^setcap cap_net_admin,cap_net_raw+ep $root/usr/bin/notspot$" "$tmp/caps.n" &&
	grep -q "^setcap cap_net_admin,cap_net_raw+ep $root/usr/libexec/notspot/notspot-walker$" "$tmp/caps.n" ||
	{ cat "$tmp/caps.n"; fail "install-caps would not run setcap on both programs"; }
if command -v getcap >/dev/null 2>&1 && inst install-caps >"$tmp/caps.log" 2>&1; then
	for b in usr/bin/notspot usr/libexec/notspot/notspot-walker; do
		getcap "$root/$b" | grep -q "cap_net_admin,cap_net_raw=ep" || fail "install-caps left /$b without its capabilities"
	done
	echo "pkg_install: install-caps gave both copies cap_net_admin,cap_net_raw=ep"
else
	echo "pkg_install: setcap cannot run here; checked install-caps' command lines only"
fi

inst uninstall >"$tmp/uninstall.log" 2>&1 || { tail -5 "$tmp/uninstall.log"; fail "make uninstall failed"; }
left=$(find "$root" -type f | sed "s|^$root||")
[ -z "$left" ] || fail "make uninstall left: $left"
[ -d "$root/usr/share/notspot" ] && fail "make uninstall left /usr/share/notspot"
echo "pkg_install: make uninstall removed all $(wc -l <"$tmp/tree") files"
echo "pkg_install: passed"
