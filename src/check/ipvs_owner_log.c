// SPDX-License-Identifier: GPL-2.0-or-later
/* The reconciler's log lines: changes, repairs and kernel refusals. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check/ipvs_owner_priv.h"
#include "log.h"
#include "util.h"

static void
op_names(const struct plan_op *op, char *svc, size_t slen, char *dest,
    size_t dlen)
{
	ipvs_service_key_format(&op->svc.key, svc, slen);
	dest[0] = '\0';
	if (op->kind == PLAN_DEL_DEST || op->kind == PLAN_EDIT_DEST ||
	    op->kind == PLAN_ADD_DEST)
		addr_port_to_string(&op->dest.key.addr, op->dest.key.port,
		    dest, dlen);
}

/* "FILE:LINE:COL: " of the configuration line behind an op, or "". */
static void
op_where(const struct ipvs_owner *o, const struct plan_op *op, char *buf,
    size_t len)
{
	const struct cfg_pos *pos = NULL;

	buf[0] = '\0';
	if (o->cfg_stale)
		return;
	if (op->want_dest != NULL)
		pos = &op->want_dest->pos;
	else if (op->want_svc != NULL)
		pos = &op->want_svc->pos;
	if (pos != NULL && pos->file != NULL)
		snprintf(buf, len, "%s:%u:%u: ", pos->file, pos->line,
		    pos->col);
}

void
ipvs_owner_log_done(struct ipvs_owner *o, const struct plan_op *op)
{
	char svc[80], dest[80], why[160];
	bool repair = o->kind == RECON_PERIODIC &&
	    op->reason != PLAN_R_DRAIN_START &&
	    op->reason != PLAN_R_DRAIN_DONE &&
	    op->reason != PLAN_R_DRAIN_TIMEOUT;
	/* At start, what the kernel already had and is corrected is worth
	 * a line; building the table from nothing is not.  Otherwise the
	 * first LOG_OPS_MAX changes of a round are logged, then -D. */
	bool quiet = !repair && ((o->kind == RECON_START &&
	    op->have_svc == NULL) || o->logged >= LOG_OPS_MAX);

	if (quiet && !log_detail())
		return;         /* thousands at a start: do not format them */
	if (!quiet && !repair)
		o->logged++;
	op_names(op, svc, sizeof(svc), dest, sizeof(dest));
	plan_describe(op, why, sizeof(why));
	if (repair)
		log_warn("IPVS repair: %s%s%s: %s; %s", svc,
		    dest[0] ? " real server " : "", dest, why,
		    plan_kind_name(op->kind));
	else
		(quiet ? log_debug : log_info)("IPVS: %s%s%s: %s; %s", svc,
		    dest[0] ? " real server " : "", dest, why,
		    plan_kind_name(op->kind));
}

/* What a refused request tried to do, for "kernel refused to ...". */
static const char *
op_verb(enum plan_kind k)
{
	switch (k) {
	case PLAN_DEL_SERVICE: return "delete the service";
	case PLAN_ADD_SERVICE: return "add the service";
	case PLAN_EDIT_SERVICE: return "edit the service";
	case PLAN_DEL_DEST: return "delete the real server";
	case PLAN_EDIT_DEST: return "edit the real server";
	case PLAN_ADD_DEST: return "add the real server";
	}
	return "?";
}

static bool
refusal_match(const struct refusal *r, const struct refusal *x)
{
	return r->kind == x->kind && r->err == x->err &&
	    ipvs_service_key_equal(&r->svc, &x->svc) &&
	    ipvs_dest_key_equal(&r->dest, &x->dest);
}

void
ipvs_owner_log_refusal(struct ipvs_owner *o, const struct plan_op *op, int err)
{
	struct refusal r = { op->kind, op->svc.key, op->dest.key, err };
	char svc[80], dest[80], where[300];
	const char *hint = "";
	bool seen = false;

	xgrow((void **)&o->refusals, &o->cap_refusals, o->n_refusals + 1,
	    sizeof(r));
	o->refusals[o->n_refusals++] = r;
	for (size_t i = 0; i < o->n_prev_refusals && !seen; i++)
		seen = refusal_match(&o->prev_refusals[i], &r);
	if (seen)
		return;
	op_names(op, svc, sizeof(svc), dest, sizeof(dest));
	op_where(o, op, where, sizeof(where));
	if (err == -ENOENT && (op->kind == PLAN_ADD_SERVICE ||
	    op->kind == PLAN_EDIT_SERVICE))
		hint = " (scheduler module?)";
	if (dest[0] != '\0')
		log_err("%sreal_server %s in virtual_server %s: kernel refused "
		    "to %s: %s%s", where, dest, svc, op_verb(op->kind),
		    strerror(-err), hint);
	else
		log_err("%svirtual_server %s: kernel refused to %s: %s%s",
		    where, svc, op_verb(op->kind), strerror(-err), hint);
}
