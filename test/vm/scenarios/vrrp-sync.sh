# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# vrrp-sync: two lvsd directors in DR mode with lvs_sync_daemon tied to
# their VRRP instance, two real servers (VIP on lo, arp_ignore=1,
# arp_announce=2) and a client, all on one bridge.  The client holds one
# long-lived TCP connection through the VIP (an echo service) and makes new
# HTTP requests.  The master's link is cut: the backup takes the VIP, the
# long-lived connection goes on through it (its IPVS entry came over
# conn-sync) and new requests succeed.  Prints the failover time.
#
# Each director's lvsd does the whole job from one keepalived-syntax file:
# its check engine programs the IPVS services (DR, both real servers, an
# HTTP_GET check on port 80 and a TCP_CHECK on port 7) and its vrrp engine
# runs VRRP and the sync daemon.  ipvsadm here only reads the tables.
# After the failover r2's web server stops: its HTTP_GET fails and the new
# master takes r2:80 out of its table.  With DEMO=1 (tools/demo.sh) it also
# shows the tables and the client's requests as they happen.

DEMO=${DEMO:-0}

. /usr/lib/lvsd-vm/dr-pair-lib.sh

real_server() {
	n=$1
	dr_real_server_prepare "$n"
	"$IP" netns exec "$n" busybox httpd -f -p 80 -h "/tmp/www-$n" &
	last_httpd=$!
	# Quiet: each TCP_CHECK connect ends in a reset that cat reports.
	"$IP" netns exec "$n" busybox nc -ll -p 7 -e /bin/cat 2>/dev/null &
}

director() {
	n=$1 prio=$2
	dr_pair_conf "$prio" > "/tmp/$n.conf"
	"$IP" netns exec "$n" "$LVSD" -n -l -f "/tmp/$n.conf" \
		-p "/run/lvsd-$n.pid" 2>"/tmp/$n.log" &
}

# The table both directors must have programmed, in ipvsadm -Sn form.
expected_rules() {
	for port in 7 80; do
		echo "-A -t $VIP:$port -s rr"
		echo "-a -t $VIP:$port -r 10.0.0.11:$port -g -w 1"
		echo "-a -t $VIP:$port -r 10.0.0.12:$port -g -w 1"
	done | sort
}

rules_of() {
	in_ns "$1" "$IPVSADM" -Sn | sort
}

table_as_configured() {
	[ "$(rules_of "$1")" = "$(expected_rules)" ]
}

has_vip() {
	ip -n "$1" addr show dev eth0 | grep -q " $VIP/"
}

http_ok() {
	"$IP" netns exec c timeout 2 wget -q -O - "http://$VIP/" 2>/dev/null |
		grep -q "hello from"
}

say() {
	[ "$DEMO" = 1 ] && echo "== $*"
	log "$*"
}

# Requests every 0.3 s for a while, one line each, in the background.
client_loop() {
	k=0
	while [ "$k" -lt "$1" ]; do
		k=$((k + 1))
		if r=$("$IP" netns exec c timeout 1 wget -q -O - "http://$VIP/" 2>/dev/null); then
			echo "[$(( $(now_ms) - t0 )) ms] new request $k: $r"
		else
			echo "[$(( $(now_ms) - t0 )) ms] new request $k: failed"
		fi
		sleep 0.3
	done
}

show_logs() {
	for n in d1 d2; do
		log "--- lvsd in $n ---"
		cat "/tmp/$n.log" || true
	done
}

dr_pair_netns
real_server r1
real_server r2
httpd_r2=$last_httpd
director d1 150
wait_for 15 has_vip d1 || { show_logs; fail "d1 never became master"; }
director d2 100
wait_for 10 grep -q "VI_1: INIT -> BACKUP" /tmp/d2.log ||
	{ show_logs; fail "d2 not backup"; }
wait_for 10 sh -c "$IP netns exec d1 $IPVSADM -L --daemon | grep -q 'master sync daemon'" ||
	{ show_logs; fail "no master sync daemon on d1"; }
wait_for 10 sh -c "$IP netns exec d2 $IPVSADM -L --daemon | grep -q 'backup sync daemon'" ||
	{ show_logs; fail "no backup sync daemon on d2"; }
say "d1 (10.0.0.1, priority 150) is MASTER and holds $VIP; d2 (10.0.0.2, priority 100) is BACKUP"
# The tables lvsd programmed from its virtual_server blocks, on both.
for n in d1 d2; do
	wait_for 15 table_as_configured "$n" || { rules_of "$n"; show_logs;
		fail "$n: the IPVS table lvsd programmed is not as configured"; }
	[ -n "$(rules_of "$n")" ] || fail "$n: empty IPVS table"
	log "$n: ipvsadm -Sn: $(rules_of "$n" | tr '\n' ' ')"
done
if [ "$DEMO" = 1 ]; then
	echo "== IPVS table on d1, programmed by lvsd from its virtual_server blocks (d2's is the same):"
	in_ns d1 "$IPVSADM" -Ln
fi
log "d1: $(in_ns d1 "$IPVSADM" -L --daemon | tr '\n' ' ')"
log "d2: $(in_ns d2 "$IPVSADM" -L --daemon | tr '\n' ' ')"
in_ns d1 "$IPVSADM" -L --daemon | grep -q "syncid=51" ||
	fail "sync_id is not the VRID"
wait_for 10 http_ok || { show_logs; fail "no HTTP through the VIP"; }

# The long-lived connection: lines to the echo service come back.
mkfifo /tmp/cin
"$IP" netns exec c busybox nc "$VIP" 7 < /tmp/cin > /tmp/cout &
ncpid=$!
exec 3>/tmp/cin
i=0
echo_line() {
	i=$((i + 1))
	echo "line$i" >&3
	wait_for "$1" grep -q "^line$i\$" /tmp/cout
}
for _ in 1 2 3 4 5 6; do
	echo_line 3 || fail "the echo connection does not answer (line $i)"
	sleep 0.2
done
# The master syncs a connection at its 3rd packet and flushes within 2 s.
wait_for 10 sh -c "$IP netns exec d2 $IPVSADM -Lnc | grep -q ':7 .*ESTABLISHED\|ESTABLISHED.*:7 '" ||
	{ in_ns d2 "$IPVSADM" -Lnc; show_logs; fail "the connection was not synced to d2"; }
say "the client holds one TCP connection to $VIP:7 (echo); d2 got its entry by conn-sync:"
in_ns d2 "$IPVSADM" -Lnc

# Cut the master's link, with the client making requests meanwhile.
t0=$(now_ms)
client_loop 20 > /tmp/requests 2>/dev/null &
say "cutting d1's link now"
ip -n br link set pd1 down
wait_for 15 has_vip d2 || { show_logs; fail "d2 did not take the VIP"; }
t_vip=$(( $(now_ms) - t0 ))
wait_for 15 http_ok || { show_logs; fail "no new request served after failover"; }
t_http=$(( $(now_ms) - t0 ))
echo_line 10 || { in_ns d2 "$IPVSADM" -Lnc; show_logs;
	fail "the long-lived connection broke in the failover"; }
t_echo=$(( $(now_ms) - t0 ))
proc_alive "$ncpid" || fail "the client's connection closed"
for _ in 1 2 3; do
	echo_line 3 || fail "the long-lived connection stopped after failover"
done
http_ok || fail "new requests fail after failover"
wait_for 10 sh -c "[ \$(wc -l < /tmp/requests) -ge 20 ]" || true
if [ "$DEMO" = 1 ]; then
	echo "== the client's new requests around the failover:"
	cat /tmp/requests
	echo "== the long-lived connection (echo) after the failover:"
	tail -n 4 /tmp/cout
	echo "== the long-lived connection's entry on d2, now MASTER:"
	in_ns d2 "$IPVSADM" -Lnc | grep ESTABLISHED
fi
say "FAILOVER: VIP on the backup after $t_vip ms, new requests served after $t_http ms, long-lived connection answered after $t_echo ms"
echo "FAILOVER_MS vip=$t_vip http=$t_http echo=$t_echo"

# A real server fails its health check: the new master takes it out.
rules_of d2 | grep -q -- "-r 10.0.0.12:80 " || fail "r2:80 not in d2's table"
say "stopping r2's web server: its HTTP_GET check fails on d2"
kill "$httpd_r2"
wait_for 15 sh -c "! $IP netns exec d2 $IPVSADM -Sn | grep -q -- '-r 10.0.0.12:80 '" ||
	{ rules_of d2; show_logs; fail "d2 kept r2:80 after its check failed"; }
rules_of d2 | grep -q -- "-r 10.0.0.11:80 " || fail "d2 lost r1:80 too"
rules_of d2 | grep -q -- "-r 10.0.0.12:7 " || fail "d2 lost r2:7 (its check passes)"
for _ in 1 2 3 4; do
	"$IP" netns exec c timeout 2 wget -q -O - "http://$VIP/" 2>/dev/null |
		grep -q "hello from r1" || fail "a request after r2:80 left the table was not served by r1"
done
echo_line 5 || fail "the long-lived connection stopped after r2:80 left"
if [ "$DEMO" = 1 ]; then
	echo "== d2's IPVS table after r2's check failed (r2:80 removed):"
	in_ns d2 "$IPVSADM" -Ln
	echo "== new requests now all go to r1:"
	"$IP" netns exec c wget -q -O - "http://$VIP/"
fi
say "r2:80 left d2's table when its check failed; requests go to r1"
[ "$DEMO" = 1 ] || show_logs
exec 3>&-
