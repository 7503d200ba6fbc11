/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_hostile_inputs.c — every command given what a hostile or careless
 * world gives it: bad names, bad numbers, NaN and infinity, huge values,
 * positions in the wrong unit, missing, unreadable and corrupt files of every
 * kind (survey, PNG, JPEG, SVG, PDF, sidecar, CSV, profile, AP and route JSON,
 * capture and waypoint files), missing folders, /dev/full as the output, and a
 * survey that another process is writing.
 *
 * Each bad input is run through the notspot next to this test's build folder
 * (build/notspot, and build-asan/notspot under `make check-asan`) without a
 * shell, and must give:
 *   - exit status 1 (failed) or 2 (bad usage), as the table says;
 *   - exactly one line on stderr, "notspot[ CMD]: what went wrong: why", that
 *     names the file or the value at fault (a usage error adds its "Try" line);
 *     valid UTF-8 without control characters;
 *   - no library's text (GLib, Pango, GdkPixbuf, poppler: "WARNING",
 *     "CRITICAL", "(process:") and no sanitizer report;
 *   - no crash, no hang;
 *   - every file in the fixture folder byte-identical afterwards (surveys,
 *     inputs), and nothing left behind (no temporary, no journal).
 * It prints the counts: bad inputs tried, clear errors, crashes, files damaged.
 *
 * Two more tests hold what is not refused: names that are not UTF-8 inside a
 * mailed survey are shown (every output works, stderr stays silent), and a
 * sample at 1e300 m is left out of a map with one warning line.
 */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "util/textcheck.h"

#define MAX_ARGS 24
#define HANG_S 60 /* a run longer than this is a hang (a lock waits 5 s) */

static char bin[4096];
static char D[64];     /* the fixture folder: every input and output of the table */
static char S[64];     /* scratch for stdout, stderr and a second survey */

struct result {
	int status;        /* exit status, -1 if killed */
	int sig;           /* the signal that ended it, 0 if none */
	bool hung;
	char err[16384];   /* stderr */
	size_t out_len;    /* bytes on stdout */
};

/* ---- running notspot ---------------------------------------------------------- */

static void read_fd(int fd, char *buf, size_t cap, size_t *len)
{
	size_t n = 0;
	ssize_t got;

	lseek(fd, 0, SEEK_SET);
	while (n + 1 < cap && (got = read(fd, buf + n, cap - 1 - n)) > 0)
		n += (size_t)got;
	buf[n] = '\0';
	if (len)
		*len = n;
}

/* "%D" in @s replaced by the fixture folder, into a new string. */
static char *subst(const char *s)
{
	size_t n = strlen(s) + 1;
	const char *p;
	char *out, *o;

	for (p = s; (p = strstr(p, "%D")); p += 2)
		n += strlen(D);
	out = o = malloc(n);
	assert_non_null(out);
	while (*s) {
		if (s[0] == '%' && s[1] == 'D') {
			o += sprintf(o, "%s", D);
			s += 2;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

/* Run notspot with @args (NULL-terminated, "%D" substituted), stdin from /dev/null. */
static void run_args(struct result *r, const char *const *args)
{
	char *argv[MAX_ARGS + 2], out_name[96], err_name[96];
	int out_fd, err_fd, st = 0, argc = 0;
	struct timespec t0, now;
	pid_t pid, got;

	argv[argc++] = bin;
	for (; args[argc - 1] && argc <= MAX_ARGS; argc++)
		argv[argc] = subst(args[argc - 1]);
	argv[argc] = NULL;
	snprintf(out_name, sizeof(out_name), "%s/stdout", S);
	snprintf(err_name, sizeof(err_name), "%s/stderr", S);
	out_fd = open(out_name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	err_fd = open(err_name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(out_fd >= 0 && err_fd >= 0);
	memset(r, 0, sizeof(*r));
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);

		dup2(in, STDIN_FILENO);
		dup2(out_fd, STDOUT_FILENO);
		dup2(err_fd, STDERR_FILENO);
		execv(bin, argv);
		_exit(127);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((got = waitpid(pid, &st, WNOHANG)) == 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - t0.tv_sec > HANG_S) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			r->hung = true;
			break;
		}
		usleep(2000);
	}
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	r->sig = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
	read_fd(err_fd, r->err, sizeof(r->err), NULL);
	{
		char buf[4096];

		read_fd(out_fd, buf, sizeof(buf), &r->out_len);
	}
	close(out_fd);
	close(err_fd);
	for (int i = 1; i < argc; i++)
		free(argv[i]);
}

/* ---- the fixture folder's state ------------------------------------------------ */

struct entry {
	char name[256];
	mode_t mode;
	off_t size;
	uint64_t hash; /* of the bytes (regular files) or the link's target (symlinks) */
};

struct snapshot {
	struct entry e[160];
	size_t n;
};

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

/*
 * While this process holds a survey's write lock through SQLite, it must not
 * open that survey's files itself: closing any descriptor of a file drops
 * every POSIX lock this process holds on it. Those are compared by size.
 */
static const char *held; /* the name prefix of the files whose lock is held, or NULL */

/* The pristine fixture folder, as setup made it; restored after a case changes it. */
static struct snapshot *initial;

/* Every entry of the fixture folder; devices and pipes are never opened. */
static void take(struct snapshot *s)
{
	DIR *d = opendir(D);
	struct dirent *de;

	assert_non_null(d);
	s->n = 0;
	while ((de = readdir(d)) && s->n < 160) {
		struct entry *e = &s->e[s->n];
		char path[512], buf[65536];
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", D, de->d_name);
		assert_int_equal(lstat(path, &st), 0);
		memset(e, 0, sizeof(*e));
		snprintf(e->name, sizeof(e->name), "%s", de->d_name);
		e->mode = st.st_mode;
		e->size = st.st_size;
		e->hash = 1469598103934665603ULL;
		if (S_ISLNK(st.st_mode)) {
			ssize_t n = readlink(path, buf, sizeof(buf));

			e->hash = fnv(e->hash, buf, n > 0 ? (size_t)n : 0);
		} else if (S_ISREG(st.st_mode) && !(held && !strncmp(e->name, held, strlen(held)))) {
			int fd = open(path, O_RDONLY);
			ssize_t n;

			assert_true(fd >= 0);
			while ((n = read(fd, buf, sizeof(buf))) > 0)
				e->hash = fnv(e->hash, buf, (size_t)n);
			close(fd);
		}
		s->n++;
	}
	closedir(d);
}

static const struct entry *find(const struct snapshot *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->e[i].name, name))
			return &s->e[i];
	return NULL;
}

/* What changed from @a to @b, as "name (why)" into @buf; 0 if nothing. */
static int compare(const struct snapshot *a, const struct snapshot *b, char *buf, size_t len)
{
	int changed = 0;
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < a->n; i++) {
		const struct entry *x = &a->e[i], *y = find(b, x->name);
		const char *why = !y ? "removed" : (x->mode != y->mode) ? "changed type" :
			(x->size != y->size || x->hash != y->hash) ? "changed" : NULL;

		if (why && at < len) {
			at += (size_t)snprintf(buf + at, len - at, " %s (%s)", x->name, why);
			changed++;
		}
	}
	for (size_t i = 0; i < b->n; i++)
		if (!find(a, b->e[i].name) && at < len) {
			at += (size_t)snprintf(buf + at, len - at, " %s (left behind)", b->e[i].name);
			changed++;
		}
	return changed;
}

/* Put the fixture folder back as setup left it (from the copies in S/pristine). */
static void restore(void)
{
	struct snapshot now;
	char path[512], from[512], cmd[1200];

	take(&now);
	for (size_t i = 0; i < now.n; i++)
		if (!find(initial, now.e[i].name)) {
			snprintf(cmd, sizeof(cmd), "rm -rf '%s/%s'", D, now.e[i].name);
			assert_int_equal(system(cmd), 0);
		}
	for (size_t i = 0; i < initial->n; i++) {
		const struct entry *e = &initial->e[i], *x = find(&now, e->name);

		if (!S_ISREG(e->mode) || (x && x->hash == e->hash && x->size == e->size))
			continue;
		snprintf(from, sizeof(from), "%s/pristine/%s", S, e->name);
		snprintf(path, sizeof(path), "%s/%s", D, e->name);
		snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", from, path);
		assert_int_equal(system(cmd), 0);
	}
}

/* ---- the verdict on one run --------------------------------------------------- */

struct tally {
	int tried, clear, crashes, damaged;
	char failures[32768];
	size_t at;
};

static void failed(struct tally *t, const char *what, const char *why, const char *err)
{
	if (t->at < sizeof(t->failures))
		t->at += (size_t)snprintf(t->failures + t->at, sizeof(t->failures) - t->at,
					  "  %s: %s\n    stderr: %.600s%s", what, why, err,
					  err[0] && err[strlen(err) - 1] == '\n' ? "" : "\n");
}

static bool crashed(const struct result *r)
{
	return r->hung || r->sig || r->status == 127 || r->status < 0 ||
	       strstr(r->err, "Sanitizer") || strstr(r->err, "runtime error:") ||
	       strstr(r->err, "LeakSanitizer");
}

/* Library text that must never reach the user. */
static const char *library_text(const char *err)
{
	static const char *const banned[] = { "WARNING", "CRITICAL", "(process:", "GLib",
					      "Pango-", "Gdk", "Poppler-", "librsvg", "Syntax Error",
					      "libpng", NULL };

	for (int i = 0; banned[i]; i++)
		if (strstr(err, banned[i]))
			return banned[i];
	return NULL;
}

/*
 * Whether @r is one clear error: status, one line naming @needle, the usage
 * hint only with status 2, nothing on stdout. Says why not into @why.
 */
static bool clear_error(const struct result *r, int want, const char *needle,
			const char *cause, char *why, size_t len)
{
	const char *nl = strchr(r->err, '\n'), *lib = library_text(r->err);
	size_t first = nl ? (size_t)(nl - r->err) : strlen(r->err);

	if (want ? r->status != want : (r->status != 1 && r->status != 2))
		return snprintf(why, len, "exit status %d, wanted %s", r->status,
				want == 1 ? "1" : want == 2 ? "2" : "1 or 2") < 0;
	if (lib)
		return snprintf(why, len, "library text '%s' on stderr", lib) < 0;
	if (!nl || strncmp(r->err, "notspot", 7) != 0)
		return snprintf(why, len, "stderr is not a 'notspot...' line") < 0;
	if (nl[1] && !(r->status == 2 && strncmp(nl + 1, "Try 'notspot", 12) == 0 &&
		       strchr(nl + 1, '\n') && !strchr(nl + 1, '\n')[1]))
		return snprintf(why, len, "more than one line on stderr") < 0;
	if (!ns_utf8_valid(r->err, first, NULL) || memchr(r->err, '\x1b', first) ||
	    memchr(r->err, '\t', first) || memchr(r->err, '\r', first))
		return snprintf(why, len, "the line is not clean UTF-8 text") < 0;
	if (needle && !memmem(r->err, first, needle, strlen(needle)))
		return snprintf(why, len, "the line does not name '%s'", needle) < 0;
	if (cause && !memmem(r->err, first, cause, strlen(cause)))
		return snprintf(why, len, "the line does not give the cause '%s'", cause) < 0;
	if (r->out_len)
		return snprintf(why, len, "%zu bytes on stdout", r->out_len) < 0;
	return true;
}

/* ---- the table ---------------------------------------------------------------- */

struct hostile {
	const char *what;             /* the bad input, said in a failure */
	int status;                   /* 1, 2, or 0 for either */
	const char *needle;           /* the file or value the line must name ("%D" allowed) */
	const char *args[MAX_ARGS];   /* notspot's arguments ("%D": the fixture folder) */
	const char *cause;            /* the real cause the line must give too, or NULL */
};

/* The causes an output's sentence must give: the errno's words, not a library's. */
#define NOFOLDER "No such file or directory"
#define FULL "No space left on device"

#define G "%D/good.notspot"

static const struct hostile table[] = {
	/* ---- surveys that are not surveys ---- */
	{ "missing survey", 1, "missing.notspot", { "info", "%D/missing.notspot" } },
	{ "folder as survey", 1, "folder.notspot", { "info", "%D/folder.notspot" } },
	{ "empty survey", 1, "empty.notspot", { "info", "%D/empty.notspot" } },
	{ "text as survey", 1, "text.notspot", { "stats", "%D/text.notspot" } },
	{ "PNG as survey", 1, "tiny.png", { "render", "%D/tiny.png", "-o", "%D/out/x.png" } },
	{ "truncated survey", 1, "trunc.notspot", { "report", "%D/trunc.notspot", "-o", "%D/out/r.pdf" } },
	{ "header-only survey", 1, "header.notspot", { "export", "%D/header.notspot", "--csv" } },
	{ "survey of a newer notspot", 1, "newer.notspot", { "ward", "add", "%D/newer.notspot", "--name", "W", "--points", "0,0", "1,0", "1,1" } },
	{ "schema version 0", 1, "zero.notspot", { "info", "%D/zero.notspot", "--json" } },
	{ "SQLite file that is no survey", 1, "other.sqlite", { "info", "%D/other.sqlite" } },
	{ "survey with garbled pages", 1, "garbled.notspot", { "render", "%D/garbled.notspot", "-o", "%D/out/x.png" } },
	{ "survey with garbled pages, written to", 1, "garbled.notspot", { "wall", "add", "%D/garbled.notspot", "--material", "brick", "--points", "0,0", "1,1" } },
	{ "FIFO as survey", 1, "fifo.notspot", { "info", "%D/fifo.notspot" } },
	{ "survey under a file", 1, "tiny.png/x.notspot", { "info", "%D/tiny.png/x.notspot" } },
	{ "new over an existing survey", 1, "good.notspot", { "new", G } },
	{ "new in a missing folder", 1, "nofolder/s.notspot", { "new", "%D/nofolder/s.notspot" } },
	{ "diff: second survey missing", 1, "missing.notspot", { "diff", G, "%D/missing.notspot" } },
	{ "diff: second survey truncated", 1, "trunc.notspot", { "diff", G, "%D/trunc.notspot" } },
	{ "simulate into a truncated survey", 1, "trunc.notspot", { "simulate", "%D/trunc.notspot", "--floor", "Level 1" } },
	{ "import into a PNG", 1, "tiny.png", { "import", "%D/tiny.png", "--floor", "Level 1", "%D/walk.csv" } },
	{ "floor list of a folder", 1, "folder.notspot", { "floor", "list", "%D/folder.notspot" } },
	{ "floor show of a missing survey", 1, "missing.notspot", { "floor", "show", "%D/missing.notspot", "-o", "%D/out/p.png" } },
	/* ---- what a mailed survey holds ---- */
	{ "positions in millimetres: render", 1, "millimetres", { "render", "%D/mm.notspot", "-o", "%D/out/x.png" } },
	{ "positions in millimetres: stats", 1, "millimetres", { "stats", "%D/mm.notspot" } },
	{ "positions in millimetres: report", 1, "millimetres", { "report", "%D/mm.notspot", "-o", "%D/out/r.pdf" } },
	{ "positions in millimetres: diff", 1, "millimetres", { "diff", "%D/mm.notspot", G } },
	{ "positions in millimetres: the building overview", 1, "millimetres", { "render", "%D/mm.notspot", "--overview", "-o", "%D/out/o.png" } },
	{ "ward corner 1300 km away", 1, "Ward 1", { "render", "%D/farward.notspot", "-o", "%D/out/x.png" } },
	{ "ward corner 1300 km away: stats", 1, "Ward 1", { "stats", "%D/farward.notspot" } },
	/* ---- names at the door ---- */
	{ "site not UTF-8", 2, "--site", { "new", "%D/n1.notspot", "--site", "St\xff" "Elsewhere" } },
	{ "site with a line break", 2, "--site", { "new", "%D/n1.notspot", "--site", "St\nElsewhere" } },
	{ "surveyor with an escape sequence", 2, "--surveyor", { "new", "%D/n1.notspot", "--surveyor", "\x1b[2J\x1b[31mX" } },
	{ "organisation with a bidi override", 2, "--organisation", { "new", "%D/n1.notspot", "--organisation", "NHS \xe2\x80\xae" "tsurT" } },
	{ "notes with a tab", 2, "--notes", { "new", "%D/n1.notspot", "--notes", "a\tb" } },
	{ "site of 300 bytes", 2, "--site", { "new", "%D/n1.notspot", "--site", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" } },
	{ "floor name not UTF-8", 2, "--name", { "floor", "add", G, "--name", "L\xc3", "--image", "%D/tiny.png" } },
	{ "floor name blank", 2, "--name", { "floor", "add", G, "--name", "   ", "--image", "%D/tiny.png" } },
	{ "building with a line break", 2, "--building", { "floor", "add", G, "--name", "L9", "--building", "A\nB", "--image", "%D/tiny.png" } },
	{ "ward name with a control character", 2, "--name", { "ward", "add", G, "--name", "W\x07", "--points", "0,0", "1,0", "1,1" } },
	{ "ward name of 100 bytes", 2, "--name", { "ward", "add", G, "--name", "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww", "--points", "0,0", "1,0", "1,1" } },
	{ "floor looked up by an escape sequence", 1, "\\x1B[2J", { "ward", "add", G, "--floor", "\x1b[2J", "--name", "W", "--points", "0,0", "1,0", "1,1" } },
	{ "ward looked up by a line break", 1, "Ward\\x0A1", { "render", G, "--ward", "Ward\n1", "-o", "%D/out/x.png" } },
	{ "SSID not UTF-8", 1, "\\xFF", { "render", G, "--ssid", "\xff\xfe", "-o", "%D/out/x.png" } },
	{ "unknown floor for stats", 1, "Level 9", { "stats", G, "--floor", "Level 9" } },
	{ "unknown floor for export", 1, "Level 9", { "export", G, "--csv", "--floor", "Level 9" } },
	{ "unknown ward for report", 1, "Ward 9", { "report", G, "--ward", "Ward 9", "-o", "%D/out/r.pdf" } },
	/* ---- bad numbers ---- */
	{ "--cell nan", 2, "--cell", { "render", G, "--cell", "nan", "-o", "%D/out/x.png" } },
	{ "--cell inf", 2, "--cell", { "render", G, "--cell", "inf", "-o", "%D/out/x.png" } },
	{ "--cell 0", 2, "--cell", { "render", G, "--cell", "0", "-o", "%D/out/x.png" } },
	{ "--cell 1e9", 2, "--cell", { "stats", G, "--cell", "1e9" } },
	{ "--cell -1", 2, "--cell", { "report", G, "--cell", "-1", "-o", "%D/out/r.pdf" } },
	{ "--cell abc", 2, "--cell", { "diff", G, G, "--cell", "abc" } },
	{ "--reach nan", 2, "--reach", { "render", G, "--reach", "nan", "-o", "%D/out/x.png" } },
	{ "--reach -5", 2, "--reach", { "stats", G, "--reach", "-5" } },
	{ "--reach 1e308", 2, "--reach", { "stats", G, "--reach", "1e308" } },
	{ "--width 0", 2, "--width", { "render", G, "--width", "0", "-o", "%D/out/x.png" } },
	{ "--width 1e12", 2, "--width", { "render", G, "--width", "1e12", "-o", "%D/out/x.png" } },
	{ "--width of diff -5", 2, "--width", { "diff", G, G, "--width", "-5", "-o", "%D/out/d.png" } },
	{ "--band 7", 2, "--band", { "render", G, "--band", "7", "-o", "%D/out/x.png" } },
	{ "--map unknown", 2, "heat", { "render", G, "--map", "heat", "-o", "%D/out/x.png" } },
	{ "--method unknown", 2, "magic", { "render", G, "--method", "magic", "-o", "%D/out/x.png" } },
	{ "--profile unknown", 0, "gold", { "stats", G, "--profile", "gold" } },
	{ "--date impossible", 2, "--date", { "report", G, "--date", "2026-02-30", "-o", "%D/out/r.pdf" } },
	{ "--date not a date", 2, "--date", { "report", G, "--date", "yesterday", "-o", "%D/out/r.pdf" } },
	{ "output of an unknown kind", 0, "x.bmp", { "render", G, "-o", "%D/out/x.bmp" } },
	{ "--page 0", 2, "--page", { "floor", "add", G, "--name", "L9", "--image", "%D/nopages.pdf", "--page", "0" } },
	{ "--page -1", 2, "--page", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--page", "-1" } },
	{ "--page 1e20", 2, "--page", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--page", "1e20" } },
	{ "--dpi nan", 2, "--dpi", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.svg", "--dpi", "nan" } },
	{ "--dpi 1e9", 0, "dpi", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.svg", "--dpi", "1e9" } },
	{ "--level 1e30", 2, "--level", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--level", "1e30" } },
	{ "--px-per-m nan", 2, "--px-per-m", { "floor", "scale", G, "--px-per-m", "nan" } },
	{ "--px-per-m inf", 2, "--px-per-m", { "floor", "scale", G, "--px-per-m", "inf" } },
	{ "--px-per-m 1e400", 2, "--px-per-m", { "floor", "scale", G, "--px-per-m", "1e400" } },
	{ "--px-per-m -5", 0, "-5", { "floor", "scale", G, "--px-per-m", "-5" } },
	{ "--px-per-m 1e-30", 1, "px per metre", { "floor", "scale", G, "--px-per-m", "1e-30" } },
	{ "--points with nan", 2, "--points", { "floor", "scale", G, "--points", "0,0,nan,0", "--distance", "5" } },
	{ "--points the same twice", 0, NULL, { "floor", "scale", G, "--points", "5,5,5,5", "--distance", "5" } },
	{ "--distance 0", 0, "distance", { "floor", "scale", G, "--points", "0,0,10,0", "--distance", "0" } },
	{ "--distance nan", 2, "--distance", { "floor", "scale", G, "--points", "0,0,10,0", "--distance", "nan" } },
	{ "--origin inf", 2, "--origin", { "floor", "scale", G, "--px-per-m", "2", "--origin", "inf,0" } },
	{ "--max-size 0", 2, "--max-size", { "floor", "show", G, "--max-size", "0", "-o", "%D/out/p.png" } },
	{ "--max-size abc", 2, "--max-size", { "floor", "show", G, "--max-size", "abc", "-o", "%D/out/p.png" } },
	{ "ward corner nan", 2, "nan", { "ward", "add", G, "--name", "W", "--points", "0,0", "nan,0", "1,1" } },
	{ "ward corner inf", 2, "inf", { "ward", "add", G, "--name", "W", "--points", "0,0", "inf,0", "1,1" } },
	{ "ward corner 1e300", 2, "1e300", { "ward", "add", G, "--name", "W", "--points", "0,0", "1e300,0", "1,1" } },
	{ "ward of two corners", 2, NULL, { "ward", "add", G, "--name", "W", "--points", "0,0", "1,1" } },
	{ "ward corner of three numbers", 2, "1,2,3", { "ward", "add", G, "--name", "W", "--points", "0,0", "1,2,3", "1,1" } },
	{ "wall point nan", 2, "nan", { "wall", "add", G, "--material", "brick", "--points", "0,0", "nan,nan" } },
	{ "wall of one point", 2, NULL, { "wall", "add", G, "--material", "brick", "--points", "0,0" } },
	{ "wall of an unknown material", 0, "adamantium", { "wall", "add", G, "--material", "adamantium", "--points", "0,0", "1,1" } },
	{ "wall loss nan", 2, "--loss-db", { "wall", "add", G, "--loss-db", "nan,5", "--points", "0,0", "1,1" } },
	{ "wall loss 1e9", 2, "1e+09", { "wall", "add", G, "--loss-db", "1e9,5", "--points", "0,0", "1,1" } },
	{ "simulate --seed abc", 2, "--seed", { "simulate", G, "--floor", "Level 1", "--seed", "abc" } },
	{ "simulate --seed 1e30", 2, "--seed", { "simulate", G, "--floor", "Level 1", "--seed", "1e30" } },
	{ "simulate --speed 0", 2, "--speed", { "simulate", G, "--floor", "Level 1", "--speed", "0" } },
	{ "simulate --speed nan", 2, "--speed", { "simulate", G, "--floor", "Level 1", "--speed", "nan" } },
	{ "simulate --dwell -1", 2, "--dwell", { "simulate", G, "--floor", "Level 1", "--dwell", "-1" } },
	{ "simulate --truth-cell inf", 2, "--truth-cell", { "simulate", G, "--floor", "Level 1", "--truth-cell", "inf" } },
	{ "simulate --start in February 30", 2, "--start", { "simulate", G, "--floor", "Level 1", "--start", "2026-02-30T09:30:00Z" } },
	{ "simulate --mode sideways", 2, "sideways", { "simulate", G, "--floor", "Level 1", "--mode", "sideways" } },
	{ "capture --window nan", 2, "--window", { "capture", G, "--floor", "Level 1", "--pcap", "%D/ether.pcap", "--window", "nan" } },
	{ "capture --window 0", 2, "--window", { "capture", G, "--floor", "Level 1", "--pcap", "%D/ether.pcap", "--window", "0" } },
	{ "record --link-hz nan", 2, "--link-hz", { "record", G, "--floor", "Level 1", "--link-hz", "nan" } },
	{ "record --scan-interval abc", 2, "--scan-interval", { "record", G, "--floor", "Level 1", "--scan-interval", "abc" } },
	{ "record --freq abc", 2, "--freq", { "record", G, "--floor", "Level 1", "--freq", "abc" } },
	{ "walk --pace nan", 2, "--pace", { "walk", G, "--floor", "Level 1", "--pace", "nan" } },
	{ "throughput -t nan", 2, NULL, { "throughput", "-s", "127.0.0.1", "-t", "nan" } },
	{ "latency -c abc", 2, NULL, { "latency", "-c", "abc", "127.0.0.1" } },
	{ "scan --timeout -1", 2, NULL, { "scan", "--timeout", "-1" } },
	/* ---- options ---- */
	{ "unknown option: render", 2, "--frob", { "render", G, "--frob" } },
	{ "unknown option: stats", 2, "--frob", { "stats", G, "--frob" } },
	{ "unknown option: report", 2, "--frob", { "report", G, "--frob" } },
	{ "unknown option: diff", 2, "--frob", { "diff", G, G, "--frob" } },
	{ "unknown option: demo", 2, "--frob", { "demo", "--frob" } },
	{ "unknown option: interfaces", 2, "--frob", { "interfaces", "--frob" } },
	{ "unknown option: scan", 2, "--frob", { "scan", "--frob" } },
	{ "unknown option: latency", 2, "--frob", { "latency", "--frob", "127.0.0.1" } },
	{ "unknown option: throughput", 2, "--frob", { "throughput", "--frob" } },
	{ "unknown option: walk", 2, "--frob", { "walk", G, "--frob" } },
	{ "unknown option: record", 2, "--frob", { "record", G, "--frob" } },
	{ "unknown option: capture", 2, "--frob", { "capture", G, "--frob" } },
	{ "unknown short option: render", 2, "-q", { "render", G, "-q" } },
	{ "missing value: render -o", 2, "-o", { "render", G, "-o" } },
	{ "missing value: stats --profile", 2, "--profile", { "stats", G, "--profile" } },
	{ "value for a flag: info --json=yes", 2, "--json", { "info", G, "--json=yes" } },
	{ "ambiguous option: render --pro", 2, "--pro", { "render", G, "--pro", "voice" } },
	{ "unknown subcommand", 2, "frobnicate", { "frobnicate" } },
	{ "unknown action", 2, "paint", { "floor", "paint", G } },
	/* ---- drawings ---- */
	{ "missing drawing", 1, "missing.png", { "floor", "add", G, "--name", "L9", "--image", "%D/missing.png" } },
	{ "folder as drawing", 1, "folder.notspot", { "floor", "add", G, "--name", "L9", "--image", "%D/folder.notspot" } },
	{ "empty PNG", 1, "empty.png", { "floor", "add", G, "--name", "L9", "--image", "%D/empty.png" } },
	{ "text as PNG", 1, "text.png", { "floor", "add", G, "--name", "L9", "--image", "%D/text.png" } },
	{ "truncated PNG", 1, "trunc.png", { "floor", "add", G, "--name", "L9", "--image", "%D/trunc.png" } },
	{ "PNG with spoiled data", 1, "crc.png", { "floor", "add", G, "--name", "L9", "--image", "%D/crc.png" } },
	{ "PNG declaring 100000 x 100000 px", 1, "huge.png", { "floor", "add", G, "--name", "L9", "--image", "%D/huge.png" } },
	{ "truncated JPEG", 1, "trunc.jpg", { "floor", "add", G, "--name", "L9", "--image", "%D/trunc.jpg" } },
	{ "JPEG of junk", 1, "junk.jpg", { "floor", "add", G, "--name", "L9", "--image", "%D/junk.jpg" } },
	{ "broken SVG", 1, "broken.svg", { "floor", "add", G, "--name", "L9", "--image", "%D/broken.svg" } },
	{ "SVG of 1e9 px", 1, "huge.svg", { "floor", "add", G, "--name", "L9", "--image", "%D/huge.svg" } },
	{ "SVG reaching for a file", 0, "entity.svg", { "floor", "add", G, "--name", "L9", "--image", "%D/entity.svg" } },
	{ "corrupt PDF", 1, "garbled.pdf", { "floor", "add", G, "--name", "L9", "--image", "%D/garbled.pdf" }, "the PDF reader says" },
	{ "PDF without pages", 1, "nopages.pdf", { "floor", "add", G, "--name", "L9", "--image", "%D/nopages.pdf" }, "the PDF reader says" },
	{ "truncated PDF", 1, "trunc.pdf", { "floor", "add", G, "--name", "L9", "--image", "%D/trunc.pdf" } },
	{ "PDF page 5 of 1", 1, "page 5", { "floor", "add", G, "--name", "L9", "--image", "%D/one.pdf", "--page", "5" } },
	/* ---- sidecars ---- */
	{ "sidecar missing", 1, "missing.json", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--sidecar", "%D/missing.json" } },
	{ "sidecar not JSON", 1, "bad.json", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--sidecar", "%D/bad.json" } },
	{ "sidecar empty", 1, "empty.json", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--sidecar", "%D/empty.json" } },
	{ "sidecar of the wrong types", 1, "wrongtype.json", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--sidecar", "%D/wrongtype.json" } },
	{ "sidecar ward name with an escape", 1, "ctrlname.json", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--sidecar", "%D/ctrlname.json" } },
	{ "sidecar number 1e400", 1, "bignum.json", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--sidecar", "%D/bignum.json" } },
	{ "sidecar ward of two points", 1, "twopoints.json", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--sidecar", "%D/twopoints.json" } },
	{ "sidecar unknown material", 1, "material.json", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--sidecar", "%D/material.json" } },
	{ "sidecar naming a missing drawing", 1, "gone.png", { "floor", "add", G, "--name", "L9", "--sidecar", "%D/noimage.json" } },
	{ "sidecar nested 5000 deep", 1, "deep.json", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--sidecar", "%D/deep.json" } },
	{ "PNG as sidecar", 1, "tiny.png", { "floor", "add", G, "--name", "L9", "--image", "%D/tiny.png", "--sidecar", "%D/tiny.png" } },
	/* ---- CSV imports ---- */
	{ "CSV missing", 1, "missing.csv", { "import", G, "--floor", "Level 1", "%D/missing.csv" } },
	{ "CSV empty", 1, "empty.csv", { "import", G, "--floor", "Level 1", "%D/empty.csv" } },
	{ "CSV with an unknown column", 1, "badheader.csv", { "import", G, "--floor", "Level 1", "%D/badheader.csv" } },
	{ "CSV signal not a number", 1, "badnum.csv", { "import", G, "--floor", "Level 1", "%D/badnum.csv" } },
	{ "CSV position nan", 1, "nan.csv", { "import", G, "--floor", "Level 1", "%D/nan.csv" } },
	{ "CSV position inf", 1, "inf.csv", { "import", G, "--floor", "Level 1", "%D/inf.csv" } },
	{ "CSV position 1e400", 1, "bigexp.csv", { "import", G, "--floor", "Level 1", "%D/bigexp.csv" } },
	{ "CSV quote not closed", 1, "quote.csv", { "import", G, "--floor", "Level 1", "%D/quote.csv" } },
	{ "CSV impossible time", 1, "badtime.csv", { "import", G, "--floor", "Level 1", "%D/badtime.csv" } },
	{ "CSV bad BSSID", 1, "badbssid.csv", { "import", G, "--floor", "Level 1", "%D/badbssid.csv" } },
	{ "CSV field of 5000 bytes", 1, "longfield.csv", { "import", G, "--floor", "Level 1", "%D/longfield.csv" } },
	{ "CSV with NUL bytes", 1, "nul.csv", { "import", G, "--floor", "Level 1", "%D/nul.csv" } },
	{ "PNG as CSV", 1, "tiny.png", { "import", G, "--floor", "Level 1", "%D/tiny.png" } },
	{ "CSV into an unknown floor", 1, "Level 9", { "import", G, "--floor", "Level 9", "%D/walk.csv" } },
	/* ---- requirement profiles ---- */
	{ "profile file missing", 1, "missing.json", { "stats", G, "--profile-file", "%D/missing.json" } },
	{ "profile file not JSON", 1, "bad.json", { "stats", G, "--profile-file", "%D/bad.json" } },
	{ "profile file without profiles", 1, "prof-keys.json", { "render", G, "--profile-file", "%D/prof-keys.json", "-o", "%D/out/x.png" } },
	{ "profile threshold out of range", 1, "prof-range.json", { "report", G, "--profile-file", "%D/prof-range.json", "-o", "%D/out/r.pdf" } },
	{ "profile threshold 1e400", 1, "prof-big.json", { "stats", G, "--profile-file", "%D/prof-big.json" } },
	{ "profile of an unknown metric", 1, "prof-metric.json", { "stats", G, "--profile-file", "%D/prof-metric.json" } },
	{ "folder as profile file", 1, "folder.notspot", { "stats", G, "--profile-file", "%D/folder.notspot" } },
	/* ---- simulator files ---- */
	{ "AP file not JSON", 1, "bad.json", { "simulate", G, "--floor", "Level 1", "--aps", "%D/bad.json" } },
	{ "AP file of another format", 1, "route-empty.json", { "simulate", G, "--floor", "Level 1", "--aps", "%D/route-empty.json" } },
	{ "AP 1e9 m away", 1, "aps-far.json", { "simulate", G, "--floor", "Level 1", "--aps", "%D/aps-far.json" } },
	{ "AP channel 15 at 5 GHz", 1, "aps-channel.json", { "simulate", G, "--floor", "Level 1", "--aps", "%D/aps-channel.json" } },
	{ "route without stops", 1, "route-empty.json", { "simulate", G, "--floor", "Level 1", "--aps", "%D/aps.json", "--route", "%D/route-empty.json" } },
	{ "route stop at nan", 1, "route-far.json", { "simulate", G, "--floor", "Level 1", "--aps", "%D/aps.json", "--route", "%D/route-far.json" } },
	{ "route missing", 1, "missing.json", { "simulate", G, "--floor", "Level 1", "--aps", "%D/aps.json", "--route", "%D/missing.json" } },
	{ "PNG as route", 1, "tiny.png", { "simulate", G, "--floor", "Level 1", "--aps", "%D/aps.json", "--route", "%D/tiny.png" } },
	/* ---- capture files ---- */
	{ "capture file missing", 1, "missing.pcap", { "capture", G, "--floor", "Level 1", "--pcap", "%D/missing.pcap" } },
	{ "capture file empty", 1, "empty.pcap", { "capture", G, "--floor", "Level 1", "--pcap", "%D/empty.pcap" } },
	{ "text as capture file", 1, "text.pcap", { "capture", G, "--floor", "Level 1", "--pcap", "%D/text.pcap" } },
	{ "truncated capture file", 1, "trunc.pcap", { "capture", G, "--floor", "Level 1", "--pcap", "%D/trunc.pcap" } },
	{ "Ethernet capture, no radiotap", 1, "ether.pcap", { "capture", G, "--floor", "Level 1", "--pcap", "%D/ether.pcap" } },
	{ "folder as capture file", 1, "folder.notspot", { "capture", G, "--floor", "Level 1", "--pcap", "%D/folder.notspot" } },
	{ "waypoints file of bad lines", 1, "waypoints.txt", { "capture", G, "--floor", "Level 1", "--pcap", "%D/radiotap.pcap", "--waypoints", "%D/waypoints.txt" } },
	{ "waypoints file missing", 1, "missing.txt", { "capture", G, "--floor", "Level 1", "--pcap", "%D/radiotap.pcap", "--waypoints", "%D/missing.txt" } },
	/* ---- outputs that cannot be written ---- */
	{ "render PNG into a missing folder", 1, "out/no/x.png", { "render", G, "-o", "%D/out/no/x.png" }, NOFOLDER },
	{ "render PDF into a missing folder", 1, "out/no/x.pdf", { "render", G, "-o", "%D/out/no/x.pdf" }, NOFOLDER },
	{ "render SVG into a missing folder", 1, "out/no/x.svg", { "render", G, "-o", "%D/out/no/x.svg" }, NOFOLDER },
	{ "render grid into a missing folder", 1, "out/no/g.csv", { "render", G, "-o", "%D/out/x.png", "--grid", "%D/out/no/g.csv" }, NOFOLDER },
	{ "report into a missing folder", 1, "out/no/r.pdf", { "report", G, "-o", "%D/out/no/r.pdf" }, NOFOLDER },
	{ "diff PNG into a missing folder", 1, "out/no/d.png", { "diff", G, G, "-o", "%D/out/no/d.png" }, NOFOLDER },
	{ "diff PDF into a missing folder", 1, "out/no/d.pdf", { "diff", G, G, "-o", "%D/out/no/d.pdf" }, NOFOLDER },
	{ "floor show into a missing folder", 1, "out/no/p.png", { "floor", "show", G, "-o", "%D/out/no/p.png" }, NOFOLDER },
	{ "export into a missing folder", 1, "out/no/e.csv", { "export", G, "--csv", "-o", "%D/out/no/e.csv" }, NOFOLDER },
	{ "simulate truth into a missing folder", 1, "out/no/t.csv", { "simulate", "%D/sim.notspot", "--floor", "Level 1", "--aps", "%D/aps.json", "--truth", "%D/out/no/t.csv" }, NOFOLDER },
	{ "demo into a file", 1, "tiny.png", { "demo", "-o", "%D/tiny.png" } },
	{ "render into a folder", 0, "out", { "render", G, "-o", "%D/out" } },
	{ "render PNG onto a full disk", 1, "full.png", { "render", G, "-o", "%D/full.png" }, FULL },
	{ "render PDF onto a full disk", 1, "full.pdf", { "render", G, "-o", "%D/full.pdf" }, FULL },
	{ "render SVG onto a full disk", 1, "full.svg", { "render", G, "-o", "%D/full.svg" }, FULL },
	{ "render grid onto a full disk", 1, "full.csv", { "render", G, "-o", "%D/out/x.png", "--grid", "%D/full.csv" }, FULL },
	{ "report onto a full disk", 1, "full.pdf", { "report", G, "-o", "%D/full.pdf" }, FULL },
	{ "diff PNG onto a full disk", 1, "full.png", { "diff", G, G, "-o", "%D/full.png" }, FULL },
	{ "diff PDF onto a full disk", 1, "full.pdf", { "diff", G, G, "-o", "%D/full.pdf" }, FULL },
	{ "floor show onto a full disk", 1, "full.png", { "floor", "show", G, "-o", "%D/full.png" }, FULL },
	{ "export CSV onto a full disk", 1, "full.csv", { "export", G, "--csv", "-o", "%D/full.csv" }, FULL },
	{ "export JSON onto a full disk", 1, "full.json", { "export", G, "--json", "-o", "%D/full.json" }, FULL },
	{ "simulate truth onto a full disk", 1, "full.csv", { "simulate", "%D/sim.notspot", "--floor", "Level 1", "--aps", "%D/aps.json", "--truth", "%D/full.csv" }, FULL },
	{ "output named by a line break", 1, "x\\x0Ay.png", { "render", G, "-o", "%D/out/no/x\ny.png" } },
	{ NULL, 0, NULL, { NULL } },
};

/* Commands that write, run while another process holds the survey's write lock. */
static const struct hostile locked[] = {
	{ "ward add while another process writes", 1, "locked.notspot", { "ward", "add", "%D/locked.notspot", "--name", "W2", "--points", "0,0", "1,0", "1,1" } },
	{ "import while another process writes", 1, "walk.csv", { "import", "%D/locked.notspot", "--floor", "Level 1", "%D/walk.csv" } },
	{ NULL, 0, NULL, { NULL } },
};

/* ---- the fixtures ------------------------------------------------------------- */

static void put(const char *name, const void *bytes, size_t n)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", D, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void puts_(const char *name, const char *text)
{
	put(name, text, strlen(text));
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b;
	long len;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	b = malloc((size_t)len + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return b;
}

/* Copy @from (a path with a folder, or a fixture's name) to the fixture @to. */
static void copy(const char *from, const char *to)
{
	char path[256];
	unsigned char *b;
	size_t n;

	if (strchr(from, '/'))
		snprintf(path, sizeof(path), "%s", from);
	else
		snprintf(path, sizeof(path), "%s/%s", D, from);
	b = slurp(path, &n);
	put(to, b, n);
	free(b);
}

static void sql(const char *name, const char *statements)
{
	char path[256];
	sqlite3 *db;
	char *msg = NULL;

	snprintf(path, sizeof(path), "%s/%s", D, name);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, statements, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("fixture %s: %s", name, msg);
	/* Back to one file: no -wal beside a fixture (a reader then opens it immutable). */
	sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	sqlite3_close(db);
}

/* Run notspot to make a fixture; it must work. */
static void must(const char *const *args)
{
	struct result r;

	run_args(&r, args);
	if (r.status != 0)
		fail_msg("fixture: notspot %s %s failed: %s", args[0], args[1], r.err);
}

#define MUST(...) must((const char *const[]){ __VA_ARGS__, NULL })

static void make_drawings(void)
{
	size_t n;
	unsigned char *b;
	char huge[64];

	/* A good PNG and the golden broken files as they are. */
	copy("tests/golden/floorplans/truncated.png", "trunc.png");
	copy("tests/golden/floorplans/truncated.jpg", "trunc.jpg");
	copy("tests/golden/floorplans/broken.svg", "broken.svg");
	copy("tests/golden/floorplans/truncated.pdf", "trunc.pdf");
	b = slurp("tests/golden/floorplans/example-show.png", &n);
	put("tiny.png", b, n);
	/* Spoil bytes inside the image data: the decoder must say so. */
	for (size_t i = 8; i + 16 < n; i++)
		if (!memcmp(b + i, "IDAT", 4)) {
			memset(b + i + 12, 0xab, 8);
			break;
		}
	put("crc.png", b, n);
	/* A PNG signature and IHDR declaring 100000 x 100000. */
	memcpy(huge, b, 33);
	huge[16] = 0, huge[17] = 1, huge[18] = (char)0x86, huge[19] = (char)0xa0;
	huge[20] = 0, huge[21] = 1, huge[22] = (char)0x86, huge[23] = (char)0xa0;
	put("huge.png", huge, 33);
	free(b);
	put("empty.png", "", 0);
	puts_("text.png", "this is not a PNG\n");
	put("junk.jpg", "\xff\xd8\xff\xe0junkjunkjunkjunkjunk", 24);
	puts_("tiny.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'>"
			  "<rect width='40' height='20' fill='white'/></svg>\n");
	puts_("huge.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='1000000000' "
			  "height='1000000000'></svg>\n");
	puts_("entity.svg", "<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY x SYSTEM "
			    "'file:///etc/passwd'>]><svg xmlns='http://www.w3.org/2000/svg' "
			    "width='1e12' height='20'><text>&x;</text></svg>\n");
	puts_("nopages.pdf", "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
			     "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
			     "trailer<</Root 1 0 R>>\n%%EOF\n");
	puts_("one.pdf", "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
			 "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
			 "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n"
			 "trailer<</Root 1 0 R>>\n%%EOF\n");
	/* A real PDF with its middle overwritten. */
	b = slurp("tests/golden/floorplans/truncated.pdf", &n);
	for (size_t i = 200; i + 200 < n; i += 7)
		b[i] = (unsigned char)(i * 31);
	put("garbled.pdf", b, n);
	free(b);
}

static void make_sidecars(void)
{
	char deep[10016];

	puts_("bad.json", "{ \"format\": \"notspot-floorplan\", ");
	puts_("empty.json", "");
	puts_("wrongtype.json", "{\"scale\": \"big\", \"wards\": 7}\n");
	puts_("ctrlname.json", "{\"wards\": [{\"name\": \"Ward\\u001b[2J\", \"points\": "
			       "[[0,0],[1,0],[1,1]]}]}\n");
	puts_("bignum.json", "{\"wards\": [{\"name\": \"W\", \"points\": [[0,0],[1e400,0],[1,1]]}]}\n");
	puts_("twopoints.json", "{\"wards\": [{\"name\": \"W\", \"points\": [[0,0],[1,1]]}]}\n");
	puts_("material.json", "{\"walls\": [{\"material\": \"adamantium\", \"points\": "
			       "[[0,0],[1,1]]}]}\n");
	puts_("noimage.json", "{\"image\": \"gone.png\"}\n");
	memset(deep, '[', 5000);
	memset(deep + 5000, ']', 5000);
	deep[10000] = '\0';
	puts_("deep.json", deep);
}

static void make_csvs(void)
{
	static const char head[] = "time_utc,x_m,y_m,bssid,signal_dbm,ssid\n";
	char line[8192];

	puts_("empty.csv", "");
	puts_("badheader.csv", "time_utc,x_m,y_m,bssid,signal_dbm,colour\n");
	snprintf(line, sizeof(line), "%s2026-11-20T09:30:00Z,1,2,02:00:00:00:00:01,loud,a\n", head);
	puts_("badnum.csv", line);
	snprintf(line, sizeof(line), "%s2026-11-20T09:30:00Z,nan,2,02:00:00:00:00:01,-50,a\n", head);
	puts_("nan.csv", line);
	snprintf(line, sizeof(line), "%s2026-11-20T09:30:00Z,1,inf,02:00:00:00:00:01,-50,a\n", head);
	puts_("inf.csv", line);
	snprintf(line, sizeof(line), "%s2026-11-20T09:30:00Z,1e400,2,02:00:00:00:00:01,-50,a\n", head);
	puts_("bigexp.csv", line);
	snprintf(line, sizeof(line), "%s2026-11-20T09:30:00Z,1,2,02:00:00:00:00:01,-50,\"open\n", head);
	puts_("quote.csv", line);
	snprintf(line, sizeof(line), "%s2026-02-30T09:30:00Z,1,2,02:00:00:00:00:01,-50,a\n", head);
	puts_("badtime.csv", line);
	snprintf(line, sizeof(line), "%s2026-11-20T09:30:00Z,1,2,02:00:00:zz:00:01,-50,a\n", head);
	puts_("badbssid.csv", line);
	snprintf(line, sizeof(line), "%s2026-11-20T09:30:00Z,1,2,02:00:00:00:00:01,-50,", head);
	{
		size_t at = strlen(line);

		memset(line + at, 'x', 5000);
		snprintf(line + at + 5000, sizeof(line) - at - 5000, "\n");
	}
	puts_("longfield.csv", line);
	put("nul.csv", "time_utc,x_m\0,y_m,bssid,signal_dbm\n", 35);
}

static void make_profiles_and_sim(void)
{
	puts_("prof-keys.json", "{\"colour\": \"green\"}\n");
	puts_("prof-range.json", "{\"profiles\": [{\"name\": \"p\", \"description\": \"d\", \"source\": "
				 "\"s\", \"rules\": [{\"metric\": \"primary\", \"min\": 500}]}]}\n");
	puts_("prof-big.json", "{\"profiles\": [{\"name\": \"p\", \"description\": \"d\", \"source\": "
			       "\"s\", \"rules\": [{\"metric\": \"primary\", \"min\": -1e400}]}]}\n");
	puts_("prof-metric.json", "{\"profiles\": [{\"name\": \"p\", \"description\": \"d\", "
				  "\"source\": \"s\", \"rules\": [{\"metric\": \"vibes\", \"min\": 1}]}]}\n");
	puts_("aps.json", "{\"format\": \"notspot-sim-aps\", \"version\": 1, \"ssids\": [{\"name\": "
			  "\"Ward-Net\"}], \"aps\": [{\"name\": \"AP-1\", \"x\": 5, \"y\": 5, \"mac\": "
			  "\"02:00:00:00:01:00\", \"radios\": [{\"band\": \"5\", \"channel\": 36, \"tx_power_dbm\": 17}]}]}\n");
	puts_("aps-far.json", "{\"format\": \"notspot-sim-aps\", \"version\": 1, \"ssids\": [{\"name\": "
			      "\"Ward-Net\"}], \"aps\": [{\"name\": \"AP-1\", \"x\": 1e9, \"y\": 5, \"mac\": "
			      "\"02:00:00:00:01:00\", \"radios\": [{\"band\": \"5\", \"channel\": 36}]}]}\n");
	puts_("aps-channel.json", "{\"format\": \"notspot-sim-aps\", \"version\": 1, \"ssids\": "
				  "[{\"name\": \"W\"}], \"aps\": [{\"name\": \"AP-1\", \"x\": 5, \"y\": 5, "
				  "\"mac\": \"02:00:00:00:01:00\", \"radios\": [{\"band\": \"5\", "
				  "\"channel\": 15}]}]}\n");
	puts_("route-empty.json", "{\"format\": \"notspot-sim-route\", \"version\": 1, \"stops\": []}\n");
	puts_("route-far.json", "{\"format\": \"notspot-sim-route\", \"version\": 1, \"stops\": "
				"[{\"x\": 1, \"y\": 1}, {\"x\": 1e300, \"y\": 1}]}\n");
}

/* pcap files: a global header of @linktype, then @records bytes. */
static void make_pcap(const char *name, uint32_t linktype, const void *records, size_t n,
		      size_t cut)
{
	unsigned char b[512];
	uint32_t h[6] = { 0xa1b2c3d4, 0x00040002, 0, 0, 65535, linktype };

	memcpy(b, h, 24);
	memcpy(b + 24, records, n);
	put(name, b, cut ? cut : 24 + n);
}

static void make_captures(void)
{
	/* One record: a radiotap header (8 bytes, no fields) and a beacon's first bytes. */
	static const unsigned char rec[] = {
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* ts */
		24, 0, 0, 0, 24, 0, 0, 0,                       /* caplen, len */
		0, 0, 8, 0, 0, 0, 0, 0,                         /* radiotap v0, len 8, no fields */
		0x80, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 1, 0x10,
	};

	put("empty.pcap", "", 0);
	puts_("text.pcap", "this is not a capture\n");
	make_pcap("trunc.pcap", 127, rec, sizeof(rec), 30);
	make_pcap("ether.pcap", 1, rec, sizeof(rec), 0);
	make_pcap("radiotap.pcap", 127, rec, sizeof(rec), 0);
	puts_("waypoints.txt", "2026-11-22T03:00:00Z 1 2\nnot a line at all\n");
}

static void make_surveys(void)
{
	char walk[2048];

	MUST("new", G, "--site", "St Elsewhere", "--surveyor", "J. Bloggs");
	MUST("floor", "add", G, "--name", "Level 1", "--image", "%D/tiny.svg");
	MUST("floor", "scale", G, "--px-per-m", "2");
	MUST("ward", "add", G, "--name", "Ward 1", "--points", "0,0", "20,0", "20,10", "0,10");
	MUST("wall", "add", G, "--material", "concrete", "--points", "10,0", "10,6");
	snprintf(walk, sizeof(walk), "time_utc,x_m,y_m,kind,bssid,signal_dbm,ssid,freq_mhz,noise_dbm\n");
	for (int i = 0; i < 9; i++) {
		size_t at = strlen(walk);

		snprintf(walk + at, sizeof(walk) - at,
			 "2026-11-20T09:30:%02d.000000Z,%d,%d,scan,02:00:00:00:01:10,%d,Ward-Net,5180,-95\n"
			 "2026-11-20T09:30:%02d.000000Z,%d,%d,scan,02:00:00:00:02:10,%d,Ward-Net,2437,-92\n",
			 i * 5, 2 + 2 * i, 2 + (i % 3) * 3, -40 - 3 * i, i * 5, 2 + 2 * i,
			 2 + (i % 3) * 3, -75 + 3 * i);
	}
	puts_("walk.csv", walk);
	MUST("import", G, "--floor", "Level 1", "%D/walk.csv");

	copy("good.notspot", "sim.notspot");
	copy("good.notspot", "locked.notspot");
	copy("good.notspot", "mm.notspot");
	sql("mm.notspot", "UPDATE samples SET x_m = x_m * 1000, y_m = y_m * 1000");
	copy("good.notspot", "farward.notspot");
	sql("farward.notspot", "UPDATE wards SET points = substr(points, 1, 16) || "
			       "x'00000000000034c1' || substr(points, 25)");
	copy("good.notspot", "newer.notspot");
	sql("newer.notspot", "PRAGMA user_version = 99");
	copy("good.notspot", "zero.notspot");
	sql("zero.notspot", "PRAGMA user_version = 0");
	{
		size_t n;
		char path[128];
		unsigned char *b;

		snprintf(path, sizeof(path), "%s/good.notspot", D);
		b = slurp(path, &n);
		put("trunc.notspot", b, n / 2);
		put("header.notspot", b, 100);
		/* Every page after the first overwritten in its middle: b-trees SQLite must refuse. */
		for (size_t p = 4096; p + 4096 <= n; p += 4096)
			memset(b + p + 1000, 0x5a, 2000);
		put("garbled.notspot", b, n);
		free(b);
	}
	sql("other.sqlite", "CREATE TABLE t(x); INSERT INTO t VALUES (1)");
	put("empty.notspot", "", 0);
	puts_("text.notspot", "SQLite format 3 is what this file claims, and nothing more\n");
}

static int setup(void **state)
{
	char path[256];

	(void)state;
	snprintf(D, sizeof(D), "/tmp/notspot-hostile-XXXXXX");
	snprintf(S, sizeof(S), "/tmp/notspot-hostile-out-XXXXXX");
	if (!mkdtemp(D) || !mkdtemp(S))
		return -1;
	make_drawings();
	make_sidecars();
	make_csvs();
	make_profiles_and_sim();
	make_captures();
	make_surveys();
	snprintf(path, sizeof(path), "%s/folder.notspot", D);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/out", D);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/fifo.notspot", D);
	mkfifo(path, 0600);
	/* /dev/full with the names of outputs: written in place, never replaced. */
	for (const char *const *n = (const char *const[]){ "full.png", "full.pdf", "full.svg",
							  "full.csv", "full.json", NULL };
	     *n; n++) {
		snprintf(path, sizeof(path), "%s/%s", D, *n);
		if (symlink("/dev/full", path))
			return -1;
	}
	initial = calloc(1, sizeof(*initial));
	if (!initial)
		return -1;
	take(initial);
	/* Copies of the regular files (never a FIFO's or a device's: reading would block). */
	snprintf(path, sizeof(path), "%s/pristine", S);
	if (mkdir(path, 0700))
		return -1;
	for (size_t i = 0; i < initial->n; i++) {
		char cmd[1200];

		if (!S_ISREG(initial->e[i].mode))
			continue;
		snprintf(cmd, sizeof(cmd), "cp '%s/%s' '%s/pristine/'", D, initial->e[i].name, S);
		if (system(cmd) != 0)
			return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	free(initial);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s'", D, S);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- the tests ------------------------------------------------------------------ */

static void try_all(const struct hostile *cases, struct tally *t)
{
	for (const struct hostile *h = cases; h->what; h++) {
		struct snapshot before, after;
		struct result r;
		char why[512], changes[1024];
		char *needle = h->needle ? subst(h->needle) : NULL;

		take(&before);
		run_args(&r, h->args);
		take(&after);
		t->tried++;
		if (crashed(&r)) {
			t->crashes++;
			snprintf(why, sizeof(why), "crashed (status %d, signal %d%s)", r.status, r.sig,
				 r.hung ? ", hung" : "");
			failed(t, h->what, why, r.err);
		} else if (clear_error(&r, h->status, needle, h->cause, why, sizeof(why))) {
			t->clear++;
		} else {
			failed(t, h->what, why, r.err);
		}
		if (compare(&before, &after, changes, sizeof(changes))) {
			t->damaged++;
			snprintf(why, sizeof(why), "files changed:%s", changes);
			failed(t, h->what, why, "");
			if (!held)
				restore(); /* the next case starts from the fixtures as made */
		}
		free(needle);
	}
}

static void report(const struct tally *t)
{
	printf("hostile inputs: %d tried, %d clear errors, %d crashes, %d files damaged\n", t->tried,
	       t->clear, t->crashes, t->damaged);
	if (t->at) {
		printf("inputs without a clear error:\n%s", t->failures);
		fail_msg("%d of %d bad inputs without a clear error", t->tried - t->clear, t->tried);
	}
	assert_int_equal(t->clear, t->tried);
	assert_int_equal(t->crashes, 0);
	assert_int_equal(t->damaged, 0);
}

static void test_every_bad_input_gets_one_clear_sentence_and_damages_nothing(void **state)
{
	struct tally *t = calloc(1, sizeof(*t));
	char path[256];
	sqlite3 *db;

	(void)state;
	assert_non_null(t);
	try_all(table, t);
	/* Another process writing: it holds the survey's write lock meanwhile. */
	snprintf(path, sizeof(path), "%s/locked.notspot", D);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode=WAL; BEGIN IMMEDIATE; "
				      "INSERT INTO meta(key, value) VALUES ('writer', 'busy')",
				      NULL, NULL, NULL), SQLITE_OK);
	held = "locked.notspot";
	try_all(locked, t);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
	held = NULL;
	{
		/* Now its bytes can be read: the survey another process was writing is whole. */
		struct snapshot now;
		const struct entry *a, *b;

		take(&now);
		a = find(initial, "locked.notspot");
		b = find(&now, "locked.notspot");
		if (!a || !b || a->hash != b->hash || a->size != b->size) {
			t->damaged++;
			failed(t, "the survey another process was writing", "changed", "");
		}
	}
	report(t);
	free(t);
}

/* Run notspot on the survey @name and expect success with nothing on stderr. */
static void expect_quiet_success(struct result *r, const char *const *args)
{
	run_args(r, args);
	if (r->status != 0 || r->err[0])
		fail_msg("notspot %s %s: status %d, stderr: %s", args[0], args[1], r->status, r->err);
}

#define QUIET(r, ...) expect_quiet_success(r, (const char *const[]){ __VA_ARGS__, NULL })

/* The bytes of the fixture-relative output @name, NUL-terminated. */
static char *output(const char *name, size_t *n)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/out/%s", D, name);
	return (char *)slurp(path, n);
}

/* What the last run printed on stdout. */
static char *stdout_text(size_t *n)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/stdout", S);
	return (char *)slurp(path, n);
}

/*
 * A mailed survey whose site, building, ward and walk operator are not UTF-8 (and
 * hold an escape sequence): every output is made, stderr stays silent (no
 * Pango warning, no "input string not valid UTF-8"), JSON keeps the names with
 * U+FFFD, PNG text chunks are UTF-8, the terminal gets them escaped.
 */
static void test_names_inside_a_mailed_survey_are_shown_never_fatal(void **state)
{
	struct result r;
	char *b, *at;
	size_t n;

	(void)state;
	copy("good.notspot", "names.notspot");
	sql("names.notspot", "UPDATE meta SET value = CAST(x'5374ff456c73651b5b324a' AS TEXT) "
			     "WHERE key = 'site';"
			     "UPDATE wards SET name = CAST(x'5761726420ff31' AS TEXT);"
			     "UPDATE walks SET operator = CAST(x'4ac3' AS TEXT);"
			     "UPDATE buildings SET name = CAST(x'546f776572ff1b5b324a' AS TEXT)");
	QUIET(&r, "report", "%D/names.notspot", "-o", "%D/out/names.pdf");
	QUIET(&r, "render", "%D/names.notspot", "--overview", "--map", "primary", "-o",
	      "%D/out/overview.pdf");
	QUIET(&r, "render", "%D/names.notspot", "--overview", "--width", "400", "-o",
	      "%D/out/overview.png");
	QUIET(&r, "render", "%D/names.notspot", "--map", "primary", "-o", "%D/out/names.pdf");
	QUIET(&r, "render", "%D/names.notspot", "--ward", "Ward \xff" "1", "-o", "%D/out/w.png");
	QUIET(&r, "render", "%D/names.notspot", "--width", "400", "-o", "%D/out/names.png");
	QUIET(&r, "diff", "%D/names.notspot", "%D/names.notspot", "-o", "%D/out/diff.pdf");
	/* PNG iTXt is UTF-8: the site's bad byte is U+FFFD there. */
	b = output("names.png", &n);
	at = memmem(b, n, "Source", 6);
	assert_non_null(at);
	assert_memory_equal(at + 6 + 5, "St" NS_UTF8_REPLACEMENT "Else", 9);
	free(b);
	/* JSON: nothing dropped. */
	QUIET(&r, "info", "%D/names.notspot", "--json");
	b = stdout_text(&n);
	assert_non_null(strstr(b, "\"site\": \"St" NS_UTF8_REPLACEMENT "Else\\u001B[2J\""));
	assert_non_null(strstr(b, "\"operator\": \"J" NS_UTF8_REPLACEMENT "\""));
	free(b);
	QUIET(&r, "stats", "%D/names.notspot", "--json");
	b = stdout_text(&n);
	assert_non_null(strstr(b, "\"name\": \"Ward " NS_UTF8_REPLACEMENT "1\""));
	assert_non_null(strstr(b, "\"building\": \"Tower" NS_UTF8_REPLACEMENT "\\u001B[2J\""));
	free(b);
	QUIET(&r, "stats", "%D/names.notspot");
	b = stdout_text(&n);
	assert_non_null(strstr(b, "Tower\\xFF\\x1B[2J"));
	assert_null(memchr(b, '\x1b', n));
	free(b);
	/* The terminal: escaped, so nothing is obeyed. */
	QUIET(&r, "info", "%D/names.notspot");
	b = stdout_text(&n);
	assert_non_null(strstr(b, "Site:          St\\xFFElse\\x1B[2J\n"));
	assert_null(memchr(b, '\x1b', n));
	free(b);
	restore();
}

/* A sample at 1e300 m: left out of the map, said once, and the map is made. */
static void test_a_position_that_is_not_a_number_is_left_out_with_one_warning(void **state)
{
	struct result r;
	char *b;
	size_t n;

	(void)state;
	copy("good.notspot", "far.notspot");
	sql("far.notspot", "UPDATE samples SET x_m = 1e300 WHERE id = 1");
	run_args(&r, (const char *const[]){ "render", "%D/far.notspot", "--width", "400", "-o",
					    "%D/out/far.png", NULL });
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "notspot: warning: "));
	assert_non_null(strstr(r.err, "far.notspot: 1 sample of floor 'Level 1' left out: its "
				      "position is not a number\n"));
	assert_null(strchr(r.err, '\n')[1] ? "a second line" : NULL);
	b = output("far.png", &n);
	assert_non_null(memmem(b, n, "skipped: 1 samples whose position is not a number", 49));
	free(b);
	restore();
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_bad_input_gets_one_clear_sentence_and_damages_nothing),
		cmocka_unit_test(test_names_inside_a_mailed_survey_are_shown_never_fatal),
		cmocka_unit_test(test_a_position_that_is_not_a_number_is_left_out_with_one_warning),
	};
	char self[4096];

	/* build/tests/test_hostile_inputs -> build/notspot */
	(void)argc;
	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(bin, sizeof(bin), "%s/../notspot", dirname(self));
	if (access(bin, X_OK) != 0) {
		fprintf(stderr, "test_hostile_inputs: %s is not built (make tests builds it)\n", bin);
		return 1;
	}
	/* A sanitizer build: fontconfig's caches are not our leaks (tests/lsan.supp). */
	snprintf(self, sizeof(self), "%s:print_suppressions=0",
		 getenv("LSAN_OPTIONS") ? getenv("LSAN_OPTIONS") : "suppressions=tests/lsan.supp");
	setenv("LSAN_OPTIONS", self, 1);
	return cmocka_run_group_tests(tests, setup, teardown);
}
