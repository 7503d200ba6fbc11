/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_plan.c — `notspot plan`: the fewest new APs that bring the chosen
 * wards to a target share passing, as the survey's own fitted model predicts
 * with a margin for its measured error; stored as proposed APs, with a bill
 * of materials and a predicted after-map (heatmap/plan.h).
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/mapopts.h"
#include "floorplans/loader.h"
#include "heatmap/levels.h"
#include "heatmap/load.h"
#include "heatmap/map.h"
#include "heatmap/plan.h"
#include "heatmap/render.h"
#include "heatmap/report.h"
#include "heatmap/report_plan.h"
#include "survey/survey.h"
#include "util/clock.h"
#include "util/file.h"

#define PLAN_MAP_FLAGS (CLI_MAP_WARD_LIST)

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot plan SURVEY --profile P [--ward W ...] [OPTIONS]\n"
		"Propose the fewest new access points that bring every chosen ward to a target\n"
		"share of its area passing the profile, as predicted by the survey's own fitted\n"
		"model (its APs, powers, exponents and learned wall losses). A cell failing today\n"
		"counts as fixed only when the prediction clears the threshold by k x sigma,\n"
		"sigma the model's residual spread measured on this survey. Greedy with an\n"
		"improvement pass (remove, swap); on small cases an exhaustive search gives the\n"
		"optimum and the gap. Channels: 2.4 GHz 1/6/11, 5 GHz non-DFS first (DFS said),\n"
		"6 GHz preferred scanning channels; an existing AP hearing a co-channel AP may\n"
		"be given a new channel too (a channel change, no hardware) unless\n"
		"--keep-channels.\n"
		"The proposal is stored in the survey as APs of kind 'proposed' (replacing the\n"
		"previous proposal of the floor) unless --dry-run. The after-map is a\n"
		"PREDICTION: walk the wards again once the APs are in, and compare with\n"
		"--validate.\n\n"
		"Options:\n");
	cli_map_help(f, PLAN_MAP_FLAGS);
	fprintf(f,
		"  --target PCT       share of each chosen ward's area to pass, %% (default 95)\n"
		"  --margin-k K       a fixed cell must clear each threshold by K sigma (default 1)\n"
		"  --max-aps N        at most N new APs (default 8)\n"
		"  --candidates C     ceiling (a grid over the chosen wards, default), corridors\n"
		"                     (the grid over wards named corridor, street, hall), or a\n"
		"                     FILE of places: CSV x,y[,name] or JSON {\"candidates\":\n"
		"                     [{\"x\":..,\"y\":..,\"name\":..}]}, metres\n"
		"  --step M           the grid's step, m (default 2.5; widened past 400 places)\n"
		"  --tx-power DBM     the new APs' transmit power (default: as the survey's APs)\n"
		"  --min-spacing M    no two proposed APs, and no proposed and existing AP of\n"
		"                     the band, closer than M metres (default 8; 0: none)\n"
		"  --keep-channels    existing APs keep their channels (no channel changes)\n"
		"  --ap-cost COST     unit cost of one AP, for the bill of materials\n"
		"  --bom PREFIX       write the bill of materials to PREFIX.csv and PREFIX.json\n"
		"  -o, --after FILE   the predicted after-map, .png or .pdf\n"
		"  --report FILE.pdf  the evidence report of the floor with a \"Proposed fix\"\n"
		"                     section (PREDICTED on each of its pages)\n"
		"  --validate V.notspot  compare the predicted after-map with the map measured\n"
		"                     on the validation walk V (same floor): per ward the cells\n"
		"                     where the measurement differs by more than k x sigma\n"
		"  --validate-map F.png  those cells marked on the floor (with --validate)\n"
		"  --dry-run          do not store the proposal in the survey\n"
		"  -h, --help         this help\n");
}

struct plan_args {
	struct cli_map map;
	struct hm_plan_opts o;
	const char *cands, *bom, *after, *report, *validate, *validate_map;
	bool dry_run, predict; /* predict: the report's own maps judge beyond the reach */
};

static int num(const char *opt, const char *arg, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(arg, &end);

	if (end == arg || *end || !(v >= lo && v <= hi))
		return cli_usage_error("plan", "%s takes a number from %g to %g, not '%s'", opt, lo,
				       hi, arg);
	*out = v;
	return EXIT_OK;
}

static int plan_option(void *ctx, int c, const char *arg)
{
	struct plan_args *a = ctx;
	double v;
	int rc;

	switch (c) {
	CLI_MAP_CASES: return cli_map_option("plan", &a->map, c, arg);
	case 'T': return num("--target", arg, 1, 100, &a->o.target_pct);
	case 'k': return num("--margin-k", arg, 0, 5, &a->o.k);
	case 'n':
		if ((rc = num("--max-aps", arg, 1, HM_PLAN_MAX_APS, &v)))
			return rc;
		a->o.max_aps = (int)v;
		break;
	case 'C': a->cands = arg; break;
	case 'S': return num("--step", arg, 0.5, 50, &a->o.step_m);
	case 'P': return num("--tx-power", arg, -10, 36, &a->o.tx_dbm);
	case 'c': return num("--ap-cost", arg, 0, 1e7, &a->o.ap_cost);
	case 'K': a->o.keep_channels = true; break;
	case 'm': return num("--min-spacing", arg, 0, 100, &a->o.min_spacing_m);
	case 'B': a->bom = arg; break;
	case 'o': a->after = arg; break;
	case 'd': a->dry_run = true; break;
	case 'R': a->report = arg; break;
	case 'V': a->validate = arg; break;
	case 'W': a->validate_map = arg; break;
	}
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct plan_args *a, const char **survey)
{
	static const struct option longopts[] = {
		CLI_MAP_LONGOPTS,
		{ "target", required_argument, NULL, 'T' },
		{ "margin-k", required_argument, NULL, 'k' },
		{ "max-aps", required_argument, NULL, 'n' },
		{ "candidates", required_argument, NULL, 'C' },
		{ "step", required_argument, NULL, 'S' },
		{ "tx-power", required_argument, NULL, 'P' },
		{ "ap-cost", required_argument, NULL, 'c' },
		{ "min-spacing", required_argument, NULL, 'm' },
		{ "keep-channels", no_argument, NULL, 'K' },
		{ "bom", required_argument, NULL, 'B' },
		{ "after", required_argument, NULL, 'o' },
		{ "dry-run", no_argument, NULL, 'd' },
		{ "report", required_argument, NULL, 'R' },
		{ "validate", required_argument, NULL, 'V' },
		{ "validate-map", required_argument, NULL, 'W' },
		CLI_LONGOPTS_END,
	};
	static const struct cli_options parser = { "plan", "o:h", longopts, usage, plan_option };
	int rc;

	cli_map_init(&a->map, PLAN_MAP_FLAGS);
	hm_plan_opts_default(&a->o);
	if ((rc = cli_getopt(&parser, a, argc, argv)))
		return rc;
	a->predict = a->map.predict;
	a->map.predict = true; /* a plan judges every cell of the wards by the estimate */
	if (a->map.band >= 0)
		a->o.band = a->map.band;
	return cli_map_survey("plan", argc, argv, survey);
}

/* --candidates: the mode, or the user's file read into @a->o.list. */
static int read_candidates(struct plan_args *a, struct hm_plan_cand **list)
{
	struct ns_err err = { 0 };
	char *text = NULL;
	size_t len = 0;

	*list = NULL;
	if (!a->cands || strcmp(a->cands, "ceiling") == 0)
		return EXIT_OK;
	if (strcmp(a->cands, "corridors") == 0) {
		a->o.cand_mode = HM_PLAN_CAND_CORRIDORS;
		return EXIT_OK;
	}
	if (ns_read_file(a->cands, 1 << 22, &text, &len, &err) ||
	    hm_plan_parse_candidates(text, len, list, &a->o.nlist, &err)) {
		free(text);
		return cli_fail("plan", &err);
	}
	free(text);
	a->o.list = *list;
	a->o.cand_mode = HM_PLAN_CAND_LIST;
	return EXIT_OK;
}

/* The chosen wards: those given with --ward, else every ward of the floor. */
static int choose_wards(struct plan_args *a, const struct floorplan *fp)
{
	if (!fp->nwards)
		return cli_error("plan", "floor '%s' has no wards to plan for", fp->name);
	if (fp->nwards > HM_PLAN_MAX_WARDS)
		return cli_error("plan", "floor '%s' has more than %d wards: choose with --ward",
				 fp->name, HM_PLAN_MAX_WARDS);
	for (size_t k = 0; k < a->map.nwards; k++) {
		const struct fp_ward *w = floorplan_find_ward(fp, a->map.wards[k]);

		if (!w)
			return cli_error("plan", "floor '%s' has no ward called '%s'", fp->name,
					 a->map.wards[k]);
		a->o.wards[w - fp->wards] = true;
	}
	for (size_t w = 0; w < fp->nwards && !a->map.nwards; w++)
		a->o.wards[w] = true;
	return EXIT_OK;
}

static const char *ward_name(const struct floorplan *fp, int w)
{
	return w >= 0 && (size_t)w < fp->nwards ? fp->wards[w].name : "";
}

static const char *heard_text(char *buf, size_t len, double dbm)
{
	snprintf(buf, len, "%.0f dBm", dbm);
	return buf;
}

static void print_plan(const struct plan_args *a, const struct floorplan *fp,
		       const struct hm_plan *p, const struct hm_profile *prof)
{
	char b[16], c[16];

	printf("Plan for %s — profile %s, target %.0f%% of each ward passing — PREDICTED\n",
	       fp->name, prof->name, a->o.target_pct);
	printf("  model: new AP P1 %.1f dBm at 1 m (tx %.0f dBm), exponent %.2f, learned walls; "
	       "measured error sigma %.1f dB, margin k x sigma = %.1f x %.1f = %.1f dB\n",
	       p->p1_dbm, p->naps ? p->aps[0].tx_dbm : NAN, p->n, p->sigma_db, p->k, p->sigma_db,
	       p->margin_db);
	printf("  candidates: %zu", p->ncands);
	if (isfinite(p->step_m))
		printf(" on a %.1f m grid", p->step_m);
	printf(" (%zu places left out: lead-lined, lift, outside the wards or on a wall)\n",
	       p->excluded);
	if (p->min_spacing_m > 0)
		printf("  spacing: at least %.1f m between proposed APs and from existing APs of the "
		       "band (%zu candidates too near an existing AP)\n",
		       p->min_spacing_m, p->spaced_out);
	else
		printf("  spacing: none kept (--min-spacing 0)\n");
	printf("  %-24s %9s %9s %9s\n", "ward", "judged m²", "today", "after");
	for (int w = 0; w < p->nwards; w++) {
		const struct hm_plan_ward *pw = &p->wards[w];

		printf("  %-24s %9.0f %9s %9s%s\n", ward_name(fp, pw->ward), pw->judged_m2,
		       cli_fmt_share(b, sizeof(b), pw->before_pass_m2, pw->judged_m2),
		       cli_fmt_share(c, sizeof(c), pw->after_pass_m2, pw->judged_m2),
		       pw->met ? "" : "  below target");
	}
	for (int k = 0; k < p->naps; k++) {
		const struct hm_plan_ap *ap = &p->aps[k];

		printf("  %s at (%.1f, %.1f) m in %s: %s channel %d%s, %.0f dBm, co-channel AP heard "
		       "there: %s\n",
		       ap->name, ap->x, ap->y, ward_name(fp, ap->ward), hm_band_name(p->band),
		       ap->channel, ap->dfs ? " (DFS)" : "", ap->tx_dbm,
		       ap->interference_dbm >= -92 ? heard_text(b, sizeof(b), ap->interference_dbm)
						       : "none above -92 dBm");
	}
	for (int k = 0; k < p->nchanges; k++) {
		const struct hm_plan_rechannel *ch = &p->changes[k];

		printf("  channel change: %s at (%.1f, %.1f) m from channel %d to %d (no hardware): "
		       "co-channel AP heard there %s -> %s\n",
		       ch->name, ch->x, ch->y, ch->from, ch->to,
		       heard_text(b, sizeof(b), ch->before_dbm),
		       ch->after_dbm >= -92 ? heard_text(c, sizeof(c), ch->after_dbm) : "none above -92 dBm");
	}
	if (p->keep_channels)
		printf("  existing APs keep their channels (--keep-channels)\n");
	else if (!p->nchanges)
		printf("  no existing AP needs a new channel\n");
	printf("  %d new AP%s%s (greedy %d, improvement pass: %d swap%s, %d removal%s)\n",
	       p->naps, p->naps == 1 ? "" : "s", p->met ? " meet the target" : " do NOT meet the target",
	       p->greedy_naps, p->swaps, p->swaps == 1 ? "" : "s", p->removals,
	       p->removals == 1 ? "" : "s");
	if (!p->optimum_run)
		printf("  exhaustive search: not run (too many candidates for it)\n");
	else if (p->optimum_naps < 0)
		printf("  exhaustive search (%ld subsets): no subset of at most %d meets the target\n",
		       p->optimum_subsets, p->naps);
	else
		printf("  exhaustive search (%ld subsets): optimum %d, greedy %d, gap %d\n",
		       p->optimum_subsets, p->optimum_naps, p->naps, p->naps - p->optimum_naps);
	if (p->power_ap[0]) {
		printf("  cheaper alternative: raise %s by %.0f dB (if it has the headroom):", p->power_ap,
		       p->power_db);
		for (int w = 0; w < p->nwards; w++)
			printf(" %s %s", ward_name(fp, p->wards[w].ward),
			       cli_fmt_share(b, sizeof(b), p->power_pass_m2[w], p->wards[w].judged_m2));
		printf(" — %s\n", p->power_met ? "meets the target" : "does not meet the target");
	} else {
		printf("  cheaper alternative: no single power raise of an existing AP helps\n");
	}
	if (a->o.ap_cost > 0)
		printf("  cost: %d x %.2f = %.2f\n", p->naps, a->o.ap_cost, p->naps * a->o.ap_cost);
	printf("  This is a prediction: walk the wards again once the APs are in and compare "
	       "the walk with `notspot plan ... --validate WALK`.\n");
}

/* The bill of materials as CSV and JSON. */
static int write_bom(const char *prefix, const struct floorplan *fp, const struct hm_plan *p,
		     double cost)
{
	struct strbuf csv = STRBUF_INIT;
	char path[4096], *json = NULL;
	int rc = EXIT_OK;

	if (hm_plan_bom_csv(p, fp, cost, &csv) || hm_plan_bom_json(p, fp, cost, &json)) {
		rc = cli_error("plan", "out of memory writing the bill of materials");
		goto out;
	}
	for (int k = 0; k < 2 && rc == EXIT_OK; k++) {
		const char *text = k ? json : csv.buf;
		FILE *f;

		snprintf(path, sizeof(path), "%s.%s", prefix, k ? "json" : "csv");
		if (!(f = fopen(path, "w"))) {
			rc = cli_error("plan", "%s: %s", path, strerror(errno));
			break;
		}
		if (fputs(text, f) < 0 || (k && fputc('\n', f) < 0))
			rc = cli_error("plan", "%s: cannot write", path);
		if (fclose(f) && rc == EXIT_OK)
			rc = cli_error("plan", "%s: %s", path, strerror(errno));
	}
out:
	strbuf_release(&csv);
	free(json);
	return rc;
}

/* Replace the floor's previous proposal in the survey with @p's APs. */
static int store_plan(struct survey *s, struct floorplan *fp, const struct hm_plan *p,
		      double cost, size_t *replaced)
{
	struct ns_err err = { 0 };
	char run[64], day[40];

	*replaced = 0;
	for (size_t k = 0; k < fp->naps; k++) {
		if (strcmp(fp->aps[k].source, "proposed") != 0)
			continue;
		if (survey_remove_ap(s, fp->aps[k].id, &err))
			return cli_fail("plan", &err);
		(*replaced)++;
	}
	ns_format_utc(ns_wall_us(), day, sizeof(day));
	snprintf(run, sizeof(run), "plan %s", day);
	for (int k = 0; k < p->naps; k++) {
		struct fp_ap ap = { 0 };

		snprintf(ap.name, sizeof(ap.name), "%s", p->aps[k].name);
		ap.pos = (struct fp_point){ p->aps[k].x, p->aps[k].y };
		ap.height_m = NAN;
		snprintf(ap.source, sizeof(ap.source), "proposed");
		snprintf(ap.mount, sizeof(ap.mount), "ceiling");
		snprintf(ap.plan, sizeof(ap.plan), "%s", run);
		snprintf(ap.note, sizeof(ap.note), "predicted by notspot plan; sigma %.1f dB, k %.1f",
			 p->sigma_db, p->k);
		ap.cost = cost > 0 ? cost : NAN;
		ap.nradios = 1;
		ap.radios[0] = (struct fp_radio){ .band = (enum fp_band)p->band,
						  .channel = p->aps[k].channel, .width_mhz = 20,
						  .tx_power_dbm = p->aps[k].tx_dbm };
		if (survey_add_ap(s, fp->id, &ap, &err) < 0)
			return cli_fail("plan", &err);
	}
	return EXIT_OK;
}

/* The predicted after-map of @m (changed in place) with the proposals marked. */
static int write_after(const struct plan_args *a, struct survey *s, const struct hm_set *set,
		       struct floorplan *fp, struct hm_map *m, const struct hm_plan *p,
		       const struct hm_ap_mark *marks)
{
	struct survey_meta meta = { 0 };
	struct fp_raster drawing = { 0 };
	struct hm_render_opts ro;
	struct ns_err err = { 0 };
	char site[200];
	int fmt = hm_format_of_path(a->after), rc = EXIT_OK;

	if (fmt < 0 || fmt == HM_FMT_SVG)
		return cli_usage_error("plan", "the after-map is .png or .pdf, not '%s'", a->after);
	if (survey_get_meta(s, &meta, &err))
		return cli_fail("plan", &err);
	hm_render_opts_default(&ro);
	ro.show_aps = true;
	ro.set = set;
	/* The title block says it: the map is a prediction with the proposal in. */
	snprintf(site, sizeof(site), "%s — PREDICTED after %d proposed AP%s", meta.site, p->naps,
		 p->naps == 1 ? "" : "s");
	ro.site = site;
	ro.metric = -1;
	ro.floor = fp->name;
	ro.surveyor = meta.surveyor;
	ro.band = hm_band_name(p->band);
	ro.marks = marks;
	ro.nmarks = (size_t)p->naps;
	(void)m;
	if (survey_has_simulated_walks(s, fp->id, &ro.simulated, &err))
		return cli_fail("plan", &err);
	if (fp->image && fp->image_len && fp_raster_for_floor(fp, &drawing, NULL) == 0)
		ro.drawing = drawing.surface;
	if (hm_render_file(m, &ro, a->after, (enum hm_format)fmt, &err))
		rc = cli_fail("plan", &err);
	fp_raster_release(&drawing);
	return rc;
}

/* The evidence report of the floor with the "Proposed fix" section. */
static int write_report(const struct plan_args *a, const char *survey_path,
			const struct hm_report_plan *rp)
{
	struct hm_report_opts ro;
	struct hm_report_info info;
	struct ns_err err = { 0 };
	size_t len = strlen(a->report);

	if (len < 4 || strcmp(a->report + len - 4, ".pdf") != 0)
		return cli_usage_error("plan", "the report is a PDF: '%s' must end in .pdf",
				       a->report);
	hm_report_opts_default(&ro);
	cli_map_to_report_opts(&a->map, &ro);
	ro.predict = a->predict;
	ro.floor = rp->fp->name;
	ro.plan = rp;
	if (hm_report_write_path(survey_path, &ro, a->report, &info, &err))
		return cli_fail("plan", &err);
	printf("  report with the proposed fix (PREDICTED): %s, %d pages\n", a->report, info.pages);
	return EXIT_OK;
}

/* The after-map and the report: @m becomes the predicted after-map. */
static int write_outputs(const struct plan_args *a, struct survey *s, const char *survey_path,
			 const struct hm_set *set, struct floorplan *fp, struct hm_map *m,
			 const struct hm_plan *p)
{
	struct hm_ap_mark marks[HM_PLAN_MAX_APS];
	struct ns_err err = { 0 };
	size_t keep = 0;
	int rc = EXIT_OK;

	if (hm_plan_apply(p, fp, m, &err))
		return cli_fail("plan", &err);
	for (size_t k = 0; k < fp->naps; k++) /* the previous proposal is not drawn */
		if (strcmp(fp->aps[k].source, "proposed") != 0)
			fp->aps[keep++] = fp->aps[k];
	fp->naps = keep;
	for (int k = 0; k < p->naps; k++) {
		marks[k] = (struct hm_ap_mark){ .pos = { p->aps[k].x, p->aps[k].y },
						.kind = HM_AP_PROPOSED };
		snprintf(marks[k].name, sizeof(marks[k].name), "%s", p->aps[k].name);
	}
	if (a->after && (rc = write_after(a, s, set, fp, m, p, marks)) == EXIT_OK)
		printf("  after-map (PREDICTED): %s\n", a->after);
	if (!rc && a->report) {
		struct hm_report_plan rp = { .plan = p, .fp = fp, .after = m, .set = set,
					     .marks = marks, .nmarks = (size_t)p->naps,
					     .target_pct = a->o.target_pct, .ap_cost = a->o.ap_cost };

		rc = write_report(a, survey_path, &rp);
	}
	return rc;
}

/* The validation map with the cells where the prediction was wrong marked, as a PNG. */
static int write_check_map(const char *path, struct survey *v, const struct hm_set *set,
			   const struct floorplan *fp, const struct hm_map *m, double tol)
{
	struct survey_meta meta = { 0 };
	struct hm_render_opts ro;
	struct ns_err err = { 0 };
	char site[240];

	if (hm_format_of_path(path) != HM_FMT_PNG)
		return cli_usage_error("plan", "the validation map is a .png, not '%s'", path);
	if (survey_get_meta(v, &meta, &err))
		return cli_fail("plan", &err);
	hm_render_opts_default(&ro);
	snprintf(site, sizeof(site), "%s — VALIDATION: red where the measurement differs from "
		 "the prediction by more than %.1f dB", meta.site, tol);
	ro.site = site;
	ro.metric = -1;
	ro.set = set;
	ro.show_aps = true;
	ro.floor = fp->name;
	ro.surveyor = meta.surveyor;
	if (survey_has_simulated_walks(v, fp->id, &ro.simulated, &err) ||
	    hm_render_file(m, &ro, path, HM_FMT_PNG, &err))
		return cli_fail("plan", &err);
	printf("  validation map: %s\n", path);
	return EXIT_OK;
}

/* --validate: the validation walk's map of the same floor against the predicted @pred. */
static int validate(const struct plan_args *a, const struct hm_map_opts *mo,
		    const struct floorplan *fp, const struct hm_map *pred, const struct hm_plan *p)
{
	struct survey *v = NULL;
	struct floorplan *vfp = NULL;
	struct hm_set vset;
	struct hm_map vm = { 0 };
	struct hm_plan_check ck;
	struct hm_map_opts o = *mo;
	struct ns_err err = { 0 };
	char b[16];
	int rc = EXIT_OK;

	o.levels = NULL;
	o.predict = a->predict; /* measured: within the walk's reach unless --predict */
	hm_set_init(&vset);
	if (survey_open(a->validate, SURVEY_READ_ONLY, &v, &err) ||
	    hm_load_floor(v, fp->name, &vfp, &vset, &err) ||
	    hm_map_build(&vset, vfp, &o, &vm, &err) || hm_plan_check(p, pred, &vm, fp, &ck, &err)) {
		rc = cli_fail("plan", &err);
		goto out;
	}
	printf("Validation walk %s against the prediction (tolerance k x sigma = %.1f dB, "
	       "primary signal):\n", a->validate, ck.tol_db);
	for (int w = 0; w < ck.nwards; w++) {
		const struct hm_plan_check_ward *cw = &ck.wards[w];

		printf("  %-24s %6ld cells compared, %s off by more than %.1f dB (%ld below the "
		       "prediction, %ld above), mean measured - predicted %+.1f dB, %ld verdicts "
		       "differ\n",
		       ward_name(fp, cw->ward), cw->compared,
		       cli_fmt_share(b, sizeof(b), (double)(cw->over + cw->under), (double)cw->compared),
		       ck.tol_db, cw->over, cw->under, cw->mean_err_db, cw->verdict_wrong);
	}
	printf("  summary: the prediction was wrong by more than %.1f dB at %s of %ld compared "
	       "cells\n", ck.tol_db, cli_fmt_share(b, sizeof(b), (double)ck.wrong, (double)ck.compared),
	       ck.compared);
	if (a->validate_map)
		rc = write_check_map(a->validate_map, v, &vset, vfp, &vm, ck.tol_db);
out:
	hm_map_release(&vm);
	hm_set_release(&vset);
	floorplan_free(vfp);
	survey_close(v);
	return rc;
}

/* Build today's predicted map and plan on it; print, store, write. */
static int run_plan(struct plan_args *a, struct survey *s, const char *survey_path,
		    struct floorplan *fp, const struct hm_set *set, const struct hm_profile *prof)
{
	struct hm_map_opts mo;
	struct hm_levels lv = { 0 };
	struct hm_map m;
	struct hm_plan p;
	struct ns_err err = { 0 };
	size_t replaced = 0;
	int rc;

	hm_map_opts_default(&mo);
	cli_map_to_map_opts(&a->map, &mo);
	mo.profile = prof;
	cli_progress("plan: estimating", 0, 1);
	/* Several walked levels: fitted together, other levels' APs heard through the slab. */
	if ((rc = cli_map_levels("plan", s, fp, &mo, &lv)))
		return rc;
	mo.levels = lv.nfloors ? &lv : NULL;
	if (hm_map_build(set, fp, &mo, &m, &err)) {
		hm_levels_release(&lv);
		return cli_fail("plan", &err);
	}
	cli_progress("plan: searching", 0, 1);
	a->o.set = set;
	if (hm_plan_run(&m, fp, &a->o, &p, &err)) {
		hm_map_release(&m);
		hm_levels_release(&lv);
		return cli_fail("plan", &err);
	}
	cli_progress("plan: searching", 1, 1);
	hm_plan_channels(&p, &m, set);
	print_plan(a, fp, &p, prof);
	if (lv.nfloors) {
		size_t walked = 0;

		for (size_t k = 0; k < lv.nfloors; k++)
			walked += lv.set[k]->nsamples > 0;
		printf("  levels: %zu walked levels of the building fitted together; %zu AP%s of "
		       "other levels heard here through the slab count in the before and after maps\n",
		       walked, m.nothers, m.nothers == 1 ? "" : "s");
	}
	rc = a->bom ? write_bom(a->bom, fp, &p, a->o.ap_cost) : EXIT_OK;
	if (!rc && !a->dry_run && (rc = store_plan(s, fp, &p, a->o.ap_cost, &replaced)) == EXIT_OK)
		printf("  stored %d proposed AP%s in the survey%s\n", p.naps, p.naps == 1 ? "" : "s",
		       replaced ? " (the floor's previous proposal replaced)" : "");
	if (!rc && (a->after || a->report))
		rc = write_outputs(a, s, survey_path, set, fp, &m, &p);
	else if (!rc && a->validate && hm_plan_apply(&p, fp, &m, &err))
		rc = cli_fail("plan", &err);
	if (!rc && a->validate)
		rc = validate(a, &mo, fp, &m, &p);
	hm_plan_release(&p);
	hm_map_release(&m);
	hm_levels_release(&lv);
	return rc;
}

CLI_COMMAND(plan, 175, "propose the fewest new APs that fix the not-spots, with costs");
int cmd_plan(int argc, char **argv)
{
	struct plan_args a = { 0 };
	struct hm_plan_cand *list = NULL;
	struct hm_profile prof;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct hm_set set;
	struct ns_err err = { 0 };
	const char *survey;
	bool have;
	int rc;

	if ((rc = parse(argc, argv, &a, &survey)))
		return cli_status(rc);
	if ((rc = cli_map_profile("plan", &a.map, &prof, &have)) || (rc = read_candidates(&a, &list)))
		return rc;
	if (survey_open(survey, a.dry_run ? SURVEY_READ_ONLY : SURVEY_READ_WRITE, &s, &err)) {
		free(list);
		return cli_fail("plan", &err);
	}
	if (hm_load_floor(s, a.map.floor, &fp, &set, &err)) {
		rc = cli_fail("plan", &err);
		goto out;
	}
	if ((rc = choose_wards(&a, fp)) == EXIT_OK)
		rc = run_plan(&a, s, survey, fp, &set, &prof);
	hm_set_release(&set);
out:
	floorplan_free(fp);
	survey_close(s);
	free(list);
	return rc;
}
