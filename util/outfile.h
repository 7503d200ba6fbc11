/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * outfile.h — write an output file without damaging what its path names.
 *
 * A new path or an existing regular file is written to a temporary sibling
 * ("PATH.tmp-PID") and renamed over the path only once it is whole, so a
 * failed write never leaves half a map. Anything else that exists at the path
 * — /dev/stdout, /dev/null, a FIFO, a terminal — is written in place: renaming
 * over it would replace the device node (as root) or the pipe, and the bytes
 * would never arrive. One helper for every writer (maps, grids, reports, diffs).
 *
 * Every failure is one sentence naming the path and the real cause, the
 * errno of the write that failed ("cannot write report.pdf: No space left on
 * device"), never a library's "write error": writers hand their bytes to
 * ns_outfile_write() (cairo streams: floorplans/outsurface.h), which keeps
 * the first errno, and ns_outfile_error() turns it into the sentence.
 */
#ifndef NOTSPOT_UTIL_OUTFILE_H
#define NOTSPOT_UTIL_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "util/err.h"

struct ns_outfile {
	const char *path;    /* the output, borrowed from the caller */
	const char *name;    /* where to write: tmp, or path itself when in place */
	bool in_place;       /* path exists and is not a regular file */
	FILE *f;             /* open for writing after ns_outfile_open(), else NULL */
	int write_errno;     /* the first failed write's errno, 0 if none */
	char tmp[4200];      /* the temporary's name, "" when in place */
};

/**
 * ns_outfile_begin() - decide where @path's bytes go (@o->name) without
 * opening anything, for writers that open by name (cairo). Returns 0, or
 * -ENAMETOOLONG / -errno from stat with a sentence naming @path.
 */
int ns_outfile_begin(struct ns_outfile *o, const char *path, struct ns_err *err);

/** ns_outfile_open() - ns_outfile_begin(), then open @o->name for writing into @o->f. */
int ns_outfile_open(struct ns_outfile *o, const char *path, struct ns_err *err);

/**
 * ns_outfile_write() - append @len bytes at @data to @o->f. Returns 0, or
 * -errno of the failed write, which @o keeps (the first one) for the
 * sentence of ns_outfile_error() or ns_outfile_commit().
 */
int ns_outfile_write(struct ns_outfile *o, const void *data, size_t len);

/**
 * ns_outfile_error() - put "cannot write PATH: why" in @err and return its
 * code: the cause is the kept errno of a failed write when there is one
 * (-errno), else @why, a library's own words (-EIO). Nothing is closed or
 * removed: call ns_outfile_abort() too.
 */
int ns_outfile_error(const struct ns_outfile *o, const char *why, struct ns_err *err);

/**
 * ns_outfile_commit() - close @o->f (if open; a write error shows here) and
 * rename the temporary over the path. On failure the temporary is removed.
 * Returns 0 or -errno with a sentence naming the path.
 */
int ns_outfile_commit(struct ns_outfile *o, struct ns_err *err);

/** ns_outfile_abort() - close @o->f (if open) and remove the temporary, if any. */
void ns_outfile_abort(struct ns_outfile *o);

#endif
