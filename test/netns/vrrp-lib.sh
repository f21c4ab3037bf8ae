# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the VRRP namespace tests; sourced by each vrrp-*.test after
# lib.sh (whose skip/fail/wait_for/alive they use).
#
# Topology: a bridge namespace with br0, and namespaces d1, d2 (directors)
# and c (a client), each with eth0 on the bridge:
#   d1 192.0.2.1/24 2001:db8::1/64, d2 .2 / ::2, c .9 / ::9
# Every process a test starts is recorded and killed by pid at exit.

pfx=""
declare -A pid_of=()
cap_pid=""

vrrp_cleanup() {
	[ -n "$cap_pid" ] && kill "$cap_pid" 2>/dev/null
	kill_recorded_and_show_logs br d1 d2 c
}

# vrrp_setup: the namespaces, the bridge, addresses; IPv6 DAD off so the
# link-local addresses are usable at once.
vrrp_setup() {
	local n i=0
	[ "$(id -u)" = 0 ] || skip "needs root"
	command -v ip >/dev/null || skip "needs ip from iproute2"
	[ -x "$LVSD" ] || fail "$LVSD is not executable"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lvsd-vrrp.XXXXXX")
	trap vrrp_cleanup EXIT
	pfx="lvsd-$$-$(basename "$0" .test)"
	ip netns add "$pfx-br" || skip "cannot create a network namespace"
	ip -n "$pfx-br" link add br0 type bridge || skip "no bridge support"
	ip -n "$pfx-br" link set br0 up
	for n in d1 d2 c; do
		ip netns add "$pfx-$n"
		ip -n "$pfx-$n" link set lo up
		ip netns exec "$pfx-$n" sysctl -qw \
			net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.all.accept_dad=0
		ip -n "$pfx-br" link add "p$n" type veth peer name eth0 \
			netns "$pfx-$n"
		ip -n "$pfx-br" link set "p$n" master br0 up
		ip -n "$pfx-$n" link set eth0 up
	done
	ip -n "$pfx-d1" addr add 192.0.2.1/24 dev eth0
	ip -n "$pfx-d1" addr add 2001:db8::1/64 dev eth0 nodad
	ip -n "$pfx-d2" addr add 192.0.2.2/24 dev eth0
	ip -n "$pfx-d2" addr add 2001:db8::2/64 dev eth0 nodad
	ip -n "$pfx-c" addr add 192.0.2.9/24 dev eth0
	ip -n "$pfx-c" addr add 2001:db8::9/64 dev eth0 nodad
	# wait for the link-local addresses (VRRPv3 over IPv6 sends from them)
	for n in d1 d2 c; do
		wait_for 5000 "link-local address in $n" eval \
			"ip -n $pfx-$n -6 addr show dev eth0 scope link | grep -q fe80"
	done
}

in_ns() {
	local n=$1
	shift
	ip netns exec "$pfx-$n" "$@"
}

mac_of() {
	in_ns "$1" cat /sys/class/net/eth0/address
}

# start_lvsd_in NAME CONF [ARGS...]
start_lvsd_in() {
	local n=$1 conf=$2
	shift 2
	# `ip netns exec` execs lvsd, so $! is lvsd's own pid (no function
	# or subshell in between).
	ip netns exec "$pfx-$n" "$LVSD" -n -l -D -f "$conf" \
		-p "$tmp/$n.pid" -S "$tmp/$n.sock" "$@" 2>>"$tmp/$n.log" &
	pid_of[$n]=$!
	wait_for 5000 "startup of lvsd in $n" \
		grep -q "parent info: startup complete" "$tmp/$n.log"
}

# start_keepalived_in NAME CONF: VRRP only, foreground, own pid files.
start_keepalived_in() {
	local n=$1 conf=$2
	command -v keepalived >/dev/null || skip "needs keepalived"
	ip netns exec "$pfx-$n" keepalived -n -l -D -P -f "$conf" \
		-p "$tmp/$n.pid" -r "$tmp/$n.vrrp.pid" -c "$tmp/$n.check.pid" \
		>>"$tmp/$n.log" 2>&1 &
	pid_of[$n]=$!
}

# stop_in NAME: SIGTERM and a bounded wait for the exit.
stop_in() {
	local n=$1 p=${pid_of[$1]}
	kill -TERM "$p" 2>/dev/null || true
	wait_for 8000 "exit of $n" eval "! alive $p"
	wait "$p" 2>/dev/null || true
	pid_of[$n]=""
}

# has_vip NAME ADDR: ADDR is on NAME's eth0.
has_vip() {
	ip -n "$pfx-$1" addr show dev eth0 | grep -q " $2/"
}

no_vip() {
	! has_vip "$@"
}

# master_is NAME OTHER ADDR: the VIP is on NAME and not on OTHER.
master_is() {
	has_vip "$1" "$3" && ! has_vip "$2" "$3"
}

# link_down NAME / link_up NAME: cut NAME off the bridge and back.
link_down() {
	ip -n "$pfx-br" link set "p$1" down
}

link_up() {
	ip -n "$pfx-br" link set "p$1" up
}

# capture_start FILE [NAME]: tcpdump on the eth0 of NAME (default: the
# client) for VRRP, ARP and ICMPv6.
capture_start() {
	command -v tcpdump >/dev/null || skip "needs tcpdump"
	: > "$tmp/tcpdump.log"
	ip netns exec "$pfx-${2:-c}" tcpdump -i eth0 -n -U --immediate-mode -s 0 -w "$1" \
		'proto 112 or ip6 proto 112 or arp or icmp6' \
		>>"$tmp/tcpdump.log" 2>&1 &
	cap_pid=$!
	wait_for 5000 "tcpdump to listen" \
		grep -q "listening on" "$tmp/tcpdump.log"
}

# capture_seen FILE: the capture holds at least one packet (past the
# 24-byte pcap header): it is running, not just started.
capture_seen() {
	[ "$(stat -c %s "$1" 2>/dev/null || echo 0)" -gt 24 ]
}

capture_stop() {
	sleep 0.3
	kill "$cap_pid"
	wait "$cap_pid" 2>/dev/null || true
	cap_pid=""
}

# vrrp_packets FILE: one line per VRRP packet (vrrp-pcap.py).
vrrp_packets() {
	python3 "$abs_top_srcdir/test/netns/vrrp-pcap.py" "$1"
}

# neigh_mac NAME ADDR: the MAC NAME's neighbour table has for ADDR.
neigh_mac() {
	ip -n "$pfx-$1" neigh show dev eth0 to "$2" |
		sed -n 's/.* lladdr \([0-9a-f:]*\).*/\1/p'
}

neigh_is() {
	[ "$(neigh_mac "$1" "$2")" = "$3" ]
}

# state_logged NAME INSTANCE STATE: lvsd logged the transition to STATE.
state_logged() {
	grep -q "vrrp info: $2: [A-Z]* -> $3" "$tmp/$1.log"
}

count_logged() {
	grep -c "vrrp info: $2: [A-Z]* -> $3" "$tmp/$1.log" || true
}

# touch NAME ADDR: make NAME resolve ADDR (a TCP connect to a closed port:
# the RST proves the owner answered; no ping needed).
touch_addr() {
	local a=$2
	case $a in *:*) a="[$a]" ;; esac
	in_ns "$1" timeout 3 bash -c "exec 3<>/dev/tcp/${2}/9" 2>/dev/null
	[ -n "$(neigh_mac "$1" "$2")" ]
}
