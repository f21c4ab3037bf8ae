# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the network-namespace tests; sourced by each *.test.
#
# Each test gets its own namespace (with a veth pair, veth0 192.0.2.1/24)
# and temp dir; every wait is a poll loop with a deadline; cleanup kills
# only processes this test started and removes the namespace.

: "${LVSD:?LVSD must name the lvsd binary (make check sets it)}"

tmp=""
ns=""
log=""
lvsd_pid=""

# Skip (77), or fail hard (99) when LVSD_NO_SKIP=1 so CI never skips silently.
skip() {
	if [ "${LVSD_NO_SKIP:-0}" = 1 ]; then
		echo "ERROR: cannot run ($*) and LVSD_NO_SKIP=1" >&2
		exit 99
	fi
	echo "SKIP: $*" >&2
	exit 77
}

# The lvsd log is shown by cleanup, into the test's .log file.
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# wait_for MS WHAT CMD...: poll CMD until it succeeds or MS have passed.
wait_for() {
	local ms=$1 what=$2 deadline
	shift 2
	deadline=$(( $(now_ms) + ms ))
	until "$@"; do
		[ "$(now_ms)" -lt "$deadline" ] ||
			fail "no $what within $ms ms"
		sleep 0.02
	done
}

# alive PID: the process exists and is not a zombie.
alive() {
	local state
	state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	[ "${state#Z}" = "$state" ]
}

# engine_pid ROLE: pid of the running vrrp or check engine of our lvsd.
engine_pid() {
	pgrep -P "$lvsd_pid" -x "lvsd-$1"
}

# new_engine ROLE OLDPID: an engine of ROLE runs, and it is not OLDPID.
new_engine() {
	local p
	p=$(engine_pid "$1") && [ "$p" != "$2" ]
}

logged() {
	grep -qE -- "$1" "$log"
}

# kill_recorded_and_show_logs NS...: the cleanup of tests that record the
# processes they start in the associative array pid_of: kill -9 each (and
# its children), print every $tmp/*.log, delete the namespaces $pfx-NS and
# $tmp.
kill_recorded_and_show_logs() {
	local n p c
	for n in "${!pid_of[@]}"; do
		p=${pid_of[$n]}
		[ -n "$p" ] || continue
		for c in $(pgrep -P "$p" 2>/dev/null); do
			kill -9 "$c" 2>/dev/null || true
		done
		kill -9 "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	if [ -n "$tmp" ]; then
		for n in "$tmp"/*.log; do
			[ -f "$n" ] || continue
			echo "--- $(basename "$n") ---"
			cat "$n"
		done
	fi
	if [ -n "$pfx" ]; then
		for n in "$@"; do
			ip netns del "$pfx-$n" 2>/dev/null || true
		done
	fi
	[ -n "$tmp" ] && rm -rf "$tmp"
}

cleanup() {
	local p
	if [ -n "$lvsd_pid" ]; then
		# Engines first (only ours: children of our parent), then it.
		for p in $(pgrep -P "$lvsd_pid" 2>/dev/null); do
			kill -9 "$p" 2>/dev/null || true
		done
		kill -9 "$lvsd_pid" 2>/dev/null || true
		wait "$lvsd_pid" 2>/dev/null || true
	fi
	if [ -n "$log" ] && [ -f "$log" ]; then
		echo "--- lvsd log ---"
		cat "$log"
	fi
	if [ -n "$ns" ]; then
		ip netns del "$ns" 2>/dev/null || true
	fi
	if [ -n "$tmp" ]; then
		rm -rf "$tmp"
	fi
}

# setup: root check, temp dir, namespace with veth0/veth1 up.
setup() {
	[ "$(id -u)" = 0 ] || skip "needs root"
	command -v ip >/dev/null || skip "needs ip from iproute2"
	command -v pgrep >/dev/null || skip "needs pgrep from procps"
	[ -x "$LVSD" ] || fail "$LVSD is not executable"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lvsd-netns.XXXXXX")
	conf=$tmp/lvsd.conf
	pidfile=$tmp/lvsd.pid
	log=$tmp/lvsd.log
	trap cleanup EXIT
	ns="lvsd-test-$$-$(basename "$0" .test)"
	ip netns add "$ns" || skip "cannot create a network namespace"
	ip -n "$ns" link set lo up
	ip -n "$ns" link add name veth0 type veth peer name veth1 ||
		skip "cannot create a veth pair"
	ip -n "$ns" link set veth0 up
	ip -n "$ns" link set veth1 up
	ip -n "$ns" addr add 192.0.2.1/24 dev veth0
}

# write_config FILE N_VIRTUAL_SERVERS [VRID]: one vrrp_instance on veth0
# and N virtual servers 192.0.2.100:80, .101:80, ...  Replaced atomically,
# as a config generator would.
write_config() {
	local file=$1 n_vs=$2 vrid=${3:-51} i
	{
		cat <<EOF
global_defs {
	router_id lvsd-test
}
vrrp_instance VI_1 {
	state BACKUP
	interface veth0
	virtual_router_id $vrid
	priority 100
	advert_int 1
	virtual_ipaddress {
		192.0.2.100/24
	}
}
EOF
		for (( i = 0; i < n_vs; i++ )); do
			cat <<EOF
virtual_server 192.0.2.$((100 + i)) 80 {
	delay_loop 5
	lb_algo rr
	lb_kind DR
	protocol TCP
	real_server 192.0.2.11 80 {
		weight 1
		TCP_CHECK {
			connect_timeout 3
		}
	}
}
EOF
		done
	} > "$file.new"
	mv "$file.new" "$file"
}

# start_lvsd [ARGS...]: run lvsd in the foreground in the namespace and
# wait until both engines have applied the configuration.
start_lvsd() {
	# `ip netns exec` execs lvsd, so $! is lvsd's own pid.
	# Each test's own control socket (not /run/lvsd/lvsd.sock, which
	# tests running in parallel would share); a later -S wins.
	ip netns exec "$ns" "$LVSD" -n -l -D -f "$conf" -p "$pidfile" \
		-S "$tmp/lvsd.sock" "$@" 2>>"$log" &
	lvsd_pid=$!
	wait_for 5000 "startup" logged "parent info: startup complete"
	[ "$(cat "$pidfile")" = "$lvsd_pid" ] ||
		fail "pid file holds $(cat "$pidfile"), not $lvsd_pid"
}

# stop_lvsd: SIGTERM, and expect a clean exit 0 within a bound.
stop_lvsd() {
	local rc=0
	kill -TERM "$lvsd_pid"
	wait_for 3000 "exit after SIGTERM" eval '! alive "$lvsd_pid"'
	wait "$lvsd_pid" || rc=$?
	[ "$rc" = 0 ] || fail "lvsd exited with status $rc after SIGTERM"
	lvsd_pid=""
}
