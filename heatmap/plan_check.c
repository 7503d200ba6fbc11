/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan_check.c — a validation walk against the plan's predicted after-map:
 * where the measurement differs from the prediction by more than k·σ (plan.h).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/plan.h"

static bool judged(uint8_t v)
{
	return v == HM_V_PASS || v == HM_V_FAIL;
}

static bool same_grid(const struct hm_grid *a, const struct hm_grid *b)
{
	return a->nx == b->nx && a->ny == b->ny && fabs(a->x0 - b->x0) < 1e-6 &&
	       fabs(a->y0 - b->y0) < 1e-6 && fabs(a->cell_m - b->cell_m) < 1e-9;
}

/* One cell of ward slot @w: count it in @cw, and say whether it is off by more than @tol. */
static bool check_cell(const struct hm_map *pred, const struct hm_map *meas, size_t i, double tol,
		       struct hm_plan_check_ward *cw, double *sum)
{
	float vp = pred->m[HM_M_PRIMARY][i], vm = meas->m[HM_M_PRIMARY][i];
	double d;

	if (!isfinite(vp) || !isfinite(vm))
		return false;
	d = (double)vm - vp;
	cw->compared++;
	*sum += d;
	cw->over += d < -tol;
	cw->under += d > tol;
	cw->verdict_wrong += pred->verdict[i] != meas->verdict[i];
	return fabs(d) > tol;
}

/* Mark @meas: @wrong cells FAIL, @cmp cells PASS, the rest not surveyed; find its not-spots. */
static int mark(struct hm_map *meas, const uint8_t *cmp, const uint8_t *wrong,
		const struct floorplan *fp, struct ns_err *err)
{
	size_t nc = hm_grid_ncells(&meas->grid);

	for (size_t i = 0; i < nc; i++) {
		if (meas->verdict[i] == HM_V_OUTSIDE)
			continue;
		meas->verdict[i] = wrong[i] ? HM_V_FAIL : cmp[i] ? HM_V_PASS : HM_V_NOT_SURVEYED;
		meas->failed[i] = wrong[i] ? 1u : 0u;
		if (!cmp[i] && meas->cover && meas->cover[i] != HM_COVER_OUTSIDE)
			meas->cover[i] = HM_COVER_NOT_SURVEYED; /* not compared: drawn as such */
	}
	hm_notspots_release(&meas->notspots);
	return hm_notspots_find(&meas->grid, meas->verdict, meas->failed, meas->m[HM_M_PRIMARY],
				true, fp, meas->ward_of, meas->opts.min_notspot_m2,
				&meas->notspots, err);
}

int hm_plan_check(const struct hm_plan *p, const struct hm_map *pred, struct hm_map *meas,
		  const struct floorplan *fp, struct hm_plan_check *out, struct ns_err *err)
{
	size_t nc = hm_grid_ncells(&meas->grid);
	uint8_t *in = NULL, *cmp = NULL, *wrong = NULL;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->tol_db = p->margin_db;
	if (!same_grid(&pred->grid, &meas->grid) || !pred->verdict || !meas->verdict)
		return ns_err_set(err, -EINVAL, "the validation map's grid differs from the plan's "
					       "(another floor outline or cell size)");
	if (!pred->m[HM_M_PRIMARY] || !meas->m[HM_M_PRIMARY])
		return ns_err_set(err, -EINVAL, "no primary signal to compare");
	cmp = calloc(nc + 1, 1);
	wrong = calloc(nc + 1, 1);
	if (!cmp || !wrong) {
		rc = ns_err_set(err, -ENOMEM, "out of memory checking the plan");
		goto out;
	}
	for (int w = 0; w < p->nwards; w++) {
		struct hm_plan_check_ward *cw = &out->wards[out->nwards++];
		double sum = 0;

		cw->ward = p->wards[w].ward;
		if (hm_ward_cells(fp, cw->ward, &meas->grid, &in)) {
			rc = ns_err_set(err, -ENOMEM, "out of memory checking the plan");
			goto out;
		}
		for (size_t i = 0; i < nc; i++) {
			if (!in[i] || !judged(pred->verdict[i]) || !judged(meas->verdict[i]))
				continue;
			long before = cw->compared;
			bool off = check_cell(pred, meas, i, out->tol_db, cw, &sum);

			cmp[i] |= cw->compared > before;
			wrong[i] |= off;
		}
		free(in);
		in = NULL;
		cw->mean_err_db = cw->compared ? sum / (double)cw->compared : NAN;
		out->compared += cw->compared;
		out->wrong += cw->over + cw->under;
	}
	rc = mark(meas, cmp, wrong, fp, err);
out:
	free(in);
	free(cmp);
	free(wrong);
	return rc;
}
