# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# Harness self-test: a guest that dies without printing the result marker
# (here: an immediate reboot, which qemu -no-reboot turns into an exit)
# must make run-vm.sh report a hard error (99).

echo b >/proc/sysrq-trigger
sleep 30
