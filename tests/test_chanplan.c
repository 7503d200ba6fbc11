/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_chanplan.c — the channel plan from hand-made scans (heatmap/chanplan.h):
 * radios grouped by MAC and channel, widths, flags, overlaps and the reuse
 * distance; where each radio stands: the plan's AP, else its physical AP's
 * fitted place, else where it was heard loudest.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "floorplans/model.h"
#include "heatmap/chanplan.h"

/* One scan at (@x, 0) hearing BSSID ..:@id:@sub on @freq/@width/@center at @dbm. */
static void heard(struct hm_chanplan *cp, double x, uint8_t id, uint8_t sub, int freq, int width,
		  int center, double dbm, const char *name)
{
	struct meas_sample s;
	struct meas_observation o;

	meas_init_sample(&s);
	meas_init_observation(&o);
	s.kind = SAMPLE_SCAN;
	s.placed = true;
	s.x_m = x;
	o.bssid[0] = 0x02;
	o.bssid[4] = id;
	o.bssid[5] = sub;
	o.freq_mhz = freq;
	o.width_mhz = width;
	o.center_freq_mhz = center;
	o.signal_dbm = dbm;
	o.age_ms = 10;
	snprintf(o.ap_name, sizeof(o.ap_name), "%s", name);
	assert_int_equal(hm_chanplan_add_sample(cp, &s, &o, 1, NULL, NULL), 0);
}

static const struct hm_chan_radio *find(const struct hm_chanplan *cp, const char *ap, int freq)
{
	for (size_t i = 0; i < cp->n; i++)
		if (strcmp(cp->r[i].ap, ap) == 0 && cp->r[i].freq_mhz == freq)
			return &cp->r[i];
	fail_msg("no radio %s on %d MHz", ap, freq);
	return NULL;
}

static void test_chanplan_radios_flags_overlaps_and_reuse(void **state)
{
	struct hm_chanplan cp;
	const struct hm_chan_radio *a, *b, *c, *d;
	char buf[64];

	(void)state;
	hm_chanplan_init(&cp, NULL);
	/* AP A: 2.4 GHz ch 3 (two SSIDs on one radio), 5 GHz ch 52/80 MHz (centre 5290). */
	heard(&cp, 0, 0x0a, 0x00, 2422, 20, 2422, -50, "A");
	heard(&cp, 1, 0x0a, 0x01, 2422, 20, 2422, -40, "A");
	heard(&cp, 0, 0x0a, 0x10, 5260, 80, 5290, -45, "A");
	/* AP B 30 m away: 5 GHz ch 64/20 MHz, inside A's 80 MHz; 2.4 GHz ch 6. */
	heard(&cp, 30, 0x0b, 0x10, 5320, 20, 5320, -40, "B");
	heard(&cp, 30, 0x0b, 0x00, 2437, 20, 2437, -40, "B");
	/* AP C: 6 GHz ch 37, a PSC, no width advertised. */
	heard(&cp, 50, 0x0c, 0x20, 6135, 0, 0, -60, "");
	hm_chanplan_finish(&cp);
	assert_int_equal(cp.n, 5);
	a = find(&cp, "A", 2422);
	assert_true(a->off_plan);
	assert_float_equal(a->x_m, 1, 0); /* heard loudest there */
	assert_int_equal(a->placed_by, HM_CHAN_LOUDEST);
	/* 2.4 GHz ch 3 (2412–2432) and ch 6 (2427–2447) overlap. */
	assert_int_equal(a->noverlap, 1);
	b = find(&cp, "A", 5260);
	assert_true(b->dfs);
	assert_float_equal(b->x_m, 1, 0); /* with its AP's loudest radio */
	c = find(&cp, "B", 5320);
	assert_true(hm_chanplan_overlap(b, c));
	assert_int_equal(c->noverlap, 1);
	assert_float_equal(c->reuse_m, 29, 1e-9);
	assert_string_equal(hm_chan_radio_text(b, buf, sizeof(buf)), "ch 52 (5 GHz) 80 MHz DFS");
	d = find(&cp, "02:00:00:00:0c:2?", 6135);
	assert_true(d->psc);
	assert_int_equal(d->noverlap, 0);
	assert_true(isinf(d->reuse_m));
	assert_string_equal(hm_chan_radio_text(d, buf, sizeof(buf)), "ch 37 (6 GHz) width ? PSC");
	assert_string_equal(hm_chan_radio_text(a, buf, sizeof(buf)),
			    "ch 3 (2.4 GHz) 20 MHz not 1/6/11");
	/* Sorted by band, then channel. */
	assert_int_equal(cp.r[0].freq_mhz, 2422);
	assert_int_equal(cp.r[4].freq_mhz, 6135);
	hm_chanplan_release(&cp);
}

/* Set radio @k of @radios to ..:@id:@sub (the low nibble cleared) on @freq. */
static void set_radio(struct hm_radio *radios, size_t k, uint8_t id, uint8_t sub, int freq)
{
	memset(&radios[k], 0, sizeof(radios[k]));
	radios[k].mac[0] = 0x02;
	radios[k].mac[4] = id;
	radios[k].mac[5] = sub & 0xf0;
	radios[k].freq_mhz = freq;
}

static void test_chanplan_places_radios_at_the_plan_then_the_fit_then_the_loudest(void **state)
{
	struct floorplan *fp = floorplan_new();
	struct fp_ap plan = { .pos = { 40, 5 }, .height_m = 2.7, .nradios = 1 };
	struct hm_radio radios[5];
	struct hm_set set = { .radios = radios, .nradios = 5 };
	struct hm_ap_fit fits[3] = {
		{ .name = "A", .x = 12.5, .y = 7.25, .radios = { 0, 1 }, .nradios = 2, .nbins = 40 },
		/* MAC family 0x0b, no AP name in the beacons: the fit names it. */
		{ .name = "02:00:00:00:0b:0?", .x = 30, .y = 3, .radios = { 2, 3 }, .nradios = 2,
		  .nbins = 30 },
		/* On the level above: it places nothing here. */
		{ .name = "UP", .x = 50, .y = 9, .radios = { 4 }, .nradios = 1, .nbins = 30,
		  .level = "Level 3" },
	};
	struct hm_chanplan cp;
	const struct hm_chan_radio *r;

	(void)state;
	assert_non_null(fp);
	snprintf(fp->name, sizeof(fp->name), "Level 2");
	/* Radio 0xc:1? (channel 36) is on the plan's AP "P" by its BSSID. */
	snprintf(plan.name, sizeof(plan.name), "P");
	snprintf(plan.source, sizeof(plan.source), "planned");
	plan.radios[0].bssid[0] = 0x02;
	plan.radios[0].bssid[4] = 0x0c;
	plan.radios[0].bssid[5] = 0x13;
	assert_int_equal(floorplan_add_ap(fp, &plan), 0);
	set_radio(radios, 0, 0x0a, 0x00, 2412);
	set_radio(radios, 1, 0x0a, 0x10, 5180);
	set_radio(radios, 2, 0x0b, 0x00, 2437);
	set_radio(radios, 3, 0x0b, 0x10, 5500);
	set_radio(radios, 4, 0x0d, 0x00, 2462);
	hm_chanplan_init(&cp, fp);
	cp.fits = (struct hm_chan_fits){ &set, fits, 3 };
	heard(&cp, 1, 0x0a, 0x00, 2412, 20, 2412, -40, "A");
	heard(&cp, 2, 0x0a, 0x11, 5180, 40, 5190, -45, "A");
	heard(&cp, 3, 0x0b, 0x00, 2437, 20, 2437, -50, "");
	heard(&cp, 4, 0x0b, 0x10, 5500, 40, 5510, -55, "");
	heard(&cp, 5, 0x0c, 0x10, 5180, 20, 5180, -60, "P");
	heard(&cp, 6, 0x0d, 0x00, 2462, 20, 2462, -65, "UP");
	hm_chanplan_finish(&cp);
	assert_int_equal(cp.n, 6);
	/* Both radios of A stand at A's fitted place, not where they were heard loudest. */
	r = find(&cp, "A", 2412);
	assert_int_equal(r->placed_by, HM_CHAN_FITTED);
	assert_float_equal(r->x_m, 12.5, 0);
	assert_float_equal(r->y_m, 7.25, 0);
	r = find(&cp, "A", 5180);
	assert_int_equal(r->placed_by, HM_CHAN_FITTED);
	assert_float_equal(r->x_m, 12.5, 0);
	/* An unnamed MAC family fitted as one AP is one AP, under the fit's name. */
	r = find(&cp, "02:00:00:00:0b:0?", 2437);
	assert_int_equal(r->placed_by, HM_CHAN_FITTED);
	assert_float_equal(r->x_m, 30, 0);
	r = find(&cp, "02:00:00:00:0b:0?", 5500);
	assert_float_equal(r->x_m, 30, 0);
	/* The plan's BSSID comes first, */
	r = find(&cp, "P", 5180);
	assert_int_equal(r->placed_by, HM_CHAN_PLAN);
	assert_float_equal(r->x_m, 40, 0);
	/* and a fit on another level leaves the radio where it was heard loudest. */
	r = find(&cp, "UP", 2462);
	assert_int_equal(r->placed_by, HM_CHAN_LOUDEST);
	assert_float_equal(r->x_m, 6, 0);
	/* Reuse distances are measured between those places: 2412 and 2437 overlap, A to 0b. */
	r = find(&cp, "A", 2412);
	assert_float_equal(r->reuse_m, hypot(30 - 12.5, 3 - 7.25), 1e-9);
	hm_chanplan_release(&cp);
	floorplan_free(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chanplan_radios_flags_overlaps_and_reuse),
		cmocka_unit_test(test_chanplan_places_radios_at_the_plan_then_the_fit_then_the_loudest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
