#!/bin/sh
# sim_cli.sh — `notspot demo` and `notspot simulate` as a user runs them:
# the demo's outputs exist and say what they should; a simulated walk with a
# fixed seed and start is the same twice; bad usage exits 2, bad files 1.
set -u
[ -x ./notspot ] || { echo "sim_cli: ./notspot is not built"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "sim_cli: sqlite3 (the shell) is not installed"; exit 77; }
dir=$(mktemp -d /tmp/sim_cli_XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "sim_cli: $*"; exit 1; }

./notspot demo -o "$dir/demo" >"$dir/demo.out" 2>&1 || { cat "$dir/demo.out"; fail "demo failed"; }
for f in example.notspot floor-level2.png truth-level2.csv summary.txt; do
	[ -s "$dir/demo/$f" ] || fail "demo did not write $f"
	grep -q "$dir/demo/$f" "$dir/demo.out" || fail "demo did not say where $f is"
done
head -c 8 "$dir/demo/floor-level2.png" | od -An -c | grep -q "P   N   G" || fail "floor-level2.png is not a PNG"
grep -q "^walks: 2" "$dir/demo/summary.txt" || fail "summary does not list two walks"
grep -q "stop-and-go" "$dir/demo/summary.txt" || fail "summary has no stop-and-go walk"
grep -q "^BSSIDs heard: " "$dir/demo/summary.txt" || fail "summary has no BSSIDs"
grep -q "(not surveyed)\|placed scans" "$dir/demo/summary.txt" || fail "summary has no per-ward counts"
[ "$(sqlite3 "$dir/demo/example.notspot" "select count(*) from walks where mode='simulated'")" = 2 ] ||
	fail "the survey does not hold two simulated walks"

# The same walk twice (fixed seed and start) records the same values.
cp "$dir/demo/example.notspot" "$dir/a.notspot"
cp "$dir/demo/example.notspot" "$dir/b.notspot"
for s in a b; do
	./notspot simulate "$dir/$s.notspot" --floor "Level 2" --aps sim/examples/hospital-level2-aps.json \
		--route sim/examples/route-ward21-continuous.json --mode stop-and-go --seed 9 \
		--start 2026-11-21T08:00:00Z --json >"$dir/$s.json" || fail "simulate failed"
	sqlite3 "$dir/$s.notspot" "select s.t_us, s.kind, s.status, s.x_m, s.y_m, o.signal_dbm, o.age_ms
		from samples s left join observations o on o.sample_id = s.id where s.walk_id = 3
		order by s.id, o.seq" >"$dir/$s.rows"
done
cmp -s "$dir/a.json" "$dir/b.json" || fail "simulate --json differs between identical runs"
cmp -s "$dir/a.rows" "$dir/b.rows" || fail "the recorded walk differs between identical runs"
[ -s "$dir/a.rows" ] || fail "the simulated walk recorded nothing"
grep -q '"mode": "stop-and-go"' "$dir/a.json" || fail "simulate --json does not name the mode"

./notspot simulate "$dir/a.notspot" --floor "Level 2" --truth "$dir/t.csv" --truth-cell 2 >/dev/null ||
	fail "simulate with the floor's planned APs and the default route failed"
grep -q "^# notspot-sim-truth 1" "$dir/t.csv" || fail "the truth file has no header"

./notspot simulate --help | grep -q "Usage: notspot simulate" || fail "simulate --help"
./notspot simulate "$dir/a.notspot" >/dev/null 2>&1; [ $? -eq 2 ] || fail "simulate without --floor must exit 2"
./notspot simulate "$dir/a.notspot" --floor "Level 2" --mode sideways >/dev/null 2>&1
[ $? -eq 2 ] || fail "a bad --mode must exit 2"
echo '{"format": "notspot-sim-route", "version": 1, "stops": []}' >"$dir/bad.json"
./notspot simulate "$dir/a.notspot" --floor "Level 2" --route "$dir/bad.json" 2>"$dir/err" >/dev/null
[ $? -eq 1 ] || fail "a bad route must exit 1"
grep -q "stops: must be an array of 1 to" "$dir/err" || fail "a bad route's error does not say why: $(cat "$dir/err")"
./notspot simulate "$dir/a.notspot" --floor "Level 9" >/dev/null 2>&1; [ $? -eq 1 ] || fail "an unknown floor must exit 1"
echo "sim_cli: ok"
