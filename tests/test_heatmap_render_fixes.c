/*
 * test_heatmap_render_fixes.c — reported defects of the map renderer, each
 * pinned: a metric map whose metric the profile does not judge says so and
 * gives no pass share; the walked path breaks between walks; outputs that are
 * devices or FIFOs are written in place, never replaced by a renamed file.
 */
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "heatmap/map.h"
#include "heatmap/render.h"
#include "tests/support/heatmap_world.h"

/* Two separate walks: the corridor west to east, then the bay east to west. */
static const struct fp_point walk1[] = { { 1, 10 }, { 14, 10 } };
static const struct fp_point walk2[] = { { 28, 18 }, { 16, 18 } };

struct fix {
	struct floorplan *fp;
	struct hm_set set;
	struct hm_map m;
	struct hm_profile p;
	size_t walk2_first; /* index in set.where of walk 2's first sample */
	char dir[64];
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct hmw_ap aps[8];
	size_t na = hmw_aps_default(aps, 8);
	struct hm_map_opts o;
	uint64_t rng = 5;

	f->fp = hmw_floor();
	hm_set_init(&f->set);
	hmw_walk(&f->set, f->fp, aps, na, walk1, 2, 1.0, 3, 1, &rng);
	f->walk2_first = f->set.where.n;
	hmw_walk(&f->set, f->fp, aps, na, walk2, 2, 1.0, 3, 1, &rng);
	/* Throughput measured along both walks: 80 Mbit/s in the corridor, 20 in the bay. */
	for (size_t k = 0; k < f->set.where.n; k++)
		hm_ptset_push(&f->set.scalar[HM_S_TPUT_DOWN], f->set.where.p[k].x,
			      f->set.where.p[k].y, k < f->walk2_first ? 80 : 20);
	hm_set_finish(&f->set, NULL);
	hm_profile_builtin("nhs-data", &f->p, NULL);
	hm_map_opts_default(&o);
	o.profile = &f->p;
	o.est.threads = 1;
	assert_int_equal(hm_map_build(&f->set, f->fp, &o, &f->m, NULL), 0);
	snprintf(f->dir, sizeof(f->dir), "/tmp/nsrfixXXXXXX");
	assert_non_null(mkdtemp(f->dir));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	char cmd[128];

	hm_map_release(&f->m);
	hm_set_release(&f->set);
	floorplan_free(f->fp);
	/* NSRFIX_KEEP=1 keeps the PNGs to look at. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (getenv("NSRFIX_KEEP"))
		print_message("kept %s\n", f->dir);
	else if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void test_render_metric_without_rule_says_no_threshold_and_no_pass_share(void **state)
{
	struct fix *f = *state;
	char buf[512];

	assert_non_null(f->m.m[HM_M_TPUT_DOWN]);
	assert_false(hm_render_judged(&f->m, HM_M_TPUT_DOWN));
	hm_render_summary(&f->m, HM_M_TPUT_DOWN, buf, sizeof(buf));
	assert_non_null(strstr(buf, "nhs-data sets no threshold for"));
	assert_null(strstr(buf, "Passing"));
	assert_null(strstr(buf, "%"));
	assert_non_null(strstr(buf, "Surveyed "));

	/* The signal map nhs-data does judge keeps its pass share. */
	assert_true(hm_render_judged(&f->m, HM_M_PRIMARY));
	hm_render_summary(&f->m, HM_M_PRIMARY, buf, sizeof(buf));
	assert_non_null(strstr(buf, "Passing all of nhs-data: "));
	assert_null(strstr(buf, "no threshold"));
	hm_render_summary(&f->m, -1, buf, sizeof(buf));
	assert_non_null(strstr(buf, "Passing all of nhs-data: "));
}

/* Pixels of the path's red line (0.85, 0.1, 0.1) in the PNG at @path. */
static size_t red_pixels(const char *path)
{
	cairo_surface_t *x = cairo_image_surface_create_from_png(path);
	size_t n = 0;

	assert_int_equal(cairo_surface_status(x), CAIRO_STATUS_SUCCESS);
	for (int j = 0; j < cairo_image_surface_get_height(x); j++) {
		const uint32_t *p = (const uint32_t *)(const void *)(cairo_image_surface_get_data(x) +
								    (size_t)j * cairo_image_surface_get_stride(x));

		for (int i = 0; i < cairo_image_surface_get_width(x); i++) {
			int r = (p[i] >> 16) & 0xff, g = (p[i] >> 8) & 0xff, b = p[i] & 0xff;

			n += r > 140 && g < 100 && r > b + 60;
		}
	}
	cairo_surface_destroy(x);
	return n;
}

static size_t path_red(struct fix *f, const struct hm_set *set, const int64_t *walk_of,
		       const char *name)
{
	struct hm_render_opts ro;
	char out[128];

	hm_render_opts_default(&ro);
	ro.metric = HM_M_TPUT_DOWN; /* viridis and no not-spots: the only red is the path */
	ro.width_px = 2400;
	ro.set = set;
	ro.walk_of = walk_of;
	ro.show_path = true;
	snprintf(out, sizeof(out), "%s/%s.png", f->dir, name);
	assert_int_equal(hm_render_file(&f->m, &ro, out, HM_FMT_PNG, NULL), 0);
	return red_pixels(out);
}

static void test_render_path_breaks_between_walks(void **state)
{
	struct fix *f = *state;
	int64_t *walk_of = calloc(f->set.where.n, sizeof(*walk_of));
	struct hm_set w1 = f->set, w2 = f->set;
	size_t both, one, two, joined;

	assert_non_null(walk_of);
	for (size_t k = 0; k < f->set.where.n; k++)
		walk_of[k] = k < f->walk2_first ? 7 : 9;
	both = path_red(f, &f->set, walk_of, "both");
	/* Each walk drawn on its own. */
	w1.where.n = f->walk2_first;
	w2.where.p += f->walk2_first;
	w2.where.n -= f->walk2_first;
	one = path_red(f, &w1, NULL, "one");
	two = path_red(f, &w2, NULL, "two");
	/* As one walk: a 16 m leap from (14, 10) to (28, 18) across the bay. */
	joined = path_red(f, &f->set, NULL, "joined");
	print_message("red pixels: walks %zu + %zu, both %zu, joined %zu\n", one, two, both,
		      joined);
	assert_true(one > 100 && two > 100);
	assert_true(fabs((double)both - (double)(one + two)) <= 0.03 * (double)(one + two));
	/* The leap is ~16 m against the walks' 25 m: far more red than a rounding. */
	assert_true((double)joined > 1.3 * (double)(one + two));
	free(walk_of);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_metric_without_rule_says_no_threshold_and_no_pass_share),
		cmocka_unit_test(test_render_path_breaks_between_walks),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
