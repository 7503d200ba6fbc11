/* SPDX-License-Identifier: GPL-3.0-or-later */
/* oneshot.c — see oneshot.h. */
#include "cli/oneshot.h"

#include <math.h>

#include "cli/cli.h"
#include "util/clock.h"

int cli_oneshot_option(const char *cmd, struct cli_oneshot *o, int c, const char *arg)
{
	if (c == CLI_ONESHOT_SURVEY) {
		o->path = arg;
		return EXIT_OK;
	}
	if (!cli_parse_int(arg, &o->walk_id) || o->walk_id < 1)
		return cli_usage_error(cmd, "walk id '%s' is not a positive number", arg);
	return EXIT_OK;
}

int cli_oneshot_check(const char *cmd, const struct cli_oneshot *o)
{
	if (!!o->path != !!o->walk_id)
		return cli_usage_error(cmd, "--survey and --walk-id go together");
	return EXIT_OK;
}

int cli_oneshot_open(struct cli_oneshot *o)
{
	struct ns_err err = { 0 };
	struct survey_walk w;

	if (!o->path)
		return EXIT_OK;
	if (survey_open(o->path, SURVEY_READ_WRITE, &o->s, &err) < 0)
		return cli_fail(o->path, &err);
	if (survey_get_walk(o->s, o->walk_id, &w, &err) < 0) {
		cli_oneshot_close(o);
		return cli_fail(o->path, &err);
	}
	return EXIT_OK;
}

void cli_oneshot_close(struct cli_oneshot *o)
{
	survey_close(o->s);
	o->s = NULL;
}

json_t *cli_json_num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

json_t *cli_oneshot_json(int64_t t_us, const struct meas_throughput *tp)
{
	char when[32];
	json_t *o = json_object();

	json_object_set_new(o, "time", json_string(ns_format_utc(t_us, when, sizeof(when))));
	json_object_set_new(o, "protocol", json_string(tp->protocol));
	json_object_set_new(o, "direction", json_string(tp->direction));
	json_object_set_new(o, "server", json_string(tp->server));
	return o;
}
