#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Failover time through the backup, lvsd against keepalived, in one VM run
# (issue 7; results go to doc/benchmarks.md).  Usage, from anywhere:
#   bench/vrrp-failover.sh BUILDDIR [ROUNDS]      (default 3)
# The VM half is bench/vrrp-failover-vm.sh: two directors with
# lvs_sync_daemon, two DR real servers and a client holding a connection;
# VRRPv2 advert_int 1 and VRRPv3 advert_int 0.1; medians per setting.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: vrrp-failover.sh BUILDDIR [ROUNDS]}" && pwd)
shift
[ -x "$build/src/lvsd" ] || { echo "vrrp-failover: no $build/src/lvsd" >&2; exit 2; }
exec sh "$top/test/vm/run-vm.sh" -t 590 -b "$build/src/lvsd" \
    "$top/bench/vrrp-failover-vm.sh" "$@"
