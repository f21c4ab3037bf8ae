# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# ipvs-scale-vm: the VM half of bench/ipvs-scale.sh (issue 5's benchmark).
# $1: the ipvs-push tool; $2, $3: virtual services and real servers each
# (default 1000 x 10). Every contender runs ROUNDS times (env, default 3)
# in one boot, interleaved (keepalived, lvsd, ipvs-push, lib/ipvs, then
# again), each time in a fresh network namespace and on the same
# keepalived-syntax configuration with no checkers:
#   program  start until every destination is in the kernel
#   reload   SIGHUP with every weight changed, until the kernel shows them
#   RSS      all of the daemon's processes, after the reload
# The kernel's limit is ipvs-push (lib/ipvs codec, batched raw netlink)
# pushing the same objects; "lib/ipvs" is ipvs-push client, the same
# requests through lib/ipvs's client (what lvsd's reconciler uses). The
# kernel table is polled by bench/ipvs-until (a sample of services over
# IPVS generic netlink each 0.1 s, the whole of /proc/net/ip_vs only once
# the sample is complete), started right after the contender is launched,
# the same way for every contender, ipvs-push included. The table prints
# the median of the rounds and their range.
# A contender that does not get there within its limit (env KA_LIMIT for
# keepalived, default 90 s; LIMIT for lvsd and the kernel, default 60 s)
# is reported as a timeout, and then its reload is not measured.

PUSH=${1:?usage: ipvs-scale-vm.sh PATH-OF-ipvs-push [VS RS]}
UNTIL=$(dirname "$PUSH")/ipvs-until
VS=${2:-1000}
RS=${3:-10}
LIMIT=${LIMIT:-60}
KA_LIMIT=${KA_LIMIT:-90}
ROUNDS=${ROUNDS:-3}
WANT=$((VS * RS))
CONF=/run/bench.conf

# gen_conf FIRST_WEIGHT: keepalived syntax, weights FIRST.. per service.
gen_conf() {
	awk -v vs="$VS" -v rs="$RS" -v w="$1" 'BEGIN {
		print "global_defs {\n router_id bench\n}"
		for (v = 0; v < vs; v++) {
			printf "virtual_server 10.%d.%d.1 80 {\n lb_algo wrr\n" \
			    " lb_kind DR\n protocol TCP\n", int(v / 250), v % 250
			for (r = 0; r < rs; r++)
				printf " real_server 172.16.%d.%d 80 {\n" \
				    "  weight %d\n }\n", r % 250, v % 250 + 1, \
				    w + r
			print "}"
		}
	}' >"$CONF"
}

# until_all NS MINWEIGHT START_MS: milliseconds from START_MS until all
# WANT dests in NS have weight >= MINWEIGHT, or "timeout" after LIMIT
# seconds.  ipvs-until polls from inside NS, which it enters itself (see
# its header); a shell loop with awk cost ~0.4 s of the VM's one CPU per
# poll, which slowed down whatever was being timed.
until_all() {
	"$UNTIL" -n "$1" "$WANT" "$2" "$3" "$LIMIT" "$VS"
}

# rss_kb NAME: summed VmRSS of every process called NAME
rss_kb() {
	_sum=0
	for _p in $(pids_of "$1"); do
		_r=$(awk '/^VmRSS:/ { print $2 }' "/proc/$_p/status" 2>/dev/null || true)
		_sum=$((_sum + ${_r:-0}))
	done
	echo "$_sum"
}

# daemon NAME NS CMD...: start, measure program, reload, RSS; stop.
# Sets R_PROG, R_RELOAD (ms or timeout/n/a), R_RSS (KiB).
daemon() {
	_name=$1
	_ns=$2
	shift 2
	gen_conf 1
	"$IP" netns add "$_ns"
	"$IP" -n "$_ns" link set lo up
	_t0=$(now_ms)
	# Logs to a file: the VM's serial console costs ~1 ms a line under
	# TCG, and the daemon that logs more would be timed on the UART.
	"$IP" netns exec "$_ns" "$@" >"/run/bench-$_name.log" 2>&1 &
	_pid=$!
	R_PROG=$(until_all "$_ns" 1 "$_t0")
	log "$_name: program $R_PROG ms"
	R_RELOAD=n/a
	if [ "$R_PROG" != timeout ]; then
		gen_conf 11
		_t0=$(now_ms)
		kill -HUP "$_pid"
		R_RELOAD=$(until_all "$_ns" 11 "$_t0")
		log "$_name: reload $R_RELOAD ms"
	fi
	R_RSS=$(rss_kb "$_name")
	log "$_name: RSS $R_RSS KiB"
	_t0=$(now_ms)
	stop_pid "$_pid" 60
	log "$_name: stopped in $(($(now_ms) - _t0)) ms"
	"$IP" netns del "$_ns"
	log "$_name: $(wc -l <"/run/bench-$_name.log") log lines; the last ones:"
	tail -n 5 "/run/bench-$_name.log"
}

# push NS [client]: ipvs-push's add then weights, timed by ipvs-until
# running alongside as for the daemons; sets P_PROG, P_RELOAD.
push() {
	"$IP" netns add "$1"
	"$IP" -n "$1" link set lo up
	_t0=$(now_ms)
	until_all "$1" 1 "$_t0" >/run/bench-until.out &
	_upid=$!
	"$IP" netns exec "$1" "$PUSH" ${2:+"$2"} add "$VS" "$RS"
	wait "$_upid" || true
	P_PROG=$(cat /run/bench-until.out)
	[ -z "${2:-}" ] || "$IP" netns exec "$1" "$PUSH" client dump
	_t0=$(now_ms)
	until_all "$1" 11 "$_t0" >/run/bench-until.out &
	_upid=$!
	"$IP" netns exec "$1" "$PUSH" ${2:+"$2"} weights "$VS" "$RS" 11
	wait "$_upid" || true
	P_RELOAD=$(cat /run/bench-until.out)
	"$IP" netns del "$1"
}

log "ipvs-scale: $VS services x $RS real servers = $WANT destinations," \
    "$ROUNDS rounds"
lvsd_limit=$LIMIT
# Per contender, one word per round: KA_ keepalived, LV_ lvsd, K_ kernel
# (ipvs-push), C_ lib/ipvs's client (a floor for lvsd).
KA_PROG='' KA_RELOAD='' KA_RSS='' LV_PROG='' LV_RELOAD='' LV_RSS=''
K_PROG='' K_RELOAD='' C_PROG='' C_RELOAD=''
round=1
while [ "$round" -le "$ROUNDS" ]; do
	log "ipvs-scale: round $round of $ROUNDS"
	LIMIT=$KA_LIMIT
	daemon keepalived bka$$r$round "$KEEPALIVED" -n -l -C -f "$CONF" \
	    -p /run/bench-ka.pid -c /run/bench-ka-check.pid
	KA_PROG="$KA_PROG $R_PROG" KA_RELOAD="$KA_RELOAD $R_RELOAD"
	KA_RSS="$KA_RSS $R_RSS"
	LIMIT=$lvsd_limit
	daemon lvsd blv$$r$round "$LVSD" -n -l -f "$CONF" -p /run/bench-lvsd.pid
	LV_PROG="$LV_PROG $R_PROG" LV_RELOAD="$LV_RELOAD $R_RELOAD"
	LV_RSS="$LV_RSS $R_RSS"
	push bkr$$r$round
	log "kernel: program $P_PROG ms, reload $P_RELOAD ms"
	K_PROG="$K_PROG $P_PROG" K_RELOAD="$K_RELOAD $P_RELOAD"
	push bkc$$r$round client
	log "lib/ipvs: program $P_PROG ms, reload $P_RELOAD ms"
	C_PROG="$C_PROG $P_PROG" C_RELOAD="$C_RELOAD $P_RELOAD"
	round=$((round + 1))
done

# cell SCALE UNIT WORDS...: "median (min-max) UNIT" of the numbers among
# WORDS divided by SCALE, plus how many were not numbers (timeouts).
cell() {
	_scale=$1 _unit=$2
	shift 2
	printf '%s\n' "$@" | awk -v s="$_scale" -v u="$_unit" '
	    /^[0-9]+$/ { v[n++] = $1 / s; next } { bad++ }
	    END {
		if (n == 0) { printf "%s", (bad ? "timeout" : "-"); exit }
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		m = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
		printf "%.2f%s", m, u
		if (n > 1)
			printf " (%.2f-%.2f)", v[0], v[n - 1]
		if (bad)
			printf " +%d timeout", bad
	    }'
}
# ratio "A..." "B...": median of A over median of B (two decimals), then
# the range of the per-round ratios A_i / B_i; n/a without numbers.
ratio() {
	echo "$1 | $2" | awk '{
		for (i = 1; i <= NF && $i != "|"; i++) a[na++] = $i
		for (i++; i <= NF; i++) b[nb++] = $i
		for (i = 0; i < na && i < nb; i++)
			if (a[i] ~ /^[0-9]+$/ && b[i] ~ /^[0-9]+$/ && b[i] > 0) {
				r = a[i] / b[i]
				if (!nr || r < lo) lo = r
				if (!nr || r > hi) hi = r
				nr++
				x[nx++] = a[i]; y[ny++] = b[i]
			}
		if (!nr) { printf "n/a"; exit }
		printf "%.2f", med(x, nx) / med(y, ny)
		if (nr > 1) printf " (%.2f-%.2f)", lo, hi
	}
	function med(v, n,   i, j, t) {
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
	}'
}

echo "BENCH ipvs-scale: $VS x $RS, kernel $(uname -r), $ROUNDS rounds," \
    "limits ${KA_LIMIT}s (keepalived) ${LIMIT}s"
echo "Median of the rounds (min-max); ratios: of the medians" \
    "(range of the per-round ratios)."
echo
# row LABEL SCALE UNIT KA LV K C: one table row from the round lists (K
# and C "-" for none); the ratios are lvsd/keepalived and lvsd/kernel.
row() {
	_k=- _c=- _rk=-
	# shellcheck disable=SC2086 # word lists
	[ "$6" = - ] || { _k=$(cell "$2" "$3" $6); _rk=$(ratio "$5" "$6"); }
	# shellcheck disable=SC2086
	[ "$7" = - ] || _c=$(cell "$2" "$3" $7)
	# shellcheck disable=SC2086
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" \
	    "$(cell "$2" "$3" $4)" "$(cell "$2" "$3" $5)" "$_k" "$_c" \
	    "$(ratio "$5" "$4")" "$_rk"
}
echo "| | keepalived | lvsd | kernel (ipvs-push) | lib/ipvs |" \
    "lvsd / keepalived | lvsd / kernel |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
row "program $WANT destinations" 1000 ' s' "$KA_PROG" "$LV_PROG" \
    "$K_PROG" "$C_PROG"
row "reload, every weight changed" 1000 ' s' "$KA_RELOAD" "$LV_RELOAD" \
    "$K_RELOAD" "$C_RELOAD"
row "RSS, all processes" 1024 ' MiB' "$KA_RSS" "$LV_RSS" - -
echo
echo "(kernel: ipvs-push, codec + batched raw netlink; lib/ipvs: the same"
echo " requests through lib/ipvs's client, what lvsd's reconciler uses)"
# csv WORDS...: the words joined by commas
csv() { echo "$*" | tr ' ' ','; }
# shellcheck disable=SC2086
echo "BENCH-RESULT program_ms keepalived=$(csv $KA_PROG)" \
    "lvsd=$(csv $LV_PROG) kernel=$(csv $K_PROG) client=$(csv $C_PROG)"
# shellcheck disable=SC2086
echo "BENCH-RESULT reload_ms keepalived=$(csv $KA_RELOAD)" \
    "lvsd=$(csv $LV_RELOAD) kernel=$(csv $K_RELOAD) client=$(csv $C_RELOAD)"
# shellcheck disable=SC2086
echo "BENCH-RESULT rss_kib keepalived=$(csv $KA_RSS) lvsd=$(csv $LV_RSS)"
