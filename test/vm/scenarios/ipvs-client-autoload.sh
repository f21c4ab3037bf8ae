# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# ipvs-client-autoload: booted with run-vm.sh -N (no module loaded), the
# client's open (resolving the generic-netlink family "IPVS") makes the
# kernel load ip_vs, and a scheduler module loads when a service names it.
# $1 is the ipvs-client-check program.
CHECK=${1:?usage: ipvs-client-autoload.sh PATH-OF-ipvs-client-check}
[ -x "$CHECK" ] || fail "$CHECK is not in the VM (run-vm.sh -x)"
[ ! -e /proc/net/ip_vs ] || fail "ip_vs is loaded already (not run with -N?)"
ns=ipvsal$$
ip netns add "$ns"
ip -n "$ns" link set lo up
ip netns exec "$ns" "$CHECK" errnos >/tmp/check.out 2>&1 || {
	cat /tmp/check.out
	fail "ipvs-client-check errnos failed"
}
tail -n 1 /tmp/check.out
[ -e /proc/net/ip_vs ] || fail "ip_vs not loaded by the client"
assert_match '^ip_vs_wlc ' "$(cat /proc/modules)" "scheduler module loaded"
ip netns del "$ns"
log "ipvs-client-autoload: ip_vs and ip_vs_wlc loaded on demand"
