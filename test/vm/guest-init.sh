#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# /init of the test VM (busybox ash as PID 1). Sets up a minimal system,
# loads the kernel modules, runs the scenario with guest-lib.sh sourced,
# prints "LVSD-VM-RESULT: N" and powers off. No `set -e`: whatever fails,
# PID 1 must reach the marker and the poweroff. If /init dies anyway, the
# kernel panics, panic=-1 reboots and qemu -no-reboot exits: no marker,
# which run-vm.sh reports as a hard error.

PATH=/usr/sbin:/usr/bin:/sbin:/bin
HOME=/root
export PATH HOME

# Busybox ash runs applets by re-executing /proc/self/exe: until /proc is
# mounted, and with no applet links yet, call busybox by path.
/usr/bin/busybox mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
# Applet links (the shell runs applets without them, but other programs
# exec by path). Existing files such as iproute2's /usr/sbin/ip are kept.
/usr/bin/busybox --install -s
hostname lvsd-vm
/usr/sbin/ip link set lo up

# Written by run-vm.sh: LVSD_VM_SCENARIO, LVSD_VM_GUEST_TIMEOUT,
# LVSD_VM_BOOT_LOAD, the scenario's positional arguments and -e exports.
LVSD_VM_SCENARIO=
LVSD_VM_GUEST_TIMEOUT=100
LVSD_VM_BOOT_LOAD=1
# shellcheck source=/dev/null
. /etc/lvsd-vm/run.conf

rc=0
if [ "$LVSD_VM_BOOT_LOAD" = 1 ]; then
	while read -r m; do
		modprobe "$m" || { echo "lvsd-vm: modprobe $m failed"; rc=99; }
	done </etc/lvsd-vm/modules
fi

export LVSD_VM_SCENARIO_DIR=/scenario
if [ "$rc" = 0 ]; then
	echo "lvsd-vm: running scenario $LVSD_VM_SCENARIO $*"
	cd /tmp || rc=99
	# The scenario runs under `set -eu` with the library sourced, in a
	# shell of its own so that `exit` in it ends only the scenario.
	/bin/sh -c 'set -eu; . /usr/lib/lvsd-vm/guest-lib.sh; . "$0"' \
		"/scenario/$LVSD_VM_SCENARIO" "$@" &
	spid=$!
	# Guest-side watchdog, before the host's hard timeout, so a hung
	# scenario still leaves a process list and a marker behind.
	(
		sleep "$LVSD_VM_GUEST_TIMEOUT"
		echo "lvsd-vm: scenario timed out after ${LVSD_VM_GUEST_TIMEOUT}s"
		touch /run/lvsd-vm.timedout
		# shellcheck disable=SC2009 # busybox has no pgrep
		ps | grep -v " \["
		kill -KILL "$spid"
	) &
	wpid=$!
	wait "$spid"
	rc=$?
	kill "$wpid" 2>/dev/null
	[ -e /run/lvsd-vm.timedout ] && rc=124
fi

if [ "$rc" != 0 ] && [ "$rc" != 77 ]; then
	echo "lvsd-vm: scenario exited $rc; state of the guest follows"
	/usr/sbin/ipvsadm -Ln 2>&1
	/usr/sbin/ip -br addr 2>&1
	# shellcheck disable=SC2009 # busybox has no pgrep
	ps | grep -v ' \[' # no kernel threads
	dmesg | tail -n 20
fi

# Keep kernel messages from splitting the marker line, then drain the
# serial port (stty waits for the output queue) before powering off.
echo 1 >/proc/sys/kernel/printk
echo "LVSD-VM-RESULT: $rc"
stty -F /dev/console -echo 2>/dev/null
sync
poweroff -f
sleep 10
