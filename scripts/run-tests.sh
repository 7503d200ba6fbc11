#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-tests.sh BUILD_DIR TEST_BIN... — run cmocka test binaries from the source
# tree's top (golden files are found by relative path), show their output, and
# add their counts to BUILD_DIR/check-summary. Exits 1 if any test failed or a
# binary died (a sanitizer report, a crash).
set -u
build=$1
shift
mkdir -p "$build"
passed=0 failed=0 died=""
for t in "$@"; do
	out=$(mktemp)
	CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$out" 2>&1
	rc=$?
	cat "$out"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' "$out" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p' "$out" | tail -1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
		died="$died $(basename "$t")"
		failed=$((failed + 1))
	fi
	rm -f "$out"
done
[ -n "$died" ] && echo "run-tests: exited abnormally:$died"
echo "$(basename "$build"): $passed passed, $failed failed"
mkdir -p build; echo "$passed $failed 0" >>"${CHECK_SUMMARY:-build/check-summary}"
[ "$failed" -eq 0 ]
