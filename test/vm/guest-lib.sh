# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh disable=SC2034 # variables are for the scenarios
#
# guest-lib.sh: sourced (under `set -eu`) into every scenario in the test
# VM, before the scenario itself. Busybox ash runs its own applet for a
# bare "ip" even when PATH finds iproute2 first, so every host binary put
# into the VM gets a function of its name here (from /etc/lvsd-vm/bins.sh):
# `ip`, `ipvsadm`, `keepalived`, `lvsd` and any -x extra. Functions are not
# seen by busybox applets that run commands (timeout, xargs, env, setsid,
# nsenter, ...): give those full paths, e.g. `timeout 5 /usr/sbin/ip ...`.

# shellcheck source=/dev/null
. /etc/lvsd-vm/bins.sh

LVSD=/usr/sbin/lvsd
IP=/usr/sbin/ip
IPVSADM=/usr/sbin/ipvsadm
KEEPALIVED=/usr/sbin/keepalived
SCENARIO_DIR=${LVSD_VM_SCENARIO_DIR:-/scenario}

# now_ms: milliseconds since boot (10 ms resolution, from /proc/uptime).
now_ms() {
	_up=$(cut -d' ' -f1 /proc/uptime)
	echo $((${_up%.*} * 1000 + $(echo "${_up#*.}" | sed 's/^0*//;s/^$/0/') * 10))
}

# log MSG...: a line on the console, stamped with the time since boot.
log() {
	printf '[%s] %s\n' "$(cut -d' ' -f1 /proc/uptime)" "$*"
}

# fail MSG...: end the scenario with status 1.
fail() {
	printf 'FAIL: %s\n' "$*" >&2
	exit 1
}

# skip MSG...: end the scenario as skipped (77). With LVSD_NO_SKIP=1 on
# the host, run-vm.sh turns this into a hard error.
skip() {
	printf 'SKIP: %s\n' "$*" >&2
	exit 77
}

# require NAME...: skip unless each command exists in the VM.
require() {
	for _r in "$@"; do
		command -v "$_r" >/dev/null 2>&1 || skip "$_r is not in the VM"
	done
}

# assert_eq EXPECTED ACTUAL [MSG]
assert_eq() {
	[ "$1" = "$2" ] || fail "${3:-values differ}: expected '$1', got '$2'"
}

# assert_ne UNEXPECTED ACTUAL [MSG]
assert_ne() {
	[ "$1" != "$2" ] || fail "${3:-values equal}: did not expect '$1'"
}

# assert_match ERE TEXT [MSG]: TEXT (any line of it) matches ERE.
assert_match() {
	printf '%s\n' "$2" | grep -Eq -- "$1" ||
		fail "${3:-no match}: /$1/ not in:
$2"
}

# assert_no_match ERE TEXT [MSG]
assert_no_match() {
	if printf '%s\n' "$2" | grep -Eq -- "$1"; then
		fail "${3:-unexpected match}: /$1/ in:
$2"
	fi
}

# assert_ok CMD...: CMD exits 0.
assert_ok() {
	_rc=0
	"$@" || _rc=$?
	[ "$_rc" = 0 ] || fail "'$*' exited $_rc, expected 0"
}

# assert_fail CMD...: CMD exits non-zero.
assert_fail() {
	_rc=0
	"$@" || _rc=$?
	[ "$_rc" != 0 ] || fail "'$*' exited 0, expected failure"
}

# assert_status N CMD...: CMD exits exactly N.
assert_status() {
	_want=$1
	shift
	_rc=0
	"$@" || _rc=$?
	[ "$_rc" = "$_want" ] || fail "'$*' exited $_rc, expected $_want"
}

# wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds; return 1
# after SECONDS (whole seconds). Always bounded.
wait_for() {
	_deadline=$(($(now_ms) + $1 * 1000))
	shift
	while ! "$@"; do
		[ "$(now_ms)" -lt "$_deadline" ] || return 1
		sleep 0.1
	done
}

# proc_alive PID: the process exists and is not a zombie (a child that
# exited stays in /proc until its parent waits for it).
proc_alive() {
	[ -r "/proc/$1/stat" ] || return 1
	_state=$(sed 's/.*) \([A-Za-z]\).*/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$_state" ] && [ "$_state" != Z ] && [ "$_state" != X ]
}

# proc_dead PID: the negation, for wait_for.
proc_dead() { ! proc_alive "$1"; }

# wait_exit SECONDS PID: wait until background child PID exits, bounded;
# then reap it and set WAIT_STATUS to its exit status. Returns 1 (leaving
# the process alone) on timeout.
wait_exit() {
	wait_for "$1" proc_dead "$2" || return 1
	WAIT_STATUS=0
	wait "$2" || WAIT_STATUS=$?
}

# stop_pid PID [SECONDS]: SIGTERM, then SIGKILL after SECONDS (default 5).
stop_pid() {
	kill -TERM "$1" 2>/dev/null || return 0
	wait_for "${2:-5}" proc_dead "$1" || kill -KILL "$1" 2>/dev/null || true
}

# pids_of NAME: pids whose command name (comm) is NAME, one per line.
# (Debian's busybox has no pgrep; this reads /proc directly.)
pids_of() {
	for _p in /proc/[0-9]*; do
		[ "$(cat "$_p/comm" 2>/dev/null)" = "$1" ] && echo "${_p#/proc/}"
	done
	return 0
}

# ipvs_rules: the kernel's IPVS table in ipvsadm -Sn form (stable, numeric).
ipvs_rules() { "$IPVSADM" -Sn; }

# in_ns NS CMD...: run CMD in network namespace NS (full paths for tools
# that busybox also has: `ip netns exec` execs through PATH, so "ip" is
# iproute2's there, but busybox applets may still run their own).
in_ns() {
	_ns=$1
	shift
	"$IP" netns exec "$_ns" "$@"
}
