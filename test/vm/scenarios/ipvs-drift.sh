# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# ipvs-drift: with `ipvs_reconcile_interval 1`, hand edits with ipvsadm
# (a deleted destination, a changed weight, a changed scheduler, a deleted
# service, a foreign service) are repaired within a few seconds, each with
# one log line saying what was wrong and what was done, and an
# EVT_IPVS_REPAIR event.  With `ipvs_foreign_services keep` a foreign
# service stays.  The .test boots with -N: the kernel loads ip_vs and the
# schedulers on lvsd's first requests.

CONF=$SCENARIO_DIR/ipvs-drift.conf
if [ -e /proc/net/ip_vs ]; then log "ip_vs loaded at boot"; else log "ip_vs not loaded yet (-N)"; fi
LV=lv$$
LOG=/tmp/lvsd.log
ip netns add "$LV"
ip -n "$LV" link set lo up
cp "$CONF" /tmp/lvsd.conf
ip netns exec "$LV" "$LVSD" -n -l -f /tmp/lvsd.conf -p /run/lvsd-$$.pid \
	>"$LOG" 2>&1 &
pid=$!
adm() { in_ns "$LV" "$IPVSADM" "$@"; }
got() { adm -Sn | sort; }
want="-A -t 192.0.2.1:80 -s rr
-A -t 192.0.2.2:80 -s wlc
-a -t 192.0.2.1:80 -r 10.0.0.1:80 -m -w 1
-a -t 192.0.2.1:80 -r 10.0.0.2:80 -m -w 2
-a -t 192.0.2.2:80 -r 10.0.0.3:80 -m -w 1"
same() { [ "$(got)" = "$want" ]; }
wait_for 20 same || { cat "$LOG"; got; fail "no initial table"; }
log "initial table programmed"

# repaired DESCRIPTION LOG-ERE: the table converges back and the repair
# line appears, within 6 s (interval 1 s).  The line names the drift
# (what the kernel had), so it proves the hand edit took effect; the
# table itself may already be repaired by the time a check could look.
repaired() {
	wait_for 6 same || { cat "$LOG"; got; fail "$1: not repaired"; }
	wait_for 3 grep -qE "$2" "$LOG" || { cat "$LOG"; fail "$1: no log line"; }
	log "$1: repaired"
}

adm -d -t 192.0.2.1:80 -r 10.0.0.1:80
repaired "deleted destination" \
	'IPVS repair: 192\.0\.2\.1:80/tcp real server 10\.0\.0\.1:80: missing; added real server'

adm -e -t 192.0.2.1:80 -r 10.0.0.2:80 -m -w 9
repaired "changed weight" \
	'IPVS repair: 192\.0\.2\.1:80/tcp real server 10\.0\.0\.2:80: weight 9 -> 2; edited real server'

adm -E -t 192.0.2.1:80 -s lc
repaired "changed scheduler" \
	'IPVS repair: 192\.0\.2\.1:80/tcp: scheduler lc -> rr; edited service'

adm -a -t 192.0.2.2:80 -r 10.0.0.9:80 -m -w 1
repaired "extra destination" \
	'IPVS repair: 192\.0\.2\.2:80/tcp real server 10\.0\.0\.9:80: not wanted; deleted real server'

adm -D -t 192.0.2.2:80
repaired "deleted service" \
	'IPVS repair: 192\.0\.2\.2:80/tcp: missing; added service'

# The periodic round may delete the service between the two requests, so
# the real server is best effort; the repair line proves the service was there.
adm -A -u 198.51.100.1:53 -s rr
adm -a -u 198.51.100.1:53 -r 10.0.0.5:53 -m 2>/dev/null || true
repaired "foreign service" \
	'IPVS repair: 198\.51\.100\.1:53/udp: not in the configuration; deleted service'

assert_match 'event from check engine: EVT_IPVS_REPAIR ipvs: 0 -> 1 \(1 repair\)' \
	"$(cat "$LOG")" "repair event"

# ipvs_foreign_services keep: a foreign service is left alone.
cp "$SCENARIO_DIR/ipvs-drift-keep.conf" /tmp/lvsd.conf
kill -HUP "$(cat /run/lvsd-$$.pid)"
wait_for 10 grep -q 'reload complete (generation 2)' "$LOG" || fail "no reload"
adm -A -u 198.51.100.1:53 -s rr
sleep 3
assert_match '^-A -u 198\.51\.100\.1:53 -s rr' "$(got)" "kept foreign service"
adm -D -u 198.51.100.1:53
assert_eq "$want" "$(got)" "table with keep"
log "foreign service kept with ipvs_foreign_services keep"

kill -TERM "$(cat /run/lvsd-$$.pid)"
wait_exit 15 "$pid" || fail "lvsd still running after SIGTERM"
assert_eq "" "$(got)" "table after SIGTERM"
ip netns del "$LV"
log "drift ok"
# A sanitizer build (configure --enable-sanitizers) reports here.
assert_no_match 'Sanitizer|runtime error' "$(cat /tmp/lvsd.log)" "sanitizer reports"
