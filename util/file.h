/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * file.h — read a whole file (or stream) into memory, with a size limit.
 *
 * One reader for every place that loads a small input whole (floorplan
 * drawings, sidecars, simulator JSON, CSV imports), so that each refuses a
 * directory, an oversized file and a short read with the same sentences.
 */
#ifndef NOTSPOT_UTIL_FILE_H
#define NOTSPOT_UTIL_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "util/err.h"

/**
 * ns_read_file() - read the file at @path, at most @max bytes, into *@data.
 *
 * *@data is malloc'd, owned by the caller (free()), and NUL-terminated one
 * byte past *@len, so text parsers may use it as a string. A directory, a
 * file larger than @max bytes, or a read error is refused. Regular files and
 * pipes are both read. Returns 0, or -errno with a sentence naming @path in
 * @err (-ENOENT/-EACCES from open, -EISDIR, -EFBIG, -EIO, -ENOMEM); on error
 * *@data is NULL and *@len 0.
 */
int ns_read_file(const char *path, size_t max, char **data, size_t *len, struct ns_err *err);

/**
 * ns_read_stream() - the rest of the open stream @f (named @name in errors),
 * at most @max bytes, as ns_read_file(). @f stays open and owned by the caller.
 */
int ns_read_stream(FILE *f, const char *name, size_t max, char **data, size_t *len,
		   struct ns_err *err);

#endif
