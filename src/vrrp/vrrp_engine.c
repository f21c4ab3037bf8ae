// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The vrrp engine's role: one struct vrrp_ctx per process, the instances
 * of the running configuration, and what a reload changes.  A reload
 * touches only instances whose configuration changed (config/diff.h); the
 * others keep their state, timers and addresses.  A changed instance that
 * was MASTER is rebuilt as MASTER (no flap); a removed one lets go like a
 * stopping master (priority 0, addresses released).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/diff.h"
#include "log.h"
#include "util.h"
#include "vrrp/vrrp_ctl.h"
#include "vrrp/syncd.h"
#include "vrrp/vrrp.h"
#include "vrrp/vrrp_engine.h"
#include "vrrp/vrrp_ha.h"

static void
log_instance(const struct cfg_vrrp_instance *vi, const char *what)
{
	log_info("instance %s (%s vrid %u, priority %u, virtual addresses: "
	    "%zu) %s", vi->name, vi->interface, (unsigned)vi->vrid,
	    (unsigned)vi->priority, vi->n_vips, what);
}

static struct vrrp_ctx *
ctx_of(struct engine *e)
{
	struct vrrp_ctx *ctx = e->role_ctx;

	if (ctx != NULL)
		return ctx;
	ctx = xcalloc(1, sizeof(*ctx));
	ctx->e = e;
	ctx->loop = e->loop;
	ctx->arp_fd = ctx->na_fd = -1;
	ctx->dont_release = (e->flags & ENGINE_F_DONT_RELEASE_VRRP) != 0;
	(void)vrrp_addr_open(ctx);
	(void)vrrp_link_open(ctx);
	ctx->syncd = vrrp_syncd_new(ctx);
	ctx->ha = vrrp_ha_new(ctx);
	e->role_ctx = ctx;
	return ctx;
}

static void
start_all(struct vrrp_ctx *ctx)
{
	struct vrrp_inst *vi;

	ctx->started = true;
	for (vi = ctx->insts; vi != NULL; vi = vi->next)
		vrrp_inst_start(vi);
}

static void
on_startup_delay(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct vrrp_ctx *ctx = w->data;

	(void)loop;
	(void)revents;
	log_info("vrrp_startup_delay over: starting the instances");
	start_all(ctx);
}

/* Global settings every instance depends on: a change restarts them. */
static bool
globals_differ(const struct cfg_global *a, const struct cfg_global *b)
{
	return !addr_equal(&a->vrrp_mcast_group4, &b->vrrp_mcast_group4) ||
	    !addr_equal(&a->vrrp_mcast_group6, &b->vrrp_mcast_group6) ||
	    a->vrrp_strict != b->vrrp_strict ||
	    a->v3_checksum_as_v2 != b->v3_checksum_as_v2 ||
	    a->vrrp_garp_interval_ms != b->vrrp_garp_interval_ms ||
	    a->vrrp_gna_interval_ms != b->vrrp_gna_interval_ms;
}

/* A changed instance that stays MASTER keeps the addresses both
 * configurations have, and drops the others now. */
static void
drop_old_vips(struct vrrp_inst *vi, const struct cfg_vrrp_instance *nc)
{
	const struct cfg_vrrp_instance *oc = vi->cfg;
	size_t i, j;
	bool kept;

	for (i = 0; i < oc->n_vips; i++) {
		kept = false;
		for (j = 0; j < nc->n_vips && !kept; j++)
			kept = addr_equal(&oc->vips[i].prefix.addr,
			    &nc->vips[j].prefix.addr);
		if (!kept)
			(void)vrrp_vip_del(vi->ctx, vi, &oc->vips[i]);
	}
}

static void
replace(struct vrrp_ctx *ctx, struct vrrp_inst *old,
    const struct cfg_vrrp_instance *nc)
{
	bool was_master = old->fsm.state == VRRP_STATE_MASTER &&
	    old->cfg->interface != NULL &&
	    strcmp(old->cfg->interface, nc->interface) == 0;
	struct vrrp_inst *vi;

	if (was_master) {
		vrrp_inst_routes_drop_old(ctx, old, nc);
		drop_old_vips(old, nc);
	}
	vrrp_inst_destroy(old, !was_master);
	vi = vrrp_inst_create(ctx, nc, was_master);
	if (ctx->started)
		vrrp_inst_start(vi);
}

static void
vrrp_change(void *arg, enum cfg_change change, enum cfg_kind kind,
    const char *name, const void *old_obj, const void *new_obj)
{
	struct vrrp_ctx *ctx = arg;
	const void *obj = new_obj != NULL ? new_obj : old_obj;
	struct vrrp_inst *vi;

	if (kind != CFG_KIND_VRRP_INSTANCE) {
		log_info("%s %s %s", cfg_kind_name(kind), name,
		    engine_change_verb(change));
		return;
	}
	log_instance(obj, engine_change_verb(change));
	vi = vrrp_inst_find(ctx, name);
	switch (change) {
	case CFG_ADDED:
		vi = vrrp_inst_create(ctx, new_obj, false);
		if (ctx->started)
			vrrp_inst_start(vi);
		break;
	case CFG_REMOVED:
		if (vi != NULL)
			vrrp_inst_destroy(vi, true);
		break;
	case CFG_CHANGED:
		if (vi != NULL)
			replace(ctx, vi, new_obj);
		break;
	}
}

static void
vrrp_apply(struct engine *e, const struct lvsd_config *prev,
    const struct lvsd_config *cfg)
{
	struct vrrp_ctx *ctx = ctx_of(e);
	const struct cfg_vrrp_instance *nc;
	struct vrrp_inst *vi, *next;
	size_t i, changes;
	uint32_t delay;

	ctx->cfg = cfg;
	vrrp_static_apply(ctx, prev, cfg);
	if (prev == NULL) {
		for (i = 0; i < cfg->n_vrrp_instances; i++) {
			log_instance(&cfg->vrrp_instances[i], "configured");
			(void)vrrp_inst_create(ctx, &cfg->vrrp_instances[i],
			    false);
		}
		log_info("instances configured: %zu", cfg->n_vrrp_instances);
		delay = cfg->global.vrrp_startup_delay_ms;
		if (delay == 0) {
			start_all(ctx);
			vrrp_syncd_apply(ctx->syncd, cfg);
			return;
		}
		vrrp_syncd_apply(ctx->syncd, cfg);
		log_info("vrrp_startup_delay: instances start in %u.%03u s",
		    delay / 1000, delay % 1000);
		ev_timer_init(&ctx->startup_delay, on_startup_delay,
		    delay / 1000.0, 0);
		ctx->startup_delay.data = ctx;
		ev_timer_start(ctx->loop, &ctx->startup_delay);
		return;
	}
	if (globals_differ(&prev->global, &cfg->global)) {
		log_info("global VRRP settings changed: restarting every "
		    "instance");
		for (vi = ctx->insts; vi != NULL; vi = next) {
			next = vi->next;
			nc = config_find_instance(cfg, vi->name);
			if (nc == NULL)
				continue;
			replace(ctx, vi, nc);
		}
	}
	changes = config_diff_vrrp(prev, cfg, vrrp_change, ctx);
	/* Unchanged instances now read the new configuration's objects. */
	for (vi = ctx->insts; vi != NULL; vi = vi->next) {
		nc = config_find_instance(cfg, vi->name);
		if (nc != NULL)
			vi->cfg = nc;
	}
	log_info("instances: %zu (before: %zu), changes: %zu",
	    cfg->n_vrrp_instances, prev->n_vrrp_instances, changes);
	vrrp_syncd_apply(ctx->syncd, cfg);
}

static void
vrrp_stop(struct engine *e)
{
	struct vrrp_ctx *ctx = e->role_ctx;

	if (ctx == NULL)
		return;
	if (ctx->dont_release && ctx->insts != NULL)
		log_info("--dont-release-vrrp: keeping the virtual addresses");
	vrrp_ha_stop(ctx->ha);
	while (ctx->insts != NULL)
		vrrp_inst_destroy(ctx->insts, !ctx->dont_release);
	vrrp_syncd_free(ctx->syncd);
	vrrp_ha_free(ctx->ha);
	ev_timer_stop(ctx->loop, &ctx->startup_delay);
	vrrp_announce_close(ctx);
	if (!ctx->dont_release)
		vrrp_static_apply(ctx, ctx->cfg, NULL);
	vrrp_addr_close(ctx);
	vrrp_link_close(ctx);
	free(ctx);
	e->role_ctx = NULL;
}

/* The protocol first, then tracking, notify and sync groups follow. */
static void
vrrp_apply_all(struct engine *e, const struct lvsd_config *prev,
    const struct lvsd_config *cfg)
{
	vrrp_apply(e, prev, cfg);
	vrrp_ha_apply(((struct vrrp_ctx *)e->role_ctx)->ha);
}

const struct engine_role vrrp_role = {
	.name = "vrrp",
	.process_name = "lvsd-vrrp",
	.apply = vrrp_apply_all,
	.stop = vrrp_stop,
	.status = vrrp_ctl_status,
	.command = vrrp_ctl_command,
};
