/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * datadir.h — where notspot was installed: its data files (the example
 * building, its APs and routes) and its helper programs (the walker app),
 * found from the running binary's own place, never from a path baked in at
 * build time.
 *
 * The layouts it knows, for a binary in directory D:
 *   installed   D = PREFIX/bin or PREFIX/libexec/notspot; data in
 *               PREFIX/share/notspot, the walker in PREFIX/libexec/notspot
 *               (or beside notspot in D)
 *   source tree D = the top of the tree (./notspot), build/ or build/tests/;
 *               data in the tree itself (floorplans/examples, sim/examples)
 * NOTSPOT_DATA_DIR and NOTSPOT_WALKER override the search (a relocated
 * install, a test).
 */
#ifndef NOTSPOT_UTIL_DATADIR_H
#define NOTSPOT_UTIL_DATADIR_H

#include <stddef.h>

#include "util/err.h"

/* How many directories above the binary's own the search climbs (build/tests/ -> top). */
#define NS_DATADIR_MAX_UP 3

/**
 * ns_exe_dir() - the directory of the running program (/proc/self/exe, links
 * resolved) into @out (@cap bytes). Returns 0, or -errno with a sentence.
 */
int ns_exe_dir(char *out, size_t cap, struct ns_err *err);

/**
 * ns_data_dir_find() - the data directory that holds @probe (a file named
 * relative to it, e.g. "sim/examples/hospital-level2-aps.json").
 * @env: the value of NOTSPOT_DATA_DIR or NULL/"" when unset; when set it is
 *       the only place looked at, and a directory without @probe is an error.
 * @exe_dir: the running program's directory (ns_exe_dir()), or NULL.
 * Looks in @exe_dir and up to NS_DATADIR_MAX_UP of its parents, at each level
 * first LEVEL/share/notspot (installed) then LEVEL itself (a source tree).
 * Returns 0 with the directory in @out, or -ENOENT with a sentence saying
 * where it looked and how to say where the files are, -ENAMETOOLONG.
 */
int ns_data_dir_find(const char *env, const char *exe_dir, const char *probe, char *out,
		     size_t cap, struct ns_err *err);

/**
 * ns_data_dir() - ns_data_dir_find() for this process: $NOTSPOT_DATA_DIR,
 * then the layouts around the running binary.
 */
int ns_data_dir(const char *probe, char *out, size_t cap, struct ns_err *err);

/**
 * ns_helper_find() - the path of the helper program @name (e.g.
 * "notspot-walker") installed with the binary in @exe_dir: @env when set and
 * non-empty (then nothing else), else @exe_dir/@name, else
 * @exe_dir/../libexec/notspot/@name. Only an executable file counts.
 * Returns 0 with the path in @out, or -ENOENT with a sentence naming the
 * places looked at, -ENAMETOOLONG.
 */
int ns_helper_find(const char *env, const char *exe_dir, const char *name, char *out,
		   size_t cap, struct ns_err *err);

#endif
