// SPDX-License-Identifier: GPL-2.0-or-later
/* Tracking, notify and sync groups wired into the engine (vrrp_ha.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "ipc/event.h"
#include "log.h"
#include "script.h"
#include "util.h"
#include "vrrp/no_accept.h"
#include "vrrp/vmac.h"
#include "vrrp/sync_group.h"
#include "vrrp/vrrp.h"
#include "vrrp/vrrp_ha.h"
#include "vrrp/vrrp_notify.h"
#include "vrrp/vrrp_track.h"

/* How long an engine that stops waits for its notify scripts. */
#define STOP_DRAIN_S 3.0
/* Bound on re-evaluations of one sync group after nested changes. */
#define SYNC_ROUNDS 8

struct ha_inst {
	struct ha_inst *next;
	struct vrrp_inst *vi;           /* NULL once the instance is gone */
	char name[64];
	struct script_queue notify;
	char fault_src[160];            /* the tracking fault held, or "" */
	bool stop_notified;
	struct cfg_notify gone;         /* stop scripts of a removed one */
};

struct ha_group {
	char name[64];
	const struct cfg_sync_group *cfg;
	struct script_queue notify;
	uint32_t state;                 /* as last notified */
	bool tracker_fault;
	char src[96];                   /* "sync group NAME" */
};

struct vrrp_ha {
	struct vrrp_ctx *ctx;
	struct script_ctx scripts;
	struct vrrp_notifier notifier;
	bool notifier_on;
	struct vrrp_tracking *track;    /* NULL: none (rtnetlink failed) */
	const struct lvsd_config *cfg;  /* what track and groups are for */
	struct ha_inst *insts;
	struct ha_group **groups;
	size_t n_groups;
	bool busy, dirty, stopping;
	struct no_accept na;
	struct vrrp_vmacs vmacs;
};

static struct ha_inst *
find_inst(struct vrrp_ha *ha, const char *name)
{
	struct ha_inst *hi;

	for (hi = ha->insts; hi != NULL; hi = hi->next)
		if (strcmp(hi->name, name) == 0)
			return hi;
	return NULL;
}

static struct ha_group *
find_group(struct vrrp_ha *ha, const struct cfg_sync_group *sg)
{
	for (size_t i = 0; i < ha->n_groups; i++)
		if (strcmp(ha->groups[i]->name, sg->name) == 0)
			return ha->groups[i];
	return NULL;
}

static void
forget_gone(struct ha_inst *hi)
{
	free(hi->gone.stop);
	free(hi->gone.any);
	memset(&hi->gone, 0, sizeof(hi->gone));
}

static size_t
cfg_index(const struct lvsd_config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->n_vrrp_instances; i++)
		if (strcmp(cfg->vrrp_instances[i].name, name) == 0)
			return i;
	return SIZE_MAX;
}

/* -- tracking -> instances ----------------------------------------------------------- */

static void
apply_value(struct ha_inst *hi, const struct vrrp_track_value *v)
{
	char src[sizeof(hi->fault_src)];

	vrrp_inst_set_priority(hi->vi, v->priority);
	if (v->fault) {
		snprintf(src, sizeof(src), "%s", v->why);
		if (strcmp(src, hi->fault_src) == 0)
			return;
		/* Take the new source before dropping the old one. */
		vrrp_inst_set_fault(hi->vi, src, true);
		if (hi->fault_src[0] != '\0')
			vrrp_inst_set_fault(hi->vi, hi->fault_src, false);
		memcpy(hi->fault_src, src, sizeof(src));
	} else if (hi->fault_src[0] != '\0') {
		vrrp_inst_set_fault(hi->vi, hi->fault_src, false);
		hi->fault_src[0] = '\0';
	}
}

static void
apply_tracking(struct vrrp_ha *ha, struct ha_inst *hi)
{
	size_t idx;

	if (ha->track == NULL || hi->vi == NULL)
		return;
	idx = cfg_index(ha->track->cfg, hi->name);
	if (idx != SIZE_MAX)
		apply_value(hi, vrrp_tracking_instance(ha->track, idx));
}

static void group_eval(struct vrrp_ha *ha, struct ha_group *g,
    struct vrrp_inst *who, enum vrrp_state from, enum vrrp_state to);

static void
on_track_instance(void *arg, size_t idx, uint8_t priority, bool fault)
{
	struct vrrp_ha *ha = arg;
	struct ha_inst *hi;

	(void)priority;
	(void)fault;
	if (ha->stopping)
		return;
	hi = find_inst(ha, ha->cfg->vrrp_instances[idx].name);
	if (hi != NULL)
		apply_tracking(ha, hi);
}

static void
on_track_group(void *arg, size_t idx, bool fault)
{
	struct vrrp_ha *ha = arg;
	struct ha_group *g;

	if (ha->stopping)
		return;
	g = find_group(ha, &ha->cfg->sync_groups[idx]);
	if (g == NULL)
		return;
	g->tracker_fault = fault;
	group_eval(ha, g, NULL, VRRP_STATE_INIT, VRRP_STATE_INIT);
}

/* -- sync groups -------------------------------------------------------------------- */

static size_t
members(struct vrrp_ha *ha, struct ha_group *g, struct vrrp_inst **vis,
    struct sync_member *m, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < g->cfg->n_members && n < max; i++) {
		struct vrrp_inst *vi = vrrp_inst_find(ha->ctx,
		    g->cfg->member_names[i]);

		if (vi == NULL)
			continue;
		vis[n] = vi;
		m[n].state = (uint32_t)vrrp_inst_state(vi);
		m[n].own_fault = vrrp_inst_has_fault_besides(vi, g->src);
		m[n].wants_master = vrrp_inst_wants_master(vi);
		n++;
	}
	return n;
}

static void
group_notify(struct vrrp_ha *ha, struct ha_group *g, uint32_t state)
{
	if (state == g->state)
		return;
	log_info("sync group %s: %s -> %s", g->name,
	    ipc_vrrp_state_name(g->state), ipc_vrrp_state_name(state));
	g->state = state;
	if (state == IPC_VRRP_INIT)
		return;
	vrrp_notify_change(&ha->notifier, &g->notify, &g->cfg->notify, true,
	    g->name, state, 0);
}

/*
 * A member changed state on its own (`who`, `from`, `to`), or a fault or
 * a member's readiness changed (`who` NULL): move the others, settle the
 * group's faults, take the group to MASTER when every member is ready,
 * and tell about the group's state.  Changes this causes come back here
 * nested and only mark the group for another round.
 */
static void
group_eval(struct vrrp_ha *ha, struct ha_group *g, struct vrrp_inst *who,
    enum vrrp_state from, enum vrrp_state to)
{
	struct vrrp_inst *vis[64];
	struct sync_member m[64];
	uint32_t orders[64];
	size_t n, i, w, round;

	if (ha->busy) {
		ha->dirty = true;
		return;
	}
	ha->busy = true;
	n = members(ha, g, vis, m, NITEMS(m));
	if (who != NULL && (to == VRRP_STATE_MASTER ||
	    to == VRRP_STATE_BACKUP)) {
		for (w = 0; w < n && vis[w] != who; w++)
			;
		if (w < n) {
			/* The member's state before this change. */
			m[w].state = (uint32_t)from;
			sync_group_follow(m, n, w, (uint32_t)to,
			    g->tracker_fault, orders);
			for (i = 0; i < n; i++)
				if (orders[i] == IPC_VRRP_MASTER ||
				    orders[i] == IPC_VRRP_BACKUP)
					vrrp_inst_sync_goto(vis[i],
					    (enum vrrp_state)orders[i]);
		}
	}
	for (round = 0; round < SYNC_ROUNDS; round++) {
		ha->dirty = false;
		n = members(ha, g, vis, m, NITEMS(m));
		sync_group_faults(m, n, g->tracker_fault, orders);
		for (i = 0; i < n; i++)
			if (orders[i] == IPC_VRRP_FAULT)
				vrrp_inst_set_fault(vis[i], g->src, true);
			else if (orders[i] == IPC_VRRP_BACKUP)
				vrrp_inst_set_fault(vis[i], g->src, false);
		n = members(ha, g, vis, m, NITEMS(m));
		if (sync_group_ready(m, n, g->tracker_fault, orders)) {
			for (i = 0; i < n; i++)
				if (orders[i] == IPC_VRRP_MASTER)
					vrrp_inst_sync_goto(vis[i],
					    VRRP_STATE_MASTER);
		}
		if (!ha->dirty)
			break;
	}
	n = members(ha, g, vis, m, NITEMS(m));
	if (n > 0)
		group_notify(ha, g, sync_group_state(m, n));
	ha->busy = false;
}

static void
groups_rebuild(struct vrrp_ha *ha, const struct lvsd_config *cfg)
{
	struct ha_group **old = ha->groups, **groups;
	size_t n_old = ha->n_groups, i, j;

	groups = xcalloc(cfg->n_sync_groups + 1, sizeof(*groups));
	for (i = 0; i < cfg->n_sync_groups; i++) {
		const struct cfg_sync_group *sg = &cfg->sync_groups[i];
		struct ha_group *g = NULL;

		for (j = 0; j < n_old; j++)
			if (old[j] != NULL && strcmp(old[j]->name, sg->name) == 0) {
				g = old[j];
				old[j] = NULL;
				break;
			}
		if (g == NULL) {
			char owner[96];

			g = xcalloc(1, sizeof(*g));
			snprintf(g->name, sizeof(g->name), "%s", sg->name);
			snprintf(g->src, sizeof(g->src), "sync group %s",
			    sg->name);
			snprintf(owner, sizeof(owner), "sync group %s notify",
			    sg->name);
			script_queue_init(&g->notify, &ha->scripts, owner);
			g->state = IPC_VRRP_INIT;
		}
		g->cfg = sg;
		groups[i] = g;
	}
	for (j = 0; j < n_old; j++)
		if (old[j] != NULL) {
			script_queue_clear(&old[j]->notify);
			free(old[j]);
		}
	free(old);
	ha->groups = groups;
	ha->n_groups = cfg->n_sync_groups;
}

/* -- no_accept ---------------------------------------------------------------------- */

static bool
refuses(const struct cfg_vrrp_instance *c)
{
	return !c->accept && c->priority != 255;
}

/* The sets hold the addresses of every no_accept instance that is MASTER
 * now, rebuilt whole: they are a handful of addresses. */
static void
no_accept_resync(struct vrrp_ha *ha)
{
	struct vrrp_inst *vi;
	size_t i;

	if (!ha->na.on)
		return;
	no_accept_flush(&ha->na);
	for (vi = vrrp_inst_first(ha->ctx); vi != NULL;
	    vi = vrrp_inst_next(vi)) {
		const struct cfg_vrrp_instance *c = vrrp_inst_cfg(vi);

		if (!refuses(c) || vrrp_inst_state(vi) != VRRP_STATE_MASTER)
			continue;
		for (i = 0; i < c->n_vips; i++)
			no_accept_set(&ha->na, &c->vips[i].prefix.addr, true);
		for (i = 0; i < c->n_vips_excluded; i++)
			no_accept_set(&ha->na,
			    &c->vips_excluded[i].prefix.addr, true);
	}
}

static void
no_accept_follow_config(struct vrrp_ha *ha, const struct lvsd_config *cfg)
{
	bool needed = false;
	size_t i;

	for (i = 0; i < cfg->n_vrrp_instances; i++)
		needed = needed || refuses(&cfg->vrrp_instances[i]);
	if (needed && !ha->na.on)
		(void)no_accept_enable(&ha->na);
	else if (!needed && ha->na.on)
		no_accept_disable(&ha->na);
}

/* -- configuration ------------------------------------------------------------------ */

/* Make tracking, notify and groups follow the engine's configuration. */
static void
ensure_config(struct vrrp_ha *ha)
{
	const struct lvsd_config *cfg = ha->ctx->cfg;
	const struct cfg_global *g = &cfg->global;
	static const struct vrrp_track_hooks hooks = {
		.instance = on_track_instance, .group = on_track_group,
	};
	struct vrrp_tracking *next;
	struct ha_inst *hi;

	if (cfg == NULL || cfg == ha->cfg)
		return;
	(void)script_ctx_configure(&ha->scripts, g->script_user,
	    g->script_group, g->enable_script_security);
	if (!ha->notifier_on || !vrrp_notify_same(&ha->notifier, g)) {
		if (ha->notifier_on)
			vrrp_notify_stop(&ha->notifier);
		vrrp_notify_start(&ha->notifier, &ha->scripts, g);
		ha->notifier_on = true;
	}
	/* Watchers live inside it: a new one, never a copy. */
	next = xcalloc(1, sizeof(*next));
	if (vrrp_tracking_start(next, ha->ctx->loop, &ha->scripts, cfg,
	    ha->track, &hooks, ha)) {
		if (ha->track != NULL) {
			vrrp_tracking_stop(ha->track);
			free(ha->track);
		}
		ha->track = next;
	} else
		free(next);
	groups_rebuild(ha, cfg);
	no_accept_follow_config(ha, cfg);
	ha->cfg = cfg;
	for (hi = ha->insts; hi != NULL; hi = hi->next)
		apply_tracking(ha, hi);
}

/* -- engine hooks --------------------------------------------------------------------- */

static void
on_instance_added(void *arg, struct vrrp_inst *vi)
{
	struct vrrp_ha *ha = arg;
	struct ha_inst *hi;
	char owner[96];

	ensure_config(ha);
	hi = find_inst(ha, vi->name);
	if (hi == NULL) {
		hi = xcalloc(1, sizeof(*hi));
		snprintf(hi->name, sizeof(hi->name), "%s", vi->name);
		snprintf(owner, sizeof(owner), "%s notify", vi->name);
		script_queue_init(&hi->notify, &ha->scripts, owner);
		hi->next = ha->insts;
		ha->insts = hi;
	}
	/* A replaced instance comes back under its name: no STOP. */
	hi->vi = vi;
	hi->fault_src[0] = '\0';
	hi->stop_notified = false;
	forget_gone(hi);
	vrrp_inst_set_sync_hold(vi, vi->cfg->sync_group != NULL);
	apply_tracking(ha, hi);
}

static void
on_instance_removed(void *arg, struct vrrp_inst *vi)
{
	struct vrrp_ha *ha = arg;
	struct ha_inst *hi = find_inst(ha, vi->name);

	if (hi == NULL || hi->vi != vi)
		return;
	hi->vi = NULL;
	/* Its configuration goes with the old file: keep what STOP runs,
	 * in case a reload removed it for good. */
	forget_gone(hi);
	if (vi->cfg->notify.stop != NULL)
		hi->gone.stop = xstrdup(vi->cfg->notify.stop);
	if (vi->cfg->notify.any != NULL)
		hi->gone.any = xstrdup(vi->cfg->notify.any);
}

static void
on_state_changed(void *arg, struct vrrp_inst *vi, enum vrrp_state from,
    enum vrrp_state to, const char *reason)
{
	struct vrrp_ha *ha = arg;
	struct ha_inst *hi = find_inst(ha, vi->name);
	struct ha_group *g;

	(void)reason;
	if (hi == NULL || hi->vi != vi || ha->stopping ||
	    to == VRRP_STATE_INIT)
		return;
	if (to == VRRP_STATE_MASTER || from == VRRP_STATE_MASTER)
		no_accept_resync(ha);
	vrrp_notify_change(&ha->notifier, &hi->notify, &vi->cfg->notify,
	    false, vi->name, (uint32_t)to, vrrp_inst_priority(vi));
	if (vi->cfg->sync_group != NULL && ha->cfg != NULL) {
		g = find_group(ha, vi->cfg->sync_group);
		if (g != NULL)
			group_eval(ha, g, vi, from, to);
	}
}

static void
on_want_master(void *arg, struct vrrp_inst *vi, bool wants)
{
	struct vrrp_ha *ha = arg;
	struct ha_group *g;

	if (ha->stopping || vi->cfg->sync_group == NULL || ha->cfg == NULL)
		return;
	log_info("%s: %s to become MASTER with sync group %s", vi->name,
	    wants ? "ready" : "no longer ready", vi->cfg->sync_group->name);
	g = find_group(ha, vi->cfg->sync_group);
	if (g != NULL)
		group_eval(ha, g, NULL, VRRP_STATE_INIT, VRRP_STATE_INIT);
}

/* -- life cycle ------------------------------------------------------------------------ */

struct vrrp_ha *
vrrp_ha_new(struct vrrp_ctx *ctx)
{
	struct vrrp_ha *ha = xcalloc(1, sizeof(*ha));
	struct vrrp_hooks hooks = {
		.arg = ha,
		.instance_added = on_instance_added,
		.instance_removed = on_instance_removed,
		.state_changed = on_state_changed,
		.want_master = on_want_master,
	};

	ha->ctx = ctx;
	script_ctx_init(&ha->scripts, ctx->loop);
	if (!vrrp_hook_add(ctx, &hooks))
		log_err("tracking and notify cannot attach to the engine");
	return ha;
}

/* Tell about instances a reload removed (STOP), once their name is gone
 * from the new configuration. */
static void
notify_removed(struct vrrp_ha *ha)
{
	struct ha_inst **pp = &ha->insts, *hi;

	while ((hi = *pp) != NULL) {
		if (hi->vi != NULL) {
			pp = &hi->next;
			continue;
		}
		if (!hi->stop_notified) {
			vrrp_notify_change(&ha->notifier, &hi->notify,
			    &hi->gone, false, hi->name, IPC_VRRP_STOP, 0);
			hi->stop_notified = true;
		}
		if (script_queue_busy(&hi->notify)) {
			pp = &hi->next;
			continue;
		}
		*pp = hi->next;
		script_queue_clear(&hi->notify);
		forget_gone(hi);
		free(hi);
	}
}

void
vrrp_ha_apply(struct vrrp_ha *ha)
{
	ensure_config(ha);
	notify_removed(ha);
	/* Instances the reload replaced or removed. */
	no_accept_resync(ha);
	vrrp_vmacs_prune(&ha->vmacs, ha->ctx->nl, ha->ctx->cfg);
}

struct vrrp_vmacs *
vrrp_ha_vmacs(struct vrrp_ha *ha)
{
	return &ha->vmacs;
}

static bool
any_busy(struct vrrp_ha *ha)
{
	struct ha_inst *hi;

	for (hi = ha->insts; hi != NULL; hi = hi->next)
		if (script_queue_busy(&hi->notify))
			return true;
	for (size_t i = 0; i < ha->n_groups; i++)
		if (script_queue_busy(&ha->groups[i]->notify))
			return true;
	return false;
}

void
vrrp_ha_stop(struct vrrp_ha *ha)
{
	struct ha_inst *hi;
	ev_tstamp end;

	if (ha == NULL)
		return;
	for (hi = ha->insts; hi != NULL; hi = hi->next)
		if (hi->vi != NULL && !hi->stop_notified) {
			vrrp_notify_change(&ha->notifier, &hi->notify,
			    &hi->vi->cfg->notify, false, hi->name,
			    IPC_VRRP_STOP, vrrp_inst_priority(hi->vi));
			hi->stop_notified = true;
		}
	for (size_t i = 0; i < ha->n_groups; i++)
		if (ha->groups[i]->state != IPC_VRRP_INIT)
			group_notify(ha, ha->groups[i], IPC_VRRP_STOP);
	ha->stopping = true;
	end = ev_time() + STOP_DRAIN_S;
	while (any_busy(ha) && ev_time() < end)
		ev_run(ha->ctx->loop, EVRUN_ONCE);
}

void
vrrp_ha_free(struct vrrp_ha *ha)
{
	struct ha_inst *hi;

	if (ha == NULL)
		return;
	ha->stopping = true;
	while ((hi = ha->insts) != NULL) {
		ha->insts = hi->next;
		script_queue_clear(&hi->notify);
		forget_gone(hi);
		free(hi);
	}
	for (size_t i = 0; i < ha->n_groups; i++) {
		script_queue_clear(&ha->groups[i]->notify);
		free(ha->groups[i]);
	}
	free(ha->groups);
	if (ha->track != NULL) {
		vrrp_tracking_stop(ha->track);
		free(ha->track);
	}
	if (ha->notifier_on)
		vrrp_notify_stop(&ha->notifier);
	no_accept_disable(&ha->na);
	/* -V keeps the addresses, so their macvlans too. */
	if (!ha->ctx->dont_release)
		vrrp_vmacs_prune(&ha->vmacs, ha->ctx->nl, NULL);
	vrrp_vmacs_free(&ha->vmacs);
	script_ctx_shutdown(&ha->scripts);
	free(ha);
}

/* lvsctl: what tracking says of an instance (NULL: no tracking). */
const struct vrrp_track_value *
vrrp_ha_tracking(const struct vrrp_ha *ha, const char *instance)
{
	size_t idx;

	if (ha == NULL || ha->track == NULL)
		return NULL;
	idx = cfg_index(ha->track->cfg, instance);
	return idx != SIZE_MAX ? vrrp_tracking_instance(ha->track, idx) : NULL;
}

/* lvsctl: the running tracking (NULL: none). */
struct vrrp_tracking *
vrrp_ha_trackers(const struct vrrp_ha *ha)
{
	return ha != NULL ? ha->track : NULL;
}
