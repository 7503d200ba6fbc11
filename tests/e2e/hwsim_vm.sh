#!/bin/sh
# hwsim_vm.sh — runs inside the e2e VM (as /init.sh, busybox sh, as root).
# Sets up mac80211_hwsim radios, three APs and a station, then prints iw's and
# notspot's view of the same kernel state between "=== BEGIN name" / "=== END
# name" markers for tests/e2e/hwsim_compare.py on the host.
#
# Radios: wlan0 AP "ward-open" ch 1 (open, BSS Load, Cisco AP name "ICU-AP-01")
#         wlan1 AP "ward-secure" ch 36 5 GHz (WPA2-PSK, VHT 80 MHz)
#         wlan2 AP hidden SSID "ward-hidden" ch 11 (open)
#         wlan3 station, associated to "ward-open"
FREQS=2412,2462,5180
trap "" PIPE

section() { # name command...
	name=$1; shift
	echo "=== BEGIN $name"
	"$@" 2>&1
	echo "=== END $name rc=$?"
}

for m in $(cat /modules/order); do
	case $m in
	mac80211_hwsim) insmod /modules/$m.ko radios=4 || echo "insmod $m failed" ;;
	*) insmod /modules/$m.ko || echo "insmod $m failed" ;;
	esac
done
ip link set lo up
iw reg set GB
i=0
while ! iw reg get | grep -q 'country GB'; do
	i=$((i + 1)); [ $i -gt 50 ] && { echo "regdomain GB not applied"; break; }
	sleep 0.1
done

# Cisco CCX1 element 133: 10 bytes, AP name (16 bytes, NUL padded), 1 byte, 3 bytes.
name=$(printf 'ICU-AP-01' | od -An -tx1 | tr -d ' \n')
pad=$(printf '%0*d' $((32 - ${#name})) 0)
ccx="851e""00000000000000000000""$name$pad""00000000"

cat >/tmp/ap0.conf <<EOF
interface=wlan0
driver=nl80211
ctrl_interface=/var/run/hostapd
ssid=ward-open
country_code=GB
ieee80211d=1
hw_mode=g
channel=1
ieee80211n=1
bss_load_update_period=50
vendor_elements=$ccx
EOF
cat >/tmp/ap1.conf <<EOF
interface=wlan1
driver=nl80211
ctrl_interface=/var/run/hostapd
ssid=ward-secure
country_code=GB
ieee80211d=1
hw_mode=a
channel=36
ieee80211n=1
ht_capab=[HT40+]
ieee80211ac=1
vht_oper_chwidth=1
vht_oper_centr_freq_seg0_idx=42
wpa=2
wpa_key_mgmt=WPA-PSK
rsn_pairwise=CCMP
wpa_passphrase=correct-horse-battery
bss_load_update_period=50
EOF
cat >/tmp/ap2.conf <<EOF
interface=wlan2
driver=nl80211
ctrl_interface=/var/run/hostapd
ssid=ward-hidden
ignore_broadcast_ssid=1
country_code=GB
hw_mode=g
channel=11
EOF
cat >/tmp/sta.conf <<EOF
ctrl_interface=/var/run/wpa_supplicant
network={
	ssid="ward-open"
	key_mgmt=NONE
	scan_freq=2412
}
EOF
echo "up $(cut -d' ' -f1 /proc/uptime) s: starting APs"
for a in 0 1 2; do
	hostapd -B -t -f /tmp/hostapd$a.log /tmp/ap$a.conf || { echo "hostapd $a failed"; cat /tmp/hostapd$a.log; }
done
wpa_supplicant -B -i wlan3 -c /tmp/sta.conf -f /tmp/wpas.log ||
	{ echo "wpa_supplicant failed"; cat /tmp/wpas.log; }
i=0
while ! iw dev wlan3 link | grep -q Connected; do
	i=$((i + 1)); [ $i -gt 300 ] && { echo "station did not associate"; break; }
	sleep 0.1
done
echo "up $(cut -d' ' -f1 /proc/uptime) s: associated after $i polls"
# Let beacons with BSS Load (every 50 TU) and a few signal readings arrive.
sleep 1
section iw-dev-early iw dev wlan1 info

section hostapd-log cat /tmp/hostapd0.log /tmp/hostapd1.log /tmp/hostapd2.log
section wpas-log cat /tmp/wpas.log
section errors-unknown notspot scan -i nosuch0
section errors-notwireless notspot scan -i lo
section iw-dev iw dev
section ns-interfaces notspot interfaces --json
section ns-scan notspot scan -i wlan3 --freq $FREQS --flush --json
section iw-scan iw dev wlan3 scan dump
section ns-cached notspot scan -i wlan3 --cached --json
section iw-link iw dev wlan3 link
section iw-station iw dev wlan3 station dump
section ns-link notspot interfaces --json
section iw-survey iw dev wlan3 survey dump
section ns-table notspot scan -i wlan3 --cached
# Without CAP_NET_ADMIN a scan cannot be triggered: cached results and a warning.
echo 'nobody:x:65534:65534:nobody:/:/bin/false' >/etc/passwd
echo 'nogroup:x:65534:' >/etc/group
nopriv() { su -s /bin/sh nobody -c "$*"; } # root -> nobody: no password, no capabilities
nopriv /bin/notspot scan -i wlan3 --freq 2412 --json >/tmp/noperm.out 2>/tmp/noperm.err
echo "=== BEGIN ns-noperm"; cat /tmp/noperm.out; echo "=== END ns-noperm rc=$?"
section ns-noperm-err cat /tmp/noperm.err

# The walk: the open AP's tx power follows a schedule (signal = tx power - 50 dB
# in hwsim); each step is tapped as a new position. Phase k at x = 10*k metres.
mkfifo /tmp/pos
notspot record /tmp/walk.notspot --create --floor ward --mode stop-and-go -i wlan3 \
	--link-hz 5 --scan-interval 2 --freq 2412,2462 --json </tmp/pos >/tmp/record.out 2>/tmp/record.err &
rec=$!
exec 3>/tmp/pos
k=0
for p in 500 1500 800 1200; do
	iw dev wlan0 set txpower fixed $p
	echo "=== PHASE $k txpower_mbm=$p"
	echo "$((k * 10)) 0" >&3
	sleep 4
	k=$((k + 1))
done
exec 3>&-
wait $rec
echo "=== BEGIN ns-record-rc"
echo $?
echo "=== END ns-record-rc rc=0"
echo "=== BEGIN ns-record"
cat /tmp/record.out
echo "=== END ns-record rc=$?"
section ns-record-err cat /tmp/record.err
cp /tmp/walk.notspot /tmp/walk.before
section ns-record-noperm nopriv /bin/notspot record /tmp/walk.notspot --floor ward -i wlan3 </dev/null
section ns-record-untouched cmp /tmp/walk.notspot /tmp/walk.before
section ns-walkdb sqlite3 /tmp/walk.notspot \
	"select 'walks', count(*), sum(end_us > 0) from walks;" \
	"select 'waypoints', count(*) from waypoints;" \
	"select 'samples', kind, count(*), count(x_m) from samples group by kind;"
exit 0
