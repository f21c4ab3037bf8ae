# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# dr-pair-lib.sh: the director pair topology that test/vm/scenarios/
# vrrp-sync.sh and bench/vrrp-failover-vm.sh share; in the guest at
# /usr/lib/lvsd-vm/dr-pair-lib.sh (sourced after guest-lib.sh).
#
# One bridge (namespace br) joins two directors d1 (10.0.0.1) and d2
# (10.0.0.2), two DR real servers r1 (10.0.0.11) and r2 (10.0.0.12) and a
# client c (10.0.0.9), each on its eth0.  VIP is the service address.

VIP=${VIP:-10.0.0.100}

dr_pair_netns() {
	for n in br d1 d2 r1 r2 c; do
		ip netns add "$n"
		ip -n "$n" link set lo up
	done
	ip -n br link add br0 type bridge
	ip -n br link set br0 up
	for n in d1 d2 r1 r2 c; do
		ip -n br link add "p$n" type veth peer name eth0 netns "$n"
		ip -n br link set "p$n" master br0 up
		ip -n "$n" link set eth0 up
	done
	ip -n d1 addr add 10.0.0.1/24 dev eth0
	ip -n d2 addr add 10.0.0.2/24 dev eth0
	ip -n r1 addr add 10.0.0.11/24 dev eth0
	ip -n r2 addr add 10.0.0.12/24 dev eth0
	ip -n c addr add 10.0.0.9/24 dev eth0
}

# dr_real_server_prepare NS: the VIP on lo, no ARP for it on eth0 (DR),
# and a web root /tmp/www-NS whose index.html names NS.  The caller starts
# the servers (it keeps their pids its own way).
dr_real_server_prepare() {
	ip -n "$1" addr add "$VIP/32" dev lo
	in_ns "$1" sysctl -q -w net.ipv4.conf.all.arp_ignore=1 \
		net.ipv4.conf.all.arp_announce=2 \
		net.ipv4.conf.eth0.arp_ignore=1 net.ipv4.conf.eth0.arp_announce=2
	mkdir -p "/tmp/www-$1"
	echo "hello from $1" > "/tmp/www-$1/index.html"
}

# dr_pair_conf PRIO [VRRP_VERSION [ADVERT_INT]]: a director's
# keepalived-syntax file on stdout.  VRRP with lvs_sync_daemon tied to the
# instance, and two DR services the daemon programs itself: VIP:80 with an
# HTTP_GET check and VIP:7 (an echo server) with a TCP_CHECK.
dr_pair_conf() {
	cat <<EOF2
global_defs {
	vrrp_version ${2:-2}
	lvs_sync_daemon eth0 VI_1
}
vrrp_instance VI_1 {
	interface eth0
	virtual_router_id 51
	priority $1
	advert_int ${3:-1}
	virtual_ipaddress {
		$VIP/24
	}
}
EOF2
	dr_pair_vs 80 1 'HTTP_GET {
			url {
				path /index.html
				status_code 200
			}
			connect_timeout 1
			retry 0
		}'
	dr_pair_vs 7 2 'TCP_CHECK {
			connect_timeout 1
		}'
}

# dr_pair_vs PORT DELAY_LOOP CHECK_BLOCK: VIP:PORT over r1 and r2.
dr_pair_vs() {
	echo "virtual_server $VIP $1 {"
	printf '\tdelay_loop %s\n\tlb_algo rr\n\tlb_kind DR\n\tprotocol TCP\n' "$2"
	for rs in 10.0.0.11 10.0.0.12; do
		printf '\treal_server %s %s {\n\t\tweight 1\n\t\t%s\n\t}\n' \
			"$rs" "$1" "$3"
	done
	echo "}"
}
