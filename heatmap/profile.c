/* SPDX-License-Identifier: GPL-3.0-or-later */
/* profile.c — see profile.h. */
#include "heatmap/profile.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_get.h"

#define MIN(m, t) { (m), false, false, (t), NAN }
#define MAX(m, t) { (m), true, false, (t), NAN }
#define LT(m, t) { (m), true, true, (t), NAN }

/*
 * DOMAIN.md, "Requirement profiles (defaults)". The report maps: what a
 * reader of each kind of evidence looks at (voice: roaming needs the second
 * AP, SNR and co-channel; a location system counts APs).
 */
static const struct hm_profile builtins[] = {
	{ "nhs-data", "NHS data: primary signal at least -65 dBm; below -80 dBm unusable",
	  "NHS England Connectivity Hub, 'Wi-Fi metrics and measures'",
	  { MIN(HM_M_PRIMARY, -65) }, 1, -80, { HM_M_PRIMARY }, 1 },
	{ "voice", "Wi-Fi voice handsets: cell edge -67 dBm with a second AP, clean channel",
	  "Cisco 7925G/8821 wireless phone deployment guides; Zebra voice guidance",
	  { MIN(HM_M_PRIMARY, -67), MIN(HM_M_SECONDARY, -67), MIN(HM_M_SNR, 25),
	    MAX(HM_M_UTIL, 50), MAX(HM_M_COCHANNEL, -19), MAX(HM_M_LOSS, 1),
	    LT(HM_M_JITTER, 100) },
	  7, NAN, { HM_M_PRIMARY, HM_M_SECONDARY, HM_M_SNR, HM_M_COCHANNEL }, 4 },
	{ "clinical-badge", "Clinical voice badges: primary signal always above -65 dBm",
	  "Vocera infrastructure planning guide", { MIN(HM_M_PRIMARY, -65) }, 1, NAN,
	  { HM_M_PRIMARY }, 1 },
	{ "medical-device", "Patient monitors and pumps: -65 dBm, low co-channel, RTT, loss",
	  "Patient-monitor vendor acceptance tests (e.g. Mindray BeneVision)",
	  { MIN(HM_M_PRIMARY, -65), MAX(HM_M_COCHANNEL, -20), LT(HM_M_RTT, 100),
	    LT(HM_M_LOSS, 1) },
	  4, NAN, { HM_M_PRIMARY, HM_M_COCHANNEL, HM_M_RTT }, 3 },
	{ "rtls", "Wi-Fi location: at least 3 APs heard at -75 dBm (4 preferred)",
	  "Cisco Wi-Fi location-based services design guide",
	  { { HM_M_APS, false, false, 3, -75 } }, 1, NAN, { HM_M_APS }, 1 },
};

int hm_profile_builtin(const char *name, struct hm_profile *p, struct ns_err *err)
{
	char names[160] = "";
	size_t len = 0;

	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++) {
		if (strcmp(builtins[i].name, name) == 0) {
			*p = builtins[i];
			return 0;
		}
		if (len < sizeof(names))
			len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s",
						i ? ", " : "", builtins[i].name);
	}
	return ns_err_set(err, -ENOENT,
			  "there is no profile '%s' (built in: %s; or use --profile-file)", name,
			  names);
}

const struct hm_profile *hm_profile_builtin_at(size_t i)
{
	return i < sizeof(builtins) / sizeof(builtins[0]) ? &builtins[i] : NULL;
}

/*
 * A profile file's "report_maps" (may be absent: NULL): 1 to
 * HM_MAX_REPORT_MAPS metric names, each once, into p->report_maps.
 */
static int parse_report_maps(json_t *maps, struct hm_profile *p, struct ns_err *err)
{
	if (!maps)
		return 0;
	if (!json_is_array(maps) || json_array_size(maps) == 0 ||
	    json_array_size(maps) > HM_MAX_REPORT_MAPS)
		return ns_err_set(err, -EINVAL,
				  "profile '%s': \"report_maps\" is a list of 1 to %d metrics "
				  "(leave it out for the metrics of the rules)",
				  p->name, HM_MAX_REPORT_MAPS);
	for (size_t i = 0; i < json_array_size(maps); i++) {
		const char *s = json_string_value(json_array_get(maps, i));
		int m = s ? hm_metric_parse(s) : -1;

		if (m < 0)
			return ns_err_set(err, -EINVAL,
					  "profile '%s', report map %zu is not a metric (primary, "
					  "secondary, snr, aps, cochannel, utilisation, rate, "
					  "throughput, throughput-up, rtt, loss, jitter)",
					  p->name, i + 1);
		for (int k = 0; k < p->nreport_maps; k++)
			if ((int)p->report_maps[k] == m)
				return ns_err_set(err, -EINVAL, "profile '%s' lists report map '%s' twice",
						  p->name, s);
		p->report_maps[p->nreport_maps++] = (enum hm_metric)m;
	}
	return 0;
}

/*
 * The thresholds a rule on a metric of @unit can mean, so a threshold in the
 * wrong unit (500 for a signal in dBm, 0.5 for a loss in %) is refused:
 * signals -150 to 30 dBm, ratios -100 to 100 dB, counts 0 to 100 APs,
 * shares 0 to 100 %, rates up to 100 000 Mbit/s, times up to 600 000 ms.
 */
static void threshold_range(const char *unit, double *lo, double *hi)
{
	static const struct {
		const char *unit;
		double lo, hi;
	} ranges[] = {
		{ "dBm", -150, 30 }, { "dB", -100, 100 }, { "APs", 0, 100 },
		{ "%", 0, 100 },     { "Mbit/s", 0, 1e5 }, { "ms", 0, 6e5 },
	};

	*lo = -INFINITY;
	*hi = INFINITY;
	for (size_t k = 0; k < sizeof(ranges) / sizeof(ranges[0]); k++)
		if (strcmp(unit, ranges[k].unit) == 0) {
			*lo = ranges[k].lo;
			*hi = ranges[k].hi;
		}
}

/* Rule @i into ((struct hm_rule *)@arg)[i]: a metric and exactly one threshold. */
static int parse_rule(const json_t *r, const struct ns_json_path *at, size_t i, void *arg,
		      struct ns_err *err)
{
	static const char *const ops[] = { "min", "max", "below", "above" };
	struct hm_rule *rule = (struct hm_rule *)arg + i;
	const char *s;
	json_t *t = NULL, *v;
	int m, op = 0, nset = 0, rc;

	if ((rc = ns_json_get_string(r, "metric", true, at, &s, err)))
		return rc;
	if ((m = hm_metric_parse(s)) < 0)
		return ns_json_fail(err, NS_JSON_KEY(at, "metric"),
				    "'%s' is not one of primary, secondary, snr, aps, cochannel, "
				    "utilisation, rate, throughput, throughput-up, rtt, loss, jitter",
				    s);
	for (int k = 0; k < 4; k++)
		if ((v = json_object_get(r, ops[k]))) {
			t = v;
			op = k;
			nset++;
		}
	if (nset != 1)
		return ns_json_fail(err, at, "needs exactly one of \"min\", \"max\", \"below\", "
					     "\"above\"");
	rule->metric = (enum hm_metric)m;
	rule->is_max = op == 1 || op == 2;
	rule->strict = op >= 2;
	if ((rc = ns_json_number(t, NS_JSON_KEY(at, ops[op]), -INFINITY, INFINITY,
				 &rule->threshold, err)))
		return rc;
	{
		const char *unit = hm_metric_info(rule->metric)->unit;
		double lo, hi;

		threshold_range(unit, &lo, &hi);
		if (!(rule->threshold >= lo && rule->threshold <= hi))
			return ns_json_fail(err, NS_JSON_KEY(at, ops[op]),
					    "%g %s is not a threshold of %s (%g to %g %s): is it in "
					    "another unit?", rule->threshold, unit, s, lo, hi, unit);
	}
	rule->level_dbm = NAN;
	if (json_object_get(r, "level_dbm") && m != HM_M_APS)
		return ns_json_fail(err, NS_JSON_KEY(at, "level_dbm"), "is only for \"aps\"");
	return ns_json_get_number(r, "level_dbm", false, at, &rule->level_dbm, err);
}

/* A profile file's "roaming" object (may be absent: NULL) into p->roaming. */
static int parse_roaming(json_t *o, const struct ns_json_path *at, struct hm_profile *p,
			 struct ns_err *err)
{
	const struct ns_json_path *in = NS_JSON_KEY(at, "roaming");
	json_t *v;
	int rc;

	if (!o)
		return 0;
	if (!json_is_object(o))
		return ns_json_fail(err, in, "is an object with \"max_gap_s\" and/or "
					     "\"max_sticky_pct\"");
	if ((v = json_object_get(o, "max_gap_s"))) {
		if ((rc = ns_json_number(v, NS_JSON_KEY(in, "max_gap_s"), 0, 3600,
					 &p->roaming.gap_max_s, err)))
			return rc;
		p->roaming.has_gap = true;
	}
	if ((v = json_object_get(o, "max_sticky_pct"))) {
		if ((rc = ns_json_number(v, NS_JSON_KEY(in, "max_sticky_pct"), 0, 100,
					 &p->roaming.sticky_max_pct, err)))
			return rc;
		p->roaming.has_sticky = true;
	}
	return 0;
}

/* Profile @i into ((struct hm_profile *)@arg)[i]. */
static int parse_one(const json_t *o, const struct ns_json_path *at, size_t i, void *arg,
		     struct ns_err *err)
{
	const struct ns_json_path *at_rules = NS_JSON_KEY(at, "rules");
	struct hm_profile *p = (struct hm_profile *)arg + i;
	json_t *rules, *v;
	size_t n;
	int rc;

	memset(p, 0, sizeof(*p));
	p->unusable_dbm = NAN;
	if ((rc = ns_json_member(o, "name", true, at, &v, err)) ||
	    (rc = ns_json_string_copy(v, NS_JSON_KEY(at, "name"), p->name, sizeof(p->name), true,
				      err)))
		return rc;
	if ((v = json_object_get(o, "description")) &&
	    (rc = ns_json_string_copy(v, NS_JSON_KEY(at, "description"), p->description,
				      sizeof(p->description), false, err)))
		return rc;
	if ((v = json_object_get(o, "source")) &&
	    (rc = ns_json_string_copy(v, NS_JSON_KEY(at, "source"), p->source, sizeof(p->source),
				      false, err)))
		return rc;
	if ((rc = ns_json_get_number(o, "unusable_dbm", false, at, &p->unusable_dbm, err)) ||
	    (rc = ns_json_member(o, "rules", true, at, &rules, err)) ||
	    (rc = ns_json_array(rules, at_rules, HM_MAX_RULES, &n, err)))
		return rc;
	if (n == 0)
		return ns_json_fail(err, at_rules, "has no rules");
	if ((rc = ns_json_each_object(rules, at_rules, NULL, parse_rule, p->rules, err)))
		return rc;
	p->nrules = (int)n;
	if ((rc = parse_roaming(json_object_get(o, "roaming"), at, p, err)))
		return rc;
	return parse_report_maps(json_object_get(o, "report_maps"), p, err);
}

int hm_profile_parse(const char *json, size_t len, struct hm_profile **out, size_t *n,
		     struct ns_err *err)
{
	const struct ns_json_path at = NS_JSON_ROOT("the profile file");
	struct hm_profile *p = NULL;
	json_t *root, *list;
	size_t np;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if ((rc = ns_json_parse(json, len, &root, err)))
		return rc;
	list = json_is_object(root) ? json_object_get(root, "profiles") : NULL;
	if (!json_is_array(list) || (np = json_array_size(list)) == 0) {
		rc = ns_err_set(err, -EINVAL, "expected {\"profiles\": [ … ]} with at least one profile");
		goto out;
	}
	if (np > 1000) {
		rc = ns_err_set(err, -EINVAL, "more than 1000 profiles");
		goto out;
	}
	p = calloc(np, sizeof(*p));
	if (!p) {
		rc = ns_err_set(err, -ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = ns_json_each_object(list, NS_JSON_KEY(&at, "profiles"), NULL, parse_one, p, err)))
		goto out;
	*out = p;
	*n = np;
	p = NULL;
out:
	free(p);
	json_decref(root);
	return rc;
}

int hm_profile_load(const char *path, struct hm_profile **out, size_t *n, struct ns_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!f)
		return ns_err_set(err, -errno, "cannot open %s: %s", path, strerror(errno));
	for (;;) {
		if (len == cap) {
			if (cap >= (1u << 22)) {
				fclose(f);
				free(buf);
				return ns_err_set(err, -EFBIG, "%s is larger than 4 MiB", path);
			}
			cap = cap ? cap * 2 : 4096;
			char *nb = realloc(buf, cap);

			if (!nb) {
				fclose(f);
				free(buf);
				return ns_err_set(err, -ENOMEM, "out of memory");
			}
			buf = nb;
		}
		size_t got = fread(buf + len, 1, cap - len, f);

		len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	rc = hm_profile_parse(buf, len, out, n, err);
	if (rc)
		ns_err_prefix(err, "%s", path);
	free(buf);
	return rc;
}

int hm_profile_choose(const char *name, const char *file, struct hm_profile *out, bool *have,
		      struct ns_err *err)
{
	struct hm_profile *list = NULL;
	size_t n = 0;
	int rc;

	*have = false;
	if (!file) {
		if (name && strcmp(name, "none") == 0)
			return 0;
		if ((rc = hm_profile_builtin(name ? name : "nhs-data", out, err)))
			return rc;
		*have = true;
		return 0;
	}
	if ((rc = hm_profile_load(file, &list, &n, err)))
		return rc;
	for (size_t k = 0; k < n; k++)
		if (!name ? n == 1 : strcmp(list[k].name, name) == 0) {
			*out = list[k];
			*have = true;
		}
	free(list);
	if (*have)
		return 0;
	if (!name)
		return ns_err_set(err, -EINVAL, "%s has %zu profiles; choose one with --profile", file,
				  n);
	if (hm_profile_builtin(name, out, NULL) == 0) {
		*have = true;
		return 0;
	}
	return ns_err_set(err, -ENOENT, "%s has no profile '%s'", file, name);
}

char *hm_rule_describe(const struct hm_rule *r, char *buf, size_t len)
{
	const struct hm_metric_info *mi = hm_metric_info(r->metric);
	const char *op = r->is_max ? (r->strict ? "<" : "≤") : (r->strict ? ">" : "≥");

	if (r->metric == HM_M_APS && isfinite(r->level_dbm))
		snprintf(buf, len, "APs at ≥ %g dBm %s %g", r->level_dbm, op, r->threshold);
	else
		snprintf(buf, len, "%s %s %g %s", mi->key, op, r->threshold, mi->unit);
	return buf;
}

int hm_rule_check(const struct hm_rule *r, float v)
{
	if (isnan(v))
		return hm_metric_info(r->metric)->absent_fails ? 0 : -1;
	if (r->is_max)
		return r->strict ? v < r->threshold : v <= r->threshold;
	return r->strict ? v > r->threshold : v >= r->threshold;
}

void hm_profile_eval(const struct hm_profile *p, const struct hm_grid *g, const uint8_t *cover,
		     float *const metrics[HM_NMETRICS], uint8_t *verdict, uint32_t *failed)
{
	size_t nc = hm_grid_ncells(g);

	for (size_t c = 0; c < nc; c++) {
		uint32_t bits = 0;

		if (cover[c] <= 1) {
			verdict[c] = cover[c] == 0 ? HM_V_OUTSIDE : HM_V_NOT_SURVEYED;
			if (failed)
				failed[c] = 0;
			continue;
		}
		for (int k = 0; k < p->nrules; k++) {
			const float *m = metrics[p->rules[k].metric];

			if (hm_rule_check(&p->rules[k], m ? m[c] : NAN) == 0)
				bits |= 1u << k;
		}
		verdict[c] = bits ? HM_V_FAIL : HM_V_PASS;
		if (failed)
			failed[c] = bits;
	}
}
