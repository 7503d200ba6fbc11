#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# walker_xvfb.sh — the walker app (notspot walk --simulate) under Xvfb, driven
# by xdotool along the routes in tests/e2e/walker/: a continuous walk, a
# stop-and-go walk, and a walk killed with SIGKILL and resumed. Afterwards the
# survey file must hold the waypoints where the taps were and the samples
# placed along the route. Screenshots go to build/e2e-artefacts/.
#
# Exit 0 passed, 77 skipped (no X server / tools), anything else failed.
set -u

top=$(pwd)
bin=$top/notspot
[ -x "$bin" ] || bin=$top/build/notspot
routes=$top/tests/e2e/walker
art=$top/build/e2e-artefacts
floor="Level 2"
pace=4

for t in Xvfb xdotool xwd xwdtopnm pnmtopng sqlite3; do
	if ! command -v "$t" >/dev/null 2>&1; then
		echo "walker_xvfb: skipped: $t is not installed (scripts/install-deps.sh test)"
		exit 77
	fi
done
[ -x "$bin" ] || { echo "walker_xvfb: $bin is not built (make notspot)"; exit 1; }
# The walker refuses to run as root; a CI container or test VM whose only user
# is root runs it on a throwaway X server, so it says so explicitly.
[ "$(id -u)" = 0 ] && export NOTSPOT_ALLOW_ROOT=1

tmp=$(mktemp -d /tmp/notspot-walker-e2e.XXXXXX)
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
	echo "walker_xvfb: FAILED: $*"
	[ -n "$xpid" ] && xwd -root -silent 2>/dev/null | xwdtopnm 2>/dev/null | pnmtopng >"$art/walker-failure.png" 2>/dev/null &&
		echo "walker_xvfb: the screen at the failure: build/e2e-artefacts/walker-failure.png"
	for f in "$tmp"/app-*.err; do
		[ -s "$f" ] && { echo "--- $f"; tail -5 "$f"; }
	done
	exit 1
}

# ---- an X server of our own ------------------------------------------------------
n=91
while [ $n -lt 100 ]; do
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
	echo "walker_xvfb: skipped: no X server could be started (Xvfb failed on :91 … :99)"
	exit 77
fi
export DISPLAY=:$n
# Software rendering, X11, no accessibility bus: the same on every machine.
export GDK_BACKEND=x11 GSK_RENDERER=cairo NO_AT_BRIDGE=1 GTK_A11Y=none
mkdir -p "$art"

# ---- a new survey of the example floor, as a user makes one ----------------------
survey=$tmp/walk.notspot
"$bin" new "$survey" --site "St Elsewhere General Hospital (example)" --surveyor "E2E Walker" \
	>"$tmp/new.log" 2>&1 || fail "notspot new: $(tail -1 "$tmp/new.log")"
"$bin" floor add "$survey" --name "$floor" --sidecar "$top/floorplans/examples/hospital-level2.json" \
	>"$tmp/floor.log" 2>&1 || fail "notspot floor add: $(tail -1 "$tmp/floor.log")"

q() { sqlite3 -batch -noheader "$survey" "$1"; }

# Without a display the walker says so and begins no walk (it used to crash after beginning one).
env -u DISPLAY -u WAYLAND_DISPLAY "$bin" walk "$survey" --floor "$floor" --simulate >"$tmp/nodisplay.out" 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q "cannot open a display" "$tmp/nodisplay.out" ||
	fail "without a display: exit $rc, '$(tail -1 "$tmp/nodisplay.out")'"
[ "$(q "SELECT count(*) FROM walks")" = 0 ] || fail "without a display a walk was begun"

# ---- driving the app -----------------------------------------------------------------
probe=$tmp/probe
wid=""

start_app() { # NAME ARGS...
	name=$1
	shift
	rm -f "$probe"
	NOTSPOT_WALK_PROBE=$probe "$bin" walk "$survey" --floor "$floor" --simulate --pace $pace \
		"$@" >"$tmp/app-$name.out" 2>"$tmp/app-$name.err" &
	apid=$!
	_s=0
	while [ ! -s "$probe" ] && [ $_s -lt 100 ]; do
		kill -0 "$apid" 2>/dev/null || fail "$name: the app exited: $(tail -1 "$tmp/app-$name.err")"
		sleep 0.1
		_s=$((_s + 1))
	done
	[ -s "$probe" ] || fail "$name: the app drew no plan in 10 s"
	wid=$(xdotool search --name "^notspot walk" | head -1)
	[ -n "$wid" ] || fail "$name: no window"
	sleep 0.5 # the first layout settles
}

tap() { # X_M Y_M — click there, from the plan's transform as last drawn
	read -r ox oy k <"$probe"
	px=$(awk -v o="$ox" -v k="$k" -v m="$1" 'BEGIN { printf "%d", o + m * k + 0.5 }')
	py=$(awk -v o="$oy" -v k="$k" -v m="$2" 'BEGIN { printf "%d", o + m * k + 0.5 }')
	xdotool mousemove --window "$wid" "$px" "$py" click 1
	sleep 0.3
}

key() {
	xdotool windowfocus --sync "$wid" 2>/dev/null
	xdotool key "$1"
}

wait_for() { # SQL EXPECTED SECONDS WHAT
	_w=0
	while [ "$(q "$1")" != "$2" ]; do
		[ $_w -ge $(($3 * 10)) ] && fail "$4: waited $3 s for '$2', have '$(q "$1")'"
		sleep 0.1
		_w=$((_w + 1))
	done
}

wait_exit() { # NAME
	_e=0
	while kill -0 "$apid" 2>/dev/null; do
		[ $_e -ge 100 ] && fail "$1: the app did not close after Finish"
		sleep 0.1
		_e=$((_e + 1))
	done
	wait "$apid" || fail "$1: the app exited with status $?"
	apid=""
}

shot() { # FILE
	xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$art/$1" || fail "screenshot $1"
}

route() { grep -v '^#' "$routes/$1" | grep -v '^ *$'; }

# Waypoints of walk $1, "x y" per line in time order, compared with the route's taps.
check_waypoints() { # WALK ROUTEFILE WHAT
	q "SELECT x_m, y_m FROM waypoints WHERE walk_id = $1 AND pause = 0 ORDER BY t_us" |
		tr '|' ' ' >"$tmp/wps"
	route "$2" >"$tmp/route"
	[ "$(wc -l <"$tmp/wps")" -eq "$(wc -l <"$tmp/route")" ] ||
		fail "$3: $(wc -l <"$tmp/wps") waypoints for $(wc -l <"$tmp/route") taps"
	# A tap lands on a whole pixel: within half a pixel (< 0.1 m at this zoom).
	paste -d ' ' "$tmp/wps" "$tmp/route" | awk '{
		d = sqrt(($1 - $3) ^ 2 + ($2 - $4) ^ 2)
		if (d > 0.15) { printf "waypoint %d at %.2f,%.2f is %.2f m from the tap %s,%s\n", NR, $1, $2, d, $3, $4; bad = 1 }
	} END { exit bad }' || fail "$3: waypoints are not where the taps were"
}

# ---- 1. continuous ----------------------------------------------------------------------
start_app continuous --mode continuous --operator "E2E Walker" --note "continuous e2e walk"
walk=$(q "SELECT max(id) FROM walks")
ntaps=$(route route-continuous.txt | wc -l)
route route-continuous.txt | while read -r x y; do tap "$x" "$y"; done
# The simulated engineer walks the 77 m at $pace m/s; the last arrival commits the last waypoint.
wait_for "SELECT count(*) FROM waypoints WHERE walk_id = $walk" "$ntaps" 60 "continuous"
sleep 1.5
shot walker-continuous.png
key ctrl+Return
wait_exit continuous
grep -q "finished" "$tmp/app-continuous.out" || fail "continuous: no summary: $(cat "$tmp/app-continuous.out")"

[ "$(q "SELECT mode, end_us > start_us, operator, note, interface FROM walks WHERE id = $walk")" = \
	"continuous|1|E2E Walker|continuous e2e walk|sim0" ] || fail "continuous: the walk row is wrong"
check_waypoints "$walk" route-continuous.txt continuous
nsamples=$(q "SELECT count(*) FROM samples WHERE walk_id = $walk")
nplaced=$(q "SELECT count(*) FROM samples WHERE walk_id = $walk AND x_m IS NOT NULL")
nobs=$(q "SELECT count(*) FROM observations o JOIN samples s ON o.sample_id = s.id WHERE s.walk_id = $walk")
[ "$nplaced" -ge 30 ] || fail "continuous: only $nplaced of $nsamples samples placed"
[ "$nobs" -gt 0 ] || fail "continuous: no BSS observations stored"
# Every placed sample lies on the walked route (the polyline of the taps).
q "SELECT x_m, y_m FROM samples WHERE walk_id = $walk AND x_m IS NOT NULL" | tr '|' ' ' >"$tmp/placed"
awk 'NR == FNR { rx[NR] = $1; ry[NR] = $2; n = NR; next }
	{
		best = 1e9
		for (i = 1; i < n; i++) {
			dx = rx[i + 1] - rx[i]; dy = ry[i + 1] - ry[i]; l2 = dx * dx + dy * dy
			t = l2 > 0 ? (($1 - rx[i]) * dx + ($2 - ry[i]) * dy) / l2 : 0
			t = t < 0 ? 0 : t > 1 ? 1 : t
			d = sqrt(($1 - rx[i] - t * dx) ^ 2 + ($2 - ry[i] - t * dy) ^ 2)
			if (d < best) best = d
		}
		if (best > 0.2) { printf "sample at %.2f,%.2f is %.2f m off the route\n", $1, $2, best; bad = 1 }
	} END { exit bad }' "$tmp/wps" "$tmp/placed" || fail "continuous: samples placed off the route"
echo "walker_xvfb: continuous: $ntaps waypoints, $nsamples samples ($nplaced placed on the route), $nobs observations"

# ---- 2. stop-and-go ----------------------------------------------------------------------
start_app stop-and-go --mode stop-and-go --ward "Ward 22" --operator "E2E Walker" --note "stop-and-go e2e walk"
walk=$(q "SELECT max(id) FROM walks")
i=0
ntaps=$(route route-stop-and-go.txt | wc -l)
route route-stop-and-go.txt >"$tmp/sg"
while read -r x y; do
	i=$((i + 1))
	tap "$x" "$y"
	if [ $i -eq "$ntaps" ]; then
		sleep 1
		shot walker-stop-and-go-measuring.png
	fi
	# Ready: a scan finished after the tap is placed at this point.
	wait_for "SELECT count(DISTINCT printf('%.4f %.4f', x_m, y_m)) FROM samples WHERE walk_id = $walk AND kind = 1 AND x_m IS NOT NULL" \
		"$i" 15 "stop-and-go point $i"
done <"$tmp/sg"
sleep 0.5
shot walker-stop-and-go.png
key ctrl+Return
wait_exit stop-and-go
check_waypoints "$walk" route-stop-and-go.txt stop-and-go
# Every placed sample is at a tapped point; every point has a scan and a link poll.
bad=$(q "SELECT count(*) FROM samples s WHERE s.walk_id = $walk AND s.x_m IS NOT NULL AND NOT EXISTS
	(SELECT 1 FROM waypoints w WHERE w.walk_id = $walk AND abs(w.x_m - s.x_m) < 1e-9 AND abs(w.y_m - s.y_m) < 1e-9)")
[ "$bad" = 0 ] || fail "stop-and-go: $bad samples placed away from the tapped points"
incomplete=$(q "SELECT count(*) FROM waypoints w WHERE w.walk_id = $walk AND (
	(SELECT count(*) FROM samples s WHERE s.walk_id = $walk AND s.kind = 1 AND s.x_m = w.x_m AND s.y_m = w.y_m) = 0 OR
	(SELECT count(*) FROM samples s WHERE s.walk_id = $walk AND s.kind = 2 AND s.x_m = w.x_m AND s.y_m = w.y_m) = 0)")
[ "$incomplete" = 0 ] || fail "stop-and-go: $incomplete points without both a scan and a link poll"
nplaced=$(q "SELECT count(*) FROM samples WHERE walk_id = $walk AND x_m IS NOT NULL")
echo "walker_xvfb: stop-and-go: $ntaps points, each with a scan and a link poll; $nplaced samples placed at the points"

# ---- 3. killed mid-walk, then resumed ----------------------------------------------------
start_app killed --mode continuous --operator "E2E Walker" --note "killed and resumed"
walk=$(q "SELECT max(id) FROM walks")
route route-continuous.txt | head -3 | while read -r x y; do tap "$x" "$y"; done
wait_for "SELECT count(*) FROM waypoints WHERE walk_id = $walk" 3 30 "before the kill"
sleep 1
before=$(q "SELECT count(*) FROM samples WHERE walk_id = $walk")
kill -9 "$apid"
wait "$apid" 2>/dev/null
apid=""
after=$(q "SELECT count(*) FROM samples WHERE walk_id = $walk")
[ "$after" -ge "$before" ] && [ "$before" -gt 0 ] || fail "kill: $before samples seen before SIGKILL, $after after"
[ "$(q "PRAGMA integrity_check")" = ok ] || fail "kill: the survey file is damaged"
start_app resumed --resume
[ "$(q "SELECT max(id) FROM walks")" = "$walk" ] || fail "resume: a new walk was started"
tap 42 9.25
wait_for "SELECT count(*) FROM waypoints WHERE walk_id = $walk" 5 30 "resumed"
sleep 1
shot walker-resumed.png
key ctrl+Return
wait_exit resumed
[ "$(q "SELECT end_us > 0 FROM walks WHERE id = $walk")" = 1 ] || fail "resume: the walk was not finished"
[ "$(q "SELECT count(*) FROM waypoints WHERE walk_id = $walk AND pause = 1")" = 1 ] ||
	fail "resume: the interruption is not marked by a pause"
final=$(q "SELECT count(*) FROM samples WHERE walk_id = $walk")
[ "$final" -gt "$after" ] || fail "resume: no samples recorded after resuming"
echo "walker_xvfb: killed after $before samples, $after on disk after SIGKILL; resumed to $final"

# The file reads back through notspot itself, and its map renders.
"$bin" info --json "$survey" >"$tmp/info.json" 2>"$tmp/info.err" || fail "notspot info: $(cat "$tmp/info.err")"
grep -q '"walks": 3,' "$tmp/info.json" || fail "notspot info does not count the 3 walks"
"$bin" render "$survey" --floor "$floor" --map primary --show-path --show-samples \
	-o "$art/walker-render.png" >"$tmp/render.log" 2>&1 || fail "notspot render: $(tail -1 "$tmp/render.log")"

echo "walker_xvfb: passed; screenshots and the rendered map in build/e2e-artefacts/walker-*.png"
exit 0
