#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Configure and build lvsd out of tree:  tools/build.sh BUILDDIR [configure args]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$1
shift
[ -x "$top/configure" ] || (cd "$top" && autoreconf -fi >/dev/null 2>&1)
mkdir -p "$build"
cd "$build"
[ -f Makefile ] || "$top/configure" -q --sysconfdir=/etc --localstatedir=/var \
	--runstatedir=/run "$@"
make -s -j"$(nproc)"
