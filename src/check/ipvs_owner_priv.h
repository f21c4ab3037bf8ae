/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The reconciler's state, shared by ipvs_owner.c and ipvs_owner_log.c. */
#ifndef LVSD_CHECK_IPVS_OWNER_PRIV_H
#define LVSD_CHECK_IPVS_OWNER_PRIV_H

#include <ev.h>
#include <stdbool.h>
#include <stddef.h>

#include "check/health.h"
#include "ipvs/client.h"
#include "ipvs/desired.h"
#include "ipvs/plan.h"

struct engine;

enum recon_kind { RECON_START, RECON_RELOAD, RECON_PERIODIC, RECON_HEALTH };

/* Most requests logged one by one at a start or reload; then a count. */
#define LOG_OPS_MAX 50
/* While something drains, look at its connections at least this often. */
#define DRAIN_POLL_S 2.0
/* After a failed dump or a lost answer, try again after this long. */
#define RETRY_S 1.0

struct op_ctx {
	struct ipvs_owner *o;
	size_t i;
};

/* A refusal already logged: not logged again each periodic round. */
struct refusal {
	enum plan_kind kind;
	struct ipvs_service_key svc;
	struct ipvs_dest_key dest;
	int err;
};

struct ipvs_owner {
	struct engine *e;
	struct ipvs_client *client;
	const struct lvsd_config *cfg;
	const struct health_view *hv;
	bool started;                   /* the first full reconcile ran */
	bool stopping;
	bool cfg_stale;                 /* cfg replaced while ops in flight */
	ev_timer periodic, kick;

	/* the reconcile in progress */
	bool busy;
	enum recon_kind kind;
	struct kernel_table have;
	/* The kernel's table as the last round left it (its dump plus the
	 * requests that succeeded): a reload or a verdict plans against it
	 * without dumping again; the periodic round dumps. */
	struct kernel_table known;
	bool known_valid;
	struct desired_table want;
	struct plan plan;
	struct op_ctx *ctx;
	size_t in_flight;
	unsigned done_ok, refused, logged;
	bool *failed;                   /* per op */
	bool lost;                      /* an answer was lost: go again */

	/* what to do next */
	bool want_full;
	enum recon_kind next_kind;
	const struct cfg_virtual_server **dirty;
	size_t n_dirty, cap_dirty;

	/* The services lvsd installed (earlier configurations'); what the
	 * running one asks for is rebuilt from cfg when needed
	 * (configured_build in ipvs_owner.c), not kept. */
	struct ipvs_service_key *owned;
	size_t n_owned;
	struct plan_drain *drains;
	size_t n_drains, cap_drains;

	struct refusal *refusals, *prev_refusals;
	size_t n_refusals, n_prev_refusals, cap_refusals;

	/* lvsctl rs drain (ipvs_drain.c): the checkers' view (hv) with the
	 * drained real servers at weight 0; desired state uses this one. */
	struct health_view view;
	char **drained;                 /* "VS\tRS", config_vs_key form */
	size_t n_drained;
};

/* ipvs_drain.c */
void ipvs_drain_init(struct ipvs_owner *o);
void ipvs_drain_free(struct ipvs_owner *o);

/* A request went through: one line (a repair, a reload's change, ...). */
void ipvs_owner_log_done(struct ipvs_owner *o, const struct plan_op *op);
/* The kernel refused it: FILE:LINE:COL and errno, once per refusal. */
void ipvs_owner_log_refusal(struct ipvs_owner *o, const struct plan_op *op,
    int err);

#endif
