#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-e2e.sh — run every end-to-end test tests/e2e/*.sh from the source top.
# Each prints its own result and exits 0 (passed), 77 (skipped, with one line
# saying why) or anything else (failed).
set -u
passed=0 failed=0 skipped=0
for t in tests/e2e/*.sh; do
	[ -e "$t" ] || continue
	echo "== e2e: $t"
	sh "$t"
	rc=$?
	case $rc in
	0) passed=$((passed + 1)) ;;
	77) skipped=$((skipped + 1)) ;;
	*) failed=$((failed + 1)); echo "e2e: $t FAILED (exit $rc)" ;;
	esac
done
echo "e2e: $passed passed, $failed failed, $skipped skipped"
mkdir -p build
echo "$passed $failed $skipped" >>"${CHECK_SUMMARY:-build/check-summary}"
[ "$failed" -eq 0 ]
