/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_heatmap_accuracy.c — how close notspot's maps come to the truth.
 *
 * A simulated survey of the bundled example floor (the demo's two walks:
 * spatially correlated shadowing σ 4 dB over 3 m, 2 dB measurement noise,
 * misses and stale cache entries, as sim/ makes them) is mapped by notspot's
 * method, by the peers' methods (IDW power 3 radius 10 m, linear RBF with
 * corners at the minimum, Delaunay linear) and by an oracle that knows the
 * simulator's true APs, powers, exponent and walls and only interpolates the
 * residuals (the limit of any method). Scored against sim_true_signal_dbm()
 * of the primary signal at cells the walk did not visit (no sample within
 * 0.5 m), inside the floor's wards, in three regions:
 *   near    — a sample within 5 m in plain sight (no wall in between);
 *   beyond  — every other cell: rooms nobody walked, and what is seen from the
 *             walk only through a wall or from farther than 5 m;
 *   lead    — every path to the 10 nearest samples crosses lead lining.
 * Per region: RMSE (dB, of the estimate, predicted everywhere), IoU of the
 * not-spot area at −67 dBm, and false pass: the share of truly failing cells
 * the map shows as passing. For notspot that is the map as drawn (cells not
 * surveyed are hatched, never passing) and, separately, with --predict.
 * Two more worlds, so the method is not tuned to one layout: the example floor
 * with every AP moved by up to 4 m and its powers changed, and a generated
 * floor (corridors of rooms, a lead-lined room, 8 low-power APs) walked along its
 * corridors into every third room.
 *
 * Prints figures; asserts nothing. Run from the repository top (make bench).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "floorplans/geometry.h"
#include "floorplans/loader.h"
#include "heatmap/estimate.h"
#include "heatmap/load.h"
#include "heatmap/metrics.h"
#include "heatmap/notspots.h"
#include "heatmap/walls.h"
#include "sim/sim.h"
#include "survey/survey.h"
#include "util/clock.h"

#define CELL_M 0.5
#define THRESH_DBM -67.0

enum { M_MODEL, M_IDW, M_RBF, M_DELAUNAY, M_ORACLE, NM };
static const char *const mname[NM] = { "notspot (model)", "IDW p3 r10", "linear RBF",
					"Delaunay linear", "oracle" };
enum { R_NEAR, R_ROOMS, R_LEAD, NR };
static const char *const rname[NR] = { "near the walk (≤5 m, in sight)",
				       "beyond: unwalked rooms, behind walls", "lead-lined rooms" };

static const char *const routes[] = { "sim/examples/route-ward21-continuous.json",
				      "sim/examples/route-ward22-imaging-stopgo.json" };

struct score {
	double se, n, inter, uni, tfail, fpass, fpass_pred;
};

struct walk_def {
	const struct sim_stop *stops;
	size_t n;
	enum sim_walk_mode mode;
};

static int run_world(const char *label, struct floorplan *fp_in, struct sim_ap *aps, size_t naps,
		     uint64_t seed, const struct walk_def *walks, size_t nwalks)
{
	char dir[] = "/tmp/nsbenchXXXXXX", path[256];
	struct survey *s = NULL;
	struct sim_world *w = NULL;
	struct sim_config cfg;
	struct floorplan *fp = NULL;
	struct hm_set set;
	struct hm_est *est = NULL;
	struct hm_grid g;
	struct hm_walls walls;
	struct ns_err err = { 0 };
	int64_t fid;
	int rc = 1;

	hm_set_init(&set);
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/bench.notspot", dir);
	if (survey_create(path, NULL, &s, &err) || (fid = survey_add_floor(s, fp_in, &err)) < 0)
		goto fail;
	sim_config_default(&cfg);
	cfg.seed = seed;
	if (sim_world_new(fp_in, aps, naps, &cfg, &w, &err))
		goto fail;
	for (size_t i = 0; i < nwalks; i++) {
		struct sim_walk_opts wo;

		sim_walk_opts_default(&wo);
		wo.mode = walks[i].mode;
		wo.seed = seed + i + 1;
		wo.start_us = 1795000000000000 + (int64_t)i * 3600000000;
		if (sim_walk(w, s, fid, walks[i].stops, walks[i].n, &wo, &err) < 0)
			goto fail;
	}
	if (hm_load_floor(s, fp_in->name, &fp, &set, &err))
		goto fail;

	/* The grid: the wards' box. */
	struct fp_point mn = { 1e9, 1e9 }, mx = { -1e9, -1e9 };

	for (size_t k = 0; k < fp->nwards; k++)
		for (size_t q = 0; q < fp->wards[k].npts; q++) {
			mn.x = fmin(mn.x, fp->wards[k].pts[q].x);
			mn.y = fmin(mn.y, fp->wards[k].pts[q].y);
			mx.x = fmax(mx.x, fp->wards[k].pts[q].x);
			mx.y = fmax(mx.y, fp->wards[k].pts[q].y);
		}
	if (hm_grid_init(&g, mn, mx, CELL_M, &err))
		goto fail;
	struct hm_est_opts eo;

	hm_est_opts_default(&eo);
	if (getenv("HM_BENCH_RANGE"))
		eo.resid_range_m = atof(getenv("HM_BENCH_RANGE"));
	if (getenv("HM_BENCH_HEARING")) /* e.g. 100: no censored bins */
		eo.hearing_dbm = atof(getenv("HM_BENCH_HEARING"));
	if (getenv("HM_BENCH_PRIOR"))
		eo.resid_prior = atof(getenv("HM_BENCH_PRIOR"));
	if (hm_est_new(&set, fp, &g, &eo, &est, &err) || hm_walls_init(&walls, fp, &err))
		goto fail;
	size_t nc = hm_grid_ncells(&g);
	int16_t *ward_of = NULL;
	float *truth = malloc(nc * sizeof(float));
	float *prim[NM];
	float **fields = calloc(set.nradios, sizeof(float *));
	uint8_t *region = malloc(nc);
	struct hm_filter f;

	hm_filter_default(&f);
	hm_wards_raster(fp, &g, &ward_of);
	for (int m = 0; m < NM; m++)
		prim[m] = malloc(nc * sizeof(float));
	for (size_t r = 0; r < set.nradios; r++)
		fields[r] = malloc(nc * sizeof(float));

	/* Truth: the strongest true signal of any BSSID. */
	for (int j = 0; j < g.ny; j++)
		for (int i = 0; i < g.nx; i++) {
			struct fp_point p = hm_grid_center(&g, i, j);
			double best = -200;

			for (size_t b = 0; b < sim_world_nbss(w); b++)
				best = fmax(best, sim_true_signal_dbm(w, b, p));
			truth[(size_t)j * g.nx + i] = (float)best;
		}
	/* Estimates. */
	double t_model = 0;
	struct hm_model *fits = calloc(set.nradios, sizeof(*fits));

	for (int m = 0; m < NM; m++) {
		struct timespec t0, t1;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (m == M_ORACLE) {
			for (size_t r = 0; r < set.nradios; r++) {
				struct hm_model fx = { 0 };
				const struct sim_ap *ap = NULL;
				double tx = 0;

				for (size_t b = 0; b < sim_world_nbss(w) && !ap; b++) {
					const struct sim_bss *sb = sim_world_bss(w, b);
					uint8_t mm[6];

					memcpy(mm, sb->bssid, 6);
					mm[5] &= 0xf0;
					if (memcmp(mm, set.radios[r].mac, 6) == 0 &&
					    sb->freq_mhz == set.radios[r].freq_mhz) {
						ap = sim_world_ap(w, sb->ap);
						tx = ap->radios[sb->radio].tx_power_dbm;
					}
				}
				if (getenv("HM_BENCH_DEBUG") && ap)
					printf("radio %zu %s %d MHz: true (%.1f, %.1f) p1 %.1f n %.2f | fit (%.1f, %.1f) "
					       "p1 %.1f n %.2f rms %.2f bins %d\n",
					       r, ap->name, set.radios[r].freq_mhz, ap->pos.x, ap->pos.y,
					       tx - cfg.pl1m_db[set.radios[r].band], cfg.exponent, fits[r].x,
					       fits[r].y, fits[r].p1_dbm, fits[r].n, fits[r].rms_db,
					       fits[r].nbins);
				if (!ap) {
					hm_est_radio(est, r, HM_METHOD_MODEL, NULL, fields[r], NULL);
					continue;
				}
				fx.x = ap->pos.x;
				fx.y = ap->pos.y;
				fx.p1_dbm = tx - cfg.pl1m_db[set.radios[r].band];
				fx.n = cfg.exponent;
				fx.height_m = ap->height_m - 1.2;
				hm_est_radio(est, r, HM_METHOD_MODEL, &fx, fields[r], NULL);
			}
		} else if (hm_est_radios(est, NULL, (enum hm_method)m, fields, m == M_MODEL ? fits : NULL,
					 &err)) {
			goto fail;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (m == M_MODEL)
			t_model = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
		float *out[HM_NMETRICS] = { 0 };

		out[HM_M_PRIMARY] = prim[m];
		hm_metrics_compute(&set, &g, fields, &f, out);
		for (size_t c = 0; c < nc; c++)
			if (isnan(prim[m][c]))
				prim[m][c] = -95; /* what a tool shows where it has nothing */
	}

	/* Regions. */
	const struct hm_ptset *wh = &set.where;
	size_t counts[NR] = { 0 };

	for (int j = 0; j < g.ny; j++)
		for (int i = 0; i < g.nx; i++) {
			size_t c = (size_t)j * g.nx + i;
			struct fp_point p = hm_grid_center(&g, i, j);
			bool visited = false, near = false, los15 = false;
			double nd[10];
			size_t ni[10], nn = 0;

			region[c] = 255;
			if (ward_of[c] < 0)
				continue;
			for (size_t k = 0; k < wh->n; k++) {
				double d = hypot(wh->p[k].x - p.x, wh->p[k].y - p.y);

				if (d <= 0.5)
					visited = true;
				/* keep the 10 nearest */
				if (nn < 10 || d < nd[nn - 1]) {
					size_t at = nn < 10 ? nn++ : 9;

					while (at > 0 && nd[at - 1] > d) {
						nd[at] = nd[at - 1];
						ni[at] = ni[at - 1];
						at--;
					}
					nd[at] = d;
					ni[at] = k;
				}
				if (d <= 15 && !los15 &&
				    hm_walls_path_loss(&walls, p.x, p.y, wh->p[k].x, wh->p[k].y,
						       FP_BAND_2G4) == 0) {
					los15 = true;
				}
				if (d <= 5 && los15 && !near &&
				    hm_walls_path_loss(&walls, p.x, p.y, wh->p[k].x, wh->p[k].y,
						       FP_BAND_2G4) == 0)
					near = true;
			}
			if (visited)
				continue;
			bool lead = nn > 0;

			for (size_t q = 0; q < nn && lead; q++) {
				double l = 0;

				for (size_t wi = 0; wi < walls.n; wi++) {
					const struct hm_wall_piece *pc = &walls.p[wi];

					if (pc->loss_db[FP_BAND_2G4] < 40)
						continue;
					struct hm_walls one = { (struct hm_wall_piece *)pc, 1 };

					l += hm_walls_path_loss(&one, p.x, p.y, wh->p[ni[q]].x,
								wh->p[ni[q]].y, FP_BAND_2G4);
				}
				lead = l >= 40;
			}
			if (lead)
				region[c] = R_LEAD;
			else if (near)
				region[c] = R_NEAR;
			else
				region[c] = R_ROOMS;
			if (region[c] != 255)
				counts[region[c]]++;
		}

	/* Scores. */
	const uint8_t *sup = hm_est_support(est);
	struct score sc[NM][NR];

	memset(sc, 0, sizeof(sc));
	for (int m = 0; m < NM; m++)
		for (size_t c = 0; c < nc; c++) {
			if (region[c] == 255)
				continue;
			struct score *x = &sc[m][region[c]];
			double d = prim[m][c] - truth[c];
			bool tf = truth[c] < THRESH_DBM, ef = prim[m][c] < THRESH_DBM;

			x->se += d * d;
			x->n++;
			x->inter += tf && ef;
			x->uni += tf || ef;
			if (tf) {
				x->tfail++;
				x->fpass_pred += !ef;
				/* As drawn: notspot and the oracle hatch unsurveyed cells. */
				x->fpass += !ef && (m == M_IDW || m == M_RBF || m == M_DELAUNAY || sup[c]);
			}
		}
	printf("\n%s: %zu placed samples, %zu sample bins, %zu radios, grid %d x %d at %.2f m; "
	       "model estimation %.3f s\n",
	       label, set.nsamples, hm_est_nbins(est), set.nradios, g.nx, g.ny, CELL_M, t_model);
	for (int r = 0; r < NR; r++) {
		printf("  %-32s %6zu cells (%4.0f m²)\n", rname[r], counts[r], counts[r] * CELL_M * CELL_M);
		printf("    %-18s %8s %8s %12s %14s\n", "method", "RMSE dB", "IoU@-67", "false pass",
		       "(predicted)");
		for (int m = 0; m < NM; m++) {
			struct score *x = &sc[m][r];

			printf("    %-18s %8.2f %8.2f %11.1f%% %13.1f%%\n", mname[m],
			       x->n ? sqrt(x->se / x->n) : NAN, x->uni ? x->inter / x->uni : NAN,
			       x->tfail ? 100 * x->fpass / x->tfail : NAN,
			       x->tfail ? 100 * x->fpass_pred / x->tfail : NAN);
		}
		printf("    (%.0f truly failing cells)\n", sc[0][r].tfail);
	}
	rc = 0;
	for (int m = 0; m < NM; m++)
		free(prim[m]);
	for (size_t r = 0; r < set.nradios; r++)
		free(fields[r]);
	free(fields);
	free(fits);
	free(truth);
	free(region);
	free(ward_of);
	hm_walls_release(&walls);
fail:
	if (rc)
		fprintf(stderr, "bench_heatmap_accuracy: %s\n", err.msg);
	hm_est_free(est);
	hm_set_release(&set);
	floorplan_free(fp);
	sim_world_free(w);
	survey_close(s);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		fprintf(stderr, "bench_heatmap_accuracy: could not remove %s\n", dir);
	return rc;
}

/* A generated floor: corridors with 6 × 8 m rooms either side, brick and
 * plasterboard, doorways, a lead-lined suite; APs every 12 m along the corridors. */
static struct floorplan *gen_floor(double wm, double hm, uint64_t *st)
{
	struct floorplan *fp = floorplan_new();
	const struct fp_material *dw = fp_material_find("doorway");
	struct fp_point wd[4] = { { 0, 0 }, { wm, 0 }, { wm, hm }, { 0, hm } };

#define WALL(x0, y0, x1, y1, mat)                                                              \
	do {                                                                                   \
		struct fp_point p_[2] = { { x0, y0 }, { x1, y1 } };                           \
		const struct fp_material *m_ = fp_material_find(mat);                          \
		floorplan_add_wall(fp, p_, 2, m_->key, m_->loss_db);                           \
	} while (0)
	snprintf(fp->name, sizeof(fp->name), "Generated");
	WALL(0, 0, wm, 0, "concrete");
	WALL(wm, 0, wm, hm, "concrete");
	WALL(wm, hm, 0, hm, "concrete");
	WALL(0, hm, 0, 0, "concrete");
	for (double cy = 8; cy + 11 <= hm; cy += 19) {
		WALL(0, cy, wm, cy, "plasterboard");
		WALL(0, cy + 3, wm, cy + 3, "plasterboard");
		for (double x = 2; x < wm; x += 6) {
			/* The lead-lined room (x 24..30 on the first corridor) has no door. */
			if (!(cy == 8 && x > 24 && x < 30))
				floorplan_add_opening(fp, (struct fp_point){ x, cy },
						      (struct fp_point){ x + 1, cy }, dw->key, dw->loss_db);
			floorplan_add_opening(fp, (struct fp_point){ x, cy + 3 },
					      (struct fp_point){ x + 1, cy + 3 }, dw->key, dw->loss_db);
		}
		for (double x = 6; x < wm; x += 6) {
			*st = *st * 6364136223846793005ull + 1442695040888963407ull;
			WALL(x, cy - 8, x, cy, (*st >> 40) % 2 ? "brick" : "plasterboard");
			WALL(x, cy + 3, x, cy + 11, (*st >> 41) % 2 ? "brick" : "plasterboard");
		}
	}
	/* A lead-lined room (x 24..30 above the first corridor) with no opening. */
	WALL(24, 0.01, 24, 8, "lead-lined");
	WALL(30, 0.01, 30, 8, "lead-lined");
	WALL(24, 8, 30, 8, "lead-lined");
#undef WALL
	floorplan_add_ward(fp, "All", wd, 4);
	return fp;
}

int main(void)
{
	struct floorplan *fp = NULL;
	struct sim_ap *aps = NULL;
	size_t naps = 0;
	struct ns_err err = { 0 };
	struct sim_route r[2];
	struct walk_def walks[2];
	int rc = 0;

	if (fp_import("floorplans/examples/hospital-level2.svg",
		      "floorplans/examples/hospital-level2.json", NULL, &fp, &err) ||
	    sim_load_aps("sim/examples/hospital-level2-aps.json", &aps, &naps, &err) ||
	    sim_load_route(routes[0], &r[0], &err) || sim_load_route(routes[1], &r[1], &err)) {
		fprintf(stderr, "bench_heatmap_accuracy: %s (run from the repository top)\n", err.msg);
		return 1;
	}
	walks[0] = (struct walk_def){ r[0].stops, r[0].nstops, SIM_WALK_CONTINUOUS };
	walks[1] = (struct walk_def){ r[1].stops, r[1].nstops, SIM_WALK_STOP_AND_GO };
	printf("bench_heatmap_accuracy: primary signal (any SSID) vs the simulator's truth; "
	       "not-spot threshold %.0f dBm\n", THRESH_DBM);
	rc |= run_world("example floor, example APs (seed 2026)", fp, aps, naps, 2026, walks, 2);
	/* The example floor with its APs moved and powers changed, another seed. */
	uint64_t st = 77;

	for (size_t k = 0; k < naps; k++) {
		st = st * 6364136223846793005ull + 1442695040888963407ull;
		aps[k].pos.x += ((st >> 33) % 800) / 100.0 - 4;
		st = st * 6364136223846793005ull + 1442695040888963407ull;
		aps[k].pos.y += ((st >> 33) % 800) / 100.0 - 4;
		for (int q = 0; q < aps[k].nradios; q++)
			aps[k].radios[q].tx_power_dbm -= (double)((st >> 40) % 7);
	}
	rc |= run_world("example floor, APs moved up to 4 m, powers −0…6 dB (seed 99)", fp, aps,
			naps, 99, walks, 2);
	sim_route_release(&r[0]);
	sim_route_release(&r[1]);
	floorplan_free(fp);

	/* A generated floor, 60 × 30 m: two corridors of rooms, 8 APs, walked along the
	 * corridors into every third room (the rest unwalked). */
	struct sim_stop stops[256];
	size_t ns = 0, na = 0;
	struct sim_ap gaps[16];

	st = 5;
	fp = gen_floor(60, 30, &st);
	memset(gaps, 0, sizeof(gaps));
	for (double cy = 9.5; cy < 30; cy += 19)
		for (double x = 6; x < 60 && na < 16; x += 18) {
			struct sim_ap *a = &gaps[na];

			snprintf(a->name, sizeof(a->name), "G-AP%02zu", na + 1);
			a->pos = (struct fp_point){ x + (na % 2) * 3, cy };
			a->height_m = 2.7;
			uint8_t mac[6] = { 0x00, 0x3a, 0x7d, 0x77, (uint8_t)na, 0 };

			memcpy(a->base_mac, mac, 6);
			a->nradios = 2;
			a->radios[0] = (struct sim_radio){ 2412 + 25 * (na % 3), 20, 0, 4, 0.3, 5 };
			a->radios[1] = (struct sim_radio){ 5180 + 20 * (na % 8), 40, 0, 8, 0.2, 8 };
			a->nssids = 1;
			snprintf(a->ssids[0].name, sizeof(a->ssids[0].name), "NHS");
			snprintf(a->ssids[0].security, sizeof(a->ssids[0].security), "wpa2-eap");
			na++;
		}
	for (double cy = 9.5; cy < 30; cy += 19) {
		stops[ns++] = (struct sim_stop){ { 1, cy }, 0 };
		for (double x = 2.5; x < 58; x += 18) {
			stops[ns++] = (struct sim_stop){ { x, cy }, 0 };
			stops[ns++] = (struct sim_stop){ { x, cy - 4 }, 0 };
			stops[ns++] = (struct sim_stop){ { x, cy }, 0 };
		}
		stops[ns++] = (struct sim_stop){ { 59, cy }, 0 };
	}
	walks[0] = (struct walk_def){ stops, ns, SIM_WALK_CONTINUOUS };
	rc |= run_world("generated floor 60 × 30 m, 8 low-power APs (seed 7)", fp, gaps, na, 7, walks, 1);
	free(aps);
	floorplan_free(fp);
	return rc;
}
