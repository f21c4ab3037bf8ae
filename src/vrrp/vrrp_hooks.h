/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where the tracking, notify and sync-group layer plugs into the vrrp
 * engine.  The engine runs the protocol; this layer decides priorities and
 * faults and reacts to state changes:
 *
 *  - vrrp_hook_add() registers callbacks: an instance appeared (started or
 *    reloaded with changes) or is about to go away, every state change
 *    (after the engine's own log line and parent event), and every link
 *    change seen on rtnetlink (the engine already puts an instance whose
 *    own interface is down in FAULT, unless dont_track_primary);
 *  - vrrp_inst_set_priority() applies tracking weights (the owner's 255
 *    never changes; others stay within 1..254);
 *  - vrrp_inst_set_fault() forces FAULT (a master sends priority 0 and
 *    releases its addresses) or leaves it, with a reason for the log.
 *    Faults are counted per source name, so several trackers can hold one.
 */
#ifndef LVSD_VRRP_HOOKS_H
#define LVSD_VRRP_HOOKS_H

#include <stdbool.h>
#include <stdint.h>

#include "config/config.h"
#include "vrrp/fsm.h"

struct vrrp_ctx;
struct vrrp_inst;

struct vrrp_hooks {
	void *arg;
	void (*instance_added)(void *arg, struct vrrp_inst *vi);
	void (*instance_removed)(void *arg, struct vrrp_inst *vi);
	void (*state_changed)(void *arg, struct vrrp_inst *vi,
	    enum vrrp_state from, enum vrrp_state to, const char *reason);
	/* Any interface's link went up (UP and RUNNING) or down. */
	void (*link_changed)(void *arg, const char *ifname, int ifindex,
	    bool up);
	/* A held sync group member became ready to be master, or not any
	 * more (vrrp_inst_set_sync_hold). */
	void (*want_master)(void *arg, struct vrrp_inst *vi, bool wants);
};

#define VRRP_MAX_HOOKS 4

/* Register right after the context is made (vrrp_engine.c ctx_of(), as
 * syncd.c does), so instance_added sees every instance.  The context is
 * the engine's role_ctx.  instance_removed comes after the instance's last
 * state_changed (to INIT on a stop or removal). */

/* Returns false when the hook table is full. */
bool vrrp_hook_add(struct vrrp_ctx *ctx, const struct vrrp_hooks *hooks);

struct vrrp_inst *vrrp_inst_find(struct vrrp_ctx *ctx, const char *name);
/* Iterate: first, then next until NULL. */
struct vrrp_inst *vrrp_inst_first(struct vrrp_ctx *ctx);
struct vrrp_inst *vrrp_inst_next(struct vrrp_inst *vi);

const struct cfg_vrrp_instance *vrrp_inst_cfg(const struct vrrp_inst *vi);
enum vrrp_state vrrp_inst_state(const struct vrrp_inst *vi);
uint8_t vrrp_inst_priority(const struct vrrp_inst *vi);

void vrrp_inst_set_priority(struct vrrp_inst *vi, uint8_t priority);
/* `source` names the tracker ("track_interface eth1"); one fault per
 * source is held until that source clears it. */
void vrrp_inst_set_fault(struct vrrp_inst *vi, const char *source,
    bool fault);

/* vrrp_sync_group: move a BACKUP member to MASTER, or a MASTER member to
 * BACKUP (sending priority 0), because another member did; anything else
 * is ignored. */
void vrrp_inst_sync_goto(struct vrrp_inst *vi, enum vrrp_state to);
/* A sync group member does not become master alone: when its timer runs
 * out it reports want_master and waits for vrrp_inst_sync_goto(MASTER). */
void vrrp_inst_set_sync_hold(struct vrrp_inst *vi, bool hold);
bool vrrp_inst_wants_master(const struct vrrp_inst *vi);
/* Does the instance hold a fault from a source other than `except`? */
bool vrrp_inst_has_fault_besides(const struct vrrp_inst *vi,
    const char *except);

#endif
