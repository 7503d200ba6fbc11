/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_heatmap_accuracy.c — how close notspot's maps come to the truth.
 *
 * Two kinds of world:
 *  - independent floors (tests/bench/lib/truthgen.h): corridor wards, a
 *    concrete core, lead-lined imaging rooms, true wall losses up to ±50 %
 *    off the table, a path-loss exponent per room type, directional
 *    antennas, correlated shadowing σ 4 dB, 2 dB reading noise, a survey
 *    adapter offset and tap errors. Nothing in them uses notspot's wall rule
 *    or its path-loss prior: notspot sees only the floorplan (table losses)
 *    and the readings;
 *  - notspot's own simulator (sim/) on the example floor (twice) and on a
 *    generated floor, as before: it shares the estimator's wall rule and
 *    prior, so it flatters the estimator.
 * Each survey is mapped by notspot (as drawn, and with --predict), by the
 * peers' methods (IDW power 3 radius 10 m, linear RBF with corners at the
 * minimum, Delaunay linear; they colour everything) and by an oracle that
 * knows the true propagation (without the shadowing) and kriges the residuals
 * of the readings from it: the limit of any method.
 *
 * Scored: the primary 5 GHz signal against the truth (the tabled device's
 * mean, no reading noise) at cells no sample came within 0.5 m of, threshold
 * −67 dBm, in three regions found from the world's own rooms (independent
 * floors: the generator's rooms; simulator floors: regions flood-filled
 * between the drawn walls, doors closed, by code of this file):
 *   near      — in a room the walk entered, within 5 m of a reading taken in it;
 *   unwalked  — in a room the walk never entered (not lead-lined);
 *   lead      — in a lead-lined room the walk never entered.
 * Per method and region: RMSE (dB, over the cells it colours), false pass
 * (truly failing cells shown passing / truly failing cells coloured), false
 * fail (truly passing shown failing / truly passing coloured), share coloured.
 *
 * Prints figures; asserts nothing. Run from the repository top (make bench).
 * HM_BENCH_ONLY=substring runs only the cases whose label contains it;
 * HM_BENCH_DUMP=DIR writes truth / notspot / error images per case there;
 * HM_BENCH_DEBUG=1 prints each radio's fit.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>

#include "floorplans/geometry.h"
#include "floorplans/loader.h"
#include "heatmap/estimate.h"
#include "heatmap/load.h"
#include "heatmap/metrics.h"
#include "heatmap/notspots.h"
#include "sim/sim.h"
#include "survey/survey.h"
#include "tests/bench/lib/truthgen.h"

#define CELL_M 0.5
#define THRESH_DBM -67.0

enum { M_NS, M_NSP, M_IDW, M_RBF, M_DEL, M_ORACLE, NM };
static const char *const mname[NM] = { "notspot", "notspot --predict", "IDW p3 r10", "linear RBF",
					"Delaunay linear", "oracle" };
enum { R_NEAR, R_UNWALKED, R_LEAD, NR };
static const char *const rname[NR] = { "near the walk", "unwalked rooms", "lead-lined rooms" };

/* What a case gives the scorer: its floor, samples, truth, oracle and rooms. */
struct bcase {
	char label[160];
	const struct floorplan *fp;
	struct hm_set set;
	struct fp_point mn, mx;                    /* the scored box */
	double (*truth)(void *ctx, double x, double y);  /* primary 5 GHz truth, dBm */
	/* the oracle's mean for radio @r of the set, NAN when it is not in the world */
	double (*oracle)(void *ctx, size_t r, double x, double y);
	/* the world's AP of radio @r of the set and its place; false when not in the world */
	bool (*true_ap)(void *ctx, size_t r, size_t *ap, double *x, double *y);
	void *ctx;
	int *room;                                 /* per cell, -1 outside every room */
	bool *lead, *walked;                       /* per room */
	size_t nrooms;
};

struct score {
	double se, sum, n, cells, tfail, fpass, tpass, ffail;
};

struct oracle_ctx {
	struct bcase *bc;
	size_t r;
};

static double oracle_cb(void *p, double x, double y)
{
	struct oracle_ctx *o = p;

	return o->bc->oracle(o->bc->ctx, o->r, x, y);
}

/* The primary 5 GHz signal of per-radio @fields. */
static void primary5(const struct hm_set *set, const struct hm_grid *g, float **fields, float *prim)
{
	struct hm_filter f;
	float *out[HM_NMETRICS] = { 0 };

	hm_filter_default(&f);
	f.band = FP_BAND_5G;
	out[HM_M_PRIMARY] = prim;
	hm_metrics_compute(set, g, fields, &f, out);
	for (size_t c = 0; c < hm_grid_ncells(g); c++)
		if (isnan(prim[c]))
			prim[c] = -95; /* what a tool shows where it has nothing */
}

/* Region of each cell (255: not scored). */
static void regions(const struct bcase *bc, const struct hm_grid *g, uint8_t *region)
{
	const struct hm_ptset *wh = &bc->set.where;

	for (int j = 0; j < g->ny; j++)
		for (int i = 0; i < g->nx; i++) {
			size_t c = (size_t)j * g->nx + i;
			struct fp_point p = hm_grid_center(g, i, j);
			int rm = bc->room[c];
			bool visited = false, near = false;

			region[c] = 255;
			if (rm < 0)
				continue;
			for (size_t k = 0; k < wh->n && !visited; k++) {
				double d = hypot(wh->p[k].x - p.x, wh->p[k].y - p.y);
				int ci, cj;

				visited = d <= 0.5;
				if (d <= 5 && !near && hm_grid_cell_of(g, (struct fp_point){ wh->p[k].x, wh->p[k].y }, &ci, &cj))
					near = bc->room[(size_t)cj * g->nx + ci] == rm;
			}
			if (visited)
				continue;
			if (!bc->walked[rm])
				region[c] = bc->lead[rm] ? R_LEAD : R_UNWALKED;
			else if (near)
				region[c] = R_NEAR;
		}
}

static void score_cell(struct score *x, double est, double truth, bool coloured)
{
	bool tf = truth < THRESH_DBM, ef = est < THRESH_DBM;

	x->n++;
	if (!coloured)
		return;
	x->cells++;
	x->se += (est - truth) * (est - truth);
	x->sum += est - truth;
	if (tf) {
		x->tfail++;
		x->fpass += !ef;
	} else {
		x->tpass++;
		x->ffail += ef;
	}
}

static void print_scores(const struct bcase *bc, struct score sc[NM][NR])
{
	for (int r = 0; r < NR; r++) {
		if (!sc[M_NS][r].n)
			continue;
		printf("  %s: %.0f cells (%.0f m²), %.0f truly failing\n", rname[r], sc[M_NS][r].n,
		       sc[M_NS][r].n * CELL_M * CELL_M, sc[M_NSP][r].tfail);
		printf("    %-18s %8s %8s %11s %11s %9s\n", "method", "RMSE dB", "bias dB", "false pass",
		       "false fail", "coloured");
		for (int m = 0; m < NM; m++) {
			struct score *x = &sc[m][r];

			printf("    %-18s %8.2f %8.2f %11.2f %11.2f %8.0f%%\n", mname[m],
			       x->cells ? sqrt(x->se / x->cells) : NAN, x->cells ? x->sum / x->cells : NAN,
			       x->tfail ? x->fpass / x->tfail : NAN, x->tpass ? x->ffail / x->tpass : NAN,
			       100 * x->cells / x->n);
		}
	}
	/* Markdown rows for the READMEs: RMSE / false pass (/ share coloured), "—" for none. */
	printf("  | %s | region | notspot | notspot --predict | IDW | RBF | Delaunay | oracle |\n",
	       bc->label);
	for (int r = 0; r < NR; r++) {
		if (!sc[M_NS][r].n)
			continue;
		printf("  | | %s |", rname[r]);
		for (int m = 0; m < NM; m++) {
			struct score *x = &sc[m][r];
			char a[16] = "—", b[16] = "—";

			if (x->cells)
				snprintf(a, sizeof(a), "%.2f", sqrt(x->se / x->cells));
			if (x->tfail)
				snprintf(b, sizeof(b), "%.2f", x->fpass / x->tfail);
			printf(" %s / %s", a, b);
			if (m == M_NS)
				printf(" / %.0f %%", 100 * x->cells / x->n);
			printf(" |");
		}
		printf("\n");
	}
}

/* The wall losses as drawn and as learned, 5 GHz. */
static void print_walls(const struct hm_est *est)
{
	size_t n;
	const struct hm_wall_fit *wf = hm_est_wall_fits(est, &n);

	printf("  walls at 5 GHz, drawn → learned dB (paths):");
	for (size_t k = 0; k < n; k++)
		printf(" %s %.0f → %.1f%s (%d)%s", wf[k].material, wf[k].drawn_db[FP_BAND_5G],
		       wf[k].fitted_db[FP_BAND_5G], wf[k].learned ? "" : "?", wf[k].npaths,
		       k + 1 < n ? ";" : "\n");
}

/*
 * The fitted physical APs against the world's: radios grouped as in the world
 * (an AP all of whose radios are one true AP's, and all that AP's heard radios),
 * place error, and whether the true place lies in the 95 % ellipse (2.45 σ).
 */
static void print_aps(const struct bcase *bc, const struct hm_est *est)
{
	size_t n, right = 0, inside = 0, placed = 0;
	const struct hm_ap_fit *aps = hm_est_aps(est, &n);
	double err[256];

	for (size_t k = 0; k < n && k < 256; k++) {
		const struct hm_ap_fit *a = &aps[k];
		size_t t0 = SIZE_MAX, t, heard = 0;
		double tx = 0, ty = 0, x, y;
		bool one = true;

		for (int q = 0; q < a->nradios; q++) {
			if (!bc->true_ap(bc->ctx, a->radios[q], &t, &x, &y))
				one = false;
			else if (t0 == SIZE_MAX)
				t0 = t, tx = x, ty = y;
			else
				one &= t == t0;
		}
		for (size_t r = 0; r < bc->set.nradios && t0 != SIZE_MAX; r++)
			heard += bc->true_ap(bc->ctx, r, &t, &x, &y) && t == t0;
		right += one && heard == (size_t)a->nradios;
		if (t0 == SIZE_MAX)
			continue;
		/* In the ellipse's frame: (d·u/major)² + (d·v/minor)² ≤ 2.45². */
		double dx = tx - a->x, dy = ty - a->y, c = cos(a->ell_angle_rad), sn = sin(a->ell_angle_rad);
		double u = (dx * c + dy * sn) / fmax(a->ell_major_m, 1e-3);
		double v = (-dx * sn + dy * c) / fmax(a->ell_minor_m, 1e-3);

		err[placed++] = hypot(dx, dy);
		inside += u * u + v * v <= 2.45 * 2.45;
		if (getenv("HM_BENCH_DEBUG"))
			printf("    AP %-22s %-10s %d radios at (%5.1f, %5.1f) ±%.1f×%.1f m; true (%5.1f, %5.1f), "
			       "off %.1f m\n",
			       a->name, hm_ap_evidence_name(a->evidence), a->nradios, a->x, a->y, a->ell_major_m,
			       a->ell_minor_m, tx, ty, hypot(dx, dy));
	}
	for (size_t i = 1; i < placed; i++)
		for (size_t j = i; j > 0 && err[j - 1] > err[j]; j--) {
			double tmp = err[j];

			err[j] = err[j - 1];
			err[j - 1] = tmp;
		}
	printf("  physical APs: %zu fitted, %zu grouped as in the world; place error median %.1f m, "
	       "worst %.1f m; true place inside the 95 %% ellipse: %zu of %zu\n",
	       n, right, placed ? err[placed / 2] : NAN, placed ? err[placed - 1] : NAN, inside, placed);
}

/* Value → grey-blue-yellow ramp for the debugging images. */
static void ramp(double v, double lo, double hi, double rgb[3])
{
	double t = fmin(fmax((v - lo) / (hi - lo), 0), 1);

	rgb[0] = t < 0.5 ? 0.2 : (t - 0.5) * 2;
	rgb[1] = t;
	rgb[2] = t < 0.5 ? 0.3 + t : 1.3 - t;
}

/* Three panels (truth, notspot, notspot − truth) with walls and readings, for a human. */
static void dump_png(const struct bcase *bc, const struct hm_grid *g, const float *truth,
		     const float *est, const uint8_t *sup, int idx)
{
	int px = 4, W = g->nx * px, H = g->ny * px;
	cairo_surface_t *cs = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, 3 * H + 8);
	cairo_t *cr = cairo_create(cs);
	char path[512];

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	for (int panel = 0; panel < 3; panel++)
		for (int j = 0; j < g->ny; j++)
			for (int i = 0; i < g->nx; i++) {
				size_t c = (size_t)j * g->nx + i;
				double rgb[3];

				if (panel == 2)
					ramp(est[c] - truth[c], -12, 12, rgb);
				else
					ramp(panel ? est[c] : truth[c], -95, -35, rgb);
				if (panel == 1 && !sup[c])
					for (int k = 0; k < 3; k++)
						rgb[k] = 0.6 * rgb[k] + 0.4 * 0.8;
				cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
				cairo_rectangle(cr, i * px, panel * (H + 4) + j * px, px, px);
				cairo_fill(cr);
			}
	for (int panel = 0; panel < 3; panel++) {
		double oy = panel * (H + 4);

		cairo_set_line_width(cr, 1);
		for (size_t w = 0; w < bc->fp->nwalls; w++) {
			const struct fp_wall *wl = &bc->fp->walls[w];

			cairo_set_source_rgb(cr, wl->loss_db[1] >= 40 ? 1 : 0, 0, 0);
			for (size_t q = 0; q < wl->npts; q++)
				cairo_line_to(cr, (wl->pts[q].x - g->x0) / g->cell_m * px,
					      oy + (wl->pts[q].y - g->y0) / g->cell_m * px);
			cairo_stroke(cr);
		}
		cairo_set_source_rgb(cr, 1, 1, 1);
		for (size_t o = 0; o < bc->fp->nopenings; o++) {
			const struct fp_opening *op = &bc->fp->openings[o];

			cairo_move_to(cr, (op->a.x - g->x0) / g->cell_m * px, oy + (op->a.y - g->y0) / g->cell_m * px);
			cairo_line_to(cr, (op->b.x - g->x0) / g->cell_m * px, oy + (op->b.y - g->y0) / g->cell_m * px);
			cairo_stroke(cr);
		}
		cairo_set_source_rgb(cr, 1, 0, 1);
		for (size_t k = 0; k < bc->set.where.n; k++) {
			cairo_arc(cr, (bc->set.where.p[k].x - g->x0) / g->cell_m * px,
				  oy + (bc->set.where.p[k].y - g->y0) / g->cell_m * px, 1.2, 0, 2 * M_PI);
			cairo_fill(cr);
		}
	}
	snprintf(path, sizeof(path), "%s/case%d.png", getenv("HM_BENCH_DUMP"), idx);
	cairo_surface_write_to_png(cs, path);
	cairo_destroy(cr);
	cairo_surface_destroy(cs);
}

static int run_case(struct bcase *bc)
{
	struct ns_err err = { 0 };
	struct hm_est *est = NULL;
	struct hm_grid g;
	struct hm_est_opts eo;
	struct score sc[NM][NR];
	int rc = 1;

	if (hm_set_finish(&bc->set, &err) || hm_grid_init(&g, bc->mn, bc->mx, CELL_M, &err))
		goto out_err;
	hm_est_opts_default(&eo);
	if (getenv("HM_BENCH_NOLEARN"))
		eo.learn_walls = false;
	if (getenv("HM_BENCH_NOGROUP"))
		eo.group_aps = false;
	if (getenv("HM_BENCH_RANGE"))
		eo.resid_range_m = atof(getenv("HM_BENCH_RANGE"));
	if (getenv("HM_BENCH_SILL"))
		eo.resid_sill_db = atof(getenv("HM_BENCH_SILL"));
	if (getenv("HM_BENCH_CAP"))
		sscanf(getenv("HM_BENCH_CAP"), "%lf,%lf", &eo.cap_db, &eo.cap_db_per_m);
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (hm_est_new(&bc->set, bc->fp, &g, &eo, &est, &err))
		goto out_err;
	size_t nc = hm_grid_ncells(&g), nr = bc->set.nradios;
	float *truth = malloc(nc * sizeof(float)), *prim[NM];
	float **fields = calloc(nr + 1, sizeof(float *));
	uint8_t *region = malloc(nc);
	const uint8_t *sup;

	for (int m = 0; m < NM; m++)
		prim[m] = malloc(nc * sizeof(float));
	for (size_t r = 0; r < nr; r++)
		fields[r] = malloc(nc * sizeof(float));
	struct hm_model *fits = calloc(nr + 1, sizeof(*fits));

	if (hm_est_radios(est, NULL, HM_METHOD_MODEL, fields, fits, &err))
		goto out_err;
	for (size_t r = 0; r < nr && getenv("HM_BENCH_DEBUG"); r++)
		printf("  radio %zu %02x:%02x:%02x %d MHz: fit (%.1f, %.1f) p1 %.1f n %.2f rms %.2f bins %d; "
		       "oracle at the fit %.1f\n",
		       r, bc->set.radios[r].mac[3], bc->set.radios[r].mac[4], bc->set.radios[r].mac[5],
		       bc->set.radios[r].freq_mhz, fits[r].x, fits[r].y, fits[r].p1_dbm, fits[r].n,
		       fits[r].rms_db, fits[r].nbins, bc->oracle(bc->ctx, r, fits[r].x, fits[r].y));
	free(fits);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	primary5(&bc->set, &g, fields, prim[M_NS]);
	memcpy(prim[M_NSP], prim[M_NS], nc * sizeof(float));
	for (int m = M_IDW; m <= M_DEL; m++) {
		if (hm_est_radios(est, NULL, (enum hm_method)(HM_METHOD_IDW + m - M_IDW), fields, NULL, &err))
			goto out_err;
		primary5(&bc->set, &g, fields, prim[m]);
	}
	for (size_t r = 0; r < nr; r++) {
		struct oracle_ctx oc = { bc, r };

		if (isnan(bc->oracle(bc->ctx, r, 0, 0)))
			hm_est_radio(est, r, HM_METHOD_MODEL, NULL, fields[r], NULL);
		else
			hm_est_radio_mean(est, r, oracle_cb, &oc, fields[r]);
	}
	primary5(&bc->set, &g, fields, prim[M_ORACLE]);
	for (int j = 0; j < g.ny; j++)
		for (int i = 0; i < g.nx; i++) {
			struct fp_point p = hm_grid_center(&g, i, j);

			truth[(size_t)j * g.nx + i] = (float)bc->truth(bc->ctx, p.x, p.y);
		}
	regions(bc, &g, region);
	sup = hm_est_support(est);
	memset(sc, 0, sizeof(sc));
	for (size_t c = 0; c < nc; c++)
		for (int m = 0; m < NM && region[c] != 255; m++)
			score_cell(&sc[m][region[c]], prim[m][c], truth[c], m != M_NS || sup[c]);
	printf("\n%s\n  %zu placed scans, %zu bins, %zu radios, grid %d × %d at %.2f m; notspot %.2f s\n",
	       bc->label, bc->set.nsamples, hm_est_nbins(est), nr, g.nx, g.ny, CELL_M,
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (getenv("HM_BENCH_ROOMS")) { /* per room: near-walk cells, bias, RMSE of notspot */
		for (size_t rm = 0; rm < bc->nrooms; rm++) {
			double n = 0, sum = 0, se = 0;

			for (size_t c = 0; c < nc; c++)
				if (bc->room[c] == (int)rm && region[c] == R_NEAR) {
					double d = prim[M_NS][c] - truth[c];

					n++, sum += d, se += d * d;
				}
			if (n)
				printf("    room %zu: %4.0f cells bias %+5.1f rmse %4.1f\n", rm, n, sum / n, sqrt(se / n));
		}
	}
	print_walls(est);
	print_aps(bc, est);
	print_scores(bc, sc);
	if (getenv("HM_BENCH_DUMP")) {
		static int idx;

		dump_png(bc, &g, truth, prim[M_NS], sup, idx++);
	}
	rc = 0;
	for (int m = 0; m < NM; m++)
		free(prim[m]);
	for (size_t r = 0; r < nr; r++)
		free(fields[r]);
	free(fields);
	free(truth);
	free(region);
	goto out;
out_err:
	fprintf(stderr, "bench_heatmap_accuracy: %s: %s\n", bc->label, err.msg);
out:
	hm_est_free(est);
	return rc;
}

/* ---- rooms of a drawn floor, for the simulator's cases -------------------------- */

/* Whether the step between cell centres @a and @b crosses a drawn wall (doors closed); its loss. */
static double step_wall(const struct floorplan *fp, struct fp_point a, struct fp_point b)
{
	double worst = -1;

	for (size_t w = 0; w < fp->nwalls; w++)
		for (size_t s = 0; s + 1 < fp->walls[w].npts; s++) {
			struct fp_point p = fp->walls[w].pts[s], q = fp->walls[w].pts[s + 1];
			double t, u;

			if (fp_segment_intersect(a, b, p, q, &t, &u) && t >= 0 && t <= 1 && u >= -0.02 &&
			    u <= 1.02)
				worst = fmax(worst, fp->walls[w].loss_db[FP_BAND_5G]);
		}
	return worst;
}

/* Rooms flood-filled between walls; a room is lead-lined when most of its edge is lead. */
static int flood_rooms(struct bcase *bc, const struct hm_grid *g)
{
	size_t nc = hm_grid_ncells(g), *stack = malloc(nc * sizeof(size_t));
	double *edge = NULL, *lead = NULL;

	bc->room = malloc(nc * sizeof(int));
	if (!stack || !bc->room)
		return -ENOMEM;
	for (size_t c = 0; c < nc; c++)
		bc->room[c] = -1;
	bc->nrooms = 0;
	for (size_t s0 = 0; s0 < nc; s0++) {
		size_t sp = 0;
		int id = (int)bc->nrooms;

		if (bc->room[s0] >= 0)
			continue;
		void *ne = realloc(edge, (bc->nrooms + 1) * sizeof(double));

		if (!ne)
			return -ENOMEM;
		edge = ne;
		ne = realloc(lead, (bc->nrooms + 1) * sizeof(double));
		if (!ne)
			return -ENOMEM;
		lead = ne;
		edge[id] = lead[id] = 0;
		bc->nrooms++;
		bc->room[s0] = id;
		stack[sp++] = s0;
		while (sp) {
			size_t c = stack[--sp];
			int i = (int)(c % g->nx), j = (int)(c / g->nx);
			static const int di[4] = { 1, -1, 0, 0 }, dj[4] = { 0, 0, 1, -1 };

			for (int k = 0; k < 4; k++) {
				int ni = i + di[k], nj = j + dj[k];
				size_t q = (size_t)nj * g->nx + ni;
				double l;

				if (ni < 0 || nj < 0 || ni >= g->nx || nj >= g->ny)
					continue;
				l = step_wall(bc->fp, hm_grid_center(g, i, j), hm_grid_center(g, ni, nj));
				if (l >= 0) {
					edge[id]++;
					lead[id] += l >= 40;
					continue;
				}
				if (bc->room[q] >= 0)
					continue;
				bc->room[q] = id;
				stack[sp++] = q;
			}
		}
	}
	bc->lead = calloc(bc->nrooms + 1, sizeof(bool));
	bc->walked = calloc(bc->nrooms + 1, sizeof(bool));
	if (!bc->lead || !bc->walked)
		return -ENOMEM;
	for (size_t r = 0; r < bc->nrooms; r++)
		bc->lead[r] = edge[r] > 0 && lead[r] >= 0.5 * edge[r];
	for (size_t k = 0; k < bc->set.where.n; k++) {
		int i, j;

		if (hm_grid_cell_of(g, (struct fp_point){ bc->set.where.p[k].x, bc->set.where.p[k].y }, &i, &j) &&
		    bc->room[(size_t)j * g->nx + i] >= 0)
			bc->walked[bc->room[(size_t)j * g->nx + i]] = true;
	}
	free(stack);
	free(edge);
	free(lead);
	return 0;
}

/* ---- the simulator's cases -------------------------------------------------------- */

struct sim_case {
	struct sim_world *w;
	struct sim_config cfg;
	const struct floorplan *fp;
	size_t *bss_of_radio;      /* per radio of the set, the world's BSS, SIZE_MAX */
};

static double sim_truth(void *p, double x, double y)
{
	struct sim_case *s = p;
	double best = -200;

	for (size_t b = 0; b < sim_world_nbss(s->w); b++)
		if (fp_band_of_freq(sim_world_bss(s->w, b)->freq_mhz) == FP_BAND_5G)
			best = fmax(best, sim_true_signal_dbm(s->w, b, (struct fp_point){ x, y }));
	return best;
}

/* The simulator's model without its shadowing: the same rule as sim/world.c. */
static double sim_oracle(void *p, size_t r, double x, double y)
{
	struct sim_case *s = p;

	if (s->bss_of_radio[r] == SIZE_MAX)
		return NAN;
	const struct sim_bss *b = sim_world_bss(s->w, s->bss_of_radio[r]);
	const struct sim_ap *ap = sim_world_ap(s->w, b->ap);
	enum fp_band band = fp_band_of_freq(b->freq_mhz);
	double dx = x - ap->pos.x, dy = y - ap->pos.y, dz = ap->height_m - s->cfg.rx_height_m;
	double d = fmax(1, sqrt(dx * dx + dy * dy + dz * dz));

	return ap->radios[b->radio].tx_power_dbm - s->cfg.pl1m_db[band] -
	       10 * s->cfg.exponent * log10(d) -
	       fp_path_wall_loss(s->fp, ap->pos, (struct fp_point){ x, y }, band, NULL);
}

static bool sim_true_ap(void *p, size_t r, size_t *ap, double *x, double *y)
{
	struct sim_case *s = p;

	if (s->bss_of_radio[r] == SIZE_MAX)
		return false;
	*ap = sim_world_bss(s->w, s->bss_of_radio[r])->ap;
	*x = sim_world_ap(s->w, *ap)->pos.x;
	*y = sim_world_ap(s->w, *ap)->pos.y;
	return true;
}

struct walk_def {
	const struct sim_stop *stops;
	size_t n;
	enum sim_walk_mode mode;
};

static int sim_case_run(const char *label, struct floorplan *fp_in, struct sim_ap *aps, size_t naps,
			uint64_t seed, const struct walk_def *walks, size_t nwalks)
{
	char dir[] = "/tmp/nsbenchXXXXXX", path[256];
	struct survey *s = NULL;
	struct sim_case sc = { 0 };
	struct floorplan *fp = NULL;
	struct bcase bc = { 0 };
	struct ns_err err = { 0 };
	int64_t fid;
	int rc = 1;

	snprintf(bc.label, sizeof(bc.label), "%s", label);
	if (getenv("HM_BENCH_ONLY") && !strstr(label, getenv("HM_BENCH_ONLY")))
		return 0;
	hm_set_init(&bc.set);
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/bench.notspot", dir);
	sim_config_default(&sc.cfg);
	sc.cfg.seed = seed;
	if (survey_create(path, NULL, &s, &err) || (fid = survey_add_floor(s, fp_in, &err)) < 0 ||
	    sim_world_new(fp_in, aps, naps, &sc.cfg, &sc.w, &err))
		goto out;
	for (size_t i = 0; i < nwalks; i++) {
		struct sim_walk_opts wo;

		sim_walk_opts_default(&wo);
		wo.mode = walks[i].mode;
		wo.seed = seed + i + 1;
		wo.start_us = 1795000000000000 + (int64_t)i * 3600000000;
		if (sim_walk(sc.w, s, fid, walks[i].stops, walks[i].n, &wo, &err) < 0)
			goto out;
	}
	if (hm_load_floor(s, fp_in->name, &fp, &bc.set, &err))
		goto out;
	sc.fp = fp;
	bc.fp = fp;
	bc.mn = (struct fp_point){ 1e9, 1e9 };
	bc.mx = (struct fp_point){ -1e9, -1e9 };
	for (size_t k = 0; k < fp->nwards; k++)
		for (size_t q = 0; q < fp->wards[k].npts; q++) {
			bc.mn.x = fmin(bc.mn.x, fp->wards[k].pts[q].x);
			bc.mn.y = fmin(bc.mn.y, fp->wards[k].pts[q].y);
			bc.mx.x = fmax(bc.mx.x, fp->wards[k].pts[q].x);
			bc.mx.y = fmax(bc.mx.y, fp->wards[k].pts[q].y);
		}
	if (hm_set_finish(&bc.set, &err))
		goto out;
	sc.bss_of_radio = malloc((bc.set.nradios + 1) * sizeof(size_t));
	for (size_t r = 0; r < bc.set.nradios; r++) {
		sc.bss_of_radio[r] = SIZE_MAX;
		for (size_t b = 0; b < sim_world_nbss(sc.w); b++) {
			const struct sim_bss *sb = sim_world_bss(sc.w, b);
			uint8_t mm[6];

			memcpy(mm, sb->bssid, 6);
			mm[5] &= 0xf0;
			if (memcmp(mm, bc.set.radios[r].mac, 6) == 0 && sb->freq_mhz == bc.set.radios[r].freq_mhz)
				sc.bss_of_radio[r] = b;
		}
	}
	bc.truth = sim_truth;
	bc.oracle = sim_oracle;
	bc.true_ap = sim_true_ap;
	bc.ctx = &sc;
	struct hm_grid g;
	int16_t *ward_of = NULL;

	if (hm_grid_init(&g, bc.mn, bc.mx, CELL_M, &err) || flood_rooms(&bc, &g) ||
	    hm_wards_raster(fp, &g, &ward_of))
		goto out;
	for (size_t c = 0; c < hm_grid_ncells(&g); c++)
		if (ward_of[c] < 0)
			bc.room[c] = -1;
	free(ward_of);
	rc = run_case(&bc);
out:
	if (rc && err.msg[0])
		fprintf(stderr, "bench_heatmap_accuracy: %s: %s\n", label, err.msg);
	free(bc.room);
	free(bc.lead);
	free(bc.walked);
	free(sc.bss_of_radio);
	hm_set_release(&bc.set);
	floorplan_free(fp);
	sim_world_free(sc.w);
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

static int sim_cases(void)
{
	static const char *const routes[] = { "sim/examples/route-ward21-continuous.json",
					      "sim/examples/route-ward22-imaging-stopgo.json" };
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
	rc |= sim_case_run("sim: example floor, example APs (seed 2026)", fp, aps, naps, 2026, walks, 2);
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
	rc |= sim_case_run("sim: example floor, APs moved up to 4 m, powers −0…6 dB (seed 99)", fp,
			   aps, naps, 99, walks, 2);
	sim_route_release(&r[0]);
	sim_route_release(&r[1]);
	floorplan_free(fp);
	free(aps);

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
	rc |= sim_case_run("sim: generated floor 60 × 30 m, 8 low-power APs (seed 7)", fp, gaps, na, 7,
			   walks, 1);
	floorplan_free(fp);
	return rc;
}

/* ---- the independent floors ---------------------------------------------------- */

struct tg_case {
	struct tg_world *w;
	size_t *ap_of_radio;       /* per radio of the set: the world's AP, SIZE_MAX */
	int *r_of_radio;
};

static double tg_truth(void *p, double x, double y)
{
	struct tg_case *t = p;
	double best = -200;

	for (size_t a = 0; a < t->w->naps; a++)
		for (int r = 0; r < t->w->aps[a].nradios; r++)
			if (t->w->aps[a].radio[r].band == FP_BAND_5G)
				best = fmax(best, tg_true_dbm(t->w, a, r, x, y));
	return best;
}

static double tg_oracle(void *p, size_t r, double x, double y)
{
	struct tg_case *t = p;

	if (t->ap_of_radio[r] == SIZE_MAX)
		return NAN;
	return tg_mean_dbm(t->w, t->ap_of_radio[r], t->r_of_radio[r], x, y);
}

static bool tg_true_ap(void *p, size_t r, size_t *ap, double *x, double *y)
{
	struct tg_case *t = p;

	if (t->ap_of_radio[r] == SIZE_MAX)
		return false;
	*ap = t->ap_of_radio[r];
	*x = t->w->aps[*ap].x;
	*y = t->w->aps[*ap].y;
	return true;
}

static int tg_case_run(const struct tg_opts *o)
{
	struct tg_case t = { 0 };
	struct bcase bc = { 0 };
	struct hm_grid g;
	struct ns_err err = { 0 };
	static const char *const schemes[] = { "named APs", "MAC family", "consecutive MACs",
					       "unrelated MACs" };
	int rc = 1, nscans;

	if (getenv("HM_BENCH_ONLY") && !strstr(o->name, getenv("HM_BENCH_ONLY")))
		return 0;
	hm_set_init(&bc.set);
	if (!(t.w = tg_world_new(o)) || (nscans = tg_walk(t.w, &bc.set)) < 0 ||
	    hm_set_finish(&bc.set, &err))
		goto out;
	size_t nlead = 0, nwalked = 0;

	for (size_t i = 0; i < t.w->nrooms; i++) {
		nlead += t.w->rooms[i].kind == TG_IMAGING;
		nwalked += t.w->rooms[i].walked;
	}
	snprintf(bc.label, sizeof(bc.label),
		 "%s: %.0f × %.0f m, %zu rooms (%zu walked, %zu lead-lined), %zu APs, %s, adapter %+.1f dB",
		 o->name, t.w->w, t.w->h, t.w->nrooms, nwalked, nlead, t.w->naps, schemes[o->scheme],
		 o->adapter_db);
	bc.fp = t.w->fp;
	bc.mn = (struct fp_point){ 0, 0 };
	bc.mx = (struct fp_point){ t.w->w, t.w->h };
	t.ap_of_radio = malloc((bc.set.nradios + 1) * sizeof(size_t));
	t.r_of_radio = malloc((bc.set.nradios + 1) * sizeof(int));
	for (size_t r = 0; r < bc.set.nradios; r++)
		if (!tg_radio_of(t.w, bc.set.radios[r].mac, bc.set.radios[r].freq_mhz, &t.ap_of_radio[r],
				 &t.r_of_radio[r]))
			t.ap_of_radio[r] = SIZE_MAX;
	bc.truth = tg_truth;
	bc.oracle = tg_oracle;
	bc.true_ap = tg_true_ap;
	bc.ctx = &t;
	printf("\n%s: true wall losses / table, per material:", o->name);
	for (size_t m = 0; m < fp_nmaterials; m++)
		printf(" %s ×%.2f", fp_materials[m].key, t.w->mat_factor[m]);
	printf(" (each wall ×0.89…1.13 more; fire doors held open in about half: 1 dB)");
	if (hm_grid_init(&g, bc.mn, bc.mx, CELL_M, &err))
		goto out;
	bc.nrooms = t.w->nrooms;
	bc.room = malloc(hm_grid_ncells(&g) * sizeof(int));
	bc.lead = calloc(bc.nrooms + 1, sizeof(bool));
	bc.walked = calloc(bc.nrooms + 1, sizeof(bool));
	for (int j = 0; j < g.ny; j++)
		for (int i = 0; i < g.nx; i++) {
			struct fp_point p = hm_grid_center(&g, i, j);

			bc.room[(size_t)j * g.nx + i] = tg_room_at(t.w, p.x, p.y);
		}
	for (size_t i = 0; i < bc.nrooms; i++) {
		bc.lead[i] = t.w->rooms[i].kind == TG_IMAGING;
		bc.walked[i] = t.w->rooms[i].walked;
	}
	rc = run_case(&bc);
out:
	if (rc && err.msg[0])
		fprintf(stderr, "bench_heatmap_accuracy: %s: %s\n", o->name, err.msg);
	free(bc.room);
	free(bc.lead);
	free(bc.walked);
	free(t.ap_of_radio);
	free(t.r_of_radio);
	hm_set_release(&bc.set);
	tg_world_free(t.w);
	return rc;
}

int main(void)
{
	static const struct tg_opts cases[] = {
		{ "T1 two corridor wards and a core", 11, 64, 2, true, 2, 0.35, 1.5, TG_MAC_NAMED, -2.0, 0.2 },
		{ "T2 one corridor, imaging suite", 23, 56, 1, false, 3, 0.4, 1.5, TG_MAC_FAMILY, 1.5, 0.3 },
		{ "T3 two corridors, sparse walk", 37, 72, 2, true, 2, 0.2, 2.0, TG_MAC_CONSECUTIVE, -3.0, 0.4 },
		{ "T4 two wards back to back", 41, 60, 2, false, 2, 0.3, 1.5, TG_MAC_UNRELATED, 0.0, 0.3 },
	};
	int rc = 0;

	printf("bench_heatmap_accuracy: primary 5 GHz signal vs the truth; threshold %.0f dBm; "
	       "RMSE dB over the cells coloured; false pass / false fail as shares\n",
	       THRESH_DBM);
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		rc |= tg_case_run(&cases[k]);
	rc |= sim_cases();
	return rc;
}
