# SPDX-License-Identifier: GPL-3.0-or-later
# help2roff.awk — turn one `notspot X --help` text into the SYNOPSIS and
# DESCRIPTION of a man page (groff -man), so that the pages are made from the
# help texts and cannot drift from them. Run with LC_ALL=C (bytes, for the
# UTF-8 escapes). scripts/gen-man.sh writes the page around it.
#
# What the help texts look like, and what each becomes:
#   Usage: notspot X ...            SYNOPSIS (and its indented continuation
#          [more] / notspot X ...   lines)
#   Prose at column 0               filled paragraphs; a blank line is .PP
#   Options:  (a line ending ':')   .SS Options
#     -o, --output FILE  text       .TP: the option in bold, its text after;
#                        more text  (deeper-indented lines continue it)
#     other indented lines          kept as they are (.nf), e.g. tables

# Escape text for roff: backslashes, minus signs, control characters at the
# start of a line, and UTF-8 sequences as \[uXXXX].
function esc(s,    out, i, c, b, n, cp, k) {
	gsub(/\\/, "\\e", s)
	gsub(/-/, "\\-", s)
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		b = ord[c]
		if (b < 128) { out = out c; continue }
		if (b >= 240) { n = 3; cp = b - 240 }
		else if (b >= 224) { n = 2; cp = b - 224 }
		else { n = 1; cp = b - 192 }
		for (k = 1; k <= n; k++)
			cp = cp * 64 + (ord[substr(s, i + k, 1)] - 128)
		i += n
		out = out sprintf("\\[u%04X]", cp)
	}
	if (out ~ /^[.']/)
		out = "\\&" out
	return out
}

function indent_of(s) { match(s, /^ */); return RLENGTH }
function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }

function end_verbatim() { if (verbatim) { print ".fi"; verbatim = 0 } }

# An option line: indent, then -x or --xx (a dash and a letter).
function is_option(s) { return s ~ /^ +--?[A-Za-z]/ }

BEGIN {
	for (i = 1; i < 256; i++)
		ord[sprintf("%c", i)] = i
	state = "usage"
}

# The synopsis: the Usage line and the lines that go on with it.
state == "usage" {
	if (NR == 1) {
		sub(/^Usage: */, "")
		print ".SH SYNOPSIS"
		print ".nf"
		print esc($0)
		next
	}
	if ($0 ~ /^ +(notspot|\[|\()/) {
		print esc(trim($0))
		next
	}
	print ".fi"
	print ".SH DESCRIPTION"
	state = "body"
}

/^$/ {
	end_verbatim()
	in_opt = 0
	print ".PP"
	next
}

# A heading: a short line at column 0 ending with a colon.
/^[A-Z][^ ].*:$/ && length($0) < 60 {
	end_verbatim()
	in_opt = 0
	h = $0
	sub(/:$/, "", h)
	print ".SS " esc(h)
	next
}

# Inside a kept block, deeper lines stay in it even when they start with a dash.
verbatim && indent_of($0) > verbatim_indent {
	print esc($0)
	next
}

is_option($0) {
	end_verbatim()
	opt_indent = indent_of($0)
	line = trim($0)
	tag = line
	text = ""
	if (match(line, /  +/)) {
		tag = substr(line, 1, RSTART - 1)
		text = trim(substr(line, RSTART + RLENGTH))
	}
	print ".TP"
	print "\\fB" esc(tag) "\\fR"
	if (text != "")
		print esc(text)
	in_opt = 1
	next
}

# A "Label: words" line at column 0 goes on on lines indented to its words.
prose_hang > 0 && indent_of($0) == prose_hang && !is_option($0) {
	print esc(trim($0))
	next
}

# The text of an option goes on on deeper-indented lines.
in_opt && indent_of($0) > opt_indent {
	print esc(trim($0))
	next
}

/^ / {
	in_opt = 0
	prose_hang = 0
	if (!verbatim) {
		print ".PP"
		print ".nf"
		verbatim = 1
		verbatim_indent = indent_of($0)
	}
	print esc($0)
	next
}

{
	end_verbatim()
	if (in_opt) {
		print ".PP"
		in_opt = 0
	}
	prose_hang = match($0, /^[A-Z][a-z]+: +/) ? RLENGTH : 0
	print esc($0)
}

END {
	if (state == "usage")
		print ".fi"
	end_verbatim()
}
