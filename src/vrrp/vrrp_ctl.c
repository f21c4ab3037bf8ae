// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lvsctl and the vrrp engine: each instance's state as JSON
 * (doc/lvsctl-json.md), and `vrrp release` / `vrrp resume`.
 *
 * A release sends priority 0 when master (the peer takes over at once, as
 * on a stop) and holds the instance in BACKUP with the sync-group hold
 * (vrrp_inst_set_sync_hold): when its master-down timer runs out it waits
 * instead of taking over.  Resume lifts the hold; the instance then
 * becomes master again if the protocol says so.
 */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "ipc/msg.h"
#include "vrrp/packet.h"
#include "vrrp/vrrp.h"
#include "vrrp/vrrp_ha.h"
#include "vrrp/vrrp_track.h"
#include "vrrp/vrrp_ctl.h"
#include "log.h"

static struct json_object *
addr_json(const struct lvsd_addr *a)
{
	char buf[64];

	if (a->af == 0)
		return NULL;
	addr_to_string(a, buf, sizeof(buf));
	return json_object_new_string(buf);
}

static void
add_tracked(struct json_object *arr, const char *kind, const char *name,
    int32_t weight)
{
	struct json_object *t = json_object_new_object();

	json_object_object_add(t, "kind", json_object_new_string(kind));
	json_object_object_add(t, "name", json_object_new_string(name));
	json_object_object_add(t, "weight", json_object_new_int(weight));
	json_object_array_add(arr, t);
}

/* One tracker with its state and what it does to the priority. */
static void
add_tracker_state(void *arg, const struct vrrp_tracker_view *v)
{
	struct json_object *t = json_object_new_object();

	json_object_object_add(t, "kind", json_object_new_string(v->kind));
	json_object_object_add(t, "name", json_object_new_string(v->name));
	json_object_object_add(t, "weight", json_object_new_int(v->weight));
	json_object_object_add(t, "state", json_object_new_string(v->state));
	json_object_object_add(t, "reverse",
	    json_object_new_boolean(v->reverse));
	json_object_object_add(t, "weight_applied",
	    json_object_new_boolean(v->weight_applied));
	json_object_object_add(t, "delta", json_object_new_int64(v->delta));
	json_object_object_add(t, "fault", json_object_new_boolean(v->fault));
	if (strcmp(v->kind, "script") == 0) {
		json_object_object_add(t, "rise",
		    json_object_new_int64(v->rise));
		json_object_object_add(t, "fall",
		    json_object_new_int64(v->fall));
		json_object_object_add(t, "streak",
		    json_object_new_int64(v->streak));
		json_object_object_add(t, "exit_status", v->last_status >= 0 ?
		    json_object_new_int(v->last_status) : NULL);
		json_object_object_add(t, "last_result", v->last_result ?
		    json_object_new_string(v->last_result) : NULL);
	} else if (strcmp(v->kind, "file") == 0)
		json_object_object_add(t, "value",
		    json_object_new_int64(v->value));
	else if (strcmp(v->kind, "process") == 0) {
		json_object_object_add(t, "count",
		    json_object_new_int64(v->count));
		json_object_object_add(t, "quorum",
		    json_object_new_int64(v->quorum));
		json_object_object_add(t, "quorum_max",
		    json_object_new_int64(v->quorum_max));
	}
	json_object_array_add(arg, t);
}

static struct json_object *
tracked_json(const struct vrrp_ctx *ctx, const struct cfg_vrrp_instance *c)
{
	struct json_object *a = json_object_new_array();
	struct vrrp_tracking *t = vrrp_ha_trackers(ctx->ha);
	size_t i;

	if (t != NULL && vrrp_tracking_report(t, false, c->name,
	    add_tracker_state, a))
		return a;
	/* No tracking running: what is configured, without states. */
	for (i = 0; i < c->n_track_interfaces; i++)
		add_tracked(a, "interface", c->track_interfaces[i].ifname,
		    c->track_interfaces[i].weight);
	for (i = 0; i < c->n_track_scripts; i++)
		add_tracked(a, "script", c->track_scripts[i].name,
		    c->track_scripts[i].weight);
	for (i = 0; i < c->n_track_files; i++)
		add_tracked(a, "file", c->track_files[i].name,
		    c->track_files[i].weight);
	for (i = 0; i < c->n_track_processes; i++)
		add_tracked(a, "process", c->track_processes[i].name,
		    c->track_processes[i].weight);
	return a;
}

/* The trackers' verdict: fault, and the first tracker that failed. */
static struct json_object *
tracking_json(const struct vrrp_inst *vi)
{
	const struct vrrp_track_value *v = vrrp_ha_tracking(vi->ctx->ha,
	    vi->name);
	struct json_object *o;

	if (v == NULL || (vi->cfg->n_track_interfaces +
	    vi->cfg->n_track_scripts + vi->cfg->n_track_files +
	    vi->cfg->n_track_processes) == 0)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "fault", json_object_new_boolean(v->fault));
	json_object_object_add(o, "failed", v->fault && v->why[0] != '\0' ?
	    json_object_new_string(v->why) : NULL);
	return o;
}

static struct json_object *
inst_json(const struct vrrp_inst *vi)
{
	const struct cfg_vrrp_instance *c = vi->cfg;
	struct json_object *o = json_object_new_object();
	struct json_object *vips = json_object_new_array();
	struct json_object *faults = json_object_new_array();
	struct json_object *errs = json_object_new_object();
	char buf[80], ap[64];
	size_t i;

	json_object_object_add(o, "name", json_object_new_string(vi->name));
	json_object_object_add(o, "state",
	    json_object_new_string(vrrp_state_name(vi->fsm.state)));
	json_object_object_add(o, "interface",
	    json_object_new_string(c->interface));
	json_object_object_add(o, "vrid", json_object_new_int(c->vrid));
	json_object_object_add(o, "priority",
	    json_object_new_int(c->priority));
	json_object_object_add(o, "effective_priority",
	    json_object_new_int(vi->fsm.priority));
	json_object_object_add(o, "since_ms",
	    json_object_new_int64(vi->state_since_ms));
	json_object_object_add(o, "master", addr_json(&vi->master));
	json_object_object_add(o, "master_is_self", json_object_new_boolean(
	    vi->fsm.state == VRRP_STATE_MASTER));
	for (i = 0; i < c->n_vips; i++) {
		addr_to_string(&c->vips[i].prefix.addr, ap, sizeof(ap));
		snprintf(buf, sizeof(buf), "%s/%u", ap, c->vips[i].prefix.len);
		json_object_array_add(vips, json_object_new_string(buf));
	}
	json_object_object_add(o, "vips", vips);
	json_object_object_add(o, "tracked", tracked_json(vi->ctx, c));
	json_object_object_add(o, "tracking", tracking_json(vi));
	for (i = 0; i < vi->n_faults; i++)
		json_object_array_add(faults,
		    json_object_new_string(vi->faults[i]));
	json_object_object_add(o, "faults", faults);
	json_object_object_add(o, "sync_group", c->sync_group != NULL ?
	    json_object_new_string(c->sync_group->name) : NULL);
	json_object_object_add(o, "released",
	    json_object_new_boolean(vi->ctl_released));
	json_object_object_add(o, "transitions",
	    json_object_new_int64((int64_t)vi->transitions));
	json_object_object_add(o, "adverts_sent",
	    json_object_new_int64((int64_t)vi->tx_adverts));
	json_object_object_add(o, "adverts_received",
	    json_object_new_int64((int64_t)vi->rx_adverts));
	for (i = 1; i < VRRP_RX_RESULT_COUNT; i++)
		if (vi->rx_drops[i] > 0 && i != VRRP_RX_OWN)
			json_object_object_add(errs,
			    vrrp_rx_result_name((enum vrrp_rx_result)i),
			    json_object_new_int64((int64_t)vi->rx_drops[i]));
	json_object_object_add(o, "receive_errors", errs);
	return o;
}

struct json_object *
vrrp_ctl_status(struct engine *e)
{
	struct vrrp_ctx *ctx = e->role_ctx;
	struct json_object *o = json_object_new_object();
	struct json_object *a = json_object_new_array();
	struct json_object *groups = json_object_new_array();
	struct json_object *g, *m;
	const struct cfg_sync_group *sg;
	struct vrrp_inst *vi;
	size_t i, j;

	for (vi = ctx != NULL ? ctx->insts : NULL; vi != NULL; vi = vi->next)
		json_object_array_add(a, inst_json(vi));
	json_object_object_add(o, "instances", a);
	for (i = 0; e->running != NULL && i < e->running->n_sync_groups; i++) {
		sg = &e->running->sync_groups[i];
		g = json_object_new_object();
		m = json_object_new_array();
		json_object_object_add(g, "name",
		    json_object_new_string(sg->name));
		for (j = 0; j < sg->n_members; j++)
			json_object_array_add(m,
			    json_object_new_string(sg->member_names[j]));
		json_object_object_add(g, "members", m);
		m = json_object_new_array();
		if (ctx != NULL && vrrp_ha_trackers(ctx->ha) != NULL)
			vrrp_tracking_report(vrrp_ha_trackers(ctx->ha), true,
			    sg->name, add_tracker_state, m);
		json_object_object_add(g, "tracked", m);
		json_object_array_add(groups, g);
	}
	json_object_object_add(o, "sync_groups", groups);
	return o;
}

int
vrrp_ctl_command(struct engine *e, uint16_t type, const char *arg,
    size_t len, char *err, size_t errlen)
{
	struct vrrp_ctx *ctx = e->role_ctx;
	struct vrrp_inst *vi;
	char name[256];

	snprintf(name, sizeof(name), "%.*s", (int)len, arg);
	vi = ctx != NULL ? vrrp_inst_find(ctx, name) : NULL;
	if (vi == NULL) {
		snprintf(err, errlen, "no running vrrp_instance %s", name);
		return -1;
	}
	if (vi->cfg->sync_group != NULL) {
		snprintf(err, errlen, "%s is in sync group %s: release and "
		    "resume of sync group members are not supported yet", name,
		    vi->cfg->sync_group->name);
		return -1;
	}
	if (type == IPC_CMD_VRRP_RELEASE) {
		vi->ctl_released = true;
		vrrp_inst_set_sync_hold(vi, true);
		if (vi->fsm.state == VRRP_STATE_MASTER)
			vrrp_inst_sync_goto(vi, VRRP_STATE_BACKUP);
		log_info("%s: released by lvsctl (BACKUP until resumed)", name);
		return 0;
	}
	if (type == IPC_CMD_VRRP_RESUME) {
		vi->ctl_released = false;
		vrrp_inst_set_sync_hold(vi, false);
		log_info("%s: resumed by lvsctl", name);
		return 0;
	}
	snprintf(err, errlen, "unknown command");
	return -1;
}
