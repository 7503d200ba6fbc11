/* SPDX-License-Identifier: GPL-3.0-or-later */
/* file.c — see file.h. */
#include "util/file.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FIRST_CHUNK 65536u

int ns_read_stream(FILE *f, const char *name, size_t max, char **data, size_t *len,
		   struct ns_err *err)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	*data = NULL;
	*len = 0;
	if (max > SIZE_MAX / 2)
		max = SIZE_MAX / 2;
	if (fstat(fileno(f), &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return ns_err_set(err, -EISDIR, "%s is a directory, not a file", name);
		if (S_ISREG(st.st_mode) && st.st_size >= 0 && (uintmax_t)st.st_size > max)
			return ns_err_set(err, -EFBIG, "%s is %jd bytes; notspot reads at most %zu",
					  name, (intmax_t)st.st_size, max);
		if (S_ISREG(st.st_mode) && st.st_size > 0)
			cap = (size_t)st.st_size + 2; /* the NUL, and room to see EOF */
	}
	if (!cap)
		cap = FIRST_CHUNK;
	if (cap > max + 2)
		cap = max + 2;
	buf = malloc(cap);
	if (!buf)
		return ns_err_set(err, -ENOMEM, "out of memory reading %s", name);
	/* Room for max + 1 bytes and a NUL, so a stream longer than @max is noticed. */
	for (;;) {
		size_t got;

		if (cap - n < 2) {
			size_t ncap = cap > (max + 2) / 2 ? max + 2 : cap * 2;
			char *nb = realloc(buf, ncap);

			if (!nb) {
				rc = ns_err_set(err, -ENOMEM, "out of memory reading %s", name);
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		got = fread(buf + n, 1, cap - 1 - n, f);
		n += got;
		if (n > max) {
			rc = ns_err_set(err, -EFBIG, "%s is larger than %zu bytes, the most notspot "
						     "reads", name, max);
			goto out;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno ? errno : EIO;

		rc = ns_err_set(err, e == EISDIR ? -EISDIR : -EIO, "cannot read %s: %s", name,
				strerror(e));
		goto out;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	buf = NULL;
out:
	free(buf);
	return rc;
}

int ns_read_file(const char *path, size_t max, char **data, size_t *len, struct ns_err *err)
{
	FILE *f;
	int rc;

	*data = NULL;
	*len = 0;
	f = fopen(path, "rb");
	if (!f)
		return ns_err_set(err, -errno, "cannot open %s: %s", path, strerror(errno));
	rc = ns_read_stream(f, path, max, data, len, err);
	fclose(f);
	return rc;
}
