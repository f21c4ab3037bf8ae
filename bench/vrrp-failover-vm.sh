# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# vrrp-failover-vm: the VM half of bench/vrrp-failover.sh (issue 7's
# benchmark).  The test/vm/scenarios/vrrp-sync.sh setup (two directors in
# DR mode with lvs_sync_daemon, two real servers, a client holding a
# long-lived connection), run ROUNDS times for each daemon (lvsd,
# keepalived: the same keepalived-syntax file, whose virtual_server blocks
# with HTTP_GET and TCP_CHECK make each daemon program IPVS itself) and
# each timing (VRRPv2 advert_int 1, VRRPv3 advert_int 0.1).  Each round cuts the master's link
# and measures, from the cut:
#   vip   the backup holds the VIP (polled as fast as `ip` runs)
#   http  a new request through the VIP is served
#   echo  the long-lived connection answers again (conn-sync)
# Prints one BENCH line per round and a median table.

ROUNDS=${1:-3}
. /usr/lib/lvsd-vm/dr-pair-lib.sh
PIDS=""

bg() {
	"$@" &
	PIDS="$PIDS $!"
}

teardown() {
	exec 3>&- 2>/dev/null || true
	for p in $PIDS; do
		kill "$p" 2>/dev/null || true
	done
	for p in $PIDS; do
		wait_exit 5 "$p" >/dev/null 2>&1 || kill -9 "$p" 2>/dev/null || true
	done
	PIDS=""
	for n in br d1 d2 r1 r2 c; do
		ip netns del "$n" 2>/dev/null || true
	done
	rm -f /tmp/cin /tmp/cout
}

setup() {
	dr_pair_netns
	for n in r1 r2; do
		dr_real_server_prepare "$n"
		bg "$IP" netns exec "$n" busybox httpd -f -p 80 -h "/tmp/www-$n"
		# Quiet: each TCP_CHECK connect ends in a reset cat reports.
		bg "$IP" netns exec "$n" busybox nc -ll -p 7 -e /bin/cat 2>/dev/null
	done
}

# director NAME PRIO DAEMON VERSION INTERVAL
director() {
	dr_pair_conf "$2" "$4" "$5" > "/tmp/$1.conf"
	if [ "$3" = lvsd ]; then
		bg "$IP" netns exec "$1" "$LVSD" -n -l -f "/tmp/$1.conf" \
			-p "/run/lvsd-$1.pid" 2>>"/tmp/$1.log"
	else
		bg "$IP" netns exec "$1" "$KEEPALIVED" -n -l \
			-f "/tmp/$1.conf" -p "/run/ka-$1.pid" \
			-r "/run/ka-$1-vrrp.pid" -c "/run/ka-$1-check.pid" \
			>>"/tmp/$1.log" 2>&1
	fi
}

# The daemon programmed both services with both real servers.
table_full() {
	[ "$(in_ns "$1" "$IPVSADM" -Sn | grep -c -- ' -g ')" = 4 ]
}

has_vip() {
	ip -n "$1" addr show dev eth0 | grep -q " $VIP/"
}

http_ok() {
	"$IP" netns exec c timeout 1 wget -q -O - "http://$VIP/" 2>/dev/null |
		grep -q "hello from"
}

i=0
echo_line() {
	i=$((i + 1))
	echo "line$i" >&3
	wait_for "$1" grep -q "^line$i\$" /tmp/cout
}

# round DAEMON VERSION INTERVAL: prints "vip http echo" in ms, or fails.
round() {
	setup
	director d1 150 "$1" "$2" "$3"
	wait_for 20 has_vip d1 || return 1
	director d2 100 "$1" "$2" "$3"
	sleep 2
	has_vip d2 && return 1
	wait_for 15 table_full d1 || return 1
	wait_for 15 table_full d2 || return 1
	wait_for 10 http_ok || return 1
	mkfifo /tmp/cin
	# `&` first, then the child opens the fifo (a function call with
	# `<` would open it in this shell and block without a writer).
	"$IP" netns exec c busybox nc "$VIP" 7 < /tmp/cin > /tmp/cout &
	PIDS="$PIDS $!"
	exec 3>/tmp/cin
	for _ in 1 2 3 4 5; do
		echo_line 3 || return 1
	done
	wait_for 10 sh -c "$IP netns exec d2 $IPVSADM -Lnc | grep -q 'ESTABLISHED.*:7 \|:7 .*ESTABLISHED'" ||
		return 1
	t0=$(now_ms)
	ip -n br link set pd1 down
	deadline=$((t0 + 20000))
	until has_vip d2; do
		[ "$(now_ms)" -lt "$deadline" ] || return 1
	done
	t_vip=$(( $(now_ms) - t0 ))
	until http_ok; do
		[ "$(now_ms)" -lt "$deadline" ] || return 1
	done
	t_http=$(( $(now_ms) - t0 ))
	echo_line 10 || return 1
	t_echo=$(( $(now_ms) - t0 ))
	echo "$t_vip $t_http $t_echo"
}

median() {
	tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 }
	    END { if (NR == 0) print "-"; else print v[int((NR + 1) / 2)] }'
}

results=/tmp/bench-results
: > "$results"
for setting in "2 1" "3 0.1"; do
	set -- $setting
	for daemon in lvsd keepalived; do
		r=0
		while [ "$r" -lt "$ROUNDS" ]; do
			r=$((r + 1))
			: > /tmp/d1.log
			: > /tmp/d2.log
			# Not $(round): the daemons it starts would hold the
			# pipe open, and its PIDS would be lost in a subshell.
			if round "$daemon" "$1" "$2" > /tmp/round.out; then
				out=$(tail -n 1 /tmp/round.out)
				line="BENCH daemon=$daemon version=$1 advert_int=$2 round=$r $(echo "$out" | awk '{ printf "vip=%s http=%s echo=%s", $1, $2, $3 }')"
			else
				line="BENCH daemon=$daemon version=$1 advert_int=$2 round=$r failed"
				log "round failed; logs:"
				cat /tmp/d1.log /tmp/d2.log
			fi
			echo "$line"
			echo "$line" >> "$results"
			teardown
		done
	done
done

echo "== failover medians (ms from the link cut), $ROUNDS rounds each"
printf '%-11s %-7s %-10s %6s %6s %6s\n' daemon version advert_int vip http echo
for setting in "2 1" "3 0.1"; do
	set -- $setting
	for daemon in lvsd keepalived; do
		sel=$(grep "daemon=$daemon version=$1 advert_int=$2 " "$results")
		vip=$(echo "$sel" | sed -n 's/.* vip=\([0-9]*\).*/\1/p' | median)
		http=$(echo "$sel" | sed -n 's/.* http=\([0-9]*\).*/\1/p' | median)
		ech=$(echo "$sel" | sed -n 's/.* echo=\([0-9]*\).*/\1/p' | median)
		printf '%-11s %-7s %-10s %6s %6s %6s\n' "$daemon" "$1" "$2" \
			"$vip" "$http" "$ech"
	done
done
grep -q failed "$results" && fail "some rounds failed"
true
