# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the tracking, notify and sync group tests; sourced after
# lib.sh (skip, fail, wait_for, alive).
#
# Two directors, namespaces $pfx-d1 and $pfx-d2, joined by veth pairs:
#   eth0: d1 192.0.2.1/24    <-> d2 192.0.2.2/24
#   eth1: d1 198.51.100.1/24 <-> d2 198.51.100.2/24   (track_setup 2)
# Every lvsd a test starts is recorded and killed by pid at exit.

pfx=""
declare -A pid_of=()

track_cleanup() {
	kill_recorded_and_show_logs d1 d2
}

# track_setup [NLINKS]: namespaces d1 and d2 and NLINKS (1 or 2) links.
track_setup() {
	local links=${1:-1} n
	[ "$(id -u)" = 0 ] || skip "needs root"
	command -v ip >/dev/null || skip "needs ip from iproute2"
	[ -x "$LVSD" ] || fail "$LVSD is not executable"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lvsd-track.XXXXXX")
	chmod 755 "$tmp"
	trap track_cleanup EXIT
	pfx="lvsd-$$-$(basename "$0" .test)"
	for n in d1 d2; do
		ip netns add "$pfx-$n" || skip "cannot create a network namespace"
		ip -n "$pfx-$n" link set lo up
	done
	ip -n "$pfx-d1" link add eth0 type veth peer name eth0 \
		netns "$pfx-d2" || skip "cannot create a veth pair"
	ip -n "$pfx-d1" addr add 192.0.2.1/24 dev eth0
	ip -n "$pfx-d2" addr add 192.0.2.2/24 dev eth0
	if [ "$links" -ge 2 ]; then
		ip -n "$pfx-d1" link add eth1 type veth peer name eth1 \
			netns "$pfx-d2"
		ip -n "$pfx-d1" addr add 198.51.100.1/24 dev eth1
		ip -n "$pfx-d2" addr add 198.51.100.2/24 dev eth1
	fi
	for n in d1 d2; do
		ip -n "$pfx-$n" link set eth0 up
		[ "$links" -ge 2 ] && ip -n "$pfx-$n" link set eth1 up
	done
	# The kernel reports carrier a moment after "up": wait for it, so
	# that no test starts with a transient interface FAULT.
	for n in d1 d2; do
		wait_for 5000 "carrier on $n eth0" carrier "$n" eth0
		[ "$links" -lt 2 ] ||
			wait_for 5000 "carrier on $n eth1" carrier "$n" eth1
	done
	return 0
}

# carrier NAME DEV: DEV is up with carrier.
carrier() {
	ip -n "$pfx-$1" link show dev "$2" | grep -q "LOWER_UP"
}

in_ns() {
	local n=$1
	shift
	ip netns exec "$pfx-$n" "$@"
}

# start_lvsd_in NAME CONF [ARGS...]
start_lvsd_in() {
	local n=$1 conf=$2
	shift 2
	# Not through in_ns: `ip netns exec` execs lvsd, so $! is lvsd.
	ip netns exec "$pfx-$n" "$LVSD" -n -l -D -f "$conf" \
		-p "$tmp/$n.pid" "$@" 2>>"$tmp/$n.log" &
	pid_of[$n]=$!
	wait_for 5000 "startup of lvsd in $n" \
		grep -q "parent info: startup complete" "$tmp/$n.log"
	[ "$(cat "$tmp/$n.pid")" = "${pid_of[$n]}" ] ||
		fail "pid file of $n holds $(cat "$tmp/$n.pid")"
}

# stop_in NAME: SIGTERM and a bounded wait for the exit.
stop_in() {
	local n=$1 p=${pid_of[$1]}
	local rc=0
	kill -TERM "$p"
	wait_for 10000 "exit of $n" eval "! alive $p"
	wait "$p" || rc=$?
	pid_of[$n]=""
	[ "$rc" = 0 ] || fail "lvsd in $n exited with status $rc"
}

# has_vip NAME DEV ADDR: ADDR is on NAME's DEV.
has_vip() {
	ip -n "$pfx-$1" addr show dev "$2" | grep -q " $3/"
}

# vip_only_on NAME OTHER DEV ADDR: the address is on NAME and not on
# OTHER (whose DEV must be listed, so the absence can be seen).
vip_only_on() {
	has_vip "$1" "$3" "$4" && ip -n "$pfx-$2" addr show dev "$3" |
		grep -q "inet " && ! has_vip "$2" "$3" "$4"
}

# logged_in NAME REGEX
logged_in() {
	grep -qE -- "$2" "$tmp/$1.log"
}
