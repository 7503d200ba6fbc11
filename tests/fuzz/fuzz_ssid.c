/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_ssid.c — libFuzzer target over the SSID escaping rule (meas_ssid_set):
 * any 0..32 bytes give a text that fits MEAS_SSID_TEXT_SIZE, holds no control
 * byte (nothing a terminal would act on), says whether it was escaped truly,
 * and reads back to exactly the bytes (\\ and \xHH undone); more than 32
 * bytes are refused with an empty text.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "measure/measure.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The bytes @text stands for; their count, or -1 for an escape the rule never writes. */
static int unescape(const char *text, uint8_t *out)
{
	int n = 0;

	for (const char *p = text; *p; n++) {
		if (n >= 4 * MEAS_SSID_MAX)
			return -1;
		if (p[0] != '\\') {
			out[n] = (uint8_t)*p++;
		} else if (p[1] == '\\') {
			out[n] = '\\';
			p += 2;
		} else if (p[1] == 'x' && hex(p[2]) >= 0 && hex(p[3]) >= 0) {
			out[n] = (uint8_t)(hex(p[2]) << 4 | hex(p[3]));
			p += 4;
		} else {
			return -1;
		}
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[MEAS_SSID_TEXT_SIZE];
	uint8_t back[4 * MEAS_SSID_MAX];
	int rc = meas_ssid_set(text, sizeof(text), data, size);

	if (size > MEAS_SSID_MAX) {
		if (rc != -EINVAL || text[0])
			abort();
		return 0;
	}
	if (rc != 0 && rc != 1)
		abort(); /* the full size always fits */
	for (const char *p = text; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			abort();
	if (unescape(text, back) != (int)size || memcmp(back, data, size))
		abort();
	if ((rc == 0) != (strlen(text) == size && memcmp(text, data, size) == 0))
		abort();
	return 0;
}
