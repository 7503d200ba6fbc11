/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_util_outfile.c — an output that cannot be written says which file and
 * why: a missing folder, a full disk (/dev/full, written in place and never
 * replaced), for plain bytes, for libpng-style writers and for cairo's PDF,
 * SVG and PNG streams (floorplans/outsurface.h); and nothing is left behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "floorplans/outsurface.h"
#include "util/outfile.h"

static char dir[64];
static char full[128]; /* a symlink to /dev/full with a file's name */

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/notspot-outfile-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(full, sizeof(full), "%s/map.pdf", dir);
	return symlink("/dev/full", full);
}

static int teardown(void **state)
{
	(void)state;
	unlink(full);
	return rmdir(dir);
}

/* How many entries @dir holds besides . and .. */
static int entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void assert_dev_full_intact(void)
{
	struct stat st;

	assert_int_equal(stat("/dev/full", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
}

static void test_a_missing_folder_is_named_with_the_file(void **state)
{
	struct ns_outfile of;
	struct ns_err err = { 0 };
	char path[160], want[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/no/such/report.pdf", dir);
	assert_int_equal(ns_outfile_open(&of, path, &err), -ENOENT);
	snprintf(want, sizeof(want), "cannot write %s: No such file or directory", path);
	assert_string_equal(err.msg, want);
	assert_int_equal(entries(), 1);
}

static void test_a_full_disk_is_the_cause_not_an_io_error(void **state)
{
	static char block[1 << 16];
	struct ns_outfile of;
	struct ns_err err = { 0 };
	char want[256];

	(void)state;
	assert_int_equal(ns_outfile_open(&of, full, &err), 0);
	assert_true(of.in_place);
	/* Buffered: the first write may be accepted; the errno shows at the latest on commit. */
	for (int i = 0; i < 4 && ns_outfile_write(&of, block, sizeof(block)) == 0; i++)
		;
	assert_int_equal(ns_outfile_commit(&of, &err), -ENOSPC);
	snprintf(want, sizeof(want), "cannot write %s: No space left on device", full);
	assert_string_equal(err.msg, want);
	assert_dev_full_intact();
	assert_int_equal(entries(), 1); /* the symlink, nothing else */
}

static void test_a_library_error_without_errno_keeps_its_own_words(void **state)
{
	struct ns_outfile of;
	struct ns_err err = { 0 };
	char path[160], want[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/grid.csv", dir);
	assert_int_equal(ns_outfile_open(&of, path, &err), 0);
	assert_int_equal(ns_outfile_error(&of, "the image is too large", &err), -EIO);
	snprintf(want, sizeof(want), "cannot write %s: the image is too large", path);
	assert_string_equal(err.msg, want);
	ns_outfile_abort(&of);
	assert_int_equal(entries(), 1);
}

/* Draw a page on @surf, finish it and return the outcome as the renderers do. */
static int finish_page(struct ns_outfile *of, cairo_surface_t *surf, struct ns_err *err)
{
	cairo_t *cr = cairo_create(surf);
	cairo_status_t st;
	int rc;

	cairo_set_source_rgb(cr, 0.2, 0.4, 0.6);
	cairo_paint(cr);
	cairo_show_page(cr);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (!st)
		st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (st) {
		rc = fp_outsurface_error(of, st, err);
		ns_outfile_abort(of);
		return rc;
	}
	return ns_outfile_commit(of, err);
}

static void test_cairo_streams_name_the_file_and_the_errno(void **state)
{
	struct ns_outfile of;
	struct ns_err err = { 0 };
	char want[256];

	(void)state;
	snprintf(want, sizeof(want), "cannot write %s: No space left on device", full);
	assert_int_equal(ns_outfile_open(&of, full, &err), 0);
	assert_int_equal(finish_page(&of, fp_outsurface_pdf(&of, 595, 842), &err), -ENOSPC);
	assert_string_equal(err.msg, want);

	assert_int_equal(ns_outfile_open(&of, full, &err), 0);
	assert_int_equal(finish_page(&of, fp_outsurface_svg(&of, 595, 842), &err), -ENOSPC);
	assert_string_equal(err.msg, want);

	{
		cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 300);
		cairo_status_t st;

		assert_int_equal(ns_outfile_open(&of, full, &err), 0);
		st = fp_outsurface_png(&of, img);
		cairo_surface_destroy(img);
		/* PNG's few kB may all sit in the buffer: then the commit meets the full disk. */
		if (st) {
			assert_int_equal(fp_outsurface_error(&of, st, &err), -ENOSPC);
			ns_outfile_abort(&of);
		} else {
			assert_int_equal(ns_outfile_commit(&of, &err), -ENOSPC);
		}
		assert_string_equal(err.msg, want);
	}
	assert_dev_full_intact();
	assert_int_equal(entries(), 1);
}

static void test_a_pdf_that_fits_is_written_whole(void **state)
{
	struct ns_outfile of;
	struct ns_err err = { 0 };
	char path[160], head[5] = "";
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/ok.pdf", dir);
	assert_int_equal(ns_outfile_open(&of, path, &err), 0);
	assert_int_equal(finish_page(&of, fp_outsurface_pdf(&of, 595, 842), &err), 0);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(head, 1, 4, f), 4);
	fclose(f);
	assert_string_equal(head, "%PDF");
	assert_int_equal(entries(), 2);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_missing_folder_is_named_with_the_file, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_full_disk_is_the_cause_not_an_io_error, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_library_error_without_errno_keeps_its_own_words,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_cairo_streams_name_the_file_and_the_errno, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_pdf_that_fits_is_written_whole, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
