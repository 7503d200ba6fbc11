#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# install-deps.sh — install notspot's Debian packages, only those missing.
#
# Usage: scripts/install-deps.sh [build|test|package|all]
#   build    what `make` and `make demo` need (libraries and pkg-config)
#   test     what `make check` adds: cmocka, sanitizer runtimes, the VM end-to-end
#            test's QEMU/kernel/hostapd/iw, iperf3, Xvfb, pdftotext, tcpdump, and
#            the checks of the installed files (man, desktop-file-validate,
#            appstreamcli, setcap/getcap)
#   package  what `make package` adds: debhelper, lintian, fakeroot
#   all      build and test (what `make deps` installs)
#
# `make` itself never runs this: `make deps`, `make test-deps`, `make demo`,
# `make check` and `make package` do. debian/control's Build-Depends are the
# build list below.
#
# Idempotent: a package already installed is not touched, and when nothing is
# missing no network is used. Needs root (or sudo) only when something is missing.
set -eu

BUILD_PKGS="build-essential pkg-config
 libnl-3-dev libnl-genl-3-dev libnl-route-3-dev
 libpcap-dev libiperf-dev
 libcairo2-dev libpng-dev libjpeg-dev libgdk-pixbuf-2.0-dev libpango1.0-dev
 libsqlite3-dev libjansson-dev libzip-dev
 libpoppler-glib-dev librsvg2-dev libgtk-4-dev
 fonts-dejavu-core"

TEST_PKGS="libcmocka-dev clang libclang-rt-14-dev valgrind sqlite3
 xvfb xauth xdotool x11-apps netpbm
 qemu-system-x86 busybox-static cpio kmod binutils python3
 hostapd wpasupplicant iw iperf3 wireless-regdb iproute2
 poppler-utils tcpdump xz-utils python3-jsonschema
 man-db groff-base desktop-file-utils appstream libcap2-bin libxml2-utils"

PACKAGE_PKGS="dpkg-dev debhelper lintian fakeroot libcmocka-dev sqlite3 iperf3 iproute2 tcpdump"

what=${1:-all}
case "$what" in
build) want=$BUILD_PKGS ;;
test) want=$TEST_PKGS ;;
package) want="$BUILD_PKGS $PACKAGE_PKGS" ;;
all) want="$BUILD_PKGS $TEST_PKGS" ;;
*) echo "install-deps: unknown group '$what' (build, test, package or all)" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "install-deps: these Debian packages are missing and installing them needs root:$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
# An out-of-date package list is the usual reason an install fails on a new machine.
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
