#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
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
for f in example.notspot floor-level2.png truth-level2.csv summary.txt example-openintent.json; do
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

# What the demo makes for the people who use notspot: maps that say what they
# are, a report that holds the numbers, and a before/after that shows the fix.
nmaps=$(ls "$dir"/demo/maps/*.png 2>/dev/null | wc -l)
[ "$nmaps" -ge 10 ] || fail "demo wrote $nmaps maps, expected at least 10"
for png in "$dir"/demo/maps/*.png; do
	grep -aq "profile: " "$png" || fail "$(basename "$png") has no provenance text chunk"
	grep -aq "SIMULATED" "$png" || fail "$(basename "$png") does not say its data are simulated"
done
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout "$dir/demo/report-voice.pdf" "$dir/report.txt" || fail "the report is not a readable PDF"
	grep -q "SIMULATED DATA" "$dir/report.txt" || fail "the report does not say its data are simulated"
	grep -q "Ward 22" "$dir/report.txt" || fail "the report has no Ward 22"
	grep -q -- "-67 dBm\|−67 dBm" "$dir/report.txt" || fail "the report does not print the voice threshold"
	pages=$(pdfinfo "$dir/demo/report-voice.pdf" | sed -n 's/^Pages: *//p')
	[ "${pages:-0}" -ge 8 ] || fail "the report has ${pages:-0} pages"
fi
head -1 "$dir/demo/stats-voice.csv" | grep -q "ward" || fail "stats-voice.csv has no header"
grep -q ',"Ward 22",' "$dir/demo/stats-voice.csv" || fail "stats-voice.csv has no Ward 22 row"
# Rules nothing measured (voice: loss, jitter) are empty cells for spreadsheets, not "nan".
! grep -qi "nan" "$dir/demo/stats-voice.csv" || fail "stats-voice.csv writes nan for unmeasured rules"
# The AP added in Ward 22's side rooms must raise the area passing there.
w22=$(grep "^  Ward 22 " "$dir/demo/before-after.txt") || fail "before-after.txt has no Ward 22 row"
before=$(echo "$w22" | sed -n 's/.*  \([0-9]*\) ([0-9]*%) -> \([0-9]*\) ([0-9]*%).*/\1/p')
after=$(echo "$w22" | sed -n 's/.*  \([0-9]*\) ([0-9]*%) -> \([0-9]*\) ([0-9]*%).*/\2/p')
[ -n "$before" ] && [ -n "$after" ] && [ "$after" -gt "$before" ] ||
	fail "adding an AP in Ward 22 did not raise its passing area ($w22)"
grep -q "^notspot render" "$dir/demo/commands.sh" || fail "commands.sh does not show the render commands"

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
# The demo's OpenIntent export reads back into a new survey: the same scans.
./notspot new "$dir/rt.notspot" >/dev/null || fail "new failed"
./notspot import "$dir/rt.notspot" "$dir/demo/example-openintent.json" >"$dir/rt.out" 2>&1 ||
	fail "the demo's OpenIntent does not import: $(cat "$dir/rt.out")"
[ "$(sqlite3 "$dir/rt.notspot" "select count(*) from observations")" = \
  "$(sqlite3 "$dir/demo/example.notspot" "select count(*) from observations")" ] ||
	fail "the OpenIntent round trip lost observations"
# ... and the same scans at the same times and places with as many BSSIDs
# each, the same walls and APs; the export passes notspot's OpenIntent schema
# (and the published one when NOTSPOT_OPENINTENT_SCHEMA names a copy).
q="select t_us, printf('%.6f', x_m), printf('%.6f', y_m),
   (select count(*) from observations o where o.sample_id = s.id) from samples s where kind = 1 order by t_us"
sqlite3 "$dir/demo/example.notspot" "$q" >"$dir/rt.want"
sqlite3 "$dir/rt.notspot" "$q" >"$dir/rt.got"
[ -s "$dir/rt.want" ] && cmp -s "$dir/rt.want" "$dir/rt.got" ||
	fail "the OpenIntent round trip moved scans or lost them: $(diff "$dir/rt.want" "$dir/rt.got" | head -3)"
for t in walls aps; do
	[ "$(sqlite3 "$dir/rt.notspot" "select count(*) from $t")" = \
	  "$(sqlite3 "$dir/demo/example.notspot" "select count(*) from $t")" ] ||
		fail "the OpenIntent round trip changed the number of $t"
done
python3 tests/formats/validate_json_schema.py formats/openintent-export.schema.json \
	"$dir/demo/example-openintent.json" >"$dir/val.out" 2>&1 ||
	fail "the demo's OpenIntent does not pass the schema: $(cat "$dir/val.out")"
if [ -n "${NOTSPOT_OPENINTENT_SCHEMA:-}" ]; then
	python3 tests/formats/validate_json_schema.py "$NOTSPOT_OPENINTENT_SCHEMA" \
		"$dir/demo/example-openintent.json" >"$dir/val.out" 2>&1 ||
		fail "the demo's OpenIntent does not pass the published schema: $(cat "$dir/val.out")"
fi

# An Ekahau project comes in with its floors, scale, walls and APs, and
# `floor list` and `floor show` show them.
python3 tests/formats/make_esx.py "$dir" >/dev/null || fail "make_esx.py failed"
./notspot new "$dir/esx.notspot" >/dev/null || fail "new failed"
./notspot import "$dir/esx.notspot" "$dir/good.esx" >"$dir/esx.out" 2>&1 ||
	fail "the Ekahau fixture does not import: $(cat "$dir/esx.out")"
./notspot floor list "$dir/esx.notspot" --json >"$dir/esx.list" || fail "floor list failed"
python3 - "$dir/esx.list" <<'PY' || fail "the Ekahau floors are not as the project says: $(cat "$dir/esx.list")"
import json, sys
floors = {f["name"]: f for f in json.load(open(sys.argv[1]))}
want = {"Ground": (0, "png", 800, 400, 20.0, 40.0, 20.0, 1, 5, 0, 2),
        "First": (1, None, 600, 300, 10.0, 60.0, 30.0, 0, 1, 0, 1)}
keys = ("level", "image_type", "width_px", "height_px", "px_per_m", "width_m", "height_m",
        "wards", "walls", "openings", "aps")
for name, w in want.items():
    got = tuple(floors[name].get(k) for k in keys)
    got = tuple(None if k == "image_type" and v in ("", "-", None) else v for k, v in zip(keys, got))
    assert got == w, (name, got, w)
PY
for fl in Ground First; do
	./notspot floor show "$dir/esx.notspot" --floor "$fl" -o "$dir/esx-$fl.png" >/dev/null 2>&1 &&
		head -c 8 "$dir/esx-$fl.png" | od -An -c | grep -q "P   N   G" ||
		fail "floor show of the Ekahau floor $fl failed"
done
echo "sim_cli: ok"
