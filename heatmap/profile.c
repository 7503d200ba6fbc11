/* profile.c — see profile.h. */
#include "heatmap/profile.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int parse_one(json_t *o, size_t idx, struct hm_profile *p, struct ns_err *err)
{
	json_t *rules, *v;
	const char *s;

	memset(p, 0, sizeof(*p));
	p->unusable_dbm = NAN;
	if (!json_is_object(o))
		return ns_err_set(err, -EINVAL, "profile %zu is not an object", idx + 1);
	s = json_string_value(json_object_get(o, "name"));
	if (!s || !*s || strlen(s) >= sizeof(p->name))
		return ns_err_set(err, -EINVAL, "profile %zu has no \"name\" (1 to 63 characters)",
				  idx + 1);
	snprintf(p->name, sizeof(p->name), "%s", s);
	if ((s = json_string_value(json_object_get(o, "description"))))
		snprintf(p->description, sizeof(p->description), "%s", s);
	if ((s = json_string_value(json_object_get(o, "source"))))
		snprintf(p->source, sizeof(p->source), "%s", s);
	if ((v = json_object_get(o, "unusable_dbm")) && json_is_number(v))
		p->unusable_dbm = json_number_value(v);
	rules = json_object_get(o, "rules");
	if (!json_is_array(rules) || json_array_size(rules) == 0)
		return ns_err_set(err, -EINVAL, "profile '%s' has no \"rules\" list", p->name);
	if (json_array_size(rules) > HM_MAX_RULES)
		return ns_err_set(err, -EINVAL, "profile '%s' has more than %d rules", p->name,
				  HM_MAX_RULES);
	for (size_t i = 0; i < json_array_size(rules); i++) {
		json_t *r = json_array_get(rules, i), *mn, *mx, *lt, *gt, *lvl;
		struct hm_rule *rule = &p->rules[p->nrules];
		int m, nset;

		if (!json_is_object(r))
			return ns_err_set(err, -EINVAL, "profile '%s', rule %zu is not an object",
					  p->name, i + 1);
		s = json_string_value(json_object_get(r, "metric"));
		if (!s || (m = hm_metric_parse(s)) < 0)
			return ns_err_set(err, -EINVAL,
					  "profile '%s', rule %zu: \"metric\" must be one of primary, "
					  "secondary, snr, aps, cochannel, utilisation, rate, "
					  "throughput, throughput-up, rtt, loss, jitter",
					  p->name, i + 1);
		mn = json_object_get(r, "min");
		mx = json_object_get(r, "max");
		lt = json_object_get(r, "below");
		gt = json_object_get(r, "above");
		nset = !!mn + !!mx + !!lt + !!gt;
		if (nset != 1)
			return ns_err_set(err, -EINVAL,
					  "profile '%s', rule %zu needs exactly one of \"min\", \"max\", "
					  "\"below\", \"above\"",
					  p->name, i + 1);
		json_t *t = mn ? mn : mx ? mx : lt ? lt : gt;

		if (!json_is_number(t) || !isfinite(json_number_value(t)))
			return ns_err_set(err, -EINVAL, "profile '%s', rule %zu: the threshold is not a number",
					  p->name, i + 1);
		rule->metric = (enum hm_metric)m;
		rule->is_max = mx || lt;
		rule->strict = lt || gt;
		rule->threshold = json_number_value(t);
		rule->level_dbm = NAN;
		if ((lvl = json_object_get(r, "level_dbm"))) {
			if (!json_is_number(lvl) || m != HM_M_APS)
				return ns_err_set(err, -EINVAL,
						  "profile '%s', rule %zu: \"level_dbm\" is a number and "
						  "only for \"aps\"",
						  p->name, i + 1);
			rule->level_dbm = json_number_value(lvl);
		}
		p->nrules++;
	}
	return parse_report_maps(json_object_get(o, "report_maps"), p, err);
}

int hm_profile_parse(const char *json, size_t len, struct hm_profile **out, size_t *n,
		     struct ns_err *err)
{
	json_error_t je;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je), *list;
	struct hm_profile *p = NULL;
	size_t np;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (!root)
		return ns_err_set(err, -EINVAL, "line %d: %s", je.line, je.text);
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
	for (size_t i = 0; i < np; i++)
		if ((rc = parse_one(json_array_get(list, i), i, &p[i], err)))
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
