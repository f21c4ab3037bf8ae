# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the health checker tests; sourced after lib.sh and setup().
#
# lvsd runs in $ns (veth0 192.0.2.1/24); the real servers live in their
# own namespace $srv behind veth1 (192.0.2.11, .12, ...).  A server is
# "stopped" by killing it (connection refused) and made to "hang" at the
# network level by a blackhole route for lvsd's address in $srv (SYNs
# get no answer: a timeout).

srv=""
srv_pids=()

check_cleanup() {
	local p
	for p in "${srv_pids[@]}"; do
		kill -9 "$p" 2>/dev/null || true
	done
	cleanup
	if [ -n "$srv" ]; then
		ip netns del "$srv" 2>/dev/null || true
	fi
}

# setup_servers ADDR...: the server namespace with these addresses.
setup_servers() {
	local a
	command -v python3 >/dev/null || skip "needs python3"
	srv="lvsd-srv-$$-$(basename "$0" .test)"
	trap check_cleanup EXIT
	ip netns add "$srv" || skip "cannot create a network namespace"
	ip -n "$ns" link set veth1 netns "$srv"
	ip -n "$srv" link set lo up
	ip -n "$srv" link set veth1 up
	for a in "$@"; do
		ip -n "$srv" addr add "$a/24" dev veth1
	done
	# IPv4 addresses are usable at once (no duplicate address detection).
}

# start_server ADDR PORT STATEFILE [CERT KEY BADCERT BADKEY]; sets $srv_pid.
start_server() {
	local addr=$1 port=$2
	ip netns exec "$srv" python3 "$abs_top_srcdir/test/netns/check-server.py" \
		"$@" >>"$tmp/server.log" 2>&1 &
	srv_pid=$!
	srv_pids+=("$srv_pid")
	wait_for 5000 "server $addr:$port listening" ip netns exec "$srv" \
		sh -c "ss -Hltn 'sport = :$port' | grep -q '$addr:$port'"
}

stop_server() {
	kill -9 "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# Blackhole lvsd's address from the servers: checks time out.
hang_network() {
	ip -n "$srv" route add blackhole 192.0.2.1/32
}

unhang_network() {
	ip -n "$srv" route del blackhole 192.0.2.1/32
}

# count PATTERN: lines of the log matching an extended regex.
count() {
	grep -cE -- "$1" "$log" || true
}

# wait_more MS WHAT PATTERN BEFORE: a new matching line (more than BEFORE).
wait_more() {
	local ms=$1 what=$2 pat=$3 before=$4
	wait_for "$ms" "$what" eval '[ "$(count "$pat")" -gt "$before" ]'
}

# assert_within MS START_MS WHAT: the time since START_MS is at most MS.
assert_within() {
	local ms=$1 start=$2 what=$3 took
	took=$(( $(now_ms) - start ))
	[ "$took" -le "$ms" ] || fail "$what took $took ms, more than $ms"
	echo "ok: $what in $took ms (bound $ms)"
}

# Milliseconds since midnight, from "HH:MM:SS.mmm" (the log's stamps).
hms_ms() {
	local h m sec ms
	IFS=':.' read -r h m sec ms <<<"$1"
	echo $(( ((10#$h * 60 + 10#$m) * 60 + 10#$sec) * 1000 + 10#$ms ))
}

# fault: remember where the log is and the time; call right before
# causing a fault (or its repair), then expect_rs for its effects.
fault() {
	mark_line=0
	[ ! -f "$log" ] || mark_line=$(wc -l < "$log")
	mark_ms=$(hms_ms "$(date +%H:%M:%S.%3N)")
}

# expect_rs VS RS UP|DOWN REASON MAX_MS [MIN_MS]: after the last fault,
# a transition of RS in VS to UP or DOWN is logged with REASON (an
# extended regex) between MIN_MS and MAX_MS later (by the log's time
# stamps), and the parent logs the matching event.  MAX_MS is what the
# configured timing allows; CHECK_SLACK_MS (default 1500) is added for a
# loaded machine (sanitizers, parallel tests).
expect_rs() {
	local vs=$1 rs=$2 dir=$3 reason=$4 max=$5 min=${6:-0}
	local line ev to found took
	max=$((max + ${CHECK_SLACK_MS:-1500}))
	line="virtual server $vs: real server $rs $dir \(.*$reason"
	[ "$dir" = UP ] && to="0 -> 1" || to="1 -> 0"
	ev="EVT_RS_STATE $rs in $vs: $to \(.*$reason"
	wait_for $((max + 3000)) "$rs $dir ($reason)" eval \
		'tail -n +$((mark_line + 1)) "$log" | grep -qE -- "$line"'
	found=$(tail -n +$((mark_line + 1)) "$log" | grep -E -- "$line" |
		head -1)
	took=$(( $(hms_ms "${found%% *}") - mark_ms ))
	[ "$took" -ge 0 ] || took=$((took + 86400000))
	[ "$took" -le "$max" ] || fail "$rs $dir took $took ms, more than $max"
	[ "$took" -ge "$min" ] || fail "$rs $dir after $took ms, sooner than $min"
	wait_for 3000 "event $rs $dir" eval \
		'tail -n +$((mark_line + 1)) "$log" | grep -qE -- "$ev"'
	echo "ok: $rs $dir ($reason) after $took ms (bounds $min..$max)"
}

# logged_since PATTERN: a line after the last fault matches.
logged_since() {
	tail -n +$((mark_line + 1)) "$log" | grep -qE -- "$1"
}
