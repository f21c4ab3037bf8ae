#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Install, build and run the whole test suite: unit tests, namespace tests
# and real-kernel VM tests, then the same suite's unit and namespace tests
# under ASan/UBSan, a bounded fuzz run of the config parser, distcheck, and
# the Debian package (built, linted, installed, checked and purged).
# Run as root on Debian 12:  sh tools/check.sh
# LVSD_NO_SKIP=1 turns every "skipped" into a failure (CI sets it).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/_build
sh "$top/tools/deps.sh" test

step() { printf '\n==== %s\n' "$*"; }
show_failures() {
	# automake keeps each test's output in a .log file: show the failed ones.
	grep -l -E '^(FAIL|ERROR)' "$1"/test/*/*.trs 2>/dev/null |
	    while read -r trs; do
		echo "---- ${trs%.trs}.log"
		cat "${trs%.trs}.log"
	done
}

step "build"
sh "$top/tools/build.sh" "$out/main"
step "test suite (unit, netns, vm)"
make -C "$out/main" -s check -j2 || { show_failures "$out/main"; exit 1; }

step "unit and netns tests under ASan/UBSan"
sh "$top/tools/build.sh" "$out/asan" --enable-sanitizers
unit_netns=$(make -C "$out/asan" -s print-unit-netns-tests)
make -C "$out/asan" -s check -j2 TESTS="$unit_netns" ||
	{ show_failures "$out/asan"; exit 1; }

step "fuzz the config parser (${LVSD_FUZZ_SECONDS:-60} s)"
LVSD_FUZZ_BUILD=$out/fuzz sh "$top/test/fuzz/run-fuzz.sh" \
	"${LVSD_FUZZ_SECONDS:-60}" 2>&1 | tail -n 4

step "distcheck (unit tests inside the tarball build)"
if ! make -C "$out/main" -s distcheck \
	TESTS="$(make -C "$out/main" -s print-unit-tests)" \
	>"$out/distcheck.log" 2>&1; then
	tail -n 60 "$out/distcheck.log"
	exit 1
fi
grep -A1 'archives ready' "$out/distcheck.log"

step "Debian package: build, lintian, install, check, purge"
sh "$top/test/pkg/deb-install.sh"
echo "check.sh: all steps passed"
# One closing line over both test runs, in the plain form CI reads.
awk '/^# PASS:/ { p += $3 } /^# (FAIL|ERROR|XPASS):/ { f += $3 }
    END { printf "%d passed, %d failed\n", p, f }' \
	"$out/main/test-suite.log" "$out/asan/test-suite.log"
