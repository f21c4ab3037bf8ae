# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# ipvs-restart: kill -9 the check engine.  The parent restarts it; the new
# engine adopts the kernel table (no flush: the service is there at every
# poll in between) and converges again (a weight changed meanwhile).  Then
# -I: SIGTERM leaves the table; a new lvsd adopts it with no change; a
# plain SIGTERM removes it.

LV=lv$$
LOG=/tmp/lvsd.log
ip netns add "$LV"
ip -n "$LV" link set lo up
CONF=$SCENARIO_DIR/ipvs-restart.conf
start() {
	ip netns exec "$LV" "$LVSD" -n -l -f "$CONF" \
		-p /run/lvsd-$$.pid "$@" >"$LOG" 2>&1 &
	pid=$!
}
got() { in_ns "$LV" "$IPVSADM" -Sn | sort; }
want="-A -f 7 -s wlc
-A -t 192.0.2.1:80 -s wlc
-a -f 7 -r 10.0.0.3:80 -m -w 1
-a -t 192.0.2.1:80 -r 10.0.0.1:80 -m -w 3
-a -t 192.0.2.1:80 -r 10.0.0.2:80 -m -w 1"
same() { [ "$(got)" = "$want" ]; }

start
wait_for 20 same || { cat "$LOG"; got; fail "initial table"; }
old=$(pids_of lvsd-check)
[ -n "$old" ] || fail "no lvsd-check process"
in_ns "$LV" "$IPVSADM" -e -t 192.0.2.1:80 -r 10.0.0.1:80 -m -w 7
# Hold the parent so the engine stays dead for a while: the table must
# not depend on a running engine.
parent=$(cat /run/lvsd-$$.pid)
kill -STOP "$parent"
kill -9 "$old"
i=0
while [ $i -lt 20 ]; do
	got | grep -q '^-A -t 192\.0\.2\.1:80 ' ||
		fail "service missing while the engine is dead"
	sleep 0.05
	i=$((i + 1))
done
kill -CONT "$parent"
# Poll until a new engine has converged; the service must never vanish.
deadline=$(( $(now_ms) + 15000 ))
polls=0
while :; do
	t=$(got)
	printf '%s\n' "$t" | grep -q '^-A -t 192\.0\.2\.1:80 ' ||
		fail "service missing during the restart (poll $polls)"
	new=$(pids_of lvsd-check)
	[ -n "$new" ] && [ "$new" != "$old" ] && [ "$t" = "$want" ] && break
	[ "$(now_ms)" -lt "$deadline" ] || { cat "$LOG"; fail "no convergence"; }
	polls=$((polls + 1))
	sleep 0.05
done
log "engine $old -> $new, table kept (20 polls dead, $polls restarting) and converged"
assert_match 'IPVS: 192\.0\.2\.1:80/tcp real server 10\.0\.0\.1:80: weight 7 -> 3' \
	"$(cat "$LOG")" "weight repaired by the new engine"
assert_match 'IPVS: 2 services in desired state; 1 change made, 0 refused' \
	"$(cat "$LOG")" "the new engine adopted the rest"

# -I keeps the table on SIGTERM.
kill -TERM "$(cat /run/lvsd-$$.pid)"
wait_exit 15 "$pid" || fail "lvsd still running after SIGTERM"
assert_eq "" "$(got)" "table after a plain SIGTERM"
start -I
wait_for 20 same || { cat "$LOG"; fail "table with -I"; }
kill -TERM "$(cat /run/lvsd-$$.pid)"
wait_exit 15 "$pid" || fail "lvsd -I still running after SIGTERM"
assert_eq "$want" "$(got)" "table after SIGTERM with -I"
assert_match 'leaving 2 services in the kernel \(--dont-release-ipvs\)' \
	"$(cat "$LOG")" "-I log"
# A new lvsd adopts it without a change; without -I it is removed.
start --log-console
wait_for 10 grep -q 'IPVS: 2 services in desired state; 0 changes made' "$LOG" ||
	{ cat "$LOG"; fail "not adopted"; }
assert_eq "$want" "$(got)" "adopted table"
kill -TERM "$(cat /run/lvsd-$$.pid)"
wait_exit 15 "$pid" || fail "lvsd still running after SIGTERM"
assert_eq "" "$(got)" "table after SIGTERM"
log "restart, -I and adoption ok"

# lvs_flush / lvs_flush_on_stop (with ipvs_foreign_services keep, which
# alone would leave a foreign service).
in_ns "$LV" "$IPVSADM" -A -u 198.51.100.1:53 -s rr
CONF=$SCENARIO_DIR/ipvs-restart-flush.conf
start
wait_for 20 same || { cat "$LOG"; got; fail "lvs_flush at start"; }
assert_match 'flushing the table at start \(lvs_flush\)' "$(cat "$LOG")" "flush log"
in_ns "$LV" "$IPVSADM" -A -u 198.51.100.1:53 -s rr
sleep 2
assert_match '^-A -u 198\.51\.100\.1:53' "$(got)" "foreign service kept"
kill -TERM "$(cat /run/lvsd-$$.pid)"
wait_exit 15 "$pid" || fail "lvsd still running after SIGTERM"
assert_eq "" "$(got)" "table after SIGTERM with lvs_flush_on_stop"
log "lvs_flush and lvs_flush_on_stop ok"
# A sanitizer build (configure --enable-sanitizers) reports here.
assert_no_match 'Sanitizer|runtime error' "$(cat /tmp/lvsd.log)" "sanitizer reports"
