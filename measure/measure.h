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

/*
 * An SSID is 0..32 bytes, any bytes: a stranger's access point may broadcast
 * control characters, a terminal escape or bytes that are not UTF-8. Each
 * struct that carries one keeps the exact bytes (ssid_raw/ssid_len) and a text
 * to show and match (ssid): the SSID itself when it is printable UTF-8,
 * otherwise escaped by meas_ssid_set(), the one rule. ssid_escaped says the
 * text is not the bytes. A producer that only knows the text (a simulator, an
 * old file) may leave ssid_len 0 and ssid_escaped false: the text is the bytes.
 */
#define MEAS_SSID_MAX 32                           /* bytes of an SSID (IEEE 802.11) */
#define MEAS_SSID_TEXT_SIZE (4 * MEAS_SSID_MAX + 1) /* every byte as \xHH, and the NUL */

/* One BSS heard in a scan or capture sample. */
struct meas_observation {
	uint8_t bssid[6];
	char ssid[MEAS_SSID_TEXT_SIZE]; /* display text (see above), NUL-terminated; "" if hidden */
	uint8_t ssid_raw[MEAS_SSID_MAX]; /* the bytes as broadcast (ssid_len of them) */
	uint8_t ssid_len;          /* 0..32 */
	bool ssid_escaped;         /* ssid is an escaped rendering of ssid_raw, not the bytes */
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
	char ssid[MEAS_SSID_TEXT_SIZE]; /* as in struct meas_observation */
	uint8_t ssid_raw[MEAS_SSID_MAX];
	uint8_t ssid_len;
	bool ssid_escaped;
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

/**
 * meas_ssid_set() - the text of SSID @raw (@len bytes, at most 32) into @text
 * (@cap bytes, MEAS_SSID_TEXT_SIZE always suffices), escaped the way iw prints
 * an SSID, with UTF-8 kept:
 *  - printable ASCII (0x20..0x7e) stays, spaces included (iw escapes a
 *    leading or trailing one), except the backslash, written "\\";
 *  - a valid UTF-8 sequence of a printable character stays as it is;
 *  - every other byte is written "\xHH" (lower-case hex): control bytes
 *    (NUL, ESC, DEL), bytes that are not valid UTF-8, and the bytes of the
 *    characters that change how text around them is shown (C1 controls
 *    U+0080..U+009F, line and paragraph separators U+2028/U+2029, bidi
 *    controls U+200E/U+200F, U+202A..U+202E and U+2066..U+2069).
 * Returns 1 when the text differs from the bytes (something was escaped), 0
 * when the text is the bytes, -EINVAL for @len > 32 (@text is then ""), or
 * -ENOSPC when @cap is too small (@text holds the escapes that fit, whole).
 */
int meas_ssid_set(char *text, size_t cap, const uint8_t *raw, size_t len);

/**
 * meas_observation_set_ssid() / meas_link_set_ssid() - set the SSID of @o/@l
 * from its bytes: ssid_raw, ssid_len, the text by meas_ssid_set() and
 * ssid_escaped. 0, or -EINVAL for more than 32 bytes (the SSID is then empty).
 */
int meas_observation_set_ssid(struct meas_observation *o, const uint8_t *raw, size_t len);
int meas_link_set_ssid(struct meas_link *l, const uint8_t *raw, size_t len);

#endif
