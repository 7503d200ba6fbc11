/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_sim_json.c — the simulator's AP configuration and route parsers on
 * arbitrary bytes: no crash, no leak, and on success the result respects the
 * limits the simulator relies on (radio and SSID counts, known channels).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "sim/sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_ap *aps = NULL;
	struct sim_route r;
	size_t naps = 0;
	struct ns_err err = { 0 };

	if (sim_parse_aps((const char *)data, size, &aps, &naps, &err) == 0) {
		for (size_t i = 0; i < naps; i++) {
			if (aps[i].nradios < 1 || aps[i].nradios > SIM_MAX_RADIOS ||
			    aps[i].nssids < 1 || aps[i].nssids > SIM_MAX_SSIDS)
				abort();
			for (int k = 0; k < aps[i].nradios; k++)
				if (!sim_channel_of_freq(aps[i].radios[k].freq_mhz))
					abort();
		}
		free(aps);
	}
	if (sim_parse_route((const char *)data, size, &r, &err) == 0) {
		if (r.nstops < 1 || !r.stops)
			abort();
		sim_route_release(&r);
	}
	return 0;
}
