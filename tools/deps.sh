#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Install what building and testing lvsd needs on Debian 12 (as root).
#   tools/deps.sh          build dependencies only
#   tools/deps.sh test     plus what the test suite drives: namespaces,
#                          the qemu real-kernel VM, keepalived as a peer, clang,
#                          and what builds, lints and verifies the Debian package
set -eu
build="build-essential autoconf automake pkg-config libnl-3-dev
	libnl-genl-3-dev libnl-route-3-dev libipset-dev libssl-dev libev-dev check
	libsystemd-dev libpcre2-dev libjson-c-dev libmicrohttpd-dev"
test="iproute2 procps psmisc ipvsadm keepalived qemu-system-x86 busybox-static
	cpio kmod clang tcpdump groff-base time python3 nftables iptables ipset
	debhelper lintian systemd man-db
	python3-jsonschema python3-prometheus-client curl"
pkgs=$build
[ "${1:-}" = test ] && pkgs="$build $test"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086 # the lists are meant to split into words
apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
echo "deps: installed $(echo "$pkgs" | wc -w) packages"
