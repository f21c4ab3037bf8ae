# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# ipvs-refusal: a service whose scheduler module the kernel lacks (twos on
# this 6.1 kernel) is refused; the error names FILE:LINE:COL of its
# virtual_server line, once (not at every periodic round), and the other
# services are programmed.

[ ! -e /sys/module/ip_vs_twos ] || skip "this kernel has the twos scheduler"
LV=lv$$
LOG=/tmp/lvsd.log
ip netns add "$LV"
ip -n "$LV" link set lo up
cp "$SCENARIO_DIR/ipvs-refusal.conf" /tmp/lvsd.conf
ip netns exec "$LV" "$LVSD" -n -l -f /tmp/lvsd.conf -p /run/lvsd-$$.pid \
	>"$LOG" 2>&1 &
pid=$!
got() { in_ns "$LV" "$IPVSADM" -Sn | sort; }
want="-A -t 192.0.2.1:80 -s wlc
-A -t 192.0.2.3:80 -s wlc
-a -t 192.0.2.1:80 -r 10.0.0.1:80 -m -w 1
-a -t 192.0.2.3:80 -r 10.0.0.3:80 -m -w 1"
same() { [ "$(got)" = "$want" ]; }
wait_for 20 same || { cat "$LOG"; got; fail "the other services"; }
line='/tmp/lvsd.conf:11:1: virtual_server 192.0.2.2:80/tcp: kernel refused to add the service: No such file or directory (scheduler module?)'
wait_for 5 grep -qF "$line" "$LOG" || { cat "$LOG"; fail "no refusal line"; }
assert_match '10\.0\.0\.3:80 +5 +0' "$(in_ns "$LV" "$IPVSADM" -Ln --thresholds)" \
	"thresholds"
sleep 3
assert_eq 1 "$(grep -c 'kernel refused' "$LOG")" "refusal lines after 3 rounds"
assert_eq "$want" "$(got)" "table"
proc_alive "$pid" || fail "lvsd died"
log "refusal reported once at its line; other services programmed"
# A reload reports it again (the operator asked).
kill -HUP "$(cat /run/lvsd-$$.pid)"
wait_for 10 grep -q 'reload complete (generation 2)' "$LOG" || fail "no reload"
wait_for 5 sh -c "[ \$(grep -c 'kernel refused' $LOG) = 2 ]" ||
	{ cat "$LOG"; fail "refusal not reported again at the reload"; }
assert_eq "$want" "$(got)" "table after the reload"
kill -TERM "$(cat /run/lvsd-$$.pid)"
wait_exit 15 "$pid" || fail "lvsd still running after SIGTERM"
assert_eq "" "$(got)" "table after SIGTERM"
# A sanitizer build (configure --enable-sanitizers) reports here.
assert_no_match 'Sanitizer|runtime error' "$(cat /tmp/lvsd.log)" "sanitizer reports"
