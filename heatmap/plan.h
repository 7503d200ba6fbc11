/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan.h — from not-spots to a costed fix: the fewest new access points that
 * bring the chosen wards to a target share of area passing a profile, as the
 * survey's own fitted model predicts it, with a margin for that model's
 * measured error.
 *
 * The model is the estimator's (estimate.h): a new AP at (x, y) gives
 *     rss = P1 − 10·n·log10(√(d² + h²)) − Σ learned wall losses
 * with P1 and n the median of the survey's fitted radios on the band (or P1
 * from --tx-power), h the estimator's antenna height, and the walls the
 * floor's drawn walls scaled by the loss per material the survey learned.
 * σ is the survey's residual spread: the fitted APs' residual RMS at their
 * sample bins, pooled over their bins.
 *
 * Judging a cell after: a cell that passes today (the map built with
 * prediction) still passes — new APs only add signal. A cell that fails today
 * counts as fixed only if every rule it fails clears its threshold by k·σ
 * with the new APs: primary and secondary are the two strongest of today's
 * two and the new APs' (each new AP is a physical AP of its own), SNR moves
 * with the primary, co-channel falls as the primary rises (new APs take
 * channels that keep it so, see hm_plan_channels()), the AP count counts new
 * APs heard at the level + k·σ. Rules on other metrics (utilisation, loss,
 * RTT …) are not changed by a new AP in this model: a cell failing one of
 * them stays failing.
 *
 * Search: greedy (each step the candidate that brings the chosen wards
 * nearest their targets), then an improvement pass (remove what is not
 * needed, swap a chosen AP for any candidate that does better, remove
 * again). On small cases an exhaustive search over every subset of at most
 * the greedy's size gives the optimum, and the gap is reported. Every step
 * keeps the minimum spacing: no two proposals, and no proposal and existing
 * AP of the band, closer than hm_plan_opts.min_spacing_m.
 *
 * Ownership: struct hm_plan owns its arrays (hm_plan_release()).
 */
#ifndef NOTSPOT_HEATMAP_PLAN_H
#define NOTSPOT_HEATMAP_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "floorplans/model.h"
#include "heatmap/map.h"
#include "heatmap/samples.h"
#include "util/err.h"
#include "util/strbuf.h"

/* Where candidates come from. */
enum hm_plan_cand_mode {
	HM_PLAN_CAND_CEILING,   /* a grid over the chosen wards */
	HM_PLAN_CAND_CORRIDORS, /* that grid, only in wards named corridor, street, hall */
	HM_PLAN_CAND_LIST,      /* the caller's list (hm_plan_opts.list) */
};

#define HM_PLAN_MAX_WARDS 64
#define HM_PLAN_MAX_APS 32
#define HM_PLAN_MAX_CANDS 5000
/* A grid is widened until it gives at most this many candidates. */
#define HM_PLAN_GRID_CANDS 400

/* One candidate place. */
struct hm_plan_cand {
	double x, y;            /* metres */
	int ward;               /* index into fp->wards, -1 none */
	char name[64];          /* the user's name for it, or "" */
};

struct hm_plan_opts {
	double target_pct;      /* share of a ward's judged area to pass, % (95) */
	double k;               /* margin in units of σ (1.0) */
	int max_aps;            /* at most this many new APs (8) */
	int band;               /* enum fp_band of the new APs (the map's band, else 5 GHz) */
	double tx_dbm;          /* new APs' transmit power, dBm; NAN: as the survey's APs */
	double ap_cost;         /* unit cost of one AP (0: not given) */
	double step_m;          /* ceiling grid step, m (2.5) */
	enum hm_plan_cand_mode cand_mode;
	const struct hm_plan_cand *list; /* HM_PLAN_CAND_LIST: the places */
	size_t nlist;
	bool wards[HM_PLAN_MAX_WARDS]; /* the chosen wards (by index into fp->wards) */
	long exhaustive_budget; /* subsets × cells the exhaustive search may look at (4e8) */
	const struct hm_set *set; /* the map's samples: for the power alternative (NULL: none) */
	double power_step_db;   /* the power alternative tries +this and +2× this, dB (3) */
	/*
	 * No two proposed APs closer than this, and none closer than this to an
	 * existing AP of the band (the survey's fitted radios), m (8; 0: none).
	 */
	double min_spacing_m;
	bool keep_channels;     /* existing radios keep their channels (no channel changes) */
};

void hm_plan_opts_default(struct hm_plan_opts *o);

/* A proposed AP. */
struct hm_plan_ap {
	double x, y;            /* metres */
	int cand;               /* index into hm_plan.cands */
	int ward;               /* index into fp->wards, -1 none */
	char name[64];          /* "PROP-01" */
	int channel;            /* by hm_plan_channels(), 0 before */
	bool dfs;               /* a 5 GHz DFS channel (radar detection: may move) */
	double interference_dbm; /* strongest co-channel AP heard at its place, dBm (-inf: none) */
	double tx_dbm;          /* transmit power, dBm */
};

#define HM_PLAN_MAX_CHANGES 32
/* An existing radio hearing a co-channel AP above this is worth a new channel, dBm. */
#define HM_PLAN_COCH_DBM -85.0

/* A new channel for an existing radio (no hardware: a configuration change). */
struct hm_plan_rechannel {
	char name[64];          /* its AP's name (hm_ap_fit.name) */
	size_t radio;           /* index into hm_set.radios */
	double x, y;            /* its AP's fitted place, m */
	int from, to;           /* channels */
	double before_dbm;      /* strongest co-channel AP at its place on @from, dBm (-inf: none) */
	double after_dbm;       /* … on @to, with every change and proposal made */
};

/* One chosen ward, before and after. */
struct hm_plan_ward {
	int ward;               /* index into fp->wards */
	double judged_m2;       /* area judged (surveyed or predicted) */
	double before_pass_m2;  /* passing today (the predicted map) */
	double after_pass_m2;   /* passing with the proposal, margin k·σ */
	bool met;               /* after ≥ target */
};

struct hm_plan {
	double sigma_db;        /* the model's measured error, dB */
	double k, margin_db;    /* margin = k·σ */
	double p1_dbm, n, height_m; /* the new APs' model */
	int band;
	struct hm_plan_cand *cands;
	size_t ncands;
	size_t excluded;        /* places left out: lead-lined, lift, outside, on a wall */
	double step_m;          /* the grid step used (widened to keep HM_PLAN_GRID_CANDS) */
	double min_spacing_m;   /* the spacing kept (hm_plan_opts.min_spacing_m), m */
	size_t spaced_out;      /* candidates closer than it to an existing AP */
	struct hm_plan_ap aps[HM_PLAN_MAX_APS];
	int naps;
	bool keep_channels;     /* as asked: no channel changes proposed */
	struct hm_plan_rechannel changes[HM_PLAN_MAX_CHANGES]; /* by hm_plan_channels() */
	int nchanges;
	int greedy_naps;        /* before the improvement pass */
	int swaps, removals;    /* what the improvement pass changed */
	struct hm_plan_ward wards[HM_PLAN_MAX_WARDS];
	int nwards;
	bool met;               /* every chosen ward reaches the target */
	int optimum_naps;       /* exhaustive: the fewest that meet it; -1 not run or none ≤ the bound */
	bool optimum_run;
	long optimum_subsets;   /* subsets it looked at */
	/*
	 * The cheaper alternative: the one existing AP whose power raised by
	 * power_db brings the wards nearest their targets (same margin rule; the
	 * AP must have the headroom). power_ap "" when none helps or not run.
	 */
	char power_ap[64];
	double power_db;
	double power_pass_m2[HM_PLAN_MAX_WARDS];
	bool power_met;
	/* The predicted after-map's metrics and verdicts over the map's grid (owned). */
	float *after[HM_NMETRICS];
	uint8_t *verdict;
	uint32_t *failed;
};

/**
 * hm_plan_run() - propose APs for the map @before (built with prediction
 * and a profile) of @fp. 0, -ENOENT (no ward chosen, no candidate), -EINVAL
 * (a map without verdicts), -ENOMEM, each with a sentence. Not meeting the
 * target is not an error: @out->met says so.
 */
int hm_plan_run(const struct hm_map *before, const struct floorplan *fp,
		const struct hm_plan_opts *o, struct hm_plan *out, struct ns_err *err);
void hm_plan_release(struct hm_plan *p);

/**
 * hm_plan_channels() - give every proposed AP a channel on its band: 2.4 GHz
 * 1/6/11; 5 GHz the non-DFS channels first (36–48, 149–165), a DFS channel
 * only when it is clearer by 6 dB; 6 GHz the preferred scanning channels.
 * Each takes the channel on which the strongest AP already there (the
 * survey's radios, by their fitted models at the new place, and the proposals
 * given channels before it) is weakest; at 5 GHz a neighbour counts on both
 * channels of its 40 MHz block (its width is not in the samples).
 * Then, unless @p->keep_channels, existing radios of the band that hear a
 * co-channel AP above HM_PLAN_COCH_DBM at their place (worst first) move to
 * the clearest channel of the same list when it is clearer by 6 dB: listed
 * in @p->changes as channel changes (no hardware cost).
 */
void hm_plan_channels(struct hm_plan *p, const struct hm_map *before, const struct hm_set *set);

/** hm_plan_apply() - make @m the predicted after-map: its metrics, verdicts and not-spots. */
int hm_plan_apply(const struct hm_plan *p, const struct floorplan *fp, struct hm_map *m,
		  struct ns_err *err);

/**
 * hm_plan_parse_candidates() - a user's candidate places: CSV ("x,y[,name]"
 * per line, an optional header, '#' comments) or JSON ({"candidates":
 * [{"x": 1, "y": 2, "name": "…"}]}, or a bare array), @len bytes. *@out
 * malloc'd. -EINVAL with a sentence naming the line or item.
 */
int hm_plan_parse_candidates(const char *text, size_t len, struct hm_plan_cand **out, size_t *n,
			     struct ns_err *err);

/**
 * hm_plan_inside_shielded() - whether (@x, @y) lies in a room walled with lead
 * or a lift shaft: rooms are the regions of a 0.5 m raster between the drawn
 * walls (doors closed), shielded when 40 % of its boundary is such a wall.
 */
bool hm_plan_inside_shielded(const struct floorplan *fp, double x, double y);

/**
 * hm_plan_bom_csv() - the bill of materials appended to @out: a header, one
 * row per proposed AP (ap, x_m, y_m, floor, ward, band, channel, dfs,
 * tx_power_dbm, unit_cost @cost), one per channel change of an existing
 * radio (ap "NAME (channel change from C)", channel the new one, cost 0) and
 * a TOTAL row (count × @cost).
 * hm_plan_bom_json() - the same as a JSON document in *@out (free()):
 * {"predicted": true, "sigma_db", "margin_k", "aps": […], "channel_changes":
 * […], "keep_channels", "count", "unit_cost", "total_cost"}. 0 or -ENOMEM.
 */
int hm_plan_bom_csv(const struct hm_plan *p, const struct floorplan *fp, double cost,
		    struct strbuf *out);
int hm_plan_bom_json(const struct hm_plan *p, const struct floorplan *fp, double cost, char **out);

/* The validation walk against the prediction, per chosen ward (hm_plan_check()). */
struct hm_plan_check_ward {
	int ward;               /* index into fp->wards */
	long compared;          /* cells judged in both maps */
	long over;              /* measured below the prediction by more than k·σ */
	long under;             /* measured above it by more than k·σ */
	long verdict_wrong;     /* predicted passing, measured failing, or the reverse */
	double mean_err_db;     /* mean (measured − predicted) over the compared cells, dB */
};

struct hm_plan_check {
	double tol_db;          /* k·σ, dB */
	struct hm_plan_check_ward wards[HM_PLAN_MAX_WARDS];
	int nwards;
	long compared, wrong;   /* over every chosen ward: cells compared, cells off by > k·σ */
};

/**
 * hm_plan_check() - compare the predicted after-map @pred (hm_plan_apply()
 * of @p) with @meas, the map measured on the validation walk of the same
 * floor (same grid): per chosen ward of @p, the cells judged in both whose
 * measured primary signal differs from the predicted one by more than
 * @p->margin_db (k·σ), and those whose verdict differs. @meas's verdicts
 * then mark them: a cell off by more than k·σ FAIL (its failed bits 1),
 * a compared cell within it PASS, every other cell not surveyed (its cover
 * too); its
 * not-spots are those cells (for a PNG marking where the prediction was
 * wrong). 0, -EINVAL (grids differ, no primary signal) or -ENOMEM.
 */
int hm_plan_check(const struct hm_plan *p, const struct hm_map *pred, struct hm_map *meas,
		  const struct floorplan *fp, struct hm_plan_check *out, struct ns_err *err);

#endif
