/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * datadir.c — where notspot was installed, found from the running binary's
 * own place: see datadir.h for the layouts.
 */
#include "util/datadir.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "@a/@b" into @out; -ENAMETOOLONG when it does not fit. */
static int join(char *out, size_t cap, const char *a, const char *b)
{
	int n = snprintf(out, cap, "%s/%s", a, b);

	return n < 0 || (size_t)n >= cap ? -ENAMETOOLONG : 0;
}

/* Cut @dir to its parent in place; false at the root or a bare name. */
static bool up(char *dir)
{
	char *slash = strrchr(dir, '/');

	if (!slash || slash == dir)
		return false;
	*slash = '\0';
	return true;
}

int ns_exe_dir(char *out, size_t cap, struct ns_err *err)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);

	if (n < 0)
		return ns_err_set(err, -errno, "cannot tell where this program is (/proc/self/exe): %s",
				  strerror(errno));
	if ((size_t)n >= sizeof(path) - 1)
		return ns_err_set(err, -ENAMETOOLONG, "the path of this program is too long");
	path[n] = '\0';
	if (!up(path))
		return ns_err_set(err, -ENOENT, "this program's path '%s' has no directory", path);
	if (strlen(path) >= cap)
		return ns_err_set(err, -ENAMETOOLONG, "the path of this program is too long");
	memcpy(out, path, strlen(path) + 1);
	return 0;
}

/* Whether @dir/@probe is readable; @dir goes to @out when it is. */
static int try_dir(const char *dir, const char *probe, char *out, size_t cap)
{
	char p[PATH_MAX];

	if (join(p, sizeof(p), dir, probe) || access(p, R_OK) != 0)
		return -ENOENT;
	if (strlen(dir) >= cap)
		return -ENAMETOOLONG;
	memcpy(out, dir, strlen(dir) + 1);
	return 0;
}

int ns_data_dir_find(const char *env, const char *exe_dir, const char *probe, char *out,
		     size_t cap, struct ns_err *err)
{
	char level[PATH_MAX], share[PATH_MAX];
	int rc = -ENOENT;

	if (env && env[0]) {
		if ((rc = try_dir(env, probe, out, cap)) == -ENAMETOOLONG)
			return ns_err_set(err, rc, "NOTSPOT_DATA_DIR is too long");
		return rc ? ns_err_set(err, -ENOENT, "NOTSPOT_DATA_DIR=%s does not hold %s", env, probe)
			  : 0;
	}
	if (exe_dir && snprintf(level, sizeof(level), "%s", exe_dir) < (int)sizeof(level)) {
		for (int i = 0; i <= NS_DATADIR_MAX_UP; i++) {
			if (join(share, sizeof(share), level, "share/notspot") == 0 &&
			    (rc = try_dir(share, probe, out, cap)) != -ENOENT)
				break;
			if ((rc = try_dir(level, probe, out, cap)) != -ENOENT || !up(level))
				break;
		}
		if (rc == 0)
			return 0;
		if (rc == -ENAMETOOLONG)
			return ns_err_set(err, rc, "the data directory's path is too long");
	}
	return ns_err_set(err, -ENOENT,
			  "notspot's data files (%s) are not installed beside this program (%s): "
			  "set NOTSPOT_DATA_DIR to the directory that holds them",
			  probe, exe_dir ? exe_dir : "its place is unknown");
}

int ns_data_dir(const char *probe, char *out, size_t cap, struct ns_err *err)
{
	char exe[PATH_MAX];
	const char *env = getenv("NOTSPOT_DATA_DIR");

	if (env && env[0])
		return ns_data_dir_find(env, NULL, probe, out, cap, err);
	return ns_data_dir_find(NULL, ns_exe_dir(exe, sizeof(exe), NULL) == 0 ? exe : NULL, probe,
				out, cap, err);
}

/* Whether @path is an executable regular file. */
static bool runnable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static int copy_out(char *out, size_t cap, const char *path, struct ns_err *err)
{
	if (strlen(path) >= cap)
		return ns_err_set(err, -ENAMETOOLONG, "the path '%s' is too long", path);
	memcpy(out, path, strlen(path) + 1);
	return 0;
}

int ns_helper_find(const char *env, const char *exe_dir, const char *name, char *out,
		   size_t cap, struct ns_err *err)
{
	char beside[PATH_MAX], libexec[PATH_MAX], parent[PATH_MAX];

	if (env && env[0]) {
		if (!runnable(env))
			return ns_err_set(err, -ENOENT, "%s (from the environment) is not an executable file",
					  env);
		return copy_out(out, cap, env, err);
	}
	if (!exe_dir)
		return ns_err_set(err, -ENOENT, "%s is not found: this program's place is unknown", name);
	if (join(beside, sizeof(beside), exe_dir, name))
		return ns_err_set(err, -ENAMETOOLONG, "the path of %s is too long", name);
	if (runnable(beside))
		return copy_out(out, cap, beside, err);
	snprintf(parent, sizeof(parent), "%s", exe_dir);
	if (up(parent) && snprintf(libexec, sizeof(libexec), "%s/libexec/notspot/%s", parent, name) <
				  (int)sizeof(libexec) && runnable(libexec))
		return copy_out(out, cap, libexec, err);
	return ns_err_set(err, -ENOENT, "%s is not installed (looked for %s and %s/../libexec/notspot/%s)",
			  name, beside, exe_dir, name);
}
