/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_formats_esx.c — Ekahau projects: a project built by
 * tests/formats/make_esx.py comes in with its floors, drawing, scale, walls,
 * APs, radios, measured BSSID and notes; a malformed archive (zip bomb, path
 * traversal, missing member, wrong JSON type, duplicate name, not a zip) is
 * one sentence and nothing is read.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "formats/esx.h"
#include "tests/support/survey_fixtures.h"
#include "util/file.h"

static char *dir;

static int setup(void **state)
{
	char cmd[1024];

	(void)state;
	dir = survey_test_tmpdir();
	snprintf(cmd, sizeof(cmd), "python3 tests/formats/make_esx.py '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	survey_test_rmdir(dir);
	return 0;
}

/* Read fixture @name into @p; returns fmt_esx_read()'s result. */
static int read_fixture(const char *name, struct fmt_project *p, struct ns_err *err)
{
	char path[1024], *data;
	size_t len;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_int_equal(ns_read_file(path, SIZE_MAX, &data, &len, err), 0);
	fmt_project_init(p, "ekahau");
	rc = fmt_esx_read(data, len, p, err);
	free(data);
	return rc;
}

static void test_a_project_brings_floors_drawings_walls_and_aps(void **state)
{
	struct fmt_project p;
	struct ns_err err;
	const struct floorplan *g, *f1;

	(void)state;
	assert_int_equal(read_fixture("good.esx", &p, &err), 0);
	assert_string_equal(p.site, "Example Trust - Block C");
	assert_string_equal(p.notes, "survey with doors closed");
	assert_int_equal(p.nlevels, 2);
	g = p.levels[0].fp;
	f1 = p.levels[1].fp;
	assert_string_equal(g->name, "Ground");
	assert_string_equal(g->building, "Block C");
	assert_int_equal(g->level, 0);
	assert_int_equal(f1->level, 1);
	/* 0.05 m a unit: 20 px/m, the 800 x 400 drawing is 40 x 20 m and kept as a PNG. */
	assert_true(fabs(g->px_per_m - 20) < 1e-9);
	assert_int_equal(g->width_px, 800);
	assert_string_equal(g->image_type, "png");
	assert_true(g->image_len > 100);
	assert_string_equal(f1->image_type, "");
	/* Four concrete walls and a drywall partition at 20 m; the type's own losses per band. */
	assert_int_equal(g->nwalls, 5);
	assert_string_equal(g->walls[0].material, "concrete");
	assert_true(fabs(g->walls[0].loss_db[FP_BAND_5G] - 20) < 1e-9);
	assert_string_equal(g->walls[4].material, "plasterboard");
	assert_true(fabs(g->walls[4].pts[0].x - 20) < 1e-9);
	assert_int_equal(f1->nwalls, 1);
	/* APs: names, places in metres, radios (not the Bluetooth one), notes; none deleted. */
	assert_int_equal(g->naps, 2);
	assert_string_equal(g->aps[0].name, "G-AP01");
	assert_true(fabs(g->aps[0].pos.x - 10) < 1e-9 && fabs(g->aps[0].pos.y - 10) < 1e-9);
	assert_true(fabs(g->aps[0].height_m - 3.2) < 1e-9);
	/* Two Wi-Fi radios: not the Bluetooth one; the second from its centre frequency. */
	assert_int_equal(g->aps[0].nradios, 2);
	assert_int_equal(g->aps[0].radios[0].band, FP_BAND_2G4);
	assert_int_equal(g->aps[0].radios[0].channel, 1);
	assert_true(fabs(g->aps[0].radios[0].tx_power_dbm - 14) < 1e-9);
	assert_int_equal(g->aps[0].radios[1].channel, 100);
	assert_int_equal(g->aps[0].radios[1].band, FP_BAND_5G);
	assert_int_equal(g->aps[0].radios[1].width_mhz, 40);
	assert_string_equal(g->aps[0].model, "Example WAP-6E");
	assert_string_equal(g->aps[0].note, "above the nurses' station");
	/* A disabled radio transmits nothing: it is not kept. */
	assert_int_equal(g->aps[1].nradios, 0);
	assert_string_equal(f1->aps[0].bssid_pattern, "0a:1b:2c:3d:4e:5f");
	assert_string_equal(f1->aps[0].source, "surveyed");
	assert_int_equal(p.aps_without_position, 1);
	assert_int_equal(g->nwards, 1);
	assert_string_equal(g->wards[0].name, "Ward C1");
	fmt_project_release(&p);
}

static void refused(const char *name, const char *why)
{
	struct fmt_project p;
	struct ns_err err;

	err.msg[0] = '\0';
	assert_true(read_fixture(name, &p, &err) < 0);
	if (!strstr(err.msg, why))
		fail_msg("%s: '%s' does not say '%s'", name, err.msg, why);
	fmt_project_release(&p);
}

static void test_malformed_archives_are_one_sentence(void **state)
{
	(void)state;
	refused("bomb.esx", "inflates 1028 times: refused as a zip bomb");
	refused("traversal.esx", "member '../../etc/evil' has a name no project has");
	refused("missing.esx", "floorPlans.json is missing: not an Ekahau project");
	refused("wrongtype.esx",
		"floorPlans.json: floorPlans[0].metersPerUnit: must be a number, not a string");
	refused("duplicate.esx", "a member name is in the archive twice");
	refused("notzip.esx", "not a readable zip archive");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_project_brings_floors_drawings_walls_and_aps),
		cmocka_unit_test(test_malformed_archives_are_one_sentence),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
