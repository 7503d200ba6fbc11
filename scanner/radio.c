/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * radio.c — see radio.h. Small reads of sysfs attributes; nothing is written.
 */
#include "scanner/radio.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The first line of the attribute at @path into @buf; false when it cannot be read. */
static bool read_attr(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

/* Whether the attribute holds "1". */
static bool attr_set(const char *dir, const char *name)
{
	char path[800], v[16];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return read_attr(path, v, sizeof(v)) && strcmp(v, "1") == 0;
}

struct block {
	bool hard, soft;
	char name[64];           /* the switch's name ("phy0", "tpacpi_bluetooth_sw") */
};

/*
 * The rfkill switches under @dir (entries named rfkill*): a blocked one into
 * @b, a hard block before a soft one. @wlan_only: only switches of type "wlan".
 */
static void scan_switches(const char *dir, bool wlan_only, struct block *b)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char sw[600], path[700], type[32] = "";
		bool hard, soft;

		if (strncmp(e->d_name, "rfkill", 6) != 0)
			continue;
		snprintf(sw, sizeof(sw), "%s/%.255s", dir, e->d_name);
		snprintf(path, sizeof(path), "%s/type", sw);
		if (wlan_only && (!read_attr(path, type, sizeof(type)) || strcmp(type, "wlan") != 0))
			continue;
		hard = attr_set(sw, "hard");
		soft = attr_set(sw, "soft");
		if ((!hard && !soft) || (b->hard && !hard))
			continue;
		b->hard = hard;
		b->soft = soft;
		snprintf(path, sizeof(path), "%s/name", sw);
		if (!read_attr(path, b->name, sizeof(b->name)))
			snprintf(b->name, sizeof(b->name), "%.40s", e->d_name);
	}
	closedir(d);
}

int wifi_radio_check(const char *sysfs, const char *ifname, struct ns_err *err)
{
	char dir[300], path[400], flags[32];
	struct block b = { 0 };
	struct stat st;

	snprintf(dir, sizeof(dir), "%s/class/net/%s", sysfs, ifname);
	if (stat(dir, &st) != 0)
		return ns_err_set(err, -ENODEV,
				  "%s is gone: the interface was removed (adapter unplugged or its driver "
				  "unloaded)", ifname);
	snprintf(path, sizeof(path), "%s/phy80211", dir);
	scan_switches(path, false, &b);
	snprintf(path, sizeof(path), "%s/class/rfkill", sysfs);
	if (!b.hard)
		scan_switches(path, true, &b);
	if (b.hard)
		return ns_err_set(err, -ERFKILL,
				  "%s is blocked by rfkill: a hard block by switch %s (a hardware "
				  "switch or key turned the radio off)", ifname, b.name);
	if (b.soft)
		return ns_err_set(err, -ERFKILL,
				  "%s is blocked by rfkill: a soft block by switch %s (airplane mode or "
				  "'rfkill block'; 'rfkill unblock wlan' lifts it)", ifname, b.name);
	snprintf(path, sizeof(path), "%s/flags", dir);
	if (read_attr(path, flags, sizeof(flags)) && !(strtoul(flags, NULL, 0) & 0x1))
		return ns_err_set(err, -ENETDOWN, "%s is down (ip link set %s up)", ifname, ifname);
	return 0;
}
