/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_csv.c — libFuzzer target over the CSV reader (survey_csv_parse): any
 * bytes must give samples whose fields are bounded and terminated (an SSID
 * given as ssid_hex at most 32 bytes, its text their escaped rendering), or
 * one error sentence — never a read past the input or a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "survey/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check_sample(void *arg, const struct survey_csv_sample *cs)
{
	(void)arg;
	if (cs->nobs > SURVEY_CSV_MAX_OBS || cs->line == 0)
		abort();
	if (strnlen(cs->sample.error, sizeof(cs->sample.error)) == sizeof(cs->sample.error))
		abort();
	for (size_t i = 0; i < cs->nobs; i++) {
		const struct meas_observation *o = &cs->obs[i];

		if (strnlen(o->ssid, sizeof(o->ssid)) == sizeof(o->ssid) ||
		    strnlen(o->security, sizeof(o->security)) == sizeof(o->security) ||
		    strnlen(o->ap_name, sizeof(o->ap_name)) == sizeof(o->ap_name))
			abort();
		if (o->signal_dbm < -150 || o->signal_dbm > 30)
			abort(); /* NAN compares false: allowed */
		if (o->ssid_len > MEAS_SSID_MAX)
			abort();
		if (o->ssid_escaped) {
			/* From ssid_hex: the text is the one rule's rendering of the bytes. */
			char text[MEAS_SSID_TEXT_SIZE];

			if (meas_ssid_set(text, sizeof(text), o->ssid_raw, o->ssid_len) != 1 ||
			    strcmp(text, o->ssid))
				abort();
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ns_err err;
	/* A copy exactly @size long, so ASan catches any read past the end. */
	char *copy = malloc(size ? size : 1);

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	err.msg[0] = '\0';
	if (survey_csv_parse(copy, size, check_sample, NULL, &err) && !err.msg[0])
		abort(); /* every refusal carries a sentence */
	free(copy);
	return 0;
}
