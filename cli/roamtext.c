/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * roamtext.c — roaming sums as text and JSON (roamtext.h).
 */
#include <math.h>
#include <stdio.h>

#include "cli/mapopts.h"
#include "cli/roamtext.h"

static json_t *jnum(double v)
{
	return isfinite(v) ? json_real(round(v * 100) / 100) : json_null();
}

const char *cli_roam_verdict(const struct hm_roam_rules *ru, const struct hm_roam_sum *s)
{
	static const char *const words[] = { "pass", "fails gap", "fails sticky",
					     "fails gap, sticky" };
	int v = hm_roam_judge(ru, s);

	return v < 0 ? "" : words[v];
}

json_t *cli_roam_sum_json(const struct hm_roam_rules *ru, const struct hm_roam_sum *s)
{
	json_t *o = json_object();
	const char *v = cli_roam_verdict(ru, s);

	json_object_set_new(o, "verdict", v[0] ? json_string(v) : json_null());
	json_object_set_new(o, "roams", json_integer((json_int_t)s->roams));
	json_object_set_new(o, "reconnects", json_integer((json_int_t)s->reconnects));
	json_object_set_new(o, "roams_with_better_ap", json_integer((json_int_t)s->roams_better));
	json_object_set_new(o, "longest_gap_s", jnum(s->longest_gap_s));
	json_object_set_new(o, "associated_s", jnum(s->associated_s));
	json_object_set_new(o, "unassociated_s", jnum(s->unassociated_s));
	json_object_set_new(o, "sticky_s", jnum(s->sticky_s));
	json_object_set_new(o, "sticky_stretches", json_integer((json_int_t)s->stickies));
	json_object_set_new(o, "sticky_share", jnum(hm_roam_sum_share(s)));
	return o;
}

void cli_roam_sum_head(const struct hm_roam_rules *ru)
{
	if (ru->has_gap || ru->has_sticky)
		printf("  rules: %s%.1f%s%s%.0f%s\n", ru->has_gap ? "longest gap <= " : "",
		       ru->has_gap ? ru->gap_max_s : 0, ru->has_gap ? " s" : "",
		       ru->has_sticky ? (ru->has_gap ? "; sticky share <= " : "sticky share <= ") : "",
		       ru->has_sticky ? ru->sticky_max_pct : 0, ru->has_sticky ? "%" : "");
	printf("  %-22s %6s %10s %9s %9s %12s %10s%s\n", "ward", "roams", "reconnects",
	       "max gap s", "assoc. s", "sticky share", "late roams",
	       ru->has_gap || ru->has_sticky ? "  verdict" : "");
}

void cli_roam_sum_row(const char *name, const struct hm_roam_rules *ru,
		      const struct hm_roam_sum *s)
{
	char gap[16], share[16], assoc[16], late[16];

	const char *v = cli_roam_verdict(ru, s);

	printf("  %-22s %6zu %10zu %9s %9s %12s %10s%s%s\n", name, s->roams, s->reconnects,
	       cli_fmt_num(gap, sizeof(gap), s->roams + s->reconnects ? s->longest_gap_s : NAN, 1,
			   false),
	       cli_fmt_num(assoc, sizeof(assoc), s->associated_s, 0, false),
	       cli_fmt_share(share, sizeof(share), s->sticky_s, s->associated_s),
	       cli_fmt_share(late, sizeof(late), (double)s->roams_better, (double)s->roams),
	       v[0] ? "  " : "", v);
}
