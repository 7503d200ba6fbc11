#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# levels_cli.sh — APs heard through floors, as a user meets them: a building
# of two levels of the example floor (level 3 with APs of its own), each walk
# hearing the other level's APs through the slab (hand-made AP files: the
# other level's APs 14/16 dB down and as high or low as the storey puts
# them); `stats --json` names every AP's level and puts Ward 21's APs, walked
# near on both levels, on their own; a one-level survey says no level.
set -u
[ -x ./notspot ] || { echo "levels_cli: ./notspot is not built"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "levels_cli: python3 is not installed"; exit 77; }
dir=$(mktemp -d /tmp/levels_cli_XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "levels_cli: $*"; exit 1; }
ex=floorplans/examples
aps=sim/examples/hospital-level2-aps.json

# Level 3's APs: level 2's, renamed, with MACs of their own. Each level's
# file adds the other level's APs through a 4 m storey: the slab's table loss
# (14 dB at 2.4 GHz, 16 at 5), the height between antenna and receiver.
python3 - "$aps" "$dir" <<'EOF' || fail "cannot write the AP files"
import copy, json, sys
a2 = json.load(open(sys.argv[1]))
a3 = copy.deepcopy(a2)
a3["floor"] = "Level 3"
for ap in a3["aps"]:
    ap["name"] = ap["name"].replace("L2-", "L3-")
    ap["mac"] = ap["mac"].replace("00:3a:7d:5c:", "00:3a:7d:6c:")
def through(aps, height):
    out = copy.deepcopy(aps)
    for ap in out:
        ap["height_m"] = height
        for r in ap["radios"]:
            r["tx_power_dbm"] -= 14 if r["band"] == "2.4" else 16
    return out
x2 = copy.deepcopy(a2); x2["aps"] = a2["aps"] + through(a3["aps"], 6.7)
x3 = copy.deepcopy(a3); x3["aps"] = a3["aps"] + through(a2["aps"], 3.5)
json.dump(x2, open(sys.argv[2] + "/aps2.json", "w"))
json.dump(x3, open(sys.argv[2] + "/aps3.json", "w"))
EOF

s="$dir/b.notspot"
./notspot new "$s" --site "Levels test" >/dev/null || fail "new failed"
# Level 1, below, is never walked: a candidate level of the fit that must not
# take the walked levels' APs.
for l in 1 2 3; do
	./notspot floor add "$s" --name "Level $l" --sidecar $ex/hospital-level2.json \
		--image $ex/hospital-level2.svg --building Main --level $l >/dev/null || fail "floor add level $l failed"
done
./notspot simulate "$s" --floor "Level 2" --aps "$dir/aps2.json" --start 2026-12-01T09:00:00Z >/dev/null ||
	fail "simulate level 2 failed"
./notspot simulate "$s" --floor "Level 3" --aps "$dir/aps3.json" --route sim/examples/route-ward21-continuous.json \
	--start 2026-12-01T10:00:00Z >/dev/null || fail "simulate level 3 failed"
./notspot stats "$s" --json >"$dir/stats.json" 2>"$dir/err" || fail "stats failed: $(cat "$dir/err")"
python3 - "$dir/stats.json" <<'EOF' || fail "stats --json does not put the APs on their levels"
import json, sys
levels = {}
def walk(o):
    if isinstance(o, dict):
        if "evidence" in o:
            if "level" not in o:
                sys.exit("AP %s has no level" % o.get("name"))
            levels.setdefault(o["name"], set()).add(o["level"])
        for v in o.values():
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)
walk(json.load(open(sys.argv[1])))
for lv in (2, 3):
    for k in range(1, 5):
        name = "L%d-W21-AP0%d" % (lv, k)
        if levels.get(name) != {"Level %d" % lv}:
            sys.exit("%s: %s" % (name, levels.get(name)))
EOF
./notspot render "$s" --floor "Level 3" --show-aps -o "$dir/l3.png" >/dev/null 2>&1 || fail "render of level 3 failed"
[ -s "$dir/l3.png" ] || fail "render wrote no map"

# One walked level: the floor is mapped on its own, and no AP names a level.
./notspot new "$dir/one.notspot" --site "One level" >/dev/null || fail "new failed"
./notspot floor add "$dir/one.notspot" --name "Level 2" --sidecar $ex/hospital-level2.json \
	--image $ex/hospital-level2.svg >/dev/null || fail "floor add failed"
./notspot simulate "$dir/one.notspot" --floor "Level 2" --aps "$aps" --route sim/examples/route-ward21-continuous.json \
	--start 2026-12-01T09:00:00Z >/dev/null || fail "simulate failed"
./notspot stats "$dir/one.notspot" --json >"$dir/one.json" || fail "stats of one level failed"
python3 - "$dir/one.json" <<'EOF2' || fail "a one-level survey's APs name a level"
import json, sys
def walk(o):
    if isinstance(o, dict):
        if "evidence" in o and "level" in o:
            sys.exit("AP %s names level %s" % (o.get("name"), o["level"]))
        for v in o.values():
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)
walk(json.load(open(sys.argv[1])))
EOF2
echo "levels_cli: ok"
