# SPDX-License-Identifier: GPL-3.0-or-later
#
# demo-building.sh - the example building as a new user would set it up: three
# plan files in (Level 1 outpatients, Level 2 wards, Level 3 critical care and
# theatres), two of them calibrated and aligned onto Level 2, two levels walked
# with a simulated radio, and the building overview drawn. What `make demo` runs
# after `notspot demo`; README.md "A building of several levels" walks through
# the same commands.
#
# Usage: sh scripts/demo-building.sh NOTSPOT DATA_DIR OUT_DIR
#   NOTSPOT   the notspot binary
#   DATA_DIR  where floorplans/examples and sim/examples are (the source tree)
#   OUT_DIR   where building.notspot and building-overview.png go
set -eu

if [ $# -ne 3 ]; then
	echo "usage: sh scripts/demo-building.sh NOTSPOT DATA_DIR OUT_DIR" >&2
	exit 2
fi
NS=$1
PLANS=$2/floorplans/examples
SIM=$2/sim/examples
OUT=$3
SURVEY=$OUT/building.notspot

mkdir -p "$OUT"
rm -f "$SURVEY" "$SURVEY-wal" "$SURVEY-shm" "$SURVEY-journal"
run() {
	echo "+ notspot $*" >>"$OUT/building-commands.txt"
	"$NS" "$@" >>"$OUT/building-log.txt"
}
: >"$OUT/building-commands.txt"
: >"$OUT/building-log.txt"

run new "$SURVEY" --site "St Elsewhere General Hospital (example)" \
	--surveyor "notspot demo (simulated)"
# Three plan files in; the sidecars hold the wards, walls and planned APs.
run floor add "$SURVEY" --sidecar "$PLANS/hospital-level1.json"
run floor add "$SURVEY" --sidecar "$PLANS/hospital-level2.json"
run floor add "$SURVEY" --sidecar "$PLANS/hospital-level3.json" --slab=hospital-heavy-slab
# Levels 1 and 3 come uncalibrated: the outer wall's corners, 80 m apart, read
# off `floor show`'s pixel ruler; the origin is the drawing's datum cross.
run floor scale "$SURVEY" --floor "Level 1" --points 60,110,1660,110 --distance 80 \
	--origin 60,110
run floor scale "$SURVEY" --floor "Level 3" --points 72,76,1352,76 --distance 80 \
	--origin 40,60
# Level 3's metres start 2 m west and 1 m north of Level 2's: two outer corners on both.
run floor align "$SURVEY" --floor "Level 3" --to "Level 2" --points "2,1=0,0 82,41=80,40"
run floor align "$SURVEY" --floor "Level 1" --to "Level 2" --offset 0,0
# Two levels walked; each hears the other levels' APs through the slabs.
run simulate "$SURVEY" --floor "Level 2" --aps "$SIM/hospital-level2-aps.json" \
	--route "$SIM/route-ward21-continuous.json" --seed 1
# The Level 2 APs file names its floor, so Level 3's walk hears the same Level 2
# APs as Level 2's walk did (without it, Level 2 would be simulated from its
# planned APs: other names and BSSIDs, a second building in the data).
run simulate "$SURVEY" --floor "Level 3" --aps "$SIM/hospital-level2-aps.json" --seed 3
run floor list "$SURVEY"
run render "$SURVEY" --overview --map primary --show-aps -o "$OUT/building-overview.png"
echo "  building     $SURVEY (3 levels, 2 walked; $OUT/building-commands.txt)"
echo "  overview     $OUT/building-overview.png"
