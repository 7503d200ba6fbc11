/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_heatmap_levels.c — APs heard through floors: three-level buildings
 * of the independent truth generator (tests/bench/lib/truthgen.h: its own
 * slab physics, not notspot's COST 231 rule; every level walked hears every
 * level's APs), mapped by notspot with the levels fitted together
 * (heatmap/levels.h) and, as before, each level on its own.
 *
 * Printed per building: the share of radios put on the right level (and of
 * those heard on more than one level), against two plain rules — each level
 * on its own (a radio heard on several levels is placed on each of them)
 * and "the level of its strongest reading"; the place error of the radios
 * put on the right level; per level, the primary 5 GHz signal against the
 * truth (the tabled device's mean, no reading noise) at −67 dBm: RMSE and
 * false pass / false fail over the cells the map colours as surveyed, and
 * over every cell of the level's wards with --predict.
 *
 * Prints figures; asserts nothing. Run from the repository top (make bench).
 * HM_BENCH_ONLY=substring runs only the cases whose label contains it.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "heatmap/levels.h"
#include "heatmap/map.h"
#include "tests/bench/lib/truthgen.h"

#define NLV 3
#define THRESH_DBM -67.0

struct acc {
	double se, sum, n, tfail, fpass, tpass, ffail;
};

static void acc_add(struct acc *a, double est, double truth)
{
	if (!isfinite(est))
		return;
	a->se += (est - truth) * (est - truth);
	a->sum += est - truth;
	a->n++;
	if (truth < THRESH_DBM) {
		a->tfail++;
		a->fpass += est >= THRESH_DBM;
	} else {
		a->tpass++;
		a->ffail += est < THRESH_DBM;
	}
}

/* The truth on level @lv at (@x, @y): the strongest 5 GHz radio of any level. */
static double truth5(const struct tg_building *b, int lv, double x, double y)
{
	double best = -200;

	for (int la = 0; la < b->nlv; la++)
		for (size_t a = 0; a < b->lv[la]->naps; a++)
			for (int r = 0; r < b->lv[la]->aps[a].nradios; r++)
				if (b->lv[la]->aps[a].radio[r].band == FP_BAND_5G)
					best = fmax(best, tg_level_true_dbm(b, la, a, r, lv, x, y));
	return best;
}

/* The map of level @lv (5 GHz, with --predict when @predict), with the levels @l or alone. */
static int level_map(const struct tg_building *b, const struct hm_set *set, int lv,
		     const struct hm_levels *l, bool predict, struct acc *acc, struct acc *nolead)
{
	struct hm_map_opts o;
	struct hm_map m;
	struct ns_err err = { 0 };
	const struct tg_world *w = b->lv[lv];

	hm_map_opts_default(&o);
	o.cell_m = 0.5;
	o.band = FP_BAND_5G;
	o.predict = predict;
	o.levels = l;
	if (hm_map_build(set, w->fp, &o, &m, &err)) {
		fprintf(stderr, "bench_heatmap_levels: level %d: %s\n", lv + 1, err.msg);
		return 1;
	}
	for (int j = 0; j < m.grid.ny; j++)
		for (int i = 0; i < m.grid.nx; i++) {
			size_t c = (size_t)j * m.grid.nx + i;
			struct fp_point p = hm_grid_center(&m.grid, i, j);

			if (p.x < 0 || p.y < 0 || p.x > w->w || p.y > w->h ||
			    m.cover[c] == HM_COVER_OUTSIDE || m.cover[c] == HM_COVER_NOT_SURVEYED)
				continue;
			int room = tg_room_at(w, p.x, p.y);
			double t = truth5(b, lv, p.x, p.y);

			acc_add(acc, m.m[HM_M_PRIMARY][c], t);
			if (room < 0 || w->rooms[room].kind != TG_IMAGING)
				acc_add(nolead, m.m[HM_M_PRIMARY][c], t);
		}
	hm_map_release(&m);
	return 0;
}

static void print_acc(const char *what, const struct acc *with, const struct acc *alone)
{
	printf("    %-34s %6.0f cells  RMSE %5.2f dB (alone %5.2f)  bias %+5.1f (%+5.1f)  false pass %5.1f %% (alone %5.1f %%)"
	       "  false fail %5.1f %% (alone %5.1f %%)\n",
	       what, with->n, sqrt(with->se / fmax(with->n, 1)), sqrt(alone->se / fmax(alone->n, 1)),
	       with->sum / fmax(with->n, 1), alone->sum / fmax(alone->n, 1),
	       100 * with->fpass / fmax(with->tfail, 1), 100 * alone->fpass / fmax(alone->tfail, 1),
	       100 * with->ffail / fmax(with->tpass, 1), 100 * alone->ffail / fmax(alone->tpass, 1));
}

/* Level of the strongest reading of building radio @r over the levels' sets. */
static int strongest_level(const struct hm_levels *l, size_t r)
{
	double best = -INFINITY;
	int lv = -1;

	for (size_t k = 0; k < l->nfloors; k++)
		for (size_t q = 0; q < l->set[k]->nbss; q++) {
			const struct hm_bss *bs = &l->set[k]->bss[q];
			const struct hm_radio *rd = &l->set[k]->radios[bs->radio];

			if (memcmp(rd->mac, l->radios[r].mac, 6) || rd->freq_mhz != l->radios[r].freq_mhz)
				continue;
			for (size_t i = 0; i < bs->sig.n; i++)
				if (bs->sig.p[i].v > best) {
					best = bs->sig.p[i].v;
					lv = (int)k;
				}
		}
	return lv;
}

/* Which radios land on their true level, by notspot and by the plain rules. */
static void print_levels(const struct tg_building *b, const struct hm_levels *l)
{
	int n = 0, right = 0, multi = 0, multi_right = 0, alone = 0, strong = 0;
	int naps = 0, aps_right = 0, aps_split = 0;
	double perr = 0;
	/* Per true AP: 1 + the level its first radio was put on, or -1 once its radios split. */
	int *put[NLV] = { 0 };
	bool *wrong[NLV] = { 0 };

	for (int k = 0; k < b->nlv && k < NLV; k++) {
		put[k] = calloc(b->lv[k]->naps + 1, sizeof(int));
		wrong[k] = calloc(b->lv[k]->naps + 1, sizeof(bool));
		if (!put[k] || !wrong[k])
			goto out;
	}

	for (size_t r = 0; r < l->nradios; r++) {
		const struct hm_level_radio *a = &l->radios[r];
		int tl, tr, nheard = __builtin_popcount(a->heard);
		size_t ta;

		if (!tg_building_radio_of(b, a->mac, a->freq_mhz, &tl, &ta, &tr))
			continue;
		n++;
		right += (int)a->floor == tl;
		if (tl < NLV) {
			if (!put[tl][ta])
				put[tl][ta] = (int)a->floor + 1;
			else if (put[tl][ta] != (int)a->floor + 1)
				put[tl][ta] = -1;
			wrong[tl][ta] |= (int)a->floor != tl;
		}
		alone += nheard == 1 && ((a->heard >> tl) & 1);
		strong += strongest_level(l, r) == tl;
		if (nheard > 1) {
			multi++;
			multi_right += (int)a->floor == tl;
		}
		if (getenv("HM_BENCH_DEBUG"))
			printf("    %s r%d L%d: fit L%zu (%.1f, %.1f) p1 %.1f n %.2f rms %.1f bins %d; true (%.1f, %.1f) "
			       "eirp %.1f\n",
			       b->lv[tl]->aps[ta].name, tr, tl + 1, a->floor + 1, a->x, a->y, a->p1_dbm, a->n,
			       a->rms_db, a->nbins, b->lv[tl]->aps[ta].x, b->lv[tl]->aps[ta].y,
			       b->lv[tl]->aps[ta].radio[tr].eirp_dbm);
		if ((int)a->floor == tl)
			perr += hypot(a->x - b->lv[tl]->aps[ta].x, a->y - b->lv[tl]->aps[ta].y);
		else
			printf("    %s radio %d (true level %d) put on level %zu; mean square per level"
			       " %.1f / %.1f / %.1f dB²\n",
			       b->lv[tl]->aps[ta].name, tr, tl + 1, a->floor + 1, a->mse[0], a->mse[1],
			       a->mse[2]);
	}
	printf("  radios on the right level: notspot %d of %d (%.0f %%); heard on several levels %d of %d"
	       " (%.0f %%)\n",
	       right, n, 100.0 * right / fmax(n, 1), multi_right, multi,
	       100.0 * multi_right / fmax(multi, 1));
	printf("    plain rules: each level alone %d of %d (%.0f %%), level of the strongest reading %d of"
	       " %d (%.0f %%); place error of those on the right level %.1f m mean\n",
	       alone, n, 100.0 * alone / fmax(n, 1), strong, n, 100.0 * strong / fmax(n, 1),
	       perr / fmax(right, 1));
	for (int k = 0; k < b->nlv && k < NLV; k++)
		for (size_t q = 0; q < b->lv[k]->naps; q++) {
			if (!put[k][q])
				continue; /* never heard */
			naps++;
			aps_right += !wrong[k][q];
			aps_split += put[k][q] < 0;
		}
	printf("  physical APs with every radio on the right level: %d of %d (%.0f %%); "
	       "radios split over levels: %d\n",
	       aps_right, naps, 100.0 * aps_right / fmax(naps, 1), aps_split);
out:
	for (int k = 0; k < NLV; k++) {
		free(put[k]);
		free(wrong[k]);
	}
}

/* A case: its building, and the level nobody walked (-1: all walked). */
struct lcase {
	struct tg_opts o;
	int unwalked;
};

static int run(const struct lcase *lc)
{
	const struct tg_opts *o = &lc->o;
	struct tg_building *b;
	struct hm_set sets[NLV];
	const struct hm_set *sp[NLV];
	const struct floorplan *fps[NLV];
	struct hm_levels l;
	struct hm_est_opts eo;
	struct ns_err err = { 0 };
	struct timespec t0, t1;
	int rc = 1, nscans[NLV];

	if (getenv("HM_BENCH_ONLY") && !strstr(o->name, getenv("HM_BENCH_ONLY")))
		return 0;
	if (!(b = tg_building_new(o, NLV)))
		return 1;
	for (int k = 0; k < NLV; k++)
		hm_set_init(&sets[k]);
	for (int k = 0; k < NLV; k++) {
		nscans[k] = k == lc->unwalked ? 0 : tg_walk(b->lv[k], &sets[k]);
		if (nscans[k] < 0 || hm_set_finish(&sets[k], &err))
			goto out;
		sp[k] = &sets[k];
		fps[k] = b->lv[k]->fp;
	}
	printf("\n%s: %d levels %.1f m apart, %.0f m wide; true slab loss at 5 GHz %.1f / %.1f dB "
	       "(table %.0f dB)\n",
	       o->name, NLV, b->storey_m, b->lv[0]->w, b->slab_db[1][FP_BAND_5G],
	       b->slab_db[2][FP_BAND_5G], fp_slab_find("concrete-slab")->loss_db[FP_BAND_5G]);
	hm_est_opts_default(&eo);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (hm_levels_fit(fps, sp, NLV, NULL, &eo, &l, &err))
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("  %zu radios in the building; levels fitted in %.2f s\n", l.nradios,
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	print_levels(b, &l);
	rc = 0;
	for (int k = 0; k < NLV && !rc; k++) {
		struct acc sw = { 0 }, sa = { 0 }, pw = { 0 }, pa = { 0 }, x[4] = { 0 };
		size_t naps = b->lv[k]->naps;

		if (k == lc->unwalked) {
			printf("  Level %d: not walked, %zu APs of its own\n", k + 1, naps);
			continue;
		}
		rc = level_map(b, &sets[k], k, &l, false, &sw, &x[0]) ||
		     level_map(b, &sets[k], k, NULL, false, &sa, &x[1]) ||
		     level_map(b, &sets[k], k, &l, true, &pw, &x[2]) ||
		     level_map(b, &sets[k], k, NULL, true, &pa, &x[3]);
		printf("  Level %d: %d scans, %zu APs of its own, %zu radios heard\n", k + 1, nscans[k],
		       naps, sets[k].nradios);
		print_acc("surveyed cells (as drawn)", &sw, &sa);
		print_acc("every cell of the wards (--predict)", &pw, &pa);
		print_acc("… outside lead-lined rooms", &x[2], &x[3]);
	}
	hm_levels_release(&l);
out:
	if (rc && err.msg[0])
		fprintf(stderr, "bench_heatmap_levels: %s: %s\n", o->name, err.msg);
	for (int k = 0; k < NLV; k++)
		hm_set_release(&sets[k]);
	tg_building_free(b);
	return rc;
}

int main(void)
{
	static const struct lcase cases[] = {
		{ { "L1 three levels of two corridor wards", 101, 64, 2, true, 2, 0.35, 1.5, TG_MAC_NAMED,
		    -2.0, 0.2 }, -1 },
		{ { "L2 three levels of one corridor, unnamed APs", 131, 56, 1, false, 2, 0.4, 1.5,
		    TG_MAC_FAMILY, 1.0, 0.3 }, -1 },
		{ { "L3 three levels, the middle one not walked", 151, 60, 2, false, 2, 0.3, 1.5,
		    TG_MAC_NAMED, 0.0, 0.3 }, 1 },
		{ { "L4 three levels, each walked on its west half only", 171, 64, 2, true, 2, 0.3, 1.5,
		    TG_MAC_FAMILY, -1.0, 0.3, 34 }, -1 },
	};
	int rc = 0;

	printf("bench_heatmap_levels: radios put on their level; primary 5 GHz signal vs the truth per "
	       "level, threshold %.0f dBm, with the levels fitted together and (alone) each on its own\n",
	       THRESH_DBM);
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		rc |= run(&cases[k]);
	return rc;
}
