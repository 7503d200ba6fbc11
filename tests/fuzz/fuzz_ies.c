/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_ies.c — libFuzzer target for the information-element parser and what
 * is derived from it (channel/width, security name, SSID string). Any bytes
 * must parse without reading outside the buffer, and the results must keep
 * their documented ranges.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/ies.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ies ie;
	char ssid[33];
	int ch, w, c;
	/* A copy of exactly @size bytes so ASan catches any read past the end. */
	uint8_t *buf = malloc(size ? size : 1);

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	ies_parse(buf, size, &ie);
	ies_ssid_string(&ie, ssid, sizeof(ssid));
	if (ie.ssid_len > 32 || strlen(ie.ap_name) > 32 || strlen(ie.country) > 2)
		abort();
	for (int freq = 2412; freq <= 5955; freq += 1771) {
		ies_channel(&ie, freq, &ch, &w, &c);
		if (w != 20 && w != 40 && w != 80 && w != 160 && w != 320)
			abort();
	}
	if (!ies_security_name(&ie, size & 1))
		abort();
	free(buf);
	return 0;
}
