#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzz.sh [smoke|long] — build every libFuzzer target (tests/fuzz/fuzz_*.c)
# with ASan+UBSan, replay its regression files (tests/fuzz/regress/NAME/), then
# fuzz it from its kept corpus (tests/fuzz/corpus/NAME/) for a while:
# FUZZ_SECONDS (default 10 a target for smoke, 300 for long). New inputs go to a
# scratch copy so a check run never changes the tree. FUZZ_JOBS targets run
# at once (default: the processors).
set -u
mode=${1:-smoke}
case $mode in
smoke) secs=${FUZZ_SECONDS:-10} ;;
long) secs=${FUZZ_SECONDS:-300} ;;
*) echo "run-fuzz: mode is smoke or long" >&2; exit 2 ;;
esac
passed=0 failed=0
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
targets=$(ls tests/fuzz/fuzz_*.c 2>/dev/null)
if [ -n "$targets" ]; then
	make --no-print-directory -j"$jobs" fuzz-build || exit 1
fi
results=$(mktemp -d)

# fuzz_one NAME: replay NAME's regression files, then fuzz it from its corpus;
# its report goes to $results/NAME.out and "ok" or "failed" to $results/NAME.rc.
fuzz_one() {
	name=$1
	bin=build-fuzz/fuzz/$name
	scratch=$(mktemp -d)
	[ -d "tests/fuzz/corpus/$name" ] && cp -r "tests/fuzz/corpus/$name/." "$scratch/"
	ok=1
	if [ -d "tests/fuzz/regress/$name" ] && [ -n "$(ls "tests/fuzz/regress/$name")" ]; then
		"$bin" -runs=0 "tests/fuzz/regress/$name"/* >"$scratch.log" 2>&1 || ok=0
	fi
	if [ $ok -eq 1 ]; then
		"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix="$scratch/" "$scratch" >"$scratch.log" 2>&1 || ok=0
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch.log" | tail -1)
	if [ $ok -eq 1 ]; then
		echo "fuzz: $name ok, ${execs:-0} inputs in ${secs}s" >"$results/$name.out"
		echo ok >"$results/$name.rc"
	else
		{ echo "fuzz: $name FAILED"; tail -40 "$scratch.log"
		  ls "$scratch"/crash-* "$scratch"/leak-* "$scratch"/timeout-* 2>/dev/null; } >"$results/$name.out"
		echo failed >"$results/$name.rc"
	fi
	rm -rf "$scratch" "$scratch.log"
}

# $jobs targets at once (FUZZ_JOBS, default the processors); reports in order.
running=0
for src in $targets; do
	fuzz_one "$(basename "$src" .c)" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait
for src in $targets; do
	name=$(basename "$src" .c)
	cat "$results/$name.out" 2>/dev/null
	if [ "$(cat "$results/$name.rc" 2>/dev/null)" = ok ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
rm -rf "$results"
echo "fuzz: $passed passed, $failed failed"
mkdir -p build
echo "$passed $failed 0" >>"${CHECK_SUMMARY:-build/check-summary}"
[ "$failed" -eq 0 ]
