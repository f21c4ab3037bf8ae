# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# Harness self-test: the scenario's exit status must reach the host
# (run-vm.sh exits 3). Also checks the guest-lib basics it relies on.

[ -e /proc/net/ip_vs ] || fail "ip_vs not loaded at boot"
# The trap this harness exists to avoid: a bare "ip" must be iproute2's.
assert_match 'iproute2' "$(ip -V 2>&1)" "ip is not iproute2"
assert_match 'iproute2' "$(/sbin/ip -V 2>&1)" "/sbin/ip is not iproute2"
[ -L /usr/bin/wget ] || fail "busybox applet links missing"
assert_eq "a b" "$1" "first argument"
assert_eq "it's" "$2" "second argument (quoting)"
assert_eq "x y" "${SELFTEST_VAR:-}" "-e variable"
exit 3
