/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_capture_file.c — libFuzzer target over whole capture files (pcap and
 * pcapng) through the import path of `notspot capture --pcap`: libpcap's
 * file reader, every packet through radiotap, 802.11 and the elements, the
 * windows, and the samples they become (capture_run()). Checks, on any bytes:
 * the packet counts add up, every stored window has observations with whole
 * text (no control byte, at most what the fields hold), a window's time is
 * one of its frames', and a file that breaks off says so.
 * Inputs: tests/fuzz/corpus/fuzz_capture_file/ (seeds: the real capture of
 * tests/golden/captures, beacons of two APs on two bands as pcap and pcapng,
 * hostile SSIDs, time that goes back, a header alone — made with
 * tests/support/pcap_build), tests/fuzz/regress/fuzz_capture_file/ (files
 * that break off: a record cut, a record header cut, an impossible length;
 * time that goes back), replayed before each run.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scanner/capture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap);

	if (n == cap)
		__builtin_trap(); /* not terminated inside its field */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			__builtin_trap(); /* a control byte would reach a terminal */
}

static int64_t check_window(void *arg, struct meas_sample *s, const struct meas_observation *obs,
			    size_t nobs, const struct meas_link *link, const struct meas_throughput *tp,
			    struct ns_err *err)
{
	uint64_t *windows = arg;

	(void)err;
	if (nobs == 0 || !obs || link || tp || s->kind != SAMPLE_CAPTURE)
		__builtin_trap();
	for (size_t i = 0; i < nobs; i++) {
		check_text(obs[i].ssid, sizeof(obs[i].ssid));
		check_text(obs[i].ap_name, sizeof(obs[i].ap_name));
		check_text(obs[i].security, sizeof(obs[i].security));
		for (size_t j = 0; j < i; j++) /* one observation per BSSID a window */
			if (memcmp(obs[i].bssid, obs[j].bssid, 6) == 0)
				__builtin_trap();
	}
	return (int64_t)++*windows;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct capture *c;
	struct capture_stats st;
	struct ns_err err;
	uint64_t windows = 0, samples = 0;
	struct capture_run_opts o = { .window_us = 1000000, .store = check_window,
				      .store_arg = &windows };
	int rc;

	if (capture_open_memory(data, size, "fuzz.pcap", &c, &err) != 0)
		return 0;
	rc = capture_run(c, &o, &samples, &err);
	capture_get_stats(c, &st);
	if (samples != windows || (rc == 0 && st.ap_frames && !samples))
		__builtin_trap();
	if (st.not_ap + st.bad_fcs + st.no_signal + st.malformed + st.ap_frames > st.packets)
		__builtin_trap();
	if (st.cut_short != (st.cut_why[0] != '\0'))
		__builtin_trap();
	capture_free(c);
	return 0;
}
