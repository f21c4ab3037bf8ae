# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# ipvs-reload: reloads apply as edits.  A client holds a TCP connection
# through a NAT service (client ns -> director ns -> real server ns, busybox
# nc echo servers).  Reload 2 changes weights and the scheduler, adds a real
# server, removes a service and adds one: the table converges, the kept
# service is edited (never deleted), and the connection still echoes.
# Reload 3 removes the real server that carries the connection: with
# ipvs_drain_timeout it stays at weight 0 while the connection lives, and
# is deleted once the client closes.

CL=cl$$ LV=lv$$ R1=ra$$ R2=rb$$
LOG=/tmp/lvsd.log
for n in "$CL" "$LV" "$R1" "$R2"; do
	ip netns add "$n"
	ip -n "$n" link set lo up
done
ip -n "$LV" link add d0 type veth peer name c0 netns "$CL"
ip -n "$LV" link add d1 type veth peer name r0 netns "$R1"
ip -n "$LV" link add d2 type veth peer name r0 netns "$R2"
ip -n "$LV" addr add 10.1.0.1/24 dev d0
ip -n "$LV" addr add 10.2.1.1/24 dev d1
ip -n "$LV" addr add 10.2.2.1/24 dev d2
ip -n "$CL" addr add 10.1.0.2/24 dev c0
ip -n "$R1" addr add 10.2.1.11/24 dev r0
ip -n "$R2" addr add 10.2.2.12/24 dev r0
for l in d0 d1 d2; do ip -n "$LV" link set "$l" up; done
ip -n "$CL" link set c0 up
ip -n "$R1" link set r0 up
ip -n "$R2" link set r0 up
ip -n "$R1" route add default via 10.2.1.1
ip -n "$R2" route add default via 10.2.2.1
in_ns "$LV" sysctl -q -w net.ipv4.ip_forward=1

# Echo servers (one connection each is enough).
ip netns exec "$R1" busybox nc -l -p 8080 -e cat &
echo1=$!
ip netns exec "$R2" busybox nc -ll -p 8080 -e cat &
echo2=$!

cp "$SCENARIO_DIR/ipvs-reload-1.conf" /tmp/lvsd.conf
ip netns exec "$LV" "$LVSD" -n -l -f /tmp/lvsd.conf -p /run/lvsd-$$.pid \
	>"$LOG" 2>&1 &
pid=$!
adm() { in_ns "$LV" "$IPVSADM" "$@"; }
got() { adm -Sn | sort; }
want="-A -t 10.1.0.1:8080 -s rr
-A -t 10.1.0.1:9090 -s wlc
-a -t 10.1.0.1:8080 -r 10.2.1.11:8080 -m -w 1
-a -t 10.1.0.1:9090 -r 10.2.2.12:9090 -m -w 1"
same() { [ "$(got)" = "$want" ]; }
wait_for 20 same || { cat "$LOG"; got; fail "step 1 table"; }
log "step 1 programmed"

# The long-lived connection: nc reads a fifo we hold open on fd 3.
mkfifo /tmp/in
ip netns exec "$CL" busybox nc 10.1.0.1 8080 </tmp/in >/tmp/out &
client=$!
exec 3>/tmp/in
echo ping-1 >&3
wait_for 10 grep -q ping-1 /tmp/out || fail "no echo before the reload"
assert_match '10\.2\.1\.11:8080 +Masq +1 +1 ' "$(adm -Ln)" "connection on rs1"
log "connection established through 10.2.1.11"

reload() {
	cp "$SCENARIO_DIR/ipvs-reload-$1.conf" /tmp/lvsd.conf
	kill -HUP "$(cat /run/lvsd-$$.pid)"
	wait_for 10 grep -q "reload complete (generation $1)" "$LOG" ||
		fail "reload $1 not complete"
}

reload 2
want="-A -t 10.1.0.1:8080 -s wlc
-A -t 10.1.0.1:9191 -s wlc
-a -t 10.1.0.1:8080 -r 10.2.1.11:8080 -m -w 5
-a -t 10.1.0.1:8080 -r 10.2.2.12:8080 -m -w 2
-a -t 10.1.0.1:9191 -r 10.2.2.12:9191 -m -w 1"
wait_for 10 same || { cat "$LOG"; got; fail "step 2 table"; }
assert_match 'IPVS: 10\.1\.0\.1:8080/tcp: scheduler rr -> wlc; edited service' \
	"$(cat "$LOG")" "scheduler edit"
assert_match 'IPVS: 10\.1\.0\.1:8080/tcp real server 10\.2\.1\.11:8080: weight 1 -> 5; edited real server' \
	"$(cat "$LOG")" "weight edit"
assert_match 'IPVS: 10\.1\.0\.1:9090/tcp: removed from the configuration; deleted service' \
	"$(cat "$LOG")" "service removed"
assert_no_match '10\.1\.0\.1:8080/tcp: .*(deleted|added) service' \
	"$(cat "$LOG")" "the kept service"
echo ping-2 >&3
wait_for 10 grep -q ping-2 /tmp/out || fail "connection broken by reload 2"
log "step 2: converged, connection alive"

reload 3
want="-A -t 10.1.0.1:8080 -s wlc
-A -t 10.1.0.1:9191 -s wlc
-a -t 10.1.0.1:8080 -r 10.2.1.11:8080 -m -w 0
-a -t 10.1.0.1:8080 -r 10.2.2.12:8080 -m -w 2
-a -t 10.1.0.1:9191 -r 10.2.2.12:9191 -m -w 1"
wait_for 10 same || { cat "$LOG"; got; fail "step 3: not draining"; }
sleep 3
assert_eq "$want" "$(got)" "still draining after 3 s"
echo ping-3 >&3
wait_for 10 grep -q ping-3 /tmp/out || fail "connection broken while draining"
log "step 3: 10.2.1.11 drains at weight 0, connection alive"

exec 3>&-
wait_exit 10 "$client" || kill "$client"
want="-A -t 10.1.0.1:8080 -s wlc
-A -t 10.1.0.1:9191 -s wlc
-a -t 10.1.0.1:8080 -r 10.2.2.12:8080 -m -w 2
-a -t 10.1.0.1:9191 -r 10.2.2.12:9191 -m -w 1"
wait_for 20 same || { cat "$LOG"; adm -Ln; fail "drained dest not deleted"; }
assert_match '10\.2\.1\.11:8080: drained; deleted real server' "$(cat "$LOG")" \
	"drain log"
log "step 3: drained and deleted once the connection closed"

kill -TERM "$(cat /run/lvsd-$$.pid)"
wait_exit 15 "$pid" || fail "lvsd still running after SIGTERM"
kill "$echo1" "$echo2" 2>/dev/null || true
log "reload ok"
# A sanitizer build (configure --enable-sanitizers) reports here.
assert_no_match 'Sanitizer|runtime error' "$(cat /tmp/lvsd.log)" "sanitizer reports"
