# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# ipvs-client-capture: print the kernel's raw IPVS reply bytes (hex, one netlink
# message per line) for the example table (ipvs-client.rules, with
# timeouts) and for two sync daemons, between BEGIN/END markers. Not a
# test: a tool that made test/unit/fixtures/ipvs-*.hex:
#   test/vm/run-vm.sh -m ip_vs_pe_sip -x $PWD/test/vm/ipvs-client-check \
#       -f $SRC/test/vm/scenarios/ipvs-client.rules ipvs-client-capture \
#       $PWD/test/vm/ipvs-client-check
CHECK=${1:?usage: ipvs-client-capture.sh PATH-OF-ipvs-client-check}
ns=ipvscap$$

ip netns add "$ns"
# Real servers must be unicast, which needs the namespace's routing tables.
ip -n "$ns" link set lo up
ip netns exec "$ns" "$IPVSADM" -R </data/ipvs-client.rules
ip netns exec "$ns" "$IPVSADM" --set 900 120 300
echo "BEGIN ipvs-table.hex"
ip netns exec "$ns" "$CHECK" hex
echo "END ipvs-table.hex"
ip netns del "$ns"

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add sync0 type dummy
ip -n "$ns" addr add 10.9.0.1/24 dev sync0
ip -n "$ns" link set sync0 up
ip netns exec "$ns" "$IPVSADM" --start-daemon master --mcast-interface sync0 \
    --syncid 5 --sync-maxlen 1400 --mcast-group 239.1.2.3 \
    --mcast-port 8850 --mcast-ttl 2
ip netns exec "$ns" "$IPVSADM" --start-daemon backup --mcast-interface sync0 \
    --syncid 6 --mcast-group ff02::1:3
echo "BEGIN ipvs-daemons.hex"
ip netns exec "$ns" "$CHECK" hex
echo "END ipvs-daemons.hex"
ip netns del "$ns"
