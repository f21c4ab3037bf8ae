// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IPVS connection-sync daemon follows VRRP (`lvs_sync_daemon IFACE
 * INSTANCE ...`, as keepalived): the tied instance becoming MASTER stops
 * the kernel's backup sync thread and starts the master one, leaving MASTER
 * does the reverse, and at start the role follows the instance's first
 * state.  Without an instance both roles run.  The kernel is driven through
 * lib/ipvs/client.h; a kernel without IPVS gets one log line and VRRP runs
 * on.  This file plugs into the engine through vrrp_hooks.h only.
 */
#include "config.h"

#include <errno.h>
#include <linux/ip_vs.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs/client.h"
#include "log.h"
#include "util.h"
#include "vrrp/syncd.h"
#include "vrrp/vrrp.h"

#define BOTH (IP_VS_STATE_MASTER | IP_VS_STATE_BACKUP)
#define STOP_WAIT_S 1.0

struct vrrp_syncd {
	struct vrrp_ctx *ctx;
	struct ipvs_client *ipvs;
	bool unavailable;               /* no IPVS here: said once */
	const struct cfg_sync_daemon *cfg; /* in the running config */
	uint32_t running;               /* IP_VS_STATE_* bits we started */
};

static const char *
role_name(uint32_t state)
{
	return state == IP_VS_STATE_MASTER ? "master" : "backup";
}

struct op {
	struct vrrp_syncd *sd;
	uint32_t state;
	bool start;
};

static void
on_done(void *arg, int err)
{
	struct op *op = arg;

	if (err == 0)
		log_info("lvs_sync_daemon: %s %s sync daemon",
		    op->start ? "started" : "stopped", role_name(op->state));
	else if (!(!op->start && err == -ESRCH))
		log_err("lvs_sync_daemon: cannot %s the %s sync daemon: %s",
		    op->start ? "start" : "stop", role_name(op->state),
		    ipvs_client_strerror(err));
	free(op);
}

static bool
client(struct vrrp_syncd *sd)
{
	int err = 0;

	if (sd->ipvs != NULL && ipvs_client_ok(sd->ipvs))
		return true;
	if (sd->unavailable)
		return false;
	if (sd->ipvs != NULL)
		ipvs_client_close(sd->ipvs);
	sd->ipvs = ipvs_client_open(sd->ctx->loop, &err);
	if (sd->ipvs == NULL) {
		sd->unavailable = true;
		log_warn("lvs_sync_daemon: %s; connection sync is off, VRRP "
		    "runs without it", ipvs_client_strerror(err));
		return false;
	}
	return true;
}

static void
request(struct vrrp_syncd *sd, uint32_t state, bool start)
{
	const struct cfg_sync_daemon *c = sd->cfg;
	struct ipvs_daemon d;
	struct op *op;
	int err;

	if (!client(sd))
		return;
	op = xcalloc(1, sizeof(*op));
	op->sd = sd;
	op->state = state;
	op->start = start;
	if (!start) {
		err = ipvs_client_stop_daemon(sd->ipvs, state, on_done, op);
	} else {
		memset(&d, 0, sizeof(d));
		d.state = state;
		snprintf(d.ifname, sizeof(d.ifname), "%s", c->interface);
		d.sync_id = c->sync_id;
		d.maxlen = c->maxlen;
		d.group = c->group;
		d.port = c->port;
		d.ttl = c->ttl;
		err = ipvs_client_start_daemon(sd->ipvs, &d, on_done, op);
	}
	if (err < 0) {
		log_err("lvs_sync_daemon: cannot queue the request: %s",
		    ipvs_client_strerror(err));
		free(op);
	}
}

/* Make the running roles `want` (bits): stop the others first. */
static void
converge(struct vrrp_syncd *sd, uint32_t want)
{
	uint32_t s;

	if (sd->cfg == NULL || want == sd->running)
		return;
	for (s = IP_VS_STATE_MASTER; s <= IP_VS_STATE_BACKUP; s <<= 1)
		if ((sd->running & s) && !(want & s))
			request(sd, s, false);
	for (s = IP_VS_STATE_MASTER; s <= IP_VS_STATE_BACKUP; s <<= 1)
		if ((want & s) && !(sd->running & s))
			request(sd, s, true);
	sd->running = want;
}

static uint32_t
wanted_for(enum vrrp_state st)
{
	switch (st) {
	case VRRP_STATE_MASTER:
		return IP_VS_STATE_MASTER;
	case VRRP_STATE_BACKUP:
	case VRRP_STATE_FAULT:
		return IP_VS_STATE_BACKUP;
	default:
		return 0;
	}
}

static void
on_state(void *arg, struct vrrp_inst *vi, enum vrrp_state from,
    enum vrrp_state to, const char *reason)
{
	struct vrrp_syncd *sd = arg;

	(void)from;
	(void)reason;
	if (sd->cfg == NULL || sd->cfg->instance_name == NULL ||
	    strcmp(vi->name, sd->cfg->instance_name) != 0)
		return;
	/* INIT is a stop or a rebuild: keep the role until told more. */
	if (to != VRRP_STATE_INIT)
		converge(sd, wanted_for(to));
}

struct vrrp_syncd *
vrrp_syncd_new(struct vrrp_ctx *ctx)
{
	struct vrrp_syncd *sd = xcalloc(1, sizeof(*sd));
	struct vrrp_hooks h;

	sd->ctx = ctx;
	memset(&h, 0, sizeof(h));
	h.arg = sd;
	h.state_changed = on_state;
	if (!vrrp_hook_add(ctx, &h))
		log_err("lvs_sync_daemon: no hook slot left");
	return sd;
}

static bool
same(const struct cfg_sync_daemon *a, const struct cfg_sync_daemon *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a->interface, b->interface) == 0 &&
	    ((a->instance_name == NULL && b->instance_name == NULL) ||
	    (a->instance_name != NULL && b->instance_name != NULL &&
	    strcmp(a->instance_name, b->instance_name) == 0)) &&
	    a->sync_id == b->sync_id && a->maxlen == b->maxlen &&
	    a->port == b->port && a->ttl == b->ttl &&
	    addr_equal(&a->group, &b->group);
}

void
vrrp_syncd_apply(struct vrrp_syncd *sd, const struct lvsd_config *cfg)
{
	const struct cfg_sync_daemon *nc = cfg->global.lvs_sync_daemon;
	struct vrrp_inst *vi;
	uint32_t want;

	if (!same(sd->cfg, nc)) {
		if (sd->cfg != NULL)
			log_info("lvs_sync_daemon changed: restarting it");
		converge(sd, 0);
		if (sd->cfg == NULL && nc != NULL && client(sd)) {
			/* A clean slate: daemons left by an earlier run may
			 * have other parameters. */
			request(sd, IP_VS_STATE_MASTER, false);
			request(sd, IP_VS_STATE_BACKUP, false);
		}
	}
	sd->cfg = nc;
	if (nc == NULL)
		return;
	want = BOTH;
	if (nc->instance_name != NULL) {
		vi = vrrp_inst_find(sd->ctx, nc->instance_name);
		want = vi != NULL ? wanted_for(vi->fsm.state) : 0;
		if (want == 0)
			want = IP_VS_STATE_BACKUP;
	}
	converge(sd, want);
}

void
vrrp_syncd_free(struct vrrp_syncd *sd)
{
	if (sd == NULL)
		return;
	converge(sd, 0);
	if (sd->ipvs != NULL) {
		(void)ipvs_client_wait(sd->ipvs, STOP_WAIT_S);
		ipvs_client_close(sd->ipvs);
	}
	free(sd);
}
