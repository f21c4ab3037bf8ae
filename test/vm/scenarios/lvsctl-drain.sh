# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# lvsctl-drain: `lvsctl rs drain` puts weight 0 in the kernel's IPVS table
# (ipvsadm -Sn), keeps it through a reload (lvsctl reload), a restart of
# the check engine and a hand edit the reconciler repairs, and
# `lvsctl rs enable` restores the configured weight.  lvsctl's status
# reads the kernel's table (connections known).

LV=lv$$
LOG=/tmp/lvsd.log
SOCK=/run/lvsctl-$$.sock
: "${LVSCTL:?the test passes lvsctl's path}"
ip netns add "$LV"
ip -n "$LV" link set lo up
cp "$SCENARIO_DIR/lvsctl-drain.conf" /tmp/lvsd.conf
ip netns exec "$LV" "$LVSD" -n -l -f /tmp/lvsd.conf -p /run/lvsd-$$.pid \
	-S "$SOCK" >"$LOG" 2>&1 &
pid=$!
adm() { in_ns "$LV" "$IPVSADM" "$@"; }
got() { adm -Sn | sort; }
ctl() { "$LVSCTL" -s "$SOCK" "$@"; }
full="-A -t 10.1.0.1:8080 -s wrr
-a -t 10.1.0.1:8080 -r 10.2.1.11:8080 -m -w 3
-a -t 10.1.0.1:8080 -r 10.2.1.12:8080 -m -w 2"
drained="-A -t 10.1.0.1:8080 -s wrr
-a -t 10.1.0.1:8080 -r 10.2.1.11:8080 -m -w 0
-a -t 10.1.0.1:8080 -r 10.2.1.12:8080 -m -w 2"
is() { [ "$(got)" = "$1" ]; }
wait_for 20 is "$full" || { cat "$LOG"; got; fail "initial table"; }
log "table programmed"

assert_ok ctl rs drain 10.1.0.1:8080/tcp 10.2.1.11:8080
wait_for 10 is "$drained" || { cat "$LOG"; got; fail "drain not in the kernel"; }
log "drained: weight 0 in the kernel"
wait_for 10 sh -c "$LVSCTL -s $SOCK show rs | grep -q '10.2.1.11:8080 .*weight 0 DRAINED (conf 3) *conns 0/0 (total 0)'" ||
	{ ctl show rs; fail "status does not show the kernel's view"; }

# A connection from the director itself (IPVS schedules local clients
# too): the kernel counts it on the real server that is not drained, and
# lvsctl shows the count from the next dump.
ip -n "$LV" addr add 10.1.0.1/32 dev lo
in_ns "$LV" busybox nc -w 1 10.1.0.1 8080 </dev/null >/dev/null 2>&1 || true
wait_for 10 sh -c "$LVSCTL -s $SOCK show rs | grep -q '10.2.1.12:8080 .*(total 1)'" ||
	{ ctl show rs; adm -Ln --stats; fail "the connection is not counted"; }
ctl show rs | grep -q '10.2.1.11:8080 .*(total 0)' ||
	fail "the drained real server got the connection"
log "kernel counters: the new connection went to 10.2.1.12"

assert_ok ctl reload
sleep 2
is "$drained" || { got; fail "the reload undid the drain"; }
log "drain kept through a reload"

check=$(pids_of lvsd-check)
kill -9 "$check"
new_check() { p=$(pids_of lvsd-check) && [ -n "$p" ] && [ "$p" != "$check" ]; }
wait_for 15 new_check ||
	fail "no new check engine"
sleep 3
is "$drained" || { cat "$LOG"; got; fail "the engine restart undid the drain"; }
log "drain kept through a check engine restart"

adm -e -t 10.1.0.1:8080 -r 10.2.1.11:8080 -m -w 7
wait_for 10 is "$drained" || { got; fail "hand edit not repaired to weight 0"; }
log "hand edit repaired back to weight 0"

assert_ok ctl rs enable 10.1.0.1:8080/tcp 10.2.1.11:8080
wait_for 10 is "$full" || { got; fail "enable did not restore weight 3"; }
log "enabled: weight 3 again"
stop_pid "$pid"
