#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pkg_docs.sh — what a distribution installs around the programs reads right:
# the man pages render without a groff warning and name every option of
# their subcommand's --help; the bash completion completes subcommands,
# actions, options, map names, survey files and the floors of a survey; the
# walker's AppStream metainfo passes its validator.
set -u
top=$(pwd)
build=${BUILD:-build}
[ -x ./notspot ] && [ -s "$build/man/notspot.1" ] && [ -s "$build/notspot.bash" ] ||
	{ echo "pkg_docs: build first (make)"; exit 77; }
tmp=$(mktemp -d /tmp/notspot-pkg-docs.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "pkg_docs: $*"; exit 1; }
export LC_ALL=C.UTF-8 MANWIDTH=100

# ---- man pages -------------------------------------------------------------
commands=$(./notspot --help | sed -n '/^Subcommands:$/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p' | grep -v '^version$')
npages=0 nopts=0
for page in "$build"/man/*.1; do
	groff -man -Tutf8 -ww -z "$page" >"$tmp/warn" 2>&1
	[ -s "$tmp/warn" ] && { cat "$tmp/warn"; fail "groff warns about $(basename "$page")"; }
	man -l "$page" >"$tmp/page.txt" 2>"$tmp/man.err" || fail "man -l $(basename "$page") failed: $(cat "$tmp/man.err")"
	grep -q "^NAME" "$tmp/page.txt" && grep -q "^SYNOPSIS" "$tmp/page.txt" || fail "$(basename "$page") has no NAME or SYNOPSIS"
	npages=$((npages + 1))
done
for c in $commands; do
	page=$build/man/notspot-$c.1
	[ -s "$page" ] || fail "no man page for notspot $c"
	man -l "$page" 2>/dev/null | col -b >"$tmp/page.txt"
	./notspot "$c" --help 2>&1 | LC_ALL=C awk -f scripts/help-words.awk | sed -n 's/^option //p' >"$tmp/opts"
	[ -s "$tmp/opts" ] || [ "$c" = interfaces ] || fail "no options found in 'notspot $c --help'"
	while read -r o; do
		grep -qe "$o" "$tmp/page.txt" || fail "notspot-$c(1) does not mention $o"
		nopts=$((nopts + 1))
	done <"$tmp/opts"
	man -l "$build/man/notspot.1" 2>/dev/null | col -b | grep -q "notspot-$c(1)" || fail "notspot(1) does not list notspot-$c(1)"
done
echo "pkg_docs: $npages man pages render without warnings; all $nopts options of the --help texts are in them"

# ---- bash completion ---------------------------------------------------------
command -v bash >/dev/null 2>&1 || fail "bash is not installed"
mkdir -p "$tmp/demo" "$tmp/sub"
./notspot new "$tmp/demo/example.notspot" >/dev/null 2>&1 &&
	./notspot floor add "$tmp/demo/example.notspot" --name "Level 2" \
		--sidecar floorplans/examples/hospital-level2.json >/dev/null 2>&1 ||
	fail "cannot make a survey to complete from"
: >"$tmp/sub/other.notspot"
: >"$tmp/sub/notes.txt"
cat >"$tmp/complete.sh" <<'EOF'
. "$1"
t() { # WORDS... : the candidates for the last word, '|'-separated
	COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _notspot
	local IFS='|'; echo "${COMPREPLY[*]}"
}
cd "$2"
echo "commands: $(t notspot re)"
echo "actions: $(t notspot floor '')"
echo "options: $(t notspot render demo/example.notspot --sh)"
echo "maps: $(t notspot render demo/example.notspot --map p)"
echo "profiles: $(t notspot stats demo/example.notspot --profile v)"
echo "floors: $(t notspot render demo/example.notspot --floor '')"
echo "surveys: $(t notspot info sub/)"
echo "floor-options: $(t notspot floor add demo/example.notspot --s)"
echo "walk: $(t notspot walk demo/example.notspot --si)"
echo "registered: $(complete -p notspot)"
EOF
PATH="$top:$PATH" bash "$tmp/complete.sh" "$top/$build/notspot.bash" "$tmp" >"$tmp/got" 2>&1 || { cat "$tmp/got"; fail "the completion script failed"; }
cat >"$tmp/want" <<EOF
commands: record|render|report
actions: add|show|scale|list|set|rename|move|align|remove|--help
options: --show-samples|--show-path|--show-aps
maps: primary|pass
profiles: voice
floors: Level 2
surveys: sub/other.notspot
floor-options: --sidecar|--slab|--slab-loss-db
walk: --simulate
registered: complete -o filenames -F _notspot notspot
EOF
diff -u "$tmp/want" "$tmp/got" || fail "the completion offers other candidates than expected"
# Every hard-coded value list in the completion is still what the help texts say.
for p in nhs-data voice clinical-badge medical-device rtls none; do
	./notspot render --help | grep -q -- "$p" || fail "the completion offers profile '$p', which render --help does not list"
done
./notspot walk --help | grep -q "continuous (default) or stop-and-go" || fail "the completion's --mode values are stale"
echo "pkg_docs: bash completion: subcommands, actions, options, maps, profiles, survey files, floor names"

# ---- the walker's desktop integration ---------------------------------------------
appstreamcli validate --no-net data/org.notspot.Walker.metainfo.xml >"$tmp/asv" 2>&1 ||
	{ cat "$tmp/asv"; fail "appstreamcli validate failed"; }
grep -q '^Icon=org.notspot.Walker$' data/org.notspot.Walker.desktop.in || fail "the desktop file names another icon"
grep -q '<launchable type="desktop-id">org.notspot.Walker.desktop</launchable>' data/org.notspot.Walker.metainfo.xml ||
	fail "the metainfo does not launch the desktop file"
grep -q '"org.notspot.Walker"' cli/walker_exec.h || fail "the walker's app id is not the desktop file's"
xmllint --noout data/notspot-mime.xml data/org.notspot.Walker.svg 2>"$tmp/xml" || { cat "$tmp/xml"; fail "bad XML"; }
rel=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' data/org.notspot.Walker.metainfo.xml | head -1)
[ "$rel" = "$(./notspot --version | sed 's/^notspot //')" ] || fail "the metainfo's newest release $rel is not the program's version"
echo "pkg_docs: metainfo, MIME type and icon validate (the desktop file: pkg_install.sh)"
echo "pkg_docs: passed"
