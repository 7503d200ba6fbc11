/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_capture.c — libFuzzer target over one DLT_IEEE802_11_RADIO packet:
 * the radiotap walk, the 802.11 AP frame layer (FCS included) and the
 * elements through the shared parser, as capture_next() does for every
 * packet of a capture. Inputs: tests/fuzz/corpus/fuzz_capture/ (seeds),
 * tests/fuzz/regress/fuzz_capture/ (malformed packets kept as regressions).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scanner/capture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct radiotap_iter it;
	struct capture_frame f;
	struct meas_observation obs;
	struct ns_err err;

	/* the iterator on its own, to the end */
	if (radiotap_iter_init(&it, data, size, &err) == 0)
		while (radiotap_iter_next(&it, &err) == 1)
			if (it.data < data || it.data + it.size > data + size)
				__builtin_trap();
	/* whole packet, then as if cut by a snapshot length */
	for (int cut = 0; cut < 2; cut++) {
		size_t caplen = cut ? size / 2 : size;

		if (capture_parse_packet(data, caplen, size, &f, &err) == DOT11_AP_FRAME) {
			if (f.ap.ies < data || f.ap.ies + f.ap.ies_len > data + caplen)
				__builtin_trap();
			if (capture_observation(&f, &obs) == 0 &&
			    (obs.ssid_len > 32 || strlen(obs.ssid) >= sizeof(obs.ssid)))
				__builtin_trap();
		}
	}
	return 0;
}
