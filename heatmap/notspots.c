/* SPDX-License-Identifier: GPL-3.0-or-later */
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

int hm_ward_cells(const struct floorplan *fp, int ward, const struct hm_grid *g, uint8_t **out)
{
	const struct fp_ward *wd = &fp->wards[ward];
	size_t nc = hm_grid_ncells(g);
	uint8_t *in = calloc(nc ? nc : 1, 1);
	struct fp_point mn, mx;

	*out = NULL;
	if (!in)
		return -ENOMEM;
	fp_polygon_bounds(wd->pts, wd->npts, &mn, &mx);
	int i0 = (int)floor((mn.x - g->x0) / g->cell_m), i1 = (int)ceil((mx.x - g->x0) / g->cell_m);
	int j0 = (int)floor((mn.y - g->y0) / g->cell_m), j1 = (int)ceil((mx.y - g->y0) / g->cell_m);

	for (int j = j0 < 0 ? 0 : j0; j < j1 && j < g->ny; j++)
		for (int i = i0 < 0 ? 0 : i0; i < i1 && i < g->nx; i++)
			in[(size_t)j * g->nx + i] =
				fp_point_in_polygon(wd->pts, wd->npts, hm_grid_center(g, i, j));
	*out = in;
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

/* The component's cell box, its edges, and per vertex the first edge leaving it. */
struct outline {
	const struct hm_grid *g;
	const int32_t *label;
	int32_t lab;
	int ci0, cj0, ci1, cj1;
	int vw, vh;            /* vertices of the box */
	int *head;             /* per vertex */
	struct edge *e;
	size_t ne, cap;
};

static bool in_component(const struct outline *o, int i, int j)
{
	return i >= 0 && j >= 0 && i < o->g->nx && j < o->g->ny &&
	       o->label[(size_t)j * o->g->nx + i] == o->lab;
}

static int vertex_id(const struct outline *o, int x, int y)
{
	return (y - o->cj0) * o->vw + (x - o->ci0);
}

static int add_edge(struct outline *o, const int c[4])
{
	int v = vertex_id(o, c[0], c[1]);

	if (o->ne == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 256;
		void *np = realloc(o->e, cap * sizeof(*o->e));

		if (!np)
			return -ENOMEM;
		o->e = np;
		o->cap = cap;
	}
	o->e[o->ne] = (struct edge){ c[0], c[1], c[2], c[3], o->head[v], false };
	o->head[v] = (int)o->ne++;
	return 0;
}

/* Every cell edge of the component that borders a cell outside it. */
static int collect_edges(struct outline *o)
{
	for (int j = o->cj0; j <= o->cj1; j++)
		for (int i = o->ci0; i <= o->ci1; i++) {
			if (!in_component(o, i, j))
				continue;
			const int cand[4][4] = { { i, j, i + 1, j }, { i + 1, j, i + 1, j + 1 },
						 { i + 1, j + 1, i, j + 1 }, { i, j + 1, i, j } };
			const bool out[4] = { !in_component(o, i, j - 1), !in_component(o, i + 1, j),
					      !in_component(o, i, j + 1), !in_component(o, i - 1, j) };

			for (int s = 0; s < 4; s++)
				if (out[s] && add_edge(o, cand[s]))
					return -ENOMEM;
		}
	return 0;
}

/* The next unused edge from edge @cur's end; at a pinch prefer turning right. */
static int next_edge(const struct outline *o, int cur)
{
	const struct edge *e = o->e;
	int best = -1, dx = e[cur].x1 - e[cur].x0, dy = e[cur].y1 - e[cur].y0;

	for (int k = o->head[vertex_id(o, e[cur].x1, e[cur].y1)]; k >= 0; k = e[k].next) {
		int ex = e[k].x1 - e[k].x0, ey = e[k].y1 - e[k].y0;

		if (e[k].used)
			continue;
		/* right turn (y down): (dx,dy) → (-dy,dx) */
		if (best < 0 || (ex == -dy && ey == dx))
			best = k;
	}
	return best;
}

/* Keep corners only: drop the points on a straight run. Returns how many are left. */
static size_t drop_collinear(struct fp_point *pts, size_t n)
{
	size_t m = 0;

	for (size_t k = 0; k < n; k++) {
		struct fp_point a = pts[(k + n - 1) % n], b = pts[k], c = pts[(k + 1) % n];

		if ((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) != 0)
			pts[m++] = b;
	}
	return m;
}

/* The ring through edge @s (vertex coordinates, corners only) into *@ring (malloc'd), its area. */
static int walk_ring(struct outline *o, size_t s, struct fp_point **ring, size_t *nring,
		     double *area)
{
	struct fp_point *pts = NULL;
	size_t n = 0, pcap = 0;
	int cur = (int)s;

	*area = 0;
	while (cur >= 0 && !o->e[cur].used) {
		const struct edge *e = &o->e[cur];

		o->e[cur].used = true;
		if (n == pcap) {
			void *np;

			pcap = pcap ? pcap * 2 : 64;
			np = realloc(pts, pcap * sizeof(*pts));
			if (!np) {
				free(pts);
				return -ENOMEM;
			}
			pts = np;
		}
		pts[n++] = (struct fp_point){ e->x0, e->y0 };
		*area += (double)e->x0 * e->y1 - (double)e->x1 * e->y0;
		cur = next_edge(o, cur);
	}
	*nring = drop_collinear(pts, n);
	*ring = pts;
	*area = fabs(*area) / 2;
	return 0;
}

static int trace(const struct hm_grid *g, const int32_t *label, int32_t lab, int ci0, int cj0,
		 int ci1, int cj1, struct hm_notspot *ns)
{
	struct outline o = { g, label, lab, ci0, cj0, ci1, cj1, ci1 - ci0 + 2, cj1 - cj0 + 2 };
	struct fp_point *ring = NULL;
	size_t nr = 0;
	double best_area = -1;
	int rc = -ENOMEM;

	o.head = malloc((size_t)o.vw * o.vh * sizeof(int));
	if (!o.head)
		return -ENOMEM;
	for (int k = 0; k < o.vw * o.vh; k++)
		o.head[k] = -1;
	if (collect_edges(&o))
		goto done;
	for (size_t s = 0; s < o.ne; s++) {
		struct fp_point *pts;
		size_t m;
		double area;

		if (o.e[s].used)
			continue;
		if (walk_ring(&o, s, &pts, &m, &area))
			goto done;
		if (area > best_area) {
			if (best_area >= 0)
				ns->nholes++;
			free(ring);
			ring = pts;
			nr = m;
			best_area = area;
		} else {
			ns->nholes++;
			free(pts);
		}
	}
	for (size_t k = 0; k < nr; k++)
		ring[k] = (struct fp_point){ g->x0 + ring[k].x * g->cell_m, g->y0 + ring[k].y * g->cell_m };
	ns->ring = ring;
	ns->nring = nr;
	ring = NULL;
	rc = 0;
done:
	free(ring);
	free(o.head);
	free(o.e);
	return rc;
}

/* One 4-connected failing component as it is flooded: its figures and its cell box. */
struct component {
	struct hm_notspot ns;
	double sx, sy;         /* sums of the cells' centres, m */
	int ci0, cj0, ci1, cj1;
};

/* The inputs of hm_notspots_find() and its scratch. */
struct finder {
	const struct hm_grid *g;
	const uint8_t *verdict;
	const uint32_t *failed;
	const float *worst_metric;
	bool higher_better;
	const int16_t *ward_of;
	size_t nwards;
	int32_t *label;
	size_t *stack;
	int *wardcount;        /* cells per ward in the component */
};

/* Count cell @c into @k. */
static void take_cell(const struct finder *fd, size_t c, struct component *k)
{
	const struct hm_grid *g = fd->g;
	int i = (int)(c % g->nx), j = (int)(c / g->nx);
	struct fp_point p = hm_grid_center(g, i, j);
	const float *wm = fd->worst_metric;

	k->ns.ncells++;
	k->sx += p.x;
	k->sy += p.y;
	k->ci0 = i < k->ci0 ? i : k->ci0;
	k->ci1 = i > k->ci1 ? i : k->ci1;
	k->cj0 = j < k->cj0 ? j : k->cj0;
	k->cj1 = j > k->cj1 ? j : k->cj1;
	if (fd->failed)
		k->ns.rules |= fd->failed[c];
	if (wm && isfinite(wm[c]) &&
	    (isnan(k->ns.worst) || (fd->higher_better ? wm[c] < k->ns.worst : wm[c] > k->ns.worst)))
		k->ns.worst = wm[c];
	if (fd->ward_of && fd->ward_of[c] >= 0 && (size_t)fd->ward_of[c] < fd->nwards)
		fd->wardcount[fd->ward_of[c]]++;
}

/* Flood the failing component of cell @c0 with label @lab. */
static void flood(const struct finder *fd, size_t c0, int32_t lab, struct component *k)
{
	const struct hm_grid *g = fd->g;
	size_t sp = 0;

	memset(k, 0, sizeof(*k));
	k->ns.worst = NAN;
	k->ns.rule = -1;
	k->ci0 = g->nx;
	k->cj0 = g->ny;
	k->ci1 = k->cj1 = -1;
	memset(fd->wardcount, 0, (fd->nwards + 1) * sizeof(int));
	fd->label[c0] = lab;
	fd->stack[sp++] = c0;
	while (sp) {
		size_t c = fd->stack[--sp], nb[4];
		int i = (int)(c % g->nx), j = (int)(c / g->nx), nn = 0;

		take_cell(fd, c, k);
		if (i > 0)
			nb[nn++] = c - 1;
		if (i + 1 < g->nx)
			nb[nn++] = c + 1;
		if (j > 0)
			nb[nn++] = c - g->nx;
		if (j + 1 < g->ny)
			nb[nn++] = c + g->nx;
		for (int q = 0; q < nn; q++)
			if (fd->verdict[nb[q]] == HM_V_FAIL && fd->label[nb[q]] == -1) {
				fd->label[nb[q]] = lab;
				fd->stack[sp++] = nb[q];
			}
	}
}

/*
 * Whether component @lab (cell box of @k) holds an n × n square of its own
 * cells, n = HM_NOTSPOT_SQUARE_M in cells (at least one): per column the run
 * of the component's cells ending at each row, then a run of n columns whose
 * runs are all ≥ n. -ENOMEM, or 1 / 0.
 */
static int holds_square(const struct finder *fd, const struct component *k, int32_t lab)
{
	const struct hm_grid *g = fd->g;
	int n = (int)ceil(HM_NOTSPOT_SQUARE_M / g->cell_m - 1e-9);
	int bw = k->ci1 - k->ci0 + 1, found = 0;
	int *run;

	if (n < 1)
		n = 1;
	if (bw < n || k->cj1 - k->cj0 + 1 < n)
		return 0;
	run = calloc((size_t)bw, sizeof(*run));
	if (!run)
		return -ENOMEM;
	for (int j = k->cj0; j <= k->cj1 && !found; j++) {
		int across = 0;

		for (int i = 0; i < bw && !found; i++) {
			bool mine = fd->label[(size_t)j * g->nx + k->ci0 + i] == lab;

			run[i] = mine ? run[i] + 1 : 0;
			across = run[i] >= n ? across + 1 : 0;
			found = across >= n;
		}
	}
	free(run);
	return found;
}

/* Too small to be a not-spot: unlabel it (but keep it visited). */
static void drop_component(const struct finder *fd, const struct component *k, int32_t lab)
{
	for (int j = k->cj0; j <= k->cj1; j++)
		for (int i = k->ci0; i <= k->ci1; i++)
			if (fd->label[(size_t)j * fd->g->nx + i] == lab)
				fd->label[(size_t)j * fd->g->nx + i] = -2;
}

/* The ward holding most of the component, by name, "" for none. */
static void name_ward(const struct finder *fd, const struct floorplan *fp, struct hm_notspot *ns)
{
	int bw = -1;

	for (size_t k = 0; k < fd->nwards; k++)
		if (fd->wardcount[k] > 0 && (bw < 0 || fd->wardcount[k] > fd->wardcount[bw]))
			bw = (int)k;
	if (bw >= 0)
		snprintf(ns->ward, sizeof(ns->ward), "%s", fp->wards[bw].name);
}

static int push_notspot(struct hm_notspots *out, size_t *cap, const struct hm_notspot *ns)
{
	if (out->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		void *np = realloc(out->v, nc * sizeof(*out->v));

		if (!np)
			return -ENOMEM;
		out->v = np;
		*cap = nc;
	}
	out->v[out->n++] = *ns;
	return 0;
}

/* Largest first (stable); relabel the cells to match the new order. */
static int sort_largest_first(struct hm_notspots *out, int32_t *label, size_t nc)
{
	int32_t *map = malloc((out->n + 1) * sizeof(*map));
	size_t *order = malloc((out->n + 1) * sizeof(*order));
	struct hm_notspot *sorted = malloc((out->n + 1) * sizeof(*sorted));
	int rc = -ENOMEM;

	if (!map || !order || !sorted)
		goto out;
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
	for (size_t c = 0; c < nc; c++)
		label[c] = label[c] >= 0 ? map[label[c]] : -1;
	rc = 0;
out:
	free(map);
	free(order);
	free(sorted);
	return rc;
}

int hm_notspots_find(const struct hm_grid *g, const uint8_t *verdict, const uint32_t *failed,
		     const float *worst_metric, bool higher_better, const struct floorplan *fp,
		     const int16_t *ward_of, double min_area_m2, struct hm_notspots *out,
		     struct ns_err *err)
{
	size_t nc = hm_grid_ncells(g), cap = 0;
	struct finder fd = { g, verdict, failed, worst_metric, higher_better, ward_of,
			     fp ? fp->nwards : 0 };
	double cell2 = g->cell_m * g->cell_m;

	memset(out, 0, sizeof(*out));
	fd.label = malloc(nc * sizeof(*fd.label));
	fd.stack = malloc(nc * sizeof(*fd.stack));
	fd.wardcount = calloc(fd.nwards + 1, sizeof(int));
	if (!fd.label || !fd.stack || !fd.wardcount)
		goto oom;
	for (size_t c = 0; c < nc; c++)
		fd.label[c] = -1;
	for (size_t c0 = 0; c0 < nc; c0++) {
		int32_t lab = (int32_t)out->n;
		struct component k;
		int sq = 1;

		if (verdict[c0] != HM_V_FAIL || fd.label[c0] != -1)
			continue;
		flood(&fd, c0, lab, &k);
		k.ns.area_m2 = k.ns.ncells * cell2;
		if (k.ns.area_m2 + 1e-9 < min_area_m2 || (sq = holds_square(&fd, &k, lab)) == 0) {
			drop_component(&fd, &k, lab);
			continue;
		}
		if (sq < 0)
			goto oom;
		k.ns.centroid = (struct fp_point){ k.sx / k.ns.ncells, k.sy / k.ns.ncells };
		name_ward(&fd, fp, &k.ns);
		if (trace(g, fd.label, lab, k.ci0, k.cj0, k.ci1, k.cj1, &k.ns))
			goto oom;
		if (push_notspot(out, &cap, &k.ns)) {
			free(k.ns.ring);
			goto oom;
		}
	}
	if (sort_largest_first(out, fd.label, nc))
		goto oom;
	free(fd.stack);
	free(fd.wardcount);
	out->label = fd.label;
	return 0;
oom:
	free(fd.label);
	free(fd.stack);
	free(fd.wardcount);
	hm_notspots_release(out);
	return ns_err_set(err, -ENOMEM, "out of memory finding not-spots");
}

void hm_notspots_attribute(struct hm_notspots *ns, const struct hm_grid *g,
			   const struct hm_profile *p, float *const metrics[HM_NMETRICS],
			   const uint32_t *failed)
{
	size_t nc = hm_grid_ncells(g);

	for (size_t k = 0; k < ns->n && ns->label && failed; k++) {
		struct hm_notspot *s = &ns->v[k];
		size_t count[HM_MAX_RULES] = { 0 };
		const struct hm_metric_info *mi;
		const float *m;
		int best = -1;

		for (size_t c = 0; c < nc; c++)
			for (int q = 0; ns->label[c] == (int32_t)k && q < p->nrules; q++)
				count[q] += (failed[c] >> q) & 1u;
		for (int q = 0; q < p->nrules; q++)
			if (count[q] > 0 && (best < 0 || count[q] > count[best]))
				best = q;
		s->rule = best;
		s->worst = NAN;
		s->no_signal = false;
		if (best < 0)
			continue;
		mi = hm_metric_info(p->rules[best].metric);
		m = metrics[p->rules[best].metric];
		for (size_t c = 0; c < nc && m; c++) {
			if (ns->label[c] != (int32_t)k)
				continue;
			if (isnan(m[c]))
				s->no_signal |= mi->absent_fails;
			else if (isnan(s->worst) || (mi->higher_better ? m[c] < s->worst : m[c] > s->worst))
				s->worst = m[c];
		}
	}
}

/* Count cell @c (verdict @v) into @st. */
static void count_cell(const struct hm_profile *p, float *const metrics[HM_NMETRICS], uint8_t v,
		       size_t c, double cell2, struct hm_area_stats *st)
{
	st->area_m2 += cell2;
	if (v == HM_V_NOT_SURVEYED)
		return;
	st->surveyed_m2 += cell2;
	if (v == HM_V_PASS)
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

int hm_ward_stats_compute(const struct hm_profile *p, const struct hm_grid *g,
			  const uint8_t *verdict, float *const metrics[HM_NMETRICS],
			  const struct floorplan *fp, int ward, const struct hm_notspots *ns,
			  struct hm_area_stats *st)
{
	const struct fp_ward *w = &fp->wards[ward];
	size_t nc = hm_grid_ncells(g), *part = NULL;
	double cell2 = g->cell_m * g->cell_m;
	uint8_t *in;

	memset(st, 0, sizeof(*st));
	snprintf(st->name, sizeof(st->name), "%s", w->name);
	if (hm_ward_cells(fp, ward, g, &in))
		return -ENOMEM;
	if (ns && ns->n && ns->label && !(part = calloc(ns->n, sizeof(*part)))) {
		free(in);
		return -ENOMEM;
	}
	for (size_t c = 0; c < nc; c++) {
		if (verdict[c] == HM_V_OUTSIDE || !in[c])
			continue;
		count_cell(p, metrics, verdict[c], c, cell2, st);
		if (part && ns->label[c] >= 0)
			part[ns->label[c]]++;
	}
	for (size_t k = 0; part && k < ns->n; k++) {
		double inside = (double)part[k] * cell2;

		if (inside > 0 && (inside + 1e-9 >= HM_NOTSPOT_SQUARE_M * HM_NOTSPOT_SQUARE_M ||
				   strcmp(ns->v[k].ward, w->name) == 0)) {
			st->notspots++;
			st->notspot_m2 += inside;
		}
	}
	free(part);
	free(in);
	return 0;
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
		count_cell(p, metrics, verdict[c], c, cell2, st);
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
