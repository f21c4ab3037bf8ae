#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# IPVS programming speed and memory, lvsd against keepalived and against
# the kernel's own limit, in one VM run (issue 5; results go to
# doc/benchmarks.md).  Usage, from anywhere:
#   bench/ipvs-scale.sh BUILDDIR [VS RS]     (default 1000 x 10)
# BUILDDIR holds src/lvsd and bench/ipvs-push (make -C BUILDDIR).  The VM
# half is bench/ipvs-scale-vm.sh; env ROUNDS (default 3) is how many times
# each contender runs in the one boot, interleaved; KA_LIMIT (default
# 90 s) and LIMIT (default 60 s) bound the waits for keepalived and for
# lvsd/the kernel.  Prints a markdown table (medians, min-max, and the
# ratios lvsd/keepalived and lvsd/kernel) and BENCH-RESULT lines.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: ipvs-scale.sh BUILDDIR [VS RS]}" && pwd)
shift
for f in "$build/src/lvsd" "$build/bench/ipvs-push" "$build/bench/ipvs-until"; do
	[ -x "$f" ] || { echo "ipvs-scale: $f not built" >&2; exit 2; }
done
rounds=${ROUNDS:-3}
exec sh "$top/test/vm/run-vm.sh" -t $((100 + rounds * 200)) \
    -e "ROUNDS=$rounds" -e "LIMIT=${LIMIT:-60}" \
    -e "KA_LIMIT=${KA_LIMIT:-90}" \
    -b "$build/src/lvsd" -x "$build/bench/ipvs-push:/usr/local/bin/ipvs-push" \
    -x "$build/bench/ipvs-until:/usr/local/bin/ipvs-until" \
    "$top/bench/ipvs-scale-vm.sh" /usr/local/bin/ipvs-push "$@"
