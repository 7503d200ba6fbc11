/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_provenance.c — simulated data are never passed off as measurements.
 * A walk is simulated when the simulator recorded it (mode "simulated") or
 * when the walker ran with --simulate (its own mode, driver "notspot-sim").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "support/survey_fixtures.h"
#include "survey/survey.h"

static void test_walk_is_simulated_by_mode_or_driver(void **state)
{
	struct survey_walk w = { 0 };

	(void)state;
	snprintf(w.mode, sizeof(w.mode), "continuous");
	snprintf(w.driver, sizeof(w.driver), "iwlwifi");
	assert_false(survey_walk_is_simulated(&w));
	snprintf(w.driver, sizeof(w.driver), SURVEY_SIM_DRIVER); /* walk --simulate */
	assert_true(survey_walk_is_simulated(&w));
	snprintf(w.driver, sizeof(w.driver), "ath9k");
	snprintf(w.mode, sizeof(w.mode), "simulated"); /* notspot simulate / demo */
	assert_true(survey_walk_is_simulated(&w));
}

static void test_survey_with_one_walker_simulated_walk_is_simulated(void **state)
{
	char *dir = survey_test_tmpdir();
	const char *path = survey_test_path(dir, "prov.notspot");
	struct floorplan *fp = survey_test_floor("Level 2");
	struct survey_walk real = { 0 }, sim = { 0 };
	struct survey *s;
	bool any = true;

	(void)state;
	assert_int_equal(survey_create(path, NULL, &s, NULL), 0);
	assert_true(survey_add_floor(s, fp, NULL) > 0);
	real.floor_id = sim.floor_id = fp->id;
	snprintf(real.mode, sizeof(real.mode), "stop-and-go");
	snprintf(real.driver, sizeof(real.driver), "iwlwifi");
	assert_true(survey_begin_walk(s, &real, NULL) > 0);
	assert_int_equal(survey_has_simulated_walks(s, 0, &any, NULL), 0);
	assert_false(any);

	snprintf(sim.mode, sizeof(sim.mode), "continuous");
	snprintf(sim.interface, sizeof(sim.interface), "sim0");
	snprintf(sim.driver, sizeof(sim.driver), SURVEY_SIM_DRIVER);
	assert_true(survey_begin_walk(s, &sim, NULL) > 0);
	assert_int_equal(survey_has_simulated_walks(s, fp->id, &any, NULL), 0);
	assert_true(any);
	survey_close(s);
	floorplan_free(fp);
	survey_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_is_simulated_by_mode_or_driver),
		cmocka_unit_test(test_survey_with_one_walker_simulated_walk_is_simulated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
