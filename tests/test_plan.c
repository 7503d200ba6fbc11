/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_plan.c — `notspot plan`'s optimiser (heatmap/plan.h): a floor whose
 * one side room is dead gets exactly one AP, in or by that room; proposals
 * keep the minimum spacing; co-channel neighbours get a channel change unless
 * the channels are kept; the margin
 * changes the answer; no candidate in the lead-lined room; channels avoid the
 * neighbours'; the user's candidate files, hostile ones refused.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "heatmap/map.h"
#include "heatmap/plan.h"
#include "tests/support/heatmap_world.h"

struct fix {
	struct floorplan *fp;
	struct hm_set set;
	struct hm_profile prof;
	struct hm_map m;
};

/* Corridor, the two west rooms, the bay walked; the room x 16..24 entered too: it is dead. */
static const struct fp_point walk[] = {
	{ 1, 10 }, { 29, 10 }, { 20, 10 }, { 20, 4 }, { 17, 2 }, { 23, 2 }, { 23, 6 }, { 20, 6 },
	{ 20, 10 }, { 12, 10 }, { 12, 4 }, { 10, 2 }, { 14, 6 }, { 12, 10 }, { 4, 10 },
	{ 4, 4 }, { 2, 2 }, { 6, 6 }, { 4, 10 }, { 7, 10 }, { 7, 16 }, { 2, 18 }, { 28, 18 },
	{ 28, 14 }, { 2, 14 },
};

static void ap(struct hmw_ap *a, double x, double y, int last, int ch)
{
	*a = (struct hmw_ap){ .x = x, .y = y, .p1_dbm = -32, .n = 3.0, .height_m = 1.5,
			      .mac = { 0x02, 0, 0, 0, (uint8_t)last, 0x10 }, .channel = ch,
			      .freq_mhz = 5000 + 5 * ch, .utilisation = NAN };
	snprintf(a->ssid, sizeof(a->ssid), "NHS");
	snprintf(a->name, sizeof(a->name), "AP-%d", last);
}

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct hmw_ap aps[3];
	struct hm_map_opts o;
	uint64_t rng = 5;

	/* West corridor, east bay, the X-ray room (its own AP): the room x 16..24,
	 * y 0..8 is far from all and behind walls. */
	ap(&aps[0], 5, 10, 1, 36);
	ap(&aps[1], 25, 16, 2, 44);
	ap(&aps[2], 27, 4, 3, 149);
	f->fp = hmw_floor();
	hm_set_init(&f->set);
	hmw_walk(&f->set, f->fp, aps, 3, walk, sizeof(walk) / sizeof(walk[0]), 1.0, 0, 1, &rng);
	hm_set_finish(&f->set, NULL);
	hm_profile_builtin("nhs-data", &f->prof, NULL);
	hm_map_opts_default(&o);
	o.profile = &f->prof;
	o.predict = true;
	o.cell_m = 0.5;
	o.est.threads = 1;
	assert_int_equal(hm_map_build(&f->set, f->fp, &o, &f->m, NULL), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	hm_map_release(&f->m);
	hm_set_release(&f->set);
	floorplan_free(f->fp);
	free(f);
	return 0;
}

static int ward_index(const struct floorplan *fp, const char *name)
{
	for (size_t w = 0; w < fp->nwards; w++)
		if (strcmp(fp->wards[w].name, name) == 0)
			return (int)w;
	return -1;
}

static void opts_ward_b(struct fix *f, struct hm_plan_opts *o, double k)
{
	hm_plan_opts_default(o);
	o->wards[ward_index(f->fp, "Ward B")] = true;
	o->target_pct = 80;
	o->k = k;
	o->step_m = 2.0;
}

static void dead_room_gets_one_ap_in_it(void **state)
{
	struct fix *f = *state;
	struct hm_plan_opts o;
	struct hm_plan p;
	struct ns_err err = { 0 };

	opts_ward_b(f, &o, 0.5);
	assert_int_equal(hm_plan_run(&f->m, f->fp, &o, &p, &err), 0);
	print_message("before %.0f%% after %.0f%% with %d AP(s) at (%.1f, %.1f), sigma %.1f dB\n",
		      100 * p.wards[0].before_pass_m2 / p.wards[0].judged_m2,
		      100 * p.wards[0].after_pass_m2 / p.wards[0].judged_m2, p.naps,
		      p.naps ? p.aps[0].x : NAN, p.naps ? p.aps[0].y : NAN, p.sigma_db);
	assert_true(p.wards[0].before_pass_m2 < 0.80 * p.wards[0].judged_m2);
	assert_true(p.met);
	assert_int_equal(p.naps, 1);
	/* In the dead room (x 16..24, y 0..8) or by its door, not in the bay. */
	assert_true(p.aps[0].x > 15 && p.aps[0].x < 25 && p.aps[0].y < 10);
	assert_true(p.wards[0].after_pass_m2 >= 0.80 * p.wards[0].judged_m2);
	/* The exhaustive search over the candidates agrees: one is the optimum. */
	assert_true(p.optimum_run);
	assert_int_equal(p.optimum_naps, 1);
	hm_plan_release(&p);
}

static void margin_changes_the_answer(void **state)
{
	struct fix *f = *state;
	struct hm_plan_opts o;
	struct hm_plan lo, hi;
	struct ns_err err = { 0 };

	opts_ward_b(f, &o, 0);
	assert_int_equal(hm_plan_run(&f->m, f->fp, &o, &lo, &err), 0);
	opts_ward_b(f, &o, 5);
	assert_int_equal(hm_plan_run(&f->m, f->fp, &o, &hi, &err), 0);
	print_message("k 0: %d AP(s), %.0f m² passing; k 5: %d AP(s), %.0f m², met %d\n", lo.naps,
		      lo.wards[0].after_pass_m2, hi.naps, hi.wards[0].after_pass_m2, hi.met);
	assert_true(fabs(hi.margin_db - 5 * hi.sigma_db) < 1e-9 && lo.margin_db == 0);
	/* A wider margin needs more APs, or leaves the ward short of the target. */
	assert_true(hi.naps > lo.naps || !hi.met ||
		    hi.wards[0].after_pass_m2 < lo.wards[0].after_pass_m2);
	hm_plan_release(&lo);
	hm_plan_release(&hi);
}

/* The closest pair of proposals, m (inf with fewer than two). */
static double closest_pair(const struct hm_plan *p)
{
	double d = INFINITY;

	for (int a = 0; a < p->naps; a++)
		for (int b = a + 1; b < p->naps; b++)
			d = fmin(d, hypot(p->aps[a].x - p->aps[b].x, p->aps[a].y - p->aps[b].y));
	return d;
}

/*
 * A strict target on the dead room with places only in and by it: without a
 * spacing the search takes two APs side by side; with 8 m it keeps them 8 m
 * apart (or proposes fewer), and no proposal comes within 8 m of a fitted AP.
 */
static void proposals_keep_the_spacing(void **state)
{
	struct fix *f = *state;
	struct hm_plan_cand list[] = {
		{ .x = 18, .y = 2 }, { .x = 20, .y = 2 }, { .x = 22, .y = 2 }, { .x = 18, .y = 6 },
		{ .x = 20, .y = 6 }, { .x = 22, .y = 6 }, { .x = 14, .y = 4 }, { .x = 10, .y = 4 },
		{ .x = 26, .y = 14 }, { .x = 22, .y = 16 },
	};
	struct hm_plan_opts o;
	struct hm_plan tight, spaced;
	struct ns_err err = { 0 };

	opts_ward_b(f, &o, 2);
	o.target_pct = 99;
	o.max_aps = 4;
	o.cand_mode = HM_PLAN_CAND_LIST;
	o.list = list;
	o.nlist = sizeof(list) / sizeof(list[0]);
	o.min_spacing_m = 0;
	assert_int_equal(hm_plan_run(&f->m, f->fp, &o, &tight, &err), 0);
	hm_plan_opts_default(&o);
	opts_ward_b(f, &o, 2);
	o.target_pct = 99;
	o.max_aps = 4;
	o.cand_mode = HM_PLAN_CAND_LIST;
	o.list = list;
	o.nlist = sizeof(list) / sizeof(list[0]);
	assert_true(o.min_spacing_m == 8); /* the default */
	assert_int_equal(hm_plan_run(&f->m, f->fp, &o, &spaced, &err), 0);
	print_message("no spacing: %d AP(s), closest %.1f m; 8 m: %d AP(s), closest %.1f m, "
		      "%zu place(s) too near an existing AP\n",
		      tight.naps, closest_pair(&tight), spaced.naps, closest_pair(&spaced),
		      spaced.spaced_out);
	assert_true(tight.naps >= 2 && closest_pair(&tight) < 8);
	assert_true(closest_pair(&spaced) >= 8);
	assert_true(spaced.min_spacing_m == 8 && tight.min_spacing_m == 0);
	/* (26, 14) and (22, 16) lie within 8 m of the bay's AP at (25, 16). */
	assert_true(spaced.spaced_out >= 2);
	for (int k = 0; k < spaced.naps; k++)
		assert_true(hypot(spaced.aps[k].x - 25, spaced.aps[k].y - 16) >= 8);
	hm_plan_release(&tight);
	hm_plan_release(&spaced);
}

static void lead_lined_room_holds_no_candidate(void **state)
{
	struct fix *f = *state;
	struct hm_plan_opts o;
	struct hm_plan p;
	struct ns_err err = { 0 };

	opts_ward_b(f, &o, 1);
	o.step_m = 1.0;
	assert_int_equal(hm_plan_run(&f->m, f->fp, &o, &p, &err), 0);
	assert_true(p.ncands > 20);
	assert_true(p.excluded > 0);
	for (size_t j = 0; j < p.ncands; j++)
		assert_false(p.cands[j].x > 24 && p.cands[j].y < 8);
	assert_true(hm_plan_inside_shielded(f->fp, 27, 4));
	assert_false(hm_plan_inside_shielded(f->fp, 27, 10.5));
	assert_false(hm_plan_inside_shielded(f->fp, 20, 4));
	hm_plan_release(&p);
}

static void channel_avoids_the_neighbours(void **state)
{
	struct fix *f = *state;
	struct hm_plan_opts o;
	struct hm_plan p;
	struct ns_err err = { 0 };

	opts_ward_b(f, &o, 0.5);
	assert_int_equal(hm_plan_run(&f->m, f->fp, &o, &p, &err), 0);
	assert_true(p.naps >= 1);
	hm_plan_channels(&p, &f->m, &f->set);
	for (int k = 0; k < p.naps; k++) {
		assert_int_not_equal(p.aps[k].channel, 0);
		assert_int_not_equal(p.aps[k].channel, 36);
		assert_int_not_equal(p.aps[k].channel, 40); /* 36's 40 MHz block */
		assert_int_not_equal(p.aps[k].channel, 44);
		assert_int_not_equal(p.aps[k].channel, 48);
		/* Every radio the survey heard is avoided (the X-ray room's AP, behind
		 * lead, was never heard: nothing can avoid what nobody measured). */
		for (size_t r = 0; r < f->set.nradios; r++)
			assert_int_not_equal(p.aps[k].channel, f->set.radios[r].channel);
		assert_false(p.aps[k].dfs); /* non-DFS channels were free */
		assert_true(isinf(p.aps[k].interference_dbm));
	}
	hm_plan_release(&p);
}

/*
 * Two of the floor's APs share channel 36 and hear each other: the channel
 * step moves one of them to a clear channel (a channel change, cost 0, in the
 * bill of materials); with keep_channels both stay.
 */
static void co_channel_neighbours_get_a_channel_change(void **state)
{
	struct fix *f = *state;
	struct hmw_ap aps[3];
	struct hm_set set;
	struct hm_map m;
	struct hm_map_opts mo;
	struct hm_plan_opts o;
	struct hm_plan p, kept;
	struct ns_err err = { 0 };
	struct strbuf csv = STRBUF_INIT;
	uint64_t rng = 5;

	ap(&aps[0], 5, 10, 1, 36);
	ap(&aps[1], 25, 16, 2, 36);
	ap(&aps[2], 27, 4, 3, 149);
	hm_set_init(&set);
	hmw_walk(&set, f->fp, aps, 3, walk, sizeof(walk) / sizeof(walk[0]), 1.0, 0, 1, &rng);
	hm_set_finish(&set, NULL);
	hm_map_opts_default(&mo);
	mo.profile = &f->prof;
	mo.predict = true;
	mo.cell_m = 0.5;
	mo.est.threads = 1;
	assert_int_equal(hm_map_build(&set, f->fp, &mo, &m, NULL), 0);
	opts_ward_b(f, &o, 0.5);
	assert_int_equal(hm_plan_run(&m, f->fp, &o, &p, &err), 0);
	hm_plan_channels(&p, &m, &set);
	o.keep_channels = true;
	assert_int_equal(hm_plan_run(&m, f->fp, &o, &kept, &err), 0);
	hm_plan_channels(&kept, &m, &set);
	print_message("%d channel change(s): %s %d -> %d, co-channel %.0f -> %.0f dBm\n",
		      p.nchanges, p.nchanges ? p.changes[0].name : "", p.nchanges ? p.changes[0].from : 0,
		      p.nchanges ? p.changes[0].to : 0, p.nchanges ? p.changes[0].before_dbm : NAN,
		      p.nchanges ? p.changes[0].after_dbm : NAN);
	assert_int_equal(p.nchanges, 1);
	assert_int_equal(p.changes[0].from, 36);
	assert_true(p.changes[0].to != 36 && p.changes[0].to != 40); /* off 36's 40 MHz block */
	assert_true(p.changes[0].before_dbm > HM_PLAN_COCH_DBM);
	assert_true(p.changes[0].after_dbm < p.changes[0].before_dbm - 6);
	for (int k = 0; k < p.naps; k++) /* nor onto a proposal's channel */
		assert_int_not_equal(p.aps[k].channel, p.changes[0].to);
	assert_int_equal(hm_plan_bom_csv(&p, f->fp, 850, &csv), 0);
	assert_non_null(strstr(csv.buf, "(channel change from 36)\""));
	assert_non_null(strstr(csv.buf, ",no,,0.00\n"));
	assert_true(kept.keep_channels);
	assert_int_equal(kept.nchanges, 0);
	strbuf_release(&csv);
	hm_plan_release(&p);
	hm_plan_release(&kept);
	hm_map_release(&m);
	hm_set_release(&set);
}

/* The map of a walk of @aps on the fixture's floor (predicted beyond reach when @predict). */
static void walk_map(struct fix *f, const struct hmw_ap *aps, size_t n, bool predict,
		     struct hm_set *set, struct hm_map *m)
{
	struct hm_map_opts mo;
	uint64_t rng = 9;

	hm_set_init(set);
	hmw_walk(set, f->fp, aps, n, walk, sizeof(walk) / sizeof(walk[0]), 1.0, 0, 1, &rng);
	hm_set_finish(set, NULL);
	hm_map_opts_default(&mo);
	mo.profile = &f->prof;
	mo.predict = predict;
	mo.cell_m = 0.5;
	mo.est.threads = 1;
	assert_int_equal(hm_map_build(set, f->fp, &mo, m, NULL), 0);
}

/*
 * The validation walk: with the proposed AP installed (the same hardware at
 * the proposed place) the measured map mostly agrees with the prediction
 * within k·σ; with nothing installed the dead room is measured far below it,
 * and those cells are marked.
 */
static void validation_walk_against_the_plan(void **state)
{
	struct fix *f = *state;
	struct hmw_ap aps[4];
	struct hm_set sb, sv, sn;
	struct hm_map before, done, none;
	struct hm_plan_opts o;
	struct hm_plan p;
	struct hm_plan_check ok, bad;
	struct ns_err err = { 0 };

	ap(&aps[0], 5, 10, 1, 36);
	ap(&aps[1], 25, 16, 2, 44);
	ap(&aps[2], 27, 4, 3, 149);
	walk_map(f, aps, 3, true, &sb, &before);
	opts_ward_b(f, &o, 1);
	assert_int_equal(hm_plan_run(&before, f->fp, &o, &p, &err), 0);
	assert_int_equal(p.naps, 1);
	hm_plan_channels(&p, &before, &sb);
	assert_int_equal(hm_plan_apply(&p, f->fp, &before, &err), 0);
	ap(&aps[3], p.aps[0].x, p.aps[0].y, 4, p.aps[0].channel);
	walk_map(f, aps, 4, false, &sv, &done);
	walk_map(f, aps, 3, false, &sn, &none);
	assert_int_equal(hm_plan_check(&p, &before, &done, f->fp, &ok, &err), 0);
	assert_int_equal(hm_plan_check(&p, &before, &none, f->fp, &bad, &err), 0);
	print_message("installed: %ld of %ld cells off by > %.1f dB (mean %+.1f dB); not "
		      "installed: %ld of %ld (%ld below, mean %+.1f dB), %zu marked region(s)\n",
		      ok.wrong, ok.compared, ok.tol_db, ok.wards[0].mean_err_db, bad.wrong,
		      bad.compared, bad.wards[0].over, bad.wards[0].mean_err_db, none.notspots.n);
	assert_true(ok.compared > 100 && bad.compared > 100);
	assert_true(fabs(ok.tol_db - p.margin_db) < 1e-9);
	assert_true(ok.wrong < ok.compared / 5);
	assert_true(bad.wards[0].over > 3 * ok.wards[0].over);
	assert_true(bad.wards[0].mean_err_db < ok.wards[0].mean_err_db - 3);
	assert_true(none.notspots.n >= 1); /* the cells where it was wrong, marked */
	hm_plan_release(&p);
	hm_map_release(&before);
	hm_map_release(&done);
	hm_map_release(&none);
	hm_set_release(&sb);
	hm_set_release(&sv);
	hm_set_release(&sn);
}

static void candidate_files(void **state)
{
	static const char *bad[] = {
		"1,2\nx\n",          "1;2\n",         "nan,2\n",        "1,2e9\n",
		"{\"candidates\":[{\"x\":1}]}", "[{\"x\":\"1\",\"y\":2}]", "{\"c\":[]}", "[",
		"",                  "# nothing\n",   "1,\n",
	};
	struct hm_plan_cand *c = NULL;
	struct ns_err err = { 0 };
	size_t n = 0;
	const char *csv = "x,y,name\n# ceiling tiles\n20,4,Side room 3\n 21.5 , 2\n";
	const char *json = "{\"candidates\":[{\"x\":20,\"y\":4,\"name\":\"SR3\"},{\"x\":3,\"y\":1}]}";

	(void)state;
	assert_int_equal(hm_plan_parse_candidates(csv, strlen(csv), &c, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].name, "Side room 3");
	assert_true(fabs(c[1].x - 21.5) < 1e-9 && fabs(c[1].y - 2) < 1e-9);
	free(c);
	assert_int_equal(hm_plan_parse_candidates(json, strlen(json), &c, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].name, "SR3");
	free(c);
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		err.msg[0] = 0;
		assert_int_not_equal(hm_plan_parse_candidates(bad[k], strlen(bad[k]), &c, &n, &err),
				     0);
		assert_null(c);
		assert_true(strlen(err.msg) > 10);
	}
}

static void user_list_in_lead_room_is_left_out(void **state)
{
	struct fix *f = *state;
	struct hm_plan_cand list[] = { { .x = 27, .y = 4 }, { .x = 20, .y = 4 } };
	struct hm_plan_opts o;
	struct hm_plan p;
	struct ns_err err = { 0 };

	opts_ward_b(f, &o, 0.5);
	o.cand_mode = HM_PLAN_CAND_LIST;
	o.list = list;
	o.nlist = 2;
	assert_int_equal(hm_plan_run(&f->m, f->fp, &o, &p, &err), 0);
	assert_int_equal(p.ncands, 1);
	assert_int_equal(p.excluded, 1);
	assert_true(fabs(p.cands[0].x - 20) < 1e-9);
	hm_plan_release(&p);
}

static void bom_totals(void **state)
{
	struct fix *f = *state;
	struct hm_plan p = { 0 };
	struct strbuf csv = STRBUF_INIT;
	char *json = NULL;
	int rows = 0;

	(void)f;
	p.naps = 3;
	p.band = FP_BAND_5G;
	p.sigma_db = 4.2;
	p.k = 1;
	for (int k = 0; k < 3; k++) {
		p.aps[k] = (struct hm_plan_ap){ .x = 10 + k, .y = 4, .ward = 1, .channel = 149 + 4 * k,
						.tx_dbm = 14 };
		snprintf(p.aps[k].name, sizeof(p.aps[k].name), "PROP-%02d", k + 1);
	}
	snprintf(f->fp->wards[1].name, sizeof(f->fp->wards[1].name), "Ward \"B\"");
	assert_int_equal(hm_plan_bom_csv(&p, f->fp, 850.5, &csv), 0);
	for (const char *c = csv.buf; *c; c++)
		rows += *c == '\n';
	assert_int_equal(rows, 5); /* header, three APs, the total */
	assert_non_null(strstr(csv.buf, "PROP-02,11.00,4.00,\"Level 2\",\"Ward \"\"B\"\"\",5 GHz,153,no,14,850.50\n"));
	assert_non_null(strstr(csv.buf, "\nTOTAL,,,,,,,,,2551.50\n"));
	assert_int_equal(hm_plan_bom_json(&p, f->fp, 850.5, &json), 0);
	json_t *root = json_loads(json, 0, NULL);

	assert_non_null(root);
	assert_true(json_is_true(json_object_get(root, "predicted")));
	assert_int_equal(json_array_size(json_object_get(root, "aps")), 3);
	assert_int_equal(json_integer_value(json_object_get(root, "count")), 3);
	assert_true(fabs(json_real_value(json_object_get(root, "total_cost")) - 2551.5) < 1e-9);
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(root, "aps"), 2), "ward")),
			    "Ward \"B\"");
	json_decref(root);
	free(json);
	strbuf_release(&csv);
	snprintf(f->fp->wards[1].name, sizeof(f->fp->wards[1].name), "Ward A");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dead_room_gets_one_ap_in_it),
		cmocka_unit_test(margin_changes_the_answer),
		cmocka_unit_test(proposals_keep_the_spacing),
		cmocka_unit_test(lead_lined_room_holds_no_candidate),
		cmocka_unit_test(channel_avoids_the_neighbours),
		cmocka_unit_test(co_channel_neighbours_get_a_channel_change),
		cmocka_unit_test(validation_walk_against_the_plan),
		cmocka_unit_test(candidate_files),
		cmocka_unit_test(user_list_in_lead_room_is_left_out),
		cmocka_unit_test(bom_totals),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
