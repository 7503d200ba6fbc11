#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# editor_xvfb.sh — the plan editor (notspot edit) under Xvfb, driven by xdotool
# as a user drives it: a survey whose drawing has no scale yet is calibrated
# on two corners of the drawing and a typed distance; a room's four walls are
# drawn as one closed brick wall, a door is put in it, a ward is outlined on
# the same corners and named; an outline that crosses itself is refused with
# a sentence in the status line; the ward is undone and redone; the window is
# closed. Afterwards `notspot export --json` and the survey's own tables must
# show exactly that: the scale, one wall, one door, one ward, no AP.
# Screenshots go to build/e2e-artefacts/.
#
# Exit 0 passed, 77 skipped (no X server / tools), anything else failed.
set -u

top=$(pwd)
bin=$top/notspot
[ -x "$bin" ] || bin=$top/build/notspot
art=$top/build/e2e-artefacts
floor="Level 2"
started=$(date +%s.%N)

for t in Xvfb xdotool xwd xwdtopnm pnmtopng python3 sqlite3; do
	if ! command -v "$t" >/dev/null 2>&1; then
		echo "editor_xvfb: skipped: $t is not installed (scripts/install-deps.sh test)"
		exit 77
	fi
done
[ -x "$bin" ] || { echo "editor_xvfb: $bin is not built (make notspot)"; exit 1; }
# The editor refuses root; a test machine whose only user is root allows it.
[ "$(id -u)" = 0 ] && export NOTSPOT_ALLOW_ROOT=1

tmp=$(mktemp -d /tmp/notspot-editor-e2e.XXXXXX)
xpid=""
apid=""
cleanup() {
	[ -n "$apid" ] && kill "$apid" 2>/dev/null
	[ -n "$xpid" ] && kill "$xpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
	echo "editor_xvfb: FAILED: $*"
	[ -n "$xpid" ] && xwd -root -silent 2>/dev/null | xwdtopnm 2>/dev/null | pnmtopng >"$art/editor-failure.png" 2>/dev/null &&
		echo "editor_xvfb: the screen at the failure: build/e2e-artefacts/editor-failure.png"
	[ -s "$tmp/app.err" ] && { echo "--- the app's stderr"; tail -5 "$tmp/app.err"; }
	exit 1
}

# ---- an X server of our own ------------------------------------------------------------
n=81
while [ $n -lt 91 ]; do
	if [ ! -e /tmp/.X11-unix/X$n ] && [ ! -e /tmp/.X$n-lock ]; then
		Xvfb :$n -screen 0 1280x800x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
		xpid=$!
		i=0
		while [ $i -lt 50 ]; do
			DISPLAY=:$n xdotool getdisplaygeometry >/dev/null 2>&1 && break
			sleep 0.1
			i=$((i + 1))
		done
		DISPLAY=:$n xdotool getdisplaygeometry >/dev/null 2>&1 && break
		kill "$xpid" 2>/dev/null
		xpid=""
	fi
	n=$((n + 1))
done
if [ -z "$xpid" ]; then
	echo "editor_xvfb: skipped: no X server could be started (Xvfb failed on :81 … :90)"
	exit 77
fi
export DISPLAY=:$n
export GDK_BACKEND=x11 GSK_RENDERER=cairo NO_AT_BRIDGE=1 GTK_A11Y=none
mkdir -p "$art"

# ---- a survey with the example drawing and nothing else: no scale, no walls -------------
survey=$tmp/edit.notspot
"$bin" new "$survey" --site "St Elsewhere General Hospital (example)" >"$tmp/new.log" 2>&1 ||
	fail "notspot new: $(tail -1 "$tmp/new.log")"
"$bin" floor add "$survey" --name "$floor" --image "$top/floorplans/examples/hospital-level2.svg" \
	>"$tmp/floor.log" 2>&1 || fail "notspot floor add: $(tail -1 "$tmp/floor.log")"

# ---- without a display: one sentence, exit 1, the file untouched ----------------------
cp "$survey" "$tmp/before.notspot"
env -u DISPLAY -u WAYLAND_DISPLAY "$bin" edit "$survey" --floor "$floor" >"$tmp/nodisplay.out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "without a display the editor exited with $rc, not 1: $(tail -1 "$tmp/nodisplay.out")"
grep -q "^notspot edit: cannot open a display" "$tmp/nodisplay.out" ||
	fail "without a display the editor says '$(tail -1 "$tmp/nodisplay.out")'"
cmp -s "$survey" "$tmp/before.notspot" || fail "the editor changed the survey without a display"

# ---- driving the app --------------------------------------------------------------------
probe=$tmp/probe
clicks=0
keys=0

rm -f "$probe"
NOTSPOT_EDIT_PROBE=$probe "$bin" edit "$survey" --floor "$floor" >"$tmp/app.out" 2>"$tmp/app.err" &
apid=$!
s=0
while [ ! -s "$probe" ] && [ $s -lt 100 ]; do
	kill -0 "$apid" 2>/dev/null || fail "the editor exited: $(tail -1 "$tmp/app.err")"
	sleep 0.1
	s=$((s + 1))
done
[ -s "$probe" ] || fail "the editor drew no plan in 10 s"
wid=$(xdotool search --name "^notspot edit" | head -1)
[ -n "$wid" ] || fail "no editor window"
sleep 0.5

# Screen position of drawing pixel (X, Y), from the canvas as last drawn.
at() {
	read -r ox oy k <"$probe"
	sx=$(awk -v o="$ox" -v k="$k" -v p="$1" 'BEGIN { printf "%d", o + p * k + 0.5 }')
	sy=$(awk -v o="$oy" -v k="$k" -v p="$2" 'BEGIN { printf "%d", o + p * k + 0.5 }')
}
hover() { at "$1" "$2"; xdotool mousemove --window "$wid" "$sx" "$sy"; sleep 0.15; }
click() { hover "$1" "$2"; xdotool click 1; clicks=$((clicks + 1)); sleep 0.25; }
key() { xdotool key --window "$wid" "$1"; keys=$((keys + 1)); sleep 0.25; }
typed() { xdotool type --delay 30 "$1"; keys=$((keys + ${#1})); sleep 0.3; }
shot() { xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$art/$1" || fail "screenshot $1"; }
xdotool windowfocus --sync "$wid" 2>/dev/null

# The example drawing (floorplans/examples/hospital-level2.svg): 20 px per metre,
# the building's outer wall from pixel (60, 110) to (1660, 110) is 80 m long; the
# bay between x = 8 and 16 m, y = 0 and 8 m of the building is pixels
# (220, 110)-(380, 270).
shot editor-0-opened.png
hover 60 110
sleep 0.3
shot editor-1-calibrate-loupe.png
click 60 110
click 1660 110
typed "80"
key Return
sleep 0.3
shot editor-2-calibrated.png
ppm=$(sqlite3 -batch -noheader "$survey" "SELECT px_per_m FROM floors" 2>/dev/null)
awk -v p="$ppm" 'BEGIN { exit !(p > 19.95 && p < 20.05) }' || fail "calibration: px_per_m is '$ppm', not 20 within 0.25 %"

# The room: counted from here, one ward's walls, door and name.
c0=$clicks
k0=$keys
t0=$(date +%s.%N)
key w
key 3
click 220 110
click 380 110
click 380 270
click 220 270
click 220 110
sleep 0.3
t_walls=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
walls_clicks=$((clicks - c0))
walls_keys=$((keys - k0))
shot editor-3-walls.png
key d
hover 300 272
shot editor-4-door-preview.png
click 300 272
key r
click 220 110
click 380 110
click 380 270
click 220 270
click 220 110
sleep 0.3
shot editor-5-ward-name.png
typed "Side room 1"
key Return
sleep 0.3
room_clicks=$((clicks - c0))
room_keys=$((keys - k0))
t_room=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
shot editor-6-ward.png
# An outline that crosses itself (a bow tie over the next bay) is refused in one sentence.
click 460 110
click 600 270
click 600 110
click 460 270
key Return
sleep 0.3
shot editor-6b-refused.png
key Escape
key ctrl+z
sleep 0.3
shot editor-7-undone.png
key ctrl+shift+z
sleep 0.3
shot editor-8-redone.png
key s
click 300 190
sleep 0.3
shot editor-9-select.png
# The window goes at the key press, so xdotool's key release finds no window: not an error.
xdotool key --window "$wid" ctrl+q 2>/dev/null
e=0
while kill -0 "$apid" 2>/dev/null; do
	[ $e -ge 100 ] && fail "the editor did not close on Ctrl+Q"
	sleep 0.1
	e=$((e + 1))
done
wait "$apid" || fail "the editor exited with status $?"
apid=""

# ---- what the survey holds ---------------------------------------------------------------
"$bin" export "$survey" --json >"$tmp/survey.json" 2>"$tmp/export.err" || fail "notspot export: $(cat "$tmp/export.err")"
python3 - "$tmp/survey.json" <<'EOF' || fail "the survey does not hold what was drawn"
import json, sys

doc = json.load(open(sys.argv[1]))
fl = doc["floors"][0]
bad = []
def near(p, q, tol=0.15):
    return abs(p[0] - q[0]) <= tol and abs(p[1] - q[1]) <= tol
def pt(p):
    return [p["x"], p["y"]] if isinstance(p, dict) else p
# Drawing pixel (X, Y) is metre (X / 20, Y / 20): the origin stays at pixel (0, 0).
room = [[11, 5.5], [19, 5.5], [19, 13.5], [11, 13.5]]
walls, doors, wards = fl.get("walls", []), fl.get("openings", []), fl.get("wards", [])
if len(walls) != 1:
    bad.append("%d walls, not 1" % len(walls))
else:
    w = walls[0]; p = [pt(q) for q in w["points"]]
    if w["material"] != "brick": bad.append("wall material %s" % w["material"])
    if len(p) != 5 or not all(near(a, b) for a, b in zip(p, room + [room[0]])):
        bad.append("wall points %s" % p)
    if p and p[0] != p[-1]: bad.append("the wall does not close on its first corner")
if len(doors) != 1:
    bad.append("%d doors, not 1" % len(doors))
else:
    a, b = pt(doors[0]["points"][0]), pt(doors[0]["points"][1])
    # On the room's bottom stretch (corners 3 to 4, as clicked), 1.2 m wide, centred where clicked.
    p = [pt(q) for q in walls[0]["points"]] if len(walls) == 1 else [[0, 0]] * 5
    s0, s1 = p[2], p[3]
    def off_line(q):
        dx, dy = s1[0] - s0[0], s1[1] - s0[1]
        return abs(dx * (q[1] - s0[1]) - dy * (q[0] - s0[0])) / (dx * dx + dy * dy) ** 0.5
    if doors[0]["kind"] != "wooden-door": bad.append("door kind %s" % doors[0]["kind"])
    if not (off_line(a) < 1e-6 and off_line(b) < 1e-6 and near([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], [15, 13.5])
            and abs(((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 - 1.2) < 1e-6):
        bad.append("door %s-%s is not 1.2 m on the wall at (15, 13.5)" % (a, b))
if len(wards) != 1:
    bad.append("%d wards, not 1" % len(wards))
else:
    p = [pt(q) for q in wards[0]["points"]]
    if wards[0]["name"] != "Side room 1": bad.append("ward name %r" % wards[0]["name"])
    if len(p) != 4 or not all(near(a, b, 1e-9) for a, b in zip(p, [pt(q) for q in walls[0]["points"]])):
        bad.append("ward corners %s are not the wall's corners" % p)
if fl.get("aps"): bad.append("%d APs" % len(fl["aps"]))
if fl.get("areas"): bad.append("%d attenuation areas" % len(fl["areas"]))
for m in bad: print("editor_xvfb:", m)
sys.exit(1 if bad else 0)
EOF

# The same from the survey's own tables: what the file holds, row by row.
rows=$(sqlite3 -batch -noheader -separator ' ' "$survey" "SELECT
	(SELECT count(*) FROM floors), (SELECT count(*) FROM walls), (SELECT count(*) FROM openings),
	(SELECT count(*) FROM wards), (SELECT count(*) FROM aps), (SELECT count(*) FROM areas),
	(SELECT material FROM walls), (SELECT length(points) / 16 FROM walls),
	(SELECT kind FROM openings), (SELECT name FROM wards), (SELECT length(points) / 16 FROM wards)" 2>&1)
[ "$rows" = "1 1 1 1 0 0 brick 5 wooden-door Side room 1 4" ] ||
	fail "the survey's tables hold '$rows', not 'floors walls openings wards aps areas = 1 1 1 1 0 0', a brick wall of 5 corners, a wooden door and the ward 'Side room 1' of 4 corners"

took=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "editor_xvfb: the room's walls: $walls_clicks clicks and $walls_keys keystrokes (W, 3 for brick) in $t_walls s at xdotool's pace"
echo "editor_xvfb: calibrated at $ppm px/m; one room drawn: $room_clicks clicks and $room_keys keystrokes for its walls, door and named ward ('Side room 1' is 11 of them) in $t_room s; a crossing outline refused; undo and redo saved"
echo "editor_xvfb: passed in $took s; screenshots in build/e2e-artefacts/editor-*.png"
exit 0
