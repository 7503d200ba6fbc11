#!/bin/sh
# check-spdx.sh — every source file says its licence in an
# "SPDX-License-Identifier:" line within its first 5 lines: the C sources and
# headers, shell and Python scripts, awk scripts and Makefiles, wherever they
# are in the tree (build output and the packaging's own build dirs aside).
# Prints the files that lack it, one a line, and fails; run from the source top.
set -u
missing=$(find . \( -path ./.git -o -path './build*' -o -path ./debian/.debhelper \
		-o -path ./debian/tmp -o -path ./debian/notspot -o -path ./debian/notspot-walker \
		-o -path ./demo-out \) -prune -o -type f \
		\( -name '*.c' -o -name '*.h' -o -name '*.sh' -o -name '*.py' -o -name '*.awk' \
		-o -name Makefile -o -name '*.mk' \) -print |
	sort | while IFS= read -r f; do
		head -n 5 "$f" | grep -q 'SPDX-License-Identifier:' || echo "${f#./}"
	done)
if [ -n "$missing" ]; then
	n=$(printf '%s\n' "$missing" | wc -l)
	echo "check-spdx: $n files have no 'SPDX-License-Identifier:' line in their first 5 lines:"
	printf '  %s\n' $missing
	echo "check-spdx: add '/* SPDX-License-Identifier: GPL-3.0-or-later */' (C) or '# SPDX-License-Identifier: GPL-3.0-or-later' (scripts) at the top"
	exit 1
fi
echo "check-spdx: every source file names its licence"
