/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_survey.c — see report_survey.h.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/loader.h"
#include "report_survey.h"
#include "survey/store_private.h"
#include "survey/survey.h"
#include "util/clock.h"

#define RS_SVG "floorplans/examples/hospital-level2.svg"
#define RS_SIDECAR "floorplans/examples/hospital-level2.json"
#define RS_APS "sim/examples/hospital-level2-aps.json"

static const struct {
	const char *route;
	enum sim_walk_mode mode;
	uint64_t seed;
	const char *start;
} rs_walks[] = {
	{ "sim/examples/route-ward21-continuous.json", SIM_WALK_CONTINUOUS, 1, "2026-11-20T09:30:00Z" },
	{ "sim/examples/route-ward22-imaging-stopgo.json", SIM_WALK_STOP_AND_GO, 2,
	  "2026-11-20T10:15:00Z" },
};

void rs_side_room_ap(struct sim_ap *ap)
{
	struct sim_ap *aps = NULL;
	size_t n = 0;

	memset(ap, 0, sizeof(*ap));
	/* The SSIDs of the example floor, so the new AP serves the same networks. */
	if (sim_load_aps(RS_APS, &aps, &n, NULL) == 0 && n > 0) {
		memcpy(ap->ssids, aps[0].ssids, sizeof(ap->ssids));
		ap->nssids = aps[0].nssids;
	}
	free(aps);
	snprintf(ap->name, sizeof(ap->name), "L2-W22-AP03");
	ap->pos = (struct fp_point){ 34.0, 35.0 };
	ap->height_m = 2.7;
	memcpy(ap->base_mac, (const uint8_t[]){ 0x00, 0x3a, 0x7d, 0x5c, 0x0c, 0x00 }, 6);
	ap->radios[0] = (struct sim_radio){ .freq_mhz = 2412, .width_mhz = 20, .tx_power_dbm = 7,
					    .utilisation = 0.2, .stations = 2 };
	ap->radios[1] = (struct sim_radio){ .freq_mhz = 5745, .width_mhz = 40,
					    .center_freq_mhz = sim_center_freq(5745, 40),
					    .tx_power_dbm = 17, .utilisation = 0.1, .stations = 3 };
	ap->nradios = 2;
}

int rs_make_survey(const char *path, const struct sim_ap *extra, size_t nextra, int routes,
		   struct ns_err *err)
{
	struct survey_meta meta = { 0 };
	struct sim_config cfg;
	struct floorplan *fp = NULL;
	struct sim_world *w = NULL;
	struct sim_ap *aps = NULL, *all;
	struct survey *s = NULL;
	size_t naps = 0;
	int64_t floor_id;
	int rc;

	snprintf(meta.site, sizeof(meta.site), "St Elsewhere General Hospital (example)");
	snprintf(meta.surveyor, sizeof(meta.surveyor), "notspot tests (simulated)");
	if ((rc = survey_create(path, &meta, &s, err)))
		return rc;
	/* A test file is thrown away: an fsync per simulated sample buys nothing. */
	sqlite3_exec(survey_sqlite(s), "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	if ((rc = fp_import(RS_SVG, RS_SIDECAR, NULL, &fp, err)))
		goto out;
	if ((floor_id = survey_add_floor(s, fp, err)) < 0) {
		rc = (int)floor_id;
		goto out;
	}
	if ((rc = sim_load_aps(RS_APS, &aps, &naps, err)))
		goto out;
	all = realloc(aps, (naps + nextra) * sizeof(*aps));
	if (!all) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	aps = all;
	if (nextra)
		memcpy(aps + naps, extra, nextra * sizeof(*extra));
	sim_config_default(&cfg);
	cfg.seed = 2026;
	if ((rc = sim_world_new(fp, aps, naps + nextra, &cfg, &w, err)))
		goto out;
	for (size_t i = 0; i < sizeof(rs_walks) / sizeof(rs_walks[0]); i++) {
		struct sim_walk_opts wo;
		struct sim_route r;
		int64_t id;

		if (!(routes & (1 << i)))
			continue;
		if ((rc = sim_load_route(rs_walks[i].route, &r, err)))
			goto out;
		sim_walk_opts_default(&wo);
		wo.mode = rs_walks[i].mode;
		wo.seed = rs_walks[i].seed;
		snprintf(wo.operator_name, sizeof(wo.operator_name), "test surveyor");
		ns_parse_utc(rs_walks[i].start, &wo.start_us);
		id = sim_walk(w, s, floor_id, r.stops, r.nstops, &wo, err);
		sim_route_release(&r);
		if (id < 0) {
			rc = (int)id;
			goto out;
		}
	}
	rc = 0;
out:
	sim_world_free(w);
	free(aps);
	floorplan_free(fp);
	survey_close(s);
	return rc;
}
