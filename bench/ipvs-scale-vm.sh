# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# ipvs-scale-vm: the VM half of bench/ipvs-scale.sh (issue 5's benchmark).
# $1: the ipvs-push tool; $2, $3: virtual services and real servers each
# (default 1000 x 10). Each contender gets a network namespace of its own
# and the same keepalived-syntax configuration with no checkers:
#   program  start until every destination is in the kernel
#   reload   SIGHUP with every weight changed, until the kernel shows them
#   RSS      all of the daemon's processes, after the reload
# The kernel's limit is ipvs-push (lib/ipvs codec, batched raw netlink)
# pushing the same objects; "lib/ipvs" is ipvs-push client, the same
# requests through lib/ipvs's client (what lvsd's reconciler uses). The kernel table is polled through
# /proc/net/ip_vs (ipvsadm -Ln of 10,000 dests costs ~1.4 s under TCG).
# A contender that does not get there within its limit (env KA_LIMIT for
# keepalived, default 90 s; LIMIT for lvsd and the kernel, default 60 s)
# is reported as a timeout, and then its reload is not measured.

PUSH=${1:?usage: ipvs-scale-vm.sh PATH-OF-ipvs-push [VS RS]}
VS=${2:-1000}
RS=${3:-10}
LIMIT=${LIMIT:-60}
KA_LIMIT=${KA_LIMIT:-90}
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

# dests_at_least NS MINWEIGHT: destinations in NS with weight >= MINWEIGHT
dests_at_least() {
	# shellcheck disable=SC2016 # awk's own $1 and $4
	"$IP" netns exec "$1" awk -v m="$2" \
	    '$1 == "->" && $4 >= m { n++ } END { print n + 0 }' /proc/net/ip_vs
}

# until_all NS MINWEIGHT START_MS: milliseconds from START_MS until all
# WANT dests have weight >= MINWEIGHT, or "timeout" after LIMIT seconds.
until_all() {
	while :; do
		_n=$(dests_at_least "$1" "$2")
		_t=$(($(now_ms) - $3))
		if [ "$_n" -ge "$WANT" ]; then
			echo "$_t"
			return 0
		fi
		if [ "$_t" -gt $((LIMIT * 1000)) ]; then
			echo "timeout"
			log "  ... $_n of $WANT after ${LIMIT}s" >&2
			return 0
		fi
		sleep 0.1
	done
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
	"$IP" netns exec "$_ns" "$@" &
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
	stop_pid "$_pid" 60
	"$IP" netns del "$_ns"
}

log "ipvs-scale: $VS services x $RS real servers = $WANT destinations"
lvsd_limit=$LIMIT
LIMIT=$KA_LIMIT
daemon keepalived bka$$ "$KEEPALIVED" -n -l -C -f "$CONF" \
    -p /run/bench-ka.pid -c /run/bench-ka-check.pid
KA_PROG=$R_PROG KA_RELOAD=$R_RELOAD KA_RSS=$R_RSS
LIMIT=$lvsd_limit
daemon lvsd blv$$ "$LVSD" -n -l -f "$CONF" -p /run/bench-lvsd.pid
LV_PROG=$R_PROG LV_RELOAD=$R_RELOAD LV_RSS=$R_RSS

# push NS [client]: ipvs-push's add then weights; sets P_PROG, P_RELOAD.
push() {
	"$IP" netns add "$1"
	"$IP" -n "$1" link set lo up
	_t0=$(now_ms)
	"$IP" netns exec "$1" "$PUSH" ${2:+"$2"} add "$VS" "$RS"
	P_PROG=$(until_all "$1" 1 "$_t0")
	[ -z "${2:-}" ] || "$IP" netns exec "$1" "$PUSH" client dump
	_t0=$(now_ms)
	"$IP" netns exec "$1" "$PUSH" ${2:+"$2"} weights "$VS" "$RS" 11
	P_RELOAD=$(until_all "$1" 11 "$_t0")
	"$IP" netns del "$1"
}
push bkr$$
K_PROG=$P_PROG K_RELOAD=$P_RELOAD
# lib/ipvs's client alone, as lvsd's reconciler drives it (a floor for lvsd)
push bkc$$ client
C_PROG=$P_PROG C_RELOAD=$P_RELOAD

# ratio A B: A / B to two decimals, n/a unless both are numbers
ratio() {
	case "$1$2" in
	*[!0-9]*|'') echo n/a ;;
	*) awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b ? a / b : 0 }' ;;
	esac
}
# secs MS: "1.23 s", or the word as is
secs() {
	case "$1" in
	*[!0-9]*|'') echo "$1" ;;
	*) awk -v a="$1" 'BEGIN { printf "%.2f s", a / 1000 }' ;;
	esac
}
mib() {
	awk -v a="$1" 'BEGIN { printf "%.1f MiB", a / 1024 }'
}

echo "BENCH ipvs-scale: $VS x $RS, kernel $(uname -r), limits ${KA_LIMIT}s (keepalived) ${LIMIT}s"
F='%-24s %11s %11s %11s %11s %16s %12s\n'
# shellcheck disable=SC2059 # the format is ours
printf "$F" "" keepalived lvsd kernel lib/ipvs lvsd/keepalived lvsd/kernel
# shellcheck disable=SC2059
printf "$F" "program $WANT dests" "$(secs "$KA_PROG")" "$(secs "$LV_PROG")" \
    "$(secs "$K_PROG")" "$(secs "$C_PROG")" \
    "$(ratio "$LV_PROG" "$KA_PROG")" "$(ratio "$LV_PROG" "$K_PROG")"
# shellcheck disable=SC2059
printf "$F" "reload (every weight)" "$(secs "$KA_RELOAD")" \
    "$(secs "$LV_RELOAD")" "$(secs "$K_RELOAD")" "$(secs "$C_RELOAD")" \
    "$(ratio "$LV_RELOAD" "$KA_RELOAD")" "$(ratio "$LV_RELOAD" "$K_RELOAD")"
# shellcheck disable=SC2059
printf "$F" "RSS, all processes" "$(mib "$KA_RSS")" "$(mib "$LV_RSS")" - - \
    "$(ratio "$LV_RSS" "$KA_RSS")" -
echo "(kernel: ipvs-push, codec + batched raw netlink; lib/ipvs: the same"
echo " requests through lib/ipvs's client, what lvsd's reconciler uses)"
echo "BENCH-RESULT program_ms keepalived=$KA_PROG lvsd=$LV_PROG kernel=$K_PROG client=$C_PROG"
echo "BENCH-RESULT reload_ms keepalived=$KA_RELOAD lvsd=$LV_RELOAD kernel=$K_RELOAD client=$C_RELOAD"
echo "BENCH-RESULT rss_kib keepalived=$KA_RSS lvsd=$LV_RSS"
