# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# ipvs-conformance: lvsd programs every kind of service (NAT/DR/TUN with
# gue and gre, IPv4/IPv6, TCP/UDP/SCTP/fwmark, persistence with
# granularity, thresholds, weight 0, every scheduler and flag, groups with
# ranges, sorry servers, mixed-family TUN) exactly as ipvsadm does from the
# same rules: the `ipvsadm -Sn` (and -Ln --thresholds, --tun-info) of
# lvsd's namespace equals that of a reference namespace loaded with
# ipvs-conformance.rules.  Then SIGTERM removes it all.

CONF=$SCENARIO_DIR/ipvs-conformance.conf
RULES=$SCENARIO_DIR/ipvs-conformance.rules
LV=lv$$
REF=ref$$

ip netns add "$LV"
ip netns add "$REF"
ip -n "$LV" link set lo up
ip -n "$REF" link set lo up
in_ns "$REF" "$IPVSADM" -R < "$RULES"
want=$(in_ns "$REF" "$IPVSADM" -Sn | sort)
assert_eq 64 "$(printf '%s\n' "$want" | wc -l)" "reference table size"

assert_status 0 lvsd -t -f "$CONF"
ip netns exec "$LV" "$LVSD" -n -l -f "$CONF" -p /run/lvsd-$$.pid \
	>/tmp/lvsd.log 2>&1 &
pid=$!
got() { in_ns "$LV" "$IPVSADM" -Sn | sort; }
same() { [ "$(got)" = "$want" ]; }
if ! wait_for 30 same; then
	cat /tmp/lvsd.log
	log "diff (- reference, + lvsd):"
	printf '%s\n' "$want" >/tmp/want
	got >/tmp/got
	diff /tmp/want /tmp/got || true
	fail "lvsd's table differs from ipvsadm's"
fi
log "lvsd's table equals the reference (64 lines)"
# -Sn shows neither thresholds nor tunnel details: compare those too.
for opt in --thresholds --tun-info; do
	r=$(in_ns "$REF" "$IPVSADM" -Ln $opt | sort)
	l=$(in_ns "$LV" "$IPVSADM" -Ln $opt | sort)
	[ "$r" = "$l" ] || { printf '%s\n---\n%s\n' "$r" "$l"; fail "ipvsadm -Ln $opt differs"; }
done
assert_match '10\.0\.0\.2:8080 +100 +10' "$(in_ns "$LV" "$IPVSADM" -Ln --thresholds)" \
	"thresholds"
assert_match 'gue' "$(in_ns "$LV" "$IPVSADM" -Ln --tun-info)" "tunnel info"

# Timeouts from lvs_timeouts.
assert_match 'Timeout \(tcp tcpfin udp\): 1000 40 200' \
	"$(in_ns "$LV" "$IPVSADM" -L --timeout)" "lvs_timeouts"

# Nothing was refused, nothing repaired in a steady state.
sleep 2
assert_no_match 'kernel refused|IPVS repair' "$(cat /tmp/lvsd.log)" "log"
assert_eq "$want" "$(got)" "table after 2 s"

log "ip netns exec pid $pid, lvsd pid $(cat /run/lvsd-$$.pid)"
kill -TERM "$(cat /run/lvsd-$$.pid)"
wait_exit 15 "$pid" || fail "lvsd still running 15 s after SIGTERM"
assert_eq 0 "$WAIT_STATUS" "exit status"
assert_eq "" "$(got)" "table after SIGTERM"
assert_match 'removed 30 services on stop' "$(cat /tmp/lvsd.log)" "stop log"
ip netns del "$LV"
ip netns del "$REF"
log "conformance ok"
# A sanitizer build (configure --enable-sanitizers) reports here.
assert_no_match 'Sanitizer|runtime error' "$(cat /tmp/lvsd.log)" "sanitizer reports"
