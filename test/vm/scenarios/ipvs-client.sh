# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# ipvs-client: lib/ipvs's client against the real kernel. $1 is the
# ipvs-client-check program (copied in with run-vm.sh -x). Each part runs
# in a namespace of its own:
#   - the example table of every kind of service and dest, programmed with
#     add + edit (+ add/delete of extras) by the client, dumped back by it,
#     and compared (ipvsadm -Sn) with ipvs-client.rules applied by ipvsadm
#     in a reference namespace; the timeouts it set; then every dest and
#     service deleted again by the client;
#   - the kernel's exact errnos, also matched within one batch;
#   - sync daemons (master + backup, EEXIST, ESRCH);
#   - 1000 requests in one sendmsg, all acknowledged;
#   - ACKs lost to a receive-buffer overrun: reported as ENOBUFS, the
#     client goes on with a fresh socket.

CHECK=${1:?usage: ipvs-client.sh PATH-OF-ipvs-client-check}
[ -x "$CHECK" ] || fail "$CHECK is not in the VM (run-vm.sh -x)"
ns=ipvsc$$
ref=ipvsr$$

# run_check NS MODE...: the check program in NS; its output on the console.
run_check() {
	_ns=$1
	shift
	if ! ip netns exec "$_ns" "$CHECK" "$@" >/tmp/check.out 2>&1; then
		cat /tmp/check.out
		fail "ipvs-client-check $* failed"
	fi
	cat /tmp/check.out
	grep -q ': 0 failure(s)$' /tmp/check.out || fail "no summary from $*"
}

ip netns add "$ns"
ip netns add "$ref"
# Real servers must be unicast, which needs the namespaces' routing tables.
ip -n "$ns" link set lo up
ip -n "$ref" link set lo up
run_check "$ns" program
ip netns exec "$ref" "$IPVSADM" -R <"$SCENARIO_DIR/ipvs-client.rules"
got=$(ip netns exec "$ns" "$IPVSADM" -Sn | sort)
want=$(ip netns exec "$ref" "$IPVSADM" -Sn | sort)
log "ipvsadm -Sn of the table the client programmed:"
printf '%s\n' "$got"
assert_eq 30 "$(printf '%s\n' "$want" | grep -c .)" "reference rules"
assert_eq "$want" "$got" "client table vs ipvsadm table"
assert_match 'tcp 900.*tcpfin 120.*udp 300|900 +120 +300' \
    "$(ip netns exec "$ns" "$IPVSADM" -L --timeout)" "timeouts"
run_check "$ns" delete
assert_eq "" "$(ip netns exec "$ns" "$IPVSADM" -Sn)" "table after delete"
ip netns del "$ns"
ip netns del "$ref"
log "program: same table as ipvsadm"

ip netns add "$ns"
ip -n "$ns" link set lo up
run_check "$ns" errnos
ip netns del "$ns"

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add sync0 type dummy
ip -n "$ns" addr add 10.9.0.1/24 dev sync0
ip -n "$ns" link set sync0 up
run_check "$ns" daemon sync0
ip netns del "$ns"

ip netns add "$ns"
ip -n "$ns" link set lo up
run_check "$ns" pipeline 1000
ip netns del "$ns"

ip netns add "$ns"
ip -n "$ns" link set lo up
run_check "$ns" overrun
ip netns del "$ns"
log "ipvs-client: all parts passed"
