/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_ap.c — `notspot ap add|list|remove|rename|move|set`: the access points
 * of a floor plan — planned (a design), estimated, surveyed or proposed —
 * with their radios (band, channel, width, power), which the simulator and
 * the maps use.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/elements.h"
#include "floorplans/validate.h"
#include "sim/sim.h"
#include "util/mac.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: notspot ap ACTION SURVEY [--floor NAME] [--building B] ...\n"
		"The access points of a floor plan.\n\n"
		"Actions:\n"
		"  add SURVEY --name NAME --at X,Y [AP OPTIONS]\n"
		"  list SURVEY [--json]                   every floor's, or --floor's\n"
		"  remove SURVEY (--name NAME | --id N)\n"
		"  rename SURVEY (--name NAME | --id N) --to NEW\n"
		"  move SURVEY (--name NAME | --id N) (--at X,Y | --by DX,DY)\n"
		"  set SURVEY (--name NAME | --id N) [AP OPTIONS]   (--radio replaces them all)\n\n"
		"AP options:\n"
		"  --height M           antenna height above the floor (default 2.7, ceiling)\n"
		"  --source S           planned (default), estimated, surveyed or proposed\n"
		"  --model M, --mount M (ceiling, wall, ...), --note TEXT\n"
		"  --bssid-pattern P    e.g. 00:11:22:33:44:5?\n"
		"  --radio band=B,channel=C[,width=W][,power=P][,bssid=MAC]\n"
		"                       a radio (up to %d): band 2.4, 5 or 6; width 20, 40, 80,\n"
		"                       160 or 320 MHz; power in dBm\n\n"
		"Example:\n"
		"  notspot ap add site.notspot --floor \"Level 2\" --name AP-W22-03 --at 34,35 \\\n"
		"      --radio band=2.4,channel=1,power=7 --radio band=5,channel=149,width=40,power=17\n",
		FP_MAX_RADIOS);
}

/* What add and set take besides the common options. */
struct ap_opts {
	const char *height, *source, *model, *mount, *note, *pattern;
	struct fp_radio radios[FP_MAX_RADIOS];
	size_t nradios;
	bool have_at;
	struct fp_point at;
	const char *cmd;
};

/* One "key=value" of --radio into @r. */
static int radio_field(const char *cmd, const char *key, const char *val, struct fp_radio *r,
		       bool *have_band)
{
	long n;
	double d;

	if (strcmp(key, "band") == 0) {
		if (strcmp(val, "2.4") == 0)
			r->band = FP_BAND_2G4;
		else if (strcmp(val, "5") == 0)
			r->band = FP_BAND_5G;
		else if (strcmp(val, "6") == 0)
			r->band = FP_BAND_6G;
		else
			return cli_usage_error(cmd, "band=%s: the band is 2.4, 5 or 6", val);
		*have_band = true;
	} else if (strcmp(key, "channel") == 0 && cli_parse_int(val, &n) && n > 0 && n < 234) {
		r->channel = (int)n;
	} else if (strcmp(key, "width") == 0 && cli_parse_int(val, &n)) {
		r->width_mhz = (int)n;
	} else if (strcmp(key, "power") == 0 && cli_parse_double(val, &d)) {
		r->tx_power_dbm = d;
	} else if (strcmp(key, "bssid") == 0 && mac_parse(val, r->bssid) == 0) {
	} else {
		return cli_usage_error(cmd, "'%s=%s' is not a radio field (band, channel, width, "
					    "power, bssid) with a good value", key, val);
	}
	return EXIT_OK;
}

/* --radio band=B,channel=C[,width=W][,power=P][,bssid=MAC]. */
static int parse_radio(struct ap_opts *o, const char *v)
{
	char buf[256], *save = NULL;
	struct fp_radio r = { .tx_power_dbm = NAN };
	bool have_band = false;
	int rc;

	if (o->nradios >= FP_MAX_RADIOS)
		return cli_usage_error(o->cmd, "an AP has at most %d radios", FP_MAX_RADIOS);
	if (strlen(v) >= sizeof(buf))
		return cli_usage_error(o->cmd, "--radio is too long");
	memcpy(buf, v, strlen(v) + 1);
	for (char *f = strtok_r(buf, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(f, '=');

		if (!eq)
			return cli_usage_error(o->cmd, "'%s' in --radio is not key=value", f);
		*eq = '\0';
		if ((rc = radio_field(o->cmd, f, eq + 1, &r, &have_band)))
			return rc;
	}
	if (!have_band || !r.channel)
		return cli_usage_error(o->cmd, "--radio needs at least band= and channel=");
	if (!sim_freq_of_channel(r.band, r.channel))
		return cli_usage_error(o->cmd, "channel %d is not a %s GHz channel", r.channel,
				       r.band == FP_BAND_2G4 ? "2.4" : r.band == FP_BAND_5G ? "5" : "6");
	if (!r.width_mhz)
		r.width_mhz = 20;
	o->radios[o->nradios++] = r;
	return EXIT_OK;
}

static int ap_option(void *ctx, int c, const char *v)
{
	struct ap_opts *o = ctx;

	switch (c) {
	case 'H': o->height = v; break;
	case 's': o->source = v; break;
	case 'M': o->model = v; break;
	case 'u': o->mount = v; break;
	case 'N': o->note = v; break;
	case 'b': o->pattern = v; break;
	case 'r': return parse_radio(o, v);
	case 'a':
		if (floor_cli_parse_point(v, &o->at.x, &o->at.y))
			return cli_usage_error(o->cmd, "--at needs X,Y in metres");
		o->have_at = true;
		break;
	}
	return EXIT_OK;
}

static const struct option longopts[] = {
	ELEM_LONGOPTS,
	{ "at", required_argument, NULL, 'a' },
	{ "height", required_argument, NULL, 'H' },
	{ "source", required_argument, NULL, 's' },
	{ "model", required_argument, NULL, 'M' },
	{ "mount", required_argument, NULL, 'u' },
	{ "note", required_argument, NULL, 'N' },
	{ "bssid-pattern", required_argument, NULL, 'b' },
	{ "radio", required_argument, NULL, 'r' },
	{ NULL, 0, NULL, 0 },
};

/* Copy text option @v into @out (@cap bytes): refused when it does not fit. */
static int text_into(const char *cmd, const char *opt, const char *v, char *out, size_t cap)
{
	if (!v)
		return EXIT_OK;
	if (strlen(v) >= cap)
		return cli_usage_error(cmd, "%s is longer than %zu bytes", opt, cap - 1);
	memcpy(out, v, strlen(v) + 1);
	return EXIT_OK;
}

/* The AP options given onto @ap. */
static int apply(const struct ap_opts *o, struct fp_ap *ap)
{
	int rc;

	if (o->height && (!cli_parse_double(o->height, &ap->height_m) || ap->height_m < 0 ||
			  ap->height_m > 100))
		return cli_usage_error(o->cmd, "--height needs metres, 0 to 100");
	if (o->source && !fp_ap_source_known(o->source))
		return cli_usage_error(o->cmd, "--source is planned, estimated, surveyed or proposed, "
					       "not '%s'", o->source);
	if ((rc = text_into(o->cmd, "--source", o->source, ap->source, sizeof(ap->source))) ||
	    (rc = text_into(o->cmd, "--model", o->model, ap->model, sizeof(ap->model))) ||
	    (rc = text_into(o->cmd, "--mount", o->mount, ap->mount, sizeof(ap->mount))) ||
	    (rc = text_into(o->cmd, "--note", o->note, ap->note, sizeof(ap->note))) ||
	    (rc = text_into(o->cmd, "--bssid-pattern", o->pattern, ap->bssid_pattern,
			    sizeof(ap->bssid_pattern))))
		return rc;
	if (o->nradios) {
		memcpy(ap->radios, o->radios, sizeof(o->radios));
		ap->nradios = o->nradios;
	}
	return EXIT_OK;
}

/* An AP stands on the drawing (as far as a ward may reach past its edge). */
static int check_on_drawing(const char *cmd, const struct floorplan *fp, struct fp_point p)
{
	double x0 = -fp->origin_x_px / fp->px_per_m, y0 = -fp->origin_y_px / fp->px_per_m;
	double x1 = x0 + floorplan_width_m(fp), y1 = y0 + floorplan_height_m(fp);
	double tol = FP_DRAWING_TOLERANCE_M;

	if (p.x >= x0 - tol && p.x <= x1 + tol && p.y >= y0 - tol && p.y <= y1 + tol)
		return EXIT_OK;
	return cli_error(cmd, "(%g, %g) is off floor '%s''s drawing, which spans (%.2f, %.2f) to "
			      "(%.2f, %.2f) m", p.x, p.y, fp->name, x0 + 0.0, y0 + 0.0, x1, y1);
}

static const char *band_name(enum fp_band b)
{
	return b == FP_BAND_2G4 ? "2.4" : b == FP_BAND_5G ? "5" : "6";
}

/* "2.4 GHz ch 1/20 MHz 7 dBm; 5 GHz ch 149/40 MHz 17 dBm" */
static void radios_text(const struct fp_ap *ap, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ap->nradios && at < len; i++) {
		const struct fp_radio *r = &ap->radios[i];

		at += (size_t)snprintf(buf + at, len - at, "%s%s GHz ch %d/%d MHz", i ? "; " : "",
				       band_name(r->band), r->channel, r->width_mhz);
		if (at < len && isfinite(r->tx_power_dbm))
			at += (size_t)snprintf(buf + at, len - at, " %g dBm", r->tx_power_dbm);
	}
	if (!ap->nradios)
		snprintf(buf, len, "no radios given");
}

static int ap_add(int argc, char **argv)
{
	struct ap_opts o = { .cmd = "ap add" };
	struct elem_args a;
	struct fp_ap ap;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	char radios[256];
	int rc;

	fp_ap_init(&ap);
	ap.height_m = 2.7;
	snprintf(ap.source, sizeof(ap.source), "planned");
	if ((rc = elem_parse(&a, ELEM_AP, "ap add", usage, longopts, ap_option, &o, argc, argv)))
		goto out;
	if (!a.name || !a.name[0] || strlen(a.name) >= sizeof(ap.name) || !o.have_at) {
		rc = cli_usage_error(a.e.cmd, "give the AP's --name (at most %zu bytes) and --at X,Y",
				     sizeof(ap.name) - 1);
		goto out;
	}
	snprintf(ap.name, sizeof(ap.name), "%s", a.name);
	ap.pos = o.at;
	if ((rc = apply(&o, &ap)) ||
	    (rc = floor_cli_open(a.e.cmd, a.e.survey, a.e.building, a.e.floor, SURVEY_READ_WRITE,
				 SURVEY_LOAD_ELEMENTS, &s, &fp)) ||
	    (rc = elem_check_calibrated(a.e.cmd, a.e.survey, fp)) ||
	    (rc = check_on_drawing(a.e.cmd, fp, ap.pos)))
		goto out;
	for (size_t i = 0; i < fp->naps; i++)
		if (strcmp(fp->aps[i].name, ap.name) == 0) {
			rc = cli_error(a.e.cmd, "floor '%s' already has an AP called '%s'", fp->name,
				       ap.name);
			goto out;
		}
	radios_text(&ap, radios, sizeof(radios));
	if (survey_add_ap(s, fp->id, &ap, &err) < 0)
		rc = cli_fail(a.e.cmd, &err);
	else
		printf("AP '%s' (%s) added to floor '%s' at (%g, %g) m, %g m high: %s\n", ap.name,
		       ap.source, fp->name, ap.pos.x, ap.pos.y, ap.height_m, radios);
out:
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

/* ---- list ------------------------------------------------------------------------------ */

static json_t *ap_json(const struct fp_ap *ap, const struct floorplan *fp)
{
	json_t *e = elem_json_base(ap->id, fp), *rs = json_array();

	json_object_set_new(e, "name", json_string(ap->name));
	json_object_set_new(e, "x_m", json_real(ap->pos.x));
	json_object_set_new(e, "y_m", json_real(ap->pos.y));
	json_object_set_new(e, "height_m", isfinite(ap->height_m) ? json_real(ap->height_m)
								 : json_null());
	json_object_set_new(e, "source", json_string(ap->source));
	json_object_set_new(e, "model", json_string(ap->model));
	json_object_set_new(e, "mount", json_string(ap->mount));
	for (size_t i = 0; i < ap->nradios; i++) {
		const struct fp_radio *r = &ap->radios[i];
		json_t *j = json_pack("{s:s, s:i, s:i}", "band", band_name(r->band), "channel",
				      r->channel, "width_mhz", r->width_mhz);

		json_object_set_new(j, "tx_power_dbm", isfinite(r->tx_power_dbm)
							       ? json_real(r->tx_power_dbm)
							       : json_null());
		json_array_append_new(rs, j);
	}
	json_object_set_new(e, "radios", rs);
	return e;
}

static int list_floor(void *arg, struct survey *s, const struct floorplan *fp)
{
	json_t *json = *(json_t **)arg;
	char label[160], radios[256];

	if (!json)
		printf("floor %s: %zu AP%s\n", floor_cli_label(s, fp, label, sizeof(label)), fp->naps,
		       fp->naps == 1 ? "" : "s");
	if (!json && fp->naps)
		printf("  %5s  %-16s %-9s %16s %6s  %s\n", "id", "AP", "source", "at m", "high m",
		       "radios");
	for (size_t i = 0; i < fp->naps; i++) {
		const struct fp_ap *ap = &fp->aps[i];
		char at[48];

		if (json) {
			json_array_append_new(json, ap_json(ap, fp));
			continue;
		}
		snprintf(at, sizeof(at), "(%g, %g)", ap->pos.x, ap->pos.y);
		radios_text(ap, radios, sizeof(radios));
		printf("  %5lld  %-16s %-9s %16s %6.1f  %s\n", (long long)ap->id, ap->name, ap->source,
		       at, ap->height_m, radios);
	}
	return EXIT_OK;
}

static int ap_list(int argc, char **argv)
{
	struct ap_opts o = { .cmd = "ap list" };
	struct elem_args a;
	json_t *json = NULL;
	int rc;

	if ((rc = elem_parse(&a, ELEM_AP, "ap list", usage, longopts, ap_option, &o, argc, argv)))
		goto out;
	if (a.json)
		json = json_array();
	rc = elem_each_floor(&a, list_floor, &json);
	if (json && !rc)
		elem_print_json(json);
	else if (json)
		json_decref(json);
out:
	elem_release(&a);
	return cli_status(rc);
}

/* ---- remove, rename, move, set --------------------------------------------------------- */

/* What an edited AP now is, in one line. */
static void print_ap(const char *old, const struct floorplan *fp, const struct fp_ap *ap)
{
	char radios[256];

	radios_text(ap, radios, sizeof(radios));
	if (strcmp(old, ap->name) != 0)
		printf("AP '%s' on floor '%s' is now '%s'\n", old, fp->name, ap->name);
	else
		printf("AP '%s' (%s) on floor '%s': at (%g, %g) m, %g m high: %s\n", ap->name,
		       ap->source, fp->name, ap->pos.x, ap->pos.y, ap->height_m, radios);
}

/* One action on one AP: @change edits it (NULL: remove it). */
static int ap_edit(int argc, char **argv, const char *cmd,
		   int (*change)(struct elem_args *a, struct ap_opts *o, struct floorplan *fp,
				 struct fp_ap *ap))
{
	struct ap_opts o = { .cmd = cmd };
	struct elem_args a;
	struct floorplan *fp = NULL;
	struct survey *s = NULL;
	struct ns_err err = { 0 };
	char old[64];
	size_t i;
	int rc;

	if ((rc = elem_parse(&a, ELEM_AP, cmd, usage, longopts, ap_option, &o, argc, argv)) ||
	    (rc = elem_open(&a, SURVEY_READ_WRITE, &s, &fp)) || (rc = elem_find(&a, fp, &i)))
		goto out;
	snprintf(old, sizeof(old), "%s", fp->aps[i].name);
	if (!change) {
		rc = survey_remove_ap(s, fp->aps[i].id, &err) ? cli_fail(a.e.survey, &err) : EXIT_OK;
	} else if (!(rc = change(&a, &o, fp, &fp->aps[i])) &&
		   survey_update_ap(s, &fp->aps[i], &err)) {
		rc = cli_fail(a.e.cmd, &err);
	}
	if (!rc && change)
		print_ap(old, fp, &fp->aps[i]);
	else if (!rc)
		printf("AP '%s' removed from floor '%s'\n", old, fp->name);
out:
	survey_close(s);
	floorplan_free(fp);
	elem_release(&a);
	return cli_status(rc);
}

static int do_rename(struct elem_args *a, struct ap_opts *o, struct floorplan *fp,
		     struct fp_ap *ap)
{
	(void)o;
	if (!a->to || !a->to[0] || strlen(a->to) >= sizeof(ap->name))
		return cli_usage_error(a->e.cmd, "--to needs the new name (at most %zu bytes)",
				       sizeof(ap->name) - 1);
	for (size_t i = 0; i < fp->naps; i++)
		if (&fp->aps[i] != ap && strcmp(fp->aps[i].name, a->to) == 0)
			return cli_error(a->e.cmd, "floor '%s' already has an AP called '%s'",
					 fp->name, a->to);
	snprintf(ap->name, sizeof(ap->name), "%s", a->to);
	return EXIT_OK;
}

static int do_move(struct elem_args *a, struct ap_opts *o, struct floorplan *fp,
		   struct fp_ap *ap)
{
	if (a->have_by == o->have_at)
		return cli_usage_error(a->e.cmd, "give either --at X,Y or --by DX,DY");
	if (a->have_by)
		elem_shift(a, &ap->pos, 1);
	else
		ap->pos = o->at;
	return check_on_drawing(a->e.cmd, fp, ap->pos);
}

static int do_set(struct elem_args *a, struct ap_opts *o, struct floorplan *fp,
		  struct fp_ap *ap)
{
	(void)fp;
	if (!o->height && !o->source && !o->model && !o->mount && !o->note && !o->pattern &&
	    !o->nradios)
		return cli_usage_error(a->e.cmd, "nothing to set (see 'notspot ap --help')");
	return apply(o, ap);
}

static int ap_remove(int argc, char **argv)
{
	return ap_edit(argc, argv, "ap remove", NULL);
}

static int ap_rename(int argc, char **argv)
{
	return ap_edit(argc, argv, "ap rename", do_rename);
}

static int ap_move(int argc, char **argv)
{
	return ap_edit(argc, argv, "ap move", do_move);
}

static int ap_set(int argc, char **argv)
{
	return ap_edit(argc, argv, "ap set", do_set);
}

CLI_COMMAND(ap, 87, "add, list, remove, rename, move and set up the APs of a floor plan");
int cmd_ap(int argc, char **argv)
{
	static const struct cli_action actions[] = {
		{ "add", ap_add },	 { "list", ap_list }, { "remove", ap_remove },
		{ "rename", ap_rename }, { "move", ap_move }, { "set", ap_set },
	};

	return cli_run_action("ap", actions, sizeof(actions) / sizeof(actions[0]), usage, argc,
			      argv);
}
