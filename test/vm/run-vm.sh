#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run-vm.sh: run one scenario inside a qemu VM booting Debian's cloud
# kernel (the host kernel has no IPVS and cannot load modules). Streams the
# guest console to stdout and exits with the scenario's exit status.
#
# Usage: run-vm.sh [options] SCENARIO [ARGS...]
#   SCENARIO       a path, or a name in test/vm/scenarios (smoke, smoke.sh)
#   ARGS           positional arguments of the scenario in the guest
#   -b LVSD_BIN    lvsd binary (default: env LVSD_BIN; none: no lvsd in VM)
#   -x SRC[:DST]   extra host binary or library, at DST in the guest
#                  (default: the same path; give one for a build tree
#                  under /tmp, which the guest hides) (repeatable)
#   -f SRC[:DST]   extra file, default DST /data/BASENAME (repeatable)
#   -m MODULE      extra kernel module (repeatable)
#   -e VAR=VALUE   environment variable for the scenario (repeatable)
#   -t SECONDS     hard timeout (default: env LVSD_VM_TIMEOUT or 120)
#   -N             do not load the modules at boot (scenario modprobes)
#   -k             keep the work folder (initramfs, console.log)
#
# Exit: the scenario's status; 99 on a harness error or no result marker
# (hang, crash, timeout); 77 when the VM cannot run here (not root, no
# qemu, no kernel package), or 99 for that too when LVSD_NO_SKIP=1.

set -eu

here=$(cd "$(dirname "$0")" && pwd)

say() { printf 'run-vm: %s\n' "$*" >&2; }
hard() { say "$*"; exit 99; }
# skip_or_fail MSG: missing prerequisite; CI sets LVSD_NO_SKIP=1 so that
# nothing passes by silently skipping.
skip_or_fail() {
	if [ "${LVSD_NO_SKIP:-0}" = 1 ]; then
		say "$* (LVSD_NO_SKIP=1: hard error)"
		exit 99
	fi
	say "SKIP: $*"
	exit 77
}
usage() {
	sed -n 's/^# \{0,1\}//; /^Usage:/,/^$/p' "$0" >&2
	exit 99
}

# secs_since T0: seconds elapsed since T0 (from date +%s.%N).
secs_since() {
	awk -v t0="$1" -v t1="$(date +%s.%N)" 'BEGIN { printf "%.1f", t1 - t0 }'
}

# sh_quote STRING: STRING as one single-quoted shell word.
sh_quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

timeout_s=${LVSD_VM_TIMEOUT:-120}
lvsd_bin=${LVSD_BIN:-}
keep=${LVSD_VM_KEEP:-0}
boot_load=1
mk_args=
env_lines=
while getopts b:x:f:m:e:t:Nkh opt; do
	case $opt in
	b) lvsd_bin=$OPTARG ;;
	x) mk_args="$mk_args -x $OPTARG" ;;
	f) mk_args="$mk_args -f $OPTARG" ;;
	m) mk_args="$mk_args -m $OPTARG" ;;
	e)
		case $OPTARG in
		[A-Za-z_]*=*) ;;
		*) hard "-e wants VAR=VALUE, got '$OPTARG'" ;;
		esac
		env_lines="${env_lines}export ${OPTARG%%=*}=$(sh_quote "${OPTARG#*=}")
"
		;;
	t) timeout_s=$OPTARG ;;
	N) boot_load=0 ;;
	k) keep=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
scenario=$1
shift
case $scenario in
*/*) ;;
*.sh) scenario=$here/scenarios/$scenario ;;
*) scenario=$here/scenarios/$scenario.sh ;;
esac
[ -f "$scenario" ] || hard "no scenario $scenario"
case $timeout_s in
'' | *[!0-9]* | 0) hard "timeout must be whole seconds > 0, got '$timeout_s'" ;;
esac
if [ -n "$lvsd_bin" ] && [ ! -x "$lvsd_bin" ]; then
	hard "lvsd binary $lvsd_bin is missing (build it first)"
fi

# Prerequisites: their absence is a skip (or, under LVSD_NO_SKIP, an error).
[ "$(id -u)" = 0 ] || skip_or_fail "needs root"
qemu=$(command -v qemu-system-x86_64 || true)
[ -n "$qemu" ] || skip_or_fail "qemu-system-x86_64 not found (Debian package qemu-system-x86)"
for t in busybox:busybox-static cpio:cpio modprobe:kmod depmod:kmod \
	ipvsadm:ipvsadm keepalived:keepalived timeout:coreutils flock:util-linux; do
	command -v "${t%%:*}" >/dev/null 2>&1 ||
		skip_or_fail "${t%%:*} not found (Debian package ${t#*:})"
done
[ -x /usr/sbin/ip ] || skip_or_fail "/usr/sbin/ip not found (Debian package iproute2)"

krc=0
kroot=$(sh "$here/vm-kernel.sh") || krc=$?
if [ "$krc" = 2 ]; then
	skip_or_fail "cannot fetch the VM kernel (see vm-kernel messages above)"
elif [ "$krc" != 0 ]; then
	hard "vm-kernel.sh failed ($krc)"
fi
vmlinuz=
for f in "$kroot"/boot/vmlinuz-*; do
	[ -f "$f" ] && vmlinuz=$f
done
[ -n "$vmlinuz" ] || hard "no vmlinuz in $kroot"

work=$(mktemp -d "${TMPDIR:-/tmp}/lvsd-vm.XXXXXX")
# shellcheck disable=SC2317 # called from traps
cleanup() {
	# Interrupted: stop qemu (timeout passes the signal on) before leaving.
	if [ -s "$work/timeout.pid" ] && [ ! -e "$work/qemu.rc" ]; then
		kill -TERM "$(cat "$work/timeout.pid")" 2>/dev/null || true
	fi
	if [ "$keep" = 1 ]; then
		say "kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# The guest watchdog fires first so a hang still shows a process list.
guest_timeout=$((timeout_s - 15))
[ "$guest_timeout" -ge $((timeout_s / 2)) ] || guest_timeout=$((timeout_s / 2))
{
	echo "LVSD_VM_SCENARIO=$(sh_quote "$(basename "$scenario")")"
	echo "LVSD_VM_GUEST_TIMEOUT=$guest_timeout"
	echo "LVSD_VM_BOOT_LOAD=$boot_load"
	printf 'set --'
	for a in "$@"; do
		printf ' %s' "$(sh_quote "$a")"
	done
	echo
	printf '%s' "$env_lines"
} >"$work/run.conf"

t0=$(date +%s.%N)
# shellcheck disable=SC2086 # mk_args is a list of options, split on purpose
sh "$here/mkinitramfs.sh" -k "$kroot" -o "$work/initrd.gz" -s "$scenario" \
	${lvsd_bin:+-b "$lvsd_bin"} -f "$work/run.conf:/etc/lvsd-vm/run.conf" \
	$mk_args || hard "building the initramfs failed"
say "initramfs $(du -k "$work/initrd.gz" | cut -f1) KiB in $(secs_since "$t0") s; booting $(basename "$vmlinuz") (timeout ${timeout_s}s)"
t1=$(date +%s.%N)

# stdin from /dev/null: qemu must not grab a terminal (or CI's no-stdin).
# -nic none: all networks live inside the guest, and no iPXE banner.
# sed -u strips the serial port's CRs and the firmware's terminal escapes
# without buffering the stream. Both run in the background so that a
# signal to this script is handled at once (a trap waits for a foreground
# pipeline) and can stop qemu by pid.
{
	qrc=0
	timeout -k 5 "$timeout_s" "$qemu" -accel tcg -m "${LVSD_VM_MEM:-1024}" \
		-smp "${LVSD_VM_SMP:-1}" -nographic -no-reboot -nic none \
		-kernel "$vmlinuz" -initrd "$work/initrd.gz" \
		-append "console=ttyS0 quiet panic=-1" </dev/null 2>&1 &
	echo "$!" >"$work/timeout.pid"
	wait "$!" || qrc=$?
	echo "$qrc" 2>/dev/null >"$work/qemu.rc" || true
} | sed -u 's/\r$//; s/\x1bc//g; s/\x1b\[[0-9;?]*[A-Za-z]//g' | tee "$work/console.log" &
wait "$!" || true
elapsed=$(secs_since "$t1")

qrc=$(cat "$work/qemu.rc" 2>/dev/null || echo '?')
result=$(sed -n 's/.*LVSD-VM-RESULT: \([0-9][0-9]*\)$/\1/p' "$work/console.log" | tail -n 1)
if [ -z "$result" ]; then
	[ "$qrc" = 124 ] && say "qemu killed after the ${timeout_s}s timeout"
	hard "no result marker from the guest (qemu exit $qrc, ${elapsed}s)"
fi
say "scenario $(basename "$scenario") exited $result (VM ran ${elapsed}s)"
if [ "$result" = 77 ] && [ "${LVSD_NO_SKIP:-0}" = 1 ]; then
	hard "the scenario skipped itself and LVSD_NO_SKIP=1"
fi
[ "$result" -le 255 ] || hard "bad result $result"
exit "$result"
