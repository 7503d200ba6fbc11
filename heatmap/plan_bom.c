/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan_bom.c — the proposal's bill of materials as CSV and JSON (plan.h).
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "heatmap/metrics.h"
#include "heatmap/plan.h"

static const char *ward_name(const struct floorplan *fp, int w)
{
	return w >= 0 && (size_t)w < fp->nwards ? fp->wards[w].name : "";
}

/* An RFC 4180 text field: quoted, quotes doubled. */
static void csv_text(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}

int hm_plan_bom_csv(const struct hm_plan *p, const struct floorplan *fp, double cost,
		    struct strbuf *out)
{
	strbuf_addf(out, "ap,x_m,y_m,floor,ward,band,channel,dfs,tx_power_dbm,unit_cost\n");
	for (int k = 0; k < p->naps; k++) {
		const struct hm_plan_ap *ap = &p->aps[k];

		strbuf_addf(out, "%s,%.2f,%.2f,", ap->name, ap->x, ap->y);
		csv_text(out, fp->name);
		strbuf_addch(out, ',');
		csv_text(out, ward_name(fp, ap->ward));
		strbuf_addf(out, ",%s,%d,%s,%.0f,%.2f\n", hm_band_name(p->band), ap->channel,
			    ap->dfs ? "yes" : "no", ap->tx_dbm, cost);
	}
	for (int k = 0; k < p->nchanges; k++) {
		const struct hm_plan_rechannel *c = &p->changes[k];
		const struct fp_ward *w = fp_ward_at(fp, (struct fp_point){ c->x, c->y });
		char what[128];

		snprintf(what, sizeof(what), "%s (channel change from %d)", c->name, c->from);
		csv_text(out, what);
		strbuf_addf(out, ",%.2f,%.2f,", c->x, c->y);
		csv_text(out, fp->name);
		strbuf_addch(out, ',');
		csv_text(out, w ? w->name : "");
		strbuf_addf(out, ",%s,%d,no,,0.00\n", hm_band_name(p->band), c->to);
	}
	strbuf_addf(out, "TOTAL,,,,,,,,,%.2f\n", cost * p->naps);
	return strbuf_failed(out) ? -ENOMEM : 0;
}

static json_t *bom_ap(const struct hm_plan *p, const struct hm_plan_ap *ap,
		      const struct floorplan *fp, double cost)
{
	json_t *o = json_object();

	json_object_set_new(o, "ap", json_string(ap->name));
	json_object_set_new(o, "x_m", json_real(round(ap->x * 100) / 100));
	json_object_set_new(o, "y_m", json_real(round(ap->y * 100) / 100));
	json_object_set_new(o, "floor", json_string(fp->name));
	json_object_set_new(o, "ward", json_string(ward_name(fp, ap->ward)));
	json_object_set_new(o, "band", json_string(hm_band_name(p->band)));
	json_object_set_new(o, "channel", json_integer(ap->channel));
	json_object_set_new(o, "dfs", json_boolean(ap->dfs));
	json_object_set_new(o, "tx_power_dbm", json_real(round(ap->tx_dbm)));
	json_object_set_new(o, "unit_cost", json_real(cost));
	return o;
}

static json_t *bom_change(const struct hm_plan *p, const struct hm_plan_rechannel *c,
			  const struct floorplan *fp)
{
	const struct fp_ward *w = fp_ward_at(fp, (struct fp_point){ c->x, c->y });
	json_t *o = json_object();

	json_object_set_new(o, "ap", json_string(c->name));
	json_object_set_new(o, "x_m", json_real(round(c->x * 100) / 100));
	json_object_set_new(o, "y_m", json_real(round(c->y * 100) / 100));
	json_object_set_new(o, "floor", json_string(fp->name));
	json_object_set_new(o, "ward", json_string(w ? w->name : ""));
	json_object_set_new(o, "band", json_string(hm_band_name(p->band)));
	json_object_set_new(o, "from_channel", json_integer(c->from));
	json_object_set_new(o, "channel", json_integer(c->to));
	if (isfinite(c->before_dbm))
		json_object_set_new(o, "cochannel_before_dbm", json_real(round(c->before_dbm)));
	if (isfinite(c->after_dbm))
		json_object_set_new(o, "cochannel_after_dbm", json_real(round(c->after_dbm)));
	json_object_set_new(o, "unit_cost", json_real(0));
	return o;
}

int hm_plan_bom_json(const struct hm_plan *p, const struct floorplan *fp, double cost, char **out)
{
	json_t *root = json_object(), *arr = json_array();

	for (int k = 0; k < p->naps; k++)
		json_array_append_new(arr, bom_ap(p, &p->aps[k], fp, cost));
	json_object_set_new(root, "predicted", json_true());
	json_object_set_new(root, "sigma_db", json_real(round(p->sigma_db * 100) / 100));
	json_object_set_new(root, "margin_k", json_real(p->k));
	json_object_set_new(root, "aps", arr);
	arr = json_array();
	for (int k = 0; k < p->nchanges; k++)
		json_array_append_new(arr, bom_change(p, &p->changes[k], fp));
	json_object_set_new(root, "channel_changes", arr);
	json_object_set_new(root, "keep_channels", json_boolean(p->keep_channels));
	json_object_set_new(root, "count", json_integer(p->naps));
	json_object_set_new(root, "unit_cost", json_real(cost));
	json_object_set_new(root, "total_cost", json_real(cost * p->naps));
	*out = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	return *out ? 0 : -ENOMEM;
}
