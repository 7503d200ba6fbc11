/* notspots.c — see notspots.h. */
#include "heatmap/notspots.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"

int hm_wards_raster(const struct floorplan *fp, const struct hm_grid *g, int16_t **out)
{
	size_t nc = hm_grid_ncells(g);
	int16_t *w = malloc(nc * sizeof(*w));

	*out = NULL;
	if (!w)
		return -ENOMEM;
	for (size_t c = 0; c < nc; c++)
		w[c] = -1;
	for (size_t k = fp ? fp->nwards : 0; k-- > 0;) {
		const struct fp_ward *wd = &fp->wards[k];
		struct fp_point mn, mx;

		if (k > INT16_MAX)
			continue;
		fp_polygon_bounds(wd->pts, wd->npts, &mn, &mx);
		int i0 = (int)floor((mn.x - g->x0) / g->cell_m), i1 = (int)ceil((mx.x - g->x0) / g->cell_m);
		int j0 = (int)floor((mn.y - g->y0) / g->cell_m), j1 = (int)ceil((mx.y - g->y0) / g->cell_m);

		for (int j = j0 < 0 ? 0 : j0; j < j1 && j < g->ny; j++)
			for (int i = i0 < 0 ? 0 : i0; i < i1 && i < g->nx; i++)
				if (fp_point_in_polygon(wd->pts, wd->npts, hm_grid_center(g, i, j)))
					w[(size_t)j * g->nx + i] = (int16_t)k;
	}
	*out = w;
	return 0;
}

void hm_notspots_release(struct hm_notspots *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		free(ns->v[i].ring);
	free(ns->v);
	free(ns->label);
	memset(ns, 0, sizeof(*ns));
}

/*
 * Trace the outlines of component @lab: directed cell edges with the region on
 * the right (clockwise with y down), chained at vertices. Keeps the ring with
 * the largest area as the outer one.
 */
struct edge {
	int x0, y0, x1, y1;
	int next;  /* another edge leaving the same vertex, -1 */
	bool used;
};

static int trace(const struct hm_grid *g, const int32_t *label, int32_t lab, int ci0, int cj0,
		 int ci1, int cj1, struct hm_notspot *ns)
{
	int nx = g->nx, ny = g->ny;
	int vw = ci1 - ci0 + 2, vh = cj1 - cj0 + 2;
	int *head = malloc((size_t)vw * vh * sizeof(int));
	struct edge *e = NULL;
	size_t ne = 0, cap = 0;
	int rc = -ENOMEM;
	double best_area = -1;
	struct fp_point *ring = NULL;
	size_t nr = 0, rcap = 0;

	if (!head)
		return -ENOMEM;
	for (int k = 0; k < vw * vh; k++)
		head[k] = -1;
#define IN(i, j) ((i) >= 0 && (j) >= 0 && (i) < nx && (j) < ny && label[(size_t)(j) * nx + (i)] == lab)
#define VID(x, y) (((y) - cj0) * vw + ((x) - ci0))
	for (int j = cj0; j <= cj1; j++)
		for (int i = ci0; i <= ci1; i++) {
			if (!IN(i, j))
				continue;
			int cand[4][4] = { { i, j, i + 1, j }, { i + 1, j, i + 1, j + 1 },
					   { i + 1, j + 1, i, j + 1 }, { i, j + 1, i, j } };
			bool out[4] = { !IN(i, j - 1), !IN(i + 1, j), !IN(i, j + 1), !IN(i - 1, j) };

			for (int s = 0; s < 4; s++) {
				if (!out[s])
					continue;
				if (ne == cap) {
					cap = cap ? cap * 2 : 256;
					void *np = realloc(e, cap * sizeof(*e));

					if (!np)
						goto done;
					e = np;
				}
				e[ne] = (struct edge){ cand[s][0], cand[s][1], cand[s][2], cand[s][3],
						       head[VID(cand[s][0], cand[s][1])], false };
				head[VID(cand[s][0], cand[s][1])] = (int)ne;
				ne++;
			}
		}
	for (size_t s = 0; s < ne; s++) {
		if (e[s].used)
			continue;
		size_t n = 0;
		double area = 0;
		int cur = (int)s;
		struct fp_point *pts = NULL;
		size_t pcap = 0;

		while (cur >= 0 && !e[cur].used) {
			e[cur].used = true;
			/* Keep corners only. */
			if (n == pcap) {
				pcap = pcap ? pcap * 2 : 64;
				void *np = realloc(pts, pcap * sizeof(*pts));

				if (!np) {
					free(pts);
					goto done;
				}
				pts = np;
			}
			pts[n++] = (struct fp_point){ e[cur].x0, e[cur].y0 };
			area += (double)e[cur].x0 * e[cur].y1 - (double)e[cur].x1 * e[cur].y0;
			/* Next edge from this edge's end; at a pinch prefer turning right. */
			int best = -1, dx = e[cur].x1 - e[cur].x0, dy = e[cur].y1 - e[cur].y0;

			for (int k = head[VID(e[cur].x1, e[cur].y1)]; k >= 0; k = e[k].next) {
				if (e[k].used)
					continue;
				int ex = e[k].x1 - e[k].x0, ey = e[k].y1 - e[k].y0;

				/* right turn (y down): (dx,dy) → (-dy,dx) */
				if (best < 0 || (ex == -dy && ey == dx))
					best = k;
			}
			cur = best;
		}
		/* Drop collinear points. */
		size_t m = 0;

		for (size_t k = 0; k < n; k++) {
			struct fp_point a = pts[(k + n - 1) % n], b = pts[k], c = pts[(k + 1) % n];

			if ((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) != 0)
				pts[m++] = b;
		}
		area = fabs(area) / 2;
		if (area > best_area) {
			if (best_area >= 0)
				ns->nholes++;
			free(ring);
			ring = pts;
			nr = m;
			rcap = pcap;
			best_area = area;
		} else {
			ns->nholes++;
			free(pts);
		}
	}
	(void)rcap;
	for (size_t k = 0; k < nr; k++)
		ring[k] = (struct fp_point){ g->x0 + ring[k].x * g->cell_m, g->y0 + ring[k].y * g->cell_m };
	ns->ring = ring;
	ns->nring = nr;
	ring = NULL;
	rc = 0;
done:
#undef IN
#undef VID
	free(ring);
	free(head);
	free(e);
	return rc;
}

int hm_notspots_find(const struct hm_grid *g, const uint8_t *verdict, const uint32_t *failed,
		     const float *worst_metric, bool higher_better, const struct floorplan *fp,
		     const int16_t *ward_of, double min_area_m2, struct hm_notspots *out,
		     struct ns_err *err)
{
	size_t nc = hm_grid_ncells(g), cap = 0;
	int32_t *label = malloc(nc * sizeof(*label));
	size_t *stack = malloc(nc * sizeof(*stack));
	int *wardcount = NULL;
	size_t nwards = fp ? fp->nwards : 0;
	double cell2 = g->cell_m * g->cell_m;

	memset(out, 0, sizeof(*out));
	wardcount = calloc(nwards + 1, sizeof(int));
	if (!label || !stack || !wardcount)
		goto oom;
	for (size_t c = 0; c < nc; c++)
		label[c] = -1;
	for (size_t c0 = 0; c0 < nc; c0++) {
		if (verdict[c0] != HM_V_FAIL || label[c0] != -1)
			continue;
		struct hm_notspot ns = { 0 };
		size_t sp = 0;
		int32_t lab = (int32_t)out->n;
		double sx = 0, sy = 0;
		int ci0 = g->nx, cj0 = g->ny, ci1 = -1, cj1 = -1;

		ns.worst = NAN;
		memset(wardcount, 0, (nwards + 1) * sizeof(int));
		label[c0] = lab;
		stack[sp++] = c0;
		while (sp) {
			size_t c = stack[--sp];
			int i = (int)(c % g->nx), j = (int)(c / g->nx);
			struct fp_point p = hm_grid_center(g, i, j);

			ns.ncells++;
			sx += p.x;
			sy += p.y;
			ci0 = i < ci0 ? i : ci0;
			ci1 = i > ci1 ? i : ci1;
			cj0 = j < cj0 ? j : cj0;
			cj1 = j > cj1 ? j : cj1;
			if (failed)
				ns.rules |= failed[c];
			if (worst_metric && isfinite(worst_metric[c]) &&
			    (isnan(ns.worst) || (higher_better ? worst_metric[c] < ns.worst
							       : worst_metric[c] > ns.worst)))
				ns.worst = worst_metric[c];
			if (ward_of && ward_of[c] >= 0 && (size_t)ward_of[c] < nwards)
				wardcount[ward_of[c]]++;
			size_t nb[4];
			int nn = 0;

			if (i > 0)
				nb[nn++] = c - 1;
			if (i + 1 < g->nx)
				nb[nn++] = c + 1;
			if (j > 0)
				nb[nn++] = c - g->nx;
			if (j + 1 < g->ny)
				nb[nn++] = c + g->nx;
			for (int k = 0; k < nn; k++)
				if (verdict[nb[k]] == HM_V_FAIL && label[nb[k]] == -1) {
					label[nb[k]] = lab;
					stack[sp++] = nb[k];
				}
		}
		ns.area_m2 = ns.ncells * cell2;
		if (ns.area_m2 + 1e-9 < min_area_m2) {
			/* Too small to be a not-spot: unlabel it (but keep it visited). */
			for (int j = cj0; j <= cj1; j++)
				for (int i = ci0; i <= ci1; i++)
					if (label[(size_t)j * g->nx + i] == lab)
						label[(size_t)j * g->nx + i] = -2;
			continue;
		}
		ns.centroid = (struct fp_point){ sx / ns.ncells, sy / ns.ncells };
		int bw = -1;

		for (size_t k = 0; k < nwards; k++)
			if (wardcount[k] > 0 && (bw < 0 || wardcount[k] > wardcount[bw]))
				bw = (int)k;
		if (bw >= 0)
			snprintf(ns.ward, sizeof(ns.ward), "%s", fp->wards[bw].name);
		if (trace(g, label, lab, ci0, cj0, ci1, cj1, &ns))
			goto oom;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			void *np = realloc(out->v, cap * sizeof(*out->v));

			if (!np) {
				free(ns.ring);
				goto oom;
			}
			out->v = np;
		}
		out->v[out->n++] = ns;
	}
	/* Largest first; relabel to match the new order. */
	int32_t *map = malloc((out->n + 1) * sizeof(*map));
	size_t *order = malloc((out->n + 1) * sizeof(*order));
	struct hm_notspot *sorted = malloc((out->n + 1) * sizeof(*sorted));

	if (!map || !order || !sorted) {
		free(map);
		free(order);
		free(sorted);
		goto oom;
	}
	for (size_t k = 0; k < out->n; k++) {
		size_t at = k;

		/* insertion sort by size, stable */
		while (at > 0 && out->v[order[at - 1]].ncells < out->v[k].ncells) {
			order[at] = order[at - 1];
			at--;
		}
		order[at] = k;
	}
	for (size_t k = 0; k < out->n; k++) {
		sorted[k] = out->v[order[k]];
		map[order[k]] = (int32_t)k;
	}
	if (out->n)
		memcpy(out->v, sorted, out->n * sizeof(*sorted));
	free(order);
	free(sorted);
	for (size_t c = 0; c < nc; c++)
		label[c] = label[c] >= 0 ? map[label[c]] : -1;
	free(map);
	free(stack);
	free(wardcount);
	out->label = label;
	return 0;
oom:
	free(label);
	free(stack);
	free(wardcount);
	hm_notspots_release(out);
	return ns_err_set(err, -ENOMEM, "out of memory finding not-spots");
}

void hm_area_stats_compute(const struct hm_profile *p, const struct hm_grid *g,
			   const uint8_t *verdict, float *const metrics[HM_NMETRICS],
			   const int16_t *ward_of, int ward, const struct hm_notspots *ns,
			   const char *name, struct hm_area_stats *st)
{
	size_t nc = hm_grid_ncells(g);
	double cell2 = g->cell_m * g->cell_m;

	memset(st, 0, sizeof(*st));
	snprintf(st->name, sizeof(st->name), "%s", name);
	for (size_t c = 0; c < nc; c++) {
		if (verdict[c] == HM_V_OUTSIDE)
			continue;
		if (ward != -2 && (!ward_of || ward_of[c] != ward))
			continue;
		st->area_m2 += cell2;
		if (verdict[c] == HM_V_NOT_SURVEYED)
			continue;
		st->surveyed_m2 += cell2;
		if (verdict[c] == HM_V_PASS)
			st->pass_m2 += cell2;
		else
			st->fail_m2 += cell2;
		for (int k = 0; p && k < p->nrules; k++) {
			const float *m = metrics[p->rules[k].metric];
			int r = hm_rule_check(&p->rules[k], m ? m[c] : NAN);

			if (r >= 0)
				st->rule_measured_m2[k] += cell2;
			if (r == 1)
				st->rule_pass_m2[k] += cell2;
		}
	}
	for (size_t k = 0; ns && k < ns->n; k++) {
		const struct hm_notspot *s = &ns->v[k];
		bool mine;

		if (ward == -2)
			mine = true;
		else
			mine = ward_of && s->ward[0] && strcmp(s->ward, name) == 0;
		if (mine) {
			st->notspots++;
			st->notspot_m2 += s->area_m2;
		}
	}
}
