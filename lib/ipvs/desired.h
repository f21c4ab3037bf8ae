/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Desired state: the kernel IPVS table a configuration asks for, with the
 * checkers' verdicts applied (check/health.h).  Pure: no kernel, no loop.
 *
 * Every virtual_server becomes one kernel service, or one per address (and
 * fwmark) of its virtual_server_group.  Its destinations are the real
 * servers that are up (at their weight, or a checker's), the down ones
 * with inhibit_on_failure at weight 0, and the sorry server while it is
 * active (the real servers that are up then leave the table), or at weight
 * 0 with sorry_server_inhibit when it is not.  An undecided real server
 * (health.h) is desired only `if_present`: kept as the kernel has it.
 *
 * Each object remembers the configuration position that produced it, so a
 * kernel refusal is reported as FILE:LINE:COL.  Services and destinations
 * are sorted by key (ipvs_service_key_cmp / ipvs_dest_key_cmp), so the
 * planner walks the table and a kernel dump side by side.
 */
#ifndef LVSD_IPVS_DESIRED_H
#define LVSD_IPVS_DESIRED_H

#include <stddef.h>

#include "check/health.h"
#include "config/config.h"
#include "ipvs/ipvs.h"

struct desired_dest {
	struct ipvs_dest d;
	struct cfg_pos pos;             /* real_server or sorry_server line */
	const struct cfg_real_server *rs;
	bool sorry;                     /* the sorry server */
	bool if_present;                /* undecided real server: keep the
	                                 * kernel's entry untouched, never
	                                 * add it (plan.h) */
};

struct desired_service {
	struct ipvs_service s;
	struct cfg_pos pos;             /* virtual_server (or group entry) */
	const struct cfg_virtual_server *vs;
	struct desired_dest *dests;
	size_t n_dests;
};

/* Two configuration lines that produce the same kernel service. */
struct desired_conflict {
	struct cfg_pos pos, first;
	char key[80];
};

struct desired_table {
	struct desired_service *svcs;
	size_t n_svcs;
	struct desired_conflict *conflicts;
	size_t n_conflicts;
};

/*
 * Build the table for every virtual server of `cfg` (vs == NULL), or for
 * the services of one virtual server.  `hv` may be NULL (everyone up).
 * Replaces *t's content (call desired_free first when reusing).
 */
void desired_build(struct desired_table *t, const struct lvsd_config *cfg,
    const struct cfg_virtual_server *vs, const struct health_view *hv);
void desired_free(struct desired_table *t);

/* Binary search; NULL when absent. */
const struct desired_service *desired_find(const struct desired_table *t,
    const struct ipvs_service_key *k);

/* Total orders for sorting and merging (af, fwmark, protocol, addr, port). */
int ipvs_service_key_cmp(const struct ipvs_service_key *a,
    const struct ipvs_service_key *b);
int ipvs_dest_key_cmp(const struct ipvs_dest_key *a,
    const struct ipvs_dest_key *b);

#endif
