/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * measure.h — what one measurement is: the plain structs every layer passes
 * on. The scanner fills them from the kernel (nl80211, pcap, iperf3), the
 * simulator fakes them, the recorder places them and the survey stores them;
 * maps read them back. Nothing here talks to anything.
 *
 * Units: times are µs (t_us: wall clock since the Unix epoch, UTC; mono_us:
 * monotonic since boot); positions metres on the floor (floorplans/model.h);
 * signals dBm; rates Mbit/s; durations as their names say.
 *
 * Unknown — one rule for the whole project:
 *  - a real quantity (dBm, dB, Mbit/s, ms, a fraction) that was not measured
 *    is NAN; it is stored as SQL NULL, printed as "n/a" and never invented;
 *  - a count or a non-negative integer (stations, retries, bytes, ages,
 *    seconds) that was not given is -1;
 *  - INT_MIN marks a missing *signed integer straight from the kernel or a
 *    radiotap header* (scanner/station.h, scanner/radiotap.h) inside the
 *    parsers only; it becomes NAN when it is copied into these structs.
 * meas_init_*() set every field to its unknown.
 */
#ifndef NOTSPOT_MEASURE_MEASURE_H
#define NOTSPOT_MEASURE_MEASURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum meas_kind {
	SAMPLE_SCAN = 1,       /* a scan: observations of every BSS heard */
	SAMPLE_LINK = 2,       /* a station poll of the associated BSS */
	SAMPLE_THROUGHPUT = 3, /* iperf3 */
	SAMPLE_LATENCY = 4,    /* ping / UDP / TCP round trips */
	SAMPLE_CAPTURE = 5,    /* beacons heard by a monitor interface */
	SAMPLE_NOISE = 6,      /* a channel survey: noise and busy time */
};

/*
 * Whether the measurement worked. A failure is data: it keeps its time and
 * place, and the map shows it.
 */
enum meas_status {
	SAMPLE_OK = 0,
	SAMPLE_NOT_ASSOCIATED = 1, /* the link poll found no association */
	SAMPLE_SCAN_FAILED = 2,    /* trigger or dump failed; error says why */
	SAMPLE_SCAN_CACHED = 3,    /* scan not permitted: results are the kernel's cache */
	SAMPLE_FAILED = 4,         /* the measurement failed; error says why */
	SAMPLE_TIMEOUT = 5,
};

struct meas_sample {
	int64_t id;
	int64_t walk_id;
	int64_t t_us;              /* wall clock when the measurement completed */
	int64_t mono_us;           /* monotonic clock at the same moment */
	enum meas_kind kind;
	enum meas_status status;
	char error[160];           /* why it failed, "" when ok */
	bool placed;               /* x/y known (set by the position track) */
	double x_m, y_m;
	double noise_dbm;          /* channel noise at the time, NAN if unknown */
};

/* One BSS heard in a scan or capture sample. */
struct meas_observation {
	uint8_t bssid[6];
	char ssid[33];             /* UTF-8 as broadcast, NUL-terminated; "" if hidden */
	bool hidden;
	int freq_mhz;              /* primary channel centre */
	int channel;               /* primary channel number */
	int width_mhz;             /* 20, 40, 80, 160, 320; 0 if unknown */
	int center_freq_mhz;       /* centre of the occupied width; 0 if unknown */
	double signal_dbm;
	double noise_dbm;          /* NAN if unknown */
	int bss_stations;          /* BSS Load station count, -1 if not advertised */
	double bss_utilisation;    /* BSS Load channel utilisation 0..1, NAN if not advertised */
	char security[32];         /* "open", "wpa2-psk", "wpa2-eap", "wpa3-sae", … */
	char ap_name[33];          /* configured AP name from beacons, "" if none */
	int age_ms;                /* how old the result was when dumped, -1 unknown */
	bool associated;
};

/* The associated link at a link poll. */
struct meas_link {
	uint8_t bssid[6];
	char ssid[33];
	int freq_mhz;
	double signal_dbm;
	double signal_avg_dbm;
	double beacon_signal_avg_dbm;
	double tx_bitrate_mbps;
	double rx_bitrate_mbps;
	double expected_throughput_mbps;
	int64_t tx_retries, tx_failed, beacon_loss; /* -1 if unknown */
	int64_t rx_bytes, tx_bytes;                 /* -1 if unknown */
	double noise_dbm;
	int connected_s;                            /* -1 if unknown */
};

/* A throughput or latency measurement. */
struct meas_throughput {
	char protocol[8];          /* "tcp", "udp", "icmp" */
	char direction[8];         /* "up", "down", "rtt" */
	char server[64];           /* host[:port] measured against */
	double duration_s;
	double mbps;               /* NAN if failed or not applicable */
	double jitter_ms;          /* NAN if not measured */
	double loss_pct;           /* NAN if not measured */
	double rtt_ms;             /* NAN if not measured */
	char error[160];           /* why it failed, "" when ok */
};


/** meas_init_sample() / _observation() / _link() / _throughput() - zero with unknowns marked. */
void meas_init_sample(struct meas_sample *s);
void meas_init_observation(struct meas_observation *o);
void meas_init_link(struct meas_link *l);
void meas_init_throughput(struct meas_throughput *t);

/** meas_kind_name() / meas_status_name() - stable names used in CSV and JSON (never renamed). */
const char *meas_kind_name(enum meas_kind kind);
const char *meas_status_name(enum meas_status status);
int meas_kind_parse(const char *name);    /* kind or -EINVAL */
int meas_status_parse(const char *name);  /* status or -EINVAL */

#endif
