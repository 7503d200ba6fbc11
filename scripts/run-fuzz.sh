#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzz.sh [smoke|long] — build every libFuzzer target (tests/fuzz/fuzz_*.c)
# with ASan+UBSan, replay its regression files (tests/fuzz/regress/NAME/), then
# fuzz it from its kept corpus (tests/fuzz/corpus/NAME/) for a while:
# FUZZ_SECONDS (default 10 a target for smoke, 300 for long). New inputs go to a
# scratch copy so a check run never changes the tree.
set -u
mode=${1:-smoke}
case $mode in
smoke) secs=${FUZZ_SECONDS:-10} ;;
long) secs=${FUZZ_SECONDS:-300} ;;
*) echo "run-fuzz: mode is smoke or long" >&2; exit 2 ;;
esac
passed=0 failed=0
targets=$(ls tests/fuzz/fuzz_*.c 2>/dev/null)
if [ -n "$targets" ]; then
	make --no-print-directory fuzz-build || exit 1
fi
for src in $targets; do
	name=$(basename "$src" .c)
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
		passed=$((passed + 1))
		echo "fuzz: $name ok, ${execs:-0} inputs in ${secs}s"
	else
		failed=$((failed + 1))
		echo "fuzz: $name FAILED"; tail -40 "$scratch.log"
		ls "$scratch"/crash-* "$scratch"/leak-* "$scratch"/timeout-* 2>/dev/null
	fi
	rm -rf "$scratch" "$scratch.log"
done
echo "fuzz: $passed passed, $failed failed"
mkdir -p build
echo "$passed $failed 0" >>"${CHECK_SUMMARY:-build/check-summary}"
[ "$failed" -eq 0 ]
