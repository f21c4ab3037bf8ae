#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Install, build, validate the sample configuration and start lvsd in the
# foreground for a few seconds, logging to the console.  Run as root on
# Debian 12:  sh tools/demo.sh   (LVSD_DEMO_SECONDS=0 runs until Ctrl-C)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
sh "$top/tools/deps.sh"
sh "$top/tools/build.sh" "$top/_build/main"
lvsd=$top/_build/main/src/lvsd
conf=$top/etc/lvsd.conf
echo "== lvsd -t -f $conf"
"$lvsd" -t -f "$conf"
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
