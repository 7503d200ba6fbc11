/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * estimate_group.c — physical APs (estimate_priv.h): which radios share a
 * place, and the fit pipeline.
 *
 * The radios of one AP (2.4, 5 and 6 GHz, every SSID) hang at one place.
 * Fitting them apart spends the data twice and lets each wander; fitting
 * them together puts a 2.4 GHz radio heard through a wall and a 5 GHz radio
 * heard in sight at one place. Evidence, strongest first:
 *  - one AP name in the beacons: one AP, no test;
 *  - BSSIDs of one MAC family (the first five bytes equal: vendors derive a
 *    radio's MAC from the AP's base) or fitted places within 4 m, on
 *    different bands, both unnamed: one AP when one place explains both about
 *    as well as two (the increase of the sum of squares, in units of the
 *    residual variance and deflated for correlated neighbours, below the 99 %
 *    point of χ² with 2 degrees of freedom, 9.21, for one MAC family; below
 *    the 90 % point, 4.61, for unrelated MACs); families merge first, then the
 *    cheapest; a radio joins at most one AP.
 * Pipeline (fit_pipeline()): place per AP with the drawn walls (coarse);
 * learn the walls (estimate_walls.c); place again with them, with the
 * uncertainty ellipse; group; learn again; every radio's P1 and n at its AP's
 * place (and the ellipse of an AP made by grouping).
 */
#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/estimate_priv.h"

#define MERGE_NEAR_M 4.0      /* fitted places this close make a pair a candidate */
#define MERGE_FAMILY_M 12.0   /* one MAC family: a candidate up to this far apart */
#define MERGE_CHI2 9.21       /* χ²(2) at 99 %: one MAC family */
#define MERGE_CHI2_PLACE 4.61 /* χ²(2) at 90 %: unrelated MACs need a closer fit */
#define MERGE_DEFLATE 3.0     /* neighbouring bins' residuals are correlated */

static const char *const ev_names[] = { "name", "mac", "co-located", "alone" };

const char *hm_ap_evidence_name(enum hm_ap_evidence ev)
{
	return (unsigned)ev <= HM_AP_ALONE ? ev_names[ev] : "?";
}

struct gstate {
	struct hme_group *g;
	size_t ng;
	double (*ell)[3];         /* per group */
	enum hm_ap_evidence *ev;  /* per group */
	bool *merged;             /* per group: made by merging (its ellipse is not known yet) */
};

/* ---- fitting groups on threads ---------------------------------------------- */

struct job {
	struct hm_est *e;
	const struct hm_walls *w;
	struct gstate *gs;
	bool ellipse;
	atomic_size_t next;
	atomic_int rc;
};

static void *worker(void *arg)
{
	struct job *j = arg;
	size_t k;

	while ((k = atomic_fetch_add(&j->next, 1)) < j->gs->ng) {
		int rc = hme_fit_place(j->e, j->w, &j->gs->g[k], j->ellipse ? j->gs->ell[k] : NULL);

		if (rc)
			atomic_store(&j->rc, rc);
	}
	return NULL;
}

static int fit_groups(struct hm_est *e, const struct hm_walls *w, struct gstate *gs, bool ellipse)
{
	struct job j = { .e = e, .w = w, .gs = gs, .ellipse = ellipse };

	atomic_init(&j.next, 0);
	atomic_init(&j.rc, 0);
	hme_run_workers(worker, &j, e->o.threads);
	return atomic_load(&j.rc);
}

/* ---- grouping ------------------------------------------------------------------ */

/* Radios by AP name (when grouping), else one each. */
static int initial_groups(struct hm_est *e, struct gstate *gs)
{
	const struct hm_set *set = e->set;

	gs->g = calloc(set->nradios + 1, sizeof(*gs->g));
	gs->ell = calloc(set->nradios + 1, sizeof(*gs->ell));
	gs->ev = calloc(set->nradios + 1, sizeof(*gs->ev));
	gs->merged = calloc(set->nradios + 1, sizeof(*gs->merged));
	if (!gs->g || !gs->ell || !gs->ev || !gs->merged)
		return -ENOMEM;
	for (size_t r = 0; r < set->nradios; r++) {
		size_t k = gs->ng;

		if (e->o.group_aps && set->radios[r].name[0])
			for (k = 0; k < gs->ng; k++)
				if (gs->ev[k] == HM_AP_BY_NAME &&
				    strcmp(set->radios[gs->g[k].radios[0]].name, set->radios[r].name) == 0 &&
				    gs->g[k].nr < HM_AP_MAX_RADIOS)
					break;
		if (k == gs->ng) {
			gs->ng++;
			gs->ev[k] = set->radios[r].name[0] && e->o.group_aps ? HM_AP_BY_NAME : HM_AP_ALONE;
		}
		gs->g[k].radios[gs->g[k].nr++] = r;
	}
	return 0;
}

static bool same_family(const struct hm_set *set, const struct hme_group *a,
			const struct hme_group *b)
{
	for (int i = 0; i < a->nr; i++)
		for (int j = 0; j < b->nr; j++)
			if (memcmp(set->radios[a->radios[i]].mac, set->radios[b->radios[j]].mac, 5) == 0)
				return true;
	return false;
}

static bool bands_overlap(const struct hm_set *set, const struct hme_group *a,
			  const struct hme_group *b)
{
	for (int i = 0; i < a->nr; i++)
		for (int j = 0; j < b->nr; j++)
			if (set->radios[a->radios[i]].band == set->radios[b->radios[j]].band)
				return true;
	return false;
}

struct pair {
	size_t a, b;
	bool family;
	double stat;
	struct hme_group joint;
};

/* MAC families first (the stronger evidence), then the cheapest merge. */
static int cmp_pair(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;
	double d = p->stat - q->stat;

	if (p->family != q->family)
		return p->family ? -1 : 1;
	return (d > 0) - (d < 0);
}

/* The test of one candidate pair (the radios' models as they were): 0 or -ENOMEM. */
static int test_pair(struct hm_est *e, const struct gstate *gs, struct pair *p)
{
	const struct hme_group *a = &gs->g[p->a], *b = &gs->g[p->b];
	struct hm_model keep[HM_AP_MAX_RADIOS];
	double sig2;
	int rc;

	p->joint = *a;
	for (int k = 0; k < b->nr; k++)
		p->joint.radios[p->joint.nr++] = b->radios[k];
	for (int k = 0; k < p->joint.nr; k++)
		keep[k] = e->models[p->joint.radios[k]];
	rc = hme_fit_place(e, &e->wfit, &p->joint, NULL);
	for (int k = 0; k < p->joint.nr; k++)
		e->models[p->joint.radios[k]] = keep[k];
	if (rc)
		return rc;
	sig2 = fmax((a->sse + b->sse) / fmax(a->nrows + b->nrows, 1), 1.0);
	p->stat = (p->joint.sse - a->sse - b->sse) / sig2 / MERGE_DEFLATE;
	return 0;
}

/* Unnamed single-band groups that one place explains together become one AP. */
static int merge_groups(struct hm_est *e, struct gstate *gs)
{
	const struct hm_set *set = e->set;
	struct pair *pairs = NULL;
	size_t np = 0, cap = 0;
	bool *used = calloc(gs->ng + 1, sizeof(bool));
	int rc = 0;

	if (!used)
		return -ENOMEM;
	for (size_t a = 0; a < gs->ng && !rc; a++)
		for (size_t b = a + 1; b < gs->ng && !rc; b++) {
			const struct hme_group *ga = &gs->g[a], *gb = &gs->g[b];
			double d = hypot(ga->x - gb->x, ga->y - gb->y);
			bool fam = same_family(set, ga, gb);

			if (gs->ev[a] == HM_AP_BY_NAME || gs->ev[b] == HM_AP_BY_NAME || ga->nrows < 4 ||
			    gb->nrows < 4 || ga->nr + gb->nr > HM_AP_MAX_RADIOS || bands_overlap(set, ga, gb) ||
			    d > (fam ? MERGE_FAMILY_M : MERGE_NEAR_M))
				continue;
			if (np == cap) {
				void *q = realloc(pairs, (cap = cap ? 2 * cap : 32) * sizeof(*pairs));

				if (!q) {
					rc = -ENOMEM;
					break;
				}
				pairs = q;
			}
			pairs[np] = (struct pair){ a, b, fam, 0, { { 0 }, 0, 0, 0, 0, 0 } };
			rc = test_pair(e, gs, &pairs[np++]);
		}
	if (np > 1)
		qsort(pairs, np, sizeof(*pairs), cmp_pair);
	for (size_t k = 0; k < np && !rc; k++) {
		struct pair *p = &pairs[k];

		if (p->stat > (p->family ? MERGE_CHI2 : MERGE_CHI2_PLACE) || used[p->a] || used[p->b])
			continue;
		used[p->a] = used[p->b] = true;
		gs->ev[p->a] = p->family ? HM_AP_BY_MAC : HM_AP_COLOCATED;
		gs->merged[p->a] = true;
		gs->g[p->a] = p->joint;
		if ((rc = hme_fit_place(e, &e->wfit, &gs->g[p->a], NULL)))
			break; /* the models of the joint place */
		gs->g[p->b].nr = 0; /* emptied: dropped below */
	}
	size_t out = 0;

	for (size_t k = 0; k < gs->ng; k++)
		if (gs->g[k].nr) {
			gs->g[out] = gs->g[k];
			gs->ell[out][0] = gs->ell[k][0];
			gs->ell[out][1] = gs->ell[k][1];
			gs->ell[out][2] = gs->ell[k][2];
			gs->merged[out] = gs->merged[k];
			gs->ev[out++] = gs->ev[k];
		}
	gs->ng = out;
	free(pairs);
	free(used);
	return rc;
}

/* ---- the pipeline --------------------------------------------------------------- */

/* Per material of the drawn walls: its mean drawn loss and how many walls. */
static int materials(struct hm_est *e)
{
	const struct hm_walls *w = &e->walls;
	int *seen = calloc(w->nunits + 1, sizeof(int)), *cnt = calloc(w->nmats + 1, sizeof(int));

	e->mfit = calloc(w->nmats + 1, sizeof(*e->mfit));
	e->unit_scale = malloc((w->nunits + 1) * sizeof(float));
	if (!seen || !cnt || !e->mfit || !e->unit_scale) {
		free(seen);
		free(cnt);
		return -ENOMEM;
	}
	for (size_t u = 0; u < w->nunits; u++)
		e->unit_scale[u] = 1;
	for (size_t m = 0; m < w->nmats; m++)
		snprintf(e->mfit[m].material, sizeof(e->mfit[m].material), "%s", w->mats[m]);
	for (size_t k = 0; k < w->n; k++) {
		struct hm_wall_fit *mf = &e->mfit[w->p[k].mat];

		cnt[w->p[k].mat]++;
		for (int b = 0; b < FP_NBANDS; b++)
			mf->drawn_db[b] += w->p[k].drawn_db[b];
		if (!seen[w->p[k].unit]++)
			mf->nwalls++;
	}
	for (size_t m = 0; m < w->nmats; m++)
		for (int b = 0; b < FP_NBANDS; b++) {
			e->mfit[m].drawn_db[b] /= cnt[m] ? cnt[m] : 1;
			e->mfit[m].fitted_db[b] = e->mfit[m].drawn_db[b];
		}
	free(seen);
	free(cnt);
	return 0;
}

/* The APs as published: names, places, ellipses, evidence, and each radio's AP. */
static int publish(struct hm_est *e, const struct gstate *gs)
{
	const struct hm_set *set = e->set;

	e->aps = calloc(gs->ng + 1, sizeof(*e->aps));
	if (!e->aps)
		return -ENOMEM;
	for (size_t k = 0; k < gs->ng; k++) {
		const struct hme_group *g = &gs->g[k];
		struct hm_ap_fit *ap = &e->aps[e->naps];
		const struct hm_radio *r0 = &set->radios[g->radios[0]];
		double sse = 0;

		if (!g->nrows)
			continue;
		if (r0->name[0])
			snprintf(ap->name, sizeof(ap->name), "%s", r0->name);
		else
			snprintf(ap->name, sizeof(ap->name), "%02x:%02x:%02x:%02x:%02x:%x?", r0->mac[0],
				 r0->mac[1], r0->mac[2], r0->mac[3], r0->mac[4], r0->mac[5] >> 4);
		ap->x = g->x;
		ap->y = g->y;
		ap->ell_major_m = gs->ell[k][0];
		ap->ell_minor_m = gs->ell[k][1];
		ap->ell_angle_rad = gs->ell[k][2];
		ap->nradios = g->nr;
		ap->evidence = g->nr == 1 && gs->ev[k] != HM_AP_BY_NAME ? HM_AP_ALONE : gs->ev[k];
		ap->nbins = g->nrows;
		for (int q = 0; q < g->nr; q++) {
			struct hm_model *m = &e->models[g->radios[q]];

			ap->radios[q] = g->radios[q];
			m->ap = (int)e->naps;
			sse += m->rms_db * m->rms_db * m->nbins;
		}
		ap->rms_db = g->nrows ? sqrt(sse / g->nrows) : 0;
		e->naps++;
	}
	return 0;
}

/* The walls learned with the APs where they are now; -EDOM (nothing to learn from) is no error. */
static int learn(struct hm_est *e, struct gstate *gs)
{
	int rc = hme_learn_walls(e, gs->g, gs->ng);

	return rc == -EDOM ? 0 : rc;
}

/*
 * Places with the drawn walls; walls learned; places again with them; radios
 * grouped (with learned walls, so a fire door held open does not make one
 * AP's two radios look like two places); walls learned again; every radio's
 * P1 and n at its AP's place, and each AP's ellipse.
 */
static int fit_pipeline(struct hm_est *e, struct gstate *gs)
{
	int rc;

	e->fit_coarse = e->o.learn_walls; /* a second round follows: the first can be coarse */
	rc = initial_groups(e, gs) || fit_groups(e, &e->wfit, gs, false) ? -ENOMEM : 0;
	e->fit_coarse = 0;
	if (rc)
		return rc;
	if (e->o.learn_walls && ((rc = learn(e, gs)) || (rc = fit_groups(e, &e->wfit, gs, true))))
		return rc;
	if (e->o.group_aps && (rc = merge_groups(e, gs)))
		return rc;
	if (e->o.learn_walls && (rc = learn(e, gs)))
		return rc;
	/* P1 and n at the places with the last walls; ellipses where none is known yet. */
	for (size_t k = 0; k < gs->ng; k++)
		if (gs->g[k].nrows >= 4 &&
		    (rc = hme_fit_at(e, &e->wfit, &gs->g[k],
				     e->o.learn_walls && !gs->merged[k] ? NULL : gs->ell[k])))
			return rc;
	return 0;
}

int hme_fit_all(struct hm_est *e)
{
	const struct hm_set *set = e->set;
	struct gstate gs = { 0 };
	int rc = -ENOMEM;

	e->rb = calloc(set->nradios + 1, sizeof(*e->rb));
	e->models = calloc(set->nradios + 1, sizeof(*e->models));
	if (!e->rb || !e->models || materials(e) ||
	    hm_walls_copy_scaled(&e->wfit, &e->walls, e->unit_scale))
		goto out;
	for (size_t r = 0; r < set->nradios; r++) {
		e->models[r].ap = -1;
		if (hme_gather(e, r, NULL, &e->rb[r]))
			goto out;
	}
	if ((rc = fit_pipeline(e, &gs)) || (rc = publish(e, &gs)))
		goto out;
	rc = 0;
out:
	free(gs.g);
	free(gs.ell);
	free(gs.ev);
	free(gs.merged);
	return rc;
}
