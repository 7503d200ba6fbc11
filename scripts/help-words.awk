# SPDX-License-Identifier: GPL-3.0-or-later
# help-words.awk — the words of one `notspot X --help` text that a shell
# completes, one "KIND WORD" a line (duplicates removed):
#   option --floor      an option of the command (from the Usage lines, the
#                       option lines and the lines of an Actions: block)
#   value --floor       an option that takes a value (--floor F, -o FILE)
#   action add          a word after the command (floor add, ward add)
#   map primary         a map name (the "Maps:" block)
# Quoted spans ('notspot export --csv') are left out: they name other
# commands' options. Used by gen-completion.sh and by the man page test.

function emit(kind, word) {
	if (!((kind, word) in seen)) {
		seen[kind, word] = 1
		print kind, word
	}
}

# Options in @s, and which of them take a value.
function options(s,    rest, o, after, short) {
	gsub(/'[^']*'/, "", s)
	gsub(/`[^`]*`/, "", s)
	rest = " " s
	while (match(rest, /[ ,[(|]--?[A-Za-z][A-Za-z0-9-]*/)) {
		o = substr(rest, RSTART + 1, RLENGTH - 1)
		after = substr(rest, RSTART + RLENGTH)
		emit("option", o)
		if (after ~ /^ [A-Z0-9]/ || after ~ /^=[A-Z]/) {
			emit("value", o)
			if (short != "")
				emit("value", short)
		}
		# "-o, --output FILE": the short one takes what the long one takes.
		short = after ~ /^, --/ ? o : ""
		rest = after
	}
}

NR == 1 || (usage && /^ +(notspot|\[|\()/) {
	usage = 1
	options($0)
	# "notspot ward add SURVEY": a lower-case word after the command is an action.
	if (match($0, /notspot [a-z]+ [a-z]+/)) {
		n = split(substr($0, RSTART, RLENGTH), w, " ")
		emit("action", w[3])
	}
	next
}
{ usage = 0 }

/^[A-Z][^ ]*:$/ { block = $0; maps = 0; next }
/^$/ { maps = 0; if (block != "Actions:") block = ""; next }

block == "Actions:" && /^  [a-z]/ {
	emit("action", $1)
	options($0)
	next
}
block == "Actions:" && /^ +\[/ { options($0); next }

/^Maps:/ { maps = 1; sub(/^Maps:/, "") }
maps && /^ / {
	for (i = 1; i <= NF; i++)
		emit("map", $i)
	next
}
{ maps = 0 }

# An option line: "  -o, --output FILE  text"; only its first column names options.
/^ +--?[A-Za-z]/ {
	line = $0
	sub(/^ +/, "", line)
	if (match(line, /  +/))
		line = substr(line, 1, RSTART - 1)
	options(line)
}
