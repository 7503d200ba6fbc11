/*
 * source_radio.c — the radio as a walk source: the scanner's sampling loop
 * (scanner/sampler.h) on a real interface, as a normal user.
 *
 * The sampler commits every sample itself (survey_add_sample), placing it at
 * commit time through the walk's track (the binding); each committed sample is
 * then handed to the session as an event with its id, so the map, the live
 * panel and the stop-and-go completeness see it. Link polls need no privilege;
 * scans that the kernel refuses (no CAP_NET_ADMIN) are stored as cached-only
 * samples and the screen says so. A vanished interface stops the polling (and
 * the flood of failures) until it comes back.
 */
#include "walker/source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scanner/iface.h"
#include "scanner/netlink.h"
#include "scanner/sampler.h"
#include "util/clock.h"

struct radio_src {
	struct walk_source base;
	struct nl80211 nl;
	bool nl_open;
	struct wifi_iface iface;
	char driver[64];
	struct sampler_config cfg;
	struct sampler *sp;        /* created when the walk binds */
	struct walk_source_binding bind;
	bool cached_only, gone;

	/* During a poll: where committed samples go. */
	walk_event_fn fn;
	void *fn_arg;
	int fn_rc;
};

static void read_driver(const char *ifname, char *out, size_t len)
{
	char path[128], target[256];
	ssize_t n;
	const char *base;
	size_t k;

	out[0] = '\0';
	snprintf(path, sizeof(path), "/sys/class/net/%s/device/driver", ifname);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	k = strnlen(base, len - 1);
	memcpy(out, base, k);
	out[k] = '\0';
}

static bool iface_present(const char *ifname)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/class/net/%s", ifname);
	return stat(path, &st) == 0;
}

static bool radio_place(void *arg, int64_t t_us, double *x, double *y)
{
	struct radio_src *m = arg;

	return m->bind.place && m->bind.place(m->bind.arg, t_us, x, y);
}

static void radio_notify(void *arg, int64_t id, const struct survey_sample *s,
			 const struct survey_observation *obs, size_t nobs,
			 const struct survey_link *link)
{
	struct radio_src *m = arg;
	struct walk_event ev = { .kind = WALK_EV_SAMPLE };

	if (s->kind == SAMPLE_SCAN)
		m->cached_only = s->status == SAMPLE_SCAN_CACHED;
	if (!m->fn || m->fn_rc)
		return;
	ev.sample = *s;
	ev.sample.id = id;
	ev.obs = obs;
	ev.nobs = nobs;
	ev.link = s->status == SAMPLE_OK ? link : NULL;
	m->fn_rc = m->fn(m->fn_arg, &ev);
}

static int radio_bind(struct walk_source *src, const struct walk_source_binding *b,
		      struct ns_err *err)
{
	struct radio_src *m = src->impl;
	struct sampler_sink sink = {
		.survey = b->survey, .walk_id = b->walk_id,
		.place = radio_place, .notify = radio_notify, .arg = m,
	};

	m->bind = *b;
	sampler_free(m->sp);
	m->sp = NULL;
	return sampler_new(&m->nl, &m->cfg, &sink, &m->sp, err);
}

static int radio_poll(struct walk_source *src, int64_t now_us, int64_t now_mono_us,
		      walk_event_fn fn, void *arg, struct ns_err *err)
{
	struct radio_src *m = src->impl;
	int rc;

	(void)now_us;
	(void)now_mono_us;
	if (!m->sp)
		return 0;
	m->gone = !iface_present(m->iface.name);
	if (m->gone)
		return ns_err_set(err, -ENODEV, "the interface %s is gone", m->iface.name);
	m->fn = fn;
	m->fn_arg = arg;
	m->fn_rc = 0;
	rc = sampler_run(m->sp, err);
	m->fn = NULL;
	if (rc < 0)
		return rc;
	return m->fn_rc < 0 ? m->fn_rc : 0;
}

static void radio_tap(struct walk_source *src, int64_t t_us, double x_m, double y_m, bool measure)
{
	struct radio_src *m = src->impl;

	(void)x_m;
	(void)y_m;
	/* Results last heard before the tap describe the previous place. */
	if (m->sp && measure)
		sampler_set_stale_before(m->sp, ns_mono_us() - (ns_wall_us() - t_us));
}

static void radio_info(const struct walk_source *src, struct walk_source_info *info)
{
	const struct radio_src *m = src->impl;

	strcpy(info->name, "nl80211");
	snprintf(info->interface, sizeof(info->interface), "%s", m->iface.name);
	snprintf(info->driver, sizeof(info->driver), "%s", m->driver);
	info->scans_cached_only = m->cached_only;
	info->interface_gone = m->gone;
	info->scan_duration_s = 3.0; /* a full scan, all channels, passive on DFS: a few seconds */
}

static void radio_free(struct walk_source *src)
{
	struct radio_src *m = src->impl;

	sampler_free(m->sp);
	if (m->nl_open)
		nl80211_close(&m->nl);
	free(m);
}

static const struct walk_source_ops radio_ops = {
	.bind = radio_bind,
	.poll = radio_poll,
	.tap = radio_tap,
	.info = radio_info,
	.free = radio_free,
};

int walk_source_radio_new(const char *ifname, struct walk_source **out, struct ns_err *err)
{
	struct radio_src *m = calloc(1, sizeof(*m));
	int rc;

	if (!m)
		return ns_err_set(err, -ENOMEM, "out of memory opening the radio");
	rc = nl80211_open(&m->nl, err);
	if (rc < 0) {
		free(m);
		return rc;
	}
	m->nl_open = true;
	rc = ifname ? wifi_find_interface(&m->nl, ifname, &m->iface, err)
		    : wifi_default_interface(&m->nl, &m->iface, err);
	if (rc < 0) {
		nl80211_close(&m->nl);
		free(m);
		return rc;
	}
	read_driver(m->iface.name, m->driver, sizeof(m->driver));
	m->cfg.ifindex = m->iface.ifindex;
	m->cfg.link_hz = 5;
	m->cfg.scan_interval_ms = 0;       /* back to back: as often as the radio allows */
	m->cfg.survey_interval_ms = 3000;
	m->base.ops = &radio_ops;
	m->base.impl = m;
	*out = &m->base;
	return 0;
}
