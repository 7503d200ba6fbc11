/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench_capture.c — how fast a capture file is parsed: frames per second
 * through libpcap, radiotap, the 802.11 AP frame layer (with FCS check) and
 * the elements, from a large capture the benchmark writes itself (beacons of
 * 60 APs with realistic element lists, one frame in four from a client).
 * Prints figures; asserts nothing about time.
 *
 *   build/bench/bench_capture [FRAMES]   (default 400000)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "scanner/capture.h"
#include "util/clock.h"

static size_t make_beacon(uint8_t *b, int ap, int signal, bool client)
{
	static const uint8_t rates[] = { 0x01, 0x08, 0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24 };
	static const uint8_t rsn[] = { 0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00,
				       0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x01,
				       0x0c, 0x00 };
	static const uint8_t htop[] = { 0x3d, 0x16, 0x24, 0x05, 0x00, 0x00, 0x00, 0x00,
					0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
					0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
	static const uint8_t vhtop[] = { 0xc0, 0x05, 0x01, 0x2a, 0x00, 0x00, 0x00 };
	static const uint8_t load[] = { 0x0b, 0x05, 0x07, 0x00, 0x40, 0x00, 0x00 };
	int freq = ap % 2 ? 5180 : 2437;
	size_t n = 0, start;
	char ssid[16];
	uint32_t crc;

	/* radiotap: TSFT, flags (FCS), rate, channel, signal, noise */
	memset(b, 0, 24);
	b[2] = 24;
	b[4] = 0x6f;
	b[16] = 0x10;
	b[17] = 12;
	b[18] = freq & 0xff;
	b[19] = freq >> 8;
	b[21] = freq < 3000 ? 0x00 : 0x01;
	b[20] = freq < 3000 ? 0x80 : 0x00;
	b[22] = (uint8_t)(int8_t)signal;
	b[23] = (uint8_t)(int8_t)-95;
	n = start = 24;
	b[n++] = client ? 0x88 : 0x80;
	b[n++] = client ? 0x01 : 0x00;
	b[n++] = 0;
	b[n++] = 0;
	memset(b + n, 0xff, 6);
	n += 6;
	memcpy(b + n, "\x00\x1a\x2b\x3c", 4);
	b[n + 4] = (uint8_t)(ap >> 8);
	b[n + 5] = (uint8_t)ap;
	memcpy(b + n + 6, b + n, 6);
	n += 12;
	b[n++] = 0;
	b[n++] = 0;
	memset(b + n, 0, 8);
	n += 8;
	b[n++] = 100;
	b[n++] = 0;
	b[n++] = 0x11;
	b[n++] = 0x04;
	snprintf(ssid, sizeof(ssid), "NHS-Ward%02d", ap % 12);
	b[n++] = 0;
	b[n++] = (uint8_t)strlen(ssid);
	memcpy(b + n, ssid, strlen(ssid));
	n += strlen(ssid);
	memcpy(b + n, rates, sizeof(rates));
	n += sizeof(rates);
	b[n++] = 3;
	b[n++] = 1;
	b[n++] = freq < 3000 ? 6 : 36;
	memcpy(b + n, load, sizeof(load));
	n += sizeof(load);
	memcpy(b + n, rsn, sizeof(rsn));
	n += sizeof(rsn);
	memcpy(b + n, htop, sizeof(htop));
	n += sizeof(htop);
	memcpy(b + n, vhtop, sizeof(vhtop));
	n += sizeof(vhtop);
	crc = dot11_crc32(b + start, n - start);
	for (int i = 0; i < 4; i++)
		b[n++] = (crc >> (8 * i)) & 0xff;
	return n;
}

int main(int argc, char **argv)
{
	long frames = argc > 1 ? atol(argv[1]) : 400000;
	char dir[] = "/tmp/notspot-bench-XXXXXX";
	char path[64];
	pcap_t *dead;
	pcap_dumper_t *d;
	struct capture *c;
	struct capture_frame f;
	struct capture_stats st;
	struct meas_observation obs;
	struct ns_err err = { 0 };
	struct stat sb;
	uint8_t b[512];
	int64_t t0, t1;
	long kept = 0;
	int rc;

	if (frames <= 0 || !mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/big.pcap", dir);
	dead = pcap_open_dead(DLT_IEEE802_11_RADIO, 65535);
	d = pcap_dump_open(dead, path);
	if (!d)
		return 1;
	for (long i = 0; i < frames; i++) {
		struct pcap_pkthdr h = { 0 };

		h.ts.tv_sec = 1763780400 + i / 2000;
		h.ts.tv_usec = (i % 2000) * 500;
		h.caplen = h.len = (bpf_u_int32)make_beacon(b, (int)(i % 60), -40 - (int)(i % 50),
							     i % 4 == 3);
		pcap_dump((u_char *)d, &h, b);
	}
	pcap_dump_close(d);
	pcap_close(dead);
	stat(path, &sb);

	t0 = ns_mono_us();
	if (capture_open_file(path, &c, &err)) {
		fprintf(stderr, "bench_capture: %s\n", err.msg);
		return 1;
	}
	while ((rc = capture_next(c, &f, &err)) == 1)
		if (capture_observation(&f, &obs) == 0)
			kept++;
	t1 = ns_mono_us();
	capture_get_stats(c, &st);
	capture_free(c);
	unlink(path);
	rmdir(dir);
	if (rc < 0) {
		fprintf(stderr, "bench_capture: %s\n", err.msg);
		return 1;
	}
	printf("capture file: %ld frames, %.1f MB (%lu AP frames kept, %lu client frames dropped)\n",
	       frames, sb.st_size / 1e6, (unsigned long)st.ap_frames, (unsigned long)st.not_ap);
	printf("parse (libpcap + radiotap + 802.11 + FCS + elements): %.3f s, %.0f frames/s, %.1f MB/s\n",
	       (t1 - t0) / 1e6, frames / ((t1 - t0) / 1e6), sb.st_size / 1e6 / ((t1 - t0) / 1e6));
	return kept > 0 ? 0 : 1;
}
