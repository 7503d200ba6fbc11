#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# gen-man.sh — the man pages, made from the programs' own --help texts so
# that they cannot drift: notspot(1), with the list of subcommands and what
# no single --help says (environment, files, privileges), and one page per
# subcommand, notspot-NAME(1), from `notspot NAME --help`
# (scripts/help2roff.awk).
#
# Usage: scripts/gen-man.sh NOTSPOT_BINARY OUTDIR
# The date is $SOURCE_DATE_EPOCH's when set (reproducible builds).
set -eu

bin=$1
out=$2
here=$(dirname "$0")
export LC_ALL=C

version=$("$bin" --version | sed 's/^notspot //')
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
	date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
else
	date=$(date -u +%Y-%m-%d)
fi
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" --help >"$tmp/top"
# "  name         summary" lines of the Subcommands: block.
sed -n '/^Subcommands:$/,/^$/s/^  \([a-z][a-z0-9-]*\)  *\(.*\)$/\1 \2/p' "$tmp/top" >"$tmp/commands"
[ -s "$tmp/commands" ] || { echo "gen-man: no subcommands in '$bin --help'" >&2; exit 1; }

# roff text of a plain string (for the NAME lines).
roff() { printf '%s\n' "$1" | sed -e 's/\\/\\e/g' -e 's/-/\\-/g'; }

th() { # NAME
	printf '.TH %s 1 "%s" "notspot %s" "User Commands"\n' "$(roff "$1" | tr a-z A-Z)" "$date" "$version"
	echo ".nh"
}

# One page per subcommand (version has nothing to say beyond notspot(1)).
while read -r name summary; do
	[ "$name" = version ] && continue
	page="$out/notspot-$name.1"
	"$bin" "$name" --help >"$tmp/help" 2>&1 || {
		echo "gen-man: '$bin $name --help' failed:" >&2
		cat "$tmp/help" >&2
		exit 1
	}
	{
		printf '.\\" Made by scripts/gen-man.sh from `notspot %s --help`: edit the help text, not this.\n' "$name"
		th "notspot-$name"
		echo ".SH NAME"
		echo "notspot\\-$(roff "$name") \\- $(roff "$summary")"
		awk -f "$here/help2roff.awk" "$tmp/help"
		echo ".SH EXIT STATUS"
		echo "0 when it worked, 1 when it failed (one line on standard error says why), 2 for bad usage."
		echo ".SH SEE ALSO"
		echo ".BR notspot (1)"
	} >"$page.tmp"
	mv "$page.tmp" "$page"
done <"$tmp/commands"

# notspot(1): the command as a whole.
{
	echo '.\" Made by scripts/gen-man.sh from `notspot --help`: edit the help texts, not this.'
	th notspot
	echo ".SH NAME"
	echo "notspot \\- $(roff "$(sed -n 2p "$tmp/top" | sed -e 's/\.$//' -e 's/^\(.\)/\L\1/')")"
	cat <<'EOF'
.SH SYNOPSIS
.B notspot
.I SUBCOMMAND
.RI [ OPTIONS ]
\&...
.br
.B notspot
.RB [ \-\-help | \-\-version ]
.SH DESCRIPTION
notspot maps Wi\-Fi coverage inside hospital buildings and finds the
.IR not\-spots :
the places where the signal does not meet what clinical devices need.
An engineer walks a ward with a Linux laptop and taps where they stand on the
floorplan
.RB ( "notspot walk" ,
or
.B notspot record
without a display); every sample goes into one SQLite survey file
.RI ( *.notspot )
as it arrives.
Heatmaps, statistics and an A4 PDF evidence report are drawn from the file.
.PP
Start with
.BR "notspot demo" :
a simulated survey of the bundled example floor, with every output notspot makes.
.SH COMMANDS
Each subcommand has its own page and its own
.BR \-\-help .
EOF
	while read -r name summary; do
		echo ".TP"
		if [ "$name" = version ]; then
			echo ".B notspot version"
		else
			echo ".BR notspot\\-$(roff "$name") (1)"
		fi
		roff "$summary"
	done <"$tmp/commands"
	cat <<'EOF'
.SH EXIT STATUS
0 when the command worked, 1 when it failed, 2 for bad usage.
Errors are one line on standard error:
.IR "notspot: what went wrong: why" .
.SH ENVIRONMENT
.TP
.B NOTSPOT_DATA_DIR
The directory holding notspot's data files (the example floor, its access
points and routes, used by
.B notspot demo
and
.BR "notspot walk \-\-simulate" ).
By default they are found from the program's own place:
.I PREFIX/share/notspot
beside
.IR PREFIX/bin ,
or the source tree the program was built in.
.TP
.B NOTSPOT_WALKER
The walker app's program, run by
.B notspot walk
and
.BR "notspot edit" .
By default
.B notspot\-walker
beside
.BR notspot ,
or in
.IR PREFIX/libexec/notspot .
.SH FILES
.TP
.I PREFIX/share/notspot/floorplans/examples/
The example hospital floor: drawing (SVG) and sidecar (JSON).
.TP
.I PREFIX/share/notspot/sim/examples/
The example floor's access points and walking routes for the simulator.
.TP
.I PREFIX/libexec/notspot/notspot\-walker
The walker app (GTK 4) with the plan editor, a program of its own so that
.B notspot
runs without GTK.
.SH PRIVILEGES
Reading the link, the station and the kernel's cached scan results needs no
privileges.
Triggering a scan needs CAP_NET_ADMIN; monitor\-mode capture needs CAP_NET_RAW
and CAP_NET_ADMIN.
Do not run the walker as root: give the programs the capabilities instead,
as
.B make install\-caps
does:
.PP
.nf
.RS
setcap cap_net_admin,cap_net_raw+ep PREFIX/bin/notspot
setcap cap_net_admin,cap_net_raw+ep PREFIX/libexec/notspot/notspot\-walker
.RE
.fi
.PP
Without them notspot falls back to cached scan results and says so.
.SH PRIVACY
notspot records access points, never people: passive capture keeps only frames
sent by access points, and client MAC addresses are never stored or printed.
.SH SEE ALSO
EOF
	sep=""
	while read -r name summary; do
		[ "$name" = version ] && continue
		printf '%s.BR notspot\\-%s (1)' "$sep" "$(roff "$name")"
		sep=",
"
	done <"$tmp/commands"
	echo
} >"$out/notspot.1.tmp"
mv "$out/notspot.1.tmp" "$out/notspot.1"
