#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-tests.sh BUILD_DIR TEST_BIN... — run cmocka test binaries from the source
# tree's top (golden files are found by relative path), show their output, and
# add their counts to BUILD_DIR/check-summary. Exits 1 if any test failed or a
# binary died (a sanitizer report, a crash).
#
# TEST_JOBS binaries run at once (default: the number of processors); each
# writes into its own file and the outputs are shown in the order given, so a
# parallel run reads exactly like a serial one. Every test makes its own
# temporary folder and asks the kernel for a free loopback port, so they do not
# meet.
set -u
build=$1
shift
mkdir -p "$build"
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
outdir=$(mktemp -d)
trap 'rm -rf "$outdir"' EXIT INT TERM

# Run test number $1 ($2 is its binary): output to N.out, exit status to N.rc.
run_one() {
	CMOCKA_MESSAGE_OUTPUT=stdout "$2" >"$outdir/$1.out" 2>&1
	echo $? >"$outdir/$1.rc"
}

i=0 running=0
for t in "$@"; do
	i=$((i + 1))
	run_one "$i" "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait

passed=0 failed=0 died="" i=0
for t in "$@"; do
	i=$((i + 1))
	out=$outdir/$i.out
	rc=$(cat "$outdir/$i.rc" 2>/dev/null || echo 1)
	cat "$out"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' "$out" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p' "$out" | tail -1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
		died="$died $(basename "$t")"
		failed=$((failed + 1))
	fi
done
[ -n "$died" ] && echo "run-tests: exited abnormally:$died"
echo "$(basename "$build"): $passed passed, $failed failed"
mkdir -p build; echo "$passed $failed 0" >>"${CHECK_SUMMARY:-build/check-summary}"
[ "$failed" -eq 0 ]
