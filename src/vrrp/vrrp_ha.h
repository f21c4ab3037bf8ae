/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tracking, notifications and sync groups on top of the vrrp engine,
 * through its hooks (vrrp_hooks.h):
 *
 * - the trackers' values (vrrp_track.h) become each instance's effective
 *   priority and a FAULT source named after the first failed tracker;
 * - every state change runs the instance's notify scripts and writes the
 *   notify FIFOs (vrrp_notify.h), in order, per instance;
 * - members of a vrrp_sync_group move together (lib/vrrp/sync_group.h):
 *   MASTER and BACKUP through vrrp_inst_sync_goto(), FAULT as a fault
 *   source "sync group NAME" on every member; the group's own notify
 *   scripts run when the group's state changes.
 */
#ifndef LVSD_VRRP_HA_H
#define LVSD_VRRP_HA_H

struct vrrp_ctx;
struct vrrp_ha;

/* Registers the hooks; call once the context exists. */
struct vrrp_ha *vrrp_ha_new(struct vrrp_ctx *ctx);
/* After the engine applied a configuration (start-up or reload). */
void vrrp_ha_apply(struct vrrp_ha *ha);
/* Engine stop, before the instances go: notify STOP and give the notify
 * scripts a few seconds to run. */
void vrrp_ha_stop(struct vrrp_ha *ha);
void vrrp_ha_free(struct vrrp_ha *ha);
/* The use_vmac interfaces this engine made (vmac.h). */
struct vrrp_vmacs *vrrp_ha_vmacs(struct vrrp_ha *ha);
/* lvsctl: the instance's tracking result (priority with the weights,
 * fault, the first failed tracker), or NULL without tracking. */
struct vrrp_track_value;
const struct vrrp_track_value *vrrp_ha_tracking(const struct vrrp_ha *ha,
    const char *instance);

/* lvsctl: the running tracking, for vrrp_tracking_report (NULL: none). */
struct vrrp_tracking;
struct vrrp_tracking *vrrp_ha_trackers(const struct vrrp_ha *ha);

#endif
