# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# Guest side of bench/checkers-bench.sh (a test/vm scenario): N real
# servers with TCP_CHECK, delay_loop 1, against one non-forking acceptor
# in a namespace that owns all N addresses; lvsd, then keepalived, on the
# same configuration, then lvsd again with `tcp_check_half_open` in its
# global_defs (a SYN per check instead of a connection; keepalived's copy
# is unchanged).  Each daemon runs WARMUP seconds, then the CPU time
# (user + system, all its processes) over SECONDS and the summed RSS at
# the end are printed as:
#   BENCH <daemon> <n> cpu_s=<x> rss_kb=<y> processes=<z> ... checks=<c>
# checks: the checks the real servers answered, counted by their kernel
# (/proc/net/snmp in their namespace): PassiveOpens (a connection made)
# plus AttemptFails (a half-open check: SYN-ACK answered by a reset), the
# same measure for a connect and a half-open check, where a retransmitted
# SYN counts once; syns: the SYNs received (an nft counter), retransmits
# included; downs: real servers the daemon declared failed during the run
# (every one is up, so each is a false verdict).
# Args: N [SECONDS [WARMUP]].

n=${1:-2000}
secs=${2:-60}
warm=${3:-15}
per_vs=20
CONF=/tmp/bench.conf

ip netns add rs
ip link add veth0 type veth peer name veth1
ip link set veth1 netns rs
ip addr add 10.0.0.1/30 dev veth0
ip link set veth0 up
in_ns rs ip link set lo up
in_ns rs ip link set veth1 up
in_ns rs ip addr add 10.0.0.2/30 dev veth1
ip route add 10.1.0.0/16 via 10.0.0.2
in_ns rs ip route add default via 10.0.0.1
# The real servers' addresses, in one ip -batch.
i=0
: > /tmp/addrs
while [ $i -lt "$n" ]; do
	echo "addr add 10.1.$((i / 250)).$((i % 250 + 1))/32 dev lo" >> /tmp/addrs
	i=$((i + 1))
done
in_ns rs ip -batch /tmp/addrs
in_ns rs /data/acceptor 80 &
acceptor=$!
# The SYNs arriving at the real servers, retransmissions included.
in_ns rs nft -f - <<EOF
table inet bench {
	chain in {
		type filter hook input priority 0;
		tcp dport 80 tcp flags & (syn | ack) == syn counter
	}
}
EOF

# The configuration: n / per_vs services of per_vs real servers.
{
	echo "global_defs {"
	echo "	router_id bench"
	echo "}"
	i=0
	while [ $i -lt "$n" ]; do
		if [ $((i % per_vs)) = 0 ]; then
			[ $i = 0 ] || echo "}"
			v=$((i / per_vs))
			echo "virtual_server 192.0.$((v / 250 + 2)).$((v % 250 + 1)) 80 {"
			echo "	delay_loop 1"
			echo "	lb_algo rr"
			echo "	lb_kind NAT"
			echo "	protocol TCP"
		fi
		echo "	real_server 10.1.$((i / 250)).$((i % 250 + 1)) 80 {"
		echo "		weight 1"
		echo "		TCP_CHECK {"
		echo "			connect_timeout 3"
		echo "		}"
		echo "	}"
		i=$((i + 1))
	done
	echo "}"
} > "$CONF"
log "config: $n real servers in $((n / per_vs)) services"

# cpu_ticks PID...: "utime stime" summed over these processes.
cpu_ticks() {
	u=0
	s=0
	for p in "$@"; do
		[ -r "/proc/$p/stat" ] || continue
		# Fields after the ")" of comm: state is 1st, utime 12th.
		# shellcheck disable=SC2046
		set -- $(sed 's/^.*) //' "/proc/$p/stat")
		u=$((u + ${12}))
		s=$((s + ${13}))
	done
	echo "$u $s"
}

# Checks the real servers' kernel answered: connections made plus
# half-open attempts reset by the checker (TCP PassiveOpens + AttemptFails).
checks_in() {
	in_ns rs cat /proc/net/snmp |
		awk '$1 == "Tcp:" && $2 ~ /^[A-Za-z]/ { for (i = 2; i <= NF; i++) col[$i] = i; next }
		     $1 == "Tcp:" { print $col["PassiveOpens"] + $col["AttemptFails"]; exit }'
}

# SYNs the real servers received.
syns_in() {
	in_ns rs nft list table inet bench |
		awk '{ for (i = 1; i < NF; i++) if ($i == "packets") { print $(i + 1); exit } }'
}

rss_kb() {
	r=0
	for p in "$@"; do
		k=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null)
		r=$((r + ${k:-0}))
	done
	echo $r
}

# measure NAME CMD...: run the daemon, report, stop it.
measure() {
	name=$1
	shift
	"$@" > "/tmp/$name.log" 2>&1 &
	dpid=$!
	sleep "$warm"
	pids="$dpid $(cat /proc/[0-9]*/stat 2>/dev/null |
		awk -v p="$dpid" '$4 == p { print $1 }')"
	hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
	# shellcheck disable=SC2086
	t0=$(cpu_ticks $pids)
	o0=$(checks_in)
	y0=$(syns_in)
	sleep "$secs"
	# shellcheck disable=SC2086
	t1=$(cpu_ticks $pids)
	o1=$(checks_in)
	y1=$(syns_in)
	# shellcheck disable=SC2086
	rss=$(rss_kb $pids)
	cpu=$(echo "$t0 $t1" | awk -v hz="$hz" '{ printf "cpu_s=%.2f user_s=%.2f sys_s=%.2f", ($3 + $4 - $1 - $2) / hz, ($3 - $1) / hz, ($4 - $2) / hz }')
	echo "BENCH $name $n $cpu rss_kb=$rss processes=$(echo "$pids" | wc -w) seconds=$secs checks=$((o1 - o0)) syns=$((y1 - y0)) downs=$(grep -c -e ' DOWN (' -e 'Removing service' "/tmp/$name.log" || true)"
	kill -TERM "$dpid"
	wait_exit 20 "$dpid" || kill -9 "$dpid"
	grep -iE "error|fault|warn|ipvs|killing|restarting|not answered|DOWN" "/tmp/$name.log" | tail -n 15 || true
	tail -n 3 "/tmp/$name.log"
	ipvsadm -C
}

measure lvsd "$LVSD" -n -l -C -f "$CONF" -p /run/lvsd.pid
measure keepalived "$KEEPALIVED" -n -l -C -f "$CONF" -p /run/keepalived.pid \
	-c /run/keepalived_checkers.pid
sed 's/^	router_id bench$/&\n	tcp_check_half_open/' "$CONF" > /tmp/bench-halfopen.conf
grep -q tcp_check_half_open /tmp/bench-halfopen.conf
measure lvsd-halfopen "$LVSD" -n -l -C -f /tmp/bench-halfopen.conf -p /run/lvsd.pid
kill "$acceptor"
