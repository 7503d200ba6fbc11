/* SPDX-License-Identifier: GPL-3.0-or-later */
/* outfile.c — see outfile.h. */
#include "util/outfile.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int ns_outfile_begin(struct ns_outfile *o, const char *path, struct ns_err *err)
{
	struct stat st;

	memset(o, 0, sizeof(*o));
	o->path = path;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			return ns_err_set(err, -EISDIR, "cannot write %s: %s", path, strerror(EISDIR));
		o->in_place = true;
		o->name = path;
		return 0;
	}
	if (snprintf(o->tmp, sizeof(o->tmp), "%s.tmp-%d", path, (int)getpid()) >=
	    (int)sizeof(o->tmp))
		return ns_err_set(err, -ENAMETOOLONG, "cannot write %s: the path is too long", path);
	o->name = o->tmp;
	return 0;
}

int ns_outfile_open(struct ns_outfile *o, const char *path, struct ns_err *err)
{
	int rc = ns_outfile_begin(o, path, err);

	if (rc)
		return rc;
	if (!(o->f = fopen(o->name, "wb")))
		return ns_err_set(err, -errno, "cannot write %s: %s", path, strerror(errno));
	return 0;
}

/* Keep the errno of the first failure (EIO when the library left none). */
static void keep_errno(struct ns_outfile *o, int e)
{
	if (!o->write_errno)
		o->write_errno = e ? e : EIO;
}

int ns_outfile_write(struct ns_outfile *o, const void *data, size_t len)
{
	if (!o->f)
		return -EBADF;
	errno = 0;
	if (len && fwrite(data, 1, len, o->f) != len) {
		keep_errno(o, errno);
		return -o->write_errno;
	}
	return 0;
}

int ns_outfile_error(const struct ns_outfile *o, const char *why, struct ns_err *err)
{
	if (o->write_errno)
		return ns_err_set(err, -o->write_errno, "cannot write %s: %s", o->path,
				  strerror(o->write_errno));
	return ns_err_set(err, -EIO, "cannot write %s: %s", o->path, why && *why ? why : "write error");
}

int ns_outfile_commit(struct ns_outfile *o, struct ns_err *err)
{
	int rc = 0;

	if (o->f) {
		/* Buffered bytes meet a full disk here at the latest: flush for the errno. */
		errno = 0;
		if (fflush(o->f) != 0 || ferror(o->f))
			keep_errno(o, errno);
		errno = 0;
		if (fclose(o->f) != 0)
			keep_errno(o, errno);
		o->f = NULL;
		if (o->write_errno)
			rc = ns_outfile_error(o, NULL, err);
	}
	if (!rc && o->tmp[0] && rename(o->tmp, o->path))
		rc = ns_err_set(err, -errno, "cannot write %s: %s", o->path, strerror(errno));
	if (rc)
		ns_outfile_abort(o);
	return rc;
}

void ns_outfile_abort(struct ns_outfile *o)
{
	if (o->f)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp[0])
		unlink(o->tmp);
	o->tmp[0] = '\0';
}
