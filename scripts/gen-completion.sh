#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# gen-completion.sh — bash completion for notspot, made from the programs'
# own --help texts (scripts/help-words.awk) so that it cannot drift: the
# subcommands, each one's actions and options, the map names; survey files
# (*.notspot) for words that are not options, and the floors of the survey
# already on the line (`notspot floor list SURVEY --json`) after --floor.
#
# Usage: scripts/gen-completion.sh NOTSPOT_BINARY OUTFILE
set -eu

bin=$1
out=$2
here=$(dirname "$0")
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

commands=$("$bin" --help | sed -n '/^Subcommands:$/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p' | tr '\n' ' ')
[ -n "$commands" ] || { echo "gen-completion: no subcommands in '$bin --help'" >&2; exit 1; }

# One case arm per subcommand and kind: NAME) echo "WORDS" ;;
: >"$tmp/option"; : >"$tmp/value"; : >"$tmp/action"; : >"$tmp/map"
for c in $commands; do
	"$bin" "$c" --help 2>&1 | awk -f "$here/help-words.awk" >"$tmp/words" || true
	for kind in option value action map; do
		w=$(sed -n "s/^$kind //p" "$tmp/words" | tr '\n' ' ' | sed 's/ $//')
		[ -n "$w" ] && printf '\t%s) echo "%s" ;;\n' "$c" "$w" >>"$tmp/$kind"
	done
done

arms() { # KIND: the case arms, or one that says nothing
	if [ -s "$tmp/$1" ]; then cat "$tmp/$1"; fi
	printf '\t*) ;;\n'
}

{
	cat <<EOF
# bash completion for notspot(1)
# Made by scripts/gen-completion.sh from the --help texts: edit those, not this.

_notspot_commands="$commands"

_notspot_words() { # KIND SUBCOMMAND: option, value (options taking one), action, map
	case \$1 in
	option) case \$2 in
$(arms option)
	esac ;;
	value) case \$2 in
$(arms value)
	esac ;;
	action) case \$2 in
$(arms action)
	esac ;;
	map) case \$2 in
$(arms map)
	esac ;;
	esac
}
EOF
	cat <<'EOF'

# The floors of the first survey file named on the line, one a line.
_notspot_floors() {
	local w survey=""
	for w in "${COMP_WORDS[@]:2}"; do
		case $w in *.notspot) [ -f "$w" ] && { survey=$w; break; } ;; esac
	done
	[ -n "$survey" ] || return 0
	"${COMP_WORDS[0]}" floor list "$survey" --json 2>/dev/null |
		sed -n 's/^ *"name": "\([^"\\]*\)",\{0,1\}$/\1/p'
}

_notspot() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=${COMP_WORDS[1]}
	local IFS=$'\n' words
	COMPREPLY=()
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(IFS=' '; compgen -W "$_notspot_commands --help --version" -- "$cur"))
		return 0
	fi
	words=$(_notspot_words action "$cmd")
	if [ "$COMP_CWORD" -eq 2 ] && [ -n "$words" ]; then
		COMPREPLY=($(IFS=' '; compgen -W "$words --help" -- "$cur"))
		return 0
	fi
	case " $(_notspot_words value "$cmd") " in
	*" $prev "*)
		case $prev in
		--floor) COMPREPLY=($(compgen -W "$(_notspot_floors)" -- "$cur")) ;;
		--map) COMPREPLY=($(IFS=' '; compgen -W "$(_notspot_words map "$cmd")" -- "$cur")) ;;
		--mode) COMPREPLY=($(IFS=' '; compgen -W "continuous stop-and-go" -- "$cur")) ;;
		--profile) COMPREPLY=($(IFS=' '; compgen -W "nhs-data voice clinical-badge medical-device rtls none" -- "$cur")) ;;
		--band) COMPREPLY=($(IFS=' '; compgen -W "2.4 5 6" -- "$cur")) ;;
		-i | --interface) COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -f -- "$cur")) ;;
		esac
		return 0
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(IFS=' '; compgen -W "$(_notspot_words option "$cmd")" -- "$cur"))
		return 0
	fi
	# Anything else is a survey file (or a directory on the way to one).
	COMPREPLY=($(compgen -f -X '!*.notspot' -- "$cur") $(compgen -d -- "$cur"))
	return 0
}
complete -F _notspot -o filenames notspot
EOF
} >"$out.tmp"
mv "$out.tmp" "$out"
