/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Telling the outside world about VRRP state changes: notify scripts in
 * the instance's (or group's) own script queue, so they run in the order
 * of the changes and never two at once, and one line per change on
 * notify_fifo and vrrp_notify_fifo (lib/vrrp/notify.h has the formats).
 *
 * A FIFO that does not exist is created (and removed at stop); it is
 * opened read-write and non-blocking, so lvsd never waits for a reader and
 * a full FIFO drops a line with a warning rather than stalling VRRP.
 * notify_fifo_script / vrrp_notify_fifo_script run with the FIFO's path
 * as their argument, as keepalived, for as long as the engine runs.
 */
#ifndef LVSD_VRRP_NOTIFY_ENGINE_H
#define LVSD_VRRP_NOTIFY_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "script.h"

struct cfg_global;
struct cfg_notify;

/* A notify script that runs longer is killed, so that the ones queued
 * after it still run. */
#define VRRP_NOTIFY_TIMEOUT 30.0

struct vrrp_fifo {
	char *path;                     /* NULL: not open */
	char *script;
	int fd;
	bool created;
	struct script_queue reader;     /* its *_fifo_script */
};

struct vrrp_notifier {
	struct script_ctx *scripts;
	struct vrrp_fifo fifo[2];       /* notify_fifo, vrrp_notify_fifo */
};

void vrrp_notify_start(struct vrrp_notifier *n, struct script_ctx *scripts,
    const struct cfg_global *g);
void vrrp_notify_stop(struct vrrp_notifier *n);
/* Same FIFOs and scripts in `g` as running now? (a reload keeps them) */
bool vrrp_notify_same(const struct vrrp_notifier *n,
    const struct cfg_global *g);

/*
 * `name` (an instance, or a group when `group`) entered `state` with
 * `prio` (0 for a group): the FIFO line, then the state's script, then
 * the generic `notify` script, queued in `q`.
 */
void vrrp_notify_change(struct vrrp_notifier *n, struct script_queue *q,
    const struct cfg_notify *cn, bool group, const char *name,
    uint32_t state, unsigned prio);

#endif
