#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run-scenario.sh NAME [ARGS...]: boot the VM with the built lvsd and run
# scenarios/NAME.sh (the wrappers NAME.test call this).  The binary is
# found as in smoke.test.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${LVSD_BIN:-${LVSD:-}}
if [ -z "$bin" ]; then
	top=${abs_top_builddir:-${top_builddir:-}}
	for c in ${top:+$top/src/lvsd} ./src/lvsd "$here/../../src/lvsd"; do
		if [ -x "$c" ]; then
			bin=$c
			break
		fi
	done
fi
if [ -z "$bin" ]; then
	echo "run-scenario.sh: no built src/lvsd found; set LVSD_BIN" >&2
	exit 99
fi
exec sh "$here/run-vm.sh" -b "$bin" "$@"
