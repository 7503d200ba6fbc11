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

#include "scanner/ies.h"
#include "util/clock.h"

struct capture {
	pcap_t *p;
	bool live;
	struct capture_stats st;
};

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
	if (ie.has_ssid && !ie.ssid_hidden)
		ies_ssid_string(&ie, obs->ssid, sizeof(obs->ssid));
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
	snprintf(obs->ap_name, sizeof(obs->ap_name), "%s", ie.ap_name);
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

int capture_open_file(const char *path, struct capture **out, struct ns_err *err)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct capture *c;
	FILE *f;
	int rc;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f)
		return ns_err_set(err, -errno, "cannot open %s: %s", path, strerror(errno));
	c = calloc(1, sizeof(*c));
	if (!c) {
		fclose(f);
		return ns_err_set(err, -ENOMEM, "out of memory");
	}
	/* pcap_fopen_offline() owns @f from here, on success and failure alike */
	c->p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (!c->p) {
		free(c);
		return ns_err_set(err, -EINVAL, "%s is not a pcap or pcapng capture (%s)", path,
				  errbuf);
	}
	rc = check_linktype(c->p, path, err);
	if (rc) {
		capture_free(c);
		return rc;
	}
	*out = c;
	return 0;
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
		const char *why = pcap_geterr(c->p);

		switch (rc) {
		case PCAP_ERROR_PERM_DENIED:
			rc = ns_err_set(err, -EPERM,
					"capturing on %s needs CAP_NET_RAW (run as root or give the "
					"binary the capabilities with setcap cap_net_admin,cap_net_raw+ep)",
					ifname);
			break;
		case PCAP_ERROR_NO_SUCH_DEVICE:
			rc = ns_err_set(err, -ENODEV, "there is no interface %s", ifname);
			break;
		case PCAP_ERROR_IFACE_NOT_UP:
			rc = ns_err_set(err, -ENETDOWN, "interface %s is down (ip link set %s up)",
					ifname, ifname);
			break;
		default:
			rc = ns_err_set(err, -EIO, "cannot capture on %s: %s", ifname,
					why && *why ? why : pcap_statustostr(rc));
			break;
		}
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

int capture_next(struct capture *c, struct capture_frame *f, struct ns_err *err)
{
	for (;;) {
		struct pcap_pkthdr *h;
		const u_char *data;
		struct ns_err why = { 0 };
		int rc = pcap_next_ex(c->p, &h, &data);

		if (rc == 0)
			return -EAGAIN;
		if (rc == PCAP_ERROR_BREAK)
			return 0;
		if (rc < 0)
			return ns_err_set(err, c->live ? -EIO : -EINVAL, "reading the capture failed: %s",
					  pcap_geterr(c->p));
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
		return 1;
	}
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
	free(c);
}

/* ---- windows ---------------------------------------------------------------------- */

void capture_agg_init(struct capture_agg *a, int64_t window_us)
{
	memset(a, 0, sizeof(*a));
	a->window_us = window_us > 0 ? window_us : 1000000;
}

void capture_agg_release(struct capture_agg *a)
{
	free(a->w.obs);
	free(a->w.sum_signal);
	free(a->w.sum_noise);
	free(a->w.nsignal);
	free(a->w.nnoise);
	memset(a, 0, sizeof(*a));
}

static int grow(struct capture_window *w)
{
	size_t cap = w->cap ? w->cap * 2 : 16;
	void *p;

#define GROW(field)                                                   \
	do {                                                          \
		p = realloc(w->field, cap * sizeof(*w->field));       \
		if (!p)                                               \
			return -ENOMEM;                               \
		w->field = p;                                         \
	} while (0)
	GROW(obs);
	GROW(sum_signal);
	GROW(sum_noise);
	GROW(nsignal);
	GROW(nnoise);
#undef GROW
	w->cap = cap;
	return 0;
}

int capture_agg_flush(struct capture_agg *a, capture_window_cb cb, void *arg)
{
	struct capture_window *w = &a->w;
	int rc = 0;

	if (!a->open)
		return 0;
	for (size_t i = 0; i < w->n; i++) {
		w->obs[i].signal_dbm = w->sum_signal[i] / w->nsignal[i];
		w->obs[i].noise_dbm = w->nnoise[i] ? w->sum_noise[i] / w->nnoise[i] : NAN;
	}
	if (w->n)
		rc = cb(arg, w);
	w->n = 0;
	a->open = false;
	return rc;
}

int capture_agg_add(struct capture_agg *a, int64_t t_us, const struct meas_observation *obs,
		    capture_window_cb cb, void *arg)
{
	struct capture_window *w = &a->w;
	size_t i;
	int rc;

	if (a->open && t_us >= w->start_us + a->window_us) {
		rc = capture_agg_flush(a, cb, arg);
		if (rc)
			return rc;
	}
	if (!a->open) {
		a->open = true;
		w->start_us = t_us;
		w->last_us = t_us;
		w->n = 0;
	}
	if (t_us > w->last_us)
		w->last_us = t_us;
	for (i = 0; i < w->n; i++)
		if (memcmp(w->obs[i].bssid, obs->bssid, 6) == 0)
			break;
	if (i == w->n) {
		if (w->n == w->cap && grow(w))
			return -ENOMEM;
		w->n++;
		w->sum_signal[i] = 0;
		w->sum_noise[i] = 0;
		w->nsignal[i] = 0;
		w->nnoise[i] = 0;
	}
	w->obs[i] = *obs; /* the latest frame's fields; signal and noise averaged at flush */
	w->sum_signal[i] += obs->signal_dbm;
	w->nsignal[i]++;
	if (!isnan(obs->noise_dbm)) {
		w->sum_noise[i] += obs->noise_dbm;
		w->nnoise[i]++;
	}
	return 0;
}

/* ---- a walk's samples ------------------------------------------------------------ */

struct run_ctx {
	uint64_t samples;
	struct ns_err *err;
	const struct capture_run_opts *o;
	struct capture *c;
	int64_t wall_to_mono_us; /* live: mono = wall + this; 0 for a file (no monotonic clock) */
};

static int store_window(void *arg, const struct capture_window *w)
{
	struct run_ctx *r = arg;
	struct meas_sample smp;
	int64_t id;

	meas_init_sample(&smp);
	smp.t_us = w->last_us;
	/* live: the monotonic clock at the frame's wall-clock time; a file has none */
	smp.mono_us = r->wall_to_mono_us ? w->last_us + r->wall_to_mono_us : 0;
	smp.kind = SAMPLE_CAPTURE;
	smp.status = SAMPLE_OK;
	id = r->o->store(r->o->store_arg, &smp, w->obs, w->n, NULL, NULL, r->err);
	if (id < 0)
		return (int)id;
	r->samples++;
	if (r->o->progress) {
		struct capture_stats st;

		capture_get_stats(r->c, &st);
		r->o->progress(r->o->progress_arg, &st, r->samples);
	}
	return 0;
}

/* One read: 1 a frame was added, 0 the end, -EAGAIN nothing this time, or -errno. */
static int read_one(struct capture *c, struct capture_agg *agg, struct run_ctx *r,
		    struct ns_err *err)
{
	struct capture_frame f;
	struct meas_observation obs;
	int rc = capture_next(c, &f, err);

	if (rc <= 0)
		return rc;
	if (capture_observation(&f, &obs) != 0)
		return -EAGAIN;
	rc = capture_agg_add(agg, f.t_us, &obs, store_window, r);
	return rc ? rc : 1;
}

int capture_run(struct capture *c, const struct capture_run_opts *opts, uint64_t *samples,
		struct ns_err *err)
{
	struct run_ctx r = { 0, err, opts, c, 0 };
	struct capture_agg agg;
	uint64_t frames = 0;
	int64_t t_end = 0;
	int rc = 0;

	if (!opts->store)
		return ns_err_set(err, -EINVAL, "the capture has nowhere to store its samples");
	if (c->live)
		r.wall_to_mono_us = ns_mono_us() - ns_wall_us();
	capture_agg_init(&agg, opts->window_us > 0 ? opts->window_us : 1000000);
	if (opts->duration_us > 0)
		t_end = ns_mono_us() + opts->duration_us;
	for (;;) {
		if (opts->stop && *opts->stop)
			break;
		if (t_end && ns_mono_us() >= t_end)
			break;
		rc = read_one(c, &agg, &r, err);
		if (rc == 0)
			break;
		if (rc < 0 && rc != -EAGAIN)
			goto out;
		if (rc == 1)
			frames++;
		if (opts->tick && (rc = opts->tick(opts->tick_arg, err)))
			goto out;
		if (opts->max_frames && frames >= opts->max_frames)
			break;
	}
	rc = capture_agg_flush(&agg, store_window, &r);
out:
	if (rc == -ENOMEM)
		ns_err_set(err, rc, "out of memory");
	capture_agg_release(&agg);
	if (samples)
		*samples = r.samples;
	return rc;
}
