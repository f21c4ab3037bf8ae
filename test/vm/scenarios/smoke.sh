# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# smoke: the VM has a working IPVS, ipvsadm can program it, and the built
# lvsd checks configurations and starts and stops cleanly in the
# foreground. Sourced by the guest /init under `set -eu` after guest-lib.sh.

CONF=$SCENARIO_DIR/smoke.conf
BAD_CONF=$SCENARIO_DIR/smoke-bad.conf
PIDFILE=/run/lvsd.pid

log "kernel $(uname -r)"
[ -e /proc/net/ip_vs ] || fail "/proc/net/ip_vs missing after modprobe ip_vs"

# ipvsadm against the real kernel table.
ipvsadm -A -t 192.0.2.1:80 -s rr
ipvsadm -a -t 192.0.2.1:80 -r 192.0.2.10:80 -g
rules=$(ipvs_rules)
log "ipvsadm -Sn:"
printf '%s\n' "$rules"
assert_match '^-A -t 192\.0\.2\.1:80 -s rr' "$rules" "virtual service"
assert_match '^-a -t 192\.0\.2\.1:80 -r 192\.0\.2\.10:80 -g -w 1' "$rules" "real server"
ipvsadm -C
assert_eq "" "$(ipvs_rules)" "table after ipvsadm -C"

# Configuration test mode; keepalived accepts and rejects the same files,
# which keeps the fixtures honest.
require lvsd
assert_status 0 keepalived -t -f "$CONF"
assert_fail keepalived -t -f "$BAD_CONF"
assert_status 0 lvsd -t -f "$CONF"
assert_fail lvsd -t -f "$BAD_CONF"
log "config test: good accepted, bad rejected"

# Foreground start and stop by pid. Full path: a function run in the
# background would make $! a subshell's pid, not lvsd's.
"$LVSD" -n -l -f "$CONF" -p "$PIDFILE" &
pid=$!
wait_for 5 test -s "$PIDFILE" || fail "no pid file $PIDFILE after 5 s"
proc_alive "$pid" || fail "lvsd (pid $pid) died after writing its pid file"
assert_eq "$pid" "$(cat "$PIDFILE")" "pid file contents"
log "lvsd running as pid $pid"
kill -TERM "$pid"
wait_exit 10 "$pid" || fail "lvsd (pid $pid) still running 10 s after SIGTERM"
assert_eq 0 "$WAIT_STATUS" "lvsd exit status after SIGTERM"
assert_eq "" "$(pids_of lvsd)" "lvsd processes left"
log "lvsd stopped cleanly"
