/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tput_link.c — see tput_link.h. The nl80211 work is the scanner's. */
#include "scanner/tput_link.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "scanner/sampler.h"
#include "scanner/station.h"

int tput_station_open(struct tput_station *ts, struct nl80211 *nl, const char *ifname,
		      struct ns_err *err)
{
	int rc;

	memset(ts, 0, sizeof(*ts));
	if (!nl) {
		rc = nl80211_open(&ts->own, err);
		if (rc < 0)
			return rc;
		ts->own_nl = true;
		nl = &ts->own;
	}
	ts->nl = nl;
	rc = wifi_find_interface(nl, ifname, &ts->iface, err);
	if (rc < 0) {
		tput_station_close(ts);
		return rc;
	}
	return 0;
}

void tput_station_close(struct tput_station *ts)
{
	if (ts->own_nl)
		nl80211_close(&ts->own);
	memset(ts, 0, sizeof(*ts));
}

int tput_station_read(void *arg, struct meas_link *out, struct ns_err *err)
{
	struct tput_station *ts = arg;
	struct wifi_station st;
	int rc = wifi_get_link(ts->nl, ts->iface.ifindex, &st, err);

	if (rc < 0)
		return rc;
	sampler_link_from_station(&st, &ts->iface, NAN, out);
	return 0;
}
