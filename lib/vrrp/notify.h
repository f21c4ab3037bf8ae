/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a VRRP state change tells the outside world, keepalived's way:
 *
 * - notify_master / notify_backup / notify_fault / notify_stop run as
 *   configured (no extra arguments);
 * - `notify` runs with four more: INSTANCE|GROUP, the name, the state and
 *   the priority (0 for a group);
 * - notify_fifo / vrrp_notify_fifo get one line per change:
 *   `INSTANCE "VI_1" MASTER 100` (GROUP "name" ... 0 for a group).
 *
 * The specific script runs before the generic one, both in the instance's
 * (or group's) script queue, so they run in the order of the changes.
 */
#ifndef LVSD_VRRP_NOTIFY_H
#define LVSD_VRRP_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cfg_notify;

/* The state-specific script for `state` (IPC_VRRP_*), or NULL. */
const char *vrrp_notify_script(const struct cfg_notify *n, uint32_t state);

/* The generic script's extra arguments; prio_buf holds the number. */
struct vrrp_notify_args {
	const char *argv[4];
	char prio_buf[4];
};
void vrrp_notify_args(struct vrrp_notify_args *a, bool group,
    const char *name, uint32_t state, unsigned prio);

/* The FIFO line, newline included; returns its length (truncated to fit
 * `len`, like snprintf). */
size_t vrrp_notify_fifo_line(char *buf, size_t len, bool group,
    const char *name, uint32_t state, unsigned prio);

#endif
