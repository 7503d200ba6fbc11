/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * estimate_walls.c — wall losses learned from the survey (estimate_priv.h).
 *
 * Tables of wall losses are averages; a real building's plasterboard, brick
 * or fire doors differ from them by ±50 %, and a fire door held open on its
 * magnet costs nothing. Where the walk has bins on both sides of walls, the
 * readings say what the walls cost. With every physical AP's place fixed,
 * one linear least squares over every path from an AP to a bin of its
 * radios fits together
 *   each radio's P1 and n,
 *   a factor per material, a_m (the building's own plasterboard), and
 *   a factor per drawn wall or opening, e_u (this wall, this door),
 * the loss of a piece being its drawn loss × (1 + a_m + e_u):
 *   v + Σ drawn = P1 − n·L − Σ_m a_m·A_m − Σ_u e_u·E_u,
 * A_m and E_u the drawn losses of the path's pieces of material m and of
 * wall u, over the walls the walk saw from both sides (bins in the rooms on
 * both sides); the others stay as drawn in the solve and take their
 * material's learned factor afterwards. Priors keep what the data do not say
 * at the drawing: a material
 * within ±35 % (a door's kind ±60 %), a wall within ±25 % of its material (a
 * door ±60 %: open or shut), n near 2.2, P1 near −30 dBm (±10), all against
 * the readings' σ (4.5 dB: shadowing and noise). Bins that never heard a
 * radio are one-sided: they count only while the model puts it above the
 * hearing level there. Readings through a wall are few and, being heard at
 * all, lucky; a bin put on the wrong side of a wall by a tap error reads as a
 * wall costing nothing: so paths crossing a wall within 0.6 m of the bin or
 * 1 m of the AP are left out, and residuals beyond 1.5 σ weigh less (Huber,
 * reweighted over eight rounds with the one-sided set). Learned factors stay
 * within ±50 % of the drawing for walls (the spread of real walls), down to
 * 5 % for doors (open). The normal equations are dense and small (two per
 * radio, one per material and per wall crossed by enough paths) and solved
 * by Cholesky.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heatmap/estimate_priv.h"

#define SIGMA2 20.25            /* (4.5 dB)²: what one bin's reading is believed to */
#define SD_MAT_WALL 0.2
#define SD_MAT_DOOR 0.6
#define SD_UNIT_WALL 0.15
#define SD_UNIT_DOOR 0.6
#define P1_PRIOR -30.0
#define SD_P1 10.0
#define N_PRIOR 2.2
#define SD_N 0.5
#define UNIT_MIN_PATHS 8        /* a wall gets its own factor when this many paths cross it */
#define WALL_MIN 0.5             /* a wall within ±50 % of its drawing */
#define WALL_MAX 1.5
#define DOOR_MIN 0.05            /* a door may stand open */
#define NEAR_BIN_M 0.6           /* a crossing this near the bin may be a tap error… */
#define NEAR_AP_M 1.0            /* … or this near the AP, its place's error: ambiguous */
#define HUBER_DB 6.75            /* residuals beyond 1.5 σ weigh less (k/|r|) */
#define ROUNDS 8
#define MAX_CROSS 64

/* One path: a radio's bin seen from its AP's place. */
struct path {
	int radio;            /* the radio's index among the rows' radios */
	float v, L;           /* reading (or the level), 10·log10 of the 3-D distance */
	bool censored;
	float w;              /* robust weight (Huber), 1 at first */
	int np;               /* pieces crossed */
	int pc0;              /* their first index in the piece list */
};

struct solve {
	struct hm_est *e;
	size_t nradios, D;    /* radios with paths; unknowns */
	int *rad_of;          /* per set radio: its index here, -1 */
	size_t *set_radio;    /* per index here: the set radio */
	struct path *paths;
	size_t npaths, cap;
	int *pcs;             /* pieces of all paths */
	size_t npcs, cappcs;
	int *unit_col;        /* per wall unit: its unknown, -1 */
	int *mat_col;         /* per material: its unknown, -1 */
	uint8_t *seen;        /* per wall unit: bins in the rooms on both its sides */
	double *unit_info;    /* per wall unit: what the paths say of its factor (A's diagonal, no prior) */
	double *unit_prior;   /* per wall unit: its prior's precision */
	int *unit_paths;      /* per unit: paths crossing it */
	int *mat_paths;       /* per material: paths crossing it */
	bool *mat_door;       /* per material: only ever an opening's kind */
	double *A, *b, *x;    /* normal equations, solution */
};

static int push_path(struct solve *s, const struct path *p, const size_t *pcs, size_t np)
{
	if (s->npaths == s->cap) {
		size_t nc = s->cap ? 2 * s->cap : 1024;
		void *q = realloc(s->paths, nc * sizeof(*s->paths));

		if (!q)
			return -ENOMEM;
		s->paths = q;
		s->cap = nc;
	}
	while (s->npcs + np > s->cappcs) {
		size_t nc = s->cappcs ? 2 * s->cappcs : 4096;
		void *q = realloc(s->pcs, nc * sizeof(*s->pcs));

		if (!q)
			return -ENOMEM;
		s->pcs = q;
		s->cappcs = nc;
	}
	s->paths[s->npaths] = *p;
	s->paths[s->npaths].pc0 = (int)s->npcs;
	s->paths[s->npaths++].np = (int)np;
	for (size_t k = 0; k < np; k++)
		s->pcs[s->npcs++] = (int)pcs[k];
	return 0;
}

/*
 * Whether the path from the AP at (x, y) to the bin at (bx, by) crosses a wall
 * so near either end that it may be on the wrong side of it: a reading taken
 * a few decimetres from where the track put it, an AP placed within its
 * uncertainty. One such path would read as a wall costing nothing.
 */
static bool ambiguous(const struct hm_walls *w, double x, double y, double bx, double by,
		      const size_t *pcs, size_t np)
{
	double dx = bx - x, dy = by - y, len = hypot(dx, dy);

	for (size_t k = 0; k < np; k++) {
		const struct hm_wall_piece *p = &w->p[pcs[k]];
		double ex = p->bx - p->ax, ey = p->by - p->ay, den = dx * ey - dy * ex, t;

		if (fabs(den) < 1e-12)
			return true;
		t = ((p->ax - x) * ey - (p->ay - y) * ex) / den;
		if (t * len < NEAR_AP_M || (1 - t) * len < NEAR_BIN_M)
			return true;
	}
	return false;
}

/* The paths of one radio from its AP's place (x, y). */
static int radio_paths(struct solve *s, size_t r, double x, double y, int *idx, float *v,
		       uint8_t *heard)
{
	struct hm_est *e = s->e;
	size_t nobs, n = hme_radio_rows(e, r, idx, v, &nobs, heard), pcs[MAX_CROSS];
	double h2 = e->o.height_m * e->o.height_m;

	for (size_t i = 0; i < n; i++) {
		double bx = e->binx[idx[i]], by = e->biny[idx[i]];
		double d2 = (bx - x) * (bx - x) + (by - y) * (by - y) + h2;
		size_t np = hm_walls_path_pieces(&e->walls, x, y, bx, by, pcs, MAX_CROSS);
		struct path p = { s->rad_of[r], v[i], 5.0f * log10f((float)(d2 < 1 ? 1 : d2)), i >= nobs,
				  1, 0, 0 };

		if (np > MAX_CROSS || ambiguous(&e->walls, x, y, bx, by, pcs, np))
			continue; /* a path through that many walls, or past one at its end, is no evidence */
		if (push_path(s, &p, pcs, np))
			return -ENOMEM;
	}
	return 0;
}

static int gather_paths(struct solve *s, const struct hme_group *groups, size_t ngroups)
{
	struct hm_est *e = s->e;
	size_t cap = 1;
	int *idx;
	float *v;
	uint8_t *heard = malloc(e->nbins + 1);
	int rc = 0;

	for (size_t r = 0; r < e->set->nradios; r++)
		if (e->rb[r].n && hme_radio_rows_max(e, r) > cap)
			cap = hme_radio_rows_max(e, r);
	idx = malloc(cap * sizeof(int));
	v = malloc(cap * sizeof(float));
	if (!heard || !idx || !v)
		rc = -ENOMEM;
	for (size_t g = 0; g < ngroups && !rc; g++)
		for (int k = 0; k < groups[g].nr && !rc; k++) {
			size_t r = groups[g].radios[k];

			if (!e->rb[r].n || groups[g].nrows < 4)
				continue;
			s->rad_of[r] = (int)s->nradios;
			s->set_radio[s->nradios++] = r;
			rc = radio_paths(s, r, groups[g].x, groups[g].y, idx, v, heard);
		}
	free(heard);
	free(idx);
	free(v);
	return rc;
}

/*
 * Which walls the walk saw from both sides: a piece whose two sides (a little
 * off its middle) lie in rooms that both hold bins. Only those walls, and the
 * materials they are made of, are learned: a lead-lined room nobody entered
 * says nothing about its lead (every path into it is unheard, the few heard
 * ones lucky), and a wall learned from one side only would let an AP slip
 * through it.
 */
static void seen_units(struct solve *s)
{
	const struct hm_est *e = s->e;
	const struct hm_walls *w = &e->walls;
	double off = fmax(0.3, 0.75 * e->g.cell_m);

	for (size_t k = 0; k < w->n; k++) {
		const struct hm_wall_piece *p = &w->p[k];
		double mx = (p->ax + p->bx) / 2, my = (p->ay + p->by) / 2;
		double len = hypot(p->bx - p->ax, p->by - p->ay), nx, ny;
		int ra, rb;

		if (len <= 0)
			continue;
		nx = -(p->by - p->ay) / len * off;
		ny = (p->bx - p->ax) / len * off;
		ra = hme_room_at(e, mx + nx, my + ny);
		rb = hme_room_at(e, mx - nx, my - ny);
		if (ra >= 0 && rb >= 0 && e->rwalked[ra] && e->rwalked[rb])
			s->seen[p->unit] = 1;
	}
}

/* Which walls and materials get a factor of their own; the unknowns' columns. */
static void columns(struct solve *s)
{
	const struct hm_walls *w = &s->e->walls;
	size_t col = 2 * s->nradios;

	seen_units(s);
	for (size_t m = 0; m < w->nmats; m++)
		s->mat_door[m] = true;
	for (size_t k = 0; k < w->n; k++)
		if ((size_t)w->p[k].unit < s->e->fp->nwalls)
			s->mat_door[w->p[k].mat] = false;
	for (size_t i = 0; i < s->npaths; i++) {
		const struct path *p = &s->paths[i];
		int seen_u[MAX_CROSS], seen_m[MAX_CROSS], nu = 0, nm = 0;

		for (int k = 0; k < p->np; k++) {
			const struct hm_wall_piece *pc = &w->p[s->pcs[p->pc0 + k]];
			bool du = false, dm = false;

			if (!s->seen[pc->unit])
				continue;
			for (int q = 0; q < nu; q++)
				du |= seen_u[q] == pc->unit;
			for (int q = 0; q < nm; q++)
				dm |= seen_m[q] == pc->mat;
			if (!du)
				s->unit_paths[seen_u[nu++] = pc->unit]++;
			if (!dm)
				s->mat_paths[seen_m[nm++] = pc->mat]++;
		}
	}
	for (size_t m = 0; m < w->nmats; m++)
		s->mat_col[m] = s->mat_paths[m] > 0 ? (int)col++ : -1;
	for (size_t u = 0; u < w->nunits; u++)
		s->unit_col[u] = s->unit_paths[u] >= UNIT_MIN_PATHS ? (int)col++ : -1;
	s->D = col;
}

/* The model's value of path @p's target with the current solution. */
static double row_value(const struct solve *s, const double *g, const int *nz, int nnz)
{
	double v = 0;

	for (int k = 0; k < nnz; k++)
		v += g[nz[k]] * s->x[nz[k]];
	return v;
}

/* The row of path @p: its coefficients (into @g, dense) and target; false to leave it out. */
static bool path_row(const struct solve *s, const struct path *p, double *g, int *nz, int *nnz,
		     double *y)
{
	const struct hm_walls *w = &s->e->walls;
	enum fp_band band = s->e->set->radios[s->set_radio[p->radio]].band;
	double drawn = 0, pred;

	*nnz = 0;
#define ADD(c, val)                          \
	do {                                 \
		if (g[c] == 0)               \
			nz[(*nnz)++] = (int)(c); \
		g[c] += (val);               \
	} while (0)
	ADD(2 * p->radio, 1.0);
	ADD(2 * p->radio + 1, -p->L);
	for (int k = 0; k < p->np; k++) {
		const struct hm_wall_piece *pc = &w->p[s->pcs[p->pc0 + k]];
		double t = pc->drawn_db[band];

		drawn += t;
		if (t <= 0 || !s->seen[pc->unit])
			continue; /* a wall not seen from both sides stays as drawn here */
		if (s->mat_col[pc->mat] >= 0)
			ADD(s->mat_col[pc->mat], -t);
		if (s->unit_col[pc->unit] >= 0)
			ADD(s->unit_col[pc->unit], -t);
	}
#undef ADD
	*y = p->v + drawn;
	if (!p->censored)
		return true;
	/* One-sided: in play only while the model puts the radio above the level here. */
	pred = row_value(s, g, nz, *nnz) - drawn;
	return pred > p->v;
}

static void priors(struct solve *s)
{
	const struct hm_walls *w = &s->e->walls;
	size_t D = s->D;

	for (size_t r = 0; r < s->nradios; r++) {
		s->A[(2 * r) * D + 2 * r] += SIGMA2 / (SD_P1 * SD_P1);
		s->b[2 * r] += SIGMA2 / (SD_P1 * SD_P1) * P1_PRIOR;
		s->A[(2 * r + 1) * D + 2 * r + 1] += SIGMA2 / (SD_N * SD_N);
		s->b[2 * r + 1] += SIGMA2 / (SD_N * SD_N) * N_PRIOR;
	}
	for (size_t m = 0; m < w->nmats; m++) {
		double sd = s->mat_door[m] ? SD_MAT_DOOR : SD_MAT_WALL;
		int c = s->mat_col[m];

		if (c >= 0)
			s->A[(size_t)c * D + c] += SIGMA2 / (sd * sd);
	}
	for (size_t u = 0; u < w->nunits; u++) {
		double sd = u < s->e->fp->nwalls ? SD_UNIT_WALL : SD_UNIT_DOOR;
		int c = s->unit_col[u];

		if (c < 0)
			continue;
		s->unit_info[u] = s->A[(size_t)c * D + c];
		s->unit_prior[u] = SIGMA2 / (sd * sd);
		s->A[(size_t)c * D + c] += SIGMA2 / (sd * sd);
	}
}

/* In-place Cholesky of the D × D matrix @A (lower); false if not positive definite. */
static bool cholesky(double *A, size_t D)
{
	for (size_t j = 0; j < D; j++) {
		double d = A[j * D + j];

		for (size_t k = 0; k < j; k++)
			d -= A[j * D + k] * A[j * D + k];
		if (!(d > 0))
			return false;
		d = sqrt(d);
		A[j * D + j] = d;
		for (size_t i = j + 1; i < D; i++) {
			double v = A[i * D + j];

			for (size_t k = 0; k < j; k++)
				v -= A[i * D + k] * A[j * D + k];
			A[i * D + j] = v / d;
		}
	}
	return true;
}

/* x = (L Lᵀ)⁻¹ b with the factor in @A. */
static void chol_solve(const double *A, size_t D, const double *b, double *x)
{
	for (size_t i = 0; i < D; i++) {
		double v = b[i];

		for (size_t k = 0; k < i; k++)
			v -= A[i * D + k] * x[k];
		x[i] = v / A[i * D + i];
	}
	for (size_t i = D; i-- > 0;) {
		double v = x[i];

		for (size_t k = i + 1; k < D; k++)
			v -= A[k * D + i] * x[k];
		x[i] = v / A[i * D + i];
	}
}

/*
 * One round: the normal equations over the paths in play, each weighted by
 * its robust weight, solved into s->x; then every path's weight from its
 * residual for the next round.
 */
static int solve_round(struct solve *s, double *g, int *nz)
{
	size_t D = s->D;

	memset(s->A, 0, D * D * sizeof(double));
	memset(s->b, 0, D * sizeof(double));
	for (size_t i = 0; i < s->npaths; i++) {
		int nnz;
		double y, pw = s->paths[i].w;
		bool in = path_row(s, &s->paths[i], g, nz, &nnz, &y);

		for (int a = 0; a < nnz && in; a++) {
			double ga = g[nz[a]] * pw;

			s->b[nz[a]] += ga * y;
			for (int c = 0; c < nnz; c++)
				s->A[(size_t)nz[a] * D + nz[c]] += ga * g[nz[c]];
		}
		for (int a = 0; a < nnz; a++)
			g[nz[a]] = 0;
	}
	priors(s);
	if (!cholesky(s->A, D))
		return -EDOM;
	chol_solve(s->A, D, s->b, s->x);
	for (size_t i = 0; i < s->npaths; i++) {
		int nnz;
		double y, r;

		path_row(s, &s->paths[i], g, nz, &nnz, &y);
		r = fabs(y - row_value(s, g, nz, nnz));
		s->paths[i].w = r > HUBER_DB ? (float)(HUBER_DB / r) : 1;
		for (int a = 0; a < nnz; a++)
			g[nz[a]] = 0;
	}
	return 0;
}

/* Factor @f held to a wall's range (a door's when @door). */
static float held(double f, bool door)
{
	return (float)fmin(fmax(f, door ? DOOR_MIN : WALL_MIN), WALL_MAX);
}

/*
 * The learned walls. A material's factor is used only when the survey halved
 * its uncertainty (learned); a wall's own only when its paths say at least
 * three times what its prior does; otherwise the drawing stands (a factor the
 * data barely moved is more likely the model's misfit than the wall). Walls
 * nobody saw from both sides take their material's. Per material its table,
 * and e->wfit.
 */
static int publish(struct solve *s)
{
	struct hm_est *e = s->e;
	const struct hm_walls *w = &e->walls;
	size_t D = s->D;
	double *unit = calloc(D, sizeof(double)), *col = calloc(D, sizeof(double));

	if (!unit || !col) {
		free(unit);
		free(col);
		return -ENOMEM;
	}
	for (size_t m = 0; m < w->nmats; m++) {
		struct hm_wall_fit *mf = &e->mfit[m];
		double sd = s->mat_door[m] ? SD_MAT_DOOR : SD_MAT_WALL;
		int cm = s->mat_col[m];

		mf->npaths = s->mat_paths[m];
		mf->learned = false;
		if (cm >= 0) {
			/* The posterior variance of a_m against its prior: (A⁻¹)_mm · σ² / sd². */
			memset(unit, 0, D * sizeof(double));
			unit[cm] = 1;
			chol_solve(s->A, D, unit, col);
			mf->learned = col[cm] * SIGMA2 / (sd * sd) < 0.25;
		}
	}
	for (size_t k = 0; k < w->n; k++) {
		const struct hm_wall_piece *p = &w->p[k];
		int cm = s->mat_col[p->mat], cu = s->unit_col[p->unit];
		double f = 1 + (e->mfit[p->mat].learned ? s->x[cm] : 0);
		bool own = cu >= 0 && s->unit_info[p->unit] >= 3 * s->unit_prior[p->unit];

		/* A wall of its own when the data say at least three times what its prior does
		 * (the factor's own diagonal: a bound that leaves correlations out). */
		if (own)
			f = 1 + (cm >= 0 ? s->x[cm] : 0) + s->x[cu];
		e->unit_scale[p->unit] = held(f, (size_t)p->unit >= e->fp->nwalls);
		e->mfit[p->mat].learned |= own;
	}
	/* What a material costs in this building: its walls' factors, weighted by their
	 * paths (each unit once: its first piece says its material). */
	double *fsum = calloc(w->nmats + 1, sizeof(double)), *psum = calloc(w->nmats + 1, sizeof(double));
	uint8_t *done = calloc(w->nunits + 1, 1);

	if (!fsum || !psum || !done) {
		free(fsum);
		free(psum);
		free(done);
		free(unit);
		free(col);
		return -ENOMEM;
	}
	for (size_t k = 0; k < w->n; k++) {
		int u = w->p[k].unit;

		if (done[u] || s->unit_paths[u] <= 0)
			continue;
		done[u] = 1;
		fsum[w->p[k].mat] += s->unit_paths[u] * e->unit_scale[u];
		psum[w->p[k].mat] += s->unit_paths[u];
	}
	for (size_t m = 0; m < w->nmats; m++) {
		struct hm_wall_fit *mf = &e->mfit[m];
		int cm = s->mat_col[m];
		double f = psum[m] > 0 ? fsum[m] / psum[m]
				       : held(1 + (mf->learned && cm >= 0 ? s->x[cm] : 0), s->mat_door[m]);

		for (int b = 0; b < FP_NBANDS; b++)
			mf->fitted_db[b] = mf->drawn_db[b] * (mf->learned ? f : 1);
	}
	free(fsum);
	free(psum);
	free(done);
	free(unit);
	free(col);
	hm_walls_release(&e->wfit);
	return hm_walls_copy_scaled(&e->wfit, w, e->unit_scale);
}

static void solve_release(struct solve *s)
{
	free(s->rad_of);
	free(s->set_radio);
	free(s->paths);
	free(s->pcs);
	free(s->unit_col);
	free(s->mat_col);
	free(s->seen);
	free(s->unit_info);
	free(s->unit_prior);
	free(s->unit_paths);
	free(s->mat_paths);
	free(s->mat_door);
	free(s->A);
	free(s->b);
	free(s->x);
}

int hme_learn_walls(struct hm_est *e, const struct hme_group *groups, size_t ngroups)
{
	const struct hm_walls *w = &e->walls;
	size_t nr = e->set->nradios + 1;
	struct solve s = { .e = e };
	double *g = NULL;
	int *nz = NULL, rc = -ENOMEM;

	s.rad_of = malloc(nr * sizeof(int));
	s.set_radio = malloc(nr * sizeof(size_t));
	s.unit_col = malloc((w->nunits + 1) * sizeof(int));
	s.mat_col = malloc((w->nmats + 1) * sizeof(int));
	s.seen = calloc(w->nunits + 1, 1);
	s.unit_info = calloc(w->nunits + 1, sizeof(double));
	s.unit_prior = calloc(w->nunits + 1, sizeof(double));
	s.unit_paths = calloc(w->nunits + 1, sizeof(int));
	s.mat_paths = calloc(w->nmats + 1, sizeof(int));
	s.mat_door = calloc(w->nmats + 1, sizeof(bool));
	if (!s.rad_of || !s.set_radio || !s.unit_col || !s.mat_col || !s.seen || !s.unit_info ||
	    !s.unit_prior || !s.unit_paths || !s.mat_paths || !s.mat_door)
		goto out;
	for (size_t r = 0; r < nr; r++)
		s.rad_of[r] = -1;
	if ((rc = gather_paths(&s, groups, ngroups)))
		goto out;
	rc = -ENOMEM;
	columns(&s);
	s.A = malloc(s.D * s.D * sizeof(double) + 1);
	s.b = malloc((s.D + 1) * sizeof(double));
	s.x = calloc(s.D + 1, sizeof(double));
	g = calloc(s.D + 1, sizeof(double));
	nz = malloc((s.D + 1) * sizeof(int));
	if (!s.A || !s.b || !s.x || !g || !nz)
		goto out;
	/* Start from every radio's own fit, the walls as drawn. */
	for (size_t k = 0; k < s.nradios; k++) {
		s.x[2 * k] = e->models[s.set_radio[k]].p1_dbm;
		s.x[2 * k + 1] = e->models[s.set_radio[k]].n;
	}
	for (int round = 0; round < ROUNDS; round++)
		if ((rc = solve_round(&s, g, nz)))
			goto out;
	rc = publish(&s);
out:
	free(g);
	free(nz);
	solve_release(&s);
	return rc;
}
