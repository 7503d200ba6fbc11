#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-layers.sh — data walks one way: a folder includes only the folders
# below it. The table is the architecture (README, "Architecture"); an
# #include "folder/..." that it does not allow is printed and fails the check.
# Run from the source top; exits 0 when every include is allowed.
set -u
allowed() {
	case $1 in
	util)       echo "util" ;;
	measure)    echo "util measure" ;;
	floorplans) echo "util floorplans" ;;
	survey)     echo "util measure floorplans survey" ;;
	scanner)    echo "util measure scanner" ;;
	recorder)   echo "util measure floorplans survey recorder" ;;
	sim)        echo "util measure floorplans survey recorder sim" ;;
	heatmap)    echo "util measure floorplans survey heatmap" ;;
	formats)    echo "util measure floorplans survey recorder formats" ;;
	walker)     echo "util measure floorplans survey scanner recorder sim heatmap walker" ;;
	cli)        echo "util measure floorplans survey scanner recorder sim heatmap formats walker cli" ;;
	*)          echo "" ;;
	esac
}
bad=0
for dir in util measure floorplans survey scanner recorder sim heatmap formats walker cli; do
	[ -d "$dir" ] || continue
	ok=$(allowed "$dir")
	for f in $(find "$dir" -name '*.[ch]' | sort); do
		grep -n '^#include "[a-z_]*/' "$f" | while IFS= read -r line; do
			target=$(printf '%s\n' "$line" | sed 's/^[0-9]*:#include "\([a-z_]*\)\/.*/\1/')
			case " $ok " in
			*" $target "*) ;;
			*) echo "check-layers: $f:${line%%:*} includes $target/ ($dir/ may use: $ok)" ;;
			esac
		done
	done
done >"${TMPDIR:-/tmp}/check-layers.$$"
if [ -s "${TMPDIR:-/tmp}/check-layers.$$" ]; then
	cat "${TMPDIR:-/tmp}/check-layers.$$"
	bad=1
fi
rm -f "${TMPDIR:-/tmp}/check-layers.$$"
[ "$bad" -eq 0 ] && echo "check-layers: every include runs downwards"
exit "$bad"
