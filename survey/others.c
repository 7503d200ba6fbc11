/* SPDX-License-Identifier: GPL-3.0-or-later */
/* others.c — who else is writing a survey file. See others.h. */
#include "survey/others.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

/*
 * SQLite's locks in the "-shm" file of a WAL database (os_unix.c: the lock
 * bytes start at UNIX_SHM_BASE = 120): byte 120 is the write lock, byte 128
 * the "DMS" byte every connection holds shared while it has the file open.
 */
#define SHM_WRITE_BYTE 120
#define SHM_DMS_BYTE 128

/* The program with @pid, as its first two words of command line ("notspot walk"). */
static void program_of(int pid, char *out, size_t len)
{
	char path[64], buf[512];
	size_t n;
	FILE *f;

	out[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	if (!(f = fopen(path, "r")))
		return;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (n == 0)
		return;
	const char *base = strrchr(buf, '/') ? strrchr(buf, '/') + 1 : buf;
	size_t first = strlen(buf) + 1;

	if (first < n && buf[first])
		snprintf(out, len, "%.40s %.40s", base, buf + first);
	else
		snprintf(out, len, "%.80s", base);
}

/*
 * Another process's POSIX lock on @path's byte @byte from /proc/locks, whose
 * lines read "N: POSIX ADVISORY WRITE PID MAJ:MIN:INODE START END" ("-> " before
 * POSIX for a process waiting for the lock, not holding it). Only WRITE locks
 * count when @write_only.
 */
static void find_lock(const char *path, long byte, bool write_only, struct survey_other *out)
{
	char line[256];
	struct stat st;
	FILE *f;

	memset(out, 0, sizeof(*out));
	if (stat(path, &st) || !(f = fopen("/proc/locks", "r")))
		return;
	while (!out->pid && fgets(line, sizeof(line), f)) {
		char kind[16], type[16], end[24];
		unsigned maj, mnr;
		unsigned long ino;
		long start, last;
		int pid;

		if (strstr(line, "->") ||
		    sscanf(line, "%*d: %15s %*s %15s %d %x:%x:%lu %ld %23s", kind, type, &pid, &maj,
			   &mnr, &ino, &start, end) != 8)
			continue;
		if (strcmp(kind, "POSIX") != 0 || pid == getpid() || pid <= 0 ||
		    ino != (unsigned long)st.st_ino || maj != major(st.st_dev) ||
		    mnr != minor(st.st_dev) || (write_only && strcmp(type, "WRITE") != 0))
			continue;
		last = strcmp(end, "EOF") == 0 ? -1 : strtol(end, NULL, 10);
		if (start <= byte && (last < 0 || last >= byte))
			out->pid = pid;
	}
	fclose(f);
	if (out->pid)
		program_of(out->pid, out->program, sizeof(out->program));
}

static void shm_lock(const char *path, long byte, bool write_only, struct survey_other *out)
{
	char shm[4096];

	memset(out, 0, sizeof(*out));
	if ((size_t)snprintf(shm, sizeof(shm), "%s-shm", path) < sizeof(shm))
		find_lock(shm, byte, write_only, out);
}

void survey_other_writer(const char *path, struct survey_other *out)
{
	shm_lock(path, SHM_WRITE_BYTE, true, out);
}

void survey_other_user(const char *path, struct survey_other *out)
{
	shm_lock(path, SHM_DMS_BYTE, false, out);
}

/* "notspot walk, pid 1234" or "pid 1234". */
static const char *describe(const struct survey_other *o, char *buf, size_t len)
{
	if (o->program[0])
		snprintf(buf, len, "%s, pid %d", o->program, o->pid);
	else
		snprintf(buf, len, "pid %d", o->pid);
	return buf;
}

/* A walk of @s not yet finished, into @w; false when every walk has ended. */
static bool open_walk(struct survey *s, struct survey_walk *w, char *floor, size_t len)
{
	struct survey_walk *walks = NULL;
	size_t n = 0;
	bool found = false;

	if (survey_list_walks(s, 0, &walks, &n, NULL))
		return false;
	for (size_t i = n; i-- > 0 && !found;)
		if (walks[i].end_us == 0) {
			*w = walks[i];
			found = true;
		}
	free(walks);
	floor[0] = '\0';
	if (found) {
		struct floorplan *fp = NULL;

		if (survey_load_floor_ex(s, w->floor_id, 0, &fp, NULL) == 0)
			snprintf(floor, len, "%s", fp->name);
		floorplan_free(fp);
	}
	return found;
}

int survey_edit_guard(struct survey *s, const char *path, int wait_ms, struct ns_err *err)
{
	const struct timespec tick = { 0, 50 * 1000 * 1000 };
	struct survey_other o;
	struct survey_walk w;
	char who[128], floor[64];

	for (int waited = 0;; waited += 50) {
		survey_other_writer(path, &o);
		if (!o.pid)
			break;
		if (waited >= wait_ms)
			return ns_err_set(err, -EBUSY, "another program (%s) is writing %s: try "
					  "again when it has finished; nothing was changed",
					  describe(&o, who, sizeof(who)), path);
		nanosleep(&tick, NULL);
	}
	survey_other_user(path, &o);
	if (o.pid && open_walk(s, &w, floor, sizeof(floor)))
		return ns_err_set(err, -EBUSY, "walk %lld on floor '%s'%s%s%s is being recorded "
				  "into %s by another program (%s): edit the plan once the walk "
				  "has finished; nothing was changed", (long long)w.id, floor,
				  w.operator_name[0] ? " (" : "", w.operator_name,
				  w.operator_name[0] ? ")" : "", path,
				  describe(&o, who, sizeof(who)));
	return 0;
}
