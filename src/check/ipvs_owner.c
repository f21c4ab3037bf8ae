// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IPVS reconciler (ipvs_owner.h): dump the kernel table, plan against
 * desired state (ipvs/plan.h), send the plan through the non-blocking
 * client, and report what happened.  One reconcile runs at a time; requests
 * for more (a reload, a dirty virtual server, the periodic timer) while one
 * runs are coalesced and run when it ends.
 */
#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/ipvs_owner.h"
#include "check/ipvs_owner_priv.h"
#include "engine.h"
#include "ipc/msg.h"
#include "ipvs/client.h"
#include "ipvs/desired.h"
#include "ipvs/plan.h"
#include "log.h"
#include "util.h"

static void reconcile_start(struct ipvs_owner *o);

static double
now(const struct ipvs_owner *o)
{
	return ev_now(o->e->loop);
}

/* -- opening ------------------------------------------------------------- */

static bool
open_client(struct ipvs_owner *o)
{
	int err = 0;

	if (o->client != NULL && ipvs_client_ok(o->client))
		return true;
	if (o->client != NULL)
		ipvs_client_close(o->client);
	o->known_valid = false;
	o->client = ipvs_client_open(o->e->loop, &err);
	if (o->client == NULL) {
		log_err("IPVS: cannot program %zu virtual server%s: %s",
		    o->cfg->n_virtual_servers,
		    o->cfg->n_virtual_servers == 1 ? "" : "s",
		    ipvs_client_strerror(err));
		return false;
	}
	return true;
}

/* -- a reconcile ------------------------------------------------------------ */

static void
reconcile_reset(struct ipvs_owner *o)
{
	kernel_table_free(&o->have);
	desired_free(&o->want);
	plan_free(&o->plan);
	free(o->ctx);
	free(o->failed);
	o->ctx = NULL;
	o->failed = NULL;
	o->in_flight = 0;
	o->done_ok = o->refused = o->logged = 0;
	o->lost = false;
}

static void
arm_periodic(struct ipvs_owner *o)
{
	double iv = o->cfg != NULL ?
	    o->cfg->global.ipvs_reconcile_interval_ms / 1000.0 : 0;

	if (o->n_drains > 0 && (iv == 0 || iv > DRAIN_POLL_S))
		iv = DRAIN_POLL_S;
	ev_timer_stop(o->e->loop, &o->periodic);
	if (iv > 0) {
		ev_timer_set(&o->periodic, iv, 0);
		ev_timer_start(o->e->loop, &o->periodic);
	}
}

static void
kick_soon(struct ipvs_owner *o, double after)
{
	if (ev_is_active(&o->kick))
		return;
	ev_timer_set(&o->kick, after, 0);
	ev_timer_start(o->e->loop, &o->kick);
}

/* What the configuration asks for with every real server up: the services
 * and dests lvsd owns.  Built when needed, not kept (1.4 MB at 10,000
 * destinations); NULL cfg: empty. */
static void
configured_build(struct desired_table *t, const struct lvsd_config *cfg)
{
	if (cfg != NULL)
		desired_build(t, cfg, NULL, NULL);
	else
		memset(t, 0, sizeof(*t));
}

/* Drains whose dest is gone (deleted, or re-added to the config) end. */
static void
prune_drains(struct ipvs_owner *o)
{
	struct desired_table cur;
	size_t out = 0;

	if (o->n_drains == 0)
		return;
	configured_build(&cur, o->cfg);
	for (size_t i = 0; i < o->n_drains; i++) {
		const struct plan_drain *d = &o->drains[i];
		const struct kernel_service *ks = kernel_table_find(&o->have,
		    &d->svc);
		const struct desired_service *ws = desired_find(&cur,
		    &d->svc);
		bool in_kernel = false, wanted = false;

		for (size_t j = 0; ks != NULL && j < ks->n_dests; j++)
			in_kernel |= ipvs_dest_key_equal(&ks->dests[j].key,
			    &d->dest);
		for (size_t j = 0; ws != NULL && j < ws->n_dests; j++)
			wanted |= ipvs_dest_key_equal(&ws->dests[j].d.key,
			    &d->dest);
		if (in_kernel && !wanted && ws != NULL)
			o->drains[out++] = *d;
	}
	o->n_drains = out;
	desired_free(&cur);
}

static void
reconcile_end(struct ipvs_owner *o)
{
	unsigned n = o->done_ok;

	if (o->kind == RECON_PERIODIC && n > 0) {
		char reason[64];

		snprintf(reason, sizeof(reason), "%u repair%s", n,
		    n == 1 ? "" : "s");
		engine_send_event(o->e, IPC_EVT_IPVS_REPAIR, n, 0, "ipvs",
		    reason);
	}
	if (o->kind == RECON_START)
		log_info("IPVS: %zu service%s in desired state; %u change%s "
		    "made, %u refused", o->want.n_svcs,
		    o->want.n_svcs == 1 ? "" : "s", n, n == 1 ? "" : "s",
		    o->refused);
	else if (o->kind == RECON_RELOAD || (o->kind == RECON_HEALTH &&
	    o->logged >= LOG_OPS_MAX))
		log_info("IPVS: %u change%s made, %u refused", n,
		    n == 1 ? "" : "s", o->refused);
	/* Only refusals seen in this full round are remembered. */
	if (o->kind != RECON_HEALTH) {
		free(o->prev_refusals);
		o->prev_refusals = o->refusals;
		o->n_prev_refusals = o->n_refusals;
		o->refusals = NULL;
		o->n_refusals = o->cap_refusals = 0;
	}
	if (o->kind != RECON_HEALTH)
		prune_drains(o);
	if (o->lost) {
		o->want_full = true;
		o->known_valid = false;
	} else {
		kernel_table_apply(&o->have, &o->plan, o->failed);
		kernel_table_free(&o->known);
		/* Kept until the next round: an exact-size copy, not the
		 * dump's arrays grown by doubling (0.5 MB less at 10,000
		 * destinations). */
		kernel_table_copy(&o->known, &o->have);
		kernel_table_free(&o->have);
		o->known_valid = true;
	}
	reconcile_reset(o);
	/* The round's tables and plan (megabytes at 10,000 destinations)
	 * are freed: return their pages rather than keep the peak. */
	if (o->kind != RECON_HEALTH)
		malloc_trim(0);
	o->busy = false;
	o->cfg_stale = false;
	if (o->want_full || o->n_dirty > 0)
		kick_soon(o, o->lost ? RETRY_S : 0);
	arm_periodic(o);
}

static void
on_op_done(void *arg, int err)
{
	struct op_ctx *c = arg;
	struct ipvs_owner *o = c->o;
	const struct plan_op *op = &o->plan.ops[c->i];

	o->in_flight--;
	/* What the kernel already had (a race with a hand edit) is fine. */
	if ((err == -EEXIST && (op->kind == PLAN_ADD_SERVICE ||
	    op->kind == PLAN_ADD_DEST)) || ((err == -ESRCH || err == -ENOENT) &&
	    (op->kind == PLAN_DEL_SERVICE || op->kind == PLAN_DEL_DEST)))
		err = 0;
	if (err == 0) {
		o->done_ok++;
		ipvs_owner_log_done(o, op);
	} else if (op->svc_op != SIZE_MAX && op->svc_op != c->i &&
	    o->failed[op->svc_op]) {
		o->failed[c->i] = true;      /* its service was refused */
	} else if (err == -ENOBUFS || err == -EIO ||
	    (err == -ENOENT && op->kind == PLAN_EDIT_DEST) ||
	    (err == -ESRCH && op->kind == PLAN_EDIT_SERVICE)) {
		/* Lost, or the object vanished since the dump (a hand edit):
		 * not a refusal; the next round, soon, sees the truth. */
		o->lost = true;
		o->failed[c->i] = true;
	} else {
		o->failed[c->i] = true;
		o->refused++;
		ipvs_owner_log_refusal(o, op, err);
	}
	if (o->in_flight == 0)
		reconcile_end(o);
}

static int
send_op(struct ipvs_owner *o, size_t i)
{
	const struct plan_op *op = &o->plan.ops[i];
	struct ipvs_client *c = o->client;
	struct op_ctx *ctx = &o->ctx[i];

	ctx->o = o;
	ctx->i = i;
	switch (op->kind) {
	case PLAN_DEL_SERVICE:
		return ipvs_client_del_service(c, &op->svc.key, on_op_done,
		    ctx);
	case PLAN_ADD_SERVICE:
		return ipvs_client_add_service(c, &op->svc, on_op_done, ctx);
	case PLAN_EDIT_SERVICE:
		return ipvs_client_edit_service(c, &op->svc, on_op_done, ctx);
	case PLAN_DEL_DEST:
		return ipvs_client_del_dest(c, &op->svc.key, &op->dest.key,
		    on_op_done, ctx);
	case PLAN_EDIT_DEST:
		return ipvs_client_edit_dest(c, &op->svc.key, &op->dest,
		    on_op_done, ctx);
	case PLAN_ADD_DEST:
		return ipvs_client_add_dest(c, &op->svc.key, &op->dest,
		    on_op_done, ctx);
	}
	return -EINVAL;
}

static bool
is_dirty(const struct ipvs_owner *o, const struct cfg_virtual_server *vs)
{
	for (size_t i = 0; i < o->n_dirty; i++)
		if (o->dirty[i] == vs)
			return true;
	return false;
}

/* Desired state for this round: everything, or the dirty services. */
static void
build_want(struct ipvs_owner *o, bool scoped)
{
	size_t out = 0;

	desired_build(&o->want, o->cfg, NULL, &o->view);
	if (!scoped) {
		for (size_t i = 0; i < o->want.n_conflicts; i++) {
			const struct desired_conflict *c =
			    &o->want.conflicts[i];

			if (o->kind == RECON_PERIODIC)
				continue;
			log_warn("%s:%u:%u: service %s is also produced at "
			    "%s:%u:%u; this one is ignored", c->pos.file,
			    c->pos.line, c->pos.col, c->key, c->first.file,
			    c->first.line, c->first.col);
		}
		return;
	}
	for (size_t i = 0; i < o->want.n_svcs; i++) {
		if (is_dirty(o, o->want.svcs[i].vs))
			o->want.svcs[out++] = o->want.svcs[i];
		else
			free(o->want.svcs[i].dests);
	}
	o->want.n_svcs = out;
}

static void
on_dump_service(void *arg, const struct ipvs_service *s)
{
	struct ipvs_owner *o = arg;

	kernel_table_add_service(&o->have, s);
}

static void
on_dump_dest(void *arg, const struct ipvs_service_key *svc,
    const struct ipvs_dest *d)
{
	struct ipvs_owner *o = arg;

	kernel_table_add_dest(&o->have, svc, d);
}

static void plan_and_send(struct ipvs_owner *o);

static void
on_dump_done(void *arg, int err)
{
	struct ipvs_owner *o = arg;

	if (o->stopping) {
		/* Cut short by ipvs_owner_stop(): nothing to plan. */
		o->lost = true;
		reconcile_end(o);
		return;
	}
	if (err != 0) {
		log_err("IPVS: reading the kernel table failed: %s; trying "
		    "again", ipvs_client_strerror(err));
		o->lost = true;
		reconcile_end(o);
		return;
	}
	kernel_table_sort(&o->have);
	plan_and_send(o);
}

/* o->have is the kernel's table: plan against desired state and send. */
static void
plan_and_send(struct ipvs_owner *o)
{
	bool scoped = o->kind == RECON_HEALTH;
	struct plan_input in = { 0 };

	build_want(o, scoped);
	o->n_dirty = 0;
	in.have = &o->have;
	in.want = &o->want;
	in.scoped = scoped;
	in.keep_foreign = o->cfg->global.ipvs_keep_foreign;
	in.owned = o->owned;
	in.n_owned = o->n_owned;
	in.drains = o->drains;
	in.n_drains = o->n_drains;
	in.now = now(o);
	in.drain_timeout = o->cfg->global.ipvs_drain_timeout_ms / 1000.0;
	plan_build(&o->plan, &in);
	o->ctx = xcalloc(o->plan.n_ops + 1, sizeof(*o->ctx));
	o->failed = xcalloc(o->plan.n_ops + 1, sizeof(*o->failed));
	for (size_t i = 0; i < o->plan.n_ops; i++) {
		if (send_op(o, i) != 0) {
			o->lost = true;
			break;
		}
		o->in_flight++;
	}
	if (o->in_flight == 0)
		reconcile_end(o);
}

static void
reconcile_start(struct ipvs_owner *o)
{
	if (o->busy || o->cfg == NULL || o->stopping)
		return;
	if (!open_client(o))
		return;
	reconcile_reset(o);
	if (o->want_full) {
		o->kind = o->next_kind;
		o->want_full = false;
		o->n_dirty = 0;         /* a full round covers them */
	} else if (o->n_dirty > 0) {
		o->kind = RECON_HEALTH;
	} else {
		return;
	}
	o->busy = true;
	ev_timer_stop(o->e->loop, &o->periodic);
	/* A reload or a verdict plans against the table the last round
	 * left; the start, the periodic round and drains (which need the
	 * connection counters) read the kernel. */
	if (o->known_valid && o->n_drains == 0 &&
	    (o->kind == RECON_RELOAD || o->kind == RECON_HEALTH)) {
		kernel_table_copy(&o->have, &o->known);
		plan_and_send(o);
		return;
	}
	if (ipvs_client_dump(o->client, on_dump_service, on_dump_dest,
	    on_dump_done, o) != 0) {
		log_err("IPVS: cannot queue a dump of the kernel table");
		o->lost = true;
		reconcile_end(o);
	}
}

static void
on_kick(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	reconcile_start(w->data);
}

static void
on_periodic(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct ipvs_owner *o = w->data;

	(void)loop;
	(void)revents;
	if (!o->want_full) {
		o->want_full = true;
		o->next_kind = RECON_PERIODIC;
	}
	reconcile_start(o);
}

/* -- the interface ---------------------------------------------------------- */

struct ipvs_owner *
ipvs_owner_new(struct engine *e)
{
	struct ipvs_owner *o = xcalloc(1, sizeof(*o));

	o->e = e;
	ev_timer_init(&o->periodic, on_periodic, 1, 0);
	o->periodic.data = o;
	ev_timer_init(&o->kick, on_kick, 0, 0);
	o->kick.data = o;
	ipvs_drain_init(o);
	return o;
}

void
ipvs_owner_set_health(struct ipvs_owner *o, const struct health_view *hv)
{
	o->hv = hv;
	ipvs_drain_init(o);
}

static int
key_cmp(const void *a, const void *b)
{
	return ipvs_service_key_cmp(a, b);
}

/*
 * Before the new configuration replaces `cur` (the previous one's): its
 * services become owned (lvsd installed them), and with
 * ipvs_drain_timeout the dests a reload removes from a service that stays
 * start draining.  o->cfg is already the new configuration.
 */
static void
note_reload(struct ipvs_owner *o, const struct desired_table *cur,
    const struct desired_table *next)
{
	size_t n = o->n_owned;

	o->owned = xrealloc(o->owned, (n + cur->n_svcs + 1) *
	    sizeof(*o->owned));
	for (size_t i = 0; i < cur->n_svcs; i++)
		o->owned[n++] = cur->svcs[i].s.key;
	qsort(o->owned, n, sizeof(*o->owned), key_cmp);
	o->n_owned = 0;
	for (size_t i = 0; i < n; i++)
		if (o->n_owned == 0 || ipvs_service_key_cmp(
		    &o->owned[o->n_owned - 1], &o->owned[i]) != 0)
			o->owned[o->n_owned++] = o->owned[i];
	if (o->cfg->global.ipvs_drain_timeout_ms == 0)
		return;
	for (size_t i = 0; i < cur->n_svcs; i++) {
		const struct desired_service *was = &cur->svcs[i];
		const struct desired_service *is = desired_find(next,
		    &was->s.key);

		for (size_t j = 0; is != NULL && j < was->n_dests; j++) {
			bool kept = false;

			for (size_t k = 0; k < is->n_dests && !kept; k++)
				kept = ipvs_dest_key_equal(&is->dests[k].d.key,
				    &was->dests[j].d.key);
			if (kept)
				continue;
			xgrow((void **)&o->drains, &o->cap_drains,
			    o->n_drains + 1, sizeof(*o->drains));
			o->drains[o->n_drains].svc = was->s.key;
			o->drains[o->n_drains].dest = was->dests[j].d.key;
			o->drains[o->n_drains].since = now(o);
			o->n_drains++;
		}
	}
}

static void
apply_timeouts(struct ipvs_owner *o)
{
	const struct cfg_global *g = &o->cfg->global;
	struct ipvs_timeouts t = { g->lvs_timeout_tcp, g->lvs_timeout_tcpfin,
	    g->lvs_timeout_udp };

	if (t.tcp == 0 && t.tcp_fin == 0 && t.udp == 0)
		return;
	if (ipvs_client_set_timeouts(o->client, &t, NULL, NULL) != 0)
		log_err("IPVS: cannot queue lvs_timeouts");
}

bool
ipvs_owner_apply(struct ipvs_owner *o, const struct lvsd_config *cfg)
{
	const struct lvsd_config *prev = o->cfg;
	struct desired_table cur, next;

	/* Requests in flight point into the old configuration's positions. */
	if (o->busy && o->plan.n_ops > 0)
		o->cfg_stale = true;
	o->cfg = cfg;
	/* A reload reports refusals again, even ones already logged. */
	o->n_prev_refusals = 0;
	/* A VRRP-only configuration never opens IPVS. */
	if (cfg->n_virtual_servers == 0 && o->client == NULL)
		return true;
	if (!open_client(o)) {
		ev_timer_stop(o->e->loop, &o->periodic);
		return false;
	}
	/* The engine frees the previous configuration after this call. */
	if (o->started) {
		configured_build(&cur, prev);
		configured_build(&next, cfg);
		note_reload(o, &cur, &next);
		desired_free(&cur);
		desired_free(&next);
	}
	apply_timeouts(o);
	/* keepalived's lvs_flush: the user asks for a clean table at start. */
	if (!o->started && cfg->global.lvs_flush) {
		log_info("IPVS: flushing the table at start (lvs_flush)");
		if (ipvs_client_flush(o->client, NULL, NULL) != 0)
			log_err("IPVS: cannot queue the flush");
	}
	o->want_full = true;
	o->next_kind = o->started ? RECON_RELOAD : RECON_START;
	o->started = true;
	o->n_dirty = 0;
	kick_soon(o, 0);
	return true;
}

void
ipvs_owner_service_dirty(struct ipvs_owner *o,
    const struct cfg_virtual_server *vs)
{
	if (o == NULL || o->cfg == NULL || o->client == NULL || o->want_full)
		return;
	if (!is_dirty(o, vs)) {
		xgrow((void **)&o->dirty, &o->cap_dirty, o->n_dirty + 1,
		    sizeof(*o->dirty));
		o->dirty[o->n_dirty++] = vs;
	}
	if (!o->busy)
		kick_soon(o, 0);
}

void
ipvs_owner_stop(struct ipvs_owner *o, bool keep)
{
	struct desired_table cur;
	size_t n = 0;
	int err;

	o->stopping = true;
	ev_timer_stop(o->e->loop, &o->periodic);
	ev_timer_stop(o->e->loop, &o->kick);
	if (o->client == NULL || !ipvs_client_ok(o->client))
		return;
	if (keep) {
		configured_build(&cur, o->cfg);
		log_info("IPVS: leaving %zu service%s in the kernel "
		    "(--dont-release-ipvs)", cur.n_svcs,
		    cur.n_svcs == 1 ? "" : "s");
		desired_free(&cur);
		return;
	}
	/* Let a reconcile in flight finish, so nothing lands after; one
	 * still reading the kernel's table stops reading (a periodic round
	 * at 1,000 services is 1,000 dest dumps one after the other). */
	ipvs_client_stop_dumps(o->client);
	(void)ipvs_client_wait(o->client, 5.0);
	ev_timer_stop(o->e->loop, &o->periodic);
	ev_timer_stop(o->e->loop, &o->kick);
	o->want_full = false;
	o->n_dirty = 0;
	if (o->cfg != NULL && o->cfg->global.lvs_flush_on_stop) {
		log_info("IPVS: flushing the table on stop "
		    "(lvs_flush_on_stop)");
		if (ipvs_client_flush(o->client, NULL, NULL) == 0)
			(void)ipvs_client_wait(o->client, 5.0);
		return;
	}
	configured_build(&cur, o->cfg);
	for (size_t i = 0; i < cur.n_svcs; i++)
		if (ipvs_client_del_service(o->client,
		    &cur.svcs[i].s.key, NULL, NULL) == 0)
			n++;
	desired_free(&cur);
	err = ipvs_client_wait(o->client, 5.0);
	if (err != 0)
		log_err("IPVS: removing the services on stop: %s",
		    ipvs_client_strerror(err));
	log_info("IPVS: removed %zu service%s on stop", n, n == 1 ? "" : "s");
}

void
ipvs_owner_free(struct ipvs_owner *o)
{
	if (o == NULL)
		return;
	ev_timer_stop(o->e->loop, &o->periodic);
	ev_timer_stop(o->e->loop, &o->kick);
	if (o->client != NULL)
		ipvs_client_close(o->client);
	reconcile_reset(o);
	kernel_table_free(&o->known);
	free(o->dirty);
	free(o->owned);
	free(o->drains);
	free(o->refusals);
	free(o->prev_refusals);
	ipvs_drain_free(o);
	free(o);
}
