#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Checker CPU and memory, lvsd against keepalived, in the test VM (whose
# kernel has IPVS, which keepalived's checker needs): N real servers with
# TCP_CHECK at delay_loop 1 against a non-forking acceptor in a namespace.
# Both daemons run in the same VM boot, one after the other, then lvsd
# again with TCP_CHECK half_open (global_defs tcp_check_half_open).
#
# Usage: bench/checkers-bench.sh BUILD/src/lvsd [SECONDS] [N...]
#   (defaults: 60 s, 2000 and 10000 real servers)
# Prints one BENCH line per daemon and size, then the ratios
# keepalived / lvsd (above 1: lvsd uses less).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
lvsd=$1
secs=${2:-60}
shift $(($# > 1 ? 2 : 1))
sizes=${*:-2000 10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -static -o "$work/acceptor" "$here/checkers/acceptor.c"
out=$work/out
for n in $sizes; do
	"$here/../test/vm/run-vm.sh" -b "$lvsd" -f "$work/acceptor" \
		-x /usr/sbin/nft -m nf_tables \
		-t $((3 * (secs + 15) + 300)) \
		"$here/checkers/bench-checkers.sh" "$n" "$secs" | tee -a "$out"
done
for mode in lvsd lvsd-halfopen; do
echo
echo "$mode against keepalived:"
echo
echo "| real servers | lvsd CPU | checks/s | keepalived CPU | checks/s | CPU ratio | CPU per check ratio | lvsd RSS | keepalived RSS | RSS ratio | false DOWNs lvsd / keepalived |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for n in $sizes; do
	grep -a "BENCH $mode $n " "$out" | tail -1 > "$work/l" || true
	grep -a "BENCH keepalived $n " "$out" | tail -1 > "$work/k" || true
	awk -v n="$n" -v secs="$secs" '
	function field(line, key,   i, a, kv) {
		split(line, a, " ")
		for (i in a) { split(a[i], kv, "="); if (kv[1] == key) return kv[2] }
		return ""
	}
	FILENAME ~ /\/l$/ { lc = field($0, "cpu_s"); lr = field($0, "rss_kb"); ln = field($0, "checks"); ld = field($0, "downs") }
	FILENAME ~ /\/k$/ { kc = field($0, "cpu_s"); kr = field($0, "rss_kb"); kn = field($0, "checks"); kd = field($0, "downs") }
	END {
		if (lc == "" || kc == "") { print "| " n " | (no result) |"; exit }
		printf "| %d | %.1f s (%.1f %%) | %d | %.1f s (%.1f %%) | %d | %.2f | %.2f | %.1f MB | %.1f MB | %.2f | %s / %s |\n",
		    n, lc, 100 * lc / secs, ln / secs, kc, 100 * kc / secs,
		    kn / secs, (lc > 0 ? kc / lc : 0),
		    (lc > 0 && kn > 0 ? (kc / kn) / (lc / ln) : 0),
		    lr / 1024, kr / 1024, (lr > 0 ? kr / lr : 0),
		    (ld == "" ? "?" : ld), (kd == "" ? "?" : kd)
	}' "$work/l" "$work/k"
done
done
