/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * capture.c — passive capture through libpcap (see capture.h).
 */
#include "scanner/capture.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "scanner/capture_private.h"
#include "scanner/ies.h"
#include "scanner/ssid.h"

int capture_parse_packet(const uint8_t *pkt, size_t caplen, size_t wire_len,
			 struct capture_frame *f, struct ns_err *err)
{
	size_t hl;
	int rc;

	memset(f, 0, sizeof(*f));
	rc = radiotap_parse(pkt, caplen, &f->rt, err);
	if (rc)
		return rc;
	if (f->rt.bad_fcs)
		return DOT11_BAD_FCS;
	hl = f->rt.header_len;
	if (f->rt.fcs_at_end && wire_len > caplen) {
		/* cut by the snapshot length: the FCS was not captured, the elements
		 * that were are kept (the element parser stops at the cut) */
		return dot11_parse_ap_frame(pkt + hl, caplen - hl, false, &f->ap, err);
	}
	return dot11_parse_ap_frame(pkt + hl, caplen - hl, f->rt.fcs_at_end, &f->ap, err);
}

int capture_observation(const struct capture_frame *f, struct meas_observation *obs)
{
	int signal = f->rt.signal_dbm;

	meas_init_observation(obs);
	if (signal == INT_MIN && f->rt.nchains > 0)
		signal = f->rt.chain_signal_dbm[0];
	if (signal == INT_MIN)
		return -ENODATA;
	memcpy(obs->bssid, f->ap.bssid, 6);
	obs->signal_dbm = signal;
	obs->noise_dbm = f->rt.noise_dbm == INT_MIN ? NAN : f->rt.noise_dbm;
	if (f->rt.freq_mhz != INT_MIN && f->rt.freq_mhz > 0) {
		obs->freq_mhz = f->rt.freq_mhz;
		obs->channel = freq_to_channel(f->rt.freq_mhz);
	}
	obs->age_ms = 0;
	obs->associated = false;
	capture_apply_elements(&f->ap, obs);
	return 0;
}

void capture_apply_elements(const struct dot11_ap_frame *ap, struct meas_observation *obs)
{
	struct ies ie;
	int primary = 0;

	/* a list cut short still gives what came before the cut */
	ies_parse(ap->ies, ap->ies_len, &ie);
	obs->hidden = !ie.has_ssid || ie.ssid_hidden;
	/* bytes from the air: kept, with their text by the one rule (meas_ssid_set()) */
	if (ie.has_ssid && !ie.ssid_hidden)
		meas_observation_set_ssid(obs, ie.ssid, ie.ssid_len);
	/*
	 * The AP says which channel it is on (HT operation, DS parameter set, 6 GHz
	 * operation): on 2.4 GHz a radio tuned to channel 5 also hears channel 6.
	 */
	if (ie.has_he_6ghz)
		primary = ie.he6_primary;
	else if (ie.has_ht)
		primary = ie.ht_primary;
	else if (ie.ds_channel)
		primary = ie.ds_channel;
	if (obs->freq_mhz > 0) {
		if (primary) {
			int f = channel_to_freq(primary, obs->freq_mhz);

			if (f > 0)
				obs->freq_mhz = f;
		}
		ies_channel(&ie, obs->freq_mhz, &obs->channel, &obs->width_mhz,
			    &obs->center_freq_mhz);
	}
	if (ie.has_bss_load) {
		obs->bss_stations = ie.bss_stations;
		obs->bss_utilisation = ie.bss_utilisation / 255.0;
	}
	snprintf(obs->security, sizeof(obs->security), "%s",
		 ies_security_name(&ie, ap->capabilities & DOT11_CAP_PRIVACY));
	meas_ssid_set(obs->ap_name, sizeof(obs->ap_name), ie.ap_name_raw, ie.ap_name_len);
}

/* ---- sources ---------------------------------------------------------------------- */

static int check_linktype(pcap_t *p, const char *what, struct ns_err *err)
{
	int dlt = pcap_datalink(p);
	const char *name = pcap_datalink_val_to_name(dlt);

	if (dlt == DLT_IEEE802_11_RADIO)
		return 0;
	if (dlt == DLT_IEEE802_11)
		return ns_err_set(err, -EPROTONOSUPPORT,
				  "%s holds 802.11 frames without radiotap headers, which carry no "
				  "signal strength to map; capture on a monitor interface with "
				  "radiotap (link type IEEE802_11_RADIO) instead",
				  what);
	return ns_err_set(err, -EPROTONOSUPPORT,
			  "%s has link type %s (%d), not 802.11 with radiotap headers "
			  "(IEEE802_11_RADIO), so it holds no Wi-Fi signal strengths",
			  what, name ? name : "unknown", dlt);
}

/* A capture read from @f (owned from here, closed on every path), named @name. */
static int open_stream(FILE *f, const char *name, void *mem, struct capture **out,
		       struct ns_err *err)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct capture *c = calloc(1, sizeof(*c));
	int rc;

	*out = NULL;
	if (!c) {
		fclose(f);
		free(mem);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	c->mem = mem;
	/* pcap_fopen_offline() owns @f from here, on success and failure alike */
	c->p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (!c->p) {
		capture_free(c);
		return ns_err_set(err, -EINVAL, "%s is not a pcap or pcapng capture (%s)", name,
				  errbuf);
	}
	rc = check_linktype(c->p, name, err);
	if (rc) {
		capture_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int capture_open_file(const char *path, struct capture **out, struct ns_err *err)
{
	FILE *f = fopen(path, "rb");

	*out = NULL;
	if (!f)
		return ns_err_set(err, -errno, "cannot open %s: %s", path, strerror(errno));
	return open_stream(f, path, NULL, out, err);
}

int capture_open_memory(const void *buf, size_t len, const char *name, struct capture **out,
			struct ns_err *err)
{
	void *mem = malloc(len ? len : 1);
	FILE *f;

	*out = NULL;
	if (!mem)
		return ns_err_set(err, -ENOMEM, "out of memory");
	memcpy(mem, buf, len);
	f = fmemopen(mem, len ? len : 1, "rb");
	if (!f) {
		free(mem);
		return ns_err_set(err, -errno, "cannot read %s: %s", name, strerror(errno));
	}
	if (len == 0)
		fgetc(f); /* fmemopen() wants a size of 1 at least: read it, an empty file is left */
	return open_stream(f, name, mem, out, err);
}

/*
 * Beacons (type 0, subtype 8) and probe responses (type 0, subtype 5):
 * pcap-filter(7) "type mgt subtype beacon or subtype probe-resp", which
 * libpcap compiles through the radiotap header.
 */
static const char live_filter[] = "type mgt subtype beacon or type mgt subtype probe-resp";

const char *capture_filter_expression(void)
{
	return live_filter;
}

/* Why pcap_activate() failed (@rc < 0), as a sentence. */
static int activate_failed(pcap_t *p, int rc, const char *ifname, struct ns_err *err)
{
	const char *why = pcap_geterr(p);

	switch (rc) {
	case PCAP_ERROR_PERM_DENIED:
		return ns_err_set(err, -EPERM,
				  "capturing on %s needs CAP_NET_RAW (run as root or give the "
				  "binary the capabilities with setcap cap_net_admin,cap_net_raw+ep)",
				  ifname);
	case PCAP_ERROR_NO_SUCH_DEVICE:
		return ns_err_set(err, -ENODEV, "there is no interface %s", ifname);
	case PCAP_ERROR_IFACE_NOT_UP:
		return ns_err_set(err, -ENETDOWN, "interface %s is down (ip link set %s up)", ifname,
				  ifname);
	default:
		return ns_err_set(err, -EIO, "cannot capture on %s: %s", ifname,
				  why && *why ? why : pcap_statustostr(rc));
	}
}

int capture_open_live(const char *ifname, const struct capture_live_opts *opts,
		      struct capture **out, char *warning, size_t warning_len,
		      struct ns_err *err)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct capture_live_opts o = { 0 };
	struct bpf_program prog;
	struct capture *c;
	int rc;

	*out = NULL;
	if (warning && warning_len)
		warning[0] = '\0';
	if (opts)
		o = *opts;
	if (o.snaplen <= 0)
		o.snaplen = 4096;
	if (o.timeout_ms <= 0)
		o.timeout_ms = 100;
	c = calloc(1, sizeof(*c));
	if (!c)
		return ns_err_set(err, -ENOMEM, "out of memory");
	c->live = true;
	c->p = pcap_create(ifname, errbuf);
	if (!c->p) {
		free(c);
		return ns_err_set(err, -ENODEV, "cannot capture on %s: %s", ifname, errbuf);
	}
	pcap_set_snaplen(c->p, o.snaplen);
	pcap_set_timeout(c->p, o.timeout_ms);
	pcap_set_immediate_mode(c->p, 1);
	/* the interface is already a monitor interface: rfmon through pcap would
	 * ask libpcap to create its own, which notspot does itself (monitor.h) */
	rc = pcap_activate(c->p);
	if (rc < 0) {
		rc = activate_failed(c->p, rc, ifname, err);
		capture_free(c);
		return rc;
	}
	if (pcap_setnonblock(c->p, 1, errbuf) != 0) {
		rc = ns_err_set(err, -EIO, "cannot make the capture on %s non-blocking: %s", ifname,
				errbuf);
		capture_free(c);
		return rc;
	}
	if (rc > 0 && warning && warning_len) /* a warning: the capture works */
		snprintf(warning, warning_len, "%s: %s", pcap_statustostr(rc), pcap_geterr(c->p));
	rc = check_linktype(c->p, ifname, err);
	if (rc) {
		ns_err_prefix(err, "is %s in monitor mode", ifname);
		capture_free(c);
		return rc;
	}
	if (!o.no_filter) {
		if (pcap_compile(c->p, &prog, live_filter, 1, PCAP_NETMASK_UNKNOWN) != 0) {
			rc = ns_err_set(err, -EINVAL, "cannot compile the capture filter: %s",
					pcap_geterr(c->p));
			capture_free(c);
			return rc;
		}
		rc = pcap_setfilter(c->p, &prog);
		pcap_freecode(&prog);
		if (rc != 0) {
			rc = ns_err_set(err, -EIO, "cannot install the capture filter on %s: %s",
					ifname, pcap_geterr(c->p));
			capture_free(c);
			return rc;
		}
	}
	*out = c;
	return 0;
}

/* A read that failed: a file breaks off there (its cut is noted), a live capture failed. */
static int read_failed(struct capture *c, struct ns_err *err)
{
	const char *why = pcap_geterr(c->p);

	if (c->live)
		return ns_err_set(err, -EIO, "reading the capture failed: %s", why);
	c->st.cut_short = true;
	snprintf(c->st.cut_why, sizeof(c->st.cut_why), "after packet %llu: %s",
		 (unsigned long long)c->st.packets, why);
	return ns_err_set(err, -EINVAL, "the capture breaks off %s", c->st.cut_why);
}

/* An AP frame's time: noted when it steps back from the one before. */
static void note_time(struct capture *c, int64_t t_us)
{
	if (c->last_t_us && t_us < c->last_t_us) {
		c->st.steps_back++;
		if (c->last_t_us - t_us > c->st.max_step_back_us)
			c->st.max_step_back_us = c->last_t_us - t_us;
	}
	c->last_t_us = t_us;
}

int capture_next(struct capture *c, struct capture_frame *f, struct ns_err *err)
{
	for (;;) {
		struct pcap_pkthdr *h;
		const u_char *data;
		struct ns_err why = { 0 };
		int rc = pcap_next_ex(c->p, &h, &data);

		if (rc == 0)
			return -EAGAIN; /* live: nothing now */
		if (rc == PCAP_ERROR_BREAK)
			return 0;
		if (rc < 0)
			return read_failed(c, err);
		c->st.packets++;
		rc = capture_parse_packet(data, h->caplen, h->len, f, &why);
		if (rc < 0) {
			c->st.malformed++;
			if (!c->st.first_malformed[0])
				snprintf(c->st.first_malformed, sizeof(c->st.first_malformed),
					 "packet %llu: %s", (unsigned long long)c->st.packets, why.msg);
			continue;
		}
		if (rc == DOT11_NOT_AP) {
			c->st.not_ap++;
			continue;
		}
		if (rc == DOT11_BAD_FCS) {
			c->st.bad_fcs++;
			continue;
		}
		if (f->rt.signal_dbm == INT_MIN && f->rt.nchains == 0) {
			c->st.no_signal++;
			continue;
		}
		c->st.ap_frames++;
		f->t_us = (int64_t)h->ts.tv_sec * 1000000 + h->ts.tv_usec;
		note_time(c, f->t_us);
		return 1;
	}
}

int capture_fd(const struct capture *c)
{
	return c->live ? pcap_get_selectable_fd(c->p) : -1;
}

void capture_get_stats(const struct capture *c, struct capture_stats *st)
{
	*st = c->st;
}

void capture_break(struct capture *c)
{
	if (c && c->p)
		pcap_breakloop(c->p);
}

void capture_free(struct capture *c)
{
	if (!c)
		return;
	if (c->p)
		pcap_close(c->p);
	free(c->mem);
	free(c);
}

