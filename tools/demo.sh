#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Install, build, validate the sample configuration, then show a director
# pair for real: a qemu VM (the host kernel has no IPVS) with two lvsd
# directors, two real servers and a client.  Each lvsd programs its IPVS
# table from its virtual_server blocks (DR, health-checked real servers)
# and runs VRRP with conn-sync.  The master's link is cut and the client's
# requests and long-lived connection carry on through the backup, with the
# failover time; then a real server fails its health check and leaves the
# new master's table.  Run as root on Debian 12:
#   sh tools/demo.sh
# LVSD_DEMO_LOCAL=1 instead starts lvsd on the sample configuration in the
# foreground for LVSD_DEMO_SECONDS (10; 0 runs until Ctrl-C).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
sh "$top/tools/deps.sh" test
sh "$top/tools/build.sh" "$top/_build/main"
lvsd=$top/_build/main/src/lvsd
conf=$top/etc/lvsd.conf
echo "== lvsd -t -f $conf"
"$lvsd" -t -f "$conf"
if [ "${LVSD_DEMO_LOCAL:-0}" != 1 ]; then
	echo "== a director pair in a VM: each lvsd programs IPVS (health-checked DR real servers) and runs VRRP with conn-sync; failover, then a failing real server"
	exec sh "$top/test/vm/run-vm.sh" -t 180 -e DEMO=1 -b "$lvsd" vrrp-sync
fi
echo "== lvsd -n -l -D -f $conf (foreground)"
secs=${LVSD_DEMO_SECONDS:-10}
if [ "$secs" = 0 ]; then
	exec "$lvsd" -n -l -D -f "$conf" -p /tmp/lvsd-demo.pid
fi
"$lvsd" -n -l -D -f "$conf" -p /tmp/lvsd-demo.pid &
pid=$!
sleep "$secs"
kill -TERM "$pid"
wait "$pid" && echo "== lvsd stopped cleanly"
