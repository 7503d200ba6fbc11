#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""hwsim_compare.py CONSOLE_LOG — check notspot against iw on the same kernel.

Reads the sections the VM printed ("=== BEGIN name" ... "=== END name rc=N")
and compares notspot's interfaces, scan and link with iw's, then checks the
simulated walk: the open AP's tx power followed a schedule while `notspot
record` ran; its samples' signals must follow it (hwsim: signal = tx power - 50 dB).
Prints one line per check; exits 0 if all passed, 1 otherwise.
"""
import json
import re
import sys

failures = []
TOL_DB = 1.0


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
    return ok


def sections(text):
    out, name, buf = {}, None, []
    for line in text.splitlines():
        m = re.match(r"^=== BEGIN (\S+)$", line)
        if m:
            name, buf = m.group(1), []
            continue
        m = re.match(r"^=== END (\S+) rc=(\d+)$", line)
        if m and name == m.group(1):
            out[name] = ("\n".join(buf), int(m.group(2)))
            name = None
            continue
        if name:
            buf.append(line)
    phases = [(int(k), int(p)) for k, p in re.findall(r"^=== PHASE (\d+) txpower_mbm=(\d+)$", text, re.M)]
    return out, phases


def parse_iw_dev(text):
    ifs, cur = {}, None
    for line in text.splitlines():
        s = line.strip()
        m = re.match(r"Interface (\S+)", s)
        if m:
            cur = ifs.setdefault(m.group(1), {"name": m.group(1)})
            continue
        if cur is None:
            continue
        if s.startswith("ifindex "):
            cur["ifindex"] = int(s.split()[1])
        elif s.startswith("addr "):
            cur["mac"] = s.split()[1]
        elif s.startswith("ssid "):
            cur["ssid"] = s[5:]
        elif s.startswith("type "):
            cur["type"] = s[5:]
        elif s.startswith("txpower "):
            cur["txpower"] = float(s.split()[1])
        elif s.startswith("channel "):
            m = re.match(r"channel (\d+) \((\d+) MHz\), width: (\d+) MHz.*center1: (\d+) MHz", s)
            if m:
                cur["channel"], cur["freq"], cur["width"], cur["center1"] = map(int, m.groups())
        elif s.startswith("Unnamed/non-netdev"):
            cur = None
    return ifs


def parse_iw_scan(text):
    bss, cur = {}, None
    for line in text.splitlines():
        m = re.match(r"^BSS ([0-9a-f:]{17})\(on \S+\)( -- associated)?", line)
        if m:
            cur = bss.setdefault(m.group(1), {"assoc": bool(m.group(2))})
            continue
        if cur is None:
            continue
        s = line.strip()
        if s.startswith("freq:"):
            cur["freq"] = int(float(s.split()[1]))
        elif s.startswith("signal:"):
            cur["signal"] = float(s.split()[1])
        elif s.startswith("SSID:") and "ssid" not in cur:
            cur["ssid"] = s[5:].strip()
        elif s.startswith("* Authentication suites:"):
            cur["akm"] = s.split(":", 1)[1].split()
        elif s.startswith("* Pairwise ciphers:"):
            cur["pairwise"] = s.split(":", 1)[1].split()
        elif s.startswith("last seen:") and s.endswith("ms ago"):
            cur["seen_ms_ago"] = int(s.split()[2])
    return bss


def iw_hidden(ssid):
    # iw prints a zero-length SSID as "" and zero bytes as \x00 escapes.
    return ssid == "" or re.fullmatch(r"(\\x00)+", ssid) is not None


def compare_scan(name, ns_text, iw_bss):
    try:
        ns = json.loads(ns_text)
    except ValueError as e:
        check(False, f"{name}: notspot printed JSON ({e})")
        return None
    nsb = {b["bssid"]: b for b in ns["bss"]}
    check(set(nsb) == set(iw_bss), f"{name}: same BSSIDs as iw ({sorted(nsb)} vs {sorted(iw_bss)})")
    for bssid in sorted(set(nsb) & set(iw_bss)):
        a, b = nsb[bssid], iw_bss[bssid]
        if iw_hidden(b.get("ssid", "")):
            check(a["hidden"] and a["ssid"] == "", f"{name} {bssid}: hidden SSID marked hidden")
        else:
            check(a["ssid"] == b.get("ssid") and not a["hidden"],
                  f"{name} {bssid}: SSID {a['ssid']!r} == iw {b.get('ssid')!r}")
        check(a["freq_mhz"] == b.get("freq"), f"{name} {bssid}: freq {a['freq_mhz']} == iw {b.get('freq')}")
        check(a["signal_dbm"] is not None and abs(a["signal_dbm"] - b.get("signal", 999)) <= TOL_DB,
              f"{name} {bssid}: signal {a['signal_dbm']} dBm within {TOL_DB} dB of iw {b.get('signal')}")
        check(a["associated"] == b["assoc"], f"{name} {bssid}: associated {a['associated']} == iw {b['assoc']}")
        if "akm" in b:
            rsn = a.get("rsn") or {}
            check([x.lower() for x in b["akm"]] == rsn.get("akm") and
                  [x.lower() for x in b.get("pairwise", [])] == rsn.get("pairwise"),
                  f"{name} {bssid}: RSN AKM {rsn.get('akm')} / pairwise {rsn.get('pairwise')} == iw "
                  f"{b['akm']} / {b.get('pairwise')}")
    return nsb


# ---- the audit's hostile radios (tests/e2e/hwsim-vm-hostile) ----

HOSTILE = {  # the SSIDs the hostile APs broadcast (hwsim-vm-hostile), as bytes
    bytes.fromhex("fffe1b5b33316d5245441b5b306d"), bytes.fromhex("410042"),
    b"abcdefghijklmnopqrstuvwxyz012345", "\u75c5\u68df Caf\u00e9 \u2615".encode(),
    bytes.fromhex("c29b324a5c6e"),
}


def iw_bytes(text):
    """The bytes iw printed an SSID as (print_ssid_escaped: \\xHH for the rest)."""
    out, i = bytearray(), 0
    while i < len(text):
        if text.startswith("\\x", i) and re.fullmatch(r"[0-9a-f]{2}", text[i + 2:i + 4]):
            out.append(int(text[i + 2:i + 4], 16))
            i += 4
        else:
            out += text[i].encode()
            i += 1
    return bytes(out)


def ns_text(raw):
    """notspot's text of SSID bytes (scanner/ssid.h): iw's rule with printable UTF-8 kept."""
    out, i = [], 0
    bad = set(range(0x80, 0xa0)) | {0x200e, 0x200f, 0x2028, 0x2029} | set(range(0x202a, 0x202f)) \
        | set(range(0x2066, 0x206a))
    while i < len(raw):
        for n in (1, 2, 3, 4):
            try:
                ch = raw[i:i + n].decode("utf-8")
                break
            except UnicodeDecodeError:
                ch = None
        if ch is not None and len(ch) == 1 and ch == "\\":
            out.append("\\\\")
        elif ch is not None and len(ch) == 1 and ord(ch) >= 0x20 and ord(ch) != 0x7f and ord(ch) not in bad:
            out.append(ch)
            i += len(ch.encode())
            continue
        else:
            out.append("\\x%02x" % raw[i])
        i += 1
    return "".join(out)


def uptime_span(text, a, b):
    m = re.search(r"%s ([\d.]+) %s ([\d.]+)" % (a, b), text)
    return float(m.group(2)) - float(m.group(1)) if m else None


def check_hostile_scan(sec):
    try:
        ns = {b["bssid"]: b for b in json.loads(sec.get("ns-hostile-scan", ("", 1))[0])["bss"]}
    except (ValueError, KeyError) as e:
        check(False, f"hostile scan: notspot printed JSON ({e})")
        return
    iw = {k: v for k, v in parse_iw_scan(sec.get("iw-hostile-scan", ("", 1))[0]).items() if v.get("freq") == 2437}
    seen = set()
    for bssid, b in sorted(iw.items()):
        raw = iw_bytes(b.get("ssid", ""))
        a = ns.get(bssid)
        ok = a is not None and a.get("ssid_hex") == raw.hex() and a.get("ssid") == ns_text(raw)
        check(ok, f"hostile scan {bssid}: iw {b.get('ssid')!r} -> bytes {raw.hex()}; notspot "
              f"{a and a.get('ssid')!r} / {a and a.get('ssid_hex')}")
        seen.add(raw)
    check(HOSTILE <= seen, f"hostile scan: iw and notspot both heard the {len(HOSTILE)} hostile SSIDs "
          f"({len(HOSTILE & seen)} of them)")
    names = [b.get("ap_name") for b in ns.values() if b.get("ap_name_hex")]
    check("\\x1b]0;owned\\x07AP-7" in names, f"hostile scan: the AP name's escape sequence is text ({names})")
    table = sec.get("ns-hostile-table", ("", 1))[0]
    ctl = sec.get("ns-hostile-table-ctl", ("x", 1))[0].strip()
    c1 = [c for c in table if 0x80 <= ord(c) <= 0x9f]
    check(ctl == "0" and not c1, f"hostile table: no control byte reaches the terminal ({ctl} C0/DEL, {len(c1)} C1)")
    check("abcdefghijklmnopqrstuvw\u2026" in table and ns_text(bytes.fromhex("410042")) in table
          and "\u75c5\u68df Caf\u00e9 \u2615" in table,
          "hostile table: the 32-byte SSID is cut with an ellipsis, A\\x00B and the UTF-8 SSID shown")
    rows = [l for l in table.splitlines() if re.match(r"^\d+ ", l) and " open " in l]
    cols = {sum(2 if ord(c) in (0x75c5, 0x68df, 0x2615) else 1 for c in l[:l.index(" open ")]) for l in rows}
    check(len(rows) >= 6 and len(cols) == 1, f"hostile table: {len(rows)} rows line up by terminal cells ({cols})")
    print("hostile SSIDs, iw vs notspot:")
    for bssid, b in sorted(iw.items()):
        print(f"   {bssid}  iw {b.get('ssid')!r:52}  notspot {ns.get(bssid, {}).get('ssid')!r}")


def check_hostile_ifaces(sec):
    iw = parse_iw_dev(sec.get("aux-iw-dev", ("", 1))[0])
    try:
        ns = {i["name"]: i for i in json.loads(sec.get("aux-ns-interfaces", ("", 1))[0])}
    except ValueError:
        ns = {}
    n = 0
    for name, b in sorted(iw.items()):
        if "ssid" not in b:
            continue
        raw, a = iw_bytes(b["ssid"]), ns.get(name, {})
        n += 1
        check(a.get("ssid_hex") == raw.hex() and a.get("ssid") == ns_text(raw),
              f"hostile interfaces {name}: iw {b['ssid']!r} == notspot {a.get('ssid')!r} ({a.get('ssid_hex')})")
    check(n >= 5, f"hostile interfaces: {n} AP interfaces compared")


def check_bands(sec):
    names = {1: "2.4GHz", 2: "5GHz", 3: "60GHz", 4: "6GHz", 5: "S1GHz", 6: "LC"}
    iw = [names.get(int(k), f"band{int(k) - 1}") for k in re.findall(r"Band (\d+):", sec.get("iw-phy-bands", ("", 1))[0])]
    ns = {i["name"]: i for i in json.loads(sec["ns-interfaces"][0])}.get("wlan3", {}).get("bands")
    check(iw and ns == iw, f"interfaces: wlan3's bands {ns} are the kernel's ({iw})")


def capture_samples(body):
    m = re.search(r'"samples": (\d+)', body)
    return int(m.group(1)) if m else None


def capture_walk_s(sec, body):
    """How long the capture's walk lasted, from the survey: the run alone, without the process's start."""
    m = re.search(r'"walk_id": (\d+)', body)
    d = dict(re.findall(r"^walk\|(\d+)\|([\d.]+)$", sec.get("cap-db", ("", 1))[0], re.M))
    return float(d[m.group(1)]) if m and m.group(1) in d else None


def check_capture(sec):
    body = sec.get("cap-hostile", ("", 1))[0]
    rows = re.findall(r"^obs\|[0-9A-F]+\|([0-9A-F]*)\|(.*)\|", sec.get("cap-hostile-db", ("", 1))[0], re.M)
    stored = {bytes.fromhex(h): text for h, text in rows}
    check(HOSTILE <= set(stored) and all(stored[r] == ns_text(r) for r in HOSTILE),
          f"capture on channel 6 stores the hostile SSIDs byte for byte, with their text "
          f"({sorted(stored.values())})")
    body = sec.get("cap-quiet", ("", 1))[0]
    t, w = uptime_span(body, "start", "end"), capture_walk_s(sec, body)
    check(body.startswith("rc 0") and w is not None and w <= 6 and capture_samples(body) == 0,
          f"capture on a quiet channel with --duration 5: {body[:5]!r}, its walk {w} s "
          f"(the process {t} s under TCG), {capture_samples(body)} samples")
    for sig in ("INT", "TERM"):
        body = sec.get("cap-sig" + sig, ("", 1))[0]
        t = uptime_span(body, "signal", "end")
        check(body.startswith("rc 0") and t is not None and t <= 1.5 and "TIMEOUT" not in body,
              f"capture on a quiet channel ends {t} s after SIG{sig}, {body[:5]!r}")
    body = sec.get("cap-default", ("", 1))[0]
    t, w = uptime_span(body, "start", "end"), capture_walk_s(sec, body)
    check(body.startswith("rc 0") and w is not None and w <= 6,
          f"capture hopping the default channels with --duration 5: {body[:5]!r}, its walk {w} s "
          f"(the process {t} s)")
    m = re.search(r"^walks\|(\d+)\|(\d+)$", sec.get("cap-db", ("", 1))[0], re.M)
    check(m is not None and int(m.group(1)) == 5 and m.group(1) == m.group(2),
          f"capture: every capture walk is closed ({m and m.groups()})")


def check_scan_timeout(sec):
    body = sec.get("ns-scan-timeout", ("", 1))[0]
    m = re.search(r"rc1 (\d+) rc2 (\d+) start ([\d.]+) mid ([\d.]+) end ([\d.]+)", body)
    check(m is not None and m.group(1) == "1" and "it was aborted, so the radio is free again" in body,
          f"a scan that times out is aborted ({body.strip()[:200]!r})")
    t = m and float(m.group(5)) - float(m.group(4))
    # (the audit's radio stayed busy for ~29 s: notspot's five EBUSY retries, 3.1 s, would fail)
    check(m is not None and m.group(2) == "0" and t < 10,
          f"the next scan is not refused as busy: exit {m and m.group(2)} after {t} s")
    body = sec.get("ns-scan-full", ("", 1))[0]
    t = uptime_span(body, "start", "end")
    check(body.startswith("rc 0"), f"a full scan of every band finished within its sized timeout ({t} s)")


def iw_expected(mbps):
    """What iw prints for notspot's figure: thr * 1000 / 1024, as thr / 1000 "." thr % 1000."""
    thr = round(mbps * 1000) * 1000 // 1024
    return f"{thr // 1000}.{thr % 1000}Mbps"


def check_expected(sec):
    pairs = []
    for i in (1, 2, 3):
        m = re.search(r"expected throughput:\s*(\S+)", sec.get(f"iw-expected-{i}", ("", 1))[0])
        try:
            w3 = {x["name"]: x for x in json.loads(sec.get(f"ns-expected-{i}", ("[]", 1))[0])}.get("wlan3", {})
            v = (w3.get("link") or {}).get("expected_throughput_mbps")
        except ValueError:
            v = None
        pairs.append((m and m.group(1), v))
    exact = [p for p in pairs if p[0] and p[1] is not None and iw_expected(p[1]) == p[0]]
    check(len(exact) >= 1, f"expected throughput: notspot's is 1.024 x iw's, read back to back ({pairs})")


def check_gone(sec):
    for how, want in (("rfkill", r"notspot: record: wlan3 is blocked by rfkill: a soft block by switch phy3 "),
                      ("deleted", r"notspot: record: wlan3 is gone: the interface was removed")):
        body = sec.get("gone-" + how, ("", 1))[0]
        t = uptime_span(body, "at", "end")
        last = body.strip().splitlines()[-1] if body.strip() else ""
        check(body.startswith("rc 1") and re.match(want, last) is not None and t is not None and t <= 5,
              f"record when wlan3 is {how}: {body[:4]!r} after {t} s saying {last!r}")
    db = sec.get("gone-db", ("", 1))[0]
    m = re.search(r"^walks\|(\d+)\|(\d+)$", db, re.M)
    check(m is not None and m.group(1) == "2" and m.group(2) == "2", f"record: both walks closed ({db.strip()!r})")
    m = re.search(r"^links\|(\d+)\|(\d+)$", sec.get("ns-link-ssid", ("", 1))[0], re.M)
    check(m is not None and int(m.group(1)) > 0 and m.group(1) == m.group(2),
          f"record: every link sample names the SSID ward-open ({m and m.groups()})")


def main():
    text = open(sys.argv[1], errors="replace").read()
    sec, phases = sections(text)
    for need in ("iw-dev", "ns-interfaces", "ns-scan", "iw-scan", "ns-cached", "iw-link", "iw-station", "ns-link"):
        if need not in sec:
            check(False, f"the VM printed section {need}")
    if failures:
        return 1

    # ---- bad input: one sentence each ----
    for name, pat in (("errors-unknown", r"^notspot: scan: there is no network interface named 'nosuch0'$"),
                      ("errors-notwireless", r"^notspot: scan: 'lo' is not a wireless interface")):
        body, rc = sec.get(name, ("", 0))
        check(rc == 1 and len(body.strip().splitlines()) == 1 and re.match(pat, body.strip()) is not None,
              f"{name}: exit 1 with one sentence ({body.strip()!r})")

    # ---- interfaces ----
    iw_ifs = parse_iw_dev(sec["iw-dev"][0])
    ns_ifs = {i["name"]: i for i in json.loads(sec["ns-interfaces"][0])}
    check(sec["ns-interfaces"][1] == 0, "interfaces: exit 0")
    check(set(iw_ifs) == set(ns_ifs), f"interfaces: same names as iw ({sorted(ns_ifs)})")
    for name in sorted(set(iw_ifs) & set(ns_ifs)):
        a, b = ns_ifs[name], iw_ifs[name]
        same = (a["ifindex"] == b.get("ifindex") and a["mac"] == b.get("mac") and a["type"] == b.get("type")
                and (a["ssid"] or None) == b.get("ssid") and a["freq_mhz"] == b.get("freq")
                and a["width_mhz"] == b.get("width") and a["center1_mhz"] == b.get("center1")
                and a["txpower_dbm"] is not None and abs(a["txpower_dbm"] - b.get("txpower", 999)) < 0.01)
        check(same, f"interfaces {name}: ifindex, MAC, type, SSID, channel, width, tx power match iw"
              + ("" if same else f" (notspot {a} iw {b})"))
        check("2.4GHz" in (a.get("bands") or []) and "5GHz" in (a.get("bands") or []),
              f"interfaces {name}: the radio's bands include 2.4 and 5 GHz")

    # ---- scan: the triggered scan and a cache dump taken after iw's ----
    iw_bss = parse_iw_scan(sec["iw-scan"][0])
    check(len(iw_bss) >= 3, f"iw sees the three APs ({len(iw_bss)})")
    nsb = compare_scan("scan", sec["ns-scan"][0], iw_bss)
    compare_scan("scan --cached", sec["ns-cached"][0], iw_bss)
    if nsb:
        by_ssid = {b["ssid"]: b for b in nsb.values()}
        o, s = by_ssid.get("ward-open"), by_ssid.get("ward-secure")
        hidden = [b for b in nsb.values() if b["hidden"]]
        check(o is not None and o["ap_name"] == "ICU-AP-01", "scan: Cisco element 133 gives AP name ICU-AP-01")
        check(o is not None and o["bss_stations"] == 1 and o["bss_utilisation"] is not None,
              "scan: BSS Load of ward-open says 1 station and a utilisation")
        check(o is not None and o["country"] == "GB" and o["security"] == "open" and o["channel"] == 1,
              "scan: ward-open is open, channel 1, country GB")
        check(s is not None and s["security"] == "wpa2-psk" and s["width_mhz"] == 80
              and s["center_mhz"] == 5210 and s["channel"] == 36,
              "scan: ward-secure is WPA2-PSK, channel 36, 80 MHz centred on 5210 MHz (VHT operation)")
        check(len(hidden) == 1 and hidden[0]["freq_mhz"] == 2462, "scan: one hidden BSS, on 2462 MHz")
    table = sec.get("ns-table", ("", 1))[0]
    check("ICU-AP-01" in table and "(hidden)" in table and "[associated]" in table,
          "scan table shows AP name, hidden SSID and the associated BSS")

    # ---- no permission ----
    body, rc = sec.get("ns-noperm", ("", 1))
    err = sec.get("ns-noperm-err", ("", 1))[0].strip()
    try:
        nop = json.loads(body)
    except ValueError:
        nop = {}
    check(rc == 0 and nop.get("cached") is True and len(nop.get("bss", [])) >= 3
          and err.startswith("notspot: scan: warning: not permitted to trigger a scan") and len(err.splitlines()) == 1,
          f"scan without CAP_NET_ADMIN: cached results and a one-line warning ({err!r})")
    body, rc = sec.get("ns-record-noperm", ("", 0))
    check(rc == 1 and len(body.strip().splitlines()) == 1 and body.startswith("notspot: record: "),
          f"record into a survey it may not write: exit 1, one sentence ({body.strip()!r})")
    check(sec.get("ns-record-untouched", ("", 1))[1] == 0, "record without permission left the survey file byte-identical")

    # ---- link ----
    link_txt = sec["iw-link"][0] + "\n" + sec["iw-station"][0]
    m = re.search(r"Connected to ([0-9a-f:]{17})", link_txt)
    sig = re.search(r"^\s*signal:\s*(-?\d+)", sec["iw-station"][0], re.M)
    avg = re.search(r"^\s*signal avg:\s*(-?\d+)", sec["iw-station"][0], re.M)
    bavg = re.search(r"^\s*beacon signal avg:\s*(-?\d+)", sec["iw-station"][0], re.M)
    nl = {i["name"]: i for i in json.loads(sec["ns-link"][0])}.get("wlan3", {})
    link = nl.get("link") or {}
    check(m is not None and link.get("bssid") == m.group(1) and nl.get("bssid") == m.group(1),
          f"link: associated BSSID {link.get('bssid')} == iw {m and m.group(1)}")
    for label, mm, key in (("signal", sig, "signal_dbm"), ("signal avg", avg, "signal_avg_dbm"),
                           ("beacon signal avg", bavg, "beacon_signal_avg_dbm")):
        v = link.get(key)
        check(mm is not None and v is not None and abs(v - int(mm.group(1))) <= TOL_DB,
              f"link: {label} {v} dBm within {TOL_DB} dB of iw {mm and mm.group(1)}")
    check(link.get("tx", {}).get("mbps") is not None and link.get("expected_throughput_mbps") is not None
          and (link.get("rx_bytes") or 0) > 0, "link: tx bitrate, expected throughput and byte counters read")

    # ---- channel survey (noise) ----
    iw_noise = {}
    for m in re.finditer(r"frequency:\s*(\d+) MHz.*?\n\s*noise:\s*(-?\d+) dBm", sec.get("iw-survey", ("", 0))[0]):
        iw_noise[int(m.group(1))] = int(m.group(2))
    sv = nl.get("survey") or {}
    check(sv.get("freq_mhz") == 2412 and sv.get("noise_dbm") is not None
          and iw_noise.get(2412) is not None and abs(sv["noise_dbm"] - iw_noise[2412]) <= TOL_DB,
          f"survey: noise on the in-use channel {sv.get('noise_dbm')} dBm == iw {iw_noise.get(2412)}")

    # ---- the walk ----
    body, rc = sec.get("ns-record", ("", 1))
    check(rc == 0 and sec.get("ns-record-rc", ("", 1))[0].strip() == "0",
          f"record: exit 0 ({sec.get('ns-record-err', ('', 0))[0].strip()[:300]!r})")
    lines = []
    for line in body.splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            check(False, f"record printed a JSON line ({line[:80]!r})")
    wps = [l for l in lines if l.get("type") == "waypoint"]
    samples = [l for l in lines if l.get("type") == "sample"]
    check(len(wps) == len(phases) == 4, f"record: {len(wps)} waypoints for {len(phases)} phases")
    ap = "02:00:00:00:00:00"
    for k, (phase, mbm) in enumerate(phases[:len(wps)]):
        t0 = wps[k]["t_us"]
        t1 = wps[k + 1]["t_us"] if k + 1 < len(wps) else float("inf")
        want = mbm / 100.0 - 50.0
        # The tap follows the tx power change at once; give the station 0.6 s
        # (a few beacons) to hear the new power.
        links = [s for s in samples if s["kind"] == "link" and t0 + 600000 <= s["t_us"] < t1
                 and s["status"] == "ok"]
        good = [s for s in links if abs(s["link"]["signal_dbm"] - want) <= TOL_DB]
        check(len(links) >= 5 and len(good) >= 0.9 * len(links),
              f"walk phase {phase}: {len(good)}/{len(links)} link samples at {want:.0f} dBm "
              f"(tx power {mbm / 100:.0f} dBm); got {sorted(set(s['link']['signal_dbm'] for s in links))}")
        scans = [s for s in samples if s["kind"] == "scan" and t0 + 600000 <= s["t_us"] < t1]
        obs = [o for s in scans for o in s.get("observations", []) if o["bssid"] == ap]
        check(len(obs) >= 1 and all(abs(o["signal_dbm"] - want) <= TOL_DB for o in obs),
              f"walk phase {phase}: scans saw {ap} at {[o['signal_dbm'] for o in obs]} (want {want:.0f})")
        check(all(s.get("x_m") == wps[k]["x_m"] for s in links),
              f"walk phase {phase}: its link samples are placed at the tap x = {wps[k]['x_m']} m")
    noise = [s for s in samples if s["kind"] == "noise"]
    check(len(noise) >= 1 and all(s["status"] == "ok" and s["noise_dbm"] is not None
                                  and abs(s["noise_dbm"] - iw_noise.get(2412, 999)) <= TOL_DB for s in noise),
          f"record: {len(noise)} channel-survey samples, noise as iw reports it ({iw_noise.get(2412)} dBm)")
    # ---- a continuous walk ended by SIGINT ----
    rc2 = sec.get("ns-record2-rc", ("1", 0))[0].strip()
    lines2 = [json.loads(l) for l in sec.get("ns-record2", ("", 1))[0].splitlines() if l.startswith("{")]
    check(rc2 == "0", f"record (continuous) ended by SIGINT exits 0 ({sec.get('ns-record2-err', ('', 0))[0].strip()!r})")
    w2 = sec.get("ns-walk2db", ("", 1))[0]
    wp2 = [(int(t), float(x)) for t, x in re.findall(r"^wp\|(\d+)\|([-\d.]+)$", w2, re.M)]
    l2 = [(int(t), None if x == "null" else float(x)) for t, x in re.findall(r"^link\|(\d+)\|(\S+)$", w2, re.M)]
    check(re.search(r"^walk\|1$", w2, re.M) is not None, "continuous walk: closed in the file after SIGINT")
    if len(wp2) == 2:
        (ta, xa), (tb, xb) = wp2
        between = [(t, x) for t, x in l2 if ta <= t <= tb]
        after = [(t, x) for t, x in l2 if t > tb]
        okx = all(x is not None and abs(x - (xa + (xb - xa) * (t - ta) / (tb - ta))) < 0.01 for t, x in between)
        check(len(between) >= 5 and okx,
              f"continuous walk: {len(between)} link samples between the taps placed by time along the segment")
        check(len(after) >= 1 and all(x is None for t, x in after),
              f"continuous walk: {len(after)} samples after the last tap stay unplaced")
    else:
        check(False, f"continuous walk: two waypoints stored ({wp2})")

    db = sec.get("ns-walkdb", ("", 1))
    check(db[1] == 0 and re.search(r"^walks\|2\|2$", db[0], re.M) is not None,
          f"survey file: two walks, both ended ({db[0].strip()!r})")
    n_db = sum(int(m.group(2)) for m in re.finditer(r"^samples\|(\w+)\|(\d+)", db[0], re.M))
    n_printed = len(samples) + len([l for l in lines2 if l.get("type") == "sample"])
    check(n_db == n_printed, f"survey file holds every sample record printed ({n_db} == {n_printed})")

    # ---- the audit's hostile radios ----
    check_bands(sec)
    check_hostile_scan(sec)
    check_hostile_ifaces(sec)
    check_capture(sec)
    check_scan_timeout(sec)
    check_expected(sec)
    check_gone(sec)

    print(f"hwsim compare: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
