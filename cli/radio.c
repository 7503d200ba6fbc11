/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * radio.c — see radio.h.
 */
#include "cli/radio.h"

#include <stdlib.h>

#include "scanner/nl_sim.h"

int cli_radio_open(struct nl80211 *nl, struct ns_err *err)
{
	const char *spec = getenv("NOTSPOT_TEST_RADIO");

	if (spec && *spec)
		return nl_sim_open(nl, spec, err);
	return nl80211_open(nl, err);
}
