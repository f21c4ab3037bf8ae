#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the config-parser and frame-reader fuzzers with clang in its own build tree and run it
# for a bounded time, the parser on a seed corpus of the project's configs.
# Usage: test/fuzz/run-fuzz.sh [SECONDS]   (default 60)
set -eu
secs=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${LVSD_FUZZ_BUILD:-$top/_build/fuzz}
mkdir -p "$build/corpus"
cd "$build"
if [ ! -f Makefile ]; then
	# The library needs coverage instrumentation too, or the fuzzer is blind.
	"$top/configure" -q CC=clang --enable-fuzzers --sysconfdir=/etc \
	    CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined"
fi
make -s test/fuzz/fuzz_config test/fuzz/fuzz_frame test/fuzz/fuzz_ipvs_decode test/fuzz/fuzz_vrrp \
	test/fuzz/fuzz_track test/fuzz/fuzz_http test/fuzz/fuzz_dns test/fuzz/fuzz_ctl_json \
	test/fuzz/fuzz_tcp_syn
mkdir -p corpus-frame corpus-ipvs corpus-vrrp corpus-http corpus-dns
# IPVS seeds: each real kernel reply of the fixtures, as bytes.
n=0
for f in "$top"/test/unit/fixtures/ipvs-*.hex; do
	while read -r _tag hex; do
		n=$((n + 1))
		perl -e 'print pack("H*", $ARGV[0])' "$hex" \
		    >"corpus-ipvs/kernel-$n"
	done <"$f"
done
# HTTP responses: a few real shapes to start from.
printf '\001HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello' \
	> corpus-http/length
printf '\003HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n' \
	> corpus-http/chunked
printf '\007HTTP/1.0 503 Busy\r\n\r\nclose-delimited' > corpus-http/close
# Seeds: every config the project ships, so mutations start from real syntax.
for f in "$top"/etc/*.conf "$top"/test/vm/scenarios/*.conf \
    "$top"/test/compat/verdicts/*.conf "$top"/test/fuzz/seeds/*; do
	[ -f "$f" ] && cp "$f" "corpus/$(basename "$f")"
done
# Half of the time for the config language, an eighth each for frames,
# IPVS replies, HTTP responses and DNS replies.
./test/fuzz/fuzz_config -max_total_time=$((secs / 2)) -max_len=8192 \
	-timeout=10 -print_final_stats=1 corpus
./test/fuzz/fuzz_frame -max_total_time=$((secs / 8 + 1)) \
	-max_len=300000 -timeout=10 -print_final_stats=1 corpus-frame
./test/fuzz/fuzz_ipvs_decode -max_total_time=$((secs / 8 + 1)) \
	-max_len=4096 -timeout=10 -print_final_stats=1 corpus-ipvs
./test/fuzz/fuzz_http -max_total_time=$((secs / 8 + 1)) \
	-max_len=4096 -timeout=10 -print_final_stats=1 corpus-http
./test/fuzz/fuzz_dns -max_total_time=$((secs / 8 + 1)) \
	-max_len=600 -timeout=10 -print_final_stats=1 corpus-dns
# VRRP advertisements: a short bounded run on top (the decoder is small).
./test/fuzz/fuzz_vrrp -max_total_time=$((secs / 6 + 1)) -max_len=4200 \
	-timeout=10 -print_final_stats=1 corpus-vrrp
# Script command lines and track file contents: short, the code is small.
mkdir -p corpus-track
./test/fuzz/fuzz_track -max_total_time=$((secs / 12 + 1)) -max_len=1024 \
	-timeout=10 -print_final_stats=1 corpus-track
# lvsctl's JSON consumers (metrics page, text views): short, seeded with a
# real status document.
mkdir -p corpus-ctl
cp "$top/test/fuzz/seeds/status.json" corpus-ctl/
./test/fuzz/fuzz_ctl_json -max_total_time=$((secs / 12 + 1)) -max_len=4096 \
	-timeout=10 -print_final_stats=1 corpus-ctl
# Half-open TCP_CHECK answers (raw socket reads): short, the decoder is small.
mkdir -p corpus-tcp-syn
printf '\000\000\000\001\105\000\000\050\000\000\000\000\100\006\000\000\300\000\002\013\300\000\002\001\000\120\234\100\000\000\000\021\000\000\000\002\120\022\000\000\000\000\000\000' \
	> corpus-tcp-syn/synack
./test/fuzz/fuzz_tcp_syn -max_total_time=$((secs / 12 + 1)) -max_len=256 \
	-timeout=10 -print_final_stats=1 corpus-tcp-syn
