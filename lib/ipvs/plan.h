/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The planner: from the kernel's table (as dumped) and desired state, the
 * minimal ordered list of requests that makes the kernel equal to desired
 * state.  Pure: the engine (check/ipvs_owner.c) sends the list.
 *
 * Rules:
 *   - a service or destination whose key still exists is edited, never
 *     deleted and re-added (that would drop its connections);
 *   - a kernel service desired state does not have is deleted when lvsd
 *     owns it: always with `ipvs_foreign_services remove` (the default),
 *     and with `keep` only when it is in `owned` (lvsd installed it);
 *   - a destination of a desired service that is not desired is deleted,
 *     unless it is draining (in `drains`): then its weight goes to 0, and
 *     it is deleted once it has no active connection or its drain timed out;
 *   - a destination desired only `if_present` (an undecided real server)
 *     is left as the kernel has it: not edited, not deleted, not added;
 *   - order: service deletions first, then per service (sorted by key):
 *     add or edit the service, delete, edit, add its destinations.  The
 *     requests of one service follow its own add, so a refused add can
 *     make the engine skip them.
 */
#ifndef LVSD_IPVS_PLAN_H
#define LVSD_IPVS_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "ipvs/desired.h"
#include "ipvs/ipvs.h"

/* The kernel's table: services sorted by key, each with its dests sorted. */
struct kernel_service {
	struct ipvs_service s;
	struct ipvs_dest *dests;
	size_t n_dests, cap_dests;
};

struct kernel_table {
	struct kernel_service *svcs;
	size_t n_svcs, cap_svcs;
};

/* Append in dump order (a dest goes to the last service added);
 * kernel_table_sort() afterwards. */
struct kernel_service *kernel_table_add_service(struct kernel_table *t,
    const struct ipvs_service *s);
void kernel_table_add_dest(struct kernel_table *t,
    const struct ipvs_service_key *svc, const struct ipvs_dest *d);
void kernel_table_sort(struct kernel_table *t);
const struct kernel_service *kernel_table_find(const struct kernel_table *t,
    const struct ipvs_service_key *k);
void kernel_table_free(struct kernel_table *t);
/* A deep copy (dst is overwritten). */
void kernel_table_copy(struct kernel_table *dst,
    const struct kernel_table *src);

enum plan_kind {
	PLAN_DEL_SERVICE,
	PLAN_ADD_SERVICE,
	PLAN_EDIT_SERVICE,
	PLAN_DEL_DEST,
	PLAN_EDIT_DEST,
	PLAN_ADD_DEST,
};

/* Why: what was wrong, for the one-line repair log. */
enum plan_reason {
	PLAN_R_MISSING,         /* desired, not in the kernel */
	PLAN_R_DIFFERS,         /* in the kernel with other settings */
	PLAN_R_FOREIGN,         /* not lvsd's (ipvs_foreign_services remove) */
	PLAN_R_REMOVED,         /* lvsd's, gone from the configuration */
	PLAN_R_UNWANTED,        /* a destination desired state does not have */
	PLAN_R_DRAIN_START,     /* draining: weight to 0 */
	PLAN_R_DRAIN_DONE,      /* draining: no active connection left */
	PLAN_R_DRAIN_TIMEOUT,   /* draining: timed out */
};

struct plan_op {
	enum plan_kind kind;
	enum plan_reason reason;
	struct ipvs_service svc;        /* full for add/edit; key otherwise */
	struct ipvs_dest dest;          /* dest ops: full for add/edit */
	const struct desired_service *want_svc; /* NULL: not desired */
	const struct desired_dest *want_dest;
	const struct kernel_service *have_svc;  /* NULL: not in the kernel */
	const struct ipvs_dest *have_dest;
	size_t svc_op;                  /* dest ops: index of the add of
	                                 * their service, or SIZE_MAX */
};

/* A destination being drained (removed from the configuration). */
struct plan_drain {
	struct ipvs_service_key svc;
	struct ipvs_dest_key dest;
	double since;                   /* when the drain began */
};

struct plan_input {
	const struct kernel_table *have;
	const struct desired_table *want;
	/* Only the services in `want` (a targeted reconcile): kernel
	 * services outside it are not looked at. */
	bool scoped;
	bool keep_foreign;
	const struct ipvs_service_key *owned;   /* sorted */
	size_t n_owned;
	const struct plan_drain *drains;
	size_t n_drains;
	double now, drain_timeout;      /* seconds */
};

struct plan {
	struct plan_op *ops;
	size_t n_ops, cap;
};

void plan_build(struct plan *p, const struct plan_input *in);
/*
 * Make `t` (the table the plan was built from) what the kernel holds once
 * the requests of `p` that did not fail (failed[i] false) took effect, so
 * the next round can plan without dumping again.  Counters of edited
 * destinations are kept, those of new ones are 0.
 */
void kernel_table_apply(struct kernel_table *t, const struct plan *p,
    const bool *failed);
void plan_free(struct plan *p);

const char *plan_kind_name(enum plan_kind k);     /* "add service", ... */
/* "missing", "weight 5 -> 1", ...: what was wrong, one phrase. */
void plan_describe(const struct plan_op *op, char *buf, size_t len);

#endif
