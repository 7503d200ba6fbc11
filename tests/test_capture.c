/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_capture.c — capture files in, survey observations out: pcap and
 * pcapng written by the tests with known values, link types refused with a
 * reason, frames dropped and counted, windows averaged per BSSID, the
 * malformed packets kept under tests/fuzz/regress/fuzz_capture/, a real
 * public capture compared with what tcpdump prints for it, and the privacy
 * guarantee: no client MAC address in the survey file or the output.
 */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "scanner/capture.h"
#include "scanner/monitor.h"
#include "survey/survey.h"
#include "tests/support/survey_fixtures.h"
#include "util/mac.h"

#define T0 1763780400000000ll /* 2025-11-22T03:00:00Z, µs */
#define REAL_CAPTURE "tests/golden/captures/scapy-dot11.pcap"
#define REGRESS_DIR "tests/fuzz/regress/fuzz_capture"

static const uint8_t AP1[6] = { 0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x01 };
static const uint8_t AP2[6] = { 0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x02 };
static const uint8_t CLIENT[6] = { 0x3a, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const char CLIENT_TEXT[] = "3a:11:22:33:44:55";

/* ---- packets ------------------------------------------------------------------- */

struct pkt {
	uint8_t b[256];
	size_t len;
	int64_t t_us;
};

/* radiotap: flags, channel, antenna signal (unless @signal is INT_MIN) */
static size_t radiotap(uint8_t *b, int freq, int signal, uint8_t flags)
{
	uint32_t present = (1u << 1) | (1u << 3) | (signal != INT_MIN ? 1u << 5 : 0);

	b[0] = 0;
	b[1] = 0;
	b[4] = present & 0xff;
	b[5] = (present >> 8) & 0xff;
	b[6] = (present >> 16) & 0xff;
	b[7] = present >> 24;
	b[8] = flags;
	b[9] = 0;                     /* padding: channel is 2-aligned */
	b[10] = freq & 0xff;
	b[11] = freq >> 8;
	b[12] = freq < 3000 ? 0x80 : 0x00;
	b[13] = freq < 3000 ? 0x00 : 0x01;
	if (signal == INT_MIN) {
		b[2] = 14;
		b[3] = 0;
		return 14;
	}
	b[14] = (uint8_t)(int8_t)signal;
	b[2] = 15;
	b[3] = 0;
	return 15;
}

/* fc, duration, addr1..3, seq: 24 bytes */
static size_t header(uint8_t *b, uint8_t fc0, uint8_t fc1, const uint8_t *a1, const uint8_t *a2,
		     const uint8_t *a3)
{
	b[0] = fc0;
	b[1] = fc1;
	b[2] = b[3] = 0;
	memcpy(b + 4, a1, 6);
	memcpy(b + 10, a2, 6);
	memcpy(b + 16, a3, 6);
	b[22] = 0x20;
	b[23] = 0;
	return 24;
}

static void add_fcs(struct pkt *p, size_t from)
{
	uint32_t c = dot11_crc32(p->b + from, p->len - from);

	for (int i = 0; i < 4; i++)
		p->b[p->len++] = (c >> (8 * i)) & 0xff;
}

/* a beacon (or probe response to CLIENT) from @bssid with SSID @ssid */
static void ap_frame(struct pkt *p, int64_t t_us, const uint8_t *bssid, const char *ssid,
		     int freq, int signal, bool probe_resp, bool fcs)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	size_t rt = radiotap(p->b, freq, signal, fcs ? 0x10 : 0);
	size_t n = rt, sl = strlen(ssid);

	n += header(p->b + n, probe_resp ? 0x50 : 0x80, 0, probe_resp ? CLIENT : bcast, bssid,
		    bssid);
	memset(p->b + n, 0, 8); /* timestamp */
	n += 8;
	p->b[n++] = 100;        /* interval */
	p->b[n++] = 0;
	p->b[n++] = 0x01;       /* ESS */
	p->b[n++] = 0x00;
	p->b[n++] = 0;          /* SSID element */
	p->b[n++] = (uint8_t)sl;
	memcpy(p->b + n, ssid, sl);
	n += sl;
	p->b[n++] = 3;          /* DS parameter set */
	p->b[n++] = 1;
	p->b[n++] = (uint8_t)(freq < 3000 ? (freq - 2407) / 5 : (freq - 5000) / 5);
	p->len = n;
	p->t_us = t_us;
	if (fcs)
		add_fcs(p, rt);
}

/* frames a client sends: a probe request and a QoS data frame to AP1 */
static void client_probe_request(struct pkt *p, int64_t t_us)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	size_t n = radiotap(p->b, 2437, -30, 0);

	n += header(p->b + n, 0x40, 0, bcast, CLIENT, bcast);
	p->b[n++] = 0;
	p->b[n++] = 0; /* wildcard SSID */
	p->len = n;
	p->t_us = t_us;
}

static void client_data(struct pkt *p, int64_t t_us)
{
	size_t n = radiotap(p->b, 2437, -31, 0);

	n += header(p->b + n, 0x88, 0x01, AP1, CLIENT, AP1); /* to DS */
	memset(p->b + n, 0xab, 40);
	p->len = n + 40;
	p->t_us = t_us;
}

static void write_pcap(const char *path, int dlt, const struct pkt *p, size_t n)
{
	pcap_t *dead = pcap_open_dead(dlt, 65535);
	pcap_dumper_t *d;

	assert_non_null(dead);
	d = pcap_dump_open(dead, path);
	assert_non_null(d);
	for (size_t i = 0; i < n; i++) {
		struct pcap_pkthdr h = { 0 };

		h.ts.tv_sec = p[i].t_us / 1000000;
		h.ts.tv_usec = p[i].t_us % 1000000;
		h.caplen = h.len = (bpf_u_int32)p[i].len;
		pcap_dump((u_char *)d, &h, p[i].b);
	}
	pcap_dump_close(d);
	pcap_close(dead);
}

static void put32(FILE *f, uint32_t v)
{
	assert_int_equal(fwrite(&v, 4, 1, f), 1); /* host order: the byte-order magic says which */
}

/* pcapng by hand: section header, one interface (radiotap, µs), enhanced packets */
static void write_pcapng(const char *path, const struct pkt *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	put32(f, 0x0a0d0d0a); /* SHB */
	put32(f, 28);
	put32(f, 0x1a2b3c4d);
	put32(f, 0x00000001); /* version 1.0 */
	put32(f, 0xffffffff); /* section length unknown */
	put32(f, 0xffffffff);
	put32(f, 28);
	put32(f, 0x00000001); /* IDB */
	put32(f, 20);
	put32(f, DLT_IEEE802_11_RADIO); /* linktype (u16) + reserved (u16), little-endian host */
	put32(f, 65535);
	put32(f, 20);
	for (size_t i = 0; i < n; i++) {
		uint32_t padded = (uint32_t)((p[i].len + 3) & ~(size_t)3);
		uint64_t ts = (uint64_t)p[i].t_us;
		static const uint8_t zero[4];

		put32(f, 0x00000006); /* EPB */
		put32(f, 32 + padded);
		put32(f, 0);          /* interface 0 */
		put32(f, (uint32_t)(ts >> 32));
		put32(f, (uint32_t)ts);
		put32(f, (uint32_t)p[i].len);
		put32(f, (uint32_t)p[i].len);
		assert_int_equal(fwrite(p[i].b, 1, p[i].len, f), p[i].len);
		if (padded > p[i].len)
			assert_int_equal(fwrite(zero, 1, padded - p[i].len, f), padded - p[i].len);
		put32(f, 32 + padded);
	}
	assert_int_equal(fclose(f), 0);
}

/* ---- sources ------------------------------------------------------------------- */

static void test_capture_pcap_gives_ap_frames_with_signal_channel_and_time(void **state)
{
	char *dir = survey_test_tmpdir();
	const char *path = survey_test_path(dir, "known.pcap");
	struct pkt p[3];
	struct capture *c;
	struct capture_frame f;
	struct meas_observation obs;
	struct ns_err err = { 0 };

	(void)state;
	ap_frame(&p[0], T0 + 100000, AP1, "Ward7", 2437, -48, false, false);
	ap_frame(&p[1], T0 + 200000, AP2, "Ward7-guest", 5180, -71, false, true);
	ap_frame(&p[2], T0 + 1300000, AP1, "Ward7", 2437, -52, true, false);
	write_pcap(path, DLT_IEEE802_11_RADIO, p, 3);

	assert_int_equal(capture_open_file(path, &c, &err), 0);
	assert_int_equal(capture_next(c, &f, &err), 1);
	assert_true(f.t_us == T0 + 100000);
	assert_memory_equal(f.ap.bssid, AP1, 6);
	assert_int_equal(f.rt.signal_dbm, -48);
	assert_int_equal(capture_observation(&f, &obs), 0);
	assert_memory_equal(obs.bssid, AP1, 6);
	assert_float_equal(obs.signal_dbm, -48, 0);
	assert_int_equal(obs.freq_mhz, 2437);
	assert_int_equal(obs.channel, 6);
	assert_true(isnan(obs.noise_dbm));

	assert_int_equal(capture_next(c, &f, &err), 1);
	assert_memory_equal(f.ap.bssid, AP2, 6);
	assert_true(f.rt.fcs_at_end);
	assert_int_equal(capture_observation(&f, &obs), 0);
	assert_int_equal(obs.freq_mhz, 5180);
	assert_int_equal(obs.channel, 36);

	assert_int_equal(capture_next(c, &f, &err), 1);
	assert_int_equal(f.ap.subtype, DOT11_SUBTYPE_PROBE_RESP);
	assert_true(f.t_us == T0 + 1300000);
	assert_int_equal(capture_next(c, &f, &err), 0);
	capture_free(c);
	survey_test_rmdir(dir);
}

static void test_capture_channel_comes_from_the_ap_not_the_tuned_neighbour(void **state)
{
	struct pkt p;
	struct capture_frame f;
	struct meas_observation obs;
	struct ns_err err = { 0 };

	(void)state;
	/* a channel 6 beacon (DS parameter set: 6) heard while tuned to channel 5 */
	ap_frame(&p, T0, AP1, "Ward7", 2437, -80, false, false);
	p.b[10] = 2432 & 0xff;
	p.b[11] = 2432 >> 8;
	assert_int_equal(capture_parse_packet(p.b, p.len, p.len, &f, &err), DOT11_AP_FRAME);
	assert_int_equal(f.rt.freq_mhz, 2432);
	assert_int_equal(capture_observation(&f, &obs), 0);
	assert_int_equal(obs.freq_mhz, 2437);
	assert_int_equal(obs.channel, 6);
}

static void test_capture_frame_cut_by_snapshot_length_keeps_its_first_elements(void **state)
{
	struct pkt p;
	struct capture_frame f;
	struct meas_observation obs;
	struct ns_err err = { 0 };

	(void)state;
	/* FCS announced, but only the first bytes were captured: the FCS cannot be
	 * checked and is not there to strip; the SSID before the cut is kept */
	ap_frame(&p, T0, AP1, "Ward7", 5180, -61, false, true);
	assert_int_equal(capture_parse_packet(p.b, p.len - 6, p.len, &f, &err), DOT11_AP_FRAME);
	assert_int_equal(f.ap.ies_len, 7 + 1); /* SSID element, then 1 byte of the DS element */
	assert_int_equal(capture_observation(&f, &obs), 0);
	assert_string_equal(obs.ssid, "Ward7");
	/* the same bytes as a whole packet: the last 4 are no FCS of it */
	assert_int_equal(capture_parse_packet(p.b, p.len - 6, p.len - 6, &f, &err), DOT11_BAD_FCS);
}

static void test_capture_pcapng_is_read_like_pcap(void **state)
{
	char *dir = survey_test_tmpdir();
	const char *path = survey_test_path(dir, "known.pcapng");
	struct pkt p[2];
	struct capture *c;
	struct capture_frame f;
	struct ns_err err = { 0 };

	(void)state;
	ap_frame(&p[0], T0 + 5, AP1, "Ward7", 2412, -60, false, false);
	ap_frame(&p[1], T0 + 2000007, AP2, "x", 2462, -61, false, true);
	write_pcapng(path, p, 2);
	assert_int_equal(capture_open_file(path, &c, &err), 0);
	assert_int_equal(capture_next(c, &f, &err), 1);
	assert_true(f.t_us == T0 + 5);
	assert_int_equal(f.rt.signal_dbm, -60);
	assert_int_equal(capture_next(c, &f, &err), 1);
	assert_true(f.t_us == T0 + 2000007);
	assert_memory_equal(f.ap.bssid, AP2, 6);
	assert_int_equal(capture_next(c, &f, &err), 0);
	capture_free(c);
	survey_test_rmdir(dir);
}

static void test_capture_refuses_plain_80211_saying_it_has_no_signal(void **state)
{
	char *dir = survey_test_tmpdir();
	const char *path = survey_test_path(dir, "plain.pcap");
	struct pkt p;
	struct capture *c = NULL;
	struct ns_err err = { 0 };

	(void)state;
	ap_frame(&p, T0, AP1, "Ward7", 2437, -48, false, false);
	memmove(p.b, p.b + 15, p.len - 15); /* the same beacon without radiotap */
	p.len -= 15;
	write_pcap(path, DLT_IEEE802_11, &p, 1);
	assert_int_equal(capture_open_file(path, &c, &err), -EPROTONOSUPPORT);
	assert_null(c);
	assert_non_null(strstr(err.msg, "without radiotap"));
	assert_non_null(strstr(err.msg, "no signal strength"));
	survey_test_rmdir(dir);
}

static void test_capture_refuses_other_link_types_and_non_captures(void **state)
{
	char *dir = survey_test_tmpdir();
	const char *path = survey_test_path(dir, "eth.pcap");
	struct pkt p = { .len = 60, .t_us = T0 };
	struct capture *c = NULL;
	struct ns_err err = { 0 };
	FILE *f;

	(void)state;
	write_pcap(path, DLT_EN10MB, &p, 1);
	assert_int_equal(capture_open_file(path, &c, &err), -EPROTONOSUPPORT);
	assert_non_null(strstr(err.msg, "EN10MB"));
	assert_non_null(strstr(err.msg, "not 802.11 with radiotap"));

	path = survey_test_path(dir, "notes.txt");
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("Ward 7 walk notes: nothing captured here.\n", f);
	fclose(f);
	assert_int_equal(capture_open_file(path, &c, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "is not a pcap or pcapng capture"));

	assert_int_equal(capture_open_file("/nonexistent/walk.pcap", &c, &err), -ENOENT);
	assert_null(c);
	survey_test_rmdir(dir);
}

static void test_capture_drops_and_counts_client_bad_fcs_signalless_and_malformed(void **state)
{
	char *dir = survey_test_tmpdir();
	const char *path = survey_test_path(dir, "mixed.pcap");
	struct pkt p[7];
	struct capture *c;
	struct capture_frame f;
	struct capture_stats st;
	struct ns_err err = { 0 };

	(void)state;
	ap_frame(&p[0], T0, AP1, "Ward7", 2437, -50, false, false);
	client_probe_request(&p[1], T0 + 1);
	client_data(&p[2], T0 + 2);
	ap_frame(&p[3], T0 + 3, AP2, "Ward7", 2437, -50, false, true);
	p[3].b[30] ^= 0x40; /* corrupt after the FCS was computed */
	ap_frame(&p[4], T0 + 4, AP2, "Ward7", 2437, INT_MIN, false, false);
	ap_frame(&p[5], T0 + 5, AP2, "Ward7", 2437, -50, false, false);
	p[5].b[2] = 200;    /* radiotap length beyond the packet */
	ap_frame(&p[6], T0 + 6, AP2, "Ward7", 2437, -66, false, false);
	write_pcap(path, DLT_IEEE802_11_RADIO, p, 7);

	assert_int_equal(capture_open_file(path, &c, &err), 0);
	assert_int_equal(capture_next(c, &f, &err), 1);
	assert_memory_equal(f.ap.bssid, AP1, 6);
	assert_int_equal(capture_next(c, &f, &err), 1);
	assert_memory_equal(f.ap.bssid, AP2, 6);
	assert_int_equal(f.rt.signal_dbm, -66);
	assert_int_equal(capture_next(c, &f, &err), 0);
	capture_get_stats(c, &st);
	assert_int_equal(st.packets, 7);
	assert_int_equal(st.ap_frames, 2);
	assert_int_equal(st.not_ap, 2);
	assert_int_equal(st.bad_fcs, 1);
	assert_int_equal(st.no_signal, 1);
	assert_int_equal(st.malformed, 1);
	assert_non_null(strstr(st.first_malformed, "packet 6: the radiotap header claims 200 bytes"));
	capture_free(c);
	survey_test_rmdir(dir);
}

/* The live filter, compiled for radiotap, keeps AP frames and nothing a client sends. */
static void test_capture_live_filter_passes_beacons_and_probe_responses_only(void **state)
{
	pcap_t *dead = pcap_open_dead(DLT_IEEE802_11_RADIO, 65535);
	struct bpf_program prog;
	struct pcap_pkthdr h = { 0 };
	struct pkt p;

	(void)state;
	assert_non_null(dead);
	assert_int_equal(pcap_compile(dead, &prog, capture_filter_expression(), 1,
				      PCAP_NETMASK_UNKNOWN), 0);
	ap_frame(&p, T0, AP1, "Ward7", 2437, -50, false, false);
	h.caplen = h.len = (bpf_u_int32)p.len;
	assert_true(pcap_offline_filter(&prog, &h, p.b) > 0);
	ap_frame(&p, T0, AP1, "Ward7", 2437, -50, true, true);
	h.caplen = h.len = (bpf_u_int32)p.len;
	assert_true(pcap_offline_filter(&prog, &h, p.b) > 0);
	client_probe_request(&p, T0);
	h.caplen = h.len = (bpf_u_int32)p.len;
	assert_int_equal(pcap_offline_filter(&prog, &h, p.b), 0);
	client_data(&p, T0);
	h.caplen = h.len = (bpf_u_int32)p.len;
	assert_int_equal(pcap_offline_filter(&prog, &h, p.b), 0);
	pcap_freecode(&prog);
	pcap_close(dead);
}

/* ---- live: errors told apart, privilege named ------------------------------------- */

static void test_capture_live_names_a_missing_interface(void **state)
{
	struct capture *c = NULL;
	struct ns_err err = { 0 };
	char warning[256];

	(void)state;
	assert_int_equal(capture_open_live("nosuchwlan9", NULL, &c, warning, sizeof(warning), &err),
			 -ENODEV);
	assert_null(c);
	assert_non_null(strstr(err.msg, "nosuchwlan9"));
}

/* In a child without privileges: capturing says CAP_NET_RAW is needed. */
static void test_capture_live_without_privilege_names_cap_net_raw(void **state)
{
	pid_t pid;
	int status;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct capture *c = NULL;
		struct ns_err err = { 0 };
		int rc;

		if (geteuid() == 0 && (setgid(65534) || setuid(65534)))
			_exit(3);
		rc = capture_open_live("lo", NULL, &c, NULL, 0, &err);
		capture_free(c);
		_exit(rc == -EPERM && strstr(err.msg, "CAP_NET_RAW") ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* With privileges (root in CI): a non-802.11 interface is refused by link type. */
static void test_capture_live_refuses_an_interface_that_is_not_in_monitor_mode(void **state)
{
	struct capture *c = NULL;
	struct ns_err err = { 0 };
	int rc;

	(void)state;
	if (geteuid() != 0)
		skip();
	rc = capture_open_live("lo", NULL, &c, NULL, 0, &err);
	assert_int_equal(rc, -EPROTONOSUPPORT);
	assert_null(c);
	assert_non_null(strstr(err.msg, "is lo in monitor mode"));
	assert_non_null(strstr(err.msg, "not 802.11 with radiotap"));
}

/* ---- channel lists and hopping (no radio needed) ---------------------------------- */

static void test_monitor_channel_list_takes_numbers_and_frequencies(void **state)
{
	struct monitor_channels ch;
	struct ns_err err = { 0 };

	(void)state;
	assert_int_equal(monitor_parse_channels("1,6, 11,14,36,165,2422,6g:1,6g:2", &ch, &err), 0);
	assert_int_equal(ch.n, 9);
	assert_int_equal(ch.freq_mhz[0], 2412);
	assert_int_equal(ch.freq_mhz[1], 2437);
	assert_int_equal(ch.freq_mhz[2], 2462);
	assert_int_equal(ch.freq_mhz[3], 2484);
	assert_int_equal(ch.freq_mhz[4], 5180);
	assert_int_equal(ch.freq_mhz[5], 5825);
	assert_int_equal(ch.freq_mhz[6], 2422);
	assert_int_equal(ch.freq_mhz[7], 5955);
	assert_int_equal(ch.freq_mhz[8], 5935);
	assert_int_equal(monitor_parse_channels("1,6,x", &ch, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "'x'"));
	assert_int_equal(monitor_parse_channels("20", &ch, &err), -EINVAL);
	assert_int_equal(monitor_parse_channels("6g:4", &ch, &err), -EINVAL);
	assert_int_equal(monitor_parse_channels(",", &ch, &err), -EINVAL);
	assert_non_null(strstr(err.msg, "empty"));
	monitor_default_channels(&ch);
	assert_int_equal(ch.n, 13 + 25);
	assert_int_equal(ch.freq_mhz[0], 2412);
	assert_int_equal(ch.freq_mhz[13], 5180);
}

static void test_monitor_hops_in_order_after_each_dwell_and_drops_refused_channels(void **state)
{
	struct monitor_channels ch;
	struct monitor_hopper h;

	(void)state;
	assert_int_equal(monitor_parse_channels("1,6,11", &ch, NULL), 0);
	monitor_hopper_init(&h, &ch, 250000);
	assert_int_equal(monitor_hopper_due(&h, 1000000), 2412);   /* at once */
	assert_int_equal(monitor_hopper_due(&h, 1100000), 0);      /* still dwelling */
	assert_int_equal(monitor_hopper_due(&h, 1250000), 2437);
	assert_int_equal(monitor_hopper_due(&h, 1500000), 2462);
	assert_int_equal(monitor_hopper_due(&h, 1750000), 2412);   /* round again */
	monitor_hopper_drop(&h, 2437);                             /* next was 6: now 11 */
	assert_int_equal(monitor_hopper_due(&h, 2000000), 2462);
	assert_int_equal(monitor_hopper_due(&h, 2250000), 2412);
	monitor_hopper_drop(&h, 2412);
	monitor_hopper_drop(&h, 2462);
	assert_int_equal(monitor_hopper_due(&h, 9000000), 0);      /* nothing left */
	/* one channel: tuned once, then left alone */
	assert_int_equal(monitor_parse_channels("36", &ch, NULL), 0);
	monitor_hopper_init(&h, &ch, 250000);
	assert_int_equal(monitor_hopper_due(&h, 0), 5180);
	assert_int_equal(monitor_hopper_due(&h, 5000000), 0);
}

/* ---- windows ------------------------------------------------------------------- */

struct windows {
	int n;
	int64_t last_us[4];
	size_t nobs[4];
	struct meas_observation obs[4][4];
};

static int keep_window(void *arg, const struct capture_window *w)
{
	struct windows *ws = arg;

	assert_true(ws->n < 4 && w->n <= 4);
	ws->last_us[ws->n] = w->last_us;
	ws->nobs[ws->n] = w->n;
	memcpy(ws->obs[ws->n], w->obs, w->n * sizeof(*w->obs));
	ws->n++;
	return 0;
}

static void obs_at(struct meas_observation *o, const uint8_t *bssid, double signal, double noise)
{
	meas_init_observation(o);
	memcpy(o->bssid, bssid, 6);
	o->signal_dbm = signal;
	o->noise_dbm = noise;
}

static void test_capture_windows_take_the_mean_signal_per_bssid(void **state)
{
	struct capture_agg a;
	struct windows ws = { 0 };
	struct meas_observation o;

	(void)state;
	capture_agg_init(&a, 1000000);
	obs_at(&o, AP1, -60, -95);
	assert_int_equal(capture_agg_add(&a, T0, &o, keep_window, &ws), 0);
	obs_at(&o, AP1, -70, NAN);
	assert_int_equal(capture_agg_add(&a, T0 + 500000, &o, keep_window, &ws), 0);
	obs_at(&o, AP2, -50, -90);
	assert_int_equal(capture_agg_add(&a, T0 + 700000, &o, keep_window, &ws), 0);
	assert_int_equal(ws.n, 0);
	/* 1.2 s: the first window [0, 1 s) closes */
	obs_at(&o, AP1, -40, NAN);
	assert_int_equal(capture_agg_add(&a, T0 + 1200000, &o, keep_window, &ws), 0);
	assert_int_equal(ws.n, 1);
	assert_true(ws.last_us[0] == T0 + 700000);
	assert_int_equal(ws.nobs[0], 2);
	assert_memory_equal(ws.obs[0][0].bssid, AP1, 6);
	assert_float_equal(ws.obs[0][0].signal_dbm, -65, 1e-9);
	assert_float_equal(ws.obs[0][0].noise_dbm, -95, 1e-9);
	assert_memory_equal(ws.obs[0][1].bssid, AP2, 6);
	assert_float_equal(ws.obs[0][1].signal_dbm, -50, 1e-9);
	assert_int_equal(capture_agg_flush(&a, keep_window, &ws), 0);
	assert_int_equal(ws.n, 2);
	assert_int_equal(ws.nobs[1], 1);
	assert_float_equal(ws.obs[1][0].signal_dbm, -40, 1e-9);
	assert_true(isnan(ws.obs[1][0].noise_dbm));
	assert_true(ws.last_us[1] == T0 + 1200000);
	/* nothing open: flushing again gives nothing */
	assert_int_equal(capture_agg_flush(&a, keep_window, &ws), 0);
	assert_int_equal(ws.n, 2);
	capture_agg_release(&a);
}

/* ---- malformed packets kept as regression files -------------------------------- */

/* What each file under tests/fuzz/regress/fuzz_capture/ must give. */
static const struct {
	const char *name;
	int verdict;          /* capture_parse_packet() result */
	const char *why;      /* a phrase of the sentence, for -EINVAL */
} regress[] = {
	{ "radiotap-cut-in-fixed-part.bin", -EINVAL, "cut short" },
	{ "radiotap-length-beyond-packet.bin", -EINVAL, "claims 64 bytes" },
	{ "radiotap-ext-bitmap-past-header.bin", -EINVAL, "bitmaps run past" },
	{ "radiotap-field-past-header.bin", -EINVAL, "field 5 runs past" },
	{ "radiotap-padding-past-header.bin", -EINVAL, "field 0 runs past" },
	{ "radiotap-vendor-skip-past-header.bin", -EINVAL, "vendor namespace" },
	{ "radiotap-version-1.bin", -EINVAL, "version 1" },
	{ "radiotap-length-below-8.bin", -EINVAL, "less than 8" },
	{ "real-radiotap-field-past-header.bin", -EINVAL, "field 22 runs past" },
	{ "dot11-beacon-cut-in-header.bin", -EINVAL, "management header is cut short" },
	{ "dot11-beacon-cut-in-fixed-fields.bin", -EINVAL, "fixed fields" },
	{ "dot11-beacon-fcs-wrong.bin", DOT11_BAD_FCS, NULL },
	{ "dot11-beacon-flagged-bad-fcs.bin", DOT11_BAD_FCS, NULL },
	{ "dot11-fcs-on-too-short-frame.bin", -EINVAL, "too short to hold its FCS" },
	/* element faults do not lose the AP: the frame is kept, the element ignored */
	{ "ies-ssid-longer-than-frame.bin", DOT11_AP_FRAME, NULL },
	{ "ies-ht-operation-too-short.bin", DOT11_AP_FRAME, NULL },
	{ "ies-ssid-too-long.bin", DOT11_AP_FRAME, NULL },
};

static void test_capture_regression_files_give_their_verdicts(void **state)
{
	DIR *d = opendir(REGRESS_DIR);
	struct dirent *e;
	size_t seen = 0;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[512];
		unsigned char *buf;
		size_t len, i;
		struct capture_frame f;
		struct meas_observation obs;
		struct ns_err err = { 0 };
		int rc;

		if (e->d_name[0] == '.')
			continue;
		for (i = 0; i < sizeof(regress) / sizeof(regress[0]); i++)
			if (strcmp(regress[i].name, e->d_name) == 0)
				break;
		if (i == sizeof(regress) / sizeof(regress[0]))
			fail_msg("%s has no expected verdict in test_capture.c", e->d_name);
		snprintf(path, sizeof(path), "%s/%s", REGRESS_DIR, e->d_name);
		buf = survey_test_read_file(path, &len);
		assert_non_null(buf);
		rc = capture_parse_packet(buf, len, len, &f, &err);
		if (rc != regress[i].verdict)
			fail_msg("%s: verdict %d, expected %d (%s)", e->d_name, rc, regress[i].verdict,
				 err.msg);
		if (regress[i].why && !strstr(err.msg, regress[i].why))
			fail_msg("%s: '%s' does not say '%s'", e->d_name, err.msg, regress[i].why);
		if (rc == DOT11_AP_FRAME) {
			assert_int_equal(capture_observation(&f, &obs), 0);
			assert_float_equal(obs.signal_dbm, -64, 0);
			assert_true(strlen(obs.ssid) <= 32);
			if (strcmp(e->d_name, "ies-ht-operation-too-short.bin") == 0)
				assert_int_not_equal(obs.width_mhz, 40);
			if (strcmp(e->d_name, "ies-ssid-longer-than-frame.bin") == 0)
				assert_string_equal(obs.ssid, "");
		}
		free(buf);
		seen++;
	}
	closedir(d);
	assert_int_equal(seen, sizeof(regress) / sizeof(regress[0]));
}

/* ---- a real capture against tcpdump ----------------------------------------------- */

struct ap_line {
	char bssid[18];
	char ssid[40];
	int signal;     /* INT_MIN: none printed */
	int freq;
};

/* One line of `tcpdump -e -v -nn` for a beacon or probe response. */
static bool parse_tcpdump_line(const char *line, struct ap_line *a)
{
	const char *kind, *p, *q;

	memset(a, 0, sizeof(*a));
	a->signal = INT_MIN;
	kind = strstr(line, "Beacon (");
	if (kind)
		kind += strlen("Beacon (");
	else if ((kind = strstr(line, "Probe Response (")))
		kind += strlen("Probe Response (");
	else
		return false;
	q = strchr(kind, ')');
	if (!q || (size_t)(q - kind) >= sizeof(a->ssid))
		return false;
	memcpy(a->ssid, kind, (size_t)(q - kind));
	p = strstr(line, "BSSID:");
	if (!p)
		return false;
	memcpy(a->bssid, p + 6, 17);
	p = strstr(line, "dBm signal");
	if (p) {
		const char *s = p;

		while (s > line && (isdigit((unsigned char)s[-1]) || s[-1] == '-'))
			s--;
		a->signal = atoi(s);
	}
	p = strstr(line, " MHz");
	if (p) {
		const char *s = p;

		while (s > line && isdigit((unsigned char)s[-1]))
			s--;
		a->freq = atoi(s);
	}
	return true;
}

static void test_capture_real_capture_gives_what_tcpdump_prints(void **state)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct ap_line want[16], got[16];
	size_t nwant = 0, ngot = 0;
	struct pcap_pkthdr *h;
	const u_char *data;
	char line[2048];
	pcap_t *p;
	FILE *td;

	(void)state;
	td = popen("tcpdump -Z root -r " REAL_CAPTURE " -e -v -nn 2>/dev/null", "r");
	assert_non_null(td);
	while (fgets(line, sizeof(line), td))
		if (nwant < 16 && parse_tcpdump_line(line, &want[nwant]))
			nwant++;
	if (pclose(td) != 0)
		fail_msg("tcpdump failed on %s (is tcpdump installed? scripts/install-deps.sh test)",
			 REAL_CAPTURE);

	p = pcap_open_offline(REAL_CAPTURE, errbuf);
	assert_non_null(p);
	while (pcap_next_ex(p, &h, &data) == 1) {
		struct capture_frame f;
		struct meas_observation obs;
		struct ns_err err;

		if (capture_parse_packet(data, h->caplen, h->len, &f, &err) != DOT11_AP_FRAME)
			continue;
		assert_true(ngot < 16);
		mac_format(f.ap.bssid, got[ngot].bssid);
		got[ngot].signal = INT_MIN;
		got[ngot].freq = f.rt.freq_mhz;
		got[ngot].ssid[0] = '\0';
		if (capture_observation(&f, &obs) == 0) {
			got[ngot].signal = (int)obs.signal_dbm;
			snprintf(got[ngot].ssid, sizeof(got[ngot].ssid), "%.39s", obs.ssid);
		} else {
			struct meas_observation o2;

			/* no signal: the elements still say what the SSID is */
			meas_init_observation(&o2);
			capture_apply_elements(&f.ap, &o2);
			snprintf(got[ngot].ssid, sizeof(got[ngot].ssid), "%.39s", o2.ssid);
		}
		ngot++;
	}
	pcap_close(p);

	/* SSID76, WPA3-Network (no signal), Disney (probe response), Livebox, Why Fye? */
	assert_int_equal(nwant, 5);
	assert_int_equal(ngot, nwant);
	for (size_t i = 0; i < nwant; i++) {
		assert_string_equal(got[i].bssid, want[i].bssid);
		assert_string_equal(got[i].ssid, want[i].ssid);
		assert_int_equal(got[i].signal, want[i].signal);
		assert_int_equal(got[i].freq, want[i].freq);
	}
	/* and the values themselves, read by hand from tcpdump's output once */
	assert_string_equal(want[2].ssid, "Disney Convention Center Guest");
	assert_int_equal(want[2].signal, -56);
	assert_int_equal(want[3].signal, -32);
	assert_int_equal(want[3].freq, 5180);
}

/* The elements of the real frames, through the shared parser, checked against
 * their bytes by hand: Disney's BSS Load is 0b 05 0a 00 8a 8d 5b (10 stations,
 * 138/255 busy) and its Cisco CCX1 element names the AP "1617-AP33-SorcA";
 * Livebox's VHT Operation c0 05 01 2a … is 80 MHz around channel 42. */
static void test_capture_real_capture_elements_give_load_width_security_and_ap_name(void **state)
{
	struct capture *c;
	struct capture_frame f;
	struct meas_observation obs[8];
	struct ns_err err = { 0 };
	size_t n = 0;

	(void)state;
	assert_int_equal(capture_open_file(REAL_CAPTURE, &c, &err), 0);
	while (n < 8 && capture_next(c, &f, &err) == 1)
		assert_int_equal(capture_observation(&f, &obs[n++]), 0);
	capture_free(c);
	assert_int_equal(n, 4);
	assert_string_equal(obs[0].ssid, "SSID76");
	assert_string_equal(obs[0].security, "wpa2-psk");
	assert_int_equal(obs[0].channel, 8);
	assert_string_equal(obs[1].ssid, "Disney Convention Center Guest");
	assert_string_equal(obs[1].ap_name, "1617-AP33-SorcA");
	assert_string_equal(obs[1].security, "open");
	assert_int_equal(obs[1].bss_stations, 10);
	assert_float_equal(obs[1].bss_utilisation, 138 / 255.0, 1e-9);
	assert_int_equal(obs[1].freq_mhz, 2437);
	assert_int_equal(obs[1].width_mhz, 20);
	assert_string_equal(obs[2].ssid, "Livebox-2250");
	assert_int_equal(obs[2].channel, 36);
	assert_int_equal(obs[2].width_mhz, 80);
	assert_int_equal(obs[2].center_freq_mhz, 5210);
	assert_string_equal(obs[3].ssid, "Why Fye?");
	assert_int_equal(obs[3].bss_stations, 7);
}

/* ---- the command: survey, placement, privacy ----------------------------------------- */

/* The notspot built with this test (BUILD/tests/test_capture → BUILD/notspot), else ./notspot. */
static void notspot_path(char *buf, size_t len)
{
	char exe[1024];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	snprintf(buf, len, "./notspot");
	if (n <= 0)
		return;
	exe[n] = '\0';
	for (int up = 0; up < 2; up++) {
		slash = strrchr(exe, '/');
		if (!slash)
			return;
		*slash = '\0';
	}
	if (strlen(exe) + 10 < len) {
		char cand[1100];

		snprintf(cand, sizeof(cand), "%s/notspot", exe);
		if (access(cand, X_OK) == 0)
			snprintf(buf, len, "%s", cand);
	}
}

static char *run_notspot(const char *args, int *status)
{
	char cmd[4096], bin[1100];
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);
	FILE *f;

	assert_non_null(out);
	notspot_path(bin, sizeof(bin));
	snprintf(cmd, sizeof(cmd), "%s %s 2>&1", bin, args);
	f = popen(cmd, "r");
	assert_non_null(f);
	len = fread(out, 1, cap - 1, f);
	out[len] = '\0';
	*status = pclose(f);
	return out;
}

static void new_survey(const char *path)
{
	struct survey *s;
	struct floorplan *fp;
	struct ns_err err = { 0 };

	assert_int_equal(survey_create(path, NULL, &s, &err), 0);
	fp = survey_test_floor("Level 2");
	assert_true(survey_add_floor(s, fp, &err) > 0);
	floorplan_free(fp);
	survey_close(s);
}

struct walk_check {
	size_t samples, placed, obs;
	double x_at_1s;
	char ssids[256];
};

static int check_sample(void *arg, const struct meas_sample *smp,
			const struct meas_observation *obs, size_t nobs,
			const struct meas_link *link, const struct meas_throughput *tput)
{
	struct walk_check *w = arg;

	(void)link;
	(void)tput;
	assert_int_equal(smp->kind, SAMPLE_CAPTURE);
	w->samples++;
	w->obs += nobs;
	if (smp->placed) {
		w->placed++;
		if (smp->t_us == T0 + 1000000)
			w->x_at_1s = smp->x_m;
	}
	for (size_t i = 0; i < nobs; i++) {
		assert_memory_not_equal(obs[i].bssid, CLIENT, 6);
		if (!strstr(w->ssids, obs[i].ssid)) {
			strncat(w->ssids, obs[i].ssid, sizeof(w->ssids) - strlen(w->ssids) - 2);
			strcat(w->ssids, ";");
		}
	}
	return 0;
}

static bool file_has(const char *path, const void *needle, size_t n)
{
	size_t len;
	unsigned char *buf = survey_test_read_file(path, &len);
	bool found;

	if (!buf)
		return false;
	found = memmem(buf, len, needle, n) != NULL;
	free(buf);
	return found;
}

static void test_capture_command_records_a_placed_walk_without_client_addresses(void **state)
{
	char *dir = survey_test_tmpdir();
	char sv[256], pc[256], wp[256], args[1024];
	struct pkt p[8];
	struct survey *s;
	struct survey_walk *walks;
	struct survey_query q = { .kind = SAMPLE_CAPTURE };
	struct walk_check wc = { 0 };
	struct ns_err err = { 0 };
	size_t nwalks;
	char *out;
	int status;
	FILE *f;

	(void)state;
	snprintf(sv, sizeof(sv), "%s/site.notspot", dir);
	snprintf(pc, sizeof(pc), "%s/walk.pcap", dir);
	snprintf(wp, sizeof(wp), "%s/walk.waypoints", dir);
	new_survey(sv);
	/* three windows of AP frames with client frames among them */
	ap_frame(&p[0], T0 + 0, AP1, "Ward7", 2437, -50, false, false);
	client_probe_request(&p[1], T0 + 100000);
	ap_frame(&p[2], T0 + 200000, AP2, "Ward7-guest", 2437, -70, true, false);
	client_data(&p[3], T0 + 300000);
	ap_frame(&p[4], T0 + 1000000, AP1, "Ward7", 2437, -54, false, true);
	ap_frame(&p[5], T0 + 1500000, AP1, "Ward7", 2437, -58, false, false);
	client_data(&p[6], T0 + 1600000);
	ap_frame(&p[7], T0 + 2500000, AP2, "Ward7-guest", 2437, -72, true, false);
	write_pcap(pc, DLT_IEEE802_11_RADIO, p, 8);
	f = fopen(wp, "w");
	assert_non_null(f);
	fputs("# taps of the walk\n"
	      "2025-11-22T03:00:00Z 0 0\n"
	      "\n"
	      "2025-11-22T03:00:02.000Z 10 0\n", f);
	fclose(f);

	snprintf(args, sizeof(args), "capture %s --floor 'Level 2' --pcap %s --waypoints %s", sv, pc,
		 wp);
	out = run_notspot(args, &status);
	if (status != 0)
		fail_msg("notspot capture failed: %s", out);
	assert_non_null(strstr(out, "8 packets read, 5 AP frames kept, 3 samples, 2 placed"));
	assert_non_null(strstr(out, "3 not from an access point"));
	assert_null(strstr(out, CLIENT_TEXT));
	free(out);

	assert_int_equal(survey_open(sv, SURVEY_READ_ONLY, &s, &err), 0);
	assert_int_equal(survey_list_walks(s, 0, &walks, &nwalks, &err), 0);
	assert_int_equal(nwalks, 1);
	assert_string_equal(walks[0].mode, "capture");
	assert_true(walks[0].start_us == T0);
	q.walk_id = walks[0].id;
	free(walks);
	assert_int_equal(survey_foreach_sample(s, &q, check_sample, &wc, &err), 0);
	survey_close(s);
	/* windows [0,1 s): AP1 + AP2; [1 s, 2 s): AP1 (mean -56); [2.5 s]: AP2, after the last tap */
	assert_int_equal(wc.samples, 3);
	assert_int_equal(wc.obs, 4);
	assert_int_equal(wc.placed, 2);
	assert_non_null(strstr(wc.ssids, "Ward7;"));
	assert_non_null(strstr(wc.ssids, "Ward7-guest;"));
	/* privacy: the client's address appears nowhere in the file, in any form */
	assert_false(file_has(sv, CLIENT, 6));
	assert_false(file_has(sv, CLIENT_TEXT, strlen(CLIENT_TEXT)));
	assert_false(file_has(sv, "3a11223344", 10));
	assert_true(file_has(sv, AP1, 6) || file_has(sv, "00:1a:2b:3c:4d:01", 17));
	survey_test_rmdir(dir);
}

static void test_capture_command_on_real_capture_stores_no_client_address(void **state)
{
	/* the real capture holds a probe response to 56:9c:6d:f4:b1:e9, a probe
	 * request from aa:aa:aa:aa:aa:aa and a data frame to b8:e8:56:42:5f:b2 */
	static const char *clients[] = { "56:9c:6d:f4:b1:e9", "aa:aa:aa:aa:aa:aa",
					 "b8:e8:56:42:5f:b2" };
	static const uint8_t client_bin[][6] = { { 0x56, 0x9c, 0x6d, 0xf4, 0xb1, 0xe9 },
						 { 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa },
						 { 0xb8, 0xe8, 0x56, 0x42, 0x5f, 0xb2 } };
	char *dir = survey_test_tmpdir();
	char sv[256], args[1024];
	char *out;
	int status;

	(void)state;
	snprintf(sv, sizeof(sv), "%s/site.notspot", dir);
	new_survey(sv);
	snprintf(args, sizeof(args), "capture %s --floor 'Level 2' --pcap %s --json", sv,
		 REAL_CAPTURE);
	out = run_notspot(args, &status);
	if (status != 0)
		fail_msg("notspot capture failed: %s", out);
	assert_non_null(strstr(out, "\"ap_frames\": 4"));
	for (int i = 0; i < 3; i++) {
		assert_null(strstr(out, clients[i]));
		assert_false(file_has(sv, clients[i], 17));
		assert_false(file_has(sv, client_bin[i], 6));
	}
	assert_true(file_has(sv, "Disney Convention Center Guest", 30));
	free(out);
	survey_test_rmdir(dir);
}

static void test_capture_command_refuses_a_file_of_client_frames_without_making_a_walk(void **state)
{
	char *dir = survey_test_tmpdir();
	char sv[256], pc[256], args[1024];
	struct pkt p[2];
	struct survey *s;
	struct survey_walk *walks;
	struct ns_err err = { 0 };
	size_t nwalks;
	char *out;
	int status;

	(void)state;
	snprintf(sv, sizeof(sv), "%s/site.notspot", dir);
	snprintf(pc, sizeof(pc), "%s/clients.pcap", dir);
	new_survey(sv);
	client_probe_request(&p[0], T0);
	client_data(&p[1], T0 + 1);
	write_pcap(pc, DLT_IEEE802_11_RADIO, p, 2);
	snprintf(args, sizeof(args), "capture %s --floor 'Level 2' --pcap %s", sv, pc);
	out = run_notspot(args, &status);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
	assert_non_null(strstr(out, "has no beacon or probe response with a signal to map"));
	assert_non_null(strstr(out, "2 not from an access point"));
	assert_null(strstr(out, CLIENT_TEXT));
	free(out);
	assert_int_equal(survey_open(sv, SURVEY_READ_ONLY, &s, &err), 0);
	assert_int_equal(survey_list_walks(s, 0, &walks, &nwalks, &err), 0);
	assert_int_equal(nwalks, 0);
	free(walks);
	survey_close(s);
	assert_false(file_has(sv, CLIENT, 6));
	survey_test_rmdir(dir);
}

static void test_capture_command_refuses_a_bad_waypoints_line_with_its_number(void **state)
{
	char *dir = survey_test_tmpdir();
	char sv[256], wp[256], args[1024];
	char *out;
	int status;
	FILE *f;

	(void)state;
	snprintf(sv, sizeof(sv), "%s/site.notspot", dir);
	snprintf(wp, sizeof(wp), "%s/w.txt", dir);
	new_survey(sv);
	f = fopen(wp, "w");
	assert_non_null(f);
	fputs("2025-11-22T03:00:00Z 0 0\nyesterday 1 1\n", f);
	fclose(f);
	snprintf(args, sizeof(args), "capture %s --floor 'Level 2' --pcap %s --waypoints %s", sv,
		 REAL_CAPTURE, wp);
	out = run_notspot(args, &status);
	assert_int_equal(WEXITSTATUS(status), 1);
	assert_non_null(strstr(out, "line 2: 'yesterday' is not an ISO 8601 UTC time"));
	free(out);
	f = fopen(wp, "w");
	assert_non_null(f);
	fputs("2025-11-22T03:00:00Z 0 zero\n", f);
	fclose(f);
	out = run_notspot(args, &status);
	assert_int_equal(WEXITSTATUS(status), 1);
	assert_non_null(strstr(out, "line 1: X and Y must be numbers of metres"));
	free(out);
	/* and usage errors exit 2 */
	snprintf(args, sizeof(args), "capture %s --floor 'Level 2'", sv);
	out = run_notspot(args, &status);
	assert_int_equal(WEXITSTATUS(status), 2);
	assert_non_null(strstr(out, "give either --pcap FILE or -i IFACE"));
	free(out);
	survey_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capture_pcap_gives_ap_frames_with_signal_channel_and_time),
		cmocka_unit_test(test_capture_channel_comes_from_the_ap_not_the_tuned_neighbour),
		cmocka_unit_test(test_capture_frame_cut_by_snapshot_length_keeps_its_first_elements),
		cmocka_unit_test(test_capture_pcapng_is_read_like_pcap),
		cmocka_unit_test(test_capture_refuses_plain_80211_saying_it_has_no_signal),
		cmocka_unit_test(test_capture_refuses_other_link_types_and_non_captures),
		cmocka_unit_test(test_capture_drops_and_counts_client_bad_fcs_signalless_and_malformed),
		cmocka_unit_test(test_capture_live_filter_passes_beacons_and_probe_responses_only),
		cmocka_unit_test(test_capture_live_names_a_missing_interface),
		cmocka_unit_test(test_capture_live_without_privilege_names_cap_net_raw),
		cmocka_unit_test(test_capture_live_refuses_an_interface_that_is_not_in_monitor_mode),
		cmocka_unit_test(test_monitor_channel_list_takes_numbers_and_frequencies),
		cmocka_unit_test(test_monitor_hops_in_order_after_each_dwell_and_drops_refused_channels),
		cmocka_unit_test(test_capture_windows_take_the_mean_signal_per_bssid),
		cmocka_unit_test(test_capture_regression_files_give_their_verdicts),
		cmocka_unit_test(test_capture_real_capture_gives_what_tcpdump_prints),
		cmocka_unit_test(test_capture_real_capture_elements_give_load_width_security_and_ap_name),
		cmocka_unit_test(test_capture_command_records_a_placed_walk_without_client_addresses),
		cmocka_unit_test(test_capture_command_on_real_capture_stores_no_client_address),
		cmocka_unit_test(test_capture_command_refuses_a_file_of_client_frames_without_making_a_walk),
		cmocka_unit_test(test_capture_command_refuses_a_bad_waypoints_line_with_its_number),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
