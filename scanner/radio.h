/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * radio.h — is the radio still there? When a link poll or a scan starts
 * failing, the reason may be the radio itself, and a walk must say so
 * instead of storing "not associated" or "No such device" for ever:
 *  - the interface was removed (a USB adapter pulled out, its driver unloaded);
 *  - its radio is blocked by rfkill (a soft block: airplane mode, `rfkill
 *    block`; a hard block: a switch or key on the laptop) — the kernel only
 *    says "Network is down";
 *  - the interface is down (`ip link set IF down`).
 * Read from sysfs (no privilege needed), as the kernel lays it out:
 *   SYSFS/class/net/IF                          exists while the interface does
 *   SYSFS/class/net/IF/flags                    IFF_UP (0x1) while it is up
 *   SYSFS/class/net/IF/phy80211/rfkill*\/soft|hard   its radio's rfkill switch (1 = blocked)
 *   SYSFS/class/rfkill/rfkill*\/type|soft|hard   other switches; those of type "wlan" block too
 */
#ifndef NOTSPOT_SCANNER_RADIO_H
#define NOTSPOT_SCANNER_RADIO_H

#include "util/err.h"

/**
 * wifi_radio_check() - whether interface @ifname can still measure: 0, or
 * -ENODEV (removed), -ERFKILL (blocked: the sentence names rfkill, which
 * switch and how to lift a soft block) or -ENETDOWN (down), with one
 * sentence that starts with the interface's name. @sysfs is the sysfs root
 * the radio is seen through (struct nl80211's sysfs: "/sys" for the kernel).
 */
int wifi_radio_check(const char *sysfs, const char *ifname, struct ns_err *err);

#endif
